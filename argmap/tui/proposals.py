"""The queue of proposals in a moderated live session (`P` in the live editor).

Each pending proposal with who proposed it and what it bears on; `y` accepts the
selected one, `r` rejects it (a participant can only withdraw their own: the host
holds everyone else to that), `enter` (or `g`) goes to it in the tree, `escape` goes
back. The list follows the shared map as others propose and decide.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from argmap.live import moderation

QUEUE_BINDINGS = [
    Binding("y", "accept", "Accept", id="proposal_accept"),
    Binding("r", "reject", "Reject", id="proposal_reject"),
    Binding("g", "go", "Go to it", id="proposal_go"),
    Binding("escape", "dismiss_queue", "Back", id="proposal_back"),
]
POLL = 0.2  # seconds


def describe(p: moderation.Pending) -> Text:
    how = {"support": "+ reason for", "attack": "- objection to"}.get(p.polarity or "", "unconnected")
    out = Text.assemble((p.by, "bold"), f"  {how} ", (f"«{p.under_text}»" if p.under else "", "italic"), f"  [{p.claim}]")
    out.append("\n    ")
    out.append(p.text or "(no text yet)")
    return out


class ProposalQueue(ModalScreen[str | None]):
    """Dismisses with the claim to go to, or None."""

    DEFAULT_CSS = """
    ProposalQueue { align: center middle; }
    ProposalQueue #queue-box { width: 90%; height: 80%; border: round $accent; background: $surface; }
    ProposalQueue #queue-head { height: auto; padding: 0 1; background: $boost; }
    ProposalQueue OptionList { height: 1fr; }
    """
    BINDINGS = QUEUE_BINDINGS

    def __init__(self, editor) -> None:
        super().__init__()
        self.editor = editor  # the live MapEditor underneath (its session, its apply)
        self._shown: tuple | None = None

    @property
    def replica(self):
        return self.editor.session.replica

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(id="queue-box"):
            yield Static(id="queue-head")
            yield OptionList(id="queue")
        yield Footer()

    def on_mount(self) -> None:
        self._refresh()
        self.set_interval(POLL, self._refresh)
        self.query_one(OptionList).focus()

    def pending(self) -> list[moderation.Pending]:
        return moderation.queue(self.replica.map, moderation.proposers(self.replica.doc))

    def _refresh(self) -> None:
        items = self.pending()
        key = tuple(items)
        if key == self._shown:
            return
        self._shown = key
        queue = self.query_one(OptionList)
        selected = self.selected()
        queue.clear_options()
        queue.add_options([Option(describe(p), id=p.claim) for p in items])
        ids = [p.claim for p in items]
        if ids:
            queue.highlighted = ids.index(selected) if selected in ids else min(queue.highlighted or 0, len(ids) - 1)
        who = "moderator" if self.replica.moderator else "participant"
        n = len(items)
        self.query_one("#queue-head", Static).update(
            f"{n} proposal{'s' if n != 1 else ''} pending · you are a {who}"
            + (" · y accept · r reject" if self.replica.moderator else " · r withdraws your own")
            + " · enter go to it · escape back"
        )

    def selected(self) -> str | None:
        queue = self.query_one(OptionList)
        if queue.highlighted is None or not queue.option_count:
            return None
        return queue.get_option_at_index(queue.highlighted).id

    def _decide(self, make) -> None:
        claim = self.selected()
        if claim is None:
            self.notify("No proposal selected.", severity="warning")
            return
        if self.editor.apply(make(claim), select=False):
            self.notify(f"{'Accepted' if make is moderation.accept else 'Rejected'} {claim}.", timeout=2)
        self._refresh()

    def action_accept(self) -> None:
        self._decide(moderation.accept)

    def action_reject(self) -> None:
        self._decide(moderation.reject)

    def action_go(self) -> None:
        claim = self.selected()
        if claim is not None:
            self.dismiss(claim)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_queue(self) -> None:
        self.dismiss(None)
