"""The catalogue of argumentation schemes and their critical questions.

Each scheme (Walton, Reed & Macagno 2008) has premises with roles, the form of its
conclusion, and critical questions, each typed as in Carneades: an *assumption* the
proponent must back once it is asked, or an *exception* the opponent must prove.
The catalogue ships with argmap (argmap/data/schemes.toml); a user's `schemes.toml`
in the configuration folder adds schemes, or replaces bundled ones with the same id.

An argument's `scheme` names a scheme by id. Other tools name schemes in their own
ways ("ExpertOpinion" in AraucariaDB, "Argument from expert opinion" in Argdown
inference rules): `resolve` finds the id for a name or alias.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from argmap.errors import InputError, validation_message
from argmap.fsio import read_regular
from argmap.model import Id

BUNDLED = Path(__file__).resolve().parent / "data" / "schemes.toml"
USER_FILE = "schemes.toml"

QuestionType = Literal["assumption", "exception"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Premise(_Strict):
    role: Id
    text: str = Field(min_length=1)


class CriticalQuestion(_Strict):
    id: Id
    type: QuestionType
    text: str = Field(min_length=1)


class Scheme(_Strict):
    id: Id
    name: str = Field(min_length=1)
    group: str = ""
    aliases: list[str] = Field(default_factory=list)
    premises: list[Premise] = Field(min_length=1)
    conclusion: str = Field(min_length=1)
    questions: list[CriticalQuestion] = Field(min_length=1)
    origin: str = ""  # the file it came from (set on loading, not written in files)

    @model_validator(mode="after")
    def _unique(self) -> Scheme:
        for what, ids in (("premise role", [p.role for p in self.premises]), ("question id", [q.id for q in self.questions])):
            dup = next((x for i, x in enumerate(ids) if x in ids[:i]), None)
            if dup is not None:
                raise ValueError(f"scheme {self.id!r}: {what} {dup!r} appears twice")
        return self

    def question(self, question_id: str) -> CriticalQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


class _File(_Strict):
    schemes: list[Scheme] = Field(default_factory=list)


def _key(name: str) -> str:
    """Names compare without case, spaces or punctuation: "ExpertOpinion" matches
    "expert opinion" and "expert_opinion"."""
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


class Catalogue:
    """Schemes by id, in file order (bundled first, then the user's new ones)."""

    def __init__(self, schemes: list[Scheme]) -> None:
        self.schemes: dict[str, Scheme] = {}
        for s in schemes:
            self.schemes[s.id] = s
        self._names: dict[str, str] = {}
        # ids first, then names, then aliases: an alias never hides an id or a name
        for pick in (lambda s: [s.id], lambda s: [s.name, s.name.removeprefix("Argument from ")], lambda s: s.aliases):
            for s in self.schemes.values():
                for name in pick(s):
                    self._names.setdefault(_key(name), s.id)

    def __contains__(self, scheme_id: object) -> bool:
        return scheme_id in self.schemes

    def __iter__(self):
        return iter(self.schemes.values())

    def __len__(self) -> int:
        return len(self.schemes)

    def get(self, scheme_id: str | None) -> Scheme | None:
        return self.schemes.get(scheme_id) if scheme_id else None

    def resolve(self, name: str | None) -> str | None:
        """The id of the scheme `name` is the id, name or an alias of; None if none."""
        if not name:
            return None
        return self._names.get(_key(name)) if _key(name) else None


MAX_CATALOGUE_BYTES = 16 * 1024 * 1024


def read_file(path: Path) -> list[Scheme]:
    """The schemes of one catalogue file; InputError naming the file and place."""
    try:
        raw = tomllib.loads(read_regular(path, MAX_CATALOGUE_BYTES).decode("utf-8"))  # (a FIFO would hang)
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{path}: invalid TOML: {e}") from None
    try:
        schemes = _File.model_validate(raw).schemes
    except ValidationError as e:
        errors = e.errors(include_url=False)  # a misspelt field first: it explains the "missing" one
        err = next((x for x in errors if x["type"] == "extra_forbidden"), errors[0])
        where = ".".join(str(x) for x in err["loc"])
        msg = validation_message(err)
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check the spelling)"
        raise InputError(f"{path}: {where + ': ' if where else ''}{msg}") from None
    return [s.model_copy(update={"origin": str(path)}) for s in schemes]


@cache
def _load(user_path: Path | None, stamp: float | None) -> Catalogue:
    schemes = read_file(BUNDLED)
    if user_path is not None:
        schemes += read_file(user_path)
    return Catalogue(schemes)


def user_catalogue_path() -> Path:
    from argmap.config import config_dir

    return config_dir() / USER_FILE


def load_catalogue(user_path: Path | None = None) -> Catalogue:
    """The bundled catalogue plus the user's (`user_path`, else schemes.toml in the
    configuration folder, when it exists). Cached until the user's file changes."""
    path = user_path or user_catalogue_path()
    if not path.is_file():
        return _load(None, None)
    return _load(path, path.stat().st_mtime)


def known_catalogue() -> Catalogue:
    """The catalogue for reading names in other formats: the user's as well when it
    loads, else the bundled one (an importer should not fail on a broken config
    file; `argmap schemes` and `argmap validate` report it)."""
    try:
        return load_catalogue()
    except InputError:
        return _load(None, None)


def shown_name(scheme: str) -> str:
    """A scheme as diagrams and text exports show it: the bundled catalogue's name for
    its id, else the scheme as written. Not the user's catalogue: a figure must come
    out the same on every machine."""
    return name_in(_load(None, None), scheme)


def name_in(catalogue: Catalogue, scheme: str) -> str:
    """The catalogue's name for a scheme id or alias, else the scheme as written."""
    found = catalogue.get(scheme)
    return found.name if found else scheme
