"""TGF, APX and ICCMA'23 readers and writers: round trips and error locations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluation.af_formats import (
    dumps_framework,
    format_of,
    load_framework,
    parse_apx,
    parse_iccma23,
    parse_tgf,
    to_apx,
    to_iccma23,
    to_tgf,
)
from argmap.analysis.evaluation.framework import Framework
from argmap.errors import InputError
from tests.conftest import INTEROP, require

names = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.:\-]{0,8}", fullmatch=True)


@st.composite
def named_frameworks(draw):
    ns = draw(st.lists(names, min_size=0, max_size=15, unique=True))
    if not ns:
        return Framework.build([], [])
    i = st.integers(0, len(ns) - 1)
    attacks = draw(st.lists(st.tuples(i, i), max_size=40))
    return Framework.build(ns, attacks)


@settings(max_examples=150, deadline=None)
@given(named_frameworks())
def test_tgf_and_apx_round_trip(af):
    assert parse_tgf(to_tgf(af)) == af
    assert parse_apx(to_apx(af)) == af


@settings(max_examples=150, deadline=None)
@given(named_frameworks())
def test_iccma23_round_trip_keeps_the_attack_structure(af):
    back = parse_iccma23(to_iccma23(af))
    assert back.names == tuple(str(i) for i in range(1, len(af) + 1))
    assert back.attackers == af.attackers and back.targets == af.targets
    assert parse_iccma23(to_iccma23(back)) == back


def test_interop_tgf_files_load_and_write_back(tmp_path):
    folder = require(INTEROP / "af")
    files = sorted(folder.glob("*.tgf"))
    assert len(files) == 8
    for path in files:
        af = load_framework(path)
        for suffix in (".tgf", ".apx"):
            out = tmp_path / (path.stem + suffix)
            out.write_bytes(dumps_framework(af, out))
            assert load_framework(out) == af


def test_formats_by_suffix():
    assert format_of("x.TGF") == "tgf" and format_of("x.apx") == "apx"
    assert format_of("x.i23") == format_of("x.af") == "iccma23"
    assert format_of("x.json") is None


def test_apx_several_facts_per_line_comments_and_spacing():
    af = parse_apx("% a comment\narg(a). arg( b ).arg(c1.2).\n\natt(a , b). att(c1.2,a). % trailing\n")
    assert af.names == ("a", "b", "c1.2")
    assert sorted(af.attacks()) == [(0, 1), (2, 0)]


def test_apx_attack_before_its_arguments_is_fine():
    af = parse_apx("att(a,b).\narg(a).\narg(b).\n")
    assert list(af.attacks()) == [(0, 1)]


def test_tgf_labels_ignored_blank_lines_and_no_attacks():
    af = parse_tgf("a First\n\nb Second\n#\na b label\n")
    assert af.names == ("a", "b") and list(af.attacks()) == [(0, 1)]
    assert parse_tgf("a\nb\n").names == ("a", "b")


def test_iccma23_comments_and_empty_framework():
    af = parse_iccma23("# made by hand\np af 3\n# attacks\n1 2\n3 3\n")
    assert af.names == ("1", "2", "3") and sorted(af.attacks()) == [(0, 1), (2, 2)]
    assert len(parse_iccma23("p af 0\n")) == 0


@pytest.mark.parametrize(
    "parser, text, where, message",
    [
        (parse_tgf, "a\nb\n#\na c\n", "4:3", "undeclared argument 'c'"),
        (parse_tgf, "a\na\n", "2:1", "declared twice"),
        (parse_tgf, "a\n#\na\n", "3:2", "expected 'attacker attacked'"),
        (parse_tgf, "a\n#\na a\n#\n", "4:1", "a second '#' line"),
        (parse_apx, "arg(a).\narg(b)\n", "2:1", "expected a fact"),
        (parse_apx, "arg(a).\n  att(a,b).\n", "2:9", "undeclared argument 'b'"),
        (parse_apx, "arg(a).\n  att( a , c).\n", "2:12", "undeclared argument 'c'"),
        (parse_apx, "arg(a). att(a,b).\n", "1:15", "undeclared argument 'b'"),
        (parse_apx, "arg(a).\natt(a).\n", "2:6", "att/2 takes two names"),
        (parse_apx, "arg(a,b).\n", "1:7", "arg/1 takes one name"),
        (parse_apx, "arg(a). foo(b).\n", "1:9", "expected a fact"),
        (parse_iccma23, "1 2\n", "1:1", "expected the header 'p af N'"),
        (parse_iccma23, "p af x\n", "1:6", "whole number"),
        (parse_iccma23, "p af 2\n1 3\n", "2:3", "not a number in 1..2"),
        (parse_iccma23, "p af 2\n1\n", "2:2", "expected an attack"),
        (parse_iccma23, "p af 2\n1 2 3\n", "2:5", "expected an attack"),
        (parse_iccma23, "# only a comment\n", "1:1", "missing the header"),
    ],
)
def test_errors_name_line_and_column(parser, text, where, message):
    with pytest.raises(InputError) as e:
        parser(text, "F")
    assert str(e.value).startswith(f"F:{where}: ")
    assert message in str(e.value)


def test_load_framework_file_errors(tmp_path):
    bad = tmp_path / "x.tgf"
    bad.write_bytes(b"a\n\xff\n")
    with pytest.raises(InputError, match=r"x\.tgf:2:1: not UTF-8"):
        load_framework(bad)
    with pytest.raises(InputError, match="no such file"):
        load_framework(tmp_path / "none.apx")
    with pytest.raises(InputError, match="not a framework file"):
        load_framework(tmp_path / "map.json")


def test_writer_refuses_names_it_cannot_write():
    af = Framework.build(["a b", "c"], [])
    with pytest.raises(ValueError):
        to_tgf(af)
    with pytest.raises(ValueError):
        to_apx(af)
    assert to_iccma23(af).startswith("p af 2\n")


def test_apx_repeated_arguments_are_one_argument():
    """clingo reads arg(a). twice as one fact; so do both of our APX readers."""
    from argmap.analysis.evaluation.af_formats import _apx_fast, _apx_lines

    text = "arg(a).\narg( a ).\narg(b). att(a,b).\natt(a,b).\n"
    for read in (_apx_fast, lambda t: _apx_lines(t, "x.apx")):
        af = read(text)
        assert af.names == ("a", "b") and list(af.attacks()) == [(0, 1)]


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 12), st.data())
def test_whole_text_and_line_readers_agree(n, data):
    """The fast readers (whole text at once) and the line readers build the same
    framework, with comments, spacing, repeats and CRLF; and the fast ones step aside
    (None) where they cannot be sure."""
    from argmap.analysis.evaluation.af_formats import _apx_fast, _apx_lines, _iccma23_fast, _iccma23_lines

    pairs = data.draw(st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))), max_size=3 * n)) if n else []
    space = data.draw(st.sampled_from(["", " ", "  ", "\t"]))
    newline = data.draw(st.sampled_from(["\n", "\r\n"]))
    facts = [f"arg({space}a{i}{space})." for i in range(n)] + [f"att(a{a},{space}a{b})." for a, b in pairs]
    if data.draw(st.booleans()):
        facts = facts[::-1] + ["% a comment att(zz,zz)."]
    apx = newline.join(facts) + newline
    assert _apx_fast(apx) == _apx_lines(apx, "x.apx")
    i23 = newline.join([f"p af {n}"] + [f"{a + 1}{space} {b + 1}" for a, b in pairs]) + newline
    fast = _iccma23_fast(i23)
    assert fast is None or fast == _iccma23_lines(i23, "x.af")
    assert _iccma23_fast(i23.replace(f"p af {n}", f"p af {n}{newline}# comment")) is None
    assert _apx_fast(apx + "att(a0,nobody).") is None and _apx_fast(apx + "arg(x)") is None


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10), st.data())
def test_numbered_readers_agree_with_the_line_readers(n, data):
    """The numpy readers of large files (APX named prefix + number, ICCMA'23), run on
    small texts of every shape: they build what the line readers build, or step aside
    (None); an APX file in the generators' layout is always theirs."""
    from argmap.analysis.evaluation.af_formats import _apx_lines, _apx_numbered, _iccma23_fast, _iccma23_lines, _iccma23_numpy

    prefix = data.draw(st.sampled_from(["a", "", "arg", "x_", "\u00e9", "att"]))
    numbers = data.draw(st.lists(st.integers(0, 3 * n + 2), min_size=n, max_size=n, unique=True)) if n else []
    spell = data.draw(st.sampled_from([str, str, lambda k: f"0{k}", lambda k: f"{k:020d}"]))
    name = [f"{prefix}{spell(k)}" for k in numbers]
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n)) if n else []
    space = data.draw(st.sampled_from(["", "", " ", "\t"]))
    newline = data.draw(st.sampled_from(["\n", "\n", "\r\n", "\n\n"]))
    facts = [f"arg({space}{x})." for x in name] + [f"att({name[a]},{space}{name[b]})." for a, b in pairs]
    shuffled = data.draw(st.sampled_from([None, "repeat", "reverse", "undeclared"]))
    if shuffled == "repeat" and n:
        facts.insert(n, facts[0])
    elif shuffled == "reverse":
        facts.reverse()
    elif shuffled == "undeclared":
        facts.append(f"att({prefix}{3 * n + 3},{prefix}{3 * n + 3}).")
    apx = newline.join(facts) + data.draw(st.sampled_from([newline, ""]))
    fast = _apx_numbered(apx) if n else None
    try:
        slow = _apx_lines(apx, "x.apx")
    except InputError:
        slow = None
    assert fast is None or fast == slow
    if n and spell is str and not space and newline == "\n" and apx.endswith("\n") and shuffled in (None, "repeat"):
        assert fast is not None
    body = newline.join(data.draw(st.lists(st.sampled_from(
        [f"{a + 1} {b + 1}" for a, b in pairs] + ["", " ", "1", "1 2 3", f"{n + 1} 1", "0 1", f"1{space}\r{space}1"]),
        max_size=8)))
    fast = _iccma23_numpy(body, n) if body.count("\r") == body.count("\r\n") else None  # as _iccma23_fast calls it
    try:
        slow = _iccma23_lines(f"p af {n}\n{body}", "x.af")
    except InputError:
        slow = None
    assert fast is None or fast == slow
    assert _iccma23_fast(f"p af {n}\n{body}") in (None, slow)


def test_large_files_take_the_numpy_path_and_agree_with_the_line_readers():
    """Above NUMPY_FROM attacks the fast readers sort and merge with numpy."""
    import random

    from argmap.analysis.evaluation.af_formats import _apx_fast, _apx_lines, _apx_numbered, _iccma23_fast, _iccma23_lines
    from argmap.analysis.evaluation.framework import NUMPY_FROM

    rng = random.Random(4)
    n = 20_000
    pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(2 * NUMPY_FROM)]
    i23 = f"p af {n}\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in pairs)
    apx = "".join(f"arg(a{i}).\n" for i in range(n)) + "".join(f"att(a{a},a{b}).\n" for a, b in pairs)
    fast = _iccma23_fast(i23)
    assert fast is not None and fast == _iccma23_lines(i23, "x.af")
    assert fast.attack_count == len(set(pairs))
    assert _apx_fast(apx) == _apx_lines(apx, "x.apx")
    assert _iccma23_fast(i23 + "1 2 3\n") is None and _iccma23_fast(i23 + "-1 2\n") is None
    numbered = _apx_numbered(apx)
    assert numbered is not None and numbered == _apx_lines(apx, "x.apx")
    assert _apx_numbered(apx.replace("att(a1,", "att( a1 ,")) == numbered  # the layout differs: one expression checks
    undeclared = apx + f"att(a{n},a1).\n"
    assert _apx_numbered(undeclared) is None
    with pytest.raises(InputError, match=f":{n + len(pairs) + 1}:5: attack names undeclared argument 'a{n}'"):
        parse_apx(undeclared, "x.apx")
