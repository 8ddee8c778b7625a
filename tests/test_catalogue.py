"""The scheme catalogue: bundled data, the user's additions, and `argmap schemes`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.catalogue import BUNDLED, Catalogue, load_catalogue, read_file
from argmap.errors import InputError

# the schemes issue 19 asks for (Walton's most taught, and the most used in AIFdb)
REQUIRED = {
    "expert-opinion", "position-to-know", "witness-testimony", "popular-opinion", "example", "analogy",
    "precedent", "verbal-classification", "sign", "cause-to-effect", "correlation-to-cause",
    "positive-consequences", "negative-consequences", "practical-reasoning", "values", "commitment",
    "inconsistent-commitment", "ad-hominem-direct", "ad-hominem-circumstantial", "bias", "slippery-slope",
    "sunk-cost", "ignorance", "established-rule", "best-explanation", "composition", "division", "alternatives",
}


def argmap(*args: str, config: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"ARGMAP_CONFIG_DIR": str(config)}
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def bundled() -> Catalogue:
    return Catalogue(read_file(BUNDLED))


def test_bundled_catalogue_has_the_schemes_asked_for(bundled):
    assert len(bundled) >= 25
    assert REQUIRED <= {s.id for s in bundled}


@pytest.mark.parametrize("scheme", read_file(BUNDLED), ids=lambda s: s.id)
def test_every_scheme_is_complete(scheme):
    assert len(scheme.questions) >= 2, f"{scheme.id} has fewer than two critical questions"
    assert scheme.premises and scheme.conclusion.strip()
    assert {q.type for q in scheme.questions} <= {"assumption", "exception"}
    assert all(q.text.rstrip().endswith("?") for q in scheme.questions), "a question is a question"


def test_names_resolve_to_ids(bundled):
    # AraucariaDB / AIFdb spellings, Argdown inference rule names, ids
    assert bundled.resolve("ExpertOpinion") == "expert-opinion"
    assert bundled.resolve("Argument From Expert Opinion") == "expert-opinion"
    assert bundled.resolve("PositionToKnow") == "position-to-know"
    assert bundled.resolve("CauseToEffect") == "cause-to-effect"
    assert bundled.resolve("slippery slope") == "slippery-slope"
    assert bundled.resolve("sunk-cost") == "sunk-cost"
    assert bundled.resolve("Default Inference") is None
    assert bundled.resolve("") is None and bundled.resolve("!!") is None


def test_no_alias_is_claimed_by_two_schemes(bundled):
    from argmap.catalogue import _key

    owner: dict[str, str] = {}
    for s in bundled:
        for name in [s.id, s.name, *s.aliases]:
            assert owner.setdefault(_key(name), s.id) == s.id, f"{name!r} names both {owner[_key(name)]} and {s.id}"


USER = """
[[schemes]]
id = "fairness"
name = "Argument from fairness"
premises = [{ role = "like-cases", text = "Like cases should be treated alike." }]
conclusion = "X should be treated as Y was."
questions = [
  { id = "alike", type = "assumption", text = "Are X and Y really alike?" },
  { id = "reason", type = "exception", text = "Is there a reason to treat them differently?" },
]

[[schemes]]
id = "sign"
name = "Argument from symptom"
premises = [{ role = "finding", text = "B is seen." }]
conclusion = "A."
questions = [{ id = "other", type = "exception", text = "Is there another cause?" }]
"""


def test_user_catalogue_adds_and_replaces(tmp_path):
    (tmp_path / "schemes.toml").write_text(USER)
    c = load_catalogue(tmp_path / "schemes.toml")
    assert "fairness" in c and c.get("fairness").questions[1].type == "exception"
    assert c.get("sign").name == "Argument from symptom"
    assert len(c) == len(read_file(BUNDLED)) + 1


@pytest.mark.parametrize("text, problem", [
    ("[[schemes]]\nid = 'x'\n", "schemes.0.name: Field required"),
    ("[[schemes\n", "invalid TOML"),
    (USER.replace('id = "reason"', 'id = "alike"'), "question id 'alike' appears twice"),
    (USER.replace('type = "exception"', 'type = "rebuttal"', 1), "schemes.0.questions.1.type"),
    (USER.replace("conclusion", "conclusoin", 1), "unknown field"),
])
def test_bad_user_catalogue_is_one_clear_error(tmp_path, text, problem):
    (tmp_path / "schemes.toml").write_text(text)
    with pytest.raises(InputError, match="schemes.toml: ") as e:
        load_catalogue(tmp_path / "schemes.toml")
    assert problem in str(e.value)
    result = argmap("schemes", config=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(tmp_path / "schemes.toml") in result.stderr and len(result.stderr.splitlines()) <= 2


def test_schemes_command_lists_and_shows(tmp_path):
    listed = argmap("schemes", config=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split()[0] == "expert-opinion" and len(lines) == len(REQUIRED) + 1
    shown = argmap("schemes", "show", "ExpertOpinion", config=tmp_path)
    assert shown.returncode == 0
    assert shown.stdout.startswith("Argument from expert opinion (expert-opinion)\n")
    assert "consensus [exception]: Do other experts in F disagree with A?" in shown.stdout
    assert "expertise: E is an expert in the field F." in shown.stdout
    missing = argmap("schemes", "show", "no-such", config=tmp_path)
    assert missing.returncode == 2 and "no scheme 'no-such'" in missing.stderr


def test_schemes_command_shows_the_users_schemes(tmp_path):
    (tmp_path / "schemes.toml").write_text(USER)
    shown = argmap("schemes", "show", "fairness", "--json", config=tmp_path)
    assert shown.returncode == 0 and '"id": "fairness"' in shown.stdout
    assert "fairness" in argmap("schemes", config=tmp_path).stdout
