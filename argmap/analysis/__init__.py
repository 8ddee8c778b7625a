"""Analyses of maps: structure, metrics, lint, evaluation, alignment, diff, report."""
