"""Pilot tests of schemes and critical questions in the editor (issue 19): the
scheme picker, answering a question, setting one aside, reopening it, saving."""

from __future__ import annotations

import json

from textual.widgets import OptionList

from argmap.tui.editor import MapEditor
from argmap.tui.schemes import QuestionsScreen, SchemePicker
from test_tui_editor import SIZE, app_for, cursor_row, doc, select, snapshot, undo_redo
from tui_helpers import screen_is, until, workers_done

EXPERT_QUESTIONS = 6  # expert-opinion asks six critical questions


async def pick_scheme(pilot, typed: str) -> None:
    await pilot.press("f")
    await screen_is(pilot, SchemePicker)
    await pilot.press(*typed)
    await pilot.press("enter")
    await screen_is(pilot, MapEditor)


def argument(app, argument_id: str):
    return next(a for a in doc(app).arguments if a.id == argument_id)


async def test_picker_assigns_a_scheme_undoably(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "r1", "a1")
        before = snapshot(app)
        await pilot.press("f")
        picker = await screen_is(pilot, SchemePicker)
        await pilot.press(*"expert")
        shown = picker.query_one(OptionList)
        first = shown.get_option_at_index(0)
        assert first.id == "expert-opinion"
        assert "premises: expertise, assertion, field" in first.prompt.plain  # the roles
        await pilot.press("enter")
        await screen_is(pilot, MapEditor)
        assert argument(app, "a1").scheme == "expert-opinion"
        detail = app.screen.detail_plain()
        assert "scheme: Argument from expert opinion" in detail
        assert "[open] expert (assumption): Is E a genuine expert" in detail
        assert "[open] consensus (exception)" in detail
        await workers_done(app)
        await until(pilot, lambda: f"{EXPERT_QUESTIONS} open questions" in app.screen.sub_title)
        problems = app.screen.query_one("#problems", OptionList)
        rows = [problems.get_option_at_index(i) for i in range(problems.option_count)]
        row = next(o for o in rows if "[open-questions]" in o.prompt.plain)
        assert row.prompt.plain == "[open-questions] a1: 6 open (expert-opinion; Q)"
        assert problems.border_title == "Problems (1) · 6 open questions"  # small.json has one lint warning
        await undo_redo(pilot, before, snapshot(app))


async def test_picker_keeps_free_text_and_clears(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "o1", "a3")
        await pick_scheme(pilot, "from the shopkeepers' word")
        assert argument(app, "a3").scheme == "from the shopkeepers' word"
        assert "(free text: no critical questions)" in app.screen.detail_plain()
        await pilot.press("f")
        picker = await screen_is(pilot, SchemePicker)
        box = picker.query_one(OptionList)
        assert box.get_option_at_index(box.option_count - 1).id == "clear:"
        box.highlighted = box.option_count - 1
        await pilot.press("enter")
        await screen_is(pilot, MapEditor)
        assert argument(app, "a3").scheme is None


async def test_answer_set_aside_reopen_and_save(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "r1", "a1")
        await pick_scheme(pilot, "expert opinion")
        # an assumption: stated as a co-premise with a reason to fill in, editor open on it
        await pilot.press("Q")
        questions = await screen_is(pilot, QuestionsScreen)
        assert questions.query_one(OptionList).highlighted == 0  # the first open one: expert
        await pilot.press("a")
        await screen_is(pilot, MapEditor)
        area = app.screen.query_one("#editor-input")
        assert app.screen.pending.kind == "text" and area.text.startswith("Is E a genuine expert")
        await pilot.press(*" Yes: a road-safety researcher.")
        await pilot.press("enter")
        # then the editor is on the (empty) reason that backs it
        a1 = argument(app, "a1")
        stated = a1.premises[-1]
        assert doc(app).claims[-2].id == stated and doc(app).claims[-2].text.endswith("a road-safety researcher.")
        answered = {q.id: q for q in a1.questions}["expert"]
        backing = argument(app, answered.by)
        assert answered.state == "answered" and backing.target == stated and backing.polarity == "support"
        assert app.screen.pending.target == backing.premises[0] and area.text == ""
        assert cursor_row(app)[1] == backing.premises[0]
        await pilot.press(*"Ten years on the road-safety board.")
        await pilot.press("enter")
        assert doc(app).claims[-1].text == "Ten years on the road-safety board."
        assert app.screen.pending is None
        # set aside with a note
        await select(pilot, "r1", "a1")
        await pilot.press("Q")
        questions = await screen_is(pilot, QuestionsScreen)
        assert questions.query_one(OptionList).highlighted == 1  # field, the next open one
        await pilot.press("s")
        await pilot.press(*"road safety is the field")
        await pilot.press("enter")
        await screen_is(pilot, MapEditor)
        assert {q.id: (q.state, q.note) for q in argument(app, "a1").questions}["field"] == ("set-aside", "road safety is the field")
        assert "[set aside: road safety is the field] field (assumption)" in app.screen.detail_plain()
        # an exception: the undercut that raises it
        await pilot.press("Q")
        questions = await screen_is(pilot, QuestionsScreen)
        await pilot.press("down", "down")  # said -> evidence -> trust
        assert questions.query_one(OptionList).get_option_at_index(questions.query_one(OptionList).highlighted).id == "trust"
        await pilot.press("enter")
        await screen_is(pilot, MapEditor)
        await pilot.press("enter")  # the question's text as it is
        trust = {q.id: q for q in argument(app, "a1").questions}["trust"]
        undercut = argument(app, trust.by)
        assert (undercut.target, undercut.polarity) == ("a1", "attack")
        assert doc(app).claims[-1].text.startswith("Is E unreliable here")
        assert cursor_row(app)[1] == undercut.premises[0]
        # reopen the one set aside
        await select(pilot, "r1", "a1")
        await pilot.press("Q")
        questions = await screen_is(pilot, QuestionsScreen)
        questions.query_one(OptionList).highlighted = 1
        await pilot.press("o")
        await screen_is(pilot, MapEditor)
        assert "field" not in {q.id for q in argument(app, "a1").questions}
        await workers_done(app)
        await until(pilot, lambda: "4 open questions" in app.screen.sub_title)  # field, said, evidence, consensus
        await pilot.press("ctrl+s")
        saved = json.loads(small_map.read_text("utf-8"))
        a1 = next(a for a in saved["arguments"] if a["id"] == "a1")
        assert a1["scheme"] == "expert-opinion"
        states = {q["id"]: q for q in a1["questions"]}
        assert set(states) == {"expert", "trust"}
        assert states["expert"]["state"] == "answered" and states["expert"]["by"] == answered.by
        assert states["trust"] == {"id": "trust", "state": "answered", "by": undercut.id}


async def test_questions_need_a_catalogued_scheme(small_map):
    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, "r1", "a1")
        await pilot.press("Q")
        await pilot.pause()
        assert isinstance(app.screen, MapEditor)
        await select(pilot, "t")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, MapEditor)  # the thesis is no argument


async def test_keys_in_help_palette_and_legend(small_map):
    from argmap.tui.app import known_binding_ids
    from argmap.tui.dialogs import LEGEND

    app = app_for(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await screen_is(pilot, MapEditor)
        editor = next(rows for title, rows in app.help_sections() if title == "Map editor")
        editor_keys = {binding_id: keys for keys, _, binding_id in editor}
        assert editor_keys["set_scheme"] == "f" and editor_keys["questions"] == "Q"
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Scheme (f)" in commands and "Questions (Q)" in commands
        assert {"set_scheme", "questions", "question_answer", "question_set_aside", "question_reopen", "scheme_cancel"} <= known_binding_ids()
        symbols = [symbol for title, rows in LEGEND if title.startswith("Schemes") for symbol, _, _ in rows]
        assert "[open]" in symbols and "[answered by a7]" in symbols
