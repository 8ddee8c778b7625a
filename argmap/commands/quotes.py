from __future__ import annotations

from pathlib import Path

import click

from argmap.analysis.diff import word_diff
from argmap.analysis.quotes import SourceText, check_quotes, quotes_by_source, read_source_text, source_text_path
from argmap.commands._common import allow_outside_option, echo_json, max_bytes_option
from argmap.errors import EXIT_NO, InputError
from argmap.model import ArgumentMap
from argmap.store import is_comparison_path, load_comparison_with_maps, load_map


def _parse_source(spec: str) -> tuple[str, Path]:
    sid, sep, file = spec.partition("=")
    if not sep or not sid.strip() or not file.strip():
        raise InputError(f"--source {spec!r}: expected ID=FILE, e.g. --source mykal2024=essay.txt")
    return sid.strip(), Path(file.strip())


def _load_maps(files: tuple[Path, ...], max_bytes: int, allow_outside: bool) -> list[tuple[Path, ArgumentMap]]:
    maps = []
    for f in files:
        if is_comparison_path(f):
            lc = load_comparison_with_maps(f, max_bytes, allow_outside=allow_outside)
            maps += [(lc.left.path, lc.left.document), (lc.right.path, lc.right.document)]
        else:
            maps.append((f, load_map(f, max_bytes).document))
    return maps


class _Texts:
    """Source texts read once each: the `--source` files by id, else each map's
    `Source.text` files (relative to the map)."""

    def __init__(self, flags: dict[str, Path], max_bytes: int) -> None:
        self.flags = flags
        self.max_bytes = max_bytes
        self.read: dict[Path, SourceText] = {}

    def _load(self, path: Path) -> SourceText:
        key = path.resolve()
        if key not in self.read:
            self.read[key] = SourceText(read_source_text(path, self.max_bytes), path.name)
        return self.read[key]

    def for_map(self, map_path: Path, m: ArgumentMap) -> tuple[dict[str, SourceText], dict[str, Path]]:
        texts: dict[str, SourceText] = {}
        paths: dict[str, Path] = {}
        for s in m.sources:
            path = self.flags.get(s.id) or source_text_path(map_path, s)
            if path is None:
                continue
            try:
                texts[s.id] = self._load(path)
            except InputError as e:
                if s.id in self.flags:
                    raise
                raise InputError(f"{map_path}: source {s.id}: its text file {s.text!r}: {str(e).removeprefix(str(path) + ': ')}") from None
            paths[s.id] = path
        return texts, paths


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@click.command()
@click.argument("files", metavar="MAP...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--source", "-s", "source_specs", metavar="ID=FILE", multiple=True,
    help="Plain-text file of the source with this id (repeat for several sources); "
    "overrides the text file the source names in the map.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result of every quote as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="Also list the quotes that were found, with their line.")
@max_bytes_option
@allow_outside_option
def command(files: tuple[Path, ...], source_specs: tuple[str, ...], as_json: bool, verbose: bool, max_bytes: int,
            allow_outside: bool) -> None:
    """Check that every quote of the given sources is verbatim from the source text.

    The text of a source is the file its `text` field names (relative to the map), or
    the file given with --source. MAP may be a map or a comparison (both of its maps
    are checked). Whitespace,
    typographic quotes and dashes, soft hyphens, footnote markers and words
    hyphenated across lines are normalised; `...` marks an elision. Lists the quotes
    not found with the closest passage of the source; exits 1 if any.
    """
    maps = _load_maps(files, max_bytes, allow_outside)
    specs = [_parse_source(s) for s in source_specs]
    known = sorted({s.id for _, m in maps for s in m.sources})
    flags: dict[str, Path] = {}
    for sid, path in specs:
        if sid not in known:
            raise InputError(f"--source {sid}={path}: no source {sid!r} in {', '.join(str(p) for p, _ in maps)} (sources: {', '.join(known) or 'none'})")
        if sid in flags:
            raise InputError(f"--source {sid}: given twice")
        flags[sid] = path
    texts = _Texts(flags, max_bytes)
    for sid, path in flags.items():
        texts._load(path)  # a bad --source file is an error even where no quote needs it

    report = []
    missing = 0
    all_paths: dict[str, Path] = {}
    for map_path, m in maps:
        sources, paths = texts.for_map(map_path, m)
        checks = check_quotes(m, sources)
        missing += sum(1 for r in checks if not r.found)
        report.append((str(map_path), m, checks, sources, paths))
        for sid, p in paths.items():
            all_paths.setdefault(sid, p)
    if not all_paths:
        raise InputError(
            f"{', '.join(str(p) for p, _ in maps)}: no source names its text file and no --source ID=FILE is given: "
            "nothing to check against (set a source's text file in the map, or pass --source)"
        )

    if as_json:
        echo_json({
            "sources": {sid: str(p) for sid, p in all_paths.items()},
            "maps": [
                {
                    "path": map_path,
                    "sources": {sid: str(p) for sid, p in paths.items()},
                    "quotes": [
                        {
                            "claim": r.claim, "evidence": r.index, "source": r.source, "locator": r.locator,
                            "status": r.status, "line": r.line, "quote": r.quote,
                            **({"closest": r.closest, "similarity": r.similarity} if not r.found else {}),
                        }
                        for r in checks
                    ],
                }
                for map_path, _, checks, _, paths in report
            ],
            "missing": missing,
        })
    else:
        for map_path, m, checks, sources, paths in report:
            _print_map(map_path, m, checks, sources, paths, verbose)
    if missing:
        raise click.exceptions.Exit(EXIT_NO)


def _print_map(map_path, m: ArgumentMap, checks, sources, paths, verbose: bool) -> None:
    click.echo(map_path)
    per_source = quotes_by_source(m)
    unchecked = {sid: n for sid, n in per_source.items() if sid not in sources}
    for sid in sorted(per_source):
        if sid not in sources:
            continue
        mine = [r for r in checks if r.source == sid]
        verbatim = sum(r.status == "verbatim" for r in mine)
        normalised = sum(r.status == "normalised" for r in mine)
        elided = sum(r.status == "elided" for r in mine)
        bad = [r for r in mine if not r.found]
        parts = [f"{verbatim} verbatim"]
        if normalised:
            parts.append(f"{normalised} after normalising typography")
        if elided:
            parts.append(f"{elided} with elisions")
        verdict = f"{len(bad)} NOT FOUND" if bad else "all found"
        click.echo(f"  {sid} ({paths[sid]}): {_plural(len(mine), 'quote')}, {', '.join(parts)}; {verdict}")
        for r in mine:
            where = f"{paths[sid].name}:{r.line}"
            label = f"claim {r.claim}" + (f", evidence {r.index + 1}" if len(m.claim(r.claim).evidence) > 1 else "")
            label += f" ({r.locator})" if r.locator else ""
            if r.found:
                if verbose:
                    click.echo(f"    ok       {label}: {r.status} at {where}")
                continue
            click.echo(click.style(f"    MISSING  {label}", fg="red", bold=True))
            click.echo(f"      quote:   {r.quote}")
            if r.closest:
                click.echo(f"      closest: {r.closest}  ({where}, {r.similarity:.0f}% similar)")
                click.echo(f"      source -> quote: {word_diff(r.closest, ' '.join(r.quote.split()))}")
    for sid in sorted({s.id for s in m.sources} & set(sources) - set(per_source)):
        click.echo(f"  {sid}: no quotes in this map")
    if unchecked:
        listed = ", ".join(f"{sid} ({n})" for sid, n in sorted(unchecked.items()))
        click.echo(f"  not checked, no text file (--source ID=FILE or the source's text field): {_plural(sum(unchecked.values()), 'quote')} of {listed}")
