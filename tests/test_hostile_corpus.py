"""Every command on every file of the hostile corpus (tests/hostile.py), each run in
a forked child limited to 10 seconds and 2 GB more memory: exit 0-3, never a
traceback, an exit-2 message of one or two lines (issue 21). Runs a file's commands
in order, so a file's cost is the sum of its commands (the whole corpus: ~1 minute)."""

from __future__ import annotations

import pytest

from tests.hostile import corpus_kinds, write_corpus
from tests.hostile_run import acceptable, preload, runs_for, special_files

KINDS = {**corpus_kinds(), **{n: "special" for n in ("fifo.json", "zero.json", "folder.json", "loop.json")}}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    write_corpus(folder)
    special_files(folder)
    preload()
    return folder


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_command_on_a_hostile_file_exits_cleanly_in_time(corpus, name):
    bad = [r for r in runs_for(corpus, name, KINDS[name]) if not acceptable(r)]
    assert not bad, "\n".join(f"{r['args']}: exit {r['exit']} signal {r['signal']} after {r['seconds']} s: "
                              f"{r['stderr'][-400:]}" + (" HALF-WRITTEN" if r.get("half-written") else "")
                              + (f" temporary files left: {r['temporary files']}" if r.get("temporary files") else "")
                              for r in bad)
