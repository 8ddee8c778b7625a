"""Evaluation: which claims of a map stand, by Dung's abstract argumentation.

    from argmap.analysis.evaluation import evaluate_map, SEMANTICS
    ev = evaluate_map(m, "grounded")
    ev.labels["c1"]   # "accepted" | "rejected" | "undecided"
    ev.thesis_label

See translate.py for how a map becomes a framework, framework.py for the solvers,
af_formats.py for TGF / APX / ICCMA'23 files.
"""

from importlib import import_module

# Loaded on first use (PEP 562): reading a Dung framework (af_formats, framework, tasks)
# must not import the map model and pydantic, which would triple `argmap evaluate
# FILE.af`'s start-up.
_FROM = {
    **dict.fromkeys(("FRAMEWORK_SEMANTICS", "SEMANTICS", "Framework", "TooManyExtensions", "extensions",
                     "grounded_labelling", "named_extensions", "sceptical_labelling"), "framework"),
    **dict.fromkeys(("ACCEPTED", "REJECTED", "UNDECIDED", "MapEvaluation", "Translation", "author_only",
                     "basic_claims", "evaluate_map", "translate"), "translate"),
}


def __getattr__(name: str):
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


__all__ = sorted(_FROM)
