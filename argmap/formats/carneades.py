"""Carneades 4 argument graphs (YAML) in.

Carneades marks no argument pro or con: an argument concludes a statement, and
statements compete through issues (`positions: [jog, ¬jog]`). The reading (the one
the evaluation tests check against Carneades' own labels):
- a statement -> a claim (id = the statement id, `¬` written `not-`; where the id
  had to change, the Carneades id is the claim's title);
- an argument -> a support of its conclusion with its premises linked (role-named
  premises `datum:`, `warrant:` ... keep their roles in the note); with the scheme
  `convergent`, one argument per premise;
- an argument concluding `¬X` (or the other position of a two-position issue) that
  no argument uses as a premise -> an objection to X, and the `¬X` claim goes;
- an undercutter statement -> an undercut of its argument: the arguments that
  conclude it attack the argument directly (the statement goes) when it undercuts
  one argument and is no premise, else the statement itself is the undercut's premise;
- an argument without premises stands on a claim marked `reconstruction` ("a1
  holds unconditionally"), argmap's arguments needing a premise;
- `assumptions` and `assumed: true` -> the tag `assumption` (Carneades accepts only
  these without an argument; argmap grants every claim nothing supports, so the tag
  is what `evaluate` needs to read the graph as Carneades does);
- a scheme -> the argument's scheme; a scheme's weight, an issue's proof standard
  and issues of three or more positions -> notes; `meta` -> title and description;
  `tests`/`labels` (the labels the authors expect) are left out.
Theory files (argument schemes with variables, no `arguments`) need Carneades'
rule engine to produce arguments: they are refused with a message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from argmap.errors import InputError
from argmap.formats.common import IdAllocator, build_map, check_expansion, most_targeted_claim
from argmap.model import SCHEMA_VERSION, ArgumentMap

ASSUMPTION_TAG = "assumption"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that refuses a key given twice in one mapping (YAML would keep the
    last and drop the other statement or argument without a word)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        first: dict[str, int] = {}
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                if key.value in first:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key.value!r} (first at line {first[key.value] + 1})", key.start_mark)
                first[key.value] = key.start_mark.line
        return super().construct_mapping(node, deep)


def statement_id(statement: str) -> str:
    """A Carneades statement id as an argmap id (`¬app(a1)` -> `not-app-a1`)."""
    return re.sub(r"[^A-Za-z0-9_.:\-]+", "-", statement.replace("¬", "not-")).strip("-.:_") or "statement"


def load_yaml(text: str, path: Path | str) -> Any:
    try:
        value = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise InputError(f"{path}{where}: not valid YAML: {problem}") from None
    except (ValueError, RecursionError) as e:  # an integer of 5,000 digits; nesting past Python's stack
        raise InputError(f"{path}: not valid YAML: {str(e).split(';')[0]}") from None
    problem = check_expansion(value, text)
    if problem:
        raise InputError(f"{path}: {problem}")
    return value


def from_carneades(text: str, path: Path | str = "<carneades>", name: str = "", notes: list[str] | None = None) -> ArgumentMap:
    notes = notes if notes is not None else []
    doc = load_yaml(text, path)
    if not isinstance(doc, dict):
        raise InputError(f"{path}: not a Carneades argument graph (expected a YAML mapping with 'statements')")
    statements = _statements(doc, path)
    _check_issues(doc, path)
    if not doc.get("arguments") and doc.get("argument_schemes") and not statements and not doc.get("assumptions"):
        raise InputError(f"{path}: a library of Carneades argument schemes, with no argument graph to import")
    if not doc.get("arguments") and doc.get("argument_schemes"):
        raise InputError(f"{path}: a Carneades theory (argument schemes with variables, no 'arguments'): its arguments "
                         "come from Carneades' rule engine; argmap imports argument graphs")
    if not statements:
        raise InputError(f"{path}: statements: a Carneades argument graph needs statements; this file has none")
    reader = _Reader(doc, statements, path, notes)
    claims, arguments = reader.read()
    meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
    for key in ("title", "source", "note", "notes"):
        if isinstance(meta.get(key), (list, dict)):
            raise InputError(f"{path}: meta.{key}: must be text, not a {'list' if isinstance(meta[key], list) else 'mapping'}")
    description = [" ".join(str(meta[k]).split()) for k in ("source", "note", "notes") if meta.get(k)]
    description += reader.issue_notes()
    if doc.get("tests") or doc.get("labels"):
        notes.append("left out the labels the file expects ('tests'/'labels'): they are results, not input")
    document = {
        "schema_version": SCHEMA_VERSION,
        "title": " ".join(str(meta.get("title") or name).split()),
        "description": "\n".join(description),
        "thesis": most_targeted_claim([c for c in claims if not c.get("reconstruction")] or claims, arguments),
        "claims": claims,
        "arguments": arguments,
    }
    return build_map(document, path, "Carneades graph")


def _check_issues(doc: dict, path: Path | str) -> None:
    issues = doc.get("issues") or {}
    if not isinstance(issues, dict):
        raise InputError(f"{path}: issues: must be a mapping of issue id -> positions")
    for iid, issue in issues.items():
        if isinstance(issue, dict) and not isinstance(issue.get("positions") or [], list):
            raise InputError(f"{path}: issues.{iid}.positions: must be a list of statements")


def _statements(doc: dict, path: Path | str) -> dict[str, str]:
    raw = doc.get("statements") or {}
    if not isinstance(raw, dict):
        raise InputError(f"{path}: statements: must be a mapping of statement id -> text")
    out = {}
    for key, value in raw.items():
        text = value.get("text") if isinstance(value, dict) else value
        if isinstance(text, (dict, list)):  # (str() of it would become the claim's text)
            where = f"statements.{key}.text" if isinstance(value, dict) else f"statements.{key}"
            raise InputError(f"{path}: {where}: must be text, not a {'mapping' if isinstance(text, dict) else 'list'}")
        out[str(key)] = " ".join(str(text if text is not None else key).split()) or str(key)
    return out


class _Reader:
    def __init__(self, doc: dict, statements: dict[str, str], path: Path | str, notes: list[str]) -> None:
        self.doc, self.statements, self.path, self.notes = doc, statements, path, notes
        raw = doc.get("arguments") or {}
        if not isinstance(raw, dict):
            raise InputError(f"{path}: arguments: must be a mapping of argument id -> argument")
        self.args = {str(k): self._checked(str(k), v) for k, v in raw.items()}
        self.ids = IdAllocator()
        self.claim_id = {s: self.ids.take(statement_id(s)) for s in statements}
        self.arg_id = {a: self.ids.take("arg-" + statement_id(a)) for a in self.args}
        self.schemes = {str(s.get("id")): s for s in doc.get("argument_schemes") or [] if isinstance(s, dict)}

    def _checked(self, aid: str, a: Any) -> dict:
        where = f"{self.path}: arguments.{aid}"
        if not isinstance(a, dict):
            raise InputError(f"{where}: an argument must be a mapping (conclusion, premises, ...)")
        if "conclusion" not in a:
            raise InputError(f"{where}: an argument needs a 'conclusion'")
        for s in [a["conclusion"], *_premises(a).values(), *([a["undercutter"]] if "undercutter" in a else [])]:
            if str(s) not in self.statements:
                raise InputError(f"{where}: names statement {s!r}, which 'statements' does not declare")
        return a

    def read(self) -> tuple[list[dict], list[dict]]:
        used = {str(p) for a in self.args.values() for p in _premises(a).values()}
        negation_of = self._negations()
        undercutter_of: dict[str, list[str]] = {}  # statement -> the arguments it undercuts
        for aid, a in self.args.items():
            if "undercutter" in a:
                undercutter_of.setdefault(str(a["undercutter"]), []).append(aid)
        replaced: set[str] = set()
        arguments: list[dict] = []
        claims_extra: list[dict] = []
        for aid, a in self.args.items():
            conclusion = str(a["conclusion"])
            if len(undercutter_of.get(conclusion, ())) == 1 and conclusion not in used:
                target, polarity = self.arg_id[undercutter_of[conclusion][0]], "attack"
                replaced.add(conclusion)
            elif conclusion in negation_of and conclusion not in used:
                target, polarity = self.claim_id[negation_of[conclusion]], "attack"
                replaced.add(conclusion)
            else:
                target, polarity = self.claim_id[conclusion], "support"
            arguments += self._arguments(aid, a, target, polarity, claims_extra)
        for u, aids in undercutter_of.items():  # else the statement itself undercuts
            for aid in aids if u not in replaced else ():
                arguments.append({"id": self.ids.take(f"undercut-{statement_id(aid)}"), "premises": [self.claim_id[u]],
                                  "polarity": "attack", "target": self.arg_id[aid]})
        claims = [self._claim(s) for s in self.statements if s not in replaced] + claims_extra
        for claim, s in zip(claims, [s for s in self.statements if s not in replaced]):
            if s in negation_of:  # a claim of its own, so the conflict is kept in words
                why = "an argument uses it as a premise" if s in used else "no argument concludes it"
                claim["note"] = f"In Carneades the other position to {negation_of[s]} (they compete); a claim here: {why}."
        return claims, arguments

    def _negations(self) -> dict[str, str]:
        negation_of = {s: s[1:] for s in self.statements if s.startswith("¬") and s[1:] in self.statements}
        for issue in (self.doc.get("issues") or {}).values():
            positions = [str(p) for p in issue.get("positions") or []] if isinstance(issue, dict) else []
            if len(positions) == 2 and positions[1] not in negation_of and all(p in self.statements for p in positions):
                negation_of[positions[1]] = positions[0]
        return negation_of

    def _claim(self, s: str) -> dict:
        claim: dict = {"id": self.claim_id[s], "text": self.statements[s]}
        if self.claim_id[s] != s and self.statements[s] != s:
            claim["title"] = s  # the Carneades id, where the claim id cannot be it (`¬app(a1)`)
        if s in self._assumed():
            claim["tags"] = [ASSUMPTION_TAG]
        return claim

    def _assumed(self) -> set[str]:
        listed = self.doc.get("assumptions") or []
        assumed = {str(x) for x in listed} if isinstance(listed, list) else set()
        raw = self.doc.get("statements") or {}
        return assumed | {str(k) for k, v in raw.items() if isinstance(v, dict) and v.get("assumed") in (True, "true")}

    def _arguments(self, aid: str, a: dict, target: str, polarity: str, claims_extra: list[dict]) -> list[dict]:
        roles = _premises(a)
        premises = list(dict.fromkeys(self.claim_id[str(p)] for p in roles.values()))
        if not premises:  # Carneades allows it; an argmap argument needs a premise
            ground = {"id": self.ids.take(f"{statement_id(aid)}-holds"), "text": f"Argument {aid} holds unconditionally.",
                      "reconstruction": True, "tags": [ASSUMPTION_TAG],
                      "note": f"Carneades argument {aid} has no premises; this claim stands for that."}
            claims_extra.append(ground)
            premises = [ground["id"]]
        note = [f"Carneades argument {aid}."]
        if any(not isinstance(k, int) for k in roles):
            note.append("Premise roles: " + ", ".join(f"{k} = {v}" for k, v in roles.items()) + ".")
        scheme = a.get("scheme")
        if scheme is not None and isinstance(self.schemes.get(str(scheme), {}).get("weight"), (dict, str)):
            note.append(f"Scheme weight: {_weight(self.schemes[str(scheme)]['weight'])}.")
        pieces = [[p] for p in premises] if scheme == "convergent" else [premises]
        out = []
        for k, piece in enumerate(pieces):
            argument: dict = {"id": self.arg_id[aid] if k == 0 else self.ids.take(f"{self.arg_id[aid]}-{k + 1}"),
                              "premises": piece, "polarity": polarity, "target": target, "note": " ".join(note)}
            if scheme is not None:
                argument["scheme"] = str(scheme)
            out.append(argument)
        return out

    def issue_notes(self) -> list[str]:
        out = []
        for iid, issue in (self.doc.get("issues") or {}).items():
            if not isinstance(issue, dict):
                continue
            positions = [str(p) for p in issue.get("positions") or []]
            if len(positions) > 2 or issue.get("standard"):
                standard = f" (proof standard {issue['standard']})" if issue.get("standard") else ""
                out.append(f"Issue {iid}: one of {', '.join(positions)}{standard}.")
        return out


def _premises(a: dict) -> dict:
    """Premises by role (a list's are numbered 0, 1, ...)."""
    p = a.get("premises") or []
    if isinstance(p, dict):
        return {str(k): str(v) for k, v in p.items()}
    if isinstance(p, list):
        return {i: str(v) for i, v in enumerate(p)}
    return {0: str(p)}


def _weight(weight: Any) -> str:
    if isinstance(weight, dict) and "constant" in weight:
        return f"constant {weight['constant']}"
    return str(weight) if isinstance(weight, str) else "criteria (see the Carneades file)"
