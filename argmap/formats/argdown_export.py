"""argmap map -> Argdown text that people can read, that Argdown 1.7.5 parses
without errors and that `argmap import` reads back into the same map.

Layout:

    ===                               front matter: the title, and an `argmap:` block
    title: ...                        with the thesis, sources and other map fields
    argmap: ...                       (and, only where titles do not give them back,
    ===                               the ids and the order of the arguments)

    [Informal alliance]: text #(tag)  simple relations (one premise, no scheme, no
      + [Aligned interests]: text     note) as trees, the thesis's first; each claim
        - [Objection]: text {data}    written out where it first appears (titled by
      + [Shared ideology]: text       its title, else the first words of its text;
                                      fields Argdown has no syntax for in {data}) and
                                      referred to by its title after
    <Interests and ideology>: note    the others as premise-conclusion structures,
                                      each once its target is written out, the trees
                                      of the claims it writes out right after it:

    (1) [premise]: text               (a claim no tree holds is written out in the
    (2) [co-premise]                  first structure that uses it)
    -- scheme --
    (3) [target claim]                support: the conclusion is the target

    (2) [<title> conclusion]          attack: an implicit conclusion (no text) that
        -> [target claim]             attacks the target, or
        _> <undercut argument>        undercuts that argument's inference

    <Undercut argument>               a simple undercut of such an argument
      _ [undercutter]

    [Lonely claim]: text              claims in no argument last
"""

from __future__ import annotations

import json
import re
from collections import Counter, deque
from functools import lru_cache

import yaml

from argmap.formats.common import MAX_ID, claim_extra_fields, deep_recursion, id_for_title, normalize_text
from argmap.formats.common import question_dicts, scheme_from_name, scheme_name
from argmap.formats.argdown.lexer import _RE, SPECIAL_CHAR
from argmap.formats.argdown.model import SHORTCODES, js_trim
from argmap.model import ArgumentMap, Claim, item_dict

_ALWAYS = set("\\[<#*_{")
# the Argdown CLI replaces `@include(...)` anywhere in the file before parsing (and
# argmap does the same): no text, title, tag or data may spell it out
_INCLUDE_NAME, INCLUDE = "@include", "@include("
_RISKY = re.compile(r"[\\\[\]<>@#*_{}/=.:,\-]")


def _escape_minimal(text: str) -> str:
    out = []
    i, n = 0, len(text)
    equals = "===" in text
    while i < n:
        c = text[i]
        if c in _ALWAYS or (equals and c == "="):
            out.append("\\" + c)
        elif c == "/" and i + 1 < n and text[i + 1] in "/*":
            out.append("\\/")
        elif c in ".:":
            m = _RE[SPECIAL_CHAR].match(text, i)
            if m and m.group(0).strip()[1:-1] in SHORTCODES:
                out.append("\\" + c)
            elif m:
                out.append(m.group(0))
                i = m.end()
                continue
            else:
                out.append(c)
        else:
            out.append(c)
        i += 1
    # the CLI replaces `@include(...)` in the raw text, escaped `@` or not (escape_text
    # checks that this reads back, as every escape)
    escaped = "".join(out).replace(INCLUDE, _INCLUDE_NAME + "\\(")
    if escaped.endswith("\\"):
        escaped += " "
    return escaped


def _escape_all(text: str) -> str:
    return "".join("\\" + c if not (c.isalnum() or c == " ") else c for c in text)


def _statement_text(source: str) -> str | None:
    from argmap.formats.argdown import ArgdownSyntaxError, parse

    try:
        doc = parse(f"[x]: {source}\n", remove_tags_from_text=True)
    except ArgdownSyntaxError:
        return None
    ec = doc.statements.get("x")
    return normalize_text(ec.text) if ec and len(doc.statements) == 1 and not doc.relations and not doc.tags else None


def escape_text(text: str) -> str:
    """Text -> Argdown statement content that reads back as the same (normalized) text."""
    text = normalize_text(text)
    if not _RISKY.search(text):
        return text
    for escaper in (_escape_minimal, _escape_all):
        escaped = escaper(text)
        if _statement_text(escaped) == text:
            return escaped
    return _escape_all(text)


def _inference_line(a) -> str:
    """`-- rule name {data} --`: the scheme's name as the inference rule (a catalogue
    scheme's name, which Argdown users read), the id in the data where the name alone
    would not read back as it, and the critical questions' states."""
    rule = js_trim(normalize_text(scheme_name(a.scheme))) if a.scheme else ""  # as Argdown reads it back
    data: dict = {}
    if a.scheme is not None and (not a.scheme or scheme_from_name(rule) != a.scheme):  # "" too: it is not None
        data["scheme"] = a.scheme
    if a.questions:
        data["questions"] = question_dicts(a)
    inside = " ".join(x for x in (_scheme_text(rule) if rule else "", _json_data(data) if data else "") if x)
    return f"-- {inside} --" if inside else "----"


def _scheme_text(scheme: str) -> str:
    scheme = normalize_text(scheme)
    return _escape_all(scheme) if _RISKY.search(scheme) else scheme


# braces would end Argdown's {data} token, "===" its front matter; the rest are
# characters YAML readers reject or read as line breaks
# and angle brackets: `>:` ends an argument's title (`<a>: note`) even inside data
_UNSAFE = re.compile("[{}=<>\r\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _json_data(value) -> str:
    """JSON (valid YAML flow) that Argdown's {data} token cannot cut short."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json_data(k)}: {_json_data(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_json_data(v) for v in value) + "]"
    if isinstance(value, str):
        quoted = _UNSAFE.sub(lambda mt: f"\\u{ord(mt.group(0)):04x}", json.dumps(value, ensure_ascii=False))
        return quoted.replace(INCLUDE, "\\u0040include(")
    return json.dumps(value)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _front_matter(m: ArgumentMap, thesis_title: str, machine: dict) -> str:
    extra: dict = {"thesis": thesis_title}
    if m.description:
        extra["description"] = m.description
    if m.authors:
        extra["authors"] = list(m.authors)
    if m.created:
        extra["created"] = m.created
    if m.modified:
        extra["modified"] = m.modified
    if m.sources:
        extra["sources"] = [item_dict(s) for s in m.sources]
    if m.reconstructs:
        extra["reconstructs"] = list(m.reconstructs)
    data = {"title": m.title, "argmap": extra} if m.title else {"argmap": extra}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6)
    try:
        faithful = yaml.load(body, Loader=_YAML_LOADER) == data
    except yaml.YAMLError:
        faithful = False
    if "===" in body or INCLUDE in body or not faithful:
        data["argmap"] |= machine
        return f"===\n{_json_data(data)}\n===\n"
    # the ids and order for the importer: one line each (JSON, which is YAML and which
    # _json_data keeps faithful), out of the reader's way
    body += "".join(f"  {key}: {_json_data(value)}\n" for key, value in machine.items())
    return f"===\n{body}===\n"


MAX_TREE_DEPTH = 12  # deeper relations start a tree of their own (readable, and no deep nesting)
_MECHANICAL_ID = re.compile(r"^[A-Za-z]{0,6}[-_.:]?\d+(?:[-_.:]\d+)*$")  # a1, arg-12, 1.2.3
_BAD_TITLE = re.compile(r"[\[\]<>\n\r\u2028\u2029{}#]")


_PLAIN_TITLE = re.compile(r"^[^\W_](?:[A-Za-z0-9 '’-]*[A-Za-z0-9'’])?$")


def _usable_title(title: str | None) -> bool:
    """Can `[title]` and `<title>` carry this title through Argdown unchanged?"""
    if not title or title != title.strip() or _BAD_TITLE.search(title) or INCLUDE in title:
        return False
    return bool(_PLAIN_TITLE.match(title)) or _title_reads_back(title)


@lru_cache(maxsize=4096)
def _title_reads_back(title: str) -> bool:
    from argmap.formats.argdown import ArgdownSyntaxError, parse

    try:
        doc = parse(f"[{title}]: x\n\n<{title}>\n\n(1) [{title}]\n----\n(2) [y]\n")
    except ArgdownSyntaxError:
        return False
    return list(doc.statements) == [title, "y"] and list(doc.arguments) == [title] and not doc.relations


# A made-up title should not end on one of these ("Cities should ban cars from").
_SMALL_WORDS = frozenset("""a an the and or but nor of to in on at by for from with into onto as than
    that which who whose is are was were be been being has have had do does did not no its their his her
    our your my this these those it they we he she will would can could should may might must""".split())


def _words_title(text: str, fallback: str) -> str:
    """A short title from the first five words of a text, less the small words at its
    end ("Cities should ban cars", not "Cities should ban cars from")."""
    words = re.sub(r"[^\w'’ -]+", " ", normalize_text(text)).split()[:5]
    end = len(words)
    while end > 1 and words[end - 1].lower() in _SMALL_WORDS:
        end -= 1
    if words[:1] and words[0].lower() in _SMALL_WORDS and end == 1:
        end = len(words)  # nothing but small words: keep them all ("It is")
    title = " ".join(words[:end]).strip("-'_ ")
    return title if _usable_title(title) else fallback


class _Titles:
    """Argdown titles for claims and arguments, unique per kind, and the front-matter
    entries that give back the ids (and missing titles) they do not."""

    def __init__(self, m: ArgumentMap, reconstructed: list) -> None:
        self.claim_ids: dict[str, str] = {}  # title -> id, where id_for_title(title) is another id
        self.untitled: list[str] = []  # titles made up for claims that have none
        real = {c.id: c.title for c in m.claims if c.title is not None and _usable_title(c.title)}
        self.claim = self._assign([c.id for c in m.claims], real, {c.id: _words_title(c.text, c.id) for c in m.claims if c.id not in real})
        for c in m.claims:
            title = self.claim[c.id]
            if id_for_title(title) != c.id:
                self.claim_ids[title] = c.id
            if c.id not in real or title != c.title or c.title == c.id:
                self.untitled.append(title)
        self.argument_ids: dict[str, str] = {}
        text = {c.id: c.text for c in m.claims}
        ids = [a.id for a in reconstructed]
        self.argument = self._assign(ids, {i: i for i in ids if not _MECHANICAL_ID.match(i)},
                                     {a.id: _words_title(text[a.premises[0]], a.id) for a in reconstructed if _MECHANICAL_ID.match(a.id)})
        for aid, title in self.argument.items():
            if id_for_title(title) != aid:
                self.argument_ids[title] = aid

    @classmethod
    def _assign(cls, ids: list[str], own: dict[str, str], made_up: dict[str, str]) -> dict[str, str]:
        """id -> a title unique among them: each item's own title as it is where no
        earlier item has it (a title made up from words never takes one), else numbered."""
        used: set[str] = set()
        first = {}
        for i in ids:
            if i in own and own[i] not in used:
                first[i] = own[i]
                used.add(own[i])
        return {i: first.get(i) or cls._unique(own.get(i) or made_up[i], used) for i in ids}

    @staticmethod
    def _unique(title: str, used: set[str]) -> str:
        candidate, n = title, 2
        while candidate in used:
            candidate, n = f"{title} {n}", n + 1
        used.add(candidate)
        return candidate


def _claim_block(c: Claim, title: str) -> str:
    shown = normalize_text(c.text)
    line = f"[{title}]: {escape_text(shown) if shown else '(no text)'}"
    data: dict = {}
    if c.text != shown or not shown:
        data["text"] = c.text
    if c.title is not None and (c.title != title or c.title == c.id):
        data["title"] = c.title  # a title brackets cannot carry, or one the importer would take for the id
    if c.tags:
        if all(t and ")" not in t and INCLUDE not in t and t == t.strip() and not re.search(r"[\n\r\u2028\u2029]", t) for t in c.tags):
            line += "".join(f" #({t})" for t in c.tags)
        else:
            data["tags"] = list(c.tags)
    data |= claim_extra_fields(c)
    if data:
        line += " " + _json_data(data)
    return line + "\n"


def _is_simple(a, undercut: set[str]) -> bool:
    """An argument Argdown can write as a relation line: one premise, no scheme,
    questions, note or mark, not itself undercut (an undercut needs an argument title)."""
    return (len(a.premises) == 1 and a.scheme is None and not a.questions and a.note is None
            and not a.reconstruction and a.id not in undercut)


def to_argdown(m: ArgumentMap, structures: bool = False) -> str:
    """`structures`: every argument as a premise-conclusion structure (Argdown then has
    an argument node for each, as argmap's diagrams do), no relation lines."""
    argument_ids = {a.id for a in m.arguments}
    undercut = {a.target for a in m.arguments if a.target in argument_ids}
    # the importer merges relations that repeat a structure: repeats stay reconstructions
    shapes = Counter((tuple(a.premises), a.polarity, a.target) for a in m.arguments)
    simple = {a.id for a in m.arguments
              if not structures and _is_simple(a, undercut) and shapes[(tuple(a.premises), a.polarity, a.target)] == 1}
    reconstructed = [a for a in m.arguments if a.id not in simple]
    titles = _Titles(m, reconstructed)
    writer = _TreeWriter(m, simple, titles)
    # Read from the thesis down: a structure comes once its target is written out, and
    # the trees of the claims it writes out come right after it (structures keep their
    # order, so that the importer meets them as the map has them).
    blocks, used_titles, pending, structures_out = [], set(titles.claim.values()), deque(reconstructed), set()
    while True:
        tree = writer.next_tree(written_only=True)
        # (an undercut's target is an argument, and an undercut argument is always a structure)
        if tree is None and pending and (pending[0].target in writer.defined or pending[0].target in structures_out):
            structures_out.add(pending[0].id)
            blocks.append(_reconstruction(pending.popleft(), titles, argument_ids, used_titles, writer.ref))
            continue
        tree = tree or writer.next_tree(written_only=False)
        if tree is None:
            break
        blocks.append(tree)
    blocks += [_reconstruction(a, titles, argument_ids, used_titles, writer.ref) for a in pending]
    undercut_text, undercut_order = _undercut_blocks(m, simple, titles, writer.ref)
    rest = [writer.ref(c.id) + "\n" for c in m.claims if c.id not in writer.defined]  # in no argument
    machine: dict = {}
    if titles.claim_ids:
        machine["claim_ids"] = titles.claim_ids
    if titles.untitled:
        machine["untitled"] = titles.untitled
    relation_ids = _relation_id_entries(m, simple, argument_ids)
    if titles.argument_ids or relation_ids:
        machine["argument_ids"] = titles.argument_ids | relation_ids
    if writer.written != [c.id for c in m.claims]:
        machine["claim_order"] = [c.id for c in m.claims]
    order = [a.id for a in reconstructed] + writer.order + undercut_order
    if order != [a.id for a in m.arguments]:
        machine["argument_order"] = [a.id for a in m.arguments]
    parts = [_front_matter(m, titles.claim[m.thesis], machine)]
    return "\n".join(parts + blocks + undercut_text + rest)


def _relation_id_entries(m: ArgumentMap, simple: set[str], argument_ids: set[str]) -> dict[str, str]:
    """`premise +|-|_ target` -> id for the relations whose id the importer would not
    make up itself (`premise-supports-target`)."""
    out = {}
    for a in m.arguments:
        if a.id in simple:
            p = a.premises[0]
            verb, sign = ("undercuts", "_") if a.target in argument_ids else \
                (("supports", "+") if a.polarity == "support" else ("attacks", "-"))
            if f"{p}-{verb}-{a.target}"[:MAX_ID] != a.id:
                out[f"{p} {sign} {a.target}"] = a.id
    return out


class _TreeWriter:
    """Simple supports and attacks as relation trees, the thesis first: each claim is
    written out (`[title]: text`) where it first appears, and referred to by its title
    after. Records the order Argdown meets the claims in (`written`) and reports the
    relations (`order`: a child's relation before its parent's)."""

    def __init__(self, m: ArgumentMap, simple: set[str], titles: _Titles) -> None:
        self.m, self.titles = m, titles
        self.claims = {c.id: c for c in m.claims}
        self.incoming: dict[str, list] = {}
        for a in m.arguments:
            if a.id in simple and a.target in titles.claim:
                self.incoming.setdefault(a.target, []).append(a)
        self.written: list[str] = []  # the claims written out, in order
        self.defined: set[str] = set()  # the same, to look up
        self.expanded: set[str] = set()
        self.order: list[str] = []
        self._by_map = iter([m.thesis] + [c.id for c in m.claims if c.id != m.thesis])
        self._looked_at = 0  # how many of self.written _next_written_root has looked at

    def ref(self, cid: str) -> str:
        if cid in self.defined:
            return f"[{self.titles.claim[cid]}]"
        self.defined.add(cid)
        self.written.append(cid)
        return _claim_block(self.claims[cid], self.titles.claim[cid]).rstrip("\n")

    def next_tree(self, written_only: bool) -> str | None:
        """The next tree: rooted at a claim already written out (by a tree cut at
        MAX_TREE_DEPTH, or a structure), else, unless `written_only`, at the next claim
        in the map's order (the thesis first)."""
        self._looked_at, root = self._next_written_root(self._looked_at)
        if root is None and not written_only:
            root = next((c for c in self._by_map if self._open_root(c)), None)
        if root is None:
            return None
        lines = [self.ref(root)]
        with deep_recursion():
            self._expand(root, 1, lines)
        return "\n".join(lines) + "\n"

    def _open_root(self, cid: str) -> bool:
        return cid not in self.expanded and (cid in self.incoming or cid == self.m.thesis)

    def _next_written_root(self, start: int) -> tuple[int, str | None]:
        written = self.written
        for i in range(start, len(written)):
            if written[i] in self.incoming and written[i] not in self.expanded:
                return i + 1, written[i]
        return len(written), None

    def _expand(self, node: str, depth: int, lines: list[str]) -> None:
        self.expanded.add(node)
        for a in self.incoming.get(node, ()):
            p = a.premises[0]
            lines.append(f"{'  ' * depth}{'+' if a.polarity == 'support' else '-'} {self.ref(p)}")
            if p not in self.expanded and p in self.incoming and depth < MAX_TREE_DEPTH:
                self._expand(p, depth + 1, lines)  # deeper: a tree of its own, next
            self.order.append(a.id)


def _undercut_blocks(m: ArgumentMap, simple: set[str], titles: _Titles, ref) -> tuple[list[str], list[str]]:
    by_target: dict[str, list] = {}
    for a in m.arguments:
        if a.id in simple and a.target in titles.argument:
            by_target.setdefault(a.target, []).append(a)
    blocks, order = [], []
    for target, undercuts in by_target.items():
        lines = [f"<{titles.argument[target]}>"]
        for a in undercuts:
            lines.append(f"  _ {ref(a.premises[0])}")
            order.append(a.id)
        blocks.append("\n".join(lines) + "\n")
    return blocks, order


def _reconstruction(a, titles: _Titles, argument_ids: set[str], used_titles: set[str], ref) -> str:
    """`ref(claim id)`: the claim's `[title]`, or its definition where it first appears."""
    title = titles.argument[a.id]
    marks = {"reconstruction": True} if a.reconstruction else {}
    if a.note is not None and a.note and a.note == normalize_text(a.note):
        head = f"<{title}>: {escape_text(a.note)}" + (f" {_json_data(marks)}" if marks else "")
    elif a.note is not None:
        head = f"<{title}> {_json_data({'note': a.note} | marks)}"
    else:
        head = f"<{title}>" + (f" {_json_data(marks)}" if marks else "")
    lines = [head, ""]
    for i, p in enumerate(a.premises, 1):
        lines.append(f"({i}) {ref(p)}")
    lines.append(_inference_line(a))
    n = len(a.premises) + 1
    if a.polarity == "support" and a.target not in argument_ids:
        lines.append(f"({n}) {ref(a.target)}")
    else:
        conclusion, k = f"{title} conclusion", 2
        while conclusion in used_titles:
            conclusion, k = f"{title} conclusion {k}", k + 1
        used_titles.add(conclusion)
        lines.append(f"({n}) [{conclusion}]")
        if a.target in argument_ids:
            lines.append(f"    _> <{titles.argument[a.target]}>")
        else:
            lines.append(f"    {'+>' if a.polarity == 'support' else '->'} {ref(a.target)}")
    return "\n".join(lines) + "\n"
