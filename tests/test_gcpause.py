"""The collector pause used by loads, imports and drawings: state restored, kept
objects promoted without a scan, nothing left frozen, errors not promoted."""

from __future__ import annotations

import gc

import pytest

from argmap.gcpause import collector_paused
from argmap.store import load_map


class Marker:  # a tracked object we can look for in the generations
    pass


def _in_generation(obj: object, generation: int) -> bool:
    return any(o is obj for o in gc.get_objects(generation=generation))


def test_pause_restores_an_enabled_collector_and_keeps_young_objects_young():
    with collector_paused():
        assert not gc.isenabled()
        built = Marker()
    assert gc.isenabled()
    assert not _in_generation(built, 2)


def test_pause_leaves_a_disabled_collector_disabled():
    gc.disable()
    try:
        with collector_paused(keep=True):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_keep_promotes_to_the_oldest_generation_and_resets_the_young_count():
    with collector_paused(keep=True):
        built = [Marker() for _ in range(5_000)]  # far over the 700 threshold
    assert _in_generation(built[0], 2)
    assert gc.get_count()[0] < 700  # no pass over the 5,000 is pending
    assert gc.get_freeze_count() == 0  # nothing is exempt from collection
    # still collectable: a cycle made of promoted objects goes at a full collection
    built[0].me = built[0]
    del built
    assert gc.collect() >= 1


def test_keep_does_not_promote_after_an_error():
    with pytest.raises(ValueError), collector_paused(keep=True):
        Marker.last = Marker()
        raise ValueError("boom")
    assert gc.isenabled()
    assert not _in_generation(Marker.last, 2)
    del Marker.last


def test_an_existing_freeze_is_respected():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused(keep=True):
            Marker()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_loaded_map_is_promoted(tmp_path):
    from argmap.store import new_map_document, save_document

    path = tmp_path / "m.json"
    save_document(new_map_document("A thesis."), path, base=None)
    loaded = load_map(path)
    assert _in_generation(loaded.document.claims, 2)
    assert gc.isenabled()
