"""Saving never loses work; output is canonical; old versions migrate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.errors import SaveConflictError
from argmap.model import ArgumentMap
from argmap.store import Fingerprint, dumps, load_map, save_document

V0 = Path(__file__).parent / "data" / "version0.json"
V1 = Path(__file__).parent / "data" / "version1.json"


def test_canonical_form(tiny_map_dict):
    m = ArgumentMap.model_validate(tiny_map_dict)
    data = dumps(m)
    assert data.endswith(b"}\n") and not data.endswith(b"\n\n")
    assert data.startswith(b'{\n  "schema_version": 2,\n')
    assert dumps(ArgumentMap.model_validate_json(data)) == data  # idempotent
    # unicode is written as UTF-8, not \u escapes
    m.claims[0].text = "Grüße, 世界 — “quoted”"
    assert "Grüße, 世界 — “quoted”".encode() in dumps(m)


def test_one_word_edit_is_a_one_line_diff(tmp_path, tiny_map_dict):
    path = tmp_path / "m.json"
    fp = save_document(ArgumentMap.model_validate(tiny_map_dict), path, base=None)
    before = path.read_text().splitlines()
    loaded = load_map(path)
    loaded.document.claims[3].text = "Objection, reworded."
    save_document(loaded.document, path, base=fp)
    after = path.read_text().splitlines()
    assert len(before) == len(after)
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [after.index('      "text": "Objection, reworded."')]


def test_save_keeps_backup_and_refuses_to_clobber(tmp_path, tiny_map_dict):
    path = tmp_path / "m.json"
    m = ArgumentMap.model_validate(tiny_map_dict)
    fp = save_document(m, path, base=None)
    with pytest.raises(SaveConflictError, match="already exists"):
        save_document(m, path, base=None)
    first = path.read_bytes()
    m.title = "Second"
    fp2 = save_document(m, path, base=fp)
    assert (tmp_path / "m.json.bak").read_bytes() == first
    # someone else edits the file (another editor, a git pull)
    path.write_text(path.read_text().replace("Second", "Theirs"))
    m.title = "Mine"
    with pytest.raises(SaveConflictError, match="changed on disk since it was loaded"):
        save_document(m, path, base=fp2)
    assert "Theirs" in path.read_text()  # their edit is intact
    save_document(m, path, base=fp2, force=True)
    assert "Mine" in path.read_text() and "Theirs" in (tmp_path / "m.json.bak").read_text()
    path.unlink()
    with pytest.raises(SaveConflictError, match="deleted on disk"):
        save_document(m, path, base=Fingerprint(b"x"))


def test_save_leaves_no_temporary_files_and_keeps_mode(tmp_path, tiny_map_dict):
    path = tmp_path / "m.json"
    m = ArgumentMap.model_validate(tiny_map_dict)
    fp = save_document(m, path, base=None)
    path.chmod(0o640)
    m.title = "Changed"
    save_document(m, path, base=fp)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json", "m.json.bak"]
    assert path.stat().st_mode & 0o777 == 0o640


def test_unchanged_save_does_not_touch_backup(tmp_path, tiny_map_dict):
    path = tmp_path / "m.json"
    m = ArgumentMap.model_validate(tiny_map_dict)
    fp = save_document(m, path, base=None)
    save_document(m, path, base=fp)
    assert not (tmp_path / "m.json.bak").exists()


def test_version_0_file_migrates_on_load_without_writing():
    raw = V0.read_bytes()
    m = load_map(V0).document
    assert V0.read_bytes() == raw
    assert m.schema_version == 2 and m.thesis == "t"
    assert [(a.id, a.polarity) for a in m.arguments] == [("a1", "support"), ("a2", "attack")]
    assert json.loads(dumps(m))["schema_version"] == 2


def test_version_1_file_migrates_to_2_meaning_the_same():
    """Version 2 added `reconstructs`, `reconstruction` and `Source.text`, all optional:
    a version-1 map loads with none of them, so its evidence is still evidence."""
    raw = V1.read_bytes()
    m = load_map(V1).document
    assert V1.read_bytes() == raw  # loading never writes
    assert m.schema_version == 2 and m.reconstructs == []
    assert all(not c.reconstruction for c in m.claims) and all(not a.reconstruction for a in m.arguments)
    assert [e.source for c in m.claims for e in m.real_evidence(c)] == ["s1"]
    assert json.loads(dumps(m))["schema_version"] == 2


def test_new_files_get_the_usual_permissions(tmp_path, tiny_map_dict):
    import os

    path = tmp_path / "new.json"
    save_document(ArgumentMap.model_validate(tiny_map_dict), path, base=None)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_free_copy_path_never_names_an_existing_file(tmp_path):
    from argmap.store import free_copy_path

    m, c = tmp_path / "m.json", tmp_path / "x.compare.json"
    assert free_copy_path(m) == tmp_path / "m.mine.json"
    assert free_copy_path(c) == tmp_path / "x.mine.compare.json"
    (tmp_path / "m.mine.json").write_text("{}")
    (tmp_path / "x.mine.compare.json").write_text("{}")
    assert free_copy_path(m) == tmp_path / "m.mine2.json"
    assert free_copy_path(c) == tmp_path / "x.mine2.compare.json"


def test_an_unknown_version_0_kind_is_named_in_the_error(tmp_path):
    from argmap.errors import InputError

    raw = json.loads(V0.read_text(encoding="utf-8"))
    raw["arguments"][0]["kind"] = "maybe"
    path = tmp_path / "v0.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(InputError, match=r'arguments\[0\]\.polarity: .*"maybe"'):
        load_map(path)
