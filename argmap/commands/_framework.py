"""`argmap evaluate` on a Dung framework file (.tgf, .apx, .i23, .af): ICCMA's tasks
and their output, without click.

The console entry point (argmap.cli.main) runs a plain `argmap evaluate FRAMEWORK
[-s S] [-p TASK] [-a ARG] [--iccma] [--json] [--max-bytes N]` here directly (`fast`):
importing click and its command tree costs ~20 ms of CPU, half of clingo's whole
start-up, which the benchmark compares against. Anything else (help, other options, a
value it does not know, an argument the file lacks) goes through click as before, so
usage messages are click's; `fast` only takes what it is sure of.
"""

from __future__ import annotations

import os
import sys

# Dung semantics by name or by ICCMA's abbreviation; maps take grounded, preferred, stable
ICCMA_NAMES = {"GR": "grounded", "CO": "complete", "PR": "preferred", "ST": "stable", "ADM": "admissible",
               "SST": "semi-stable", "STG": "stage", "ID": "ideal"}
TASKS = ("DC", "DS", "SE", "EE", "CE")

# the options `fast` understands, by spelling: (parameter, takes a value)
_OPTIONS = {"--semantics": ("semantics", True), "-s": ("semantics", True), "--task": ("task", True),
            "-p": ("task", True), "--argument": ("argument", True), "-a": ("argument", True),
            "--max-bytes": ("max_bytes", True), "--iccma": ("iccma", False), "--json": ("as_json", False)}


class OptionProblem(Exception):
    """A bad --task / --argument combination: the click command reports it as a usage
    error (`param_hint` names the option), the fast path leaves it to click."""

    def __init__(self, message: str, param_hint: str | None = None):
        super().__init__(message)
        self.param_hint = param_hint


def echo(text: str, err: bool = False) -> None:
    """What click.echo prints, written directly where that is the same thing: a UTF-8
    text stream and no escape sequence (click strips those from a pipe)."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if "\x1b" in text or encoding not in ("utf-8", "utf8") or not getattr(stream, "errors", None):
        import click

        click.echo(text, err=err)
        return
    stream.write(text + "\n")
    stream.flush()


def semantics_name(value: str) -> str:
    return ICCMA_NAMES.get(value.upper(), value.lower())


def task_and_semantics(task: str | None, semantics: str, argument: str | None) -> tuple[str, str]:
    """(task, semantics) from --task, which may carry ICCMA's semantics (DC-PR)."""
    if task is None:
        task = "EE"
    name, _, sem = task.upper().partition("-")
    if name not in TASKS or (sem and sem not in ICCMA_NAMES):
        raise OptionProblem(f"{task!r}: expected one of {', '.join(TASKS)}, optionally with "
                            f"-{'|'.join(ICCMA_NAMES)} (as in DC-PR)", "--task")
    if (argument is None) == (name in ("DC", "DS")):
        raise OptionProblem(f"{name} needs --argument ARG" if argument is None else f"--argument is for DC and DS, not {name}")
    return name, ICCMA_NAMES[sem] if sem else semantics


def load(path, argument: str | None, max_bytes: int):
    """(framework, index of `argument` or None); OptionProblem if it has no such argument."""
    from argmap.analysis.evaluation.af_formats import load_framework

    af = load_framework(path, max_bytes)
    if argument is None:
        return af, None
    x = next((i for i, name in enumerate(af.names) if name == argument), None)
    if x is None:
        raise OptionProblem(f"{path} has no argument {argument!r}", "--argument")
    return af, x


def answer(path, af, x: int | None, argument: str | None, task: str, semantics: str, as_json: bool, iccma: bool) -> None:
    """Solve and print; exit status 1 when a DC or DS answer is NO or SE finds nothing
    (not with --iccma)."""
    from argmap.analysis.evaluation.tasks import solve

    result = solve(af, task, semantics, x)
    if iccma:
        _iccma(af, result)
    elif as_json:
        import json

        echo(json.dumps(_task_json(af, result, argument), indent=2, ensure_ascii=False, sort_keys=True))
    else:
        _task_text(path, af, result, argument)
    if not iccma and (result.yes is False or (task == "SE" and result.witness is None)):
        raise SystemExit(1)


def count_text(n: int, as_json: bool = False) -> int | str:
    from argmap.analysis.evaluation.framework import describe_count

    return n if as_json and n < 10**15 else describe_count(n)


def _iccma(af, result) -> None:
    w = lambda ext: "w" + "".join(f" {af.names[x]}" for x in sorted(ext))  # noqa: E731 - file order: 1 2 ... 10
    if result.task == "CE":
        echo(str(result.count))
    elif result.task == "EE":
        echo("\n".join(w(e) for e in result.extensions) if result.extensions else "NO")
    elif result.task == "SE":
        echo(w(result.witness) if result.witness is not None else "NO")
    else:
        echo("YES" if result.yes else "NO")
        if result.witness is not None:
            echo(w(result.witness))


def _task_json(af, result, argument: str | None) -> dict:
    if result.task == "EE":
        return {"semantics": result.semantics, "extensions": sorted(af.extension_names(e) for e in result.extensions)}
    out = {"task": result.task, "semantics": result.semantics}
    if result.task == "CE":
        out["count"] = count_text(result.count, as_json=True)
    elif result.task == "SE":
        out["extension"] = None if result.witness is None else af.extension_names(result.witness)
    else:
        out |= {"argument": argument, "answer": result.yes,
                "witness": None if result.witness is None else af.extension_names(result.witness)}
    return out


def _task_text(path, af, result, argument: str | None) -> None:
    sem = result.semantics
    head = f"{path}: {len(af)} arguments, {af.attack_count} attacks; {sem}"
    braces = lambda ext: "{" + ", ".join(af.extension_names(ext)) + "}"  # noqa: E731
    if result.task == "EE":
        n = len(result.extensions)
        echo(f"{head}: " + (f"{n} extension{'s' if n != 1 else ''}" if n else f"no {sem} extension"))
        for ext in sorted(result.extensions, key=af.extension_names):
            echo("  " + braces(ext))
    elif result.task == "CE":
        echo(f"{head}: {count_text(result.count)} extension{'s' if result.count != 1 else ''}")
    elif result.task == "SE":
        echo(f"{head}: " + (f"one extension: {braces(result.witness)}" if result.witness is not None else f"no {sem} extension"))
    else:
        kind = "credulously" if result.task == "DC" else "sceptically"
        echo(f"{head}: {argument} is {'' if result.yes else 'not '}{kind} accepted ({'YES' if result.yes else 'NO'})")
        if result.witness is not None:
            role = "in" if result.task == "DC" else "without it, in"
            echo(f"  {role} the extension {braces(result.witness)}")
        elif result.task == "DS" and sem == "stable":
            from argmap.analysis.evaluation.tasks import find

            if find(af, sem, None, True) is None:
                echo("  (vacuously: there is no stable extension)")


# ---------------------------------------------------------------- the fast path


def _parse(args: list[str]) -> dict | None:
    """The options of a plain framework evaluation, or None for anything else: an
    unknown or repeated option, a value that looks like an option, no FILE or two."""
    found: dict = {}
    files = []
    i = 0
    while i < len(args):
        word = args[i]
        i += 1
        if not word.startswith("-") or word == "-":
            files.append(word)
            continue
        name, eq, value = word.partition("=") if word.startswith("--") else (word[:2], "", word[2:])
        if name not in _OPTIONS or (eq and not value):
            return None
        key, takes_value = _OPTIONS[name]
        if not takes_value:
            if eq or value:
                return None
            value = True
        elif not value:
            if i >= len(args):
                return None
            value = args[i]
            i += 1
        if key in found or (takes_value and (not value or value.startswith("-"))):
            return None
        found[key] = value
    from argmap.analysis.evaluation.af_formats import is_framework_path

    if len(files) != 1 or not files[0] or not is_framework_path(files[0]):
        return None
    found["path"] = files[0]
    return found


def _options(found: dict) -> tuple | None:
    """(path, task, semantics, argument, as_json, iccma, max_bytes), checked as the
    click command checks them; None where click would refuse or convert."""
    semantics = found.get("semantics", "grounded")
    if not semantics.isascii() or semantics.upper() not in ICCMA_NAMES and semantics.lower() not in ICCMA_NAMES.values():
        return None
    max_bytes = found.get("max_bytes")
    if max_bytes is not None:
        if not (max_bytes.isascii() and max_bytes.isdigit() and int(max_bytes) >= 1):
            return None
        max_bytes = int(max_bytes)
    else:
        from argmap.textfile import DEFAULT_MAX_BYTES

        max_bytes = DEFAULT_MAX_BYTES
    try:
        task, semantics = task_and_semantics(found.get("task"), semantics_name(semantics), found.get("argument"))
    except OptionProblem:
        return None
    return found["path"], task, semantics, found.get("argument"), found.get("as_json", False), found.get("iccma", False), max_bytes


def fast(args: list[str]) -> bool:
    """Run `argmap evaluate ARGS` here if it is a plain framework evaluation; False
    (nothing done, nothing printed) when click should run it instead."""
    if "_ARGMAP_COMPLETE" in os.environ:  # click's shell completion
        return False
    found = _parse(args)
    options = _options(found) if found is not None else None
    if options is None:
        return False
    from pathlib import Path

    from argmap.errors import ArgmapError
    from argmap.terminal import guard_terminal_output

    path, task, semantics, argument, as_json, iccma, max_bytes = options
    path = Path(path)
    guard_terminal_output()
    try:
        try:
            af, x = load(path, argument, max_bytes)
        except OptionProblem:
            return False
        answer(path, af, x, argument, task, semantics, as_json, iccma)
    except ArgmapError as e:  # as the click group reports them (cli_group.LazyGroup)
        echo(f"argmap: {e}" if "\n" not in str(e) else str(e), err=True)
        raise SystemExit(e.exit_code) from None
    except KeyboardInterrupt:
        echo("argmap: interrupted", err=True)
        raise SystemExit(130) from None
    return True
