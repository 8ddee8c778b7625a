"""One Pilot test (or more) per defect of the newcomer review
(../shared/reviews/newcomer-review.md, section b), named test_dN_...; the review's
steps are followed where they apply. Keys are sent as a burst (`burst`) where the
review typed fast, since that is where dialogs lost input."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import DataTable, Static

from argmap.store import load_map
from argmap.tui.app import create_app
from argmap.tui.compare import CompareScreen, SuggestionList, link_marks, suggested_kind
from argmap.tui.dialogs import LEGEND, HelpScreen, NewMapForm, file_slug
from argmap.tui.editor import MapEditor
from argmap.tui.evidence import EvidenceForm
from argmap.tui.keymap import UserConfig
from argmap.tui.sources import MapDetailsForm, SourceForm, SourcesScreen
from argmap.tui.workspace import WorkspaceScreen
from argmap.model import Link
from tui_helpers import burst, claim_nodes, screen_is, until, workers_done

HERE = Path(__file__).parent


@pytest.fixture
def small(cars) -> Path:
    return cars.parent / "small.json"


def app_for(*paths: Path):
    return create_app(list(paths), config=UserConfig(), watch_signals=False)


def doc(app):
    return app.screen.session.document


def screen_text(app) -> str:
    """What the terminal shows, as plain text (from the SVG screenshot)."""
    import html

    svg = app.export_screenshot()
    rows = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return html.unescape(" ".join(rows)).replace("\xa0", " ")


async def select(pilot, claim_id: str, argument: str | None = None) -> None:
    assert pilot.app.screen.tree.select_claim(claim_id, prefer_argument=argument)
    await pilot.pause()


# ---------------------------------------------------------------- 1: nothing typed is lost


async def test_d1_evidence_named_as_people_cite_it_is_kept_whole(small):
    """The review's steps: v, 'WHO 2021', enter... A name that is no id makes a new
    source (id who-2021, authors WHO, year 2021); source, quote and locator all stay."""
    app = app_for(small)
    async with app.run_test(size=(120, 35)) as pilot:
        await screen_is(pilot, MapEditor)
        await select(pilot, "r2", "a2")
        await burst(app, "v", *"WHO 2021", "enter", "enter", "enter", *"Road safety report", "enter", "enter",
                    *"Pedestrians are most at risk", "enter", *"p. 12", "enter")
        await screen_is(pilot, MapEditor)
        await pilot.pause()
        e = doc(app).claim("r2").evidence[0]
        assert (e.source, e.quote, e.locator) == ("who-2021", "Pedestrians are most at risk", "p. 12")
        source = next(s for s in doc(app).sources if s.id == "who-2021")
        assert (source.authors, source.year, source.title) == (["WHO"], 2021, "Road safety report")


async def test_d1_evidence_dialog_stays_open_with_the_input_on_a_problem(small):
    app = app_for(small)
    async with app.run_test(size=(120, 35)) as pilot:
        await screen_is(pilot, MapEditor)
        await select(pilot, "r2", "a2")
        await burst(app, "v", "enter", *"a quote without a source", "enter", *"p. 3", "enter")
        form = await screen_is(pilot, EvidenceForm)  # still open
        assert form.value("quote") == "a quote without a source" and form.value("locator") == "p. 3"
        assert "Which source" in str(form.query_one("#problem-source", Static).render())
        await burst(app, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceForm) and form.value("quote") == "a quote without a source"
        # a new source with a year that is none: the field says so, nothing goes
        form.input("source").value = "Smith 2020"
        form.set_focus(form.input("source"))
        await burst(app, "enter", "enter")
        await pilot.pause()
        form.input("year").value = "20x0"
        await burst(app, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceForm)
        assert "not a year" in str(form.query_one("#problem-year", Static).render())
        assert form.value("quote") == "a quote without a source" and form.value("source") == "Smith 2020"
        form.input("year").value = "2020"
        await burst(app, "ctrl+s")
        await screen_is(pilot, MapEditor)
        await pilot.pause()
        e = doc(app).claim("r2").evidence[0]
        assert (e.source, e.quote, e.locator) == ("smith-2020", "a quote without a source", "p. 3")


async def test_d1_new_map_form_keeps_its_input_on_a_problem(small):
    app = app_for(small.parent)
    async with app.run_test(size=(120, 35)) as pilot:
        await screen_is(pilot, CompareScreen)  # the folder holds only the demo comparison
        await pilot.press("escape")
        await screen_is(pilot, WorkspaceScreen)
        await burst(app, "n", "enter")  # no thesis: the field says so and keeps the focus
        form = await screen_is(pilot, NewMapForm)
        assert form.focused is form.input("thesis")
        form.input("title").value = "Cars in cities"
        form.input("file").value = "small"  # taken
        await burst(app, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewMapForm)
        assert form.value("title") == "Cars in cities" and form.value("file") == "small"
        problems = str(form.query_one("#problem-thesis", Static).render()) + str(form.query_one("#problem-file", Static).render())
        assert "needs some text" in problems and "already exists" in problems
        form.input("thesis").value = "Cities should ban cars"
        form.input("file").value = ""
        await burst(app, "ctrl+s")
        await screen_is(pilot, MapEditor)
        created = load_map(small.parent / "cars-in-cities.json").document
        assert created.title == "Cars in cities" and created.claim(created.thesis).text == "Cities should ban cars"


async def test_d1_source_form_keeps_its_input_on_a_problem(small):
    app = app_for(small)
    async with app.run_test(size=(120, 35)) as pilot:
        await screen_is(pilot, MapEditor)
        await burst(app, "b")
        await screen_is(pilot, SourcesScreen)
        await burst(app, "enter")
        form = await screen_is(pilot, SourceForm)
        await pilot.pause()
        form.input("year").value = "last year"
        form.input("url").value = "not a url"
        form.input("text").value = "missing.txt"
        await burst(app, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SourceForm)
        for key in ("year", "url", "text"):
            assert str(form.query_one(f"#problem-{key}", Static).render()), key
        assert (form.value("year"), form.value("url"), form.value("text")) == ("last year", "not a url", "missing.txt")


async def test_d1_inline_editor_keeps_an_empty_edit_open(small):
    app = app_for(small)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await screen_is(pilot, MapEditor)
        await select(pilot, "r2", "a2")
        await burst(app, "e", "ctrl+a")
        editor = screen.query_one("#editor-input")
        editor.text = "   "
        await burst(app, "enter")
        await pilot.pause()
        assert screen.pending is not None and screen.query_one("#editor").display  # still open
        assert "needs some text" in str(screen.query_one("#editor-label").render())
        assert doc(app).claim("r2").text == "Streets are public space that cars take up."


# ---------------------------------------------------------------- 2-5: the compare view


@pytest.mark.parametrize("size", [(80, 24), (120, 35), (120, 60), (200, 50)])
async def test_d2_link_and_note_are_visible_in_the_panel_at_every_size(cars, size):
    app = app_for(cars)
    async with app.run_test(size=size) as pilot:
        screen = await screen_is(pilot, CompareScreen)
        screen.tree_of("left").select_claim("o1")
        await pilot.pause()
        shown = screen_text(app)
        assert "same:" in shown and "same worry" in shown  # right under the claim's text
        scroll, bottom = screen.query_one("#detail-scroll"), screen.query_one("#compare-bottom")
        assert bottom.content_region.contains_region(scroll.region)  # the panel is no taller than its space
        scroll.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        last = screen.detail_plain().rstrip().splitlines()[-1].strip()
        assert last[-20:] in screen_text(app)  # its end can be reached


async def test_d3_the_panel_starts_at_the_top_on_each_selection(cars):
    app = app_for(cars)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_is(pilot, CompareScreen)
        screen.tree_of("left").select_claim("r1")
        await pilot.pause()
        scroll = screen.query_one("#detail-scroll")
        await pilot.press("J")  # scroll the panel down
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("tab")
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("J", "right_square_bracket")
        await pilot.pause()
        assert scroll.scroll_y == 0


async def test_d4_every_link_kind_is_marked_and_next_link_finds_each_partner(cars):
    app = app_for(cars)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await screen_is(pilot, CompareScreen)
        links = list(screen.comparison.document.links)
        links += [Link(left="o1", right="k2", kind="contradicts"), Link(left="o1", right="k3", kind="contradicts")]
        screen._set_links(links, "test")
        await pilot.pause()
        screen.tree_of("left").select_claim("o1")
        await pilot.pause()
        label = screen.tree_of("left").cursor_node.label.plain
        assert "⇔ " in label and "⇎2 " in label  # both kinds, and a count
        assert link_marks([Link(left="a", right="b", kind="same"), Link(left="a", right="c", kind="shared-evidence")]).plain == "⇔ ❝⇔ "
        partners = [screen.tree_of("right").cursor_node.data[1]]  # the first partner, at once
        for _ in range(2):
            await pilot.press("right_square_bracket")
            assert screen.tree_of("left").cursor_node.data[1] == "o1"
            partners.append(screen.tree_of("right").cursor_node.data[1])
        assert partners == ["k1", "k2", "k3"]  # each partner in turn
        await pilot.press("right_square_bracket")
        assert screen.tree_of("left").cursor_node.data[1] == "t"  # then the next linked claim


async def test_d5_suggestions_are_a_table_with_the_score_once_and_honest_words(cars):
    assert suggested_kind("same", 0.13) == "related (a guess)"  # 13% is not "same"
    assert suggested_kind("same", 0.45) == "same? (possible)"
    assert suggested_kind("same", 0.8) == "same (likely)"
    app = app_for(cars)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await screen_is(pilot, CompareScreen)
        screen.tree_of("left").select_claim("r1")
        await pilot.pause()
        await pilot.press("s")
        suggestions = await screen_is(pilot, SuggestionList)
        table = suggestions.query_one(DataTable)
        assert [c.label.plain for c in table.columns.values()] == ["match", "may be", "claim on the other side"]
        first = [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(0)]
        assert re.fullmatch(r"\d+%", first[0])
        assert "%" not in first[1] and "%" not in first[2]  # the score once, in its column
        assert first[2].endswith("speed limits fix that.") or "…" not in first[2]  # the whole text, wrapped
        assert "same" not in first[1] or int(first[0][:-1]) >= 40


# ---------------------------------------------------------------- 6-8


async def test_d6_emoji_and_wide_characters_show_in_the_claim_editor(small):
    app = app_for(small)
    async with app.run_test(size=(100, 30)) as pilot:
        await screen_is(pilot, MapEditor)
        await select(pilot, "r2", "a2")
        await burst(app, "e", "end", *" 🚲 漢字 ok")
        await pilot.pause()
        assert "cars take up. 🚲 漢字 ok" in screen_text(app)
        await burst(app, "enter")
        await pilot.pause()
        assert doc(app).claim("r2").text.endswith("🚲 漢字 ok")


async def test_d7_map_title_claim_titles_and_source_details_are_set_in_the_tui(small, tmp_path):
    (tmp_path / "who.txt").write_text("Road deaths\n\nMost people killed on city roads walk.\n", "utf-8")
    app = app_for(small)
    async with app.run_test(size=(120, 35)) as pilot:
        await screen_is(pilot, MapEditor)
        await burst(app, "i")
        form = await screen_is(pilot, MapDetailsForm)
        await pilot.pause()
        form.input("title").value = "Car-free centres"
        await burst(app, "enter", *"A seminar map", "enter", *"Ann Lee; Bo Chen", "enter")
        await screen_is(pilot, MapEditor)
        await pilot.pause()
        assert (doc(app).title, doc(app).description, doc(app).authors) == ("Car-free centres", "A seminar map", ["Ann Lee", "Bo Chen"])
        await select(pilot, "r1", "a1")
        await burst(app, "T", *"Danger", "enter")
        await pilot.pause()
        assert doc(app).claim("r1").title == "Danger"
        await burst(app, "b", "enter")
        form = await screen_is(pilot, SourceForm)
        await pilot.pause()
        for key, value in (("authors", "Ann Author; Ben Other"), ("year", "2023"), ("url", "https://example.org/streets"), ("text", "who.txt")):
            form.input(key).value = value
        await burst(app, "ctrl+s")
        await screen_is(pilot, SourcesScreen)
        await burst(app, "escape")
        await screen_is(pilot, MapEditor)
        s1 = next(s for s in doc(app).sources if s.id == "s1")
        assert (s1.authors, s1.year, s1.url, s1.text) == (["Ann Author", "Ben Other"], 2023, "https://example.org/streets", "who.txt")


async def test_d8_an_undercut_shows_on_the_step_it_defeats(small):
    app = app_for(small)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await screen_is(pilot, MapEditor)
        await workers_done(app)
        await select(pilot, "r1", "a1")  # the reason u1 undercuts
        await until(pilot, lambda: "↯" in screen.tree.cursor_node.label.plain)
        assert "✓" in screen.tree.cursor_node.label.plain  # the claim itself stands
        assert "step is undercut by “Danger can be reduced without a ban.”" in " ".join(screen.detail_plain().split())
        await select(pilot, "r3", "a2")
        assert "↯" not in screen.tree.cursor_node.label.plain  # an untouched step is not marked


# ---------------------------------------------------------------- 9-11


async def test_d9_cut_texts_end_in_an_ellipsis_and_hints_wrap(small):
    app = app_for(small)
    async with app.run_test(size=(50, 24)) as pilot:
        screen = await screen_is(pilot, MapEditor)
        await select(pilot, "b1")
        shown = screen_text(app)
        assert "…" in shown  # long rows are cut with a mark
        assert not re.search(r"Pedestrian zones raised shop revenue \[b\]elsewhere\[/x\]", shown)
        await burst(app, "v")
        form = await screen_is(pilot, EvidenceForm)
        await pilot.pause()
        assert "(this one is kept first)" in " ".join(screen_text(app).split())  # the hint's end is on screen


async def test_d9_workspace_names_the_problem_not_the_path(tmp_path, small):
    (tmp_path / "truncated.json").write_text('{\n "schema_version": 2,\n "thesis": "t",\n "claims": [{"id": "t", "text": "abc')
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await screen_is(pilot, WorkspaceScreen)
        table = app.screen.query_one(DataTable)
        cells = " ".join(str(getattr(cell, "plain", cell)) for i in range(table.row_count) for cell in table.get_row_at(i))
        cells = " ".join(cells.split())
        assert "line 4, column 33: invalid JSON" in cells
        assert str(tmp_path) not in cells


async def test_d10_help_shows_keys_as_people_write_them(cars):
    app = app_for(cars)
    async with app.run_test(size=(120, 35)) as pilot:
        await screen_is(pilot, CompareScreen)
        await pilot.press("question_mark")
        help_screen = await screen_is(pilot, HelpScreen)
        keys = [k for _, rows in help_screen.sections for k, _, _ in rows]
        assert "]" in keys and "[" in keys and "?" in " ".join(keys)
        assert not any("square_bracket" in k or "question_mark" in k for k in keys)
        assert "What the symbols mean" in screen_text(app) or any(isinstance(w, Static) for w in help_screen.query(Static))


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_d11_tree_guides_stand_out_from_the_background(small, theme):

    app = app_for(small)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_is(pilot, MapEditor)
        app.theme = theme
        await pilot.pause()
        tree = screen.tree
        guides = tree.get_component_styles("tree--guides")
        background = tree.background_colors[1]
        fg = background + guides.color  # the guide colour as painted (it has alpha)
        contrast = abs(fg.brightness - background.brightness)
        assert contrast > 0.2, (theme, fg, background)


# ---------------------------------------------------------------- 13


async def test_d13_rebuttal_prompt_and_undo_say_rebuttal(small):
    app = app_for(small)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await screen_is(pilot, MapEditor)
        await select(pilot, "o1", "a3")
        await burst(app, "o")
        await pilot.pause()
        assert "New rebuttal" in str(screen.query_one("#editor-label").render())
        await burst(app, *"Delivery vans still come", "enter", "ctrl+z")
        await pilot.pause()
        assert any("Undone: add rebuttal" in str(n.message) for n in app._notifications)


async def test_d13_a_pasted_subtree_arrives_open_and_stays_open_after_undo(small):
    app = app_for(small)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await screen_is(pilot, MapEditor)
        await select(pilot, "o1", "a3")  # the objection with its rebuttal b1
        await burst(app, "x")
        await select(pilot, "r2", "a2")
        await burst(app, "p")
        await pilot.pause()
        node = screen.tree.cursor_node
        assert node.data[1] == "o1" and node.is_expanded
        assert any(c.data and c.data[1] == "b1" for c in node.children)  # the rebuttal shows
        await burst(app, "ctrl+z")
        await pilot.pause()
        node = screen.tree.cursor_node
        assert node.data[1] == "o1" and node.is_expanded


def test_d13_wrapped_quote_lines_stay_under_their_start():
    from argmap.analysis.structure import MapIndex
    from argmap.tui import view

    m = load_map(HERE / "maps" / "small.json").document
    quote = "Most urban road deaths are pedestrians. " * 4
    claim = replace(m.claim("r1"), evidence=[replace(m.claim("r1").evidence[0], quote=quote)])
    m = m.model_copy(update={"claims": [claim if c.id == "r1" else c for c in m.claims]})
    console = Console(width=50, record=True)
    console.print(view.detail(MapIndex.build(m), ("claim", "r1", "a1")))
    lines = console.export_text().splitlines()
    start = next(i for i, line in enumerate(lines) if "“Most urban" in line)
    assert lines[start].startswith("    “") and lines[start + 1].startswith("    ") and lines[start + 1].strip()


def test_d13_file_names_end_on_a_word_that_means_something():
    assert file_slug("Cities should ban cars from their centres because they are dangerous") == "cities-should-ban-cars-from-their-centres"
    assert file_slug("Cities should ban cars from their centres", limit=34) == "cities-should-ban-cars"
    assert file_slug("???") == "map"


async def test_d13_no_stray_problems_border_at_80x24(cars):
    app = app_for(cars)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_is(pilot, CompareScreen)
        await workers_done(app)
        await pilot.press("w")
        await pilot.pause()
        problems = screen.query_one("#problems")
        assert problems.display == (problems.option_count > 0)


# ---------------------------------------------------------------- issue 14's other items


def shown_rows(tree) -> set[str]:
    return {node.data[1] for node in claim_nodes(tree, shown_only=True)}


async def test_expand_all_collapse_all_and_a_reopened_map_shows_what_was_open(small):
    app = app_for(small)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_is(pilot, MapEditor)
        await burst(app, "C")
        await pilot.pause()
        assert "b1" not in shown_rows(screen.tree)  # the rebuttal under the objection is closed
        await burst(app, "E")
        await pilot.pause()
        assert {"t", "r1", "r2", "r3", "o1", "b1", "u1"} <= shown_rows(screen.tree)
        await select(pilot, "b1")
        await burst(app, "q")
    app = app_for(small)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await screen_is(pilot, MapEditor)
        await pilot.pause()
        assert "b1" in shown_rows(screen.tree) and screen.tree.cursor_node.data[1] == "b1"
        assert small.read_bytes() == (HERE / "maps" / "small.json").read_bytes()  # the map file is untouched


async def test_legend_from_the_palette_and_help(small):
    app = app_for(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_is(pilot, MapEditor)
        legend = [c for c in app.get_system_commands(app.screen) if c.title.startswith("Legend")]
        assert legend
        legend[0].callback()
        help_screen = await screen_is(pilot, HelpScreen)
        await pilot.pause()
        shown = screen_text(app)
        assert help_screen.legend_first and "What the symbols mean" in shown  # on top
        for symbol, meaning in (("↯", "this step does not hold"), ("⊘", "undercut"), ("!", "decisive")):
            assert symbol in shown and meaning in shown, symbol
        legend = {symbol for _, rows in LEGEND for symbol, _, _ in rows}
        assert {"⇔", "⇎", "❝⇔", "&", "±", "⊘", "✓", "✗", "?", "↯", "!", "◆", "+", "−"} <= legend


async def test_compare_footer_leads_to_ones_own_maps(cars):
    app = app_for(cars.parent)
    async with app.run_test(size=(120, 35)) as pilot:
        await screen_is(pilot, CompareScreen)  # first run: the folder holds only the comparison
        assert "Your maps · n new" in screen_text(app)
        await pilot.press("escape")
        await screen_is(pilot, WorkspaceScreen)
    (cars.parent / "mine.json").write_text((HERE / "maps" / "small.json").read_text())
    app = app_for(cars.parent)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)  # a map of one's own: the list opens


async def test_quote_picker_fills_quote_and_locator(small):
    (small.parent / "streets.txt").write_text("Streets for people\n\n1. Danger\n\nMost urban road deaths are pedestrians. Speed kills.\n", "utf-8")
    m = json.loads(small.read_text())
    m["sources"][0]["text"] = "streets.txt"
    small.write_text(json.dumps(m))
    app = app_for(small)
    async with app.run_test(size=(100, 30)) as pilot:
        await screen_is(pilot, MapEditor)
        await select(pilot, "r3", "a2")
        await burst(app, "v", *"s1", "enter", "ctrl+t", "/", *"speed", "enter", "s", "enter")
        form = await screen_is(pilot, EvidenceForm)
        await pilot.pause()
        assert (form.value("quote"), form.value("locator")) == ("Speed kills.", "1. Danger, line 5")
        await burst(app, "enter")
        await screen_is(pilot, MapEditor)
        await pilot.pause()
        e = doc(app).claim("r3").evidence[0]
        assert (e.source, e.quote, e.locator) == ("s1", "Speed kills.", "1. Danger, line 5")


@pytest.mark.parametrize("size", [(60, 24), (80, 24)])
async def test_d9_compare_rows_cut_at_the_pane_edge_end_in_an_ellipsis(cars, size):
    app = app_for(cars)
    async with app.run_test(size=size) as pilot:
        screen = await screen_is(pilot, CompareScreen)
        cut = 0
        for side in ("left", "right"):
            tree = screen.tree_of(side)
            tree.expand_all()
            await pilot.pause()
            for y, line in enumerate(tree._tree_lines[: tree.size.height]):
                shown = tree.render_line(y).text.rstrip(" ▁▂▃▄▅▆▇█")
                label = line.path[-1].label.plain.rstrip()
                if label not in shown:
                    cut += 1
                    assert shown.endswith("…"), (side, shown, label)
        assert cut  # the test saw rows that had to be cut


async def test_d13_no_stray_problems_border_in_the_editor_at_80x24(small, tmp_path):
    clean = tmp_path / "clean.json"
    clean.write_text('{"schema_version": 2, "thesis": "t", "claims": [{"id": "t", "text": "Trains beat planes"}]}')
    for path, listed in ((clean, False), (small, True)):  # small.json has an unconnected claim
        app = app_for(path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await screen_is(pilot, MapEditor)
            await workers_done(app)
            await pilot.pause()
            problems = screen.query_one("#problems")
            assert problems.display == listed and (problems.region.width > 0) == listed, path.name
            if not listed:
                assert screen.query_one("#detail-scroll").region.width == 80  # the panel has the width


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_d7_sources_list_fits_the_screen_with_its_counts(small, size):
    m = json.loads(small.read_text())
    m["sources"][0]["title"] = "Streets for people: a very long title that goes on and on about pedestrians and cities"
    small.write_text(json.dumps(m))
    app = app_for(small)
    async with app.run_test(size=size) as pilot:
        await screen_is(pilot, MapEditor)
        await burst(app, "b")
        await screen_is(pilot, SourcesScreen)
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.region.right <= size[0]
        line = table.render_line(1).text  # the first source's row
        assert "s1" in line and "Author 2024" in line and line.rstrip().endswith("1") and "…" in line
