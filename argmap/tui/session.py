"""One open map file: its document, undo history, save state and crash journal.

No Textual here: the screens drive a MapSession; tests drive it directly.

Never lose work:
- `save()` goes through `argmap.store.save_document` with the fingerprint of what
  was loaded, so a file changed on disk (git pull, another editor) is never
  overwritten silently: it raises SaveConflictError and the UI asks what to do.
- `write_journal()` writes the whole current map atomically to `.NAME.journal`
  beside the file (the UI calls it within half a second of every change); a
  successful save deletes it; opening a file with a journal offers to recover it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from argmap.analysis.structure import MapIndex
from argmap.clock import now_iso
from argmap.edit import Change, History
from argmap.errors import InputError
from argmap.model import ArgumentMap
from argmap.fsio import read_regular
from argmap.store import DEFAULT_MAX_BYTES, Fingerprint, atomic_write, dumps, free_copy_path, load_map, save_document

JOURNAL_FORMAT = "argmap-journal"
JOURNAL_MAX_BYTES = 2 * DEFAULT_MAX_BYTES  # a map plus a small header


def journal_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.journal")


@dataclass(frozen=True)
class Journal:
    document: ArgumentMap
    written: str  # ISO time
    base: str | None  # sha256 of the file the journal's edits started from


def read_journal(path: Path) -> Journal | None:
    """The journal beside `path`, or None (absent or unreadable: never fatal)."""
    jp = journal_path(path)
    try:
        raw = json.loads(read_regular(jp, JOURNAL_MAX_BYTES))
        if raw.get("format") != JOURNAL_FORMAT:
            return None
        return Journal(ArgumentMap.model_validate(raw["map"]), raw.get("written", ""), raw.get("base"))
    except (InputError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


class MapSession:
    def __init__(self, path: Path, document: ArgumentMap, fingerprint: Fingerprint | None) -> None:
        self.path = Path(path)
        self.document = document
        self.fingerprint = fingerprint
        self.history = History(document)
        self._opened = dumps(document)  # to recognise "every change undone"
        self._index: MapIndex | None = None
        self._index_revision = -1
        self._journal_revision = 0
        self._stat = self._disk_stat()
        self.autosave_paused = False  # while a save conflict is unresolved
        self.conflict_open = False
        # computed evaluation: (revision, semantics) it belongs to, claim id -> label
        self.status_key: tuple[int, str] | None = None
        self.status: dict[str, str] = {}
        self.thesis_status: str | None = None
        self.steps: dict = {}  # argument id -> DefeatedStep: premises hold, the step does not
        self.decisive = None  # DecisiveMarks of the thesis, for decisive_key
        self.decisive_key: tuple | None = None

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike) -> MapSession:
        """Load a map (raises InputError with the file, place and problem)."""
        loaded = load_map(path)
        return cls(loaded.path, loaded.document, loaded.fingerprint)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def index(self) -> MapIndex:
        if self._index is None or self._index_revision != self.history.revision:
            self._index = MapIndex.build(self.document)
            self._index_revision = self.history.revision
        return self._index

    @property
    def dirty(self) -> bool:
        return self.history.dirty

    # ------------------------------------------------------------ editing

    def apply(self, change: Change) -> Change:
        return self.history.apply(change)

    def undo(self) -> Change | None:
        return self.history.undo()

    def redo(self) -> Change | None:
        return self.history.redo()

    def replace_document(self, document: ArgumentMap, fingerprint: Fingerprint | None, *, dirty: bool) -> None:
        """Swap in another version (reload from disk, recovered journal); history restarts."""
        self.document = document
        self.fingerprint = fingerprint
        self.history = History(document, saved=not dirty)
        self._opened = dumps(document)
        if dirty:
            self.history.revision = 1  # views and the journal see a new version
        self._index = None
        self._stat = self._disk_stat()

    # ------------------------------------------------------------ saving

    def save(self, *, force: bool = False) -> None:
        """Save through the storage layer; raises SaveConflictError when the file
        changed on disk since it was loaded (unless `force`)."""
        if not self.history.dirty and not force:
            self.delete_journal()
            return  # nothing to save (and no timestamp-only rewrite)
        self.fingerprint = save_document(self._stamped(), self.path, base=self.fingerprint, force=force)
        self.history.mark_saved()
        self._stat = self._disk_stat()
        self.delete_journal()

    def _stamped(self) -> ArgumentMap:
        """The document to write, with `modified` set to now (a shallow copy: the
        document being edited, and so undo, never see the timestamp change).

        When every change since the map was opened has been undone, the document is
        written as it was opened, timestamp included, so git sees no difference."""
        if dumps(self.document) == self._opened:
            return self.document
        return self.document.model_copy(update={"modified": now_iso()})

    def save_copy(self, path: Path) -> Path:
        """Save the current document as a new file (never overwrites); this session
        then edits the copy."""
        fp = save_document(self._stamped(), path, base=None)
        self.path = Path(path)
        self.fingerprint = fp
        self.history.mark_saved()
        self._stat = self._disk_stat()
        return self.path

    def reload(self) -> None:
        """Replace the document with what is on disk now (discarding unsaved edits)."""
        loaded = load_map(self.path)
        self.replace_document(loaded.document, loaded.fingerprint, dirty=False)
        self.delete_journal()

    def free_copy_path(self) -> Path:
        return free_copy_path(self.path)

    # ------------------------------------------------------------ the disk

    def _disk_stat(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def changed_on_disk(self) -> bool:
        """True when the file no longer holds what we loaded or saved (cheap stat
        first, then the content hash)."""
        stat = self._disk_stat()
        if stat == self._stat:
            return False
        self._stat = stat
        current = Fingerprint.of_path(self.path)
        return current.digest is not None or not (self.fingerprint or Fingerprint(None)).matches(current.content)

    # ------------------------------------------------------------ the journal

    @property
    def journal_path(self) -> Path:
        return journal_path(self.path)

    def journal_pending(self) -> bool:
        return self.history.revision != self._journal_revision

    def journal_bytes(self) -> bytes | None:
        """The journal to write now (None: nothing pending; b"": delete it). Cheap:
        the map is serialised by pydantic's Rust core, the rest is a small header."""
        if not self.journal_pending():
            return None
        self._journal_revision = self.history.revision
        if not self.history.dirty:
            return b""
        header = {
            "format": JOURNAL_FORMAT,
            "file": self.path.name,
            "written": now_iso(),
            "base": self.fingerprint.sha256 if self.fingerprint else None,
        }
        head = json.dumps(header, ensure_ascii=False).encode("utf-8")[:-1]
        return head + b', "map": ' + dumps(self.document).rstrip() + b"}\n"

    def store_journal(self, data: bytes, journal: Path | None = None) -> None:
        """Write (or with b"" delete) journal bytes; safe to call from a thread."""
        journal = journal or self.journal_path
        if data:
            atomic_write(journal, data, backup=False)
        else:
            try:
                journal.unlink()
            except FileNotFoundError:
                pass

    def write_journal(self) -> bool:
        """Write the current document to the journal now if it changed since the last
        journal write and is not saved. Returns whether something was written."""
        data = self.journal_bytes()
        if data is None:
            return False
        self.store_journal(data)
        return bool(data)

    def delete_journal(self) -> None:
        try:
            self.journal_path.unlink()
        except FileNotFoundError:
            pass
        self._journal_revision = self.history.revision

    def recoverable_journal(self) -> Journal | None:
        """A journal that holds something other than the file: offer to recover it."""
        j = read_journal(self.path)
        if j is None:
            return None
        if dumps(j.document) == dumps(self.document):
            self.delete_journal()
            return None
        return j

    def recover(self, j: Journal) -> bool:
        """Take the journal's document as the current (unsaved) version, based on the
        file the journal's edits started from: when the file on disk is no longer
        that one (a git pull after the crash), saving refuses as for any change on
        disk and the conflict rules decide (reload, keep mine, save a copy).
        Returns whether the file changed since the journal's edits began."""
        base = self.fingerprint
        changed = j.base != (base.sha256 if base else None)
        if changed:
            base = Fingerprint.of_digest(j.base) if j.base else Fingerprint(None)
        self.replace_document(j.document, base, dirty=True)
        self._journal_revision = 0  # still journalled until saved
        return changed


def create_map(path: Path, thesis: str, title: str = "") -> MapSession:
    """A new map file with a thesis (refuses to overwrite an existing file)."""
    from argmap.store import new_map_document

    thesis = thesis.strip()
    if not thesis:
        raise InputError("the thesis needs some text")
    document = new_map_document(thesis, title.strip())
    fp = save_document(document, path, base=None)
    return MapSession(path, document, fp)
