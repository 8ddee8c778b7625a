"""The Argdown export reads like hand-written Argdown: titles, not ids; simple
relations as relation lines; no empty fields. (Round trips: test_formats_argdown.py.)"""

from __future__ import annotations

import re

from argmap.formats import import_argdown_text
from argmap.formats.argdown import parse
from argmap.formats.argdown_export import to_argdown
from argmap.model import ArgumentMap
from argmap.store import dumps, load_map
from tests.conftest import MAPS


def _body(text: str) -> str:
    return text.split("\n===\n", 1)[1]


def test_bundled_map_uses_titles_and_relation_lines():
    m = load_map(MAPS / "informal-alliance.json").document
    text = to_argdown(m)
    body = _body(text)
    # every claim written out once, by its title: in a relation tree, a structure or an undercut
    titles = re.findall(r"^ *(?:[+_-] |\(\d+\) |[+_-]> )?\[([^\]]+)\]: ", body, re.M)
    assert sorted(titles) == sorted(c.title for c in m.claims)
    # a claim only in structures is written out in the first one, not listed on its own
    assert re.findall(r"^\[([^\]]+)\]: .*\n(?!  [+_-] )", body, re.M) == []
    thesis = m.claim(m.thesis)
    assert body.startswith(f"\n[{thesis.title}]: {thesis.text[:20]}")  # the thesis first
    first_reason = next(a for a in m.arguments if a.target == m.thesis and a.polarity == "support" and len(a.premises) == 1
                        and a.note is None and a.scheme is None)
    assert f"\n  + [{m.claim(first_reason.premises[0]).title}]: " in body  # its reasons below it
    assert not re.search(r"\[ia-[a-z0-9-]+\]", body)  # no claim id as a title
    simple = [a for a in m.arguments if len(a.premises) == 1 and a.note is None and a.scheme is None
              and not any(u.target == a.id for u in m.arguments)]
    relation_lines = re.findall(r"^ +[+_-] \[", body, re.M)  # reasons, objections, undercuts
    assert len(relation_lines) == len(simple)
    inferences = re.findall(r"^--(?:--| .* --)$", body, re.M)  # "----" or "-- scheme name {data} --"
    assert len(inferences) == len(m.arguments) - len(simple)  # premise-conclusion structures
    assert "title: ''" not in text
    assert dumps(import_argdown_text(text, "x.argdown", "x")) == dumps(m)


def test_untitled_claims_get_word_titles_and_no_title_back():
    m = ArgumentMap.model_validate({
        "schema_version": 2, "thesis": "c1",
        "claims": [{"id": "c1", "text": "Cities should ban cars from their centres."},
                   {"id": "c2", "text": "Cars cause most inner-city air pollution."},
                   {"id": "c3", "text": "Heating pollutes more [in winter]."}],
        "arguments": [{"id": "a1", "premises": ["c2"], "polarity": "support", "target": "c1"},
                      {"id": "a2", "premises": ["c3"], "polarity": "attack", "target": "c2"}],
    })
    text = to_argdown(m)
    assert ("[Cities should ban cars]: Cities should ban cars from their centres.\n"
            "  + [Cars cause most inner-city air]: Cars cause most inner-city air pollution.\n"
            "    - [Heating pollutes more in winter]: Heating pollutes more \\[in winter].") in text
    assert "title:" not in text  # an untitled map has no title line
    back = import_argdown_text(text, "x.argdown", "x")
    assert dumps(back) == dumps(m)
    assert all(c.title is None for c in back.claims)


def test_reconstructions_only_where_needed_and_parse_cleanly():
    m = ArgumentMap.model_validate({
        "schema_version": 2, "title": "T", "thesis": "t",
        "claims": [{"id": "t", "text": "T.", "title": "Thesis"}, {"id": "p", "text": "P.", "title": "P"},
                   {"id": "q", "text": "Q.", "title": "Q"}, {"id": "u", "text": "U.", "title": "U"}],
        "arguments": [{"id": "linked", "premises": ["p", "q"], "polarity": "support", "target": "t"},
                      {"id": "u-undercuts", "premises": ["u"], "polarity": "attack", "target": "linked"},
                      {"id": "with-note", "premises": ["q"], "polarity": "attack", "target": "p", "note": "Why."}],
    })
    text = to_argdown(m)
    doc = parse(text)
    assert sorted(doc.arguments) == ["linked", "with-note"]
    assert "<linked>\n  _ [U]" in text
    assert dumps(import_argdown_text(text, "x.argdown", "x")) == dumps(m)


def test_a_structure_follows_the_tree_of_its_target():
    """Read from the thesis down: the thesis's linked reason, then the reasons for its
    premises, then what hangs on the thesis by nothing written yet (s, first in the map)."""
    m = ArgumentMap.model_validate({
        "schema_version": 2, "title": "T", "thesis": "t",
        "claims": [{"id": "t", "text": "T.", "title": "Thesis"}, {"id": "s", "text": "S.", "title": "S"},
                   {"id": "x", "text": "X.", "title": "X"}, {"id": "p", "text": "P.", "title": "P"},
                   {"id": "q", "text": "Q.", "title": "Q"}, {"id": "r", "text": "R.", "title": "R"}],
        "arguments": [{"id": "linked", "premises": ["p", "q"], "polarity": "support", "target": "t"},
                      {"id": "r-for-p", "premises": ["r"], "polarity": "support", "target": "p"},
                      {"id": "x-for-s", "premises": ["x"], "polarity": "support", "target": "s"}],
    })
    text = to_argdown(m)
    assert (text.index("[Thesis]: T.") < text.index("<linked>") < text.index("(1) [P]: P.")
            < text.index("[P]\n  + [R]: R.") < text.index("[S]: S.\n  + [X]: X."))
    assert dumps(import_argdown_text(text, "x.argdown", "x")) == dumps(m)


def test_readme_shows_the_current_export():
    """The README's 'after' block is the bundled map's export as it is today."""
    readme = (MAPS.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```argdown\n(.*?)\n```", readme, re.S)
    body = to_argdown(load_map(MAPS / "informal-alliance.json").document).split("\n===\n", 1)[1].lstrip("\n")
    first = "\n".join(line if len(line) <= 100 else line[:97].rstrip() + " …" for line in body.split("\n")[:30])
    assert blocks[-1] == first


def test_an_own_title_wins_over_one_made_up_from_words():
    """An untitled claim whose first words equal a later claim's title does not take
    that title from it: the made-up one gets the number. The same for arguments."""
    m = ArgumentMap.model_validate({
        "schema_version": 2, "thesis": "t",
        "claims": [{"id": "t", "text": "Cars should be banned."}, {"id": "p", "text": "Clean air matters."},
                   {"id": "q", "text": "Pollution kills.", "title": "Clean air matters"}, {"id": "f", "text": "Fumes."}],
        "arguments": [{"id": "a", "premises": ["p"], "polarity": "support", "target": "t"},
                      {"id": "b", "premises": ["q"], "polarity": "support", "target": "t"},
                      {"id": "a1", "premises": ["f"], "polarity": "support", "target": "q", "note": "Linked."},
                      {"id": "Fumes", "premises": ["f", "p"], "polarity": "support", "target": "q"}],
    })
    text = to_argdown(m)
    assert "  + [Clean air matters 2]: Clean air matters.\n  + [Clean air matters]: Pollution kills.\n" in text
    assert "<Fumes 2>: Linked." in text and "\n<Fumes>\n" in text
    assert '"title"' not in _body(text)  # the title is the claim's own: no data needed to give it back
    assert dumps(import_argdown_text(text, "x.argdown", "x")) == dumps(m)


def test_include_in_any_text_is_not_an_include(tmp_path):
    """`@include(` anywhere in the file, even inside data or the front matter, is an
    include for the Argdown CLI (and for argmap reading a file): the export never writes it."""
    inc = "see @include(other.argdown) and @include("
    m = ArgumentMap.model_validate({
        "schema_version": 2, "title": inc, "description": inc, "thesis": "t",
        "sources": [{"id": "s", "title": inc}],
        "claims": [{"id": "t", "text": inc, "title": inc, "tags": [inc, "@include(x"], "note": inc,
                    "evidence": [{"source": "s", "quote": inc}]},
                   {"id": "p", "text": ".@include(x.argdown) :@include(y):"}],  # inside what looks like a shortcode
        "arguments": [{"id": "a", "premises": ["p"], "polarity": "support", "target": "t", "scheme": inc, "note": inc}],
    })
    text = to_argdown(m)
    assert "@include(" not in text
    (tmp_path / "x.argdown").write_text(text, encoding="utf-8")
    assert dumps(import_argdown_text(text, tmp_path / "x.argdown", "x")) == dumps(m)
