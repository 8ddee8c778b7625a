"""A participant in plain lines (`argmap join --lines`): commands in, outline out.

For terminals where the full TUI is not wanted, for scripts, and for the tests:
each line is one command (`help` lists them); others' edits are announced as they
arrive and `show` prints the map with the ids to type.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from argmap import edit
from argmap.analysis.structure import MapIndex
from argmap.edit import Change, EditError
from argmap.live import moderation
from argmap.live.replica import Replica
from argmap.model import ArgumentMap

HELP = """commands (ID: a claim or argument id as `show` prints it):
  show                      the map as an outline with ids
  reason ID TEXT            a reason for claim ID
  objection ID TEXT         an objection to claim ID
  undercut ARG TEXT         an objection to the inference of argument ARG
  premise ARG TEXT          a co-premise of argument ARG
  text ID TEXT              new text for claim ID
  note ID TEXT              a note on claim ID ('' removes it)
  tags ID TAG...            the tags of claim ID
  delete ID                 delete claim or argument ID (with what hangs only on it)
  move ARG ID               argument ARG now bears on ID
  proposals                 (moderated sessions) the pending proposals: who, what, under which claim
  accept ID | reject ID     (moderated sessions) take proposal ID into the map, or delete it
  undo | redo               take back (or redo) your own last change
  quit                      leave the session (also ctrl+d)"""


_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str) -> str:
    """Text others typed, safe to print: control characters (ESC, C1 CSI...) and
    bidi overrides would let a participant move the cursor, retitle or clear the
    terminal; they are printed as U+FFFD. Whitespace runs become one space."""
    text = " ".join(text.split())
    if text.isprintable() and not _BIDI.intersection(text):
        return text
    return "".join("\ufffd" if (not ch.isprintable() and ch not in " \u200d") or ch in _BIDI else ch for ch in text)


def outline(m: ArgumentMap) -> list[str]:
    """The map from the thesis down, one line per claim with its id, then the claims
    that bear on nothing shown (a cycle is shown once)."""
    idx = MapIndex.build(m)
    lines: list[str] = []
    shown: set[str] = set()

    def claim(cid: str, depth: int, mark: str) -> None:
        c = idx.claims[cid]
        lines.append(f"{'  ' * depth}{mark}[{cid}] {printable(c.text) or '(no text yet)'}")
        if cid in shown:
            return
        shown.add(cid)
        below(cid, depth + 1)

    def below(node: str, depth: int) -> None:
        for a in idx.targeting.get(node, []):
            if a.id in shown:
                continue
            shown.add(a.id)
            mark = "+ " if a.polarity == "support" else "- "
            if len(a.premises) > 1 or idx.targeting.get(a.id):
                lines.append(f"{'  ' * depth}{mark}({a.id})")
                for p in a.premises:
                    claim(p, depth + 1, "& ")
                below(a.id, depth + 1)
            else:
                lines.append(f"{'  ' * depth}{mark}({a.id})")
                claim(a.premises[0], depth + 1, "")

    claim(m.thesis, 0, "")
    rest = [c.id for c in m.claims if c.id not in shown]
    if rest:
        lines.append("unconnected:")
        for cid in rest:
            claim(cid, 1, "")
    return lines


def proposal_lines(replica: Replica) -> list[str]:
    """The pending proposals, one line each (`proposals`)."""
    if not moderation.is_moderated(replica.doc):
        return ["not a moderated session: there are no proposals"]
    pending = moderation.queue(replica.map, moderation.proposers(replica.doc))
    how = {"support": "+ reason for", "attack": "- objection to"}
    lines = [f"{len(pending)} proposal{'s' if len(pending) != 1 else ''} pending"]
    for p in pending:
        under = f" {how.get(p.polarity or '', 'on')} [{p.under}]" if p.under else " (unconnected)"
        lines.append(f"  [{p.claim}] by {printable(p.by)}{under}: {printable(p.text)}")
    return lines


def parse(line: str) -> tuple[str, list[str]]:
    try:
        words = shlex.split(line)
    except ValueError:
        words = line.split()
    return (words[0].lower(), words[1:]) if words else ("", [])


def change_for(command: str, args: list[str]) -> Change | None:
    """The edit a command asks for; None for a command that is no edit. ValueError
    with a usage hint when the arguments are missing."""
    def text() -> str:
        if len(args) < 2:
            raise ValueError(f"usage: {command} ID TEXT")
        return " ".join(args[1:])

    builders: dict[str, Callable[[], Change]] = {
        "reason": lambda: edit.add_reason(args[0], text()),
        "objection": lambda: edit.add_objection(args[0], text()),
        "undercut": lambda: edit.add_undercut(args[0], text()),
        "premise": lambda: edit.add_co_premise(args[0], text()),
        "text": lambda: edit.edit_text(args[0], text()),
        "note": lambda: edit.edit_note(args[0], " ".join(args[1:])),
        "tags": lambda: edit.edit_tags(args[0], args[1:]),
        "move": lambda: edit.move_argument(args[0], args[1]),
    }
    if command in ("accept", "reject"):
        if len(args) != 1:
            raise ValueError(f"usage: {command} ID")
        return moderation.accept(args[0]) if command == "accept" else moderation.reject(args[0])
    if command == "delete":
        if len(args) != 1:
            raise ValueError("usage: delete ID")
        return None
    if command not in builders:
        return None
    if not args or (command == "move" and len(args) != 2):
        raise ValueError(f"usage: {command} {'ARG ID' if command == 'move' else 'ID TEXT'}")
    return builders[command]()


def run_command(replica: Replica, line: str, say: Callable[[str], None]) -> bool:
    """Carry out one command line; False when the participant leaves."""
    command, args = parse(line)
    if command in ("", "#"):
        return True
    if command in ("quit", "exit"):
        return False
    if command == "help":
        say(HELP)
    elif command == "show":
        say("\n".join(outline(replica.map)))
    elif command == "proposals":
        say("\n".join(proposal_lines(replica)))
    elif command in ("undo", "redo"):
        label = replica.undo() if command == "undo" else replica.redo()
        say(f"{command}: {label}" if label else f"nothing of yours to {command}")
    else:
        try:
            change = change_for(command, args)
            if command == "delete":
                m = replica.map
                target = args[0]
                change = edit.delete_argument(target) if any(a.id == target for a in m.arguments) else edit.delete_claim(target)
            if change is None:
                say(f"unknown command {command!r} (help lists them)")
                return True
            replica.apply(change)
        except (ValueError, EditError, StopIteration) as e:
            say(f"not done: {e or 'no such id'}")
            return True
        say(f"{change.label}: {change.created or change.focus or 'done'}")
    return True
