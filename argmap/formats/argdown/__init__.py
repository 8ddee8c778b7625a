"""Argdown (https://argdown.org) support: lexer + parser -> Argdown document model
-> argmap map (`convert.to_map`), and the map -> Argdown writer (`argdown_export`)."""

from __future__ import annotations

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
    """Argdown source -> document model, or ArgdownSyntaxError with every problem found."""
    if text.startswith("\ufeff"):
        text = text[1:]
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
