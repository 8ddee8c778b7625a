"""Small helpers shared by the importers."""

from __future__ import annotations

import re
import sys
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.errors import InputError, validation_message
from argmap.model import ID_PATTERN, Argument, ArgumentMap, Claim, Evaluation, Evidence, Question, item_dict, valid_item_dict

# ids for imported items (Argdown and AIF)
ID_RE = re.compile(ID_PATTERN)
MAX_ID = 60


def slug(text: str, fallback: str = "claim", words: int | None = None) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[A-Za-z0-9]+", ascii_text.lower())
    if words:
        parts = parts[:words]
    out = "-".join(parts)[:MAX_ID].strip("-")
    return out or fallback


def id_for_title(title: str) -> str:
    """The claim/argument id a title maps to (before de-duplication)."""
    if ID_RE.match(title) and len(title) <= MAX_ID:
        return title
    return slug(title)


def normalize_text(text: str) -> str:
    return " ".join(text.split())


class IdAllocator:
    """Unique ids for the items of one imported map."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `-3`... if an item already has it."""
        candidate, n = wanted, 2
        while candidate in self.used:
            candidate = f"{wanted[: MAX_ID - 4]}-{n}"
            n += 1
        self.used.add(candidate)
        return candidate


def most_targeted_claim(claims: list[dict], arguments: list[dict]) -> str:
    """The claim that most arguments bear on directly; on a tie, one that is no
    argument's premise, then the first: the thesis when a format does not name one."""
    incoming: dict[str, float] = {}
    premises = {p for a in arguments for p in a["premises"]}
    for a in arguments:
        incoming[a["target"]] = incoming.get(a["target"], 0) + 1
    score = {c["id"]: incoming.get(c["id"], 0) + (0.5 if c["id"] not in premises else 0) for c in claims}
    best = claims[0]["id"]
    for c in claims:
        if score[c["id"]] > score[best]:
            best = c["id"]
    return best


def drop_dangling(claims: list[dict], arguments: list[dict]) -> list[dict]:
    """Arguments whose target is missing (and, transitively, those aimed at them) go."""
    claim_ids = {c["id"] for c in claims}
    while True:
        ids = claim_ids | {a["id"] for a in arguments}
        kept = [a for a in arguments if a["target"] in ids and all(p in claim_ids for p in a["premises"])]
        if len(kept) == len(arguments):
            return kept
        arguments = kept


_EVIDENCE_KEYS = {"source", "quote", "locator"}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,199}$")


def read_claim_fields(claim: dict, data: Any) -> None:
    """Claim fields kept beside a format's own structure (Argdown statement data, the
    `argmap` object of AIF): text, title, tags, note, evidence, evaluation. Invalid
    entries are skipped; evidence must still be checked against the map's sources."""
    if not isinstance(data, dict):
        return
    if isinstance(data.get("text"), str):
        claim["text"] = data["text"]
    if isinstance(data.get("title"), str):  # a blank title too: the map had one
        claim["title"] = data["title"]
    if isinstance(data.get("note"), str):
        claim["note"] = data["note"]
    tags = data.get("tags")
    for tag in [tags] if isinstance(tags, str) else tags if isinstance(tags, list) else []:
        if isinstance(tag, str) and tag not in claim.setdefault("tags", []):
            claim["tags"].append(tag)
    evidence = []
    for item in data.get("evidence") if isinstance(data.get("evidence"), list) else []:
        if isinstance(item, dict) and item.keys() <= _EVIDENCE_KEYS and isinstance(item.get("source"), str) and _ID.match(item["source"]) and all(isinstance(v, str) for v in item.values()):
            evidence.append({k: v for k, v in item.items() if k == "source" or v})  # the common case, checked without pydantic
            continue
        if (cleaned := valid_item_dict(Evidence, item)) is not None:
            evidence.append(cleaned)
    if evidence:
        claim["evidence"] = evidence
    if isinstance(data.get("evaluation"), dict):
        if (evaluation := valid_item_dict(Evaluation, data["evaluation"])) is not None:
            claim["evaluation"] = evaluation
    if data.get("reconstruction") is True:
        claim["reconstruction"] = True


def drop_unknown_evidence(claims: list[dict], source_ids: set[str]) -> None:
    for c in claims:
        if "evidence" in c:
            c["evidence"] = [e for e in c["evidence"] if e["source"] in source_ids]
            if not c["evidence"]:
                del c["evidence"]


def claim_extra_fields(c: Claim) -> dict:
    """note, evidence and evaluation of a claim as plain data (see read_claim_fields)."""
    more: dict = {}
    if c.note is not None:
        more["note"] = c.note
    if c.evidence:
        more["evidence"] = [item_dict(e) for e in c.evidence]
    if c.evaluation is not None:
        more["evaluation"] = item_dict(c.evaluation)
    if c.reconstruction:
        more["reconstruction"] = True
    return more


def read_reconstructs(document: dict, extra: dict) -> None:
    """The map's `reconstructs` list as kept beside a format's own structure; entries
    that name no source of the document are dropped."""
    listed = extra.get("reconstructs")
    known = {s["id"] for s in document.get("sources", ())}
    kept = list(dict.fromkeys(x for x in listed if isinstance(x, str) and x in known)) if isinstance(listed, list) else []
    if kept:
        document["reconstructs"] = kept


# ---------------------------------------------------------------- schemes


def scheme_from_name(name: str) -> str:
    """The catalogue id another tool's scheme name stands for ("ExpertOpinion",
    "Argument from expert opinion"), else the name as written."""
    from argmap.catalogue import known_catalogue

    return known_catalogue().resolve(name) or name


def scheme_name(scheme: str) -> str:
    """What other tools see for an argument's scheme: a catalogue scheme's name, else
    the scheme as written."""
    from argmap.catalogue import known_catalogue, name_in

    return name_in(known_catalogue(), scheme)


def question_dicts(a: Argument) -> list[dict]:
    return [item_dict(q) for q in a.questions]


def read_questions(raw: Any, notes: list[str], where: str) -> list[dict]:
    """Critical-question states from another format's data: the valid ones, once
    each; what is left out goes to `notes`."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        notes.append(f"left out the questions of {where}: expected a list")
        return []
    out: list[dict] = []
    for q in raw:
        d = valid_item_dict(Question, q)
        if d is None or any(x["id"] == d["id"] for x in out):
            notes.append(f"left out a critical question of {where}: {str(q)[:60]}")
        else:
            out.append(d)
    return out


def drop_dangling_answers(arguments: list[dict], notes: list[str]) -> None:
    """Questions answered by an argument the import does not have (or by their own)."""
    ids = {a["id"] for a in arguments}
    for a in arguments:
        questions = a.get("questions") or []
        kept = [q for q in questions if q.get("by") is None or (q["by"] in ids and q["by"] != a["id"])]
        if len(kept) < len(questions):
            notes.append(f"left out {len(questions) - len(kept)} question state(s) of {a['id']}: answered by an argument not in the map")
        if questions:
            a["questions"] = kept
            if not kept:
                del a["questions"]


@contextmanager
def deep_recursion(limit: int = 20_000):
    """Room for recursive walks over deep argument chains (Python 3.11 frames do not
    use the C stack for Python-to-Python calls)."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def build_map(document: dict, path: Path | str, what: str) -> ArgumentMap:
    """The validated map of an importer's document; an InputError naming the file if
    the other tool's structure does not make one."""
    try:
        return ArgumentMap.model_validate(document)
    except ValidationError as e:
        raise InputError(f"{path}: the {what} does not make a valid map: {validation_message(e.errors()[0])}") from None


MAX_DATA_ITEMS_PER_CHAR = 4  # YAML data may expand (aliases of aliases) to this many items per character


def _expanded_size(value: Any, limit: int) -> int:
    """How many items `value` holds once YAML aliases are expanded (each alias is a
    second reference to the same object, so a few lines can stand for billions of
    items that anything walking the data would visit). Linear in the distinct
    objects: sizes are memoised; stops counting past `limit`."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        v, done = stack.pop()
        if not isinstance(v, (dict, list)) or (id(v) in sizes and not done):
            continue
        children = list(v.values()) + list(v.keys()) if isinstance(v, dict) else v
        if not done:
            sizes[id(v)] = -1  # in progress (YAML can make a list contain itself)
            stack.append((v, True))
            stack.extend((c, False) for c in children if isinstance(c, (dict, list)))
            continue
        total = 1 + sum(max(sizes.get(id(c), 0), 0) if isinstance(c, (dict, list)) else 1 for c in children)
        if any(sizes.get(id(c)) == -1 for c in children if isinstance(c, (dict, list))):
            return limit + 1  # a cycle: endless when walked
        sizes[id(v)] = total
        if total > limit:
            return total
    return sizes.get(id(value), 1)


def check_expansion(value: Any, text: str) -> str | None:
    """None, or why YAML data read from `text` is refused: it expands (aliases of
    aliases: a 'billion laughs' bomb) to more items than its size allows."""
    limit = MAX_DATA_ITEMS_PER_CHAR * len(text) + 1000
    if _expanded_size(value, limit) > limit:
        return (f"YAML data expands to more than {limit:,} items (aliases of aliases: a 'billion laughs' bomb?); "
                "data is limited by its size in the file")
    return None
