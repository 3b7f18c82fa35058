"""The scenario's answer: rounds with reasons, entry probabilities, triggered promises, balance.

Why: the engine produces arrays; users read states, commitments and reasons. This module turns
one deterministic resolution and (optionally) one Monte Carlo run into the typed
:class:`ScenarioAnswer` whose ``to_json()`` is the stable contract (``docs/scenarios.md``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from foedus.query.answers import entry_from_record
from foedus.rules.casus import engaged_all
from foedus.scenario.capability import capability, gradient_miles
from foedus.scenario.cascade import ATT, DEF, OUT, Outcome

if TYPE_CHECKING:
    from foedus.scenario.engine import PreparedScenario

__all__ = ["ScenarioAnswer", "summarise"]

SIDES = {ATT: "attacker", DEF: "defender"}
OUTCOMES = {"bound": "duty to defend", "consult": "consultation", "neutral": "neutrality",
            "assurances": "expected support (no legal duty)", "aid": "military aid",
            "presumed": "presumed in force (not counted as a duty)"}


@dataclasses.dataclass(frozen=True)
class ScenarioAnswer:
    """A scenario answered. ``payload`` is the JSON contract; the attributes repeat its parts
    for Python users."""

    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return self.payload

    @property
    def states(self) -> list[dict[str, Any]]:
        return list(self.payload["states"])

    @property
    def rounds(self) -> list[list[dict[str, Any]]]:
        return list(self.payload["rounds"])

    def state(self, abb: str) -> dict[str, Any] | None:
        """The ``states`` row of a state (by COW abbreviation), or None if it never enters."""
        for s in self.payload["states"]:
            if s["state"]["abb"] == abb:
                return dict(s)
        return None

    def entrants(self, rnd: int | None = None) -> list[str]:
        """Abbreviations of the states the deterministic resolution brings in (in round
        ``rnd``, or in any round after 0)."""
        rounds = self.payload["rounds"]
        pick = rounds[1:] if rnd is None else (rounds[rnd:rnd + 1] if rnd < len(rounds)
                                               else [])
        return sorted({s["state"]["abb"] for r in pick for s in r})


def _stats(x: np.ndarray[Any, Any]) -> dict[str, float] | None:
    if x.size == 0 or np.isnan(x).all():
        return None
    q = np.nanpercentile(x, [5, 50, 95])
    return {"mean": round(float(np.nanmean(x)), 5), "p05": round(float(q[0]), 5),
            "p50": round(float(q[1]), 5), "p95": round(float(q[2]), 5)}


def summarise(prep: PreparedScenario, mc: Outcome | None, draws: int,
              seed: int | None) -> ScenarioAnswer:
    """The answer of one deterministic resolution and (optionally) one Monte Carlo run."""
    return _Summary(prep, mc).answer(draws, seed)


class _Summary:
    """Turns the arrays of a run into the contract's parts (one method per part)."""

    def __init__(self, prep: PreparedScenario, mc: Outcome | None) -> None:
        self.prep, self.mc = prep, mc
        self.st, self.det = prep.structure, prep.deterministic
        self.states = prep.session.states
        self.edges = prep.graph.edges
        self.codes = [int(c) for c in self.st.states]
        self._records = self.edges.to_dicts() if self.edges.height < 5000 else None
        self.det_round: dict[tuple[str, int], int] = {}
        self.reasons: dict[tuple[str, int], str] = {}
        self.blocked: set[tuple[str, int]] = set()
        nd, no = len(self.st.d_row), len(self.st.o_row)
        self.p_trig_d = mc.p_fired("d") if mc is not None else np.zeros(nd)
        self.p_trig_o = mc.p_fired("o") if mc is not None else np.zeros(no)
        self.side, self.rnd = (mc.side, mc.rnd) if mc is not None else (self.det.side,
                                                                         self.det.rnd)

    def fired_any(self) -> tuple[Any, Any]:
        """Which commitments fired in the resolution or in any draw."""
        d = self.p_trig_d > 0
        o = self.p_trig_o > 0
        for fd, _, fo, _ in self.det.trace:
            d |= fd[0]
            o |= fo[0]
        return d, o

    def sj(self, i: int) -> dict[str, Any]:
        return self.states.by_code(self.codes[i]).to_json()

    def abb(self, i: int) -> str:
        return self.states.by_code(self.codes[i]).abb

    def record(self, row: int) -> dict[str, Any]:
        if self._records is not None:
            return self._records[row]
        return self.edges.row(row, named=True)

    def answer(self, draws: int, seed: int | None) -> ScenarioAnswer:
        prep, sc, st = self.prep, self.prep.scenario, self.st
        rounds = self.rounds()
        triggered = self.triggered()
        cap = capability(prep.session.optional_inputs, st.states, sc.date,
                         [a.target for a in sc.attacks])
        size = (self.side != OUT).sum(axis=1).astype(float)
        datasets = list(prep.graph.datasets) + [d for d in cap.datasets
                                                 if d not in prep.graph.datasets]
        payload: dict[str, Any] = {
            "date": sc.date.isoformat(),
            "attacks": [{"attacker": self.states.by_code(a.attacker).to_json(),
                         "target": self.states.by_code(a.target).to_json()}
                        for a in sc.attacks],
            "draws": draws,
            "seed": seed,
            "rounds": rounds,
            "states": self.state_rows(),
            "triggered": triggered,
            "conflicts": _conflicts(prep, self.det, self.record, self.abb),
            "balance": self.balance(cap),
            "datasets": datasets,
            "not_triggered": _not_triggered(prep, self.det, self.record, self.abb),
            "war_size": {**(_stats(size) or {}), "max": int(size.max()) if size.size else 0},
            "exposure": _exposure(prep, self.side, self.rnd, self.fired_any(), self.abb,
                                  self.sj),
            "model": {"credibility": getattr(prep.credibility, "name",
                                             type(prep.credibility).__name__),
                      "joining": getattr(prep.joining, "name", type(prep.joining).__name__),
                      "edits": [e.describe(self.states) for e in sc.edits],
                      "graph": prep.graph.label, "unknown": list(prep.graph.unknown),
                      "rounds": self.det.rounds,
                      "notes": list(dict.fromkeys(
                          [*getattr(prep.credibility, "notes", []),
                           *getattr(prep.joining, "notes", [])])),
                      "unavailable": list(getattr(prep.credibility, "unavailable", []))},
        }
        return ScenarioAnswer(payload)

    # -- deterministic rounds ------------------------------------------------------------
    def _note_fired(self, k: int, which: str, fired: Any, eff: Any) -> None:
        reason = _reason_d if which == "d" else _reason_o
        for j in np.flatnonzero(fired):
            key = (which, int(j))
            self.det_round.setdefault(key, k)
            self.reasons.setdefault(key, reason(self.prep, int(j), k, self.abb))
            if not eff[j]:
                self.blocked.add(key)

    def rounds(self) -> list[list[dict[str, Any]]]:
        st = self.st
        side0, rnd0 = self.det.side[0], self.det.rnd[0]
        first = sorted(np.flatnonzero(rnd0 == 0),
                       key=lambda i: (int(side0[i]), self.abb(int(i))))
        rounds: list[list[dict[str, Any]]] = [[
            {"state": self.sj(int(i)), "side": SIDES[int(side0[i])], "because": []}
            for i in first]]
        for k, (fd, eff_d, fo, eff_o) in enumerate(self.det.trace, start=1):
            fd, eff_d, fo, eff_o = fd[0], eff_d[0], fo[0], eff_o[0]
            self._note_fired(k, "d", fd, eff_d)
            self._note_fired(k, "o", fo, eff_o)
            entered = np.flatnonzero(rnd0 == k)
            if not len(entered):
                continue
            layer = []
            for i in entered:
                because = []
                for which, eff, obl, rows in (("d", eff_d, st.d_obl, st.d_row),
                                              ("o", eff_o, st.o_obl, st.o_row)):
                    for j in np.flatnonzero(eff & (obl == i)):
                        if which == "d" and st.d_category[j] != "bound":
                            continue
                        e = entry_from_record(self.states, self.record(int(rows[j])))
                        because.append(e.with_extra(reason=self.reasons[(which, int(j))],
                                                    round=k).to_json())
                layer.append({"state": self.sj(int(i)), "side": SIDES[int(side0[i])],
                              "because": because})
            rounds.append(layer)
        return rounds

    # -- triggered commitments -----------------------------------------------------------
    def triggered(self) -> list[dict[str, Any]]:
        st, prep = self.st, self.prep
        nd = len(st.d_row)
        keys = sorted({*self.det_round}
                      | {("d", int(j)) for j in np.flatnonzero(self.p_trig_d)}
                      | {("o", int(j)) for j in np.flatnonzero(self.p_trig_o)},
                      key=lambda k: (self.det_round.get(k, 99), k[0], k[1]))
        out = []
        for which, j in keys:
            d = which == "d"
            rec = self.record(int(st.d_row[j] if d else st.o_row[j]))
            outcome = (OUTCOMES.get(st.d_category[j], st.d_category[j]) if d
                       else "duty to join the attacker")
            if (which, j) in self.blocked:
                outcome = "conflicted (not honoured: a promise to the other side)"
            reason = self.reasons.get((which, j)) or (
                _reason_d(prep, j, None, self.abb) if d else
                _reason_o(prep, j, None, self.abb))
            p_trig = (self.p_trig_d if d else self.p_trig_o)[j]
            score = j if d else nd + j
            extra = {"state": self.states.by_code(rec["obligor"]).to_json(),
                     "category": rec["category"] if d else "offense", "outcome": outcome,
                     "reason": reason, "round": self.det_round.get((which, j)),
                     "p_trigger": round(float(p_trig), 4) if self.mc is not None
                     else (1.0 if (which, j) in self.det_round else 0.0),
                     "p_honor": round(float(prep.d_p[j] if d else prep.o_p[j]), 4),
                     "factors": {k: round(float(v[score]), 4)
                                 for k, v in prep.factors.items()}}
            out.append(entry_from_record(self.states, rec).with_extra(**extra).to_json())
        return out

    # -- Monte Carlo summary -------------------------------------------------------------
    def state_rows(self) -> list[dict[str, Any]]:
        side, rnd = self.side, self.rnd
        p_att = (side == ATT).mean(axis=0)
        p_def = (side == DEF).mean(axis=0)
        p_enter = p_att + p_def
        rows: list[dict[str, Any]] = []
        for i in np.flatnonzero(p_enter > 0):
            entered = rnd[:, i][rnd[:, i] >= 0]
            first = Counter(entered.tolist()).most_common(1)[0][0]
            rows.append({"state": self.sj(int(i)),
                         "side": "attacker" if p_att[i] >= p_def[i] else "defender",
                         "p_enter": round(float(p_enter[i]), 4),
                         "p_attacker_side": round(float(p_att[i]), 4),
                         "p_defender_side": round(float(p_def[i]), 4),
                         "first_round": int(first),
                         "reasons": _state_reasons(self.prep, int(i), self.p_trig_d,
                                                   self.p_trig_o, self.mc, self.abb)})
        rows.sort(key=lambda r: (-r["p_enter"], r["first_round"], r["state"]["abb"]))
        return rows

    def balance(self, cap: Any) -> dict[str, Any]:
        side = self.side
        balance: dict[str, Any] = {}
        for code, name in ((ATT, "attacker"), (DEF, "defender")):
            mask = side == code
            part: dict[str, Any] = {"states": _stats(mask.sum(axis=1).astype(float)),
                                    "cinc": None, "projected": None}
            if cap.known:
                part["cinc"] = _stats(np.where(mask, np.nan_to_num(cap.cinc), 0.0)
                                      .sum(axis=1))
                if not np.isnan(cap.projected).all():
                    part["projected"] = _stats(np.where(mask, np.nan_to_num(cap.projected),
                                                        0.0).sum(axis=1))
                missing = sorted({self.abb(int(i)) for i in np.flatnonzero(
                    mask.any(axis=0) & np.isnan(cap.cinc))})
                if missing:
                    part["cinc_unknown"] = missing
            balance[name] = part
        if not cap.known:
            balance["capability"] = {"unknown": True, "note": cap.note}
            return balance
        a_proj = np.where(side == ATT, np.nan_to_num(cap.projected), 0).sum(axis=1)
        d_proj = np.where(side == DEF, np.nan_to_num(cap.projected), 0).sum(axis=1)
        balance["defender"]["p_stronger"] = round(float((d_proj > a_proj).mean()), 4)
        balance["attacker"]["p_stronger"] = round(float((a_proj > d_proj).mean()), 4)
        balance["capability"] = {"cinc_year": cap.year, "datasets": list(cap.datasets),
                                 "gradient_miles": _gm(self.prep.scenario.date),
                                 "note": cap.note or None}
        return balance


def _gm(day: dt.date) -> float:
    return gradient_miles(day)


def _aggressors_before(prep: PreparedScenario, k: int, abb: Any) -> str:
    det = prep.deterministic
    new = np.flatnonzero((det.side[0] == ATT) & (det.rnd[0] == k - 1))
    return ", ".join(abb(int(i)) for i in new) or "?"


def _reason_d(prep: PreparedScenario, j: int, k: int | None, abb: Any) -> str:
    st = prep.structure
    if st.d_fire0[j] and (k is None or k == 1):
        return prep.structure.reasons0.get(j, "fires on the original attack")
    who = abb(int(st.d_ben[j]))
    by = _aggressors_before(prep, k, abb) if k else "a state entering the attacking side"
    names = " (a named adversary)" if st.d_has_names[j] else ""
    return (f"{who}, on the defending side, is attacked by {by}{names}, which entered "
            "the attacking side after it: a victim (rule 3)")


def _reason_o(prep: PreparedScenario, j: int, k: int | None, abb: Any) -> str:
    st = prep.structure
    who = abb(int(st.o_ben[j]))
    names = "against a named adversary" if st.o_has_names[j] else "it names no adversary"
    when = "starts the war" if st.o_fire0[j] else "enters the war on the attacking side"
    return f"offense promise: {who} {when}; {names} (rule 7)"


def _state_reasons(prep: PreparedScenario, i: int, p_trig_d: Any, p_trig_o: Any,
                   mc: Outcome | None, abb: Any) -> list[str]:
    st = prep.structure
    out = []
    if st.attackers[i]:
        out.append("attacker in the scenario")
    if st.targets[i]:
        out.append("target of the scenario's attack")
    det_fired = np.zeros(len(st.d_row), dtype=bool)
    det_fired_o = np.zeros(len(st.o_row), dtype=bool)
    for fd, _, fo, _ in prep.deterministic.trace:
        det_fired |= fd[0]
        det_fired_o |= fo[0]
    trig_d = p_trig_d if mc is not None else det_fired.astype(float)
    trig_o = p_trig_o if mc is not None else det_fired_o.astype(float)
    seen = set()
    edges = prep.graph.edges
    for j in np.flatnonzero((st.d_obl == i) & (trig_d > 0) & (prep.d_enter_p > 0)):
        r = edges.row(int(st.d_row[j]), named=True)
        key = (r["instrument_id"], r["article"], int(st.d_ben[j]))
        if key in seen:
            continue
        seen.add(key)
        out.append(f"{r['kind']} owed to {abb(int(st.d_ben[j]))} ({r['instrument_id']}, "
                   f"{r['article']}): fires in {trig_d[j]:.0%} of draws, p(honour) "
                   f"{prep.d_p[j]:.2f}")
    for j in np.flatnonzero((st.o_obl == i) & (trig_o > 0)):
        r = edges.row(int(st.o_row[j]), named=True)
        out.append(f"offense owed to {abb(int(st.o_ben[j]))} ({r['instrument_id']}, "
                   f"{r['article']}): fires in {trig_o[j]:.0%} of draws, p(honour) "
                   f"{prep.o_p[j]:.2f}")
    pa, pd_ = prep.pjoin[i]
    why = getattr(prep.joining, "explain", None)
    told = why(int(st.states[i])) if why is not None else None
    if told:
        out.append(told)
    elif pa > 0 or pd_ > 0:
        out.append(f"may join without a promise: p(join) attacker {pa:.3f}, defender "
                   f"{pd_:.3f}")
    if mc is not None and mc.conflicted[:, i].any():
        out.append(f"duties to both sides in {mc.conflicted[:, i].mean():.0%} of draws: "
                   "stays out then")
    return out


def _conflicts(prep: PreparedScenario, det: Outcome, record: Any,
               abb: Any) -> list[dict[str, Any]]:
    """Conflicts of obligation of the deterministic resolution (the rules' own test)."""
    st = prep.structure
    states = prep.session.states
    side, rnd = det.side[0], det.rnd[0]
    pairs = {(a.target, a.attacker) for a in prep.scenario.attacks}
    for k in range(2, int(rnd.max()) + 2):
        if not ((side == ATT) & (rnd == k - 1)).any():
            continue  # no new aggressor: no new victim (rule 3)
        enemies = np.flatnonzero((side == ATT) & (rnd >= 0) & (rnd < k))
        before = np.flatnonzero((side == DEF) & (rnd < k - 1))
        pairs |= {(int(st.states[v]), int(st.states[a])) for v in before for a in enemies}
    if not pairs:
        return []

    fired = np.zeros(len(st.d_row), dtype=bool)
    for fd, _, _, _ in det.trace:
        fired |= fd[0]
    fired_rows = {int(r) for r in st.d_row[fired]}
    found = engaged_all(prep.graph, sorted(pairs)).filter(pl.col("category") == "conflicted")
    mine = found.filter((pl.col("side") == "target") & pl.col("row").is_in(sorted(fired_rows)))
    keys = ["target", "attacker", "obligor"]
    theirs = found.filter(pl.col("side") == "attacker").join(mine.select(keys).unique(),
                                                             on=keys, how="semi")
    found = pl.concat([mine, theirs]).unique(subset=["obligor", "side", "row"],
                                             keep="first", maintain_order=True)
    out = []
    for r in found.iter_rows(named=True):
        rec = record(int(r["row"]))
        reason = (f"bound toward {abb(st.index[r['target']])}, but owes the attacker "
                  f"{abb(st.index[r['attacker']])} a binding promise"
                  if r["side"] == "target" else
                  f"owed to the attacker {abb(st.index[r['attacker']])}; clashes with a "
                  f"duty toward {abb(st.index[r['target']])}")
        out.append(entry_from_record(states, rec).with_extra(
            state=states.by_code(rec["obligor"]).to_json(), side=r["side"],
            reason=reason).to_json())
    for _, _, fo, eff_o in det.trace:
        for j in np.flatnonzero(fo[0] & ~eff_o[0]):
            rec = record(int(st.o_row[j]))
            out.append(entry_from_record(states, rec).with_extra(
                state=states.by_code(rec["obligor"]).to_json(), side="attacker",
                reason="offense promise to the aggressor clashes with a binding promise to "
                       "a state on the defending side").to_json())
    return out


def _not_triggered(prep: PreparedScenario, det: Outcome, record: Any,
                   abb: Any) -> list[dict[str, Any]]:
    """Promises that did not fire, and why (the conditions that failed)."""
    st = prep.structure
    states = prep.session.states
    side = det.side[0]
    out: list[dict[str, Any]] = []
    fired = np.zeros(len(st.d_row), dtype=bool)
    for fd, _, _, _ in det.trace:
        fired |= fd[0]
    for j, why in sorted(st.d_fail0.items()):
        if fired[j] or st.d_category[j] not in ("bound", "assurances"):
            continue
        rec = record(int(st.d_row[j]))
        out.append(entry_from_record(states, rec).with_extra(
            state=states.by_code(rec["obligor"]).to_json(), reason=why).to_json())
    edges = prep.graph.edges

    belligerent = {int(st.states[i]): int(side[i]) for i in np.flatnonzero(side != OUT)}
    owed = edges.with_row_index("row").filter(
        pl.col("beneficiary").is_in(list(belligerent))
        & ~pl.col("obligor").is_in(list(belligerent)))
    victims0 = {a.target for a in prep.scenario.attacks}
    for rec in owed.iter_rows(named=True):
        if rec["category"] not in ("bound", "assurances"):
            continue
        ben = rec["beneficiary"]
        if belligerent[ben] == ATT:
            why = (f"owed to {states.by_code(ben).abb}, on the attacking side: a defense "
                   "promise fires only for the victim of an armed attack (rule 2)")
        elif ben in victims0:
            continue
        else:
            why = (f"owed to {states.by_code(ben).abb}, which joined the war in defense of a "
                   "victim: no one attacked it after it joined, so it is a co-belligerent, "
                   "not a victim (rule 3)")
        out.append(entry_from_record(states, rec).with_extra(
            state=states.by_code(rec["obligor"]).to_json(), reason=why).to_json())
    for a in prep.scenario.attacks:
        for rec in edges.filter((pl.col("obligor") == a.attacker)
                                & (pl.col("beneficiary") == a.target)).iter_rows(named=True):
            out.append(entry_from_record(states, rec).with_extra(
                state=states.by_code(rec["obligor"]).to_json(),
                reason="owed by the attacker to its victim: violated").to_json())
    return out


def _exposure(prep: PreparedScenario, side: Any, rnd: Any, fired: tuple[Any, Any], abb: Any,
              sj: Any) -> list[dict[str, Any]]:
    """Chain-ganging exposure of each patron (a state owing a promise to fight that fired, in
    the resolution or in any draw): how often
    it is at war, how often directly (round 1) or dragged in later through the war's spread
    (round 2 or later), and how many enemies it then faces."""
    st = prep.structure
    patrons = (set(st.d_obl[(prep.d_enter_p > 0) & fired[0]].tolist())
               | set(st.o_obl[(prep.o_p > 0) & fired[1]].tolist()))
    patrons -= set(np.flatnonzero(st.attackers | st.targets).tolist())
    out = []
    for i in sorted(patrons, key=lambda i: abb(i)):
        at_war = side[:, i] != OUT
        if not at_war.any():
            out.append({"state": sj(i), "p_enter": 0.0, "p_direct": 0.0, "p_chain": 0.0,
                        "enemies": None})
            continue
        mine = side[:, i][:, None]
        enemies = ((side != OUT) & (side != mine)).sum(axis=1)
        out.append({"state": sj(i), "p_enter": round(float(at_war.mean()), 4),
                    "p_direct": round(float((rnd[:, i] == 1).mean()), 4),
                    "p_chain": round(float((rnd[:, i] >= 2).mean()), 4),
                    "enemies": round(float(enemies[at_war].mean()), 3)})
    out.sort(key=lambda r: (-r["p_enter"], r["state"]["abb"]))
    return out
