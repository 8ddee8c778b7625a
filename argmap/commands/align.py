from __future__ import annotations

import os
from pathlib import Path

import click

from argmap.analysis.align import DEFAULT_MIN_SCORE, Suggestion, suggest_links
from argmap.commands._common import allow_outside_option, echo_json, load_pair, max_bytes_option
from argmap.errors import InputError
from argmap.fsio import file_lock
from argmap.model import SCHEMA_VERSION, ArgumentMap, Comparison, Link
from argmap.store import COMPARE_SUFFIX, Fingerprint, check_inside, load_comparison, save_document


def _relative(target: Path, folder: Path) -> str:
    return Path(os.path.relpath(target.resolve(), folder.resolve())).as_posix()


@click.command()
@click.argument("files", metavar="LEFT RIGHT | X.compare.json", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--min-score", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MIN_SCORE, show_default=True,
              help="Leave out pairs less similar than this (0..1).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None, help="Show at most this many suggestions.")
@click.option("--per-claim", type=click.IntRange(min=1), default=None,
              help="At most this many suggestions per claim on either side (1: best partner only).")
@click.option("--write", "write_to", metavar="X.compare.json", type=click.Path(path_type=Path), default=None,
              help="Add the suggestions as links to this comparison (created if missing).")
@click.option("--json", "as_json", is_flag=True, help="Print the suggestions as JSON.")
@max_bytes_option
@allow_outside_option
def command(files, min_score: float, limit: int | None, per_claim: int | None, write_to: Path | None, as_json: bool,
            max_bytes: int, allow_outside: bool) -> None:
    """Suggest cross-map links: claims of two maps that say the same or related things.

    Ranks pairs by text similarity (TF-IDF over word stems), marks pairs that quote
    the same passage as shared-evidence and pairs where only one side is negated as
    contradicts. Writes nothing unless --write is given. Given a comparison, pairs
    it already links are left out.
    """
    left_path, left, right_path, right, existing = load_pair(tuple(files), max_bytes, allow_outside)
    if write_to is None:
        _suggest(left_path, left, right_path, right, existing, min_score, limit, per_claim, as_json)
        return
    # Read, suggest and write under the comparison's lock: a second `align --write`
    # waits, then reads what this one wrote (and adds to it) instead of losing it.
    with file_lock(write_to):
        target = _open_target(write_to, left_path, right_path, max_bytes, allow_outside)
        existing = target[0] if target[0] is not None else existing
        suggestions = _suggest(left_path, left, right_path, right, existing, min_score, limit, per_claim, as_json)
        _write(write_to, target, suggestions, left_path, right_path, quiet=as_json, allow_outside=allow_outside)


def _suggest(left_path, left, right_path, right, existing, min_score, limit, per_claim, as_json) -> list[Suggestion]:
    exclude = existing.document if existing is not None else None
    suggestions = suggest_links(left, right, min_score=min_score, limit=limit, exclude=exclude, per_claim=per_claim)

    if as_json:
        echo_json({"left": str(left_path), "right": str(right_path), "min_score": min_score,
                   "suggestions": [s.as_dict() for s in suggestions]})
    else:
        _print(suggestions, left_path, left, right_path, right, min_score, exclude)
    return suggestions


def _print(suggestions: list[Suggestion], left_path, left: ArgumentMap, right_path, right: ArgumentMap,
           min_score: float, exclude: Comparison | None) -> None:
    lt = {c.id: c.text for c in left.claims}
    rt = {c.id: c.text for c in right.claims}
    already = f", {len(exclude.links)} pairs already linked left out" if exclude and exclude.links else ""
    click.echo(f"{len(suggestions)} suggestion{'s' if len(suggestions) != 1 else ''} with score >= {min_score:g}"
               f" (left {left_path}, right {right_path}{already})")
    for s in suggestions:
        click.echo("")
        click.echo(click.style(f"{s.score:.2f}  {s.kind + ' (' + s.confidence + ')':<26} {s.left}  <->  {s.right}", bold=True) + f"   {s.reason}")
        click.echo(f"      L: {lt[s.left]}")
        click.echo(f"      R: {rt[s.right]}")


def _open_target(path: Path, left_path: Path, right_path: Path, max_bytes: int, allow_outside: bool):
    if not path.name.endswith(COMPARE_SUFFIX):
        raise InputError(f"{path}: a comparison file name must end in {COMPARE_SUFFIX}")
    if not path.exists():
        return None, Fingerprint(None)
    loaded = load_comparison(path, max_bytes)
    c = loaded.document
    folder = path.parent
    for side, want, got in (("left", left_path, c.left), ("right", right_path, c.right)):
        if not allow_outside:
            check_inside(path, side, got)
        if (folder / got).resolve() != want.resolve():
            raise InputError(f"{path}: its {side} map is {got} (relative to the comparison), not {want}; "
                             "pass the maps in the comparison's order")
    return loaded, loaded.fingerprint


def _write(path: Path, target, suggestions: list[Suggestion], left_path: Path, right_path: Path, quiet: bool,
           allow_outside: bool) -> None:
    loaded, base = target
    if loaded is not None:
        c = loaded.document.model_copy(deep=True)
    else:
        c = Comparison(schema_version=SCHEMA_VERSION, left=_relative(left_path, path.parent),
                       right=_relative(right_path, path.parent))
        if not allow_outside:
            for side in ("left", "right"):
                try:
                    check_inside(path, side, getattr(c, side))
                except InputError:
                    raise InputError(f"{path}: the {side} map {getattr(c, side)} is outside the comparison's folder; "
                                     "write the comparison beside the maps or above them (or pass --allow-outside)") from None
    linked = {(link.left, link.right) for link in c.links}
    added = 0
    for s in suggestions:
        if (s.left, s.right) in linked:
            continue
        c.links.append(Link(left=s.left, right=s.right, kind=s.kind,
                            note=f"suggested by argmap align (score {s.score:.2f}: {s.reason})"))
        linked.add((s.left, s.right))
        added += 1
    save_document(Comparison.model_validate(c.model_dump()), path, base=base)
    if not quiet:
        click.echo(f"\nadded {added} link{'s' if added != 1 else ''} to {path}" + ("" if loaded else " (new file)"))
