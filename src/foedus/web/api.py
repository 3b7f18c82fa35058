"""The JSON API, ``/api/v1/...``: the CLI's questions over HTTP.

Why thin: every handler checks its inputs (types, sizes, the range of days), calls ONE
session method and returns the answer's ``to_json()`` — the same contract as ``foedus ...
--json``. Errors leave as the one error shape (:mod:`foedus.web.errors`).
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from foedus.model.limits import MAX_DRAWS, MAX_SEED
from foedus.model.schema import Source
from foedus.web.errors import (
    DAY_PATTERN,
    INSTRUMENT_ID_PATTERN,
    LIST_PATTERN,
    SCENARIO_ID_PATTERN,
    YEARS_PATTERN,
    WebError,
)
from foedus.web.settings import Settings

__all__ = ["router", "FastJSON", "ScenarioIn", "day_in_range"]

MAX_LIST = 20
MAX_PAGE = 10_000

Day = Annotated[str, Query(pattern=DAY_PATTERN, max_length=10,
                           description="A day, YYYY-MM-DD (YYYY-MM or YYYY: its first day), "
                                       "from 1815-01-01", examples=["2025-01-01"])]
StateRef = Annotated[str, Query(min_length=1, max_length=64,
                                description="COW code, COW abbreviation, ISO3 or name",
                                examples=["EST"])]
SourceQ = Annotated[Source,
                    Query(description="registry, atop or all (default)")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]
CommaList = Annotated[str | None, Query(max_length=300, pattern=LIST_PATTERN,
                                        description="comma-separated list")]


def _default(o: Any) -> Any:
    if isinstance(o, dt.date):
        return o.isoformat()
    if hasattr(o, "item"):  # numpy scalars
        return o.item()
    if hasattr(o, "tolist"):
        return o.tolist()
    return str(o)


class FastJSON(JSONResponse):
    """JSON rendered straight from the answer's dict (no re-validation of large answers)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False, default=_default).encode("utf-8")


class ErrorDetail(BaseModel):
    code: str = Field(examples=["bad_request"])
    message: str = Field(examples=["unknown state 'ATLANTIS'"])
    detail: Any = None


class ErrorOut(BaseModel):
    """The one error shape (:mod:`foedus.web.errors`), documented on every operation so a
    client generated from the OpenAPI description knows it (FastAPI's default would
    describe a 422 as ``{"detail": [...]}``, which this server never sends)."""

    error: ErrorDetail


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {400: "A question foedus cannot answer: an unknown state, a day outside "
                  "1815 to the tenth year from now, an unknown kind",
             401: "No or a wrong API token", 403: "Saving is disabled on this server",
             404: "No such instrument, saved scenario or imported dataset",
             413: "Request body too large",
             422: "A malformed value: not a day, a number out of range, an unknown field",
             501: "The engine for this question is not installed",
             503: "The store cannot be read just now"}
    return {c: {"model": ErrorOut, "description": words[c]} for c in codes}


#: query parameters a route reads as a list (given once per item)
REPEATABLE = frozenset({"verb"})


def _query_names(dependant: Any) -> set[str]:
    names = {p.alias or p.name for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _shown(names: list[str]) -> str:
    return ", ".join(repr(n[:40]) for n in names[:5]) + (", ..." if len(names) > 5 else "")


def plain_query(request: Request) -> None:
    """Each query parameter the route takes, at most once; no other. Why: a misspelt
    parameter (``drection=given``) was ignored and the answer was for the default (both
    directions), and a repeated one (``on=2020-01-01&on=1700-01-01``) silently used the last;
    either way the client got the answer to a question it did not ask."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant)
    counts = Counter(k for k, _ in request.query_params.multi_items())
    unknown = sorted(set(counts) - allowed)
    if unknown:
        takes = ", ".join(sorted(allowed)) if allowed else "no query parameters"
        raise WebError(422, "invalid_input", f"unknown query parameter {_shown(unknown)}; "
                       f"this route takes: {takes}", {"unknown": unknown[:20]})
    repeated = sorted(k for k, n in counts.items() if n > 1 and k not in REPEATABLE)
    if repeated:
        raise WebError(422, "invalid_input", f"query parameter {_shown(repeated)} given more "
                       "than once; give it once (a list is one value, comma-separated)",
                       {"repeated": repeated})


router = APIRouter(prefix="/api/v1", default_response_class=FastJSON,
                   responses=_errors(400, 404, 422, 503),
                   dependencies=[Depends(plain_query)])


def session_of(request: Request) -> Any:
    return request.app.state.session


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Session = Annotated[Any, Depends(session_of)]
Conf = Annotated[Settings, Depends(settings_of)]


def day_in_range(value: str, settings: Settings, what: str = "date") -> str:
    """A day inside foedus's range: 1815-01-01 to the end of the tenth year from now (the
    API and the pages refuse the same days with the same words)."""
    from foedus.query.common import as_date

    day = as_date(value, what)
    if day > settings.last_day:
        from foedus.errors import UsageError

        raise UsageError(f"bad {what}: {day} is after {settings.last_day}, the last day this "
                         "server answers for")
    return day.isoformat()


def _items(text: str | None, what: str) -> list[str]:
    items = [x.strip() for x in (text or "").split(",") if x.strip()]
    if len(items) > MAX_LIST:
        from foedus.errors import InvalidInputError

        raise InvalidInputError(f"{what}: at most {MAX_LIST} items, got {len(items)}")
    return items


# -- the CLI's questions --------------------------------------------------------------------
@router.get("/commitments", summary="Commitments a state gives, receives or both on a day")
def commitments(session: Session, settings: Conf, state: StateRef, on: Day,
                direction: Literal["given", "received", "both"] = "both",
                kind: Annotated[str | None, Query(max_length=20)] = None,
                source: SourceQ = "all",
                with_: Annotated[str | None, Query(alias="with", min_length=1,
                                                   max_length=64)] = None) -> Any:
    return session.commitments(state, day_in_range(on, settings), direction=direction, kind=kind,
                               source=source, partner=with_).to_json()


@router.get("/defenders", summary="Who an armed attack by ATTACKER on TARGET would engage")
def defenders(session: Session, settings: Conf, target: StateRef, attacker: StateRef,
              on: Day, source: SourceQ = "all") -> Any:
    return session.defenders(target, attacker, day_in_range(on, settings), source=source).to_json()


@router.get("/status", summary="A state's own legal statuses (neutrality, non-nuclear, ...)")
def status(session: Session, settings: Conf, state: StateRef, on: Day | None = None) -> Any:
    return session.status(state, day_in_range(on, settings) if on else None).to_json()


@router.get("/instruments", summary="Instruments, by member state, day in force and text")
def instruments(session: Session, settings: Conf, state: StateRef | None = None,
                on: Day | None = None,
                search: Annotated[str | None, Query(max_length=100)] = None,
                limit: Limit = 100, offset: Offset = 0) -> Any:
    answer = session.instruments(state=state, on=day_in_range(on, settings) if on else None,
                                 search=search).to_json()
    rows = answer["instruments"]
    return {**answer, "instruments": rows[offset:offset + limit], "total": len(rows),
            "limit": limit, "offset": offset}


@router.get("/instruments/{instrument_id}", summary="Everything recorded about one instrument "
            "(atop-N: ATOP's alliance N; reading=atop: ATOP's own reading of it)")
def instrument(session: Session, instrument_id: Annotated[
        str, PathParam(pattern=INSTRUMENT_ID_PATTERN)],
        reading: Literal["curated", "atop"] = "curated") -> Any:
    return session.instrument(instrument_id, reading).to_json()


@router.get("/forums", summary="Institutions and forums both A and B belong to on a day")
def forums(session: Session, settings: Conf, a: StateRef, b: StateRef, on: Day) -> Any:
    return session.forums(a, b, day_in_range(on, settings)).to_json()


@router.get("/diff", summary="Commitments that appeared or ended between two days")
def diff(session: Session, settings: Conf,
         from_: Annotated[str, Query(alias="from", pattern=DAY_PATTERN, max_length=10)],
         to: Day, state: StateRef | None = None, source: SourceQ = "all") -> Any:
    return session.diff(day_in_range(from_, settings, "from"), day_in_range(to, settings, "to"),
                        state=state, source=source).to_json()


# -- the explorer's questions ---------------------------------------------------------------
@router.get("/graph", summary="The day's commitment network: nodes and (paged) edges")
def graph(session: Session, settings: Conf, on: Day, kind: CommaList = None,
          legal_force: CommaList = None,
          region: Literal["americas", "europe", "africa", "middle_east", "asia",
                          "oceania"] | None = None,
          source: SourceQ = "all", limit: Limit = 1000, offset: Offset = 0) -> Any:
    return session.network(day_in_range(on, settings), kind=_items(kind, "kind"),
                           legal_force=_items(legal_force, "legal_force"), region=region,
                           source=source, limit=limit, offset=offset).to_json()


@router.get("/states", summary="States in the system on a day, with ISO3 and capitals")
def states(session: Session, settings: Conf, on: Day) -> Any:
    return session.system(day_in_range(on, settings)).to_json()


@router.get("/datasets", summary="Imported datasets (version, coverage, checksum), citations")
def datasets(session: Session) -> Any:
    return session.datasets_status().to_json()


@router.get("/datasets/download", summary="State-years or dyad-years as CSV or Parquet",
            response_class=Response,
            responses={200: {"content": {"text/csv": {},
                                         "application/vnd.apache.parquet": {}}}})
def download(session: Session,
             unit: Literal["state_year", "dyad_year"] = "dyad_year",
             system: Literal["cow", "gw"] = "cow",
             years: Annotated[str | None, Query(pattern=YEARS_PATTERN,
                                                max_length=9)] = None,
             directed: bool = True,
             add: CommaList = None,
             verb: Annotated[list[str] | None, Query(
                 max_length=MAX_LIST, description=(
                     "an add_* verb per parameter, as the dataset page's form sends its "
                     "boxes without script; read together with add"))] = None,
             alliances: Literal["atop", "registry", "all"] = "atop",
             nmc: Literal["7.0", "6.0"] = "7.0",
             format: Literal["csv", "parquet"] = "csv") -> Response:  # noqa: A002
    verbs = ",".join(v for v in (add, *(verb or ())) if v)
    frame = session.dataset(unit, system=system, years=years, directed=directed,
                            add=_items(verbs, "add"), alliance_source=alliances,
                            nmc_version=nmc)
    with tempfile.TemporaryDirectory(prefix="foedus-web-") as tmp:
        path = frame.write(Path(tmp) / f"foedus-{unit.replace('_', '')}s.{format}")
        data = path.read_bytes()
    media = "text/csv; charset=utf-8" if format == "csv" else "application/vnd.apache.parquet"
    names = ",".join(frame.cite_names())
    return Response(data, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{path.name}"',
        "X-Foedus-Datasets": names})


# -- scenarios ------------------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class AttackIn(_Strict):
    attacker: str = Field(min_length=1, max_length=64, examples=["RUS"])
    target: str = Field(min_length=1, max_length=64, examples=["EST"])
    territory: str | None = Field(None, max_length=200)
    covered: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list,
                                                                 max_length=MAX_LIST)
    provoked: bool = Field(False, strict=True)  # not 0, "no" or "false": the schema's boolean


class ModelIn(_Strict):
    draws: int = Field(1000, ge=0, le=MAX_DRAWS, strict=True)  # not "1000" nor true
    seed: int | None = Field(7, ge=0, le=MAX_SEED, strict=True)
    weights: dict[Annotated[str, Field(max_length=40)], float] = Field(default_factory=dict,
                                                                       max_length=MAX_LIST)
    max_rounds: int = Field(20, ge=1, le=50, strict=True)
    # as in a scenario file: the promise cascade with the published base rates, or nobody
    # joining without a promise (docs/scenarios.md)
    credibility: Literal["fitted", "base_rates"] = "fitted"
    joining: Literal["fitted", "none"] = "fitted"


class ScenarioIn(_Strict):
    """A scenario in the format of ``foedus scenario run`` files (docs/scenarios.md)."""

    name: str = Field("", max_length=200)
    description: str = Field("", max_length=2000)
    date: str = Field(pattern=DAY_PATTERN, max_length=10, examples=["2025-06-01"])
    source: Source = "all"
    attacks: list[AttackIn] = Field(min_length=1, max_length=MAX_LIST)
    edits: list[dict[str, Any]] = Field(default_factory=list, max_length=50)
    model: ModelIn = Field(default_factory=lambda: ModelIn.model_validate({}))

    def spec(self, settings: Settings) -> dict[str, Any]:
        spec = self.model_dump(exclude_defaults=False)
        spec["date"] = day_in_range(self.date, settings)
        for a in spec["attacks"]:
            if a["territory"] is None:
                del a["territory"]
        if spec["model"]["seed"] is None:
            del spec["model"]["seed"]
        return spec


def _engine(session: Any, method: str, what: str) -> Any:
    fn = getattr(session, method, None)
    if fn is None:
        raise WebError(501, "not_implemented",
                       f"engine not available in this build: the {what} "
                       f"(Session.{method}) is not installed")
    return fn


@router.post("/scenario/run", summary="Run a scenario: cascade by rounds, probabilities",
             responses=_errors(413, 501))
def scenario_run(session: Session, settings: Conf,
                 scenario: Annotated[ScenarioIn, Body()]) -> Any:
    spec = scenario.spec(settings)
    prepared = _engine(session, "scenario", "scenario engine")(spec)
    return prepared.run(draws=spec["model"]["draws"],
                        seed=spec["model"].get("seed")).to_json()


def require_token(settings: Conf, authorization: Annotated[
        str | None, Header(max_length=400)] = None) -> None:
    """Writes need the operator's Bearer token; without one configured, writes are off."""
    if settings.token is None:
        raise WebError(403, "forbidden", "saving is disabled: the operator has configured no "
                                         "API token (--token-file or FOEDUS_WEB_TOKEN)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                              settings.token.encode()):
        raise WebError(401, "unauthorized", "a valid API token is required "
                                            "(Authorization: Bearer TOKEN)",
                       headers={"WWW-Authenticate": "Bearer"})


@router.post("/scenarios", summary="Save a scenario (needs the operator's API token)",
             status_code=201, dependencies=[Depends(require_token)],
             responses=_errors(401, 403, 413, 501))
def scenario_save(request: Request, session: Session, settings: Conf,
                  scenario: Annotated[ScenarioIn, Body()]) -> Any:
    spec = scenario.spec(settings)
    _engine(session, "scenario", "scenario engine")(spec)  # checked before it is kept
    sid = request.app.state.scenarios.save(spec)
    return FastJSON({"id": sid, "url": f"/scenario?saved={sid}"}, status_code=201)


@router.get("/scenarios/{scenario_id}", summary="A saved scenario")
def scenario_get(request: Request, scenario_id: Annotated[
        str, PathParam(pattern=SCENARIO_ID_PATTERN)]) -> Any:
    return {"id": scenario_id, "scenario": request.app.state.scenarios.load(scenario_id)}


@router.get("/restraints", summary="Restraint a state receives and gives on a day (force "
                                   "limits, inspection), with its fate: in force, suspended, "
                                   "withdrawn, expired, found violated")
def restraints(session: Session, settings: Conf, state: StateRef, on: Day) -> Any:
    return session.restraints(state, day_in_range(on, settings)).to_json()


@router.get("/reassurance", summary="Restraint TARGET's threats owe it, what lapsed since "
                                    "1990, and packages (capability, credibility, costs)")
def reassurance(session: Session, settings: Conf, target: StateRef, on: Day,
                threats: CommaList = None) -> Any:
    named = _items(threats, "threats")
    return session.reassurance(target, day_in_range(on, settings), named or None).to_json()


# -- guarantors -----------------------------------------------------------------------------
@router.get("/guarantors", summary="Who could guarantee TARGET against THREATS (inferred when "
                                   "none are named): candidates with factors, coalitions",
            responses=_errors(501))
def guarantors(session: Session, settings: Conf, target: StateRef, on: Day,
               threats: CommaList = None,
               coalitions: Annotated[bool, Query(description=(
                   "also test coalitions on the scenario engine (slower); false: the "
                   "ranked candidates alone"))] = True) -> Any:
    _engine(session, "guarantors", "guarantor finder")
    from foedus.advise.guarantors import guarantors as find

    named = _items(threats, "threats")
    return find(session, target, day_in_range(on, settings), named or None,  # none: inferred
                coalition=coalitions).to_json()


@router.get("/gaps", summary="States without a credible guarantor on a day",
            responses=_errors(501))
def gaps(session: Session, settings: Conf, on: Day) -> Any:
    fn = _engine(session, "gaps", "guarantor finder")
    return fn(day_in_range(on, settings)).to_json()
