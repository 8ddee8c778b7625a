from __future__ import annotations

import json
from pathlib import Path

import click

from argmap.commands._common import force_option, max_bytes_option
from argmap.errors import InputError

CHOICES = ("grounded", "complete", "preferred", "stable")
MARK = {"accepted": "+", "rejected": "-", "undecided": "?"}


@click.command()
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "--semantics",
    "-s",
    type=click.Choice(CHOICES),
    default="grounded",
    show_default=True,
    help="Dung semantics. For a map, preferred and stable label claims sceptically "
    "(accepted only if accepted in every extension); complete is for frameworks.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (keys sorted) instead of a table.")
@click.option(
    "--author-only",
    is_flag=True,
    help="Leave out what the map's reconstructor added (claims and arguments marked "
    "`reconstruction`): the verdict on the author's own moves.",
)
@click.option(
    "--framework-out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the map's abstract framework to this file (.tgf, .apx, .i23 or .af).",
)
@force_option
@max_bytes_option
def command(path: Path, semantics: str, as_json: bool, author_only: bool, framework_out: Path | None, force: bool,
            max_bytes: int) -> None:
    """Which claims of a map stand: accepted, rejected or undecided.

    FILE is a map (.json): the map is read as an abstract argumentation framework
    (see the README, "Evaluation") and every claim is labelled; the last line says
    whether the thesis stands. FILE may also be a Dung framework (.tgf, .apx,
    ICCMA'23 .i23/.af): then its extensions are printed.
    """
    from argmap.analysis.evaluation.af_formats import is_framework_path

    if is_framework_path(path):
        if framework_out is not None:
            raise click.UsageError("--framework-out is for maps; FILE is already a framework")
        _framework(path, semantics, as_json, max_bytes)
    else:
        _map(path, semantics, as_json, framework_out, max_bytes, author_only, force)


def _dump(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))


def _count(n: int, as_json: bool = False) -> int | str:
    from argmap.analysis.evaluation.framework import describe_count

    return n if as_json and n < 10**15 else describe_count(n)


def _framework(path: Path, semantics: str, as_json: bool, max_bytes: int) -> None:
    from argmap.analysis.evaluation.af_formats import load_framework
    from argmap.analysis.evaluation.framework import named_extensions

    af = load_framework(path, max_bytes)
    exts = named_extensions(af, semantics)
    if as_json:
        _dump({"semantics": semantics, "extensions": exts})
        return
    n = len(exts)
    summary = f"{n} extension{'s' if n != 1 else ''}" if n else f"no {semantics} extension"
    click.echo(f"{path}: {len(af)} arguments, {af.attack_count} attacks; {semantics}: {summary}")
    for ext in exts:
        click.echo("  {" + ", ".join(ext) + "}")


def _map(path: Path, semantics: str, as_json: bool, framework_out: Path | None, max_bytes: int, author_only: bool = False,
         force: bool = False) -> None:
    from argmap.analysis.evaluation import SEMANTICS, evaluate_map, translate
    from argmap.analysis.evaluation import author_only as without_reconstruction
    from argmap.analysis.structure import MapIndex
    from argmap.store import is_comparison_path, load_map, write_export

    if is_comparison_path(path):
        raise InputError(f"{path}: a comparison; evaluate each of its maps instead")
    if semantics not in SEMANTICS:
        raise click.BadParameter(f"{semantics!r} is for frameworks; for a map use {', '.join(SEMANTICS)}", param_hint="--semantics")
    m = load_map(path, max_bytes).document
    if author_only:
        m = without_reconstruction(m)
    idx = MapIndex.build(m)
    if framework_out is not None:
        from argmap.analysis.evaluation.af_formats import dumps_framework

        data = dumps_framework(translate(m, None, idx).framework, framework_out)
        write_export(framework_out, data, "framework", inputs=[path], force=force)
    ev = evaluate_map(m, semantics, index=idx)
    if as_json:
        out = {
            "semantics": semantics,
            "thesis": {"id": m.thesis, "label": ev.thesis_label},
            "claims": ev.labels,
            "arguments": ev.argument_labels,
        }
        if semantics != "grounded":
            out["extension_count"] = _count(ev.extension_count, as_json=True)
        _dump(out)
        return

    depth = idx.depths()
    order = sorted(range(len(m.claims)), key=lambda i: (depth.get(m.claims[i].id, 1 << 30), i))
    width = max((len(m.claims[i].id) for i in order), default=2)
    click.echo(f"{path}: {semantics} semantics" + (f", {_count(ev.extension_count)} extension{'s' if ev.extension_count != 1 else ''}" if semantics != "grounded" else ""))
    for i in order:
        c = m.claims[i]
        label = ev.labels[c.id]
        text = " ".join((c.title or c.text).split())
        if len(text) > 60:
            text = text[:59] + "…"
        why = f"  ({ev.why[c.id]})" if label != "accepted" else ""
        click.echo(f"  {MARK[label]} {label:<9}  {c.id:<{width}}  {text}{why}")
    counts = ev.counts()
    click.echo(f"{counts['accepted']} accepted, {counts['rejected']} rejected, {counts['undecided']} undecided")
    args = list(ev.argument_labels.values())
    if args:
        click.echo(
            f"arguments: {args.count('accepted')} stand, {args.count('rejected')} defeated, "
            f"{args.count('undecided')} undecided"
        )
    if semantics == "stable" and ev.extension_count == 0:
        click.echo("no stable extension exists (an odd cycle of attacks), so every claim is undecided")
    verdict = {
        "accepted": "stands (accepted)",
        "rejected": "does not stand (rejected)",
        "undecided": "is undecided",
    }[ev.thesis_label]
    named = "" if m.thesis == "thesis" else f" {m.thesis}"  # `argmap new` names it "thesis"
    click.echo(f"thesis{named} {verdict}")
