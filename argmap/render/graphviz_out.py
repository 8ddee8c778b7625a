"""DOT source -> a file: SVG, PNG or PDF through Graphviz, or the DOT itself.

Rendering runs the layout program (`dot`, or `sfdp`/`neato` for very large maps)
through the `graphviz` package, in memory, then replaces the output file atomically
(temporary file, fsync, rename): a reader never sees half a diagram and a failed
render leaves the previous file as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path

from argmap.errors import ArgmapError, MissingToolError
from argmap.fsio import check_output, is_stdio
from argmap.store import write_export

FORMATS = ("svg", "png", "pdf", "dot")
ENGINES = ("dot", "sfdp", "neato")

INSTALL_ADVICE = (
    "Install Graphviz: Debian/Ubuntu `sudo apt-get install graphviz`, Fedora `sudo dnf install graphviz`, "
    "macOS `brew install graphviz`, Windows `winget install graphviz` (https://graphviz.org/download/)."
)


def format_for(out: Path, fmt: str | None) -> str:
    """The output format: `fmt` if given, else from the file name's suffix."""
    if fmt is None:
        fmt = out.suffix.lower().lstrip(".")
        if fmt == "gv":
            fmt = "dot"
        if fmt not in FORMATS:
            raise ArgmapError(
                f"{out}: cannot tell the format from the suffix {out.suffix or '(none)'!r}; "
                f"use one of .{', .'.join(FORMATS)} or --format"
            )
    elif fmt not in FORMATS:
        raise ArgmapError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return fmt


def write_output(dot_source: str, out: Path, fmt: str | None = None, engine: str = "dot", *,
                 inputs=(), force: bool = False) -> Path:
    """Write the diagram to `out` and return its path.

    The format comes from `out`'s suffix when `fmt` is None (`-`: standard output,
    SVG unless `fmt` says otherwise); format 'dot' writes the DOT source without
    running Graphviz. Parent folders are created; an existing file is replaced
    atomically, where argmap.fsio.check_output allows it (never over one of `inputs`,
    never over someone else's file unless `force`). When the layout program is
    missing, the DOT source is written next to `out` (same name, `.dot`) and
    `MissingToolError` says how to install Graphviz; when it fails, `ArgmapError`
    carries its error output.
    """
    import graphviz

    out = Path(out)
    fmt = (fmt or "svg") if is_stdio(out) else format_for(out, fmt)
    if engine not in ENGINES:
        raise ArgmapError(f"unknown layout engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if not is_stdio(out):  # before the layout, which may take long
        check_output(out, fmt, inputs=inputs, force=force)
    data = dot_source.encode("utf-8")
    if fmt == "dot":
        _write(out, data, fmt, inputs, force)
        return out
    try:
        rendered = graphviz.pipe(engine, fmt, data, quiet=True)
    except graphviz.ExecutableNotFound:
        if is_stdio(out):
            raise MissingToolError(f"Graphviz `{engine}` was not found on PATH, so nothing was drawn.\n{INSTALL_ADVICE}") from None
        dot_path = out.with_suffix(".dot")
        write_export(dot_path, data, "dot", inputs=inputs, force=force)
        raise MissingToolError(
            f"Graphviz `{engine}` was not found on PATH, so {out} was not drawn. "
            f"The diagram's DOT source is in {dot_path}.\n{INSTALL_ADVICE}\n"
            f"Then: {engine} -T{fmt} {dot_path} -o {out}"
        ) from None
    except graphviz.CalledProcessError as e:
        stderr = e.stderr.decode("utf-8", "replace") if isinstance(e.stderr, bytes) else str(e.stderr or "")
        raise ArgmapError(f"Graphviz `{engine}` failed (exit {e.returncode}) drawing {out}:\n{stderr.strip()}") from None
    _write(out, rendered, fmt, inputs, force)
    return out


def _write(out: Path, data: bytes, fmt: str, inputs, force: bool) -> None:
    if is_stdio(out):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_export(out, data, fmt, inputs=inputs, force=force)
