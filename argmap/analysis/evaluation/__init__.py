"""Evaluation: which claims of a map stand, by Dung's abstract argumentation.

    from argmap.analysis.evaluation import evaluate_map, SEMANTICS
    ev = evaluate_map(m, "grounded")
    ev.labels["c1"]   # "accepted" | "rejected" | "undecided"
    ev.thesis_label

See translate.py for how a map becomes a framework, framework.py for the solvers,
af_formats.py for TGF / APX / ICCMA'23 files.
"""

from argmap.analysis.evaluation.framework import (
    FRAMEWORK_SEMANTICS,
    SEMANTICS,
    Framework,
    TooManyExtensions,
    extensions,
    grounded_labelling,
    named_extensions,
    sceptical_labelling,
)
from argmap.analysis.evaluation.translate import (
    ACCEPTED,
    REJECTED,
    UNDECIDED,
    MapEvaluation,
    Translation,
    author_only,
    basic_claims,
    evaluate_map,
    translate,
)

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
