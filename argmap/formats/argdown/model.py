"""The Argdown document model, built from the parse tree the way Argdown 1.7.5's
ModelPlugin and DataPlugin build it: equivalence classes of statements, arguments
with premise-conclusion structures, relations, sections (headings) and tags.

Same walk, same title numbering ("Untitled N"), same relation clean-up steps
(relations of reconstructed arguments move to their conclusions, undercuts to
inferences, strict mode turns statement support/attack into entails/contrary), so
the counts match `argdown json`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.formats.argdown import lexer as L
from argmap.formats.argdown.lexer import Token
from argmap.formats.argdown.parser import Node
from argmap.formats.common import check_expansion

SHORTCODES = {
    "A": "∀", "E": "∃", "O": "𝗢", "P": "𝗣", "->": "→", "<->": "↔", "~": "¬", "^": "∧", "v": "∨",
    "v_": "⊻", "<>": "◇", "[]": "◻", "happy": "😀", "smile": "☺", "smiley": "☺", "laugh": "😆",
    "lol": "😆", "rofl": "🤣", "joy": "😂", "heart": "❤", "?": "❓", "question": "❓", "love": "😍",
    "wink": "😉", "shush": "🤫", "meh": "😐", "eye-roll": "🙄", "sad": "😢", "disappointed": "😞",
    "scream": "😱", "+1": "👍", "up": "👍", "-1": "👎", "down": "👎", "think": "🤔", "star": "⭐",
    "y": "✔", "agree": "✔", "n": "❌", "disagree": "❌",
}  # fmt: skip

PREMISE = "premise"
INTERMEDIARY_CONCLUSION = "intermediary-conclusion"
MAIN_CONCLUSION = "main-conclusion"
TOP_LEVEL = "top-level-statement"
RELATION_STATEMENT = "relation-statement"
ARGUMENT_DESCRIPTION = "argument-description"

_DEF = re.compile(r"\[(.+)\]:")
_REF = re.compile(r"\[(.+)\]")
_ARG_DEF = re.compile(r"<(.+)>:")
_ARG_REF = re.compile(r"<(.+)>")
_LINK = re.compile(r"\[(.+)\]\((.+)\)", re.S)
_BLOCK_START = re.compile(r"^\{[ \t]*(\n\r|\n)")
_BLOCK_END = re.compile(r"\}" + L.JS_S + "*$")


class ModelError(Exception):
    def __init__(self, token: Token | None, message: str) -> None:
        super().__init__(message)
        self.line = token.line if token else 1
        self.col = token.col if token else 1
        self.message = message


@dataclass(eq=False)
class Statement:
    role: str | None = None
    title: str | None = None
    text: str = ""
    tags: list[str] = field(default_factory=list)
    data: Any = None
    is_reference: bool = False
    section: Section | None = None
    inference: Inference | None = None
    line: int = 0


def js_trim(text: str) -> str:
    """JavaScript's String.prototype.trim, which Argdown uses on rules, headings and shortcodes."""
    return text.strip(L.JS_SPACE)


def _first_text(members: list[Statement]) -> str:
    return next((m.text.strip() for m in members if m.text.strip()), "")


@dataclass(eq=False)
class EquivalenceClass:
    title: str
    members: list[Statement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: Any = None
    section: Section | None = None
    kind: str = "equivalence-class"

    @property
    def text(self) -> str:
        """The text of the first member that has one (references have none)."""
        return _first_text(self.members)


@dataclass(eq=False)
class Inference:
    argument_title: str | None = None
    rules: list[str] = field(default_factory=list)
    data: Any = None
    relations: list[Relation] = field(default_factory=list)
    conclusion_index: int = 0
    kind: str = "inference"


@dataclass(eq=False)
class Argument:
    title: str
    members: list[Statement] = field(default_factory=list)  # descriptions
    pcs: list[Statement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: Any = None
    section: Section | None = None
    kind: str = "argument"

    @property
    def description(self) -> str:
        return _first_text(self.members)


Element = EquivalenceClass | Argument | Inference


@dataclass(eq=False)
class Relation:
    type: str  # support attack undercut contradictory (strict: entails contrary)
    source: Element | None = None
    target: Element | None = None
    occurrences: int = 1


@dataclass(eq=False)
class Section:
    id: str
    level: int
    title: str
    tags: list[str] = field(default_factory=list)
    data: Any = None
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)


@dataclass
class ArgdownDocument:
    statements: dict[str, EquivalenceClass] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    front_matter: Any = None
    # not in Argdown's JSON, kept for the conversion to argmap:
    reconstructed: list[Argument] = field(default_factory=list)  # in the order of their pcs
    generated_titles: set[str] = field(default_factory=set)  # "Untitled N" given by the parser

    def counts(self) -> dict:
        by_type: dict[str, int] = {}
        for r in self.relations:
            by_type[r.type] = by_type.get(r.type, 0) + 1
        return {"statements": len(self.statements), "arguments": len(self.arguments), "relations": dict(sorted(by_type.items()))}


def _is_reconstructed(a: Element | None) -> bool:
    return isinstance(a, Argument) and len(a.pcs) > 0


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# argmap's Argdown export writes these argmap: keys as one JSON line each: read them
# with the JSON parser (thousands of ids take the YAML parser a quarter of a second)
_MACHINE_LINE = re.compile(r"^  (claim_ids|untitled|argument_ids|claim_order|argument_order): ([\[{].*)$\n?", re.M)


def _machine_lines(image: str) -> tuple[str, dict]:
    machine: dict = {}

    def take(m: re.Match) -> str:
        try:
            machine[m.group(1)] = json.loads(m.group(2))
        except ValueError:
            return m.group(0)  # not JSON after all: the YAML parser reads it
        return ""

    if "argmap:" not in image:
        return image, machine
    return _MACHINE_LINE.sub(take, image), machine


def _load_yaml(text: str, token: Token) -> Any:
    stripped = text.strip()
    if stripped[:1] in ("{", "[") or stripped[:1] == '"':
        try:  # JSON is YAML; the JSON parser is much faster (argmap writes its data as JSON)
            value = json.loads(stripped)
        except (ValueError, RecursionError):
            pass
        else:
            try:  # "\ud800" is valid JSON but half a character: nothing could write it out
                json.dumps(value, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError:
                raise ModelError(token, "invalid data: a lone UTF-16 surrogate (\\ud800-\\udfff) is not a character") from None
            return value
    try:
        value = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = Token(token.type, "", token.offset, token.line + (mark.line if mark else 0), (mark.column + 1) if mark else token.col)
        raise ModelError(where, f"invalid YAML data: {getattr(e, 'problem', None) or e}") from None
    except (ValueError, RecursionError) as e:  # an integer of 5,000 digits; nesting past Python's stack
        raise ModelError(token, f"invalid YAML data: {str(e).split(';')[0]}") from None
    problem = check_expansion(value, text)
    if problem:
        raise ModelError(token, problem)
    return value


def _js_remove(items: list, item: Any) -> None:
    """Array.splice(indexOf(item), 1): when item is missing, JavaScript removes the last element."""
    for i, x in enumerate(items):
        if x is item:
            del items[i]
            return
    if items:
        items.pop()


def _merge(a: Any, b: Any) -> Any:
    """lodash.merge for plain data: deep-merge dicts, b wins."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for k, v in b.items():
            out[k] = _merge(out.get(k), v) if k in out else v
        return out
    return b if b is not None else a


_TOKEN_LISTENED = frozenset(
    {L.STATEMENT_DEFINITION, L.STATEMENT_REFERENCE, L.ARGUMENT_REFERENCE, L.ARGUMENT_DEFINITION, L.STATEMENT_MENTION,
     L.ARGUMENT_MENTION, L.LINK, L.TAG, L.NEWLINE, L.DATA, L.FRONT_MATTER}
)  # fmt: skip


class ModelBuilder:
    def __init__(self, remove_tags_from_text: bool | None = None) -> None:
        """remove_tags_from_text: None = Argdown's default (keep) unless the front matter
        sets model.removeTagsFromText; True/False = fixed."""
        self.doc = ArgdownDocument()
        self.counter = 0
        self.current_statement: Statement | None = None
        self.current_relation_parent: Any = None
        self.current_pcs: Argument | None = None
        self.current_inference: Inference | None = None
        self.parents_stack: list[Any] = []
        self.current_relation: Relation | None = None
        self.current_heading: Node | None = None
        self.heading_text = ""
        self.heading_tags: list[str] = []
        self.current_section: Section | None = None
        self.section_counter = 0
        self.remove_tags = bool(remove_tags_from_text)
        self.remove_tags_fixed = remove_tags_from_text is not None
        self.mode = "loose"
        self.shortcodes: dict[str, str] = {}  # the front matter's own, by their whole code
        self._handlers: dict[str, tuple] = {}

    # ---------------------------------------------------------------- helpers
    def unique_title(self) -> str:
        self.counter += 1
        title = f"Untitled {self.counter}"
        self.doc.generated_titles.add(title)
        return title

    def ec(self, title: str) -> EquivalenceClass:
        found = self.doc.statements.get(title)
        if found is None:
            found = self.doc.statements[title] = EquivalenceClass(title)
        return found

    def get_argument(self, title: str | None) -> Argument:
        arg = self.doc.arguments.get(title) if title else None
        if arg is None:
            arg = Argument(title or self.unique_title())
            self.doc.arguments[arg.title] = arg
        self.current_relation_parent = arg
        return arg

    def relation_member(self, parent: Any) -> Any:
        if isinstance(parent, Statement):
            if not parent.title:
                parent.title = self.unique_title()
            if parent.role == ARGUMENT_DESCRIPTION:
                return self.get_argument(parent.title)
            return self.ec(parent.title)
        return parent

    def _append_text(self, s: str) -> None:
        if self.current_heading is not None:
            self.heading_text += s
        elif self.current_statement is not None:
            self.current_statement.text += s

    def _current_text(self) -> str | None:
        if self.current_heading is not None:
            return self.heading_text
        if self.current_statement is not None:
            return self.current_statement.text
        return None

    # ---------------------------------------------------------------- walk
    def build(self, tree: Node) -> ArgdownDocument:
        self.visit(tree, None, None)
        self.finish()
        return self.doc

    def visit(self, node: Node, parent: Node | None, index: int | None) -> None:
        handlers = self._handlers.get(node.name)
        if handlers is None:
            handlers = self._handlers[node.name] = (getattr(self, "enter_" + node.name, None), getattr(self, "exit_" + node.name, None))
        enter, leave = handlers
        if enter:
            enter(node, parent, index)
        if node.name != "freestyleText":  # its tokens have no listeners; its entry reads them
            for i, child in enumerate(node.children):
                if child.__class__ is Token:
                    if child.type in _TOKEN_LISTENED:
                        self.token(child, node, i)
                else:
                    self.visit(child, node, i)
        if leave:
            leave(node, parent, index)

    def token(self, t: Token, parent: Node, index: int) -> None:
        k = t.type
        st = self.current_statement
        if k == L.NEWLINE:
            text = self._current_text()
            if text is None:
                return
            if index != len(parent.children) - 1 and not text.endswith(" "):
                self._append_text(" ")
        elif k == L.STATEMENT_DEFINITION:
            m = _DEF.match(t.image)
            if m and st is not None:
                st.title = m.group(1)
        elif k == L.STATEMENT_REFERENCE:
            m = _REF.match(t.image)
            if m and st is not None:
                st.title = m.group(1)
                st.is_reference = True
        elif k == L.ARGUMENT_REFERENCE:
            m = _ARG_REF.match(t.image)
            if m and st is not None:
                st.title = m.group(1)
                st.is_reference = True
        elif k == L.ARGUMENT_DEFINITION:
            m = _ARG_DEF.match(t.image)
            if m and st is not None:
                st.title = m.group(1)
        elif k in (L.STATEMENT_MENTION, L.ARGUMENT_MENTION):
            self._append_text(t.image)
        elif k == L.LINK:
            if self._current_text() is None:
                return
            m = _LINK.match(t.image)
            self._append_text(m.group(1) if m else t.image)
            if t.image.endswith(" "):
                self._append_text(" ")
        elif k == L.TAG:
            if self._current_text() is None:
                return
            m = L.TAG_RE.match(t.image)
            tag = (m.group(1) or m.group(2)) if m else t.image.strip()
            if not self.remove_tags:
                self._append_text(t.image)
            tags = self.heading_tags if self.current_heading is not None else st.tags  # type: ignore[union-attr]
            if tag not in tags:
                tags.append(tag)
            if tag not in self.doc.tags:
                self.doc.tags.append(tag)
        elif k == L.DATA:
            image = t.image
            m = _BLOCK_START.match(image)
            if m:
                image = _BLOCK_END.sub("", image[m.end():])
            parent.data = _load_yaml(image, t)
        elif k == L.FRONT_MATTER:
            image = re.sub(r"^" + L.JS_S + "*={3,}", "", t.image)
            image = re.sub(r"={3,}" + L.JS_S + "*$", "", image)
            image, machine = _machine_lines(image)
            data = _load_yaml(image, t)
            if machine and isinstance(data, dict) and isinstance(data.get("argmap"), dict):
                data["argmap"].update(machine)
            self.doc.front_matter = data
            if isinstance(data, dict):
                model = data.get("model")
                if isinstance(model, dict):
                    if model.get("mode") in ("strict", "loose"):
                        self.mode = model["mode"]
                    if isinstance(model.get("removeTagsFromText"), bool) and not self.remove_tags_fixed:
                        self.remove_tags = model["removeTagsFromText"]
                    self._custom_shortcodes(model.get("shortcodes"))

    def _custom_shortcodes(self, shortcodes: Any) -> None:
        """Front matter `model: shortcodes: {":bomb:": {unicode: "💣"}}` (keys with
        their delimiters), beside the built-in ones."""
        for key, value in shortcodes.items() if isinstance(shortcodes, dict) else ():
            if isinstance(key, str) and len(key.strip()) > 2 and isinstance(value, dict) and isinstance(value.get("unicode"), str):
                self.shortcodes[key.strip()] = value["unicode"]

    # headings
    def enter_heading(self, node: Node, parent, index) -> None:
        self.current_heading = node
        self.heading_text = ""
        self.heading_tags = []

    def exit_heading(self, node: Node, parent, index) -> None:
        level = len(node.children[0].image) - 1
        self.section_counter += 1
        section = Section(f"s{self.section_counter}", level, js_trim(self.heading_text), list(self.heading_tags), node.data)
        previous = self.current_section
        while previous is not None and previous.level >= level:
            previous = previous.parent
        if previous is not None and previous.level < level:
            previous.children.append(section)
            section.parent = previous
        else:
            self.doc.sections.append(section)
        self.current_section = section
        self.current_heading = None

    # statements
    def enter_statement(self, node: Node, parent: Node, index) -> None:
        st = Statement()
        tok = node.first_token()
        st.line = tok.line if tok else 0
        if parent.name == "argdown":
            st.role = TOP_LEVEL
        elif self.current_relation is not None:
            st.role = RELATION_STATEMENT
        self.current_statement = st
        self.current_relation_parent = st
        node.statement = st

    def exit_statement(self, node: Node, parent, index) -> None:
        st = node.statement
        st.data = node.data
        if not st.title:
            st.title = self.unique_title()
        self._add_member(self.ec(st.title), st)
        self.current_statement = None

    # arguments
    def enter_argument(self, node: Node, parent: Node | None, index) -> None:
        desc = Statement(role=ARGUMENT_DESCRIPTION)
        tok = node.first_token()
        desc.line = tok.line if tok else 0
        if self.current_section is not None:
            desc.section = self.current_section
        self.current_statement = desc
        self.current_relation_parent = desc
        node.statement = desc

    def exit_argument(self, node: Node, parent, index) -> None:
        desc = node.statement
        desc.data = node.data
        if not desc.title:
            desc.title = self.unique_title()
        arg = self.get_argument(desc.title)
        node.argument = arg
        self._add_member(arg, desc)
        self.current_statement = None

    def _add_member(self, owner: EquivalenceClass | Argument, member: Statement) -> None:
        """A statement (or argument description) joins its class: tags and data merge
        in, and the first definition outside a group places the class in a section."""
        for tag in member.tags:
            if tag not in owner.tags:
                owner.tags.append(tag)
        if member.data is not None:
            owner.data = _merge(owner.data, member.data)
        if self.current_section is not None:
            member.section = self.current_section
        owner.members.append(member)
        in_group = member.data.get("isInGroup") if isinstance(member.data, dict) else None
        if in_group is True or (not member.is_reference and in_group is None and owner.section is None):
            owner.section = member.section

    # premise-conclusion structures
    def enter_pcs(self, node: Node, parent: Node, index: int) -> None:
        arg = None
        if index and index > 0:
            prev = parent.children[index - 1]
            if isinstance(prev, Node) and prev.name == "argument":
                arg = prev.argument
            elif isinstance(prev, Token) and prev.type == L.EMPTYLINE and index > 1:
                prev = parent.children[index - 2]
                if isinstance(prev, Node) and prev.name == "argument":
                    arg = prev.argument
        if arg is None:
            arg = self.get_argument(None)
        if self.current_section is not None:
            arg.section = self.current_section
        if arg.pcs:
            raise ModelError(node.first_token(), f"more than one premise-conclusion structure for argument <{arg.title}>; an argument has one")
        node.argument = arg
        self.current_pcs = arg
        self.doc.reconstructed.append(arg)

    def exit_pcs(self, node: Node, parent, index) -> None:
        arg = node.argument
        last = arg.pcs[-1]
        if last.role == INTERMEDIARY_CONCLUSION:
            last.role = MAIN_CONCLUSION
        else:
            raise ModelError(node.first_token(), f"argument <{arg.title}> has no conclusion")
        self.current_statement = None
        self.current_pcs = None

    def exit_pcsStatement(self, node: Node, parent: Node, index: int) -> None:
        st = node.children[1].statement
        pcs = self.current_pcs
        self.ec(st.title)
        st.role = PREMISE
        if index and index > 0:
            prev = parent.children[index - 1]
            if isinstance(prev, Node) and prev.name == "inference":
                st.role = INTERMEDIARY_CONCLUSION
                st.inference = prev.inference
                st.inference.conclusion_index = len(pcs.pcs)
                st.inference.argument_title = pcs.title
        pcs.pcs.append(st)
        node.statement = st

    def enter_inference(self, node: Node, parent, index) -> None:
        inf = Inference()
        node.inference = inf
        self.current_inference = inf
        self.current_relation_parent = inf
        self.parents_stack.append(inf)

    def exit_inference(self, node: Node, parent, index) -> None:
        if self.current_inference is not None:
            self.current_inference.data = node.data

    def exit_inferenceRules(self, node: Node, parent, index) -> None:
        if self.current_inference is None:
            return
        for child in node.children:
            if isinstance(child, Node) and child.name == "freestyleText":
                self.current_inference.rules.append(js_trim(child.text))

    # relations
    def _start_relation(self, node: Node, kind: str, parent_is_source: bool) -> None:
        target = self.parents_stack[-1] if self.parents_stack else None
        rel = Relation(kind)
        if parent_is_source:
            rel.source = target
        else:
            rel.target = target
        self.current_relation = rel
        node.relation = rel

    def enter_incomingSupport(self, node, parent, index):
        self._start_relation(node, "support", True)

    def enter_incomingAttack(self, node, parent, index):
        self._start_relation(node, "attack", True)

    def enter_outgoingSupport(self, node, parent, index):
        self._start_relation(node, "support", False)

    def enter_outgoingAttack(self, node, parent, index):
        self._start_relation(node, "attack", False)

    def enter_contradiction(self, node, parent, index):
        self._start_relation(node, "contradictory", True)

    def enter_incomingUndercut(self, node, parent, index):
        self._start_relation(node, "undercut", True)

    def enter_outgoingUndercut(self, node, parent, index):
        target = self.parents_stack[-1] if self.parents_stack else None
        rel = Relation("undercut")
        if isinstance(target, EquivalenceClass) and self.current_inference is not None:
            rel.target = self.current_inference
        else:
            rel.target = target
        self.current_relation = rel
        node.relation = rel

    def _exit_relation(self, node: Node, parent, index) -> None:
        rel: Relation = node.relation
        content = node.children[1]
        member = self.relation_member(content.argument or content.statement)
        if rel.source is not None:
            rel.target = member
        else:
            rel.source = member
        for existing in rel.source.relations:
            if existing.target is rel.target and existing.type == rel.type:
                existing.occurrences += 1
                return
            if rel.type == "contradictory" and existing.type == rel.type and existing.source is rel.target and existing.target is rel.source:
                existing.occurrences += 1
                return
        if rel.source is None or rel.target is None:
            raise ModelError(node.first_token(), "relation without source or target")
        self.doc.relations.append(rel)
        rel.source.relations.append(rel)
        rel.target.relations.append(rel)

    exit_incomingSupport = exit_incomingAttack = exit_outgoingSupport = exit_outgoingAttack = _exit_relation
    exit_contradiction = exit_incomingUndercut = exit_outgoingUndercut = _exit_relation

    def enter_relations(self, node, parent, index) -> None:
        if self.current_relation_parent is None:
            raise ModelError(node.first_token(), "relation without a parent")
        self.parents_stack.append(self.relation_member(self.current_relation_parent))

    def exit_relations(self, node, parent, index) -> None:
        self.current_relation = None
        self.parents_stack.pop()

    # text
    def enter_freestyleText(self, node: Node, parent, index) -> None:
        parts = []
        for child in node.children:
            if child.type == L.ESCAPED_CHAR:
                parts.append(child.image[1:])
            elif child.type == L.SPECIAL_CHAR:
                image = js_trim(child.image)
                code = self.shortcodes.get(image) or SHORTCODES.get(image[1:-1])
                if code and image[0] == image[-1]:
                    parts.append(code + (" " if child.image.endswith(" ") else ""))
                else:
                    parts.append(child.image)
            else:
                parts.append(child.image)
        node.text = "".join(parts)
        if self._current_text() is not None:
            self._append_text(node.text)

    def _exit_range(self, node: Node, parent, index) -> None:
        if self._current_text() is None:
            return
        end = node.children[-1]
        if isinstance(end, Token) and end.image.endswith(" "):
            self._append_text(" ")

    exit_bold = exit_italic = _exit_range

    # ---------------------------------------------------------------- clean-up
    def finish(self) -> None:
        for ec in self.doc.statements.values():
            if ec.section is None and ec.members:
                ec.section = ec.members[0].section
        for arg in self.doc.arguments.values():
            if arg.section is None and arg.members:
                arg.section = arg.members[0].section
        self._transform_argument_relations()
        if self.mode == "strict":
            self._transform_statement_relations()
        self._remove_redundant_ec_to_argument()

    def _transform_argument_relations(self) -> None:
        kept = []
        for rel in self.doc.relations:
            add = True
            if _is_reconstructed(rel.source):
                arg: Argument = rel.source  # type: ignore[assignment]
                _js_remove(arg.relations, rel)
                ec = self.doc.statements[arg.pcs[-1].title]
                rel.source = ec
                existing = next((r for r in ec.relations if r.target is rel.target and r.type == rel.type), None)
                if existing is None:
                    ec.relations.append(rel)
                else:
                    existing.occurrences += rel.occurrences
                    _js_remove(rel.target.relations, rel)
                    add = False
            if _is_reconstructed(rel.target) and rel.type == "undercut":
                inference = rel.target.pcs[-1].inference  # type: ignore[union-attr]
                rel.target = inference
                _js_remove(inference.relations, rel)
                existing = next((r for r in inference.relations if r.source is rel.source and r.type == rel.type), None)
                if existing is None:
                    inference.relations.append(rel)
                else:
                    existing.occurrences += rel.occurrences
                    _js_remove(rel.source.relations, rel)
                    add = False
            if add:
                kept.append(rel)
        self.doc.relations = kept

    def _transform_statement_relations(self) -> None:
        kept = []
        for rel in self.doc.relations:
            if isinstance(rel.source, EquivalenceClass) and isinstance(rel.target, EquivalenceClass):
                if rel.type == "support":
                    rel.type = "entails"
                elif rel.type == "attack":
                    dup = any(
                        r.type == "contrary" and ((r.source is rel.source and r.target is rel.target) or (r.source is rel.target and r.target is rel.source))
                        for r in rel.source.relations
                    )
                    if dup:
                        _js_remove(rel.source.relations, rel)
                        _js_remove(rel.target.relations, rel)
                        continue
                    rel.type = "contrary"
            kept.append(rel)
        self.doc.relations = kept

    def _remove_redundant_ec_to_argument(self) -> None:
        kept = []
        for rel in self.doc.relations:
            if not (isinstance(rel.source, EquivalenceClass) and rel.type == "attack" and isinstance(rel.target, Argument) and rel.target.pcs):
                kept.append(rel)
                continue
            ec, arg = rel.source, rel.target
            premises = {s.title for s in arg.pcs if s.role == PREMISE}

            def other(r: Relation) -> Any:
                return r.target if r.source is ec else r.source

            match = next(
                (
                    r
                    for r in ec.relations
                    if isinstance(other(r), EquivalenceClass)
                    and ((r.type == "attack" and r.source is ec) or r.type in ("contradictory", "contrary"))
                    and other(r).title in premises
                ),
                None,
            )
            if match is not None:
                _js_remove(ec.relations, rel)
                _js_remove(arg.relations, rel)
                match.occurrences += rel.occurrences
                continue
            kept.append(rel)
        self.doc.relations = kept
