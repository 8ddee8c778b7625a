"""Argdown as found in the wild (../shared/interop/wild/check.py): `{uses}` on a
conclusion line, front-matter shortcodes, undercuts of sketched arguments, @include."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import InputError
from argmap.formats import import_argdown_text, read_interchange


def test_uses_on_the_conclusion_line():
    text = "<A>\n\n(1) p\n(2) q\n----\n(3) r\n(4) s\n--\nRule\n--\n(5) t {uses: [3, 4]}\n"
    m = import_argdown_text(text, "x.argdown", "x")
    last = next(a for a in m.arguments if a.id == "A")
    assert last.premises == ["r", "s"] and last.target == "t"
    assert m.thesis == "t"  # the intermediary conclusion r no longer dangles as the thesis


def test_custom_shortcodes_from_the_front_matter():
    text = '===\nmodel:\n    shortcodes:\n        ":bomb:": {unicode: "💣"}\n===\n\n[s1]: Danger :bomb: ahead.\n'
    m = import_argdown_text(text, "x.argdown", "x")
    assert m.claim("s1").text == "Danger 💣 ahead."
    assert import_argdown_text("[s1]: Plain :bomb: here.\n", "x", "x").claim("s1").text == "Plain :bomb: here."


def test_undercut_of_sketched_argument_without_inference_is_left_out_with_a_note():
    notes: list[str] = []
    m = import_argdown_text("[s]: S.\n\n<a>: The gist.\n  <_ [u]: U.\n", "x.argdown", "x", notes)
    assert m.arguments == []  # not turned into an attack on the gist (a rebuttal)
    assert notes == ["left out the undercut relation from [u] to <a>: that argument has no inference in the map "
                     "(no premise-conclusion structure, no outgoing relation)"]


def test_include_reads_the_named_files_once(tmp_path: Path):
    (tmp_path / "main.argdown").write_text("[t]: Thesis.\n\n@include(parts/a.argdown, b.argdown)\n\n[z]: Last.\n", encoding="utf-8")
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.argdown").write_text("[a]: A.\n  + [t]\n\n@include(../main.argdown)\n", encoding="utf-8")
    (tmp_path / "b.argdown").write_text("[b]: B.\n  - [a]\n", encoding="utf-8")
    m, _, _ = read_interchange(tmp_path / "main.argdown")
    assert [c.id for c in m.claims] == ["t", "a", "b", "z"]  # the cycle back to main.argdown ends
    assert {(a.premises[0], a.polarity, a.target) for a in m.arguments} == {("t", "support", "a"), ("a", "attack", "b")}


def test_include_puts_the_file_in_as_it_is_where_the_cli_does(tmp_path: Path):
    """As @argdown/cli 1.7.5: the file's text replaces `@include(...)` exactly (its last
    line break is kept: here the blank line before [x]), also within a line."""
    (tmp_path / "main.argdown").write_text("[t]: Thesis.\n\n@include(b.argdown)\n[x]: X @include(w.argdown) Y.\n", encoding="utf-8")
    (tmp_path / "b.argdown").write_text("[b]: B.\n  - [t]\n", encoding="utf-8")
    (tmp_path / "w.argdown").write_text("middle", encoding="utf-8")
    m, _, _ = read_interchange(tmp_path / "main.argdown")
    assert [(c.id, c.text) for c in m.claims] == [("t", "Thesis."), ("b", "B."), ("x", "X middle Y.")]


def test_include_errors_name_the_place(tmp_path: Path):
    (tmp_path / "main.argdown").write_text("[t]: T.\n\n@include(missing.argdown)\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"main\.argdown:3:10: @include: no file missing\.argdown"):
        read_interchange(tmp_path / "main.argdown")
    # the CLI's expression runs on to the next ")", over line breaks: the message stays on one line
    (tmp_path / "open.argdown").write_text("[t]: see @include(\nmore\n\n[u]: x)\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_interchange(tmp_path / "open.argdown")
    assert str(err.value).endswith("open.argdown:1:19: @include: no file 'more\\n\\n[u]: x'")
    with pytest.raises(InputError, match=r"<stdin>:2:1: @include names files relative to the including file"):
        import_argdown_text("[t]: T.\n@include(x.argdown)\n", "<stdin>", "x")


def test_from_on_the_inference_and_numbers_as_strings():
    """Argdown's explodeArguments also reads `{from: [...]}` on the inference (what
    argdown-feedback writes, `{from: ["1", "2"]}`) and indices written as strings."""
    text = '<A>\n\n(1) a\n(2) b\n-- {from: ["1"]} --\n(3) c\n(4) d\n-- {from: ["2", "3"]} --\n(5) e\n'
    m = import_argdown_text(text, "x.argdown", "x")
    assert [(a.premises, a.target) for a in m.arguments] == [(["a"], "c"), (["b", "c"], "e")]
    text = '<A>\n\n(1) a\n(2) b\n-- {uses: ["1"]} --\n(3) c\n(4) d\n----\n(5) e {uses: ["2", 3.0]}\n'
    m = import_argdown_text(text, "x.argdown", "x")
    assert [(a.premises, a.target) for a in m.arguments] == [(["a"], "c"), (["b", "c"], "e")]
