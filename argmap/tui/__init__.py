"""The terminal UI (Textual). The only package that imports Textual."""

from __future__ import annotations


def create_app(targets, **kwargs):
    """The app factory shared by the CLI and the tests (see argmap.tui.app)."""
    from argmap.tui.app import create_app as _create

    return _create(targets, **kwargs)
