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

from foedus.query.answers import entry_from_record
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
    from foedus.scenario.capability import capability

    session, sc, st, det = prep.session, prep.scenario, prep.structure, prep.deterministic
    states = session.states
    edges = prep.graph.edges
    codes = [int(c) for c in st.states]

    def sj(i: int) -> dict[str, Any]:
        return states.by_code(codes[i]).to_json()

    def abb(i: int) -> str:
        return states.by_code(codes[i]).abb

    records = edges.to_dicts() if edges.height < 5000 else None

    def record(row: int) -> dict[str, Any]:
        if records is not None:
            return records[row]
        return edges.row(row, named=True)

    nd = len(st.d_row)
    factors = prep.factors

    def factor_of(j: int) -> dict[str, float]:
        return {k: round(float(v[j]), 4) for k, v in factors.items()}

    # -- deterministic rounds ------------------------------------------------------------
    side0, rnd0 = det.side[0], det.rnd[0]
    rounds: list[list[dict[str, Any]]] = [[]]
    for i in sorted(np.flatnonzero(rnd0 == 0), key=lambda i: (int(side0[i]), abb(int(i)))):
        rounds[0].append({"state": sj(i), "side": SIDES[int(side0[i])], "because": []})
    det_round: dict[tuple[str, int], int] = {}
    reasons_det: dict[tuple[str, int], str] = {}
    blocked: list[tuple[str, int, int]] = []
    for k, (fd, eff_d, fo, eff_o) in enumerate(det.trace, start=1):
        fd, eff_d, fo, eff_o = fd[0], eff_d[0], fo[0], eff_o[0]
        for j in np.flatnonzero(fd):
            det_round.setdefault(("d", int(j)), k)
            reasons_det.setdefault(("d", int(j)), _reason_d(prep, int(j), k, abb))
            if not eff_d[j]:
                blocked.append(("d", int(j), k))
        for j in np.flatnonzero(fo):
            det_round.setdefault(("o", int(j)), k)
            reasons_det.setdefault(("o", int(j)), _reason_o(prep, int(j), k, abb))
            if not eff_o[j]:
                blocked.append(("o", int(j), k))
        entered = np.flatnonzero(rnd0 == k)
        if not len(entered):
            continue
        row_list = []
        for i in entered:
            because = []
            for which, fired, eff, obl, rows in (("d", fd, eff_d, st.d_obl, st.d_row),
                                                 ("o", fo, eff_o, st.o_obl, st.o_row)):
                for j in np.flatnonzero(eff & (obl == i)):
                    if which == "d" and st.d_category[j] != "bound":
                        continue
                    e = entry_from_record(states, record(int(rows[j])))
                    because.append(e.with_extra(reason=reasons_det[(which, int(j))],
                                                round=k).to_json())
            row_list.append({"state": sj(i), "side": SIDES[int(side0[i])],
                             "because": because})
        rounds.append(row_list)

    # -- triggered commitments -----------------------------------------------------------
    p_trig_d = mc.p_fired("d") if mc is not None else np.zeros(nd)
    p_trig_o = mc.p_fired("o") if mc is not None else np.zeros(len(st.o_row))
    triggered = []
    keys = sorted({k for k in det_round} | {("d", int(j)) for j in np.flatnonzero(p_trig_d)}
                  | {("o", int(j)) for j in np.flatnonzero(p_trig_o)},
                  key=lambda k: (det_round.get(k, 99), k[0], k[1]))
    blocked_keys = {(w, j) for w, j, _ in blocked}
    for which, j in keys:
        row = int(st.d_row[j] if which == "d" else st.o_row[j])
        rec = record(row)
        score_j = j if which == "d" else nd + j
        p_honor = float(prep.d_p[j] if which == "d" else prep.o_p[j])
        if which == "d":
            outcome = OUTCOMES.get(st.d_category[j], st.d_category[j])
        else:
            outcome = "duty to join the attacker"
        if (which, j) in blocked_keys:
            outcome = "conflicted (not honoured: a promise to the other side)"
        reason = reasons_det.get((which, j)) or (
            _reason_d(prep, j, None, abb) if which == "d" else _reason_o(prep, j, None, abb))
        extra = {"state": states.by_code(rec["obligor"]).to_json(), "category":
                 rec["category"] if which == "d" else "offense", "outcome": outcome,
                 "reason": reason, "round": det_round.get((which, j)),
                 "p_trigger": round(float((p_trig_d if which == "d" else p_trig_o)[j]), 4)
                 if mc is not None else (1.0 if (which, j) in det_round else 0.0),
                 "p_honor": round(p_honor, 4), "factors": factor_of(score_j)}
        triggered.append(entry_from_record(states, rec).with_extra(**extra).to_json())

    # -- conflicts and what did not fire ---------------------------------------------------
    conflicts = _conflicts(prep, det, record, abb)
    not_triggered = _not_triggered(prep, det, record, abb)

    # -- Monte Carlo summary -------------------------------------------------------------
    cap = capability(_inputs(session), st.states, sc.date, [a.target for a in sc.attacks])
    if mc is not None:
        side, rnd = mc.side, mc.rnd
    else:
        side, rnd = det.side, det.rnd
    n_draws = side.shape[0]
    p_att = (side == ATT).mean(axis=0)
    p_def = (side == DEF).mean(axis=0)
    p_enter = p_att + p_def
    rows = []
    for i in np.argsort(-p_enter, kind="stable"):
        if p_enter[i] <= 0:
            continue
        entered = rnd[:, i][rnd[:, i] >= 0]
        first = Counter(entered.tolist()).most_common(1)[0][0]
        rows.append({"state": sj(int(i)),
                     "side": "attacker" if p_att[i] >= p_def[i] else "defender",
                     "p_enter": round(float(p_enter[i]), 4),
                     "p_attacker_side": round(float(p_att[i]), 4),
                     "p_defender_side": round(float(p_def[i]), 4),
                     "first_round": int(first),
                     "reasons": _state_reasons(prep, int(i), p_trig_d, p_trig_o, mc, abb)})
    rows.sort(key=lambda r: (-r["p_enter"], r["first_round"], r["state"]["abb"]))

    balance: dict[str, Any] = {}
    for code, name in ((ATT, "attacker"), (DEF, "defender")):
        mask = side == code
        count = mask.sum(axis=1).astype(float)
        part: dict[str, Any] = {"states": _stats(count)}
        if cap.known:
            cinc = np.where(mask, np.nan_to_num(cap.cinc), 0.0).sum(axis=1)
            part["cinc"] = _stats(cinc)
            if not np.isnan(cap.projected).all():
                part["projected"] = _stats(np.where(mask, np.nan_to_num(cap.projected),
                                                    0.0).sum(axis=1))
            missing = sorted({abb(int(i)) for i in np.flatnonzero(
                mask.any(axis=0) & np.isnan(cap.cinc))})
            if missing:
                part["cinc_unknown"] = missing
        else:
            part["cinc"] = None
            part["projected"] = None
        balance[name] = part
    if cap.known:
        a_proj = np.where(side == ATT, np.nan_to_num(cap.projected), 0).sum(axis=1)
        d_proj = np.where(side == DEF, np.nan_to_num(cap.projected), 0).sum(axis=1)
        balance["defender"]["p_stronger"] = round(float((d_proj > a_proj).mean()), 4)
        balance["attacker"]["p_stronger"] = round(float((a_proj > d_proj).mean()), 4)
        balance["capability"] = {"cinc_year": cap.year, "datasets": list(cap.datasets),
                                 "gradient_miles": _gm(sc.date), "note": cap.note or None}
    else:
        balance["capability"] = {"unknown": True, "note": cap.note}
    size = (side != OUT).sum(axis=1).astype(float)
    exposure = _exposure(prep, side, rnd, mc, abb, sj)
    datasets = list(prep.graph.datasets) + [d for d in cap.datasets
                                             if d not in prep.graph.datasets]
    payload: dict[str, Any] = {
        "date": sc.date.isoformat(),
        "attacks": [{"attacker": states.by_code(a.attacker).to_json(),
                     "target": states.by_code(a.target).to_json()} for a in sc.attacks],
        "draws": draws,
        "seed": seed,
        "rounds": rounds,
        "states": rows,
        "triggered": triggered,
        "conflicts": conflicts,
        "balance": balance,
        "datasets": datasets,
        "not_triggered": not_triggered,
        "war_size": {**(_stats(size) or {}), "max": int(size.max()) if n_draws else 0},
        "exposure": exposure,
        "model": {"credibility": getattr(prep.credibility, "name",
                                         type(prep.credibility).__name__),
                  "joining": getattr(prep.joining, "name", type(prep.joining).__name__),
                  "edits": [e.describe(states) for e in sc.edits],
                  "graph": prep.graph.label, "unknown": list(prep.graph.unknown),
                  "rounds": det.rounds},
    }
    return ScenarioAnswer(payload)


def _gm(day: dt.date) -> float:
    from foedus.scenario.capability import gradient_miles

    return gradient_miles(day)


def _inputs(session: Any) -> Any:
    try:
        return session.inputs
    except Exception:  # noqa: BLE001 - no store inputs: capability unknown
        return None


def _aggressors_before(prep: PreparedScenario, k: int, abb: Any) -> str:
    det = prep.deterministic
    st = prep.structure
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
    for j in np.flatnonzero((st.d_obl == i) & (trig_d > 0) & (prep.d_p > 0)):
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
    if pa > 0 or pd_ > 0:
        out.append(f"may join without a promise: p(join) attacker {pa:.3f}, defender "
                   f"{pd_:.3f}")
    if mc is not None and mc.conflicted[:, i].any():
        out.append(f"duties to both sides in {mc.conflicted[:, i].mean():.0%} of draws: "
                   "stays out then")
    return out


def _conflicts(prep: PreparedScenario, det: Outcome, record: Any,
               abb: Any) -> list[dict[str, Any]]:
    """Conflicts of obligation of the deterministic resolution (the rules' own test)."""
    from foedus.rules.casus import engaged_all

    st = prep.structure
    states = prep.session.states
    side, rnd = det.side[0], det.rnd[0]
    pairs = {(a.target, a.attacker) for a in prep.scenario.attacks}
    for k in range(1, int(rnd.max()) + 1 if rnd.max() > 0 else 1):
        new = np.flatnonzero((side == ATT) & (rnd == k))
        before = np.flatnonzero((side == DEF) & (rnd < k))
        pairs |= {(int(st.states[v]), int(st.states[a])) for v in before for a in new}
    if not pairs:
        return []
    import polars as pl

    found = engaged_all(prep.graph, sorted(pairs)).filter(pl.col("category") == "conflicted")
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
    for fd, eff_d, fo, eff_o in det.trace:
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
    side, rnd = det.side[0], det.rnd[0]
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
    import polars as pl

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


def _exposure(prep: PreparedScenario, side: Any, rnd: Any, mc: Outcome | None, abb: Any,
              sj: Any) -> list[dict[str, Any]]:
    """Chain-ganging exposure of each patron (a state owing a promise that fired): how often
    it is at war, how often directly (round 1) or dragged in later through the war's spread
    (round 2 or later), and how many enemies it then faces."""
    st = prep.structure
    patrons = set(st.d_obl[prep.d_p > 0].tolist()) | set(st.o_obl[prep.o_p > 0].tolist())
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
