"""Questions the explorer asks of a day: the commitment network, the state system on the map,
and which datasets are loaded.

Why here (and not in the web handlers): the web app, a notebook and any other tool ask the
same questions — "every commitment in force on 1914-08-01 between European states, as nodes
and edges", "which states exist on that day and where are their capitals" — and get the same
typed answer (``to_json()``), answered once.

Regions are the Correlates of War's own blocks of state codes (COW's region convention):
americas 2–165, europe 200–399, africa 402–626, middle_east 630–698, asia 700–899,
oceania 900–999 (organisations such as the EU, code 1001, belong to none). A network filtered
by region keeps every commitment with at least one side in that region, so that promises made
to or by outsiders (the United States to Europe) stay visible.

Capitals: the coordinates come from peacesciencer's ``cow_capitals`` table (Miller 2022, COW
codes, dated capital spells, latitude and longitude) when it is imported. A state's capital on
a day is the spell covering it; a day after the table's last spell (it ends on 2024-12-31) or
before its first takes the nearest spell, and says so in ``capital.as_of``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from foedus.errors import InvalidInputError
from foedus.model.instruments import Kind, LegalForce
from foedus.query.common import as_date, check_source, coverage_of
from foedus.settings import foedus_version
from foedus.sources.cite import citations_for
from foedus.store.datasets import dataset_status

if TYPE_CHECKING:
    from foedus.model.schema import Source
    from foedus.session import Session

__all__ = ["REGIONS", "region_of", "network", "system", "NetworkAnswer", "SystemAnswer",
           "DatasetsAnswer", "datasets_status", "MAX_PAGE"]

#: COW's blocks of state codes: (region, first code, last code), both inclusive.
REGIONS: tuple[tuple[str, int, int], ...] = (
    ("americas", 2, 165), ("europe", 200, 399), ("africa", 402, 626),
    ("middle_east", 630, 698), ("asia", 700, 899), ("oceania", 900, 999),
)
#: The largest page a list answer returns at once.
MAX_PAGE = 10_000


def region_of(ccode: int) -> str | None:
    """The COW region of a state code (``None`` for organisations)."""
    for name, lo, hi in REGIONS:
        if lo <= ccode <= hi:
            return name
    return None


def _choices(text: str | list[str] | None, allowed: list[str], what: str) -> list[str]:
    """A comma-separated (or listed) choice of vocabulary words, checked."""
    if text is None:
        return []
    items = text if isinstance(text, list) else text.split(",")
    out: list[str] = []
    for raw in items:
        word = raw.strip().lower()
        if not word:
            continue
        if word not in allowed:
            raise InvalidInputError(f"{what} must be among {', '.join(allowed)}, not {raw!r}")
        if word not in out:
            out.append(word)
    return out


def _page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInputError(f"limit must be between 1 and {MAX_PAGE}, not {limit}")
    if offset < 0:
        raise InvalidInputError(f"offset must be >= 0, not {offset}")


@dataclass(frozen=True)
class NetworkAnswer:
    """The day's commitments as a network: ``nodes`` (states touched by the filtered edges)
    and one page of ``edges`` (obligor → beneficiary, as COW codes)."""

    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return self.payload


def network(session: Session, on: object, *, kind: str | list[str] | None = None,
            legal_force: str | list[str] | None = None, region: str | None = None,
            source: Source = "all", limit: int = 1000, offset: int = 0) -> NetworkAnswer:
    """Every commitment in force on ``on`` as nodes and edges, filtered by kind, legal force
    and region; edges are paged (``limit``, ``offset``) in a stable order."""
    day = as_date(on, "date")
    check_source(source)
    kinds = _choices(kind, [k.value for k in Kind], "kind")
    forces = _choices(legal_force, [f.value for f in LegalForce], "legal_force")
    regions = [r for r, _, _ in REGIONS]
    if region is not None and region not in regions:
        raise InvalidInputError(f"region must be one of {', '.join(regions)}, not {region!r}")
    _page(limit, offset)
    read, unknown = coverage_of(session, day, source)
    edges = session.graph(day, source=source).edges
    if kinds:
        edges = edges.filter(pl.col("kind").is_in(kinds))
    if forces:
        edges = edges.filter(pl.col("legal_force").is_in(forces))
    if region is not None:
        lo, hi = next((lo, hi) for r, lo, hi in REGIONS if r == region)
        edges = edges.filter(pl.col("obligor").is_between(lo, hi)
                             | pl.col("beneficiary").is_between(lo, hi))
    edges = edges.sort("obligor", "beneficiary", "instrument_id", "kind", "article")
    out_deg = dict(edges.group_by("obligor").len().rows())
    in_deg = dict(edges.group_by("beneficiary").len().rows())
    nodes = []
    for code in sorted(set(out_deg) | set(in_deg)):
        st = session.states.by_code(int(code))
        nodes.append({"state": st.to_json(day), "iso3": st.iso3, "region": region_of(st.ccode),
                      "given": int(out_deg.get(code, 0)), "received": int(in_deg.get(code, 0))})
    page = edges.slice(offset, limit).select(
        "obligor", "beneficiary", "kind", "strength", "legal_force", "category",
        "instrument_id", "instrument_name", "article", "origin", "presumed")
    rows = [{"from": r["obligor"], "to": r["beneficiary"], "kind": r["kind"],
             "strength": r["strength"], "legal_force": r["legal_force"],
             "category": r["category"],
             "instrument": {"id": r["instrument_id"], "name": r["instrument_name"]},
             "article": r["article"] or "", "source": r["origin"],
             "presumed": bool(r["presumed"])} for r in page.iter_rows(named=True)]
    return NetworkAnswer({
        "on": day.isoformat(), "source": source,
        "filters": {"kind": kinds, "legal_force": forces, "region": region},
        "total": edges.height, "limit": limit, "offset": offset,
        "nodes": nodes, "edges": rows, "datasets": read, "unknown": unknown,
    })


@dataclass(frozen=True)
class SystemAnswer:
    """The states in the system on a day, with ISO3 codes and capitals where known."""

    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return self.payload


def _capitals(session: Session) -> dict[int, list[tuple[dt.date, dt.date, str, float, float]]]:
    """Capital spells by COW code (empty when peacesciencer's capitals are not imported)."""
    inputs = session.inputs
    if not inputs.has("peacesciencer", "cow_capitals"):
        return {}

    def build() -> dict[int, list[tuple[dt.date, dt.date, str, float, float]]]:
        table = inputs.table("peacesciencer", "cow_capitals")
        out: dict[int, list[tuple[dt.date, dt.date, str, float, float]]] = {}
        for r in table.iter_rows(named=True):
            if r["ccode"] is None or r["lat"] is None or r["lng"] is None:
                continue
            out.setdefault(int(r["ccode"]), []).append(
                (r["stdate"], r["enddate"], str(r["capital"]), float(r["lat"]),
                 float(r["lng"])))
        for spells in out.values():
            spells.sort()
        return out

    return inputs.derived(("web-capitals",), build)  # type: ignore[no-any-return]


def _capital_on(spells: list[tuple[dt.date, dt.date, str, float, float]],
                day: dt.date) -> dict[str, Any] | None:
    if not spells:
        return None
    for start, end, name, lat, lon in spells:
        if start <= day <= end:
            return {"name": name, "lat": lat, "lon": lon, "as_of": day.isoformat()}
    nearest = min(spells, key=lambda s: min(abs((s[0] - day).days), abs((s[1] - day).days)))
    start, end, name, lat, lon = nearest
    as_of = end if day > end else start
    return {"name": name, "lat": lat, "lon": lon, "as_of": as_of.isoformat()}


def system(session: Session, on: object) -> SystemAnswer:
    """Every state in the system on ``on``: its JSON, ISO3 (for today's borders), COW region
    and capital (name, latitude, longitude) when the capitals table is imported."""
    day = as_date(on, "date")
    caps = _capitals(session)
    states: list[dict[str, Any]] = []
    for st in sorted(session.states, key=lambda s: s.ccode):
        if not st.member_on(day):
            continue
        states.append({"state": st.to_json(day), "iso3": st.iso3, "region": region_of(st.ccode),
                       "capital": _capital_on(caps.get(st.ccode, []), day)})
    datasets = ["registry"] + (["peacesciencer"] if caps else [])
    return SystemAnswer({"on": day.isoformat(), "states": states,
                         "capitals": bool(caps), "datasets": datasets})


@dataclass(frozen=True)
class DatasetsAnswer:
    """What is imported (version, tables, rows, coverage, checksum) and how to cite each."""

    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return self.payload


def datasets_status(session: Session) -> DatasetsAnswer:
    """The imported datasets (``foedus data status``) with the plain citation of each and of
    the curated registry, so that every page can state its sources and versions."""
    status = dataset_status(session.store)
    names = ["registry", *[s["dataset"] for s in status]]
    cites = []
    for name, (label, refs) in zip(names, citations_for(names), strict=True):
        cites.append({"dataset": name, "label": label, "citations": [c.plain for c in refs]})
    return DatasetsAnswer({"foedus": foedus_version(), "datasets": status, "citations": cites})
