"""Argdown 1.7.5 against 2.0: do they read the conformance corpus alike?

    python -m benchmarks.argdown_versions [FILES...]   # default: ../shared/interop/argdown (+ wild/)

Installs @argdown/node 1.7.5 (the CLI's library) and @argdown/core 2.0.1 from the npm
registry into /tmp/argdown-versions (Node.js and npm needed; @argdown/cli 2.0.0 itself
does not install: its @argdown/markdown-it-plugin ^2.0.0 is not published), parses
every file with both (parse-input + build-model) and prints the files whose
statements (titles and member texts), arguments (titles, pcs length), relations or
syntax errors differ. Exit 1 if any does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path("/tmp/argdown-versions")
INTEROP = Path(__file__).resolve().parent.parent.parent / "shared" / "interop"
_SUMMARY = r"""
function summarize(r) {
  const st = Object.entries(r.statements || {}).map(([t, ec]) => [t, (ec.members || []).map(m => m.text || "").join("|")]);
  const args = Object.entries(r.arguments || {}).map(([t, a]) => [t, (a.pcs || []).length]);
  const rels = (r.relations || []).map(x => `${x.from.title}|${x.relationType}|${x.to.title}`).sort();
  const errs = (r.parserErrors || []).concat(r.lexerErrors || []).map(e => e.message);
  return { st, args, rels, errs };
}
const out = {};
for (const f of process.argv.slice(2)) {
  const input = require("fs").readFileSync(f, "utf8");
  out[f] = summarize(argdown.run({ input, process: ["parse-input", "build-model"], logLevel: "error" }));
}
console.log(JSON.stringify(out));
"""
SCRIPTS = {
    "1.7.5": ("v1", "@argdown/node@1.7.5", "run.cjs", 'const { argdown } = require("@argdown/node");\n' + _SUMMARY),
    "2.0.1": ("v2", "@argdown/core@2.0.1", "run.mjs",
              'import { argdown } from "@argdown/core";\nimport { createRequire } from "module";\n'
              "const require = createRequire(import.meta.url);\n" + _SUMMARY),
}


def _install(folder: Path, package: str, name: str, script: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "node_modules").exists():
        subprocess.run(["npm", "init", "-y"], cwd=folder, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", package], cwd=folder, check=True, capture_output=True)
    (folder / name).write_text(script, encoding="utf-8")
    return folder / name


def main(files: list[str]) -> int:
    if not files:
        files = [str(p) for d in ("argdown", "argdown/snippets", "wild/argdown") for p in sorted((INTEROP / d).glob("*.argdown"))]
    results = {}
    for version, (sub, package, name, script) in SCRIPTS.items():
        runner = _install(ROOT / sub, package, name, script)
        done = subprocess.run(["node", str(runner), *files], cwd=runner.parent, check=True, capture_output=True, text=True)
        results[version] = json.loads(done.stdout)
    old, new = results["1.7.5"], results["2.0.1"]
    differ = [f for f in files if old[f] != new[f]]
    for f in differ:
        keys = [k for k in old[f] if old[f][k] != new[f][k]]
        print(f"{f}: {', '.join(keys)} differ")
    print(f"{len(files)} files, {len(differ)} read differently by Argdown 1.7.5 and 2.0.1")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
