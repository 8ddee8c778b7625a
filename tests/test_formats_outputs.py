"""GraphML, Markdown and Mermaid output; the import/export commands; format detection."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.errors import InputError
from argmap.formats import EXPORTERS, export_text
from argmap.formats.detect import detect_format
from argmap.formats.graphml import to_graphml
from argmap.formats.markdown import to_markdown
from argmap.formats.mermaid import escape_label, to_mermaid
from argmap.model import ArgumentMap
from argmap.store import dumps, load_map
from tests.conftest import INTEROP, MAPS, require

G = "{http://graphml.graphdrawing.org/xmlns}"
Y = "{http://www.yworks.com/xml/graphml}"


@pytest.fixture
def tiny(tiny_map_dict: dict) -> ArgumentMap:
    tiny_map_dict["claims"][1]["text"] = 'Reason <one> & "two" #3 `x` | y'
    return ArgumentMap.model_validate(tiny_map_dict)


def test_graphml_parses_with_labels_for_yed_and_gephi(tiny: ArgumentMap):
    root = ET.fromstring(to_graphml(tiny))
    keys = {k.get("attr.name"): k.get("id") for k in root.iter(f"{G}key") if k.get("attr.name")}
    assert {"label", "type", "relation"} <= set(keys)
    assert any(k.get("yfiles.type") == "nodegraphics" for k in root.iter(f"{G}key"))
    nodes = {n.get("id"): n for n in root.iter(f"{G}node")}
    assert set(nodes) == {"t", "r1", "r2", "o1", "b1", "u1", "a1", "a2", "a3", "a4"}

    def data(node, key):
        return next(d.text for d in node.iter(f"{G}data") if d.get("key") == keys[key])

    assert data(nodes["r1"], "label") == 'Reason <one> & "two" #3 `x` | y'
    assert data(nodes["t"], "type") == "thesis"
    assert data(nodes["a4"], "type") == "undercut"
    yed = [lbl.text for lbl in nodes["o1"].iter(f"{Y}NodeLabel")]
    assert yed == ["Objection."]
    edges = [(e.get("source"), e.get("target")) for e in root.iter(f"{G}edge")]
    assert ("r1", "a1") in edges and ("r2", "a1") in edges and ("a1", "t") in edges and ("a4", "a1") in edges
    assert len(edges) == sum(len(a.premises) + 1 for a in tiny.arguments)


def test_markdown_outline(tiny: ArgumentMap):
    text = to_markdown(tiny)
    lines = text.splitlines()
    assert lines[0] == "# Tiny"
    assert "**Thesis:** Thesis." in lines
    reasons = lines.index("## Reasons")
    objections = lines.index("## Objections")
    assert lines[reasons + 2].startswith("1. Reason \\<one\\> & \"two\" #3 \\`x\\` \\| y[^1] *and* Co-premise.")
    assert lines[reasons + 3] == "   1. *Undercut:* Undercutter."
    assert lines[objections + 2] == "1. Objection."
    assert lines[objections + 3] == "   1. *Rebuttal:* Rebuttal."
    assert '[^1]: A. Author (2024). *An essay*, p. 1: \u201cone\u201d' in lines


def test_markdown_lists_unconnected_claims_and_survives_cycles(tiny_map_dict: dict):
    tiny_map_dict["claims"].append({"id": "lonely", "text": "Not connected."})
    tiny_map_dict["arguments"].append({"id": "a5", "premises": ["t"], "polarity": "attack", "target": "o1"})
    text = to_markdown(ArgumentMap.model_validate(tiny_map_dict))
    assert "## Other claims\n\n- Not connected." in text


def test_mermaid(tiny: ArgumentMap):
    text = to_mermaid(tiny)
    lines = text.splitlines()
    assert lines[0] == "flowchart TB"
    assert '  n1["Reason #lt;one#gt; #amp; #quot;two#quot; #35;3 #96;x#96; #124; y"]' in lines
    assert "  n6((\"+\"))" in lines  # a1, support
    assert "  n9((\"\u00d7\"))" in lines  # a4, undercut
    assert "  n1 --- n6" in lines and "  n6 --> n0" in lines and "  n9 -.-> n6" in lines
    assert "  class n0 thesis" in lines
    # node names never carry user text
    assert all(re.match(r"\s+(n\d+|classDef|class|flowchart)", ln) or ln == "flowchart TB" for ln in lines)


def test_escape_label_strips_newlines_and_truncates():
    assert escape_label("a\nb") == "a b"
    assert len(escape_label("x" * 500)) == 200


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_exports_are_deterministic(fmt: str):
    m = load_map(MAPS / "partnership-without-trust.json").document
    again = load_map(MAPS / "partnership-without-trust.json").document
    assert export_text(m, fmt) == export_text(again, fmt)


# ---------------------------------------------------------------- commands


def test_export_command_stdout_and_file(tmp_path: Path):
    runner = CliRunner()
    result = runner.invoke(cli, ["export", str(MAPS / "informal-alliance.json"), "--to", "mermaid"])
    assert result.exit_code == 0 and result.output.startswith("flowchart TB\n")
    out = tmp_path / "map.graphml"
    result = runner.invoke(cli, ["export", str(MAPS / "informal-alliance.json"), "--to", "graphml", "-o", str(out)])
    assert result.exit_code == 0
    ET.fromstring(out.read_text(encoding="utf-8"))
    assert not list(tmp_path.glob("*.bak")) and not list(tmp_path.glob(".*tmp"))
    bad = runner.invoke(cli, ["export", str(MAPS / "informal-alliance.json"), "--to", "pdf"])
    assert bad.exit_code == 2


def test_export_format_from_the_output_suffix(tmp_path: Path):
    runner = CliRunner()
    source = str(MAPS / "informal-alliance.json")
    for name, fmt in (("map.md", "markdown"), ("map.ad", "argdown"), ("map.mmd", "mermaid"), ("map.graphml", "graphml")):
        result = runner.invoke(cli, ["export", source, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).read_text(encoding="utf-8") == runner.invoke(cli, ["export", source, "--format", fmt]).output
    for args in (["-o", str(tmp_path / "map.json")], []):  # AIF's .json is ambiguous; stdout has no suffix
        result = runner.invoke(cli, ["export", source, *args])
        assert result.exit_code == 2 and "cannot tell the format" in result.output
    assert not (tmp_path / "map.json").exists()


def test_export_structures_writes_every_argument_as_a_structure(tmp_path: Path):
    runner = CliRunner()
    source = MAPS / "informal-alliance.json"
    m = load_map(source).document
    result = runner.invoke(cli, ["export", str(source), "-o", str(tmp_path / "map.argdown"), "--structures"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "map.argdown").read_text(encoding="utf-8")
    assert not re.search(r"^ +[+_-] \[", text, re.M)  # no relation line
    assert len(re.findall(r"^--(?:--| .* --)$", text, re.M)) == len(m.arguments)
    back = runner.invoke(cli, ["import", str(tmp_path / "map.argdown"), "-o", "-"])
    assert back.exit_code == 0 and back.stdout_bytes == dumps(m)
    refused = runner.invoke(cli, ["export", str(source), "--to", "aif", "--structures"])
    assert refused.exit_code == 2 and "--structures is for Argdown" in refused.output


def test_import_command_default_path_and_force(tmp_path: Path, monkeypatch):
    source = tmp_path / "My Debate.argdown"
    source.write_text("[T]: Thesis.\n  + [R]: Reason.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(source)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "maps" / "My-Debate.json"
    m = load_map(written).document
    assert m.thesis == "T" and [a.premises for a in m.arguments] == [["R"]]
    before = written.read_bytes()
    source.write_text("[T]: Changed thesis.\n", encoding="utf-8")
    again = runner.invoke(cli, ["import", str(source)])
    assert again.exit_code == 2 and "--force" in again.output
    assert written.read_bytes() == before
    forced = runner.invoke(cli, ["import", str(source), "--force"])
    assert forced.exit_code == 0
    assert load_map(written).document.claim("T").text == "Changed thesis."


def test_import_rejects_non_utf8_with_position(tmp_path: Path):
    source = tmp_path / "bad.argdown"
    source.write_bytes(b"[T]: ok\n[U]: caf\xe9\n")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "o.json")])
    assert result.exit_code == 2 and f"{source}:2:9:" in result.output
    assert not (tmp_path / "o.json").exists()


def test_argdown_export_import_round_trip_through_commands(tmp_path: Path):
    runner = CliRunner()
    ad = tmp_path / "m.argdown"
    assert runner.invoke(cli, ["export", str(MAPS / "informal-alliance.json"), "--to", "argdown", "-o", str(ad)]).exit_code == 0
    out = tmp_path / "back.json"
    assert runner.invoke(cli, ["import", str(ad), "-o", str(out)]).exit_code == 0
    assert dumps(load_map(out).document) == dumps(load_map(MAPS / "informal-alliance.json").document)


def test_detect_format(tmp_path: Path):
    assert detect_format(Path("x.argdown"), "{}") == "argdown"
    assert detect_format(Path("x.ad"), "text") == "argdown"
    assert detect_format(Path("x.txt"), '{"nodes": [], "edges": []}') == "aif"
    assert detect_format(Path("x.json"), '{"AIF": {"nodes": [], "edges": []}, "OVA": {}}') == "aif"
    assert detect_format(Path("notes.txt"), "[A]: claim\n  + reason\n") == "argdown"
    with pytest.raises(InputError, match="already an argmap"):
        detect_format(Path("m.json"), '{"schema_version": 2}')
    with pytest.raises(InputError, match="neither AIF"):
        detect_format(Path("m.json"), '{"foo": 1}')


def test_invalid_aif_json_reports_position(tmp_path: Path):
    source = tmp_path / "broken.json"
    source.write_text('{"nodes": [\n  {"nodeID": 1,,}\n]}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "o.json")])
    assert result.exit_code == 2 and f"{source}:2:" in result.output


def test_import_every_interop_file_via_command(tmp_path: Path):
    files = sorted((require(INTEROP / "argdown")).glob("*.argdown")) + sorted((INTEROP / "aif").glob("*.json"))
    runner = CliRunner()
    for f in files:
        out = tmp_path / (f.stem + ".json")
        result = runner.invoke(cli, ["import", str(f), "-o", str(out)])
        if f.name == "ArgVu-demo.argdown":
            assert result.exit_code == 2 and not out.exists()
        else:
            assert result.exit_code == 0, result.output
            load_map(out)


def test_deep_chains_export_and_import(monkeypatch):
    n = 3000
    claims = [{"id": f"c{i}", "text": f"Claim {i}."} for i in range(n)]
    arguments = [{"id": f"a{i}", "premises": [f"c{i + 1}"], "polarity": "support", "target": f"c{i}"} for i in range(n - 1)]
    m = ArgumentMap.model_validate({"schema_version": 2, "thesis": "c0", "claims": claims, "arguments": arguments})
    text = to_markdown(m)
    assert text.count("*Reason:*") == n - 2
    from argmap.formats import import_argdown_text

    deep = "a\n" + "".join(" " * i + f"+ x{i}\n" for i in range(1, 1500))
    assert len(import_argdown_text(deep, "deep.argdown", "d").claims) == 1500
    # past the raised limit: a clear error, not a traceback
    import contextlib

    import argmap.formats.argdown as argdown_pkg

    monkeypatch.setattr(argdown_pkg, "deep_recursion", contextlib.nullcontext)
    with pytest.raises(InputError, match="deep.argdown:1:1: relations nested too deeply"):
        import_argdown_text(deep, "deep.argdown", "d")


def test_unwritable_output_is_a_clear_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["export", str(MAPS / "informal-alliance.json"), "--to", "aif", "-o", str(blocker / "out.json")])
    assert result.exit_code == 2 and "cannot write" in result.output and "Traceback" not in result.output
    source = tmp_path / "a.argdown"
    source.write_text("[T]: Thesis.\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(source), "-o", str(blocker / "m.json")])
    assert result.exit_code == 2 and "cannot write" in result.output


def test_text_exports_name_a_catalogue_scheme_not_its_id():
    """A reader of a paper's figure or Markdown sees 'Argument from ...', not an id;
    the bundled catalogue decides (the user's would make output differ by machine)."""
    from argmap.catalogue import shown_name
    from argmap.formats.markdown import to_markdown
    from argmap.model import ArgumentMap

    m = ArgumentMap.model_validate({"schema_version": 2, "thesis": "t", "claims": [
        {"id": "t", "text": "T."}, {"id": "p", "text": "Dr Lee says so."}],
        "arguments": [{"id": "a", "premises": ["p"], "polarity": "support", "target": "t", "scheme": "expert-opinion"}]})
    name = shown_name("expert-opinion")
    assert name != "expert-opinion" and f"*({name})*" in to_markdown(m)
    assert shown_name("a scheme of my own") == "a scheme of my own"
