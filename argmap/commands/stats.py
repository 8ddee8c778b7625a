from __future__ import annotations

from pathlib import Path

import click

from argmap.analysis.metrics import map_metrics
from argmap.commands._common import echo_json, max_bytes_option
from argmap.store import load_map

LABELS = {
    "claims": "claims",
    "arguments": "arguments",
    "support": "  support",
    "attack": "  attack (on claims)",
    "undercut": "  undercut (on inferences)",
    "linked_arguments": "  linked (2+ premises)",
    "convergent_claims": "claims with 2+ separate reasons",
    "depth": "depth from thesis",
    "reasons": "reasons",
    "objections": "objections",
    "objections_answered": "  answered",
    "objections_unanswered": "  unanswered",
    "rebuttals": "rebuttals",
    "rebuttals_answered": "  answered",
    "rebuttals_unanswered": "  unanswered",
    "sources": "sources",
    "claims_with_evidence": "claims with evidence",
    "claims_attributed": "claims attributed to the text",
    "quotes": "quotes",
    "premises": "premises",
    "premises_with_evidence": "premises with evidence",
    "premises_without_evidence": "premises without evidence",
    "unreachable_claims": "claims not connected to thesis",
}


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of a table.")
@max_bytes_option
def command(map_file: Path, as_json: bool, max_bytes: int) -> None:
    """Count the claims, arguments, relations and evidence of a map."""
    m = load_map(map_file, max_bytes).document
    stats = map_metrics(m)
    if as_json:
        echo_json(stats)
        return
    click.echo(f"{map_file}: {m.title or m.claim(m.thesis).text[:60]}")
    width = max(len(v) for v in LABELS.values())
    for key, label in LABELS.items():
        click.echo(f"  {label:<{width}}  {stats[key]:>6}")
