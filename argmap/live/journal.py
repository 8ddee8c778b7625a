"""The host's journal: the shared document itself, kept beside the map file while a
session runs (`.NAME.live`), so that a host that crashed resumes the same session.

Restarted with the same command, the host finds the journal, checks that the map
file is still what the session wrote (or was about to write), and takes up the same
document and token: participants' editors, which keep trying to reconnect for a
minute, rejoin and send what they edited meanwhile (Yjs merges it), so nothing that
reached any of them is lost. The journal also keeps who owns which Yjs client id
(gate.py), so that nobody can take over another's while the others reconnect.
A session that ends normally deletes its journal.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from argmap.store import atomic_write

FORMAT = "argmap-live-journal"


def journal_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.live")


@dataclass(frozen=True)
class LiveJournal:
    token: str
    update: bytes  # the whole shared document (Yjs update)
    files: tuple[str, ...]  # sha256 of the map file contents the session stands on
    moderator_token: str | None = None
    owners: dict[int, str] = field(default_factory=dict)  # Yjs client id -> owner (gate.py)


def sha256(data: bytes | None) -> str:
    return hashlib.sha256(data or b"").hexdigest()


def write(path: Path, journal: LiveJournal) -> None:
    data = {
        "format": FORMAT,
        "token": journal.token,
        "files": list(journal.files),
        "update": base64.b64encode(journal.update).decode("ascii"),
        "moderator_token": journal.moderator_token,
        "owners": {str(client_id): owner for client_id, owner in sorted(journal.owners.items())},
    }
    target = journal_path(path)
    if not target.exists():  # it holds the token: readable by the host's user only
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
    atomic_write(target, json.dumps(data).encode("utf-8"), backup=False)


def read(path: Path) -> LiveJournal | None:
    """The journal beside `path`, or None (absent or unreadable: never fatal)."""
    try:
        raw = json.loads(journal_path(path).read_bytes())
        if raw.get("format") != FORMAT:
            return None
        moderator_token = raw.get("moderator_token")
        owners = {int(client_id): str(owner) for client_id, owner in raw.get("owners", {}).items()}  # (older: none)
        return LiveJournal(str(raw["token"]), base64.b64decode(raw["update"]), tuple(map(str, raw["files"])),
                           str(moderator_token) if moderator_token else None, owners)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def delete(path: Path) -> None:
    try:
        journal_path(path).unlink()
    except FileNotFoundError:
        pass
