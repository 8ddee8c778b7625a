"""Pilot tests of issue 12's TUI part: the compare view's bar gives the JOINT verdict
(both theses judged as one debate), and `D` marks the decisive claims."""

from __future__ import annotations

from pathlib import Path


from argmap.analysis.evaluation.joint import evaluate_comparison
from argmap.analysis.evaluation.why import explain_comparison, explain_map
from argmap.analysis.verdict import joint_sentence, side_name
from argmap.store import load_comparison_with_maps, load_map
from argmap.tui.app import create_app
from argmap.tui.compare import CompareScreen
from argmap.tui.dialogs import HelpScreen, Prompt
from argmap.tui.editor import MapEditor
from argmap.tui.keymap import UserConfig
from tui_helpers import claim_nodes, screen_is, until, workers_done



def app_for(*paths: Path):
    return create_app(list(paths), config=UserConfig(), watch_signals=False)


def expected_sentence(path: Path) -> str:
    loaded = load_comparison_with_maps(path)
    left, right = loaded.left.document, loaded.right.document
    je = evaluate_comparison(left, right, loaded.comparison.document, "grounded")
    return joint_sentence(je, {"left": side_name(left, "left"), "right": side_name(right, "right")})


def marked(tree) -> set[str]:
    """Claim ids whose row carries the decisive mark."""
    return {node.data[1] for node in claim_nodes(tree) if "! " in node.label.plain}


async def test_compare_bar_gives_the_joint_verdict_and_follows_the_links(cars):
    app = app_for(cars)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await screen_is(pilot, CompareScreen)
        sentence = expected_sentence(cars)
        assert "contradict each other at 1 point" in sentence
        await until(pilot, lambda: screen.joint is not None)
        await pilot.pause()
        bar = str(screen.query_one("#summary").render())
        assert sentence[:60] in bar, bar
        assert "alone" in bar  # each map's own verdict stays beside it
        screen.tree_of("left").select_claim("t")
        await pilot.pause()
        assert sentence in " ".join(screen.detail_plain().split())  # in full on the thesis
        # remove the contradiction: judged together, neither can defeat the other now
        screen.tree_of("right").select_claim("k")
        await pilot.pause()
        await pilot.press("L")
        await screen_is(pilot, Prompt)
        await pilot.press("x")
        await until(pilot, lambda: "no link says they contradict" in str(screen.query_one("#summary").render()))
        assert expected_sentence(cars) in " ".join(screen.detail_plain().split())


async def test_decisive_claims_toggle_in_the_editor(cars):
    small = cars.parent / "small.json"
    app = app_for(small)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await screen_is(pilot, MapEditor)
        screen.tree.expand_all()
        await workers_done(app)
        assert marked(screen.tree) == set()
        await pilot.press("D")
        await workers_done(app)
        await pilot.pause()
        why = explain_map(load_map(small).document, "grounded")
        expected = {c for group in why.decisive.sets for c in group}
        assert expected and marked(screen.tree) == expected
        claim = sorted(expected)[0]
        screen.tree.select_claim(claim)
        await pilot.pause()
        assert "decisive:" in screen.detail_plain()
        # an edit recomputes them: the marks always match the map on screen
        screen.tree.select_claim("t")
        await pilot.pause()
        await pilot.press("o", *"An unanswered objection", "enter")
        why = explain_map(screen.session.document, "grounded")
        now = {c for group in why.decisive.sets for c in group}
        assert now != expected
        await until(pilot, lambda: marked(screen.tree) == now)
        await pilot.press("D")
        await pilot.pause()
        assert marked(screen.tree) == set()


async def test_decisive_claims_of_the_joint_debate_in_the_compare_view(cars):
    app = app_for(cars)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await screen_is(pilot, CompareScreen)
        for side in ("left", "right"):
            screen.tree_of(side).expand_all()
        await pilot.press("D")
        await until(pilot, lambda: screen.joint is not None and screen.joint.decisive is not None)
        await pilot.pause()
        loaded = load_comparison_with_maps(cars)
        why = explain_comparison(loaded.left.document, loaded.right.document, loaded.comparison.document, "grounded")
        joint_ids = {c for side in ("left", "right") for group in why[side].decisive.sets for c in group}
        assert joint_ids
        for side in ("left", "right"):
            # a claim linked as the same on the other side is one joint claim: both rows carry it
            expected = {cid for j in joint_ids for cid in [j.split(":", 1)[1]] if j.startswith(side + ":")}
            assert expected <= marked(screen.tree_of(side))


async def test_decisive_key_is_in_help_and_the_palette(cars):
    app = app_for(cars.parent / "small.json")
    async with app.run_test(size=(110, 32)) as pilot:
        await screen_is(pilot, MapEditor)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert any("decisive" in t.lower() for t in titles), titles
        await pilot.press("question_mark")
        help_screen = await screen_is(pilot, HelpScreen)
        rows = [row for _, section in help_screen.sections for row in section]
        assert any(keys == "D" and "decisive" in description.lower() for keys, description, _ in rows), rows
