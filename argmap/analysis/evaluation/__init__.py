"""Evaluation: which claims of a map stand, by Dung's abstract argumentation.

    from argmap.analysis.evaluation import evaluate_map, SEMANTICS
    ev = evaluate_map(m, "grounded")
    ev.labels["c1"]   # "accepted" | "rejected" | "undecided"
    ev.thesis_label

See translate.py for how a map becomes a framework, framework.py for the solvers,
af_formats.py for TGF / APX / ICCMA'23 files.
"""

import importlib
import sys
import types

# Imported on first use: reading and solving a framework file imports this package
# but needs nothing from the map translation (translate.py, with its dataclasses).
_FROM = {"framework": ("FRAMEWORK_SEMANTICS", "SEMANTICS", "Framework", "TooManyExtensions", "extensions",
                       "grounded_labelling", "named_extensions", "sceptical_labelling"),
         "translate": ("ACCEPTED", "REJECTED", "UNDECIDED", "MapEvaluation", "Translation", "author_only",
                       "basic_claims", "evaluate_map", "translate")}
_MODULE_OF = {name: module for module, names in _FROM.items() for name in names}

__all__ = [
    "ACCEPTED",
    "FRAMEWORK_SEMANTICS",
    "REJECTED",
    "SEMANTICS",
    "UNDECIDED",
    "Framework",
    "MapEvaluation",
    "TooManyExtensions",
    "Translation",
    "author_only",
    "basic_claims",
    "evaluate_map",
    "extensions",
    "grounded_labelling",
    "named_extensions",
    "sceptical_labelling",
    "translate",
]


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


class _Package(types.ModuleType):
    """Importing the submodule translate binds the package's name `translate` to it;
    the name belongs to the function (as when this package imported it eagerly)."""

    def __setattr__(self, name: str, value) -> None:
        if name == "translate" and isinstance(value, types.ModuleType):
            value = value.translate
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
