"""`argmap git-follow-renames`: after a merge renamed ids in maps, move the
comparisons' links that theirs' branch made to those ids."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import click

from argmap.errors import InputError

JOURNAL = "argmap-renames.json"  # in the git directory, written by the merge driver


def journal_path(cwd: Path | None = None) -> Path | None:
    """Where the merge driver records renames: in .git, which no checkout touches."""
    done = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=cwd, capture_output=True, text=True)
    return Path(done.stdout.strip()) / JOURNAL if done.returncode == 0 else None


JOURNAL_MAX_BYTES = 16 << 20


def read_journal(journal: Path) -> dict:
    """The journal's entries ({} when there is none); InputError for anything argmap
    did not write there (a folder, a FIFO, not JSON, another shape)."""
    from argmap.fsio import read_regular
    from argmap.store import parse_json

    if not journal.exists() and not journal.is_symlink():
        return {}
    entries = parse_json(journal, read_regular(journal, JOURNAL_MAX_BYTES))
    maps = entries.get("maps") if isinstance(entries, dict) else None
    if not (isinstance(maps, dict) and isinstance(entries.get("ours"), str)
            and all(isinstance(r, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in r.items())
                    for r in maps.values())):
        raise InputError(f"{journal}: not the renames journal argmap writes; delete it")
    return entries


def record(path: str, renamed: dict[str, str]) -> None:
    """Add a map's renames (repository path -> {theirs' id: new id}) to the journal
    of the merge in progress (ours' commit names it; an older journal is dropped)."""
    journal = journal_path()
    if journal is None or not renamed:
        return
    from argmap.store import atomic_write

    head = _git(journal.parent, "rev-parse", "HEAD")
    entries = read_journal(journal)
    if entries.get("ours") != (head or "").strip():
        entries = {"ours": (head or "").strip(), "maps": {}}
    entries["maps"][path] = {**entries["maps"].get(path, {}), **renamed}
    atomic_write(journal, json.dumps(entries, indent=2, sort_keys=True).encode() + b"\n", backup=False)


def _git(root: Path, *args: str) -> str | None:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


@click.command("git-follow-renames")
def command() -> None:
    """Run during a merge (before committing it) or right after: for each map in
    which the merge renamed ids that both branches created, the links that theirs'
    branch made to them in comparisons are moved to the new ids (the merge driver
    says when this is needed). Saves the comparisons it changes; commit them."""
    from argmap.analysis.merge_follow import follow_renames
    from argmap.model import Comparison
    from argmap.store import load_comparison, save_document

    journal = journal_path()
    if journal is None:
        raise InputError("not in a git repository")
    entries = read_journal(journal)
    if not entries:
        click.echo("no renamed ids to follow")
        return
    renames: dict[str, dict[str, str]] = entries["maps"]
    root = Path(_git(Path.cwd(), "rev-parse", "--show-toplevel").strip())
    sides = ("HEAD", "MERGE_HEAD") if (journal.parent / "MERGE_HEAD").exists() else ("HEAD^1", "HEAD^2")
    ours = _git(root, "rev-parse", "--verify", "-q", sides[0])
    if _git(root, "rev-parse", "--verify", "-q", sides[1]) is None or (ours or "").strip() != entries["ours"]:
        raise InputError("the renames recorded are from another merge: run this during the merge that made "
                         f"them or right after it (or delete {journal})")

    def version(rev: str, rel: str) -> Comparison | None:
        text = _git(root, "show", f"{rev}:{rel}")
        try:
            return None if text is None else Comparison.model_validate_json(text)
        except ValueError:  # (pydantic's ValidationError) a version that is no comparison has no links to follow
            return None

    for rel in (_git(root, "ls-files", "*.compare.json") or "").split():
        loaded = load_comparison(root / rel)
        folder = (root / rel).parent
        left, right = ({} if not (p := (folder / side).resolve()).is_relative_to(root) else
                       renames.get(p.relative_to(root).as_posix(), {})
                       for side in (loaded.document.left, loaded.document.right))
        if not left and not right:
            continue
        followed, moved = follow_renames(loaded.document, version(sides[0], rel), version(sides[1], rel), left, right)
        if moved:
            save_document(followed, root / rel, base=loaded.fingerprint)
            click.echo(f"{rel}: {moved} link{'s' * (moved != 1)} moved to renamed ids")
    journal.unlink()
