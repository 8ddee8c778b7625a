"""`argmap import` tells the formats apart by suffix and, without one, by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats.detect import detect_format


@pytest.mark.parametrize(("name", "text", "fmt"), [
    ("debate.txt", "Discussion Title: Cars?\n\n1. Ban cars.\n", "kialo"),
    ("debate.txt", "\ufeffDiscussion Name:\nCars?\n\n1. Thesis:\nBan cars.\n", "kialo"),
    ("map.json", '{"id": "root", "formatVersion": 3, "ideas": {}}', "mindmup"),
    ("map.mup", "{}", "mindmup"),
    ("graph.yml", "x", "carneades"),
    ("graph.txt", "meta:\n  title: T\nstatements:\n  p: P\n", "carneades"),
    ("analysis.xml", '<?xml version="1.0"?>\n<ARG/>', "aml"),
    ("analysis.aml", "", "aml"),
    ("notes.txt", "===\ntitle: T\n===\n\n[A]: claim\n  + reason\n", "argdown"),
    ("notes.txt", "[A]: claim\n  + statements: are fine here\n", "argdown"),
])
def test_detect_by_suffix_and_content(name: str, text: str, fmt: str):
    assert detect_format(Path(name), text) == fmt


def test_argdown_with_a_yaml_looking_line_stays_argdown():
    text = "[A]: A claim.\n  + <R>: reason\n\narguments: are what this debate is about, [A] says.\n"
    assert detect_format(Path("notes.txt"), text) == "argdown"
