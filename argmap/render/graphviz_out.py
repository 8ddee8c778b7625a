"""DOT source -> a file: SVG, PNG or PDF through Graphviz, or the DOT itself.

Rendering runs the layout program (`dot`, or `sfdp`/`neato` for very large maps)
through the `graphviz` package, in memory, then replaces the output file atomically
(temporary file, fsync, rename): a reader never sees half a diagram and a failed
render leaves the previous file as it was.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from argmap.errors import ArgmapError, InputError, MissingToolError
from argmap.fsio import check_output, is_stdio, read_regular
from argmap.store import write_export

FORMATS = ("svg", "png", "pdf", "dot", "tikz")
SUFFIX_FORMATS = {"gv": "dot", "tex": "tikz"}
ENGINES = ("dot", "sfdp", "neato")

INSTALL_ADVICE = (
    "Install Graphviz: Debian/Ubuntu `sudo apt-get install graphviz`, Fedora `sudo dnf install graphviz`, "
    "macOS `brew install graphviz`, Windows `winget install graphviz` (https://graphviz.org/download/)."
)


def format_for(out: Path, fmt: str | None) -> str:
    """The output format: `fmt` if given, else from the file name's suffix."""
    if fmt is None:
        fmt = out.suffix.lower().lstrip(".")
        fmt = SUFFIX_FORMATS.get(fmt, fmt)
        if fmt not in FORMATS or fmt == "tikz" and out.suffix.lower() != ".tex":
            raise ArgmapError(
                f"{out}: cannot tell the format from the suffix {out.suffix or '(none)'!r}; "
                f"use one of .svg, .png, .pdf, .dot, .tex (TikZ) or --format"
            )
    elif fmt not in FORMATS:
        raise ArgmapError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return fmt


def run_graphviz(dot_source: str, fmt: str, engine: str = "dot", args: tuple[str, ...] = ()) -> bytes:
    """Graphviz's output for `dot_source`, in memory. `MissingToolError` when the
    layout program is missing (the caller decides where the DOT goes), `ArgmapError`
    with its error output when it fails."""
    try:
        proc = subprocess.run([engine, f"-T{fmt}", *args], input=dot_source.encode("utf-8"), capture_output=True)
    except FileNotFoundError:
        raise MissingToolError(f"Graphviz `{engine}` was not found on PATH.\n{INSTALL_ADVICE}") from None
    if proc.returncode != 0:
        raise ArgmapError(f"Graphviz `{engine}` failed (exit {proc.returncode}):\n{proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout


def draw(
    dot_source: str,
    fmt: str,
    engine: str = "dot",
    *,
    dpi: int | None = None,
    on_note: Callable[[str], None] | None = None,
    name: str = "the diagram",
) -> bytes:
    """The file's bytes in `fmt` (svg, png, pdf, dot or tikz), in memory.

    PNG and PDF are final, drawn with this machine's fonts: a character no installed
    font has is written as its name in brackets (never a box), and `on_note` hears
    which (`name` says of which file). `dpi`: pixels per inch of a PNG (Graphviz's
    default 96). `MissingToolError` when the layout program is missing."""
    from argmap.render.glyphs import readable

    if engine not in ENGINES:
        raise ArgmapError(f"unknown layout engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if fmt == "tikz":
        from argmap.render.tikz import dot_to_tikz

        return dot_to_tikz(dot_source, engine).encode("utf-8")
    if fmt == "dot":
        return dot_source.encode("utf-8")
    source = dot_source
    if fmt in ("png", "pdf"):
        source, missing = readable(dot_source)
        if missing and on_note is not None:
            listed = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:8]) + (" ..." if len(missing) > 8 else "")
            on_note(f"{name}: no installed font has {listed}; written as the character's name in brackets. "
                    "Install a font that has it (Debian: fonts-noto-core, fonts-noto-cjk) and draw again.")
    args = (f"-Gdpi={dpi}",) if dpi and fmt == "png" else ()
    rendered = run_graphviz(source, fmt, engine, args)
    if fmt == "svg":
        from argmap.render.accessible import accessible_svg

        rendered = accessible_svg(rendered.decode("utf-8")).encode("utf-8")
    return rendered


def write_output(
    dot_source: str,
    out: Path,
    fmt: str | None = None,
    engine: str = "dot",
    *,
    dpi: int | None = None,
    on_note: Callable[[str], None] | None = None,
    inputs: Iterable[str | Path] = (),
    force: bool = False,
) -> Path:
    """Write the diagram to `out` and return its path.

    The format comes from `out`'s suffix when `fmt` is None (`-`: standard output,
    SVG unless `fmt` says otherwise); format 'dot' writes the DOT source without
    running Graphviz. Parent folders are created; an existing file is replaced
    atomically, where argmap.fsio.check_output allows it (never over one of
    `inputs`, never over someone else's file unless `force`). When the layout
    program is missing, the DOT source is written next to `out` (same name, `.dot`)
    and `MissingToolError` says how to install Graphviz; when it fails,
    `ArgmapError` carries its error output. See `draw` for fonts and `dpi`.
    """
    out = Path(out)
    stdout = is_stdio(out)
    fmt = (fmt or "svg") if stdout else format_for(out, fmt)
    if not stdout:  # before the layout, which may take long
        check_output(out, fmt, inputs=inputs, force=force)
    try:
        rendered = draw(dot_source, fmt, engine, dpi=dpi, on_note=on_note, name=str(out))
    except MissingToolError:
        if stdout:
            raise MissingToolError(f"Graphviz `{engine}` was not found on PATH, so nothing was drawn.\n{INSTALL_ADVICE}") from None
        dot_path = out.with_suffix(".dot")
        write_export(dot_path, dot_source.encode("utf-8"), "dot", inputs=inputs, force=force)
        raise MissingToolError(
            f"Graphviz `{engine}` was not found on PATH, so {out} was not drawn. "
            f"The diagram's DOT source is in {dot_path}.\n{INSTALL_ADVICE}\n"
            f"Then: {engine} -T{fmt} {dot_path} -o {out}"
        ) from None
    except ArgmapError as e:
        raise ArgmapError(f"{e} (drawing {out})") from None
    if stdout:
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()
    else:
        write_export(out, rendered, fmt, inputs=inputs, force=force)
    return out


def is_stale(dot_source: str, out: Path, fmt: str | None = None, engine: str = "dot", *, dpi: int | None = None) -> bool:
    """True when `out` is missing or differs from what drawing `dot_source` gives
    now (a committed figure its map has moved on from). Writes nothing."""
    out = Path(out)
    fmt = format_for(out, fmt)
    try:
        rendered = draw(dot_source, fmt, engine, dpi=dpi, name=str(out))
    except MissingToolError:
        raise
    except ArgmapError as e:
        raise ArgmapError(f"{e} (checking {out})") from None
    if not out.exists() and not out.is_symlink():
        return True
    if out.is_file() and out.stat().st_size != len(rendered):
        return True
    # only a regular file is read (a FIFO would hang), no more than the figure's size
    try:
        return read_regular(out, len(rendered)) != rendered
    except InputError as e:
        if "over the limit" in str(e):  # it grew meanwhile
            return True
        raise
