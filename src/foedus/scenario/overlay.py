"""A scenario's edits as overlays on the day's commitment graph (the store is never written).

Why: "what if the US left NATO?" is the day's architecture with one change. Each edit maps to
one overlay of :class:`~foedus.graph.CommitmentGraph`, which returns a new graph; an edit that
names an instrument or member the day's graph does not have is an error naming the scenario
file's line and field, never a silent no-op.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import polars as pl

from foedus.errors import DataError, Problem

if TYPE_CHECKING:
    from foedus.graph import CommitmentGraph
    from foedus.registry.loader import Registry
    from foedus.scenario.spec import Edit, Scenario

__all__ = ["apply_edits"]


def apply_edits(graph: CommitmentGraph, scenario: Scenario,
                registry: Registry) -> CommitmentGraph:
    """The graph with every edit of ``scenario`` applied in order."""
    problems: list[Problem] = []
    states = registry.states

    def bad(edit: Edit, message: str) -> None:
        problems.append(Problem(scenario.file, edit.line, edit.field, message))

    for edit in scenario.edits:
        present = graph.edges.filter(pl.col("instrument_id") == edit.instrument)
        if edit.op == "add":
            assert edit.added is not None
            graph = graph.with_instrument(edit.added)
            continue
        if edit.op == "join":
            inst = registry.instruments.get(edit.instrument)
            if inst is None:
                bad(edit, f"no registry instrument {edit.instrument!r} to join (ATOP "
                    "alliances cannot be joined; add an instrument instead)")
                continue
            graph = graph.with_member(inst, int(edit.state))  # type: ignore[arg-type]
            continue
        if present.is_empty():
            bad(edit, f"{edit.instrument!r} has no commitment in force on {graph.day}: "
                "nothing to " + edit.op)
            continue
        if edit.op == "remove":
            graph = graph.without_instrument(edit.instrument)
        elif edit.op == "leave":
            code = int(edit.state)  # type: ignore[arg-type]
            touches = (pl.col("obligor") == code) | (pl.col("beneficiary") == code)
            if present.filter(touches).is_empty():
                bad(edit, f"{states.by_code(code)} has no commitment under "
                    f"{edit.instrument} on {graph.day}")
                continue
            graph = graph.without_member(edit.instrument, code)
        elif edit.op == "suspend":
            drop = pl.col("instrument_id") == edit.instrument
            if edit.obligor is not None:
                drop &= pl.col("obligor") == edit.obligor
            if edit.beneficiary is not None:
                drop &= pl.col("beneficiary") == edit.beneficiary
            if graph.edges.filter(drop).is_empty():
                bad(edit, f"nothing under {edit.instrument} matches the suspension")
                continue
            label = edit.describe(states)
            graph = dataclasses.replace(
                graph, edges=graph.edges.filter(~drop),
                label=label if graph.label in ("store", "registry")
                else f"{graph.label}; {label}")
    if problems:
        raise DataError(problems)
    return graph
