"""The map tree widget: lazy (children are added when a row is first expanded),
rows keep only ids (see argmap.tui.view), edits refresh only what changed.

A view shows at most LEVELS levels below its top rows: Textual's Tree recurses once
per open level (a RecursionError near 960), and its line cache holds each line's
whole path. A row at the last level opens as the top of a new view (`base`, the
full row path to it); left on that top row goes back up."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from argmap.analysis.structure import MapIndex
from argmap.tui import view
from argmap.tui.view import Row

LEVELS = 20  # the guides of 20 levels fill 60 columns: deeper rows would have little room
MORE = Text("⋯ → deeper  ", style="bold yellow")


def _row_ids(row: Row) -> set[str]:
    if row[0] == "claim":
        return {row[1], row[2]} if row[2] else {row[1]}
    if row[0] == "group":
        return {row[1]}
    return set()


class MapTree(Tree[Row], inherit_bindings=False):
    """A Tree over a MapIndex supplied by `get_index` (rebuilt by the owner)."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("left,h", "collapse_or_parent", "Collapse", show=False, id="collapse"),
        Binding("right,l", "expand_or_child", "Expand", show=False, id="expand"),
        Binding("space", "toggle_node", "Toggle", show=False, id="toggle"),
        Binding("home", "scroll_home", "Top", show=False, id="top"),
        Binding("end", "scroll_end", "Bottom", show=False, id="bottom"),
        Binding("pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page_down"),
    ]

    def __init__(self, get_index: Callable[[], MapIndex], *, mark: Callable[[Row], Text | None] | None = None, compact: bool = False, **kwargs) -> None:
        super().__init__("map", **kwargs)
        self.get_index = get_index
        self.mark = mark
        self.compact = compact
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 3
        self._loaded: set[int] = set()
        self.base: list[Row] = []  # full row path to this view's top row ([]: the whole map)

    # ------------------------------------------------------------ building

    def render_label(self, node: TreeNode[Row], base_style, style) -> Text:
        """Leaves get a blank where the expand arrow would be, so sibling rows align;
        a label wider than the pane ends in "…" where it is cut."""
        text = super().render_label(node, base_style, style)
        if not node.allow_expand and node is not self.root:
            text = Text.assemble((" " * len(self.ICON_NODE), base_style), text)
        elif node.allow_expand and self._depth(node) >= LEVELS:
            text = Text.assemble(MORE, text)
        if self.base and node.parent is self.root:
            text = Text.assemble((f"↑ {len(self.base) - 1} levels up (←)  ", "bold yellow"), text)
        # the scrollbar's column is always kept: Tree caches a line by the widget's
        # width, so a scrollbar that appears later would hide the "…"
        room = self.content_region.width - self.styles.scrollbar_size_vertical - self.guide_depth * self._depth(node)
        if room > 0 and text.cell_len > room:
            text.truncate(room, overflow="ellipsis")
        return text

    def _depth(self, node: TreeNode[Row]) -> int:
        """How many guides stand before a node's label (the top rows have none)."""
        depth = 0
        while node.parent is not None and node.parent is not self.root:
            depth += 1
            node = node.parent
        return depth

    def _label(self, idx: MapIndex, row: Row) -> Text:
        return view.label(idx, row, mark=self.mark(row) if self.mark else None, compact=self.compact)

    def _add(self, parent: TreeNode[Row], idx: MapIndex, row: Row) -> TreeNode[Row]:
        return parent.add(self._label(idx, row), data=row, allow_expand=view.has_children(idx, row))

    def _load(self, node: TreeNode[Row]) -> None:
        if node.id in self._loaded or node.data is None or self._depth(node) >= LEVELS:
            return
        self._loaded.add(node.id)
        idx = self.get_index()
        for child in view.children(idx, node.data):
            self._add(node, idx, child)

    def rebuild(self) -> None:
        """Start over: the whole map, the thesis expanded one level."""
        self._show([])

    def _show(self, base: list[Row]) -> None:
        """Show the view whose top row is `base`'s last (the whole map for []), that
        row expanded one level, the cursor on it."""
        self.base = base
        self.clear()
        self._loaded = {self.root.id}
        idx = self.get_index()
        for row in self._top_rows(idx):
            self._add(self.root, idx, row)
        first = self.root.children[0]
        self._load(first)
        first.expand()
        self.move_to(first)

    def _top_rows(self, idx: MapIndex) -> list[Row]:
        """The view's top rows; a view whose path no longer exists (an edit cut it)
        falls back to the whole map."""
        if self.base and not view.is_path(idx, self.base):
            self.base = []
        return [self.base[-1]] if self.base else view.root_rows(idx)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Row]) -> None:
        node = event.node
        if node.allow_expand and node.data is not None and self._depth(node) >= LEVELS and self._attached(node):
            path = self.row_path(node)  # the last level: open it as the top of a new view
            self._show(path)
            self.notify(f"Showing from level {len(path) - 1} down: ← on the top row goes back up.", timeout=3)
            return
        self._load(node)

    def _back_up(self) -> None:
        """From a view's top row to the view above, the cursor on the same row."""
        old = self.base
        self._show(old[:-LEVELS] if len(old) > LEVELS + 1 else [])
        self.select_path(old)

    # ------------------------------------------------------------ after an edit

    def sync(self, touched: set[str] | None = None) -> None:
        """Bring the materialised rows up to date with the map (labels, children,
        expandability), keeping expansion and the cursor where possible. `touched`:
        the claim and argument ids a change touched (None: check every row)."""
        idx = self.get_index()
        cursor = self.cursor_node
        cursor_path = self.row_path(cursor) if cursor else None
        dirty = None
        if touched is not None:
            dirty = set(touched)
            for i in touched:
                a = idx.arguments.get(i)
                if a is not None:
                    dirty.add(a.target)
                    dirty.update(a.premises)
        self._sync_children(self.root, idx, self._top_rows(idx), dirty, parent_dirty=dirty is None)
        if cursor is not None and self._attached(cursor):
            self.move_to(cursor)
        elif cursor_path:
            self.select_path(cursor_path, fallback=True)

    def move_to(self, node: TreeNode[Row]) -> None:
        """Move the cursor to a node, even right after the tree changed (line numbers
        are recomputed first)."""
        self._tree_lines  # noqa: B018 - rebuilds the line cache, giving node its line
        self.move_cursor(node)

    def _attached(self, node: TreeNode[Row]) -> bool:
        while node.parent is not None:
            if node not in node.parent.children:
                return False
            node = node.parent
        return node is self.root

    def _sync_children(self, node: TreeNode[Row], idx: MapIndex, wanted: list[Row] | None, dirty: set[str] | None, parent_dirty: bool = True) -> None:
        """Make node's children the `wanted` rows (None: unchanged, skip the check),
        relabel those that may have changed, recurse into loaded rows.

        `dirty`: ids a change touched (None: everything). A row is relabelled when it
        shows a dirty id or its parent does (a parent's change can change a child's
        role); a row's children are recomputed when the row shows a dirty id."""
        if wanted is not None:
            self._set_children(node, idx, wanted)
        for child in node.children:
            row = child.data
            mine = dirty is None or _row_ids(row) & dirty or row[0] == "unconnected"
            if mine or parent_dirty:
                new_label = self._label(idx, row)
                if child.label != new_label:
                    child.set_label(new_label)
                expandable = view.has_children(idx, row)
                if child.allow_expand != expandable:
                    child.allow_expand = expandable
            if child.id in self._loaded:
                if child.allow_expand:
                    self._sync_children(child, idx, view.children(idx, row) if mine else None, dirty, bool(mine))
                elif child.children:
                    child.remove_children()

    def _set_children(self, node: TreeNode[Row], idx: MapIndex, wanted: list[Row]) -> None:
        current = [c.data for c in node.children]
        if current == wanted:
            return
        wanted_set = set(wanted)
        by_row = {c.data: c for c in node.children}
        if [r for r in current if r in wanted_set] == [r for r in wanted if r in by_row]:
            # kept rows stay in order: remove the gone ones, insert the new ones
            for c in list(node.children):
                if c.data not in wanted_set:
                    c.remove()
            for i, row in enumerate(wanted):
                if row not in by_row:
                    before = i if i < len(node.children) else None
                    node.add(self._label(idx, row), data=row, allow_expand=view.has_children(idx, row), before=before)
        else:  # reordered: rebuild this level, re-expanding what was open
            expanded = {c.data for c in node.children if c.is_expanded}
            node.remove_children()
            for row in wanted:
                new = self._add(node, idx, row)
                if row in expanded:
                    self._load(new)
                    new.expand()

    def get_label_width(self, node: TreeNode[Row]) -> int:
        # Tree measures every line's label on each change (for horizontal scrolling,
        # which this tree does not do): the label's own width is enough and ~50x cheaper.
        return node._label.cell_len + 2

    # ------------------------------------------------------------ finding rows

    def row_path(self, node: TreeNode[Row]) -> list[Row]:
        """The full row path to a node, from a top row of the whole map."""
        path = []
        while node is not None and node is not self.root:
            path.append(node.data)
            node = node.parent
        return self.base[:-1] + path[::-1]

    def _local(self, path: list[Row]) -> list[Row] | None:
        """The part of a full row path below this view's top (None: not in this view)."""
        start = len(self.base) - 1 if self.base else 0
        if path[:len(self.base)] != self.base or len(path) - 1 - start > LEVELS:
            return None
        return path[start:]

    def _view_of(self, path: list[Row]) -> list[Row]:
        """Show a view holding a full row path; return the path's part in it."""
        local = self._local(path)
        if local is None:
            deep = (len(path) - 1) // LEVELS * LEVELS
            self._show(path[:deep + 1] if deep else [])
            local = self._local(path)
        return local or []

    def select_path(self, path: list[Row], *, fallback: bool = False) -> TreeNode[Row] | None:
        """Expand along a full row path and put the cursor on its last row (or, with
        `fallback`, on the deepest row of it that still exists); a path deeper than
        this view shows the view that holds its end."""
        local = self._view_of(path) if path else []  # (may show another view: a new root)
        node = self.root
        for row in local:
            self._load(node)
            if node is not self.root:
                node.expand()
            nxt = next((c for c in node.children if c.data == row), None)
            if nxt is None:
                if not fallback:
                    return None
                break
            node = nxt
        if node is self.root:
            return None
        self.move_to(node)
        self.call_after_refresh(self._scroll_cursor)
        return node

    def _scroll_cursor(self) -> None:
        if self.cursor_node is not None:
            self.scroll_to_node(self.cursor_node, animate=False)

    def select_claim(self, claim_id: str, prefer_argument: str | None = None, near: TreeNode[Row] | None = None) -> bool:
        """Put the cursor on a row showing the claim: a child of `near` if there is
        one, else the nearest way down from the thesis."""
        if near is not None:
            self._load(near)
            for c in near.children:
                if c.data and c.data[0] == "claim" and c.data[1] == claim_id:
                    near.expand()
                    self.move_to(c)
                    self.call_after_refresh(self._scroll_cursor)
                    return True
        path = view.path_to(self.get_index(), claim_id, prefer_argument)
        return path is not None and self.select_path(path) is not None

    # ------------------------------------------------------------ expanding

    def expand_all(self, node: TreeNode[Row] | None = None, limit: int = 20_000) -> int:
        """Expand every row below `node` (the whole tree by default), never into a
        claim already open above (a cycle of arguments). Stops after `limit` rows;
        returns how many rows it opened."""
        opened = 0
        stack = [(n, frozenset()) for n in ([node] if node is not None else list(self.root.children))]
        while stack and opened < limit:
            current, above = stack.pop()
            row = current.data
            if not current.allow_expand or (row and row[0] == "claim" and row[1] in above) or self._depth(current) >= LEVELS:
                continue
            self._load(current)
            if not current.is_expanded:
                current.expand()
            opened += 1
            here = above | {row[1]} if row and row[0] == "claim" else above
            stack.extend((child, here) for child in current.children)
        return opened

    def collapse_all(self) -> None:
        """Everything closed but the thesis: the thesis and its reasons and objections."""
        cursor = self.cursor_node
        for top in self.root.children:
            top.collapse_all()
        thesis = self.root.children[0]
        thesis.expand()
        while cursor is not None and cursor.parent not in (None, self.root, thesis):
            cursor = cursor.parent
        if cursor is not None:
            self.move_to(cursor)
            self.call_after_refresh(self._scroll_cursor)

    def open_paths(self) -> list[list[Row]]:
        """The row paths of the deepest open rows that can be seen (what to reopen)."""
        out = []
        stack = [child for child in self.root.children if child.is_expanded]
        while stack:
            node = stack.pop()
            open_children = [c for c in node.children if c.is_expanded and c.allow_expand]
            if open_children:
                stack.extend(open_children)
            else:
                out.append(self.row_path(node))
        return out

    def reopen(self, paths: list[list[Row]], cursor: list[Row] | None) -> None:
        """Open rows along saved full paths (those that still exist and are in the
        cursor's view), cursor where it was."""
        if cursor:
            self._view_of(cursor)  # (may show another view: a new root)
        for path in paths:
            node = self.root
            for row in self._local(path) or []:
                self._load(node)
                nxt = next((c for c in node.children if c.data == row), None)
                if nxt is None:
                    break
                node = nxt
                if node.allow_expand and self._depth(node) < LEVELS:
                    self._load(node)
                    node.expand()
        if cursor:
            self.select_path(cursor, fallback=True)

    # ------------------------------------------------------------ keys

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_to(node.parent)
        elif self.base:
            self._back_up()

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self._load(node)
            node.expand()
        elif node.children:
            self.move_to(node.children[0])
