"""Araucaria AML import: conformance with the shared README and more/EXPECTED.json
counts, structure, safe XML, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.errors import InputError
from argmap.formats import read_interchange
from argmap.formats.aml import from_aml
from argmap.store import load_map
from tests.conftest import INTEROP, require

AML = INTEROP / "aml"

# from the README: PROP (missing), CA supports, LA, REFUTATION, INSCHEME, offsets matching TEXT, schemes
README = {
    "sample1.aml": (6, 1, 4, 0, 1, 0, 5, 1),
    "dundee.scm": (0, 0, 0, 0, 0, 0, 0, 25),
    "perelman.scm": (0, 0, 0, 0, 0, 0, 0, 38),
    "walton.scm": (0, 0, 0, 0, 0, 0, 0, 30),
}


def _expected() -> dict[str, tuple]:
    rows = dict(README)
    extra = AML / "more" / "EXPECTED.json"
    if extra.exists():
        for name, v in json.loads(extra.read_text())["files"].items():
            rows["more/" + name] = (v["props"], v["props_missing_yes"], v["convergent_supports"], v["LA"], v["REFUTATION"],
                                    v["inscheme"], v["offsets_matching_text"], v["schemes"])
    return rows


@pytest.mark.parametrize("name", sorted(_expected()))
def test_conformance_counts(name: str):
    props, missing, ca, la, refutations, inscheme, offsets, schemes = _expected()[name]
    path = require(AML) / name
    if props == 0:
        with pytest.raises(InputError, match=rf"scheme set \({schemes} schemes\) with no argument"):
            from_aml(path.read_bytes(), path)
        return
    m = from_aml(path.read_bytes(), path)
    assert len(m.claims) == props
    assert sum(c.reconstruction for c in m.claims) == missing
    supports = [a for a in m.arguments if a.polarity == "support"]
    assert len([a for a in supports if len(a.premises) == 1]) == ca
    assert len([a for a in supports if len(a.premises) > 1]) == la
    assert len([a for a in m.arguments if a.polarity == "attack"]) == refutations
    assert sum(len(c.evidence) for c in m.claims) == offsets  # each proposition found in the text is quoted from it
    if inscheme:
        assert all(a.scheme for a in m.arguments)


def test_sample1_tree():
    m, fmt, _ = read_interchange(require(AML) / "sample1.aml")
    assert fmt == "Araucaria AML" and m.thesis == "D" and m.claim("D").reconstruction
    rel = sorted((a.premises[0], a.polarity, a.target) for a in m.arguments)
    assert rel == [("A", "support", "D"), ("B", "support", "D"), ("C", "support", "D"), ("E", "attack", "D"), ("F", "support", "E")]
    assert m.reconstructs == ["text"]
    assert m.claim("F").evidence[0].locator == "character 207"
    assert "Held by: Speaker." in m.claim("E").note
    assert m.created == "2003-05-09" and not m.authors  # AUTHOR is the literal "null"
    assert m.description.startswith("Text: Vice Chancellor Brown")


LINKED = b"""<?xml version="1.0"?>
<ARG><TEXT>p and q so r</TEXT><AU><PROP identifier="R"><PROPTEXT offset="11">r</PROPTEXT>
<ROLE class="Toulmin" element="claim"/></PROP>
<LA><AU><PROP identifier="P"><PROPTEXT offset="0">p</PROPTEXT></PROP></AU>
<AU><PROP identifier="Q"><PROPTEXT offset="99">q</PROPTEXT></PROP></AU></LA></AU></ARG>"""


def test_linked_argument_roles_and_wrong_offsets():
    notes: list[str] = []
    m = from_aml(LINKED, "linked.aml", "linked", notes)
    assert [(a.premises, a.target) for a in m.arguments] == [(["P", "Q"], "R")]
    assert m.claim("R").note == "Role: Toulmin claim."
    assert not m.claim("Q").evidence and any("not found at their offset" in n for n in notes)


def test_deep_but_reasonable_nesting_imports():
    data = (b"<ARG>" + b"".join(b"<AU><PROP><PROPTEXT>x%d</PROPTEXT></PROP><CA>" % i for i in range(900))
            + b"<AU><PROP><PROPTEXT>y</PROPTEXT></PROP></AU>" + b"</CA></AU>" * 900 + b"</ARG>")
    m = from_aml(data, "deep.aml")
    assert len(m.claims) == 901 and len(m.arguments) == 900


@pytest.mark.parametrize(("data", "message"), [
    (b'<?xml version="1.0"?>\n<!DOCTYPE ARG [\n <!ENTITY a "aaaa">\n <!ENTITY b "&a;&a;&a;">\n]>\n<ARG/>',
     r"bad\.aml:3:\d+: entity declarations are not allowed"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE ARG [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<ARG>&x;</ARG>',
     r"bad\.aml:2:\d+: entity declarations are not allowed"),
    (b"<ARG>\n  <AU><PROP></AU>\n</ARG>", r"bad\.aml:2:\d+: not well-formed XML: mismatched tag"),
    (b"<ARG><AU><PROP identifier='A'><PROPTEXT/></PROP></AU></ARG>", r"bad\.aml: ARG/AU/PROP: a proposition needs its <PROPTEXT>"),
    (b"<ARG><AU><PROP identifier='A'><PROPTEXT>a</PROPTEXT></PROP><LA><AU><PROP><PROPTEXT>b</PROPTEXT></PROP></AU></LA></AU></ARG>",
     r"bad\.aml: ARG/AU/LA: needs at least 2 <AU>s"),
    (b"<NODESET/>", r"bad\.aml: not Araucaria AML \(the root element is <NODESET>"),
    (b'<?xml version="1.0" encoding="no-such-encoding"?>\n<ARG/>', r"bad\.aml:1:1: cannot read the XML: unknown encoding: no-such-encoding"),
    # with an external DTD (never read), expat skips an entity it does not know: the text would lose it silently
    (b'<?xml version="1.0"?>\n<!DOCTYPE ARG SYSTEM "argument.dtd">\n<ARG><AU><PROP><PROPTEXT>caf&eacute; culture</PROPTEXT></PROP></AU></ARG>',
     r"bad\.aml:3:\d+: entity &eacute; is not defined"),
    pytest.param(b"<ARG>" + b"<AU><PROP><PROPTEXT>x</PROPTEXT></PROP><CA>" * 5000 + b"<AU><PROP><PROPTEXT>y</PROPTEXT></PROP></AU>"
                 + b"</CA></AU>" * 5000 + b"</ARG>", r"bad\.aml: ARG/AU/CA/AU\[1\]/CA/AU\[1\]/.*\.\.\.: arguments nested deeper than 1,000 levels",
                 id="5000-levels"),
])
def test_malformed_and_unsafe_files_exit_2(tmp_path: Path, data: bytes, message: str):
    with pytest.raises(InputError, match=message):
        from_aml(data, "bad.aml")
    source = tmp_path / "bad.aml"
    source.write_bytes(data)
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "out.json").exists()


def test_xml_in_a_declared_non_utf8_encoding_imports(tmp_path: Path):
    """An XML file may be in any encoding its declaration names; expat decodes it."""
    source = tmp_path / "latin1.aml"
    source.write_bytes('<?xml version="1.0" encoding="ISO-8859-1"?>\n<ARG><TEXT>Le café ferme.</TEXT><AU><PROP identifier="A">'
                       '<PROPTEXT offset="3">café ferme</PROPTEXT></PROP></AU></ARG>'.encode("latin-1"))
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    m = load_map(tmp_path / "out.json").document
    assert m.claim("A").text == "café ferme" and m.claim("A").evidence[0].quote == "café ferme"
