"""A hostile corpus (issue 21): maps, comparisons, frameworks, Argdown and AIF files
made to crash, hang or exhaust argmap, generated into a folder (the big ones are
generated, not stored). `write_corpus(folder)` returns {name: kind}; kind is one of
map, comparison, framework, argdown, aif, source (a plain text)."""

from __future__ import annotations

import json
from pathlib import Path


def _map(claims, arguments=(), **extra) -> dict:
    return {"schema_version": 2, "thesis": claims[0]["id"], "claims": list(claims), "arguments": list(arguments), **extra}


def _c(i, text=None, **extra) -> dict:
    return {"id": str(i), "text": text if text is not None else f"Claim {i}.", **extra}


def chain(depth: int) -> dict:
    """A thesis with a chain of supports `depth` deep."""
    claims = [_c(f"c{i}") for i in range(depth + 1)]
    arguments = [{"id": f"a{i}", "premises": [f"c{i + 1}"], "polarity": "support", "target": f"c{i}"} for i in range(depth)]
    return _map(claims, arguments)


def linked_disputes(n: int) -> dict:
    """n claims in pairs that attack each other, each pair attacking the thesis: 2^(n/2)
    preferred extensions."""
    claims = [_c("t")] + [_c(f"d{i}") for i in range(n)]
    arguments = []
    for i in range(0, n, 2):
        arguments += [
            {"id": f"x{i}", "premises": [f"d{i}"], "polarity": "attack", "target": f"d{i + 1}"},
            {"id": f"y{i}", "premises": [f"d{i + 1}"], "polarity": "attack", "target": f"d{i}"},
            {"id": f"z{i}", "premises": [f"d{i}"], "polarity": "attack", "target": "t"},
        ]
    return _map(claims, arguments)


def dense_disputes(n: int = 100, p: float = 0.1, seed: int = 100) -> dict:
    """n claims attacking each other at random (one pair in ten): preferred semantics
    took 10 s at 100 claims, hours at 150."""
    import random

    rng = random.Random(seed)
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and rng.random() < p]
    return _map([_c(f"a{i}") for i in range(n)],
                [{"id": f"x{k}", "premises": [f"a{i}"], "polarity": "attack", "target": f"a{j}"} for k, (i, j) in enumerate(pairs)])


ESCAPES = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b]0;pwned\x07\x9b31m\x07bell"
SOURCE_URL = "x> <img src=x onerror=alert(1)> <i"


def _maps() -> dict[str, bytes | str]:
    tiny = _map([_c("t", "Thesis."), _c("r", "Reason.")],
                [{"id": "a", "premises": ["r"], "polarity": "support", "target": "t"}])
    out: dict[str, bytes | str] = {
        "v0-arguments-null.json": json.dumps({"version": 0, "main": "t", "claims": [_c("t")], "arguments": None}),
        "v0-kind-list.json": json.dumps({"main": "t", "claims": [_c("t"), _c("r")],
                                         "arguments": [{"id": "a", "premises": ["r"], "kind": ["pro"], "target": "t"}]}),
        "v0-arguments-string.json": json.dumps({"main": "t", "claims": [_c("t")], "arguments": "abc"}),
        "bigint.json": '{"schema_version": ' + "9" * 5000 + ', "thesis": "t", "claims": [{"id": "t", "text": "T"}]}',
        "bigint-in-year.json": json.dumps(_map([_c("t")]))[:-1] + ', "sources": [{"id": "s", "year": ' + "1" * 5000 + "}]}",
        "surrogate.json": json.dumps(_map([_c("t", "\ud800 lone surrogate")]), ensure_ascii=True),
        "surrogate-id.json": json.dumps(_map([_c("\udfff")]), ensure_ascii=True),
        "duplicate-keys.json": '{"schema_version": 2, "thesis": "t", "claims": [{"id": "x", "text": "X"}], '
                               '"claims": [{"id": "t", "text": "T"}]}',
        "version-true.json": json.dumps({**_map([_c("t")]), "schema_version": True}),
        "version-float.json": json.dumps({**_map([_c("t")]), "schema_version": 2.0}),
        "nul-in-id.json": json.dumps(_map([_c("t\x00x")])),
        "deep-json.json": "[" * 100_000 + "]" * 100_000,
        "escapes.json": json.dumps(_map([_c("t", "Thesis " + ESCAPES), _c("r", ESCAPES, title=ESCAPES)],
                                        [{"id": "a", "premises": ["r"], "polarity": "attack", "target": "t",
                                          "note": ESCAPES}], title=ESCAPES)),
        "hostile-source.json": json.dumps(_map(
            [_c("t", "Thesis with `backticks` and % and <b>tags</b> & \x01\x02 controls",
                evidence=[{"source": "s", "quote": "q"}, {"source": "j", "quote": "q"}])],
            sources=[{"id": "s", "title": "x", "url": SOURCE_URL}, {"id": "j", "title": "j", "url": "javascript:alert(1)"}])),
        "huge-claim.json": json.dumps(_map([_c("t", "word " * 500_000)])),
        "deep-chain-4000.json": json.dumps(chain(4000)),
        "deep-chain-20000.json": json.dumps(chain(20_000)),
        "disputes-30.json": json.dumps(linked_disputes(30)),
        "dense-disputes.json": json.dumps(dense_disputes()),
        "nul-bytes.json": b'{"schema_version": 2, "thesis": "t\x00", "claims": 5\x00}',
        "bidi.json": json.dumps(_map([_c("t", "\u202eevil\u202c\u2066 zero\u200bwidth")])),
        "tiny.json": json.dumps(tiny),
        **_conflicted(tiny),
    }
    return out


def _conflicted(tiny: dict) -> dict[str, str]:
    """Maps with the conflicts a merge records, made wrong: versions of the wrong
    shape, ids that are not there, fields that name nothing, a link in a map."""
    def with_conflicts(*conflicts) -> str:
        return json.dumps({**tiny, "conflicts": list(conflicts)})

    claim = {"kind": "claim", "reason": "both changed", "id": "r", "fields": ["text"]}
    return {
        "conflict-wrong-shape.json": with_conflicts({**claim, "ours": {"id": "r", "text": "A"}, "theirs": {"id": 5, "text": ["x"]}}),
        "conflict-missing-id.json": with_conflicts({**claim, "id": "nowhere", "ours": {"id": "nowhere", "text": "A"},
                                                    "theirs": {"id": "nowhere", "text": "B"}}),
        "conflict-odd-fields.json": with_conflicts({**claim, "fields": ["a.b.c", "", "evaluation.note.x"],
                                                    "ours": {"id": "r", "text": "A"}, "theirs": {"id": "r", "text": "B"}}),
        "conflict-map-version.json": with_conflicts({"kind": "map", "reason": "x", "fields": ["schema_version", "thesis"],
                                                     "ours": {"schema_version": 2, "thesis": "t"},
                                                     "theirs": {"schema_version": "x", "thesis": "nowhere"}}),
        "conflict-link-in-map.json": with_conflicts({"kind": "link", "reason": "x", "id": "t r supports",
                                                     "ours": {"left": "t"}, "theirs": None}),
        "conflict-delete-thesis.json": with_conflicts({"kind": "claim", "reason": "deleted", "id": "t", "fields": [],
                                                       "ours": {"id": "t", "text": "T"}, "theirs": None}),
        "conflict-argument-loop.json": with_conflicts({"kind": "argument", "reason": "x", "id": "a", "fields": ["target"],
                                                       "ours": {"id": "a", "premises": ["r"], "polarity": "support", "target": "t"},
                                                       "theirs": {"id": "a", "premises": ["r"], "polarity": "support", "target": "r"}}),
    }


def _comparisons() -> dict[str, str]:
    return {
        "abs.compare.json": json.dumps({"schema_version": 2, "left": "/etc/passwd", "right": "tiny.json", "links": []}),
        "dotdot.compare.json": json.dumps({"schema_version": 2, "left": "../../tiny.json", "right": "tiny.json", "links": []}),
        "fifo.compare.json": json.dumps({"schema_version": 2, "left": "fifo.json", "right": "tiny.json", "links": []}),
        "zero.compare.json": json.dumps({"schema_version": 2, "left": "zero.json", "right": "tiny.json", "links": []}),
        "ok.compare.json": json.dumps({"schema_version": 2, "left": "escapes.json", "right": "tiny.json",
                                       "links": [{"left": "t", "right": "t", "kind": "contradicts", "note": ESCAPES}]}),
    }


def _frameworks() -> dict[str, str]:
    return {
        "header-bomb.i23": "p af 300000000\n",
        "header-superscript.i23": "p af \u00b2\n",
        "header-bomb.af": "p af 99999999999999999999\n1 2\n",
        "path-30.tgf": "".join(f"{i}\n" for i in range(30)) + "#\n" + "".join(f"{i} {i + 1}\n" for i in range(29)),
        "cycles.apx": "".join(f"arg(a{i}).\n" for i in range(40))
                      + "".join(f"att(a{i},a{i ^ 1}).\natt(a{i},a{(i + 2) % 40}).\n" for i in range(40)),
        "escapes.tgf": f"a{ESCAPES}\nb\n#\na{ESCAPES} b\n",
    }


YAML_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
)


def _argdown() -> dict[str, str]:
    return {
        "yaml-bomb.argdown": "===\n" + YAML_BOMB + "\n===\n\n[T]: The thesis.\n",
        "yaml-bomb-data.argdown": "[T]: The thesis. {" + "x: 1}\n\n<A>: An argument.\n" + "```yaml\n" + YAML_BOMB + "\n```\n",
        "self-undercut.argdown": "[T]: The thesis.\n  + <A>: Reason.\n    _> <A>\n",
        "self-undercut-pcs.argdown": "<A>\n\n(1) [P]\n----\n(2) [C]\n  _> <A>\n",
        "surrogate-json-data.argdown": '[T]: The thesis. {"note": "\\ud800"}\n  + [R]: Reason.\n',
        "surrogate-data.argdown": '[T]: The thesis. {note: "\\ud800"}\n  + [R]: Reason.\n',
        "yaml-bigint.argdown": "===\nn: " + "9" * 5000 + "\n===\n\n[T]: The thesis.\n",
        "notes-gt-colon.argdown": "[T]: The thesis.\n  + <A>: Reason. {note: \">: x\\n \"}\n",
        "escapes.argdown": f"[T]: The thesis {ESCAPES}.\n  + [R]: {ESCAPES}\n",
        "deep-list.argdown": "[T]: The thesis.\n" + "".join("  " * i + "  + Reason.\n" for i in range(1500)),
    }


def _other_imports() -> dict[str, str]:
    """Carneades (YAML) and MindMup (JSON) files: the same bombs through other readers."""
    return {
        "carneades-bomb.yml": YAML_BOMB + "\nstatements:\n  s1: {text: {en: A statement}}\narguments: {}\n",
        "carneades-bigint.yml": "statements:\n  s1: {text: {en: A}, weight: " + "9" * 5000 + "}\n",
        "mindmup-bigint.mup": '{"id": ' + "9" * 5000 + ', "ideas": {}}',
        "mindmup-deep.mup": '{"ideas": ' + '{"1": {"title": "x", "ideas": ' * 2000 + "{}" + "}}" * 2000 + "}",
    }


def _aif() -> dict[str, str]:
    base = {"nodes": [{"nodeID": "1", "text": "T", "type": "I"}], "edges": []}
    return {
        "type-list.json": json.dumps({"nodes": [{"nodeID": "1", "text": "T", "type": ["I"]}], "edges": []}),
        "sources-int.json": json.dumps({**base, "sources": 5}),
        "thesis-list.json": json.dumps({**base, "thesis": []}),
        "deep.json": '{"nodes": ' + "[" * 100_000 + "]" * 100_000 + ', "edges": []}',
        "escapes.json": json.dumps({"nodes": [{"nodeID": "1", "text": ESCAPES, "type": "I"}], "edges": []}),
    }


def _groups():
    return (("map", _maps(), ""), ("comparison", _comparisons(), ""), ("framework", _frameworks(), ""),
            ("argdown", _argdown(), ""), ("aif", _aif(), "aif-"), ("argdown", _other_imports(), ""))


def corpus_kinds() -> dict[str, str]:
    """{file name: kind} without writing anything."""
    return {prefix + name: kind for kind, files, prefix in _groups() for name in files}


def write_corpus(folder: Path) -> dict[str, str]:
    """Write the corpus into `folder`; returns {file name: kind}."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, str] = {}
    for kind, files, prefix in _groups():
        for name, data in files.items():
            path = folder / (prefix + name)
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
            kinds[path.name] = kind
    (folder / "source.txt").write_text("The thesis. " * 100_000 + "\n")
    return kinds
