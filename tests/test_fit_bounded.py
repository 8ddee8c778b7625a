"""Fitting a figure to a page is bounded (issue 21): it laid the diagram out with
Graphviz up to 7 times to measure candidates, over 10 s for a chain 4,000 deep.
Above 300 claims at most two layouts are measured (the likeliest shape, then the
narrowest); above 5,000 none (scaled to the width unmeasured, said on stderr). The
real `dot` runs; the spy only counts."""

from __future__ import annotations

import shutil

import pytest

from argmap.model import ArgumentMap
from argmap.render import fit
from argmap.render.fit import PAGES, UNMEASURED_ABOVE, comparison_figure, map_figure
from tests.hostile import chain

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz dot")


@pytest.fixture
def layouts(monkeypatch) -> list[int]:
    """How many layouts fitting asks Graphviz for (the real run, counted)."""
    counted: list[int] = []
    real = fit.run_graphviz

    def counting(dot, *args, **kwargs):
        counted.append(len(dot))
        return real(dot, *args, **kwargs)

    monkeypatch.setattr(fit, "run_graphviz", counting)
    return counted


def test_a_big_map_is_fitted_with_at_most_two_layouts(layouts):
    m = ArgumentMap.model_validate(chain(400))
    dot = map_figure(m, PAGES["a4"])
    assert 1 <= len(layouts) <= 2 and 'size="' in dot, len(layouts)


def test_a_big_comparison_is_fitted_with_at_most_two_layouts(layouts):
    left, right = ArgumentMap.model_validate(chain(300)), ArgumentMap.model_validate(chain(100))
    dot = comparison_figure(None, left, right, PAGES["a4"])
    assert 1 <= len(layouts) <= 2 and 'size="' in dot, len(layouts)


def test_a_huge_map_is_scaled_to_the_page_without_a_layout_and_says_so(layouts):
    m = ArgumentMap.model_validate(chain(UNMEASURED_ABOVE))
    notes: list[str] = []
    dot = map_figure(m, PAGES["a4"], note=notes.append)
    assert layouts == [] and 'size="' in dot
    assert len(notes) == 1 and "5,001 claims" in notes[0] and "without measuring" in notes[0], notes
