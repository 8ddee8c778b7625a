"""Run every argmap command on every file of the hostile corpus (tests/hostile.py),
each in a forked child with a time limit and a memory limit; print one JSON line
per run: {"args", "exit", "signal", "seconds", "stderr"}.

    python tests/hostile_run.py FOLDER [NAME...]

Forking after the imports makes a run cost milliseconds instead of a Python start."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile import write_corpus  # noqa: E402

SECONDS = 10
MEMORY = 2 << 30  # on top of what the forking process already maps

MAP_COMMANDS = [
    ["validate", "{f}"], ["fmt", "--check", "{f}"], ["stats", "{f}"], ["stats", "--json", "{f}"],
    ["evaluate", "{f}"], ["evaluate", "--semantics", "preferred", "{f}"], ["evaluate", "--semantics", "stable", "{f}"],
    ["evaluate", "--why", "{f}"], ["evaluate", "{f}", "--framework-out", "out.tgf"],
    ["export", "{f}", "--to", "argdown"], ["export", "{f}", "--to", "aif"], ["export", "{f}", "--to", "graphml"],
    ["export", "{f}", "--to", "markdown"], ["export", "{f}", "--to", "mermaid"],
    ["render", "{f}", "-o", "out.dot"], ["render", "{f}", "-o", "out.svg", "--detail", "short"],
    ["diff", "{f}", "{f}"], ["diff", "{f}", "tiny.json"], ["diff", "tiny.json", "{f}"],
    ["report", "{f}", "tiny.json", "--no-diagram"], ["quotes", "{f}", "-s", "s=source.txt"],
    ["align", "{f}", "tiny.json"], ["compare", "{f}", "tiny.json", "-o", "cmp.dot"],
]
COMPARISON_COMMANDS = [
    ["validate", "{f}"], ["evaluate", "{f}"], ["evaluate", "--why", "{f}"], ["report", "{f}", "--no-diagram"],
    ["align", "{f}"], ["compare", "{f}", "-o", "cmp.dot"], ["quotes", "{f}", "-s", "s=source.txt"], ["diff", "{f}", "{f}"],
    ["fmt", "--check", "{f}"],
]
FRAMEWORK_COMMANDS = [
    ["evaluate", "{f}"], ["evaluate", "--semantics", "preferred", "{f}"], ["evaluate", "--semantics", "stable", "{f}"],
    ["evaluate", "--semantics", "complete", "--json", "{f}"],
]
# Git's drivers and the merge family: the file as each side of a merge, as the
# resolve input, as the diff driver's and textconv's input. `{copy}` is a fresh copy
# of the file (these commands write into it); `{partner}` a sound file of its kind
# (a map beside maps, a comparison beside comparisons); HEX: the blob ids git passes.
HEX = "0" * 40
MERGE_COMMANDS = [
    ["merge", "{f}", "{partner}", "{partner}"], ["merge", "{partner}", "{f}", "{partner}"],
    ["merge", "{partner}", "{partner}", "{f}"], ["merge", "{f}", "{f}", "{f}", "-o", "merged.json"],
    ["merge-driver", "{f}", "{copy}", "{partner}", "maps/{f}"], ["merge-driver", "{partner}", "{copy}", "{f}"],
    ["resolve", "{f}"], ["resolve", "{copy}", "--all", "theirs"], ["resolve", "{copy}", "1", "both"],
    ["textconv", "{f}"],
    ["diff-driver", "maps/{f}", "{f}", HEX, "100644", "{partner}", HEX, "100644"],
    ["diff-driver", "maps/{f}", "/dev/null", ".", ".", "{f}", HEX, "100644"],
    ["diff-driver", "maps/{f}", "{f}", HEX, "100644", "/dev/null", ".", "."],
    ["diff-driver", "maps/{f}"],
]
# special files are never copied: they are only read
SPECIAL_MERGE = [c for c in MERGE_COMMANDS if "{copy}" not in c] + [["merge-driver", "{partner}", "{f}", "{partner}"]]
IMPORT_COMMANDS = [["import", "{f}", "-o", "-"], ["import", "{f}", "-o", "imported.json", "--force"]]
# A chain 20,000 deep is there for recursion and output size, not Graphviz's layout
# time (8-10 s for 20,000 rows): its diagram goes to DOT only, and the commands that
# show nothing new on it are left out to keep the corpus quick.
# Deep chains are drawn both fitted to a page (the default: at most two layouts
# above 300 claims, none above 5,000) and with --fit none.
_DRAWN = [c for c in MAP_COMMANDS if c[0] in ("render", "compare")]
_DEEP = MAP_COMMANDS + [c + ["--fit", "none"] for c in _DRAWN] + MERGE_COMMANDS
ONLY = {"deep-chain-4000.json": _DEEP,
        "deep-chain-20000.json": [c for c in _DEEP if c[0] in ("validate", "evaluate", "export", "report", "textconv")
                                  or "out.dot" in c]}
COMMANDS = {"map": MAP_COMMANDS + MERGE_COMMANDS, "comparison": COMPARISON_COMMANDS + MERGE_COMMANDS,
            "framework": FRAMEWORK_COMMANDS, "argdown": IMPORT_COMMANDS, "aif": IMPORT_COMMANDS,
            "special": MAP_COMMANDS[:9] + COMPARISON_COMMANDS[:1] + SPECIAL_MERGE}
COPY = "copy-of-{f}"


def special_files(folder: Path) -> dict[str, str]:
    """A FIFO, /dev/zero, a folder and a dangling link where a map belongs."""
    os.mkfifo(folder / "fifo.json")
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "folder.json").mkdir()
    (folder / "loop.json").symlink_to("loop.json")
    return {n: "special" for n in ("fifo.json", "zero.json", "folder.json", "loop.json")}


PARTNER = {"comparison": "ok.compare.json"}


def commands_for(name: str, kind: str) -> list[list[str]]:
    partner = PARTNER.get(kind, "tiny.json")
    return [[a.replace("{copy}", COPY).replace("{partner}", partner).replace("{f}", name) for a in t]
            for t in ONLY.get(name, COMMANDS[kind])]


def _loads(path: Path) -> bool:
    from argmap.errors import ArgmapError
    from argmap.store import is_comparison_path, load_comparison, load_map

    try:
        (load_comparison if is_comparison_path(path) else load_map)(path)
    except ArgmapError:
        return False
    return True


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def _mapped_bytes() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run(args: list[str], folder: Path) -> dict:
    """Run `argmap ARGS` in a forked child in `folder`, at most SECONDS (SIGALRM
    kills it) and MEMORY more bytes (an allocation past it fails: MemoryError)."""
    err = folder / ".stderr"
    start = time.monotonic()
    limit = _mapped_bytes() + MEMORY
    pid = os.fork()
    if pid == 0:  # the child: limits, quiet stdout, stderr to a file, the real entry point
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            signal.alarm(SECONDS)
            os.chdir(folder)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)
            # (under pytest, sys.stdout and sys.stderr are its capture, not fds 1 and 2)
            sys.stdout = open(1, "w", encoding="utf-8", errors="surrogateescape", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
            sys.argv = ["argmap", *args]
            from argmap.cli import main

            main()
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except BaseException:  # noqa: BLE001 - a traceback is what the corpus looks for
            import traceback

            traceback.print_exc()
            code = 99
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    seconds = time.monotonic() - start
    stderr = err.read_bytes().decode("utf-8", "replace")
    return {"args": args, "exit": os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "seconds": round(seconds, 2), "stderr": stderr[-2000:]}


def preload() -> None:
    """Import what the commands import, once, before forking."""
    import argmap.cli  # noqa: F401
    from argmap.cli import cli

    for name in cli.list_commands(None):
        if name != "tui":
            cli.get_command(None, name)
    import argmap.analysis.evaluation.why  # noqa: F401
    import argmap.formats  # noqa: F401
    import argmap.render  # noqa: F401


def runs_for(folder: Path, name: str, kind: str) -> Iterator[dict]:
    """Every command on one corpus file; an Argdown or AIF file that imports is then
    put through every map command too."""
    copy = folder / COPY.replace("{f}", name)
    for args in commands_for(name, kind):
        if copy.name in args:
            shutil.copyfile(folder / name, copy)
        result = run(args, folder)
        if copy.name in args:  # refused: the file as it was; a decision saved: a map that loads
            written = copy.read_bytes()
            result["half-written"] = (written != (folder / name).read_bytes() if result["exit"] == 2
                                      else args[0] == "resolve" and written != (folder / name).read_bytes()
                                      and not _loads(copy))
            copy.unlink()
        result["temporary files"] = _temps(folder)
        yield result
        imported = folder / "imported.json"
        if kind in ("argdown", "aif") and args[-1] == "--force" and imported.exists():
            for more in commands_for(imported.name, "map"):
                yield run(more, folder)
            imported.unlink()


def acceptable(result: dict) -> bool:
    """Exit 0-3 in time, no traceback, an exit-2 message of one or two lines, nothing
    half-written."""
    lines = result["stderr"].strip().splitlines()
    return (result["exit"] in (0, 1, 2, 3) and "Traceback" not in result["stderr"]
            and not result.get("half-written") and not result.get("temporary files")
            and result["seconds"] <= SECONDS and (result["exit"] != 2 or 1 <= len(lines) <= 2))


def main(folder: Path, names: list[str]) -> None:
    kinds = write_corpus(folder)
    kinds.update(special_files(folder))
    preload()
    for name, kind in kinds.items():
        if not names or name in names:
            for result in runs_for(folder, name, kind):
                print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
