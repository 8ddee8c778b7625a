"""The reference Argdown (@argdown/node 1.7.5, installed with @argdown/cli by
benchmarks.bench_interchange.ensure_reference) as a test oracle: one Node.js process
reads the files it is given, one name a line, and answers with what `argdown json FILE`
would write (the same plugins: load-file with @include, parse-input, build-model,
export-json), so a property test can ask it hundreds of times without starting Node
each time."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from argmap.formats.argdown import ArgdownSyntaxError, parse

# Syntax errors are in the response; model errors (YAML data, a second structure for
# one argument) are only logged: caught here, as the CLI prints them.
_SCRIPT = r"""
const { argdown } = require('@argdown/node');
const rl = require('readline').createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  const inputPath = JSON.parse(line);
  const logged = [];
  const keep = [console.error, console.log, console.warn];
  console.error = console.log = console.warn = (...a) => logged.push(a.map(String).join(' ').split('\n')[0]);
  let out;
  try {
    const resp = await argdown.runAsync({ inputPath, process: ['load-file', 'parse-input', 'build-model', 'export-json'], logLevel: 'error' });
    const errors = [...(resp.lexerErrors || []), ...(resp.parserErrors || [])].map(
      (e) => [e.token ? e.token.startLine : e.line, e.token ? e.token.startColumn : e.column, String(e.message)]);
    out = { errors, logged, json: errors.length || !resp.json ? null : JSON.parse(resp.json) };
  } catch (e) {
    out = { errors: [[0, 0, String((e && e.message) || e)]], logged, json: null };
  } finally {
    [console.error, console.log, console.warn] = keep;
  }
  process.stdout.write(JSON.stringify(out) + '\n');
});
"""


class Reference:
    """`read(text)` -> {"errors": [[line, col, message]], "logged": [...], "json": {...} | None},
    the text read from a file (so that @include works as in the CLI)."""

    def __init__(self, folder: Path) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="argmap-oracle-"))
        script = folder / "argmap-test-oracle.js"  # beside node_modules: require() finds @argdown/node
        script.write_text(_SCRIPT, encoding="utf-8")
        self.proc = subprocess.Popen(["node", str(script)], cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, encoding="utf-8")

    def read(self, text: str) -> dict:
        assert self.proc.stdin and self.proc.stdout
        (self.work / "doc.argdown").write_text(text, encoding="utf-8")
        self.proc.stdin.write(json.dumps(str(self.work / "doc.argdown")) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.work, ignore_errors=True)


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _end(name: str, kind: str, index: int | None = None) -> tuple:
    return (name, kind) if index is None else (name, kind, index)


def _element(e) -> tuple:
    if e.kind == "inference":
        return _end(e.argument_title, "inference", e.conclusion_index)
    return _end(e.title, e.kind)


def _member(m) -> tuple:
    return (_norm(m.text), m.data)


def _compare(kind: str, ours: dict, theirs: dict, our_view, their_view) -> list[str]:
    """The same titles (sorted: JavaScript puts integer-like keys such as "2" first in an
    object), and for each the same view (members' texts and data, structures)."""
    out = []
    if sorted(ours) != sorted(theirs):
        out.append(f"{kind} titles: argmap {sorted(ours)}, reference {sorted(theirs)}")
    for title, item in theirs.items():
        if title in ours and our_view(ours[title]) != their_view(item):
            out.append(f"{kind} {title!r}: argmap {our_view(ours[title])}, reference {their_view(item)}")
    return out


def differences(text: str, ref: dict) -> list[str]:
    """Where argmap's reading of `text` differs from the reference's: statements (titles
    in order, each member's text and data), arguments (titles, descriptions, premise-
    conclusion structures, inference rules) and relations. Empty when they agree."""
    if ref["errors"] or ref["json"] is None or ref["logged"]:
        return [f"the reference rejects it: {(ref['errors'] or [[0, 0, '']])[0]} {ref['logged'][:1]}"]
    try:
        doc = parse(text)
    except ArgdownSyntaxError as e:
        return [f"argmap rejects it: {e}"]
    want = ref["json"]
    out = _compare("statement", doc.statements, want["statements"], lambda ec: [_member(m) for m in ec.members],
                   lambda ec: [(_norm(m.get("text")), m.get("data")) for m in ec["members"]])
    out += _compare("argument", doc.arguments, want["arguments"],
                    lambda a: ([_member(m) for m in a.members],
                               [(s.title, s.role, s.inference.rules if s.inference else [], s.inference.data if s.inference else None)
                                for s in a.pcs]),
                    lambda a: ([(_norm(m.get("text")), m.get("data")) for m in a.get("members", [])],
                               [(s["title"], s.get("role"), (s.get("inference") or {}).get("inferenceRules") or [],
                                 (s.get("inference") or {}).get("data")) for s in a.get("pcs") or []]))
    theirs_rel = sorted((r["relationType"], _end(r["from"], r["fromType"]), _end(r["to"], r["toType"], r.get("conclusionIndex")))
                        for r in want["relations"])
    ours_rel = sorted((r.type, _element(r.source), _element(r.target)) for r in doc.relations)
    if ours_rel != theirs_rel:
        out.append(f"relations: argmap {ours_rel}, reference {theirs_rel}")
    return out
