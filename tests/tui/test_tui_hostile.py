"""The TUI with hostile text (issue 21): text that looks like Textual markup is shown
as it is, never parsed (a `[/]` closing no tag crashed the app)."""

from __future__ import annotations

import json

from argmap.tui import create_app

SIZE = (100, 30)


async def test_a_keymap_naming_markup_is_reported_as_written(small_map, _isolated_config):
    (_isolated_config / "keymap.json").write_text(json.dumps({"keymap": {"[/]": "x", "[b]bold": "y"}}))
    app = create_app([small_map], watch_signals=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert any("unknown binding id(s) [/], [b]bold" in m for m in shown), shown
        await pilot.press("down")
        await pilot.pause()
    assert app.return_code in (None, 0)


async def test_notifications_quoting_user_text_are_not_markup(small_map):
    app = create_app([small_map], watch_signals=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify("No claim contains '[/]'.", severity="warning")
        app.screen.notify("source [red]x[/red] and [/] unknown")
        await pilot.pause()
        await pilot.pause()
    assert app.return_code in (None, 0)
