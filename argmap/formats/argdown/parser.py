"""Argdown parser: the grammar of Argdown 1.7.5 (argdown-core/src/parser.ts) as a
hand-written recursive-descent parser over the tokens of `lexer.py`.

Produces a tree of `Node(name, children)` (children are Nodes or lexer Tokens) with
the reference's rule names, so that the model builder can follow the reference's
tree walk. Syntax errors carry the line and column of the offending token; after an
error the parser skips to the next empty line and goes on, so one run reports the
errors of every paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.formats.argdown import lexer as L
from argmap.formats.argdown.lexer import Token


class Node:
    """A rule node; the model builder hangs its results (statement, argument...) on it."""

    __slots__ = ("name", "children", "statement", "argument", "relation", "inference", "data", "text", "level")

    def __init__(self, name: str, children: list) -> None:
        self.name = name
        self.children = children
        self.statement = self.argument = self.relation = self.inference = self.data = None
        self.text = ""
        self.level = 0

    def first_token(self) -> Token | None:
        for c in self.children:
            t = c if isinstance(c, Token) else c.first_token()
            if t is not None:
                return t
        return None


@dataclass
class SyntaxProblem:
    line: int
    col: int
    message: str


class ParseError(Exception):
    def __init__(self, token: Token, message: str) -> None:
        super().__init__(message)
        self.token, self.message = token, message


FREESTYLE_FIRST = frozenset({L.FREESTYLE, L.UNUSED_CONTROL_CHAR, L.ESCAPED_CHAR, L.SPECIAL_CHAR})
CONTENT_FIRST = FREESTYLE_FIRST | {
    L.LINK, L.UNDERSCORE_BOLD_START, L.ASTERISK_BOLD_START, L.UNDERSCORE_ITALIC_START,
    L.ASTERISK_ITALIC_START, L.TAG, L.ARGUMENT_MENTION, L.STATEMENT_MENTION, L.NEWLINE,
}  # fmt: skip
STATEMENT_FIRST = CONTENT_FIRST | {L.STATEMENT_REFERENCE, L.STATEMENT_DEFINITION}
ARGUMENT_FIRST = frozenset({L.ARGUMENT_DEFINITION, L.ARGUMENT_REFERENCE})
RELATION_RULES = {
    L.INCOMING_SUPPORT: "incomingSupport",
    L.INCOMING_ATTACK: "incomingAttack",
    L.OUTGOING_SUPPORT: "outgoingSupport",
    L.OUTGOING_ATTACK: "outgoingAttack",
    L.CONTRADICTION: "contradiction",
    L.INCOMING_UNDERCUT: "incomingUndercut",
    L.OUTGOING_UNDERCUT: "outgoingUndercut",
}
LABELS = {
    L.STATEMENT_NUMBER: "a statement number like (1)",
    L.INFERENCE_END: "the end of the inference (--)",
    L.INFERENCE_START: "an inference line (----)",
    L.NEWLINE: "a line break",
    L.EMPTYLINE: "an empty line",
    L.DEDENT: "less indentation",
    L.INDENT: "more indentation",
    L.ASTERISK_BOLD_END: "** (end of bold text)",
    L.UNDERSCORE_BOLD_END: "__ (end of bold text)",
    L.ASTERISK_ITALIC_END: "* (end of italic text)",
    L.UNDERSCORE_ITALIC_END: "_ (end of italic text)",
    L.EOF: "the end of the file",
}


def describe(t: Token) -> str:
    if t.type in (L.INDENT, L.DEDENT, L.EOF):
        return LABELS[t.type]
    image = t.image.strip() or t.image
    return repr(image if len(image) <= 40 else image[:37] + "...")


@dataclass
class Parser:
    tokens: list[Token]
    pos: int = 0
    errors: list[SyntaxProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        last = self.tokens[-1] if self.tokens else None
        # like the reference, errors at the end of input point at the last token's end
        if last is None:
            eof = Token(L.EOF, "", 0, 1, 1)
        else:
            line, col = last.end or (last.line, last.col + max(len(last.image) - 1, 0))
            eof = Token(L.EOF, "", last.offset + len(last.image), line, col)
        self.tokens = self.tokens + [eof]

    # -- primitives
    def la(self, k: int = 1) -> str:
        if k == 1:
            return self.tokens[self.pos].type  # the EOF sentinel is never consumed
        i = self.pos + k - 1
        return self.tokens[i].type if i < len(self.tokens) else L.EOF

    def tok(self) -> Token:
        return self.tokens[self.pos]

    def consume(self, kind: str, message: str | None = None) -> Token:
        t = self.tokens[self.pos]
        if t.type != kind:
            raise ParseError(t, message or f"expected {LABELS.get(kind, kind)}, found {describe(t)}")
        self.pos += 1
        return t

    # -- rules
    def argdown(self) -> Node:
        children: list = []
        if self.la() == L.NEWLINE:
            self.pos += 1
        if self.la() == L.EMPTYLINE:
            self.pos += 1
        if self.la() == L.FRONT_MATTER:
            children.append(self.consume(L.FRONT_MATTER))
            if self.la() == L.NEWLINE:
                self.pos += 1
            if self.la() != L.EMPTYLINE:
                t = self.tok()
                self.errors.append(SyntaxProblem(t.line, t.col, f"expected an empty line after the front matter, found {describe(t)}"))
                return Node("argdown", children)
            children.append(self.consume(L.EMPTYLINE))
        if self.la() == L.EOF:
            t = self.tok()
            self.errors.append(SyntaxProblem(t.line, t.col, "no statements or arguments in the document"))
            return Node("argdown", children)
        while True:
            try:
                children.append(self.top_level())
            except ParseError as e:
                self.errors.append(SyntaxProblem(e.token.line, e.token.col, e.message))
                while self.la() not in (L.EMPTYLINE, L.EOF):
                    self.pos += 1
            if self.la() != L.EMPTYLINE:
                break
            self.pos += 1
            if self.la() == L.EOF:
                break
        if self.la() != L.EOF:
            t = self.tok()
            self.errors.append(SyntaxProblem(t.line, t.col, self.not_all_parsed(t)))
        return Node("argdown", children)

    @staticmethod
    def not_all_parsed(t: Token) -> str:
        if t.type == L.INDENT or t.type in RELATION_RULES:
            return "invalid relation: only statements and arguments can have relations, and a relation needs a preceding one with equal or less indentation"
        if t.type == L.INFERENCE_START:
            return "an inference (----) may only stand between numbered statements of a premise-conclusion structure"
        if t.type == L.STATEMENT_NUMBER:
            return "a premise-conclusion structure must be preceded by an empty line"
        if t.type in (L.ARGUMENT_REFERENCE, L.ARGUMENT_DEFINITION, L.STATEMENT_REFERENCE, L.STATEMENT_DEFINITION):
            return f"{describe(t)} may only occur at the beginning of a line or after a relation symbol"
        return f"unexpected {describe(t)}"

    def top_level(self) -> Node:
        k = self.la()
        if k == L.HEADING_START:
            return self.heading()
        if k in STATEMENT_FIRST:
            return self.statement()
        if k == L.STATEMENT_NUMBER:
            return self.pcs()
        if k in ARGUMENT_FIRST:
            return self.argument()
        if k == L.INDENT and self.la(2) == L.ORDERED_LIST_ITEM:
            return self.list_("orderedList", "orderedListItem", L.ORDERED_LIST_ITEM)
        if k == L.INDENT and self.la(2) == L.UNORDERED_LIST_ITEM:
            return self.list_("unorderedList", "unorderedListItem", L.UNORDERED_LIST_ITEM)
        t = self.tok()
        if k == L.INDENT or k in RELATION_RULES:
            raise ParseError(t, "invalid paragraph start: a relation needs a statement or argument above it (remove the empty line)")
        raise ParseError(t, f"invalid paragraph start: {describe(t)}")

    def heading(self) -> Node:
        children: list = [self.consume(L.HEADING_START)]
        children.append(self.statement_content())
        if self.la() == L.DATA or (self.la() == L.NEWLINE and self.la(2) == L.DATA):
            if self.la() == L.NEWLINE:
                children.append(self.consume(L.NEWLINE))
            children.append(self.consume(L.DATA))
            if self.la() == L.NEWLINE:
                children.append(self.consume(L.NEWLINE))
        return Node("heading", children)

    def pcs(self) -> Node:
        children: list = [self.pcs_statement()]
        children.append(self.pcs_tail())
        while self.la() in (L.STATEMENT_NUMBER, L.INFERENCE_START):
            children.append(self.pcs_tail())
        return Node("pcs", children)

    def pcs_tail(self) -> Node:
        children: list = []
        while self.la() == L.STATEMENT_NUMBER:
            children.append(self.pcs_statement())
        if self.la() != L.INFERENCE_START:
            t = self.tok()
            raise ParseError(t, f"missing inference: put a line of hyphens (----) between the premises and the conclusion (found {describe(t)})")
        children.append(self.inference())
        if self.la() != L.STATEMENT_NUMBER:
            t = self.tok()
            raise ParseError(t, f"expected {LABELS[L.STATEMENT_NUMBER]} (the conclusion) after the inference, found {describe(t)}")
        children.append(self.pcs_statement())
        return Node("pcsTail", children)

    def pcs_statement(self) -> Node:
        number = self.consume(L.STATEMENT_NUMBER)
        if self.la() in ARGUMENT_FIRST:
            raise ParseError(self.tok(), "an argument (<Argument Title>) cannot be a premise or conclusion; use a statement ([Title] or text)")
        return Node("pcsStatement", [number, self.statement()])

    def inference(self) -> Node:
        children: list = [self.consume(L.INFERENCE_START)]
        if self.la() in FREESTYLE_FIRST or (self.la() == L.NEWLINE and self.la(2) in FREESTYLE_FIRST):
            if self.la() == L.NEWLINE:
                children.append(self.consume(L.NEWLINE))
            children.append(self.inference_rules())
        if self.la() == L.NEWLINE:
            children.append(self.consume(L.NEWLINE))
        if self.la() == L.DATA:
            children.append(self.consume(L.DATA))
            if self.la() == L.NEWLINE:
                children.append(self.consume(L.NEWLINE))
        children.append(self.consume(L.INFERENCE_END, f"invalid inference: end it with two hyphens (--), found {describe(self.tok())}"))
        children.append(self.consume(L.NEWLINE))
        if self.la() == L.INDENT:
            rel: list = [self.consume(L.INDENT)]
            if self.la() != L.OUTGOING_UNDERCUT:
                raise ParseError(self.tok(), f"only undercuts (<_) can stand below an inference, found {describe(self.tok())}")
            while self.la() == L.OUTGOING_UNDERCUT:
                rel.append(self.relation(L.OUTGOING_UNDERCUT))
            self.consume(L.DEDENT, f"expected the end of the undercut list, found {describe(self.tok())}")
            children.append(Node("relations", rel))
        return Node("inference", children)

    def inference_rules(self) -> Node:
        children = [self.freestyle_text()]
        while self.la() == L.LIST_DELIMITER:
            self.pos += 1
            children.append(self.freestyle_text())
        return Node("inferenceRules", children)

    def list_(self, name: str, item_name: str, item_token: str) -> Node:
        children: list = [self.consume(L.INDENT)]
        while True:
            marker = self.consume(item_token)
            item = self.statement() if self.la() not in ARGUMENT_FIRST else self.argument()
            children.append(Node(item_name, [marker, item]))
            if self.la() != item_token:
                break
        self.consume(L.DEDENT, f"expected the end of the list, found {describe(self.tok())}")
        return Node(name, children)

    def argument(self) -> Node:
        children: list = []
        if self.la() == L.ARGUMENT_DEFINITION:
            children.append(self.consume(L.ARGUMENT_DEFINITION))
            if self.la() not in CONTENT_FIRST:
                raise ParseError(self.tok(), "missing text: an argument definition (<Title>:) must be followed by its description")
            children.append(self.statement_content())
        else:
            children.append(self.consume(L.ARGUMENT_REFERENCE, f"expected a statement or an argument, found {describe(self.tok())}"))
            while self.la() == L.TAG:
                children.append(self.consume(L.TAG))
            if self.la() == L.NEWLINE:
                children.append(self.consume(L.NEWLINE))
        self._data_and_relations(children)
        return Node("argument", children)

    def statement(self) -> Node:
        children: list = []
        k = self.la()
        if k in CONTENT_FIRST:
            children.append(self.statement_content())
        elif k == L.STATEMENT_REFERENCE:
            children.append(self.consume(L.STATEMENT_REFERENCE))
            while self.la() == L.TAG:
                children.append(self.consume(L.TAG))
            if self.la() == L.NEWLINE:
                children.append(self.consume(L.NEWLINE))
        elif k == L.STATEMENT_DEFINITION:
            definition = self.consume(L.STATEMENT_DEFINITION)
            if self.la() not in CONTENT_FIRST:
                raise ParseError(self.tok(), "missing text: a statement definition ([Title]:) must be followed by its text")
            children.append(Node("statementDefinition", [definition, self.statement_content()]))
        else:
            t = self.tok()
            if k in ARGUMENT_FIRST:
                raise ParseError(t, "an argument (<Argument Title>) cannot stand here; only a statement ([Title] or text) can")
            raise ParseError(t, f"missing relation content: expected a statement or an argument, found {describe(t)}")
        self._data_and_relations(children)
        return Node("statement", children)

    def _data_and_relations(self, children: list) -> None:
        if self.la() == L.DATA:
            children.append(self.consume(L.DATA))
            if self.la() == L.NEWLINE:
                children.append(self.consume(L.NEWLINE))
        if self.la() == L.INDENT:
            children.append(self.relations())

    def relations(self) -> Node:
        children: list = [self.consume(L.INDENT)]
        if self.la() not in RELATION_RULES:
            raise ParseError(self.tok(), f"invalid indentation: expected a relation (+ - <+ <- +> -> >< _ <_ _>), found {describe(self.tok())}")
        while self.la() in RELATION_RULES:
            children.append(self.relation(self.la()))
        if self.la() != L.DEDENT:
            t = self.tok()
            raise ParseError(t, f"invalid relation text content: {describe(t)} may not follow other content in a relation (mention with @[...] or @<...>, or start a new paragraph)")
        self.pos += 1
        return Node("relations", children)

    def relation(self, kind: str) -> Node:
        symbol = self.consume(kind)
        if kind == L.CONTRADICTION:
            if self.la() in ARGUMENT_FIRST:
                raise ParseError(self.tok(), "an argument (<Argument Title>) cannot be contradictory (><); only statements can")
            target = self.statement()
        elif self.la() in ARGUMENT_FIRST:
            target = self.argument()
        else:
            target = self.statement()
        return Node(RELATION_RULES[kind], [symbol, target])

    def statement_content(self) -> Node:
        children: list = []
        tokens = self.tokens
        while True:
            k = tokens[self.pos].type
            if k in FREESTYLE_FIRST:
                children.append(self.freestyle_text())
            elif k in (L.UNDERSCORE_BOLD_START, L.ASTERISK_BOLD_START):
                children.append(self.range_("bold", L.UNDERSCORE_BOLD_END if k == L.UNDERSCORE_BOLD_START else L.ASTERISK_BOLD_END))
            elif k in (L.UNDERSCORE_ITALIC_START, L.ASTERISK_ITALIC_START):
                children.append(self.range_("italic", L.UNDERSCORE_ITALIC_END if k == L.UNDERSCORE_ITALIC_START else L.ASTERISK_ITALIC_END))
            elif k in CONTENT_FIRST:
                children.append(self.tokens[self.pos])
                self.pos += 1
            else:
                break
        if not children:
            raise ParseError(self.tok(), f"missing text, found {describe(self.tok())}")
        return Node("statementContent", children)

    def range_(self, name: str, end: str) -> Node:
        children: list = [self.tokens[self.pos]]
        self.pos += 1
        if self.la() in CONTENT_FIRST:
            children.append(self.statement_content())
        what = "bold" if name == "bold" else "italic"
        children.append(self.consume(end, f"incomplete {what} text: close it with {LABELS[end].split(' ')[0]} (or escape the character with a backslash)"))
        return Node(name, children)

    def freestyle_text(self) -> Node:
        children = []
        tokens, pos = self.tokens, self.pos
        while tokens[pos].type in FREESTYLE_FIRST:
            children.append(tokens[pos])
            pos += 1
        self.pos = pos
        if not children:
            raise ParseError(self.tok(), f"expected text, found {describe(self.tok())}")
        return Node("freestyleText", children)


def parse_tokens(tokens: list[Token]) -> tuple[Node, list[SyntaxProblem]]:
    p = Parser(tokens)
    tree = p.argdown()
    return tree, p.errors
