"""`make wild`: the shared wild-Argdown check, run unchanged, then each finding it
reports read against what argmap documents.

    python -m benchmarks.wild_check

Runs `../shared/interop/wild/check.py` with argmap and the reference CLI
(@argdown/cli 1.7.5, installed from npm into /tmp/argdown-cli the first time) and
prints its output and exit status as they are. check.py cannot exit 0 against the
readable Argdown export, for two reasons of its own counting, so every finding is
then verified one by one:

- "export re-read": check.py counts the export's Argdown *argument nodes* and expects
  one per map argument, but the export writes a simple reason or objection as a
  relation line between two statements (`+ [Reason]`), which Argdown's model holds
  as a relation, not an argument, and which check.py's own import step counts as an
  argument. Explained when claims, attacks and undercuts agree and the argument
  count differs by exactly the number of statement-to-statement relations the
  reference reads in the export (parsed again here).
- "inference rule": argmap keeps a catalogue scheme's id for a rule that names one by
  its name or an alias (README, interchange). Explained when the catalogue, as the
  import reads it, resolves the rule as written to the stored id.

It then runs check.py again with `argmap export --to argdown --structures` (every
argument a premise-conclusion structure, so Argdown has an argument node for each):
there only the inference-rule findings may remain. That is the measurement behind
"the relation lines are the only reason for the export findings".

Anything else is a defect. Exit 0 when there is none, else 1 (2: cannot run).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.bench_interchange import REFERENCE_BIN, ensure_reference
from benchmarks.harness import BIN

WILD = Path(__file__).resolve().parent.parent.parent / "shared" / "interop" / "wild"
DERIVED = "derived--argdown-mcp-large-blank-lines-added.argdown"
EXPORT = re.compile(r"^export re-read by the reference: (\{.*\}); the map has (\{.*\})$")
RULE = re.compile(r"^inference rule '(.*)' of <.*>: argmap scheme \['(.*)'\]$")
# relations whose source is a statement: each is one map argument, no Argdown argument node
STATEMENT_RELATIONS = {"support", "attack", "undercut", "entails", "contrary", "contradictory"}


def _check_module():
    spec = importlib.util.spec_from_file_location("wild_check_py", WILD / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _document(name: str, into: Path) -> Path:
    """The document check.py read: stored in wild/argdown, or the one it derives (the
    3 MB fixture with the blank lines Argdown needs added, by check.py's own rule)."""
    if name != DERIVED:
        return WILD / "argdown" / name
    lines = (WILD / "argdown" / "argdown-mcp--tests-fixtures-large.argdown").read_text(encoding="utf-8").split("\n")
    out = []
    for i, line in enumerate(lines):
        if i and line[:1] in "#[<" and lines[i - 1].strip():
            out.append("")
        out.append(line)
    path = into / DERIVED
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _exports(names: list[str], work: Path) -> dict[str, Path]:
    """argmap's Argdown export of each document, as check.py makes it."""
    folder = work / "exp"
    folder.mkdir()
    out = {}
    for name in names:
        stem = Path(name).stem
        map_path = work / f"{stem}.json"
        subprocess.run([str(BIN / "argmap"), "import", str(_document(name, work)), "-o", str(map_path), "--force"],
                       check=True, capture_output=True)
        out[name] = folder / f"{stem}.argdown"
        subprocess.run([str(BIN / "argmap"), "export", str(map_path), "--to", "argdown", "-o", str(out[name])],
                       check=True, capture_output=True)
    return out


def _explain_exports(findings: dict[str, str], check) -> dict[str, str]:
    """Per document: why its export finding is not a defect, or None."""
    with tempfile.TemporaryDirectory(prefix="argmap-wild-") as tmp:
        work = Path(tmp)
        exports = _exports(sorted(findings), work)
        parsed, _ = check.argdown_batch(str(REFERENCE_BIN), list(exports.values()), work / "ref", work)
        out = {}
        for name, text in findings.items():
            have, need = (ast.literal_eval(x) for x in EXPORT.match(text).groups())
            data = parsed[exports[name].name]["data"] or {}
            relations = Counter(r["relationType"] for r in data.get("relations", [])
                                if r["fromType"] == "equivalence-class" and r["relationType"] in STATEMENT_RELATIONS)
            lines = sum(relations.values())
            same_rest = all(have[k] == need[k] for k in have if k != "arguments")
            if same_rest and have["arguments"] == len(data.get("arguments", {})) and have["arguments"] + lines == need["arguments"]:
                out[name] = f"{lines} relation line(s) between statements"
            else:
                out[name] = None
    return out


def _explain_rule(text: str) -> str | None:
    from argmap.catalogue import known_catalogue

    rule, scheme = RULE.match(text).groups()
    return f"{scheme!r} is the catalogue's id for {rule!r}" if known_catalogue().resolve(rule) == scheme else None


def _run_check(argmap_bin: Path, tmp: Path) -> dict | None:
    """check.py's results for one argmap command, its output and exit status printed."""
    results_path = tmp / f"{argmap_bin.name}.results.json"
    run = subprocess.run([sys.executable, str(WILD / "check.py"), str(argmap_bin), str(REFERENCE_BIN),
                          "--json", str(results_path)], capture_output=True, text=True)
    print(run.stdout + run.stderr, end="")
    print(f"check.py exit status: {run.returncode}")
    return json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else None


def _structures_bin(tmp: Path) -> Path:
    """argmap whose Argdown export is `--structures` (an argument node per argument)."""
    wrapper = tmp / "argmap-structures"
    wrapper.write_text(f'#!/bin/sh\nif [ "$1" = export ]; then exec "{BIN / "argmap"}" "$@" --structures; fi\n'
                       f'exec "{BIN / "argmap"}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return wrapper


def _read(results: dict, relation_lines: bool) -> tuple[Counter, list[str]]:
    """(explained findings by reason, defects). `relation_lines`: the export writes
    them, so an argument-count finding may be explained by them."""
    exports, defects, explained = {}, [], Counter()
    for kind in ("argdown", "aif"):
        for name, result in sorted(results[kind].items()):
            if result["status"] == "crash":
                defects.append(f"{kind}/{name}: crash")
            for text, severity in result.get("issues", []):
                if severity != "defect":
                    continue
                if kind == "argdown" and relation_lines and EXPORT.match(text):
                    exports[name] = text
                elif kind == "argdown" and RULE.match(text) and (why := _explain_rule(text)):
                    explained["inference rule as catalogue id"] += 1
                    print(f"explained {kind}/{name}: {why}")
                else:
                    defects.append(f"{kind}/{name}: {text}")
    for name, why in sorted(_explain_exports(exports, _check_module()).items()):
        if why is None:
            defects.append(f"argdown/{name}: {exports[name]} (not explained by relation lines)")
        else:
            explained["export relation lines"] += 1
    return explained, defects


def main() -> int:
    if not WILD.is_dir() or not ensure_reference():
        print(f"wild check: needs {WILD} and Node.js with npm", file=sys.stderr)
        return 2
    defects = []
    with tempfile.TemporaryDirectory() as tmp:
        for title, argmap_bin, relation_lines in (
                ("the readable export (relation lines)", BIN / "argmap", True),
                ("export --structures (an argument node per argument)", _structures_bin(Path(tmp)), False)):
            print(f"== check.py, {title}")
            results = _run_check(argmap_bin, Path(tmp))
            if results is None:
                return 2
            explained, found = _read(results, relation_lines)
            for line in found:
                print(f"DEFECT    {line}")
            print(f"wild check read, {title}: {sum(explained.values())} finding(s) explained "
                  f"({', '.join(f'{n} {k}' for k, n in sorted(explained.items())) or 'none'}), {len(found)} defect(s)")
            defects += found
    return 1 if defects else 0


if __name__ == "__main__":
    sys.exit(main())
