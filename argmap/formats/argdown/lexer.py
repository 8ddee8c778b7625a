"""Argdown lexer: the token rules of Argdown 1.7.5 (argdown-core/src/lexer.ts).

Chevrotain, which the reference uses, tries the token rules in a fixed order at each
position and takes the first that matches (not the longest). Several rules only
match at the start of a line and emit INDENT/DEDENT tokens from an indentation
stack as a side effect. This module reproduces those rules in that order, with a
first-character dispatch table so that only rules that can start with the current
character are tried.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# JavaScript's "." does not match these line terminators; Python's only skips "\n".
_DOT = r"[^\n\r\u2028\u2029]"
# JavaScript's white space (`\s`, String.prototype.trim): Python's `\s` and strip() also
# take U+001C-U+001F and U+0085, and not U+FEFF. And JavaScript's `\d` is 0-9 only.
JS_SPACE = "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_S = "[" + re.escape(JS_SPACE) + "]"
_NOT_S = "[^" + re.escape(JS_SPACE) + "]"


@dataclass(slots=True)
class Token:
    type: str
    image: str
    offset: int  # start offset in the text
    line: int = 0
    col: int = 0
    end: tuple[int, int] | None = None  # set on the last token only: where its last character is


class LexError(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


# Token type names (as in argdown-core TokenNames)
FRONT_MATTER = "FrontMatter"
DATA = "Data"
ESCAPED_CHAR = "EscapedChar"
SPECIAL_CHAR = "SpecialChar"
EMPTYLINE = "Emptyline"
NEWLINE = "Newline"
INDENT = "Indent"
DEDENT = "Dedent"
INFERENCE_START = "InferenceStart"
INFERENCE_END = "InferenceEnd"
LIST_DELIMITER = "ListDelimiter"
INCOMING_SUPPORT = "IncomingSupport"
INCOMING_ATTACK = "IncomingAttack"
OUTGOING_SUPPORT = "OutgoingSupport"
OUTGOING_ATTACK = "OutgoingAttack"
CONTRADICTION = "Contradiction"
INCOMING_UNDERCUT = "IncomingUndercut"
OUTGOING_UNDERCUT = "OutgoingUndercut"
HEADING_START = "HeadingStart"
STATEMENT_NUMBER = "StatementNumber"
ORDERED_LIST_ITEM = "OrderedListItem"
UNORDERED_LIST_ITEM = "UnorderedListItem"
ASTERISK_BOLD_END = "AsteriskBoldEnd"
UNDERSCORE_BOLD_END = "UnderscoreBoldEnd"
ASTERISK_ITALIC_END = "AsteriskItalicEnd"
UNDERSCORE_ITALIC_END = "UnderscoreItalicEnd"
ASTERISK_BOLD_START = "AsteriskBoldStart"
UNDERSCORE_BOLD_START = "UnderscoreBoldStart"
ASTERISK_ITALIC_START = "AsteriskItalicStart"
UNDERSCORE_ITALIC_START = "UnderscoreItalicStart"
LINK = "Link"
TAG = "Tag"
STATEMENT_DEFINITION = "StatementDefinition"
STATEMENT_REFERENCE = "StatementReference"
STATEMENT_MENTION = "StatementMention"
ARGUMENT_DEFINITION = "ArgumentDefinition"
ARGUMENT_REFERENCE = "ArgumentReference"
ARGUMENT_MENTION = "ArgumentMention"
COMMENT = "Comment"
SPACES = "Spaces"
FREESTYLE = "Freestyle"
UNUSED_CONTROL_CHAR = "UnusedControlChar"
EOF = "EOF"

RELATION_TOKENS = frozenset(
    {INCOMING_SUPPORT, INCOMING_ATTACK, OUTGOING_SUPPORT, OUTGOING_ATTACK, CONTRADICTION, INCOMING_UNDERCUT, OUTGOING_UNDERCUT}
)

_TAG_CHARS = "a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
TAG_RE = re.compile(r"#(?:\(([^)]+)\)|([" + _TAG_CHARS + r"]+))")

# what may follow the marker that closes bold or italic text
_EMPHASIS_END = r"(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|$))"

_RE = {
    FRONT_MATTER: re.compile(r"===+[\s\S]*?===+"),
    DATA: re.compile(r"\{(?:(?!\}" + JS_S + r"[^,}])(?:" + _DOT + r"|\n))*\}(?!" + JS_S + r"*(?:,|\}))"),
    ESCAPED_CHAR: re.compile(r"\\" + _DOT + r"(?: )*"),
    SPECIAL_CHAR: re.compile(r"(?:\." + _NOT_S + r"+?\.[ \t]?)|(?::" + _NOT_S + r"+?:[ \t]?)"),
    EMPTYLINE: re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}"),
    NEWLINE: re.compile(r"[ \t]*(?:\r\n|\n|\r)"),
    INFERENCE_START: re.compile(r"[' \t]*-{2}"),
    INCOMING_SUPPORT: re.compile(r"([' \t]*)(\+>)"),
    INCOMING_ATTACK: re.compile(r"([' \t]*)(->)"),
    OUTGOING_SUPPORT: re.compile(r"([' \t]*)(<?\+)"),
    OUTGOING_ATTACK: re.compile(r"([' \t]*)(<?-)"),
    CONTRADICTION: re.compile(r"([' \t]*)(><)"),
    INCOMING_UNDERCUT: re.compile(r"([' \t]*)(_>)"),
    OUTGOING_UNDERCUT: re.compile(r"([' \t]*)(<_|(?:_(?=" + JS_S + r")))"),
    HEADING_START: re.compile(r"(#+)(?: )"),
    STATEMENT_NUMBER: re.compile(r"[' \t]*\([0-9]+\)"),
    ORDERED_LIST_ITEM: re.compile(r"([' \t]*)[0-9]+\.(?=" + JS_S + r")"),
    UNORDERED_LIST_ITEM: re.compile(r"([' \t]*)\*(?=" + JS_S + r")"),
    ASTERISK_BOLD_START: re.compile(r"\*\*(?!" + JS_S + r")"),
    UNDERSCORE_BOLD_START: re.compile(r"__(?!" + JS_S + r")"),
    ASTERISK_ITALIC_START: re.compile(r"\*(?!" + JS_S + r")"),
    UNDERSCORE_ITALIC_START: re.compile(r"_(?!" + JS_S + r")"),
    ASTERISK_BOLD_END: re.compile(r"\*\*" + _EMPHASIS_END),
    UNDERSCORE_BOLD_END: re.compile(r"__" + _EMPHASIS_END),
    ASTERISK_ITALIC_END: re.compile(r"\*" + _EMPHASIS_END),
    UNDERSCORE_ITALIC_END: re.compile(r"_" + _EMPHASIS_END),
    LINK: re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?"),
    TAG: re.compile(r"#(?:\([^)]+\)|[" + _TAG_CHARS + r"]+)[ \t]?"),
    STATEMENT_DEFINITION: re.compile(r"\[" + _DOT + r"+?\]:"),
    STATEMENT_REFERENCE: re.compile(r"\[[^-]" + _DOT + r"*?\]"),
    STATEMENT_MENTION: re.compile(r"@\[" + _DOT + r"+?\][ \t]?"),
    ARGUMENT_DEFINITION: re.compile(r"<" + _DOT + r"+?>:"),
    ARGUMENT_REFERENCE: re.compile(r"<[^-]" + _DOT + r"*?>"),
    ARGUMENT_MENTION: re.compile(r"@<" + _DOT + r"+?>[ \t]?"),
    SPACES: re.compile(r"[ \t]+"),
    FREESTYLE: re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+"),
    UNUSED_CONTROL_CHAR: re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?"),
    INFERENCE_END: re.compile(r"-{2,}"),
    LIST_DELIMITER: re.compile(r","),
}
# The three comment forms; what follows them depends on the previous token.
_COMMENT = r"(?:<!--(?:.|\n|\r)*?-->)|(?:/\*(?:.|\n|\r)*?\*/)|(?://" + _DOT + r"*?(?=\r\n|\n|\r))"
_COMMENT_PLAIN = re.compile(_COMMENT, re.S)
_COMMENT_AFTER_EMPTYLINE = re.compile(r"(?:" + _COMMENT + r")(?:[ \t]*\r\n|\n|\r)*", re.S)
_COMMENT_AFTER_NEWLINE = re.compile(r"(?:" + _COMMENT + r")(?:[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r)))?", re.S)

_INDENT_PREFIX = " \t'"
_RANGE_KIND = {
    ASTERISK_BOLD_START: "AsteriskBold",
    UNDERSCORE_BOLD_START: "UnderscoreBold",
    ASTERISK_ITALIC_START: "AsteriskItalic",
    UNDERSCORE_ITALIC_START: "UnderscoreItalic",
    ASTERISK_BOLD_END: "AsteriskBold",
    UNDERSCORE_BOLD_END: "UnderscoreBold",
    ASTERISK_ITALIC_END: "AsteriskItalic",
    UNDERSCORE_ITALIC_END: "UnderscoreItalic",
}

DEFAULT_MODE = [
    COMMENT, FRONT_MATTER, DATA, ESCAPED_CHAR, SPECIAL_CHAR, EMPTYLINE, NEWLINE, INFERENCE_START,
    INCOMING_SUPPORT, INCOMING_ATTACK, OUTGOING_SUPPORT, OUTGOING_ATTACK, CONTRADICTION,
    INCOMING_UNDERCUT, OUTGOING_UNDERCUT, HEADING_START, STATEMENT_NUMBER, ORDERED_LIST_ITEM,
    UNORDERED_LIST_ITEM, ASTERISK_BOLD_END, UNDERSCORE_BOLD_END, ASTERISK_ITALIC_END,
    UNDERSCORE_ITALIC_END, ASTERISK_BOLD_START, UNDERSCORE_BOLD_START, ASTERISK_ITALIC_START,
    UNDERSCORE_ITALIC_START, LINK, TAG, STATEMENT_DEFINITION, STATEMENT_REFERENCE, STATEMENT_MENTION,
    ARGUMENT_DEFINITION, ARGUMENT_REFERENCE, ARGUMENT_MENTION, SPACES, FREESTYLE, UNUSED_CONTROL_CHAR,
]  # fmt: skip
INFERENCE_MODE = [
    COMMENT, NEWLINE, ESCAPED_CHAR, SPECIAL_CHAR, INFERENCE_END, DATA, LIST_DELIMITER, SPACES,
    FREESTYLE, UNUSED_CONTROL_CHAR,
]  # fmt: skip

_FREESTYLE_EXCLUDED = set("\\@#*_[],.:;</>-\r\n(){}")
_UNUSED = set("@#*_[],.:;</>-(){}")
_DIGITS = set("0123456789")


def _can_start(kind: str, c: str) -> bool:
    """Could a token of this kind start with character c? (over-approximation is fine)"""
    ws = c in _INDENT_PREFIX
    if kind == COMMENT:
        return c in "</"
    if kind == FRONT_MATTER:
        return c == "="
    if kind == DATA:
        return c == "{"
    if kind == ESCAPED_CHAR:
        return c == "\\"
    if kind == SPECIAL_CHAR:
        return c in ".:"
    if kind in (EMPTYLINE, NEWLINE):
        return c in " \t\r\n"
    if kind == INFERENCE_START:
        return ws or c == "-"
    if kind == INCOMING_SUPPORT:
        return ws or c == "+"
    if kind == INCOMING_ATTACK:
        return ws or c == "-"
    if kind == OUTGOING_SUPPORT:
        return ws or c in "<+"
    if kind == OUTGOING_ATTACK:
        return ws or c in "<-"
    if kind == CONTRADICTION:
        return ws or c == ">"
    if kind in (INCOMING_UNDERCUT, OUTGOING_UNDERCUT):
        return ws or c in "<_"
    if kind == HEADING_START:
        return c == "#"
    if kind == STATEMENT_NUMBER:
        return ws or c == "("
    if kind == ORDERED_LIST_ITEM:
        return ws or c in _DIGITS
    if kind == UNORDERED_LIST_ITEM:
        return ws or c == "*"
    if kind in (ASTERISK_BOLD_END, ASTERISK_ITALIC_END, ASTERISK_BOLD_START, ASTERISK_ITALIC_START):
        return c == "*"
    if kind in (UNDERSCORE_BOLD_END, UNDERSCORE_ITALIC_END, UNDERSCORE_BOLD_START, UNDERSCORE_ITALIC_START):
        return c == "_"
    if kind in (LINK, STATEMENT_DEFINITION, STATEMENT_REFERENCE):
        return c == "["
    if kind == TAG:
        return c == "#"
    if kind in (STATEMENT_MENTION, ARGUMENT_MENTION):
        return c == "@"
    if kind in (ARGUMENT_DEFINITION, ARGUMENT_REFERENCE):
        return c == "<"
    if kind == SPACES:
        return c in " \t"
    if kind == FREESTYLE:
        return c not in _FREESTYLE_EXCLUDED
    if kind == UNUSED_CONTROL_CHAR:
        return c in _UNUSED
    if kind == INFERENCE_END:
        return c == "-"
    if kind == LIST_DELIMITER:
        return c == ","
    raise AssertionError(kind)


# kinds matched by their regular expression alone (no state, no side effects)
_PLAIN = {
    k: _RE[k].match
    for k in (FRONT_MATTER, DATA, ESCAPED_CHAR, SPECIAL_CHAR, NEWLINE, LINK, TAG, STATEMENT_DEFINITION, STATEMENT_REFERENCE,
              STATEMENT_MENTION, ARGUMENT_DEFINITION, ARGUMENT_REFERENCE, ARGUMENT_MENTION, SPACES, FREESTYLE,
              UNUSED_CONTROL_CHAR, INFERENCE_END, LIST_DELIMITER)
}  # fmt: skip
_LINE_START_ONLY = frozenset(
    {INFERENCE_START, STATEMENT_NUMBER, ORDERED_LIST_ITEM, UNORDERED_LIST_ITEM, HEADING_START} | RELATION_TOKENS
)
_DISPATCH: dict[tuple[int, str, bool], list[str]] = {}


_RANGE_STARTS = frozenset({ASTERISK_BOLD_START, UNDERSCORE_BOLD_START, ASTERISK_ITALIC_START, UNDERSCORE_ITALIC_START})
_RANGE_ENDS = frozenset({ASTERISK_BOLD_END, UNDERSCORE_BOLD_END, ASTERISK_ITALIC_END, UNDERSCORE_ITALIC_END})


def _master(open_range: str | None):
    """One regex for the default mode away from a line start (the previous token is
    neither a line break nor an empty line): the comment form is the plain one, the
    line-start rules cannot match, and of the four range ends only the one closing
    the innermost open range can. Alternation keeps the reference's order."""
    parts = [f"(?P<{COMMENT}>(?s:{_COMMENT}))"]
    for kind in DEFAULT_MODE[1:]:
        if kind in _LINE_START_ONLY:
            continue
        if kind in _RANGE_ENDS and _RANGE_KIND[kind] != open_range:
            continue
        parts.append(f"(?P<{kind}>{_RE[kind].pattern})")
    return re.compile("|".join(parts)).match


def _candidates(mode: int, c: str, line_start: bool) -> list[str]:
    """Token kinds worth trying at a position, in the reference's order."""
    key = (mode, c, line_start)
    found = _DISPATCH.get(key)
    if found is None:
        order = INFERENCE_MODE if mode else DEFAULT_MODE
        found = _DISPATCH[key] = [k for k in order if _can_start(k, c) and (line_start or k not in _LINE_START_ONLY)]
    return found


class Lexer:
    """One tokenize() run; state mirrors the module-level stacks of the reference."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = []
        self.indent_stack = [0]
        self.ranges_stack: list[str] = []
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    # -- helpers mirroring lexer.ts
    def _last(self) -> str | None:
        return self.tokens[-1].type if self.tokens else None

    def _at_line_start(self, allow_emptyline: bool = True) -> bool:
        last = self._last()
        return last is None or last == NEWLINE or (allow_emptyline and last == EMPTYLINE)

    def _emit_remaining_dedents(self, offset: int) -> None:
        if len(self.indent_stack) <= 1:
            return
        # placed like the reference: at the end of the last token (the next line's
        # start column being that end column when the last token is a line break)
        last = self.tokens[-1] if self.tokens else None
        if last is None:
            line, col = 1, 0
        else:
            line, col = self.position(last.offset + max(len(last.image), 1) - 1)
            if last.type in (NEWLINE, EMPTYLINE):
                line += 1
        while len(self.indent_stack) > 1:
            self.tokens.append(Token(DEDENT, "", offset, line, col))
            self.indent_stack.pop()

    def _current_line(self) -> int:
        """The line after the last token's end when that is a line break (comments,
        being skipped, do not count: the reference's getCurrentLine)."""
        if not self.tokens:
            return 1
        last = self.tokens[-1]
        line = self.position(last.offset + max(len(last.image), 1) - 1)[0]
        return line + 1 if last.type in (NEWLINE, EMPTYLINE) else line

    def _emit_indent_or_dedent(self, indent: str, offset: int) -> None:
        level = len(indent)
        last = self.indent_stack[-1]
        if level > last:
            self.indent_stack.append(level)
            self.tokens.append(Token(INDENT, "", offset, self._current_line(), 1))
        elif level < last:
            line = self._current_line()
            while len(self.indent_stack) > 1 and level < last:
                self.indent_stack.pop()
                last = self.indent_stack[-1]
                self.tokens.append(Token(DEDENT, "", offset, line, 1))

    def _match(self, kind: str, pos: int) -> int:
        """End offset of a token of `kind` at pos, or -1. May emit INDENT/DEDENT."""
        text = self.text
        if kind == COMMENT:
            last = self._last()
            rx = _COMMENT_AFTER_EMPTYLINE if last == EMPTYLINE else _COMMENT_AFTER_NEWLINE if last == NEWLINE else _COMMENT_PLAIN
            m = rx.match(text, pos)
            return m.end() if m else -1
        if kind in (INCOMING_SUPPORT, INCOMING_ATTACK, OUTGOING_SUPPORT, OUTGOING_ATTACK, CONTRADICTION, INCOMING_UNDERCUT, OUTGOING_UNDERCUT):
            if not self._at_line_start():
                return -1
            m = _RE[kind].match(text, pos)
            if m is None:
                return -1
            self._emit_indent_or_dedent(m.group(1), pos)
            return m.end()
        if kind == INFERENCE_START:
            if not self._at_line_start(allow_emptyline=False):
                return -1
            m = _RE[kind].match(text, pos)
            if m is None:
                return -1
            self._emit_remaining_dedents(pos)
            return m.end()
        if kind in (ORDERED_LIST_ITEM, UNORDERED_LIST_ITEM):
            if not self._at_line_start():
                return -1
            m = _RE[kind].match(text, pos)
            if m is None:
                return -1
            self._emit_indent_or_dedent(m.group(1) + " ", pos)
            return m.end()
        if kind == STATEMENT_NUMBER:
            if not self._at_line_start():
                return -1
            m = _RE[kind].match(text, pos)
            if m is None:
                return -1
            self._emit_remaining_dedents(pos)
            return m.end()
        if kind == EMPTYLINE:
            if self._last() == EMPTYLINE:
                return -1
            m = _RE[kind].match(text, pos)
            if m is None:
                return -1
            if m.end() < len(text):
                self._emit_remaining_dedents(pos)
            return m.end()
        if kind == HEADING_START:
            last = self._last()
            if last is not None and last not in (EMPTYLINE, NEWLINE):
                return -1
            m = _RE[kind].match(text, pos)
            return m.end() if m else -1
        if kind in (ASTERISK_BOLD_START, UNDERSCORE_BOLD_START, ASTERISK_ITALIC_START, UNDERSCORE_ITALIC_START):
            m = _RE[kind].match(text, pos)
            if m is None:
                return -1
            self.ranges_stack.append(_RANGE_KIND[kind])
            return m.end()
        if kind in (ASTERISK_BOLD_END, UNDERSCORE_BOLD_END, ASTERISK_ITALIC_END, UNDERSCORE_ITALIC_END):
            if not self.ranges_stack or self.ranges_stack[-1] != _RANGE_KIND[kind] or not self.tokens:
                return -1
            m = _RE[kind].match(text, pos)
            if m is None:
                return -1
            self.ranges_stack.pop()
            return m.end()
        m = _RE[kind].match(text, pos)
        return m.end() if m else -1

    def tokenize(self) -> list[Token]:
        text = self.text
        n = len(text)
        pos = 0
        mode = 0  # 0 default, 1 inference
        tokens = self.tokens
        ranges = self.ranges_stack
        while pos < n:
            last = tokens[-1].type if tokens else None
            line_start = last is None or last == NEWLINE or last == EMPTYLINE
            if not mode and not line_start:
                # fast path: one alternation in the reference's order does the first-match
                m = _MASTER[ranges[-1] if ranges else None](text, pos)
                if m is not None:
                    kind, end = m.lastgroup, m.end()
                    if kind == EMPTYLINE:
                        if end < n:
                            self._emit_remaining_dedents(pos)
                    elif kind in _RANGE_STARTS:
                        ranges.append(_RANGE_KIND[kind])
                    elif kind in _RANGE_ENDS:
                        ranges.pop()
                    if kind != COMMENT and kind != SPACES:
                        tokens.append(Token(kind, text[pos:end], pos))
                    pos = end
                    continue
            for kind in _candidates(mode, text[pos], line_start):
                rx = _PLAIN.get(kind)
                if rx is not None:
                    m = rx(text, pos)
                    if m is not None:
                        end = m.end()
                        break
                    continue
                end = self._match(kind, pos)
                if end > pos:
                    break
            else:
                line, col = self.position(pos)
                raise LexError(line, col, f"unexpected character {text[pos]!r}")
            if kind != COMMENT and kind != SPACES:
                tokens.append(Token(kind, text[pos:end], pos))
            if kind == INFERENCE_START:
                mode = 1
            elif kind == INFERENCE_END:
                mode = 0
            pos = end
        if tokens and tokens[-1].type == EMPTYLINE:
            tokens.pop()
        self._emit_remaining_dedents(n)
        for t in tokens:
            if not t.line:
                t.line, t.col = self.position(t.offset)
        if tokens:
            last = tokens[-1]
            last.end = self.position(last.offset + len(last.image) - 1) if last.image else (last.line, last.col)
        return tokens


class _Masters(dict):
    """The five fast-path regexes, compiled on first use (compiling one costs ~10 ms)."""

    def __missing__(self, open_range: str | None):
        self[open_range] = found = _master(open_range)
        return found


_MASTER = _Masters()


def tokenize(text: str) -> list[Token]:
    return Lexer(text).tokenize()
