"""Argdown (https://argdown.org) support: lexer + parser -> Argdown document model
-> argmap map (`convert.to_map`), and the map -> Argdown writer (`argdown_export`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.formats.argdown.lexer import LexError, tokenize
from argmap.formats.common import deep_recursion
from argmap.formats.argdown.model import ArgdownDocument, ModelBuilder, ModelError
from argmap.formats.argdown.parser import SyntaxProblem, parse_tokens


@dataclass
class ArgdownSyntaxError(Exception):
    """One or more problems, each with a 1-based line and column."""

    problems: list[SyntaxProblem]

    def __str__(self) -> str:
        return "; ".join(f"{p.line}:{p.col}: {p.message}" for p in self.problems)


def parse(text: str, remove_tags_from_text: bool | None = None) -> ArgdownDocument:
    """Argdown source -> document model, or ArgdownSyntaxError with every problem found
    (columns count UTF-16 code units, as Argdown and VS Code do)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return _parse(text, remove_tags_from_text)
    except ArgdownSyntaxError as e:
        lines = re.split(r"\r\n|\n|\r", text)
        for p in e.problems:
            prefix = lines[p.line - 1][: p.col - 1] if 0 < p.line <= len(lines) else ""
            p.col += sum(1 for ch in prefix if ord(ch) > 0xFFFF)
        raise


def _parse(text: str, remove_tags_from_text: bool | None) -> ArgdownDocument:
    try:
        tokens = tokenize(text)
    except LexError as e:
        raise ArgdownSyntaxError([SyntaxProblem(e.line, e.col, e.message)]) from None
    try:
        with deep_recursion():  # nested relation trees recurse
            tree, errors = parse_tokens(tokens)
            if errors:
                raise ArgdownSyntaxError(errors)
            return ModelBuilder(remove_tags_from_text).build(tree)
    except ModelError as e:
        raise ArgdownSyntaxError([SyntaxProblem(e.line, e.col, e.message)]) from None
    except RecursionError:
        raise ArgdownSyntaxError([SyntaxProblem(1, 1, "relations nested too deeply to read")]) from None


__all__ = ["ArgdownDocument", "ArgdownSyntaxError", "parse"]
