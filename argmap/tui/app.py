"""The argmap Textual app: opens a folder, a map, two maps or a comparison."""

from __future__ import annotations

import asyncio
import signal
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from argmap.errors import ArgmapError
from argmap.store import is_comparison_path, load_comparison_with_maps
from argmap.tui.dialogs import ErrorScreen, HelpScreen
from argmap.tui.keymap import UserConfig, load_config
from argmap.tui.session import MapSession, create_map

APP_BINDINGS = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("question_mark,f1", "help", "Help", id="help"),
    Binding("ctrl+p", "command_palette", "Commands", show=False, id="command_palette"),
    Binding("f2", "toggle_theme", "Dark/light", show=False, id="toggle_theme"),
]

KEY_NAMES = {name: name for name in ("space", "enter", "escape", "tab", "up", "down", "left", "right", "home", "end", "pageup", "pagedown")}
KEY_NAMES["delete"] = "del"


def key_display(keys: str) -> str:
    """Keys as people write them: `]` not right_square_bracket, `alt+up`, `ctrl+z`."""
    from textual.keys import format_key

    def one(key: str) -> str:
        *modifiers, name = key.strip().split("+")
        shown = KEY_NAMES.get(name) or format_key(name)
        return "+".join([*modifiers, shown])

    names = [k.strip() for k in keys.split(",")]
    # "N,shift+n": an upper-case letter is its shift key already
    names = [k for k in names if not (k.startswith("shift+") and len(k) == 7 and k[-1].upper() in names)]
    return " ".join(one(k) for k in names)


def exports_path(map_path: Path, suffix: str = ".svg") -> Path:
    """exports/NAME.svg beside the maps folder (maps/x.json -> exports/x.svg), or
    beside the map when it is not in a folder called maps."""
    name = map_path.name.removesuffix(".json") + suffix
    folder = map_path.resolve().parent
    if folder.name == "maps":
        return folder.parent / "exports" / name
    return folder / name


class ArgmapApp(App):
    CSS_PATH = "argmap.tcss"
    TITLE = "argmap"
    BINDINGS = APP_BINDINGS

    def __init__(self, targets: list[Path], *, config: UserConfig | None = None, watch_signals: bool = True,
                 allow_outside: bool = False) -> None:
        from argmap.tui.controls import show_control_characters

        show_control_characters()  # claim text cannot drive the terminal
        super().__init__()
        self.allow_outside = allow_outside  # a comparison may name maps outside its folder
        self.targets = [Path(t) for t in targets]
        self.config = config if config is not None else load_config()
        self.watch_signals = watch_signals
        self._driver_sigtstp = None  # Textual's SIGTSTP handler, when it installed one
        self.last_render: Path | None = None
        # one thread writes every journal, in order, so typing never waits for fsync
        self.journal_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-journal")

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Notifications quote user text (claims, ids, paths, keymap entries): never
        read as Textual markup (`[/]` raised MarkupError and closed the app)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def wait_for_journals(self) -> None:
        self.journal_writer.submit(lambda: None).result(timeout=10)

    def on_unmount(self) -> None:
        self.journal_writer.shutdown(wait=True)

    # ------------------------------------------------------------ start

    def on_mount(self) -> None:
        if self.config.keymap:
            unknown = sorted(set(self.config.keymap) - known_binding_ids())
            if unknown:
                self.notify(f"{self.config.path}: unknown binding id(s) {', '.join(unknown)} (see ? for the ids)", severity="warning", timeout=10)
            self.set_keymap(self.config.keymap)
        for problem in self.config.problems:
            self.notify(problem, severity="warning", timeout=8)
        if self.config.theme in ("light", "textual-light"):
            self.theme = "textual-light"
        elif self.config.theme and self.config.theme in self.available_themes:
            self.theme = self.config.theme
        if self.watch_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                try:
                    loop.add_signal_handler(sig, self._on_terminate)
                except (NotImplementedError, RuntimeError, ValueError):
                    pass
            self._driver_sigtstp = signal.getsignal(signal.SIGTSTP)
            self._watch_sigtstp()
            self.app_resume_signal.subscribe(self, lambda _app: self._watch_sigtstp())
        self.app_suspend_signal.subscribe(self, lambda _app: self.flush_all())
        self.open_targets(self.targets)

    def open_targets(self, targets: list[Path]) -> None:
        from argmap.tui.workspace import WorkspaceScreen, folder_entries

        if len(targets) == 1 and targets[0].is_dir():
            folder = targets[0]
            self.push_screen(WorkspaceScreen(folder))
            demo = only_comparison(folder_entries(folder))
            if demo is not None:
                self.open_path(demo)
            return
        if len(targets) == 2:
            self.open_pair(targets[0], targets[1])
            return
        for target in targets[:1]:
            self.open_path(target)

    def open_path(self, path: Path, *, conflicts_seen: bool = False) -> None:
        from argmap.tui.conflicts import open_with_conflicts  # a merge's conflicts come first

        if not conflicts_seen and open_with_conflicts(self, path, lambda p: self.open_path(p, conflicts_seen=True)):
            return
        if is_comparison_path(path):
            self.open_comparison(path)
        else:
            self.open_map(path)

    def open_map(self, path: Path) -> None:
        from argmap.tui.editor import MapEditor

        try:
            session = MapSession.open(path)
        except ArgmapError as e:
            self.push_screen(ErrorScreen(path, str(e)))
            return
        self.push_screen(MapEditor(session))

    def open_comparison(self, path: Path) -> None:
        try:
            loaded = load_comparison_with_maps(path, allow_outside=self.allow_outside)
        except ArgmapError as e:
            self.push_screen(ErrorScreen(path, str(e)))
            return
        from argmap.tui import compare  # loaded on first use

        self.push_screen(compare.from_comparison(loaded))

    def open_pair(self, left: Path, right: Path) -> None:
        from argmap.tui import compare

        try:
            screen = compare.from_maps(left, right)
        except ArgmapError as e:
            self.push_screen(ErrorScreen(left, str(e)))
            return
        self.push_screen(screen)

    def create_and_open(self, path: Path, thesis: str, title: str = "") -> None:
        from argmap.tui.editor import MapEditor

        try:
            session = create_map(path, thesis, title)
        except ArgmapError as e:
            self.notify(str(e), severity="error", timeout=8)
            return
        self.push_screen(MapEditor(session))

    async def on_event(self, event) -> None:
        # Keys from the terminal are routed synchronously, one at a time, while a map
        # screen is shown: a command that opens the text editor moves the focus before
        # the next key is read, so `a`, typing and `enter` in one burst (a paste, a fast
        # typist, tmux send-keys) all land where they belong, in order.
        if isinstance(event, events.Key) and not event.is_forwarded:
            route = getattr(self.screen, "route_key", None)
            if route is not None:
                if await self._check_bindings(event.key, priority=True):
                    return
                if await route(event):
                    return
        await super().on_event(event)

    # ------------------------------------------------------------ flushing

    def _editors(self) -> list[Screen]:
        return [s for s in self.screen_stack if hasattr(s, "flush")]

    def flush_all(self) -> bool:
        """Save every open map now. False if one could not be saved (conflict)."""
        ok = True
        for screen in self._editors():
            ok = screen.flush() and ok
        return ok

    def _on_terminate(self) -> None:
        # SIGTERM / SIGHUP: save what can be saved; anything else stays in the journal.
        for screen in self._editors():
            try:
                screen.flush()
            except Exception:  # noqa: BLE001 - never die before writing the journal
                pass
            try:
                screen.write_journals()
            except Exception:  # noqa: BLE001
                pass
        self.exit(return_code=0)

    async def action_quit(self) -> None:
        if self.flush_all():
            self.exit()
        else:
            self.notify("Not quitting: resolve the save conflict first (or the changes stay in the journal).", severity="warning", timeout=6)

    def action_suspend_process(self) -> None:
        self.flush_all()
        self._unwatch_sigtstp()  # the SIGTSTP sent next must reach the driver's handler
        super().action_suspend_process()

    def _watch_sigtstp(self) -> None:
        """A SIGTSTP from outside (`kill -TSTP`, a job-control tool) suspends argmap
        as the palette's Suspend does: saving first. Textual's driver alone would
        only restore the terminal and stop, with the last edits not yet journalled."""
        if not callable(self._driver_sigtstp):
            return  # no Textual handler to hand over to (Windows, headless tests)
        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGTSTP, self.action_suspend_process)
        except (NotImplementedError, RuntimeError, ValueError):
            pass

    def _unwatch_sigtstp(self) -> None:
        if callable(self._driver_sigtstp):
            try:
                asyncio.get_running_loop().remove_signal_handler(signal.SIGTSTP)
            except (NotImplementedError, RuntimeError, ValueError):
                pass
            signal.signal(signal.SIGTSTP, self._driver_sigtstp)

    # ------------------------------------------------------------ help, theme, palette

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def _keys(self, binding: Binding) -> str:
        keys = self._keymap.get(binding.id, binding.key) if binding.id else binding.key
        return key_display(keys)

    def help_sections(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        from argmap.tui.editor import EDITOR_BINDINGS
        from argmap.tui.tree import MapTree

        def rows(bindings: Iterable[Binding]) -> list[tuple[str, str, str]]:
            return [(self._keys(b), b.tooltip or b.description, b.id or "") for b in bindings]

        sections = []
        screen = self.screen
        extra = getattr(screen, "EXTRA_BINDINGS", None)
        if extra:
            sections.append(("Compare view (the editor keys work on the side with ▶)", rows(extra)))
        sections += [
            ("Map editor", rows(EDITOR_BINDINGS)),
            ("Moving in the tree", rows(MapTree.BINDINGS)),
            ("Everywhere", rows(APP_BINDINGS)),
        ]
        return sections

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.help_sections()))

    def action_legend(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.help_sections(), legend_first=True))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen = set()
        for b in list(getattr(screen, "BINDINGS", [])) + APP_BINDINGS:
            if not isinstance(b, Binding) or b.action in seen or b.action == "command_palette":
                continue
            seen.add(b.action)
            target = self if b in APP_BINDINGS else screen
            yield SystemCommand(
                f"{b.description} ({self._keys(b)})",
                b.tooltip or b.description,
                partial(target.run_action, b.action),
            )
        yield SystemCommand("Legend: what the symbols mean", "◆ + − ± ⊘ & ✓ ✗ ? ↯ ❝ ❞ ʳ ✎ ⇄ ⇔ ⇎ ❝⇔ explained (also at the end of ?)", self.action_legend)
        yield SystemCommand("Suspend (back to the shell; saves first)", "Suspend argmap like ctrl+z in a shell", self.action_suspend_process)

    # ------------------------------------------------------------ rendering

    def render_map(self, session: MapSession) -> None:
        snapshot = session.document.model_copy(deep=True)
        out = exports_path(session.path)
        self.notify(f"Rendering {out.name} …", timeout=2)
        # run_worker with a name: @work would repr() the whole map to name the worker
        self.run_worker(partial(self._render_worker, snapshot, out), name="render", description="render", group="render", thread=True, exclusive=True, exit_on_error=False)

    def render_comparison(self, comparison, left: MapSession, right: MapSession) -> None:
        """Render the comparison diagram (links to deleted claims left out)."""
        links = comparison.valid_links(left, right)
        snapshot = (
            comparison.document.model_copy(update={"links": links}, deep=True),
            left.document.model_copy(deep=True),
            right.document.model_copy(deep=True),
        )
        out = exports_path(comparison.path.with_name(comparison.path.name.removesuffix(".compare.json") + ".json"))
        self.notify(f"Rendering {out.name} …", timeout=2)
        self.run_worker(partial(self._render_worker, snapshot, out), name="render", description="render", group="render", thread=True, exclusive=True, exit_on_error=False)

    def _render_worker(self, document, out: Path) -> None:
        try:
            from argmap.render import write_output
            from argmap.render.fit import DEFAULT_FIT, comparison_figure, map_figure, parse_fit

            width = parse_fit(DEFAULT_FIT)  # what `argmap render` / `argmap compare` draw by default
            if isinstance(document, tuple):
                dot = comparison_figure(*document, width)
            else:
                dot = map_figure(document, width)
            written = write_output(dot, out, fmt="svg")
        except ArgmapError as e:
            self.call_from_thread(self.notify, f"Not rendered: {e}", severity="error", timeout=10)
            return
        except Exception as e:  # noqa: BLE001 - a renderer bug must not kill the editor
            self.call_from_thread(self.notify, f"Not rendered: {type(e).__name__}: {e}", severity="error", timeout=10)
            return
        self.last_render = written
        self.call_from_thread(self.notify, f"Rendered {written}", timeout=6)


def only_comparison(files: list[Path]) -> Path | None:
    """The comparison to open straight away: a folder holding one comparison and
    only its two maps (the bundled example on first run). Once the folder holds a
    map of one's own, the list of maps opens instead."""
    comparisons = [p for p in files if is_comparison_path(p)]
    if len(comparisons) != 1:
        return None
    try:
        from argmap.store import load_comparison

        c = load_comparison(comparisons[0]).document
    except ArgmapError:
        return comparisons[0]  # its error screen says what is wrong
    named = {(comparisons[0].parent / c.left).resolve(), (comparisons[0].parent / c.right).resolve()}
    others = [p for p in files if not is_comparison_path(p) and p.resolve() not in named]
    return None if others else comparisons[0]


def known_binding_ids() -> set[str]:
    """Every binding id a keymap may name."""
    from argmap.tui import dialogs
    from argmap.tui.compare import COMPARE_BINDINGS
    from argmap.tui.editor import EDITOR_BINDINGS
    from argmap.tui.tree import MapTree
    from argmap.tui.workspace import WorkspaceScreen

    groups = [APP_BINDINGS, EDITOR_BINDINGS, COMPARE_BINDINGS, MapTree.BINDINGS, WorkspaceScreen.BINDINGS]
    from argmap.tui.compare import SuggestionList
    from argmap.tui.evidence import EvidenceForm
    from argmap.tui.quote_picker import QuotePicker
    from argmap.tui.schemes import QuestionsScreen, SchemePicker
    from argmap.tui.sources import SourcesScreen

    dialog_screens = (dialogs.ClaimTextArea, EvidenceForm, dialogs.NewMapForm, dialogs.HelpScreen, dialogs.ErrorScreen, QuotePicker, SuggestionList, SourcesScreen, SchemePicker, QuestionsScreen)
    groups += [cls.BINDINGS for cls in dialog_screens]
    return {b.id for group in groups for b in group if isinstance(b, Binding) and b.id}


def create_app(targets: list[Path], *, config: UserConfig | None = None, watch_signals: bool = True,
               allow_outside: bool = False) -> ArgmapApp:
    """The app factory shared by `argmap tui` and the tests."""
    return ArgmapApp(targets, config=config, watch_signals=watch_signals, allow_outside=allow_outside)
