"""Run a scenario: the deterministic resolution (rounds, with reasons) and the Monte Carlo.

Why one entry point: the CLI, the Python API (``session.scenario(spec).run(...)``) and the web
ask the same question; it is answered here once and returned as a
:class:`~foedus.scenario.answer.ScenarioAnswer` whose ``to_json()`` is the contract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from foedus.graph import CommitmentGraph
from foedus.model.limits import check_draws, check_seed
from foedus.rules.conflicts import firm_expr
from foedus.scenario.adapters import FittedCredibility
from foedus.scenario.answer import ScenarioAnswer, summarise
from foedus.scenario.cascade import (
    Outcome,
    Structure,
    brings_in,
    build_structure,
    row_mask,
    simulate,
)
from foedus.scenario.entry import EntryJoining
from foedus.scenario.overlay import apply_edits
from foedus.scenario.priors import BaseRates, Credibility, Joining, NoJoining
from foedus.scenario.spec import Scenario, load_scenario, parse_scenario
from foedus.session import Session

__all__ = ["PreparedScenario", "prepare", "default_models"]

Spec = Scenario | Mapping[str, Any] | Path | str


def default_models(weights: Mapping[str, float] | None = None, inputs: Any = None, *,
                   credibility: str = "fitted",
                   joining: str = "fitted") -> tuple[Credibility, Joining]:
    """The credibility and joining models the engine uses unless given others: the fitted
    models (:mod:`foedus.scenario.adapters`, over the session's dataset ``inputs``), or —
    when asked (``"base_rates"``, ``"none"``) or when they cannot be loaded — the documented
    base rates and no joining (:mod:`foedus.scenario.priors`)."""
    w = dict(weights or {})
    cred: Credibility = BaseRates(w)
    join: Joining = NoJoining()
    if credibility == "fitted":
        cred = FittedCredibility(inputs, w)
    if joining == "fitted":
        join = EntryJoining(inputs)
    return cred, join


def prepare(session: Session, spec: Spec, *, credibility: Credibility | None = None,
            joining: Joining | None = None) -> PreparedScenario:
    """A scenario read, checked and laid on its day's graph, ready to run."""
    if isinstance(spec, Scenario):
        scenario = spec
    elif isinstance(spec, Path | str):
        scenario = load_scenario(spec, session.states)
    else:
        scenario = parse_scenario(dict(spec), session.states)
    return PreparedScenario(session, scenario, credibility, joining)


class PreparedScenario:
    """A scenario on its edited graph; :meth:`run` answers it."""

    def __init__(self, session: Session, scenario: Scenario,
                 credibility: Credibility | None = None, joining: Joining | None = None) -> None:
        self.session = session
        self.scenario = scenario
        cred, join = default_models(scenario.weights, session.optional_inputs,
                                    credibility=scenario.credibility,
                                    joining=scenario.joining)
        self.credibility: Credibility = credibility or cred
        self.joining: Joining = joining or join
        # the entry model is the forecast of p_enter when the fitted models are used; a
        # scenario that sets its own credibility (a model, base rates, weights) asks for the
        # promise cascade, with the entry model as p(join) for states not asked by a promise
        if (credibility is not None or scenario.credibility != "fitted" or scenario.weights) \
                and getattr(self.joining, "complete", False):
            self.joining.complete = False  # type: ignore[attr-defined]
        base = session.graph(scenario.date, source=scenario.source)  # type: ignore[arg-type]
        self.graph: CommitmentGraph = apply_edits(base, scenario, session.registry)
        self.structure: Structure
        self.pjoin: np.ndarray[Any, Any]
        self.structure, self.pjoin = build_structure(self.graph, scenario.attacks,
                                                     self.joining)
        self.d_p, self.o_p, self.factors = self._scores()
        # rule 8: only promises to fight bring a state in — binding defense and guarantee,
        # and (when a model scores them) political or presumed defense pledges; consultation,
        # neutrality, aid and assurances of other kinds never do, whatever their score
        st = self.structure
        self.d_enter_p = np.where(row_mask(self.graph, st.d_row, brings_in()), self.d_p, 0.0)
        # joining is for states without a triggered promise: a state asked to fight in
        # round 1 decides by its promise (its resolve), not again as a volunteer
        asked = np.r_[st.d_obl[st.d_fire0 & (self.d_enter_p > 0)],
                      st.o_obl[st.o_fire0 & (self.o_p > 0)]].astype(np.int64)
        # a complete forecast (the entry model) already weighs each state's promises: every
        # entry is drawn from it, and promises are not drawn a second time in the Monte Carlo
        self.complete = bool(getattr(self.joining, "complete", False))
        if not self.complete:
            self.pjoin[asked] = 0.0
        self.deterministic: Outcome = simulate(
            self.structure, self._entering(self.structure.d_row, self.d_p, "d"),
            self._entering(self.structure.o_row, self.o_p, "o"), self.pjoin, draws=1,
            rng=None, max_rounds=scenario.max_rounds, trace=True)

    # -- model scores -------------------------------------------------------------------
    def _triggered_frame(self) -> pl.DataFrame:
        st = self.structure
        rows = np.concatenate([st.d_row, st.o_row])
        frame = self.graph.edges[rows.tolist()] if len(rows) else self.graph.edges.head(0)
        first = self.scenario.attacks[0].attacker
        by_target = {a.target: a.attacker for a in self.scenario.attacks}
        aggressors = [int(s) for s in st.states[st.attackers]]
        attacker = []
        for i, r in enumerate(frame.select("beneficiary", "adversaries").rows()):
            ben, adv = r
            if i < len(st.d_row):
                named = [a for a in (adv or []) if a in aggressors]
                attacker.append(by_target.get(ben) or (named[0] if named else first))
            else:
                attacker.append(ben)
        rounds = [1 if f else 2 for f in np.concatenate([st.d_fire0, st.o_fire0])]
        return frame.with_columns(pl.Series("attacker", attacker, dtype=pl.Int32),
                                  pl.lit(self.scenario.date).alias("day"),
                                  pl.Series("round", rounds, dtype=pl.Int32))

    def _scores(self) -> tuple[Any, Any, dict[str, Any]]:
        st = self.structure
        frame = self._triggered_frame()
        p, factors = self.credibility.p_honour(frame)
        p = np.clip(np.asarray(p, dtype=float), 0.0, 1.0)
        nd = len(st.d_row)
        return p[:nd], p[nd:], {k: np.asarray(v) for k, v in factors.items()}

    def _entering(self, rows: Any, p: Any, which: str) -> Any:
        """Deterministic duties: bound defense/guarantee and binding offense promises."""
        expr = brings_in(deterministic=True) if which == "d" else firm_expr()
        return row_mask(self.graph, rows, expr).astype(float)

    # -- answering ----------------------------------------------------------------------
    def run(self, draws: int | None = None, seed: int | None = None) -> ScenarioAnswer:
        """Resolve the scenario and, with ``draws > 0``, simulate that many wars (seeded:
        the same seed gives the same answer)."""
        if draws is None:
            draws = self.scenario.draws if self.scenario.draws is not None else 10_000
        draws = int(draws)
        seed = check_seed(self.scenario.seed if seed is None else seed)
        st = self.structure
        # per draw: side, round, duty and conflict flags and two uniforms per state (22 bytes,
        # doubled for each round's temporaries), and one fired flag per promise that can fire
        check_draws(draws, 44 * st.n_states + len(st.d_row) + len(st.o_row))
        mc = None
        if draws > 0:
            rng = np.random.default_rng(seed)
            d_p, o_p = self.d_enter_p, self.o_p
            if self.complete:
                d_p, o_p = np.zeros_like(d_p), np.zeros_like(o_p)
            mc = simulate(self.structure, d_p, o_p, self.pjoin, draws=draws,
                          rng=rng, max_rounds=self.scenario.max_rounds)
        return summarise(self, mc, draws, seed)

    def resolve(self) -> ScenarioAnswer:
        """The deterministic resolution only (every duty honoured, nobody else joins)."""
        return self.run(draws=0)


def run_scenario(session: Session, spec: Spec, *, draws: int | None = None,
                 seed: int | None = None) -> ScenarioAnswer:
    """Read, prepare and run a scenario in one call."""
    return prepare(session, spec).run(draws=draws, seed=seed)


def today() -> dt.date:  # pragma: no cover - convenience for notebooks
    return dt.date.today()
