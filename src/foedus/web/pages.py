"""The explorer's pages: server-rendered HTML shells; small scripts fill them from the API.

Why this way: each page's state lives in its URL query (a permalink: reload it, send it, it
shows the same thing), its form works without JavaScript (a GET form), and what it shows is
the JSON of one API call, linked from the page ("JSON"). The HTML carries no inline script
or style (the Content-Security-Policy forbids them); the page's settings travel in
``data-*`` attributes. Every page ends with the data it reads from: foedus's version, the
imported datasets with version and checksum, and how to cite them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from foedus.model.dates import parse_date
from foedus.model.limits import MAX_DRAWS
from foedus.web.errors import INSTRUMENT_ID_PATTERN

__all__ = ["router", "error_page"]

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def _page(path: str) -> Callable[[Callable[..., HTMLResponse]], Callable[..., HTMLResponse]]:
    """A page's route: GET, and HEAD (a link checker's or a monitor's question: the same
    status and headers, no body; it was a 405)."""
    return router.api_route(path, methods=["GET", "HEAD"])

NAV = (("/map", "Map"), ("/network", "Network"), ("/timeline", "Timeline"),
       ("/scenario", "Scenario"), ("/guarantors", "Guarantors"),
       ("/instruments", "Instruments"), ("/datasets", "Datasets"))

KINDS = ("defense", "offense", "neutrality", "nonaggression", "consultation", "guarantee",
         "assurance", "military_aid", "force_limit", "inspection")
FORCES = ("treaty", "executive_agreement", "political", "unilateral", "proposal", "signed")
REGIONS = ("americas", "europe", "africa", "middle_east", "asia", "oceania")


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _q(request: Request, name: str, default: str = "") -> str:
    value = request.query_params.get(name, default)
    return value[:300]


def _footer(session: Any) -> str:
    try:
        info = session.datasets_status().to_json()
    except Exception:  # noqa: BLE001 - a page still renders when the store cannot say
        return '<footer id="sources"><p>Data sources could not be read.</p></footer>'
    rows = []
    for d in info["datasets"]:
        cov = d["coverage"] or ["", ""]
        rows.append(f"<li><b>{esc(d['dataset'])}</b> {esc(d['version'])} "
                    f"({esc(cov[0])}–{esc(cov[1])}; sha256 "
                    f"<code>{esc((d['checksum'] or '')[:12])}</code>; imported "
                    f"{esc(d['imported_at'])})</li>")
    cites = []
    for c in info["citations"]:
        refs = "".join(f"<li>{esc(r)}</li>" for r in c["citations"])
        cites.append(f"<li>{esc(c['label'])}<ul>{refs}</ul></li>")
    return (
        '<footer id="sources"><h2>Data sources and versions</h2>'
        f"<p>foedus {esc(info['foedus'])} · the curated registry bundled with this version"
        f"{' · imported datasets:' if rows else ' · no dataset imported'}</p>"
        f"<ul class='datasets'>{''.join(rows)}</ul>"
        '<p id="answer-sources" class="muted"></p>'
        f"<details><summary>How to cite</summary><ul class='cites'>{''.join(cites)}</ul>"
        '</details><p class="muted"><a href="/api/v1/datasets">datasets JSON</a> · '
        '<a href="/openapi.json">OpenAPI</a> · map: Natural Earth via world-atlas '
        "(public domain)</p></footer>")


def page(request: Request, name: str, title: str, body: str, *, map_scripts: bool = False,
         data: dict[str, str] | None = None, refused: list[str] | None = None) -> HTMLResponse:
    """A whole page: header, navigation, the body, the sources footer, the scripts.

    ``refused``: what is wrong with the page's URL query (see :func:`_refusals`); the page is
    then a 400 that shows those sentences in its alert and asks its script not to ask the API
    (``data-invalid``) until the visitor submits the form again.
    """
    here = ' class="here"'
    nav = "".join(f'<a href="{href}"{here if href == "/" + name else ""}>{label}</a>'
                  for href, label in NAV)
    data = dict(data or {})
    if refused:
        data["invalid"] = "1"
    attrs = "".join(f' data-{esc(k)}="{esc(v)}"' for k, v in data.items())
    alert = ('<p id="error" class="error" role="alert">'
             + "<br>".join(f"Error: {esc(r)}" for r in refused) + "</p>" if refused else
             '<p id="error" class="error" role="alert" hidden></p>')
    scripts = ['<script src="/static/vendor/d3.v7.min.js"></script>']
    if map_scripts:
        scripts.append('<script src="/static/vendor/topojson-client.min.js"></script>')
    scripts.append('<script src="/static/app.js"></script>')
    doc = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} · foedus</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/style.css"></head>
<body data-page="{esc(name)}"{attrs}>
<header><a class="brand" href="/">foedus</a><nav>{nav}</nav></header>
<main><h1>{esc(title)}</h1>
{body}
<p class="links"><a id="json-link" href="#">JSON of this view</a> ·
<a id="permalink" href="#">permalink</a></p>
{alert}
</main>
{_footer(request.app.state.session)}
{''.join(scripts)}
</body></html>"""
    return HTMLResponse(doc, status_code=400 if refused else 200)


def _refusals(request: Request, days: tuple[str, ...] = (),
              choices: dict[str, tuple[str, ...]] | None = None,
              ints: dict[str, tuple[int, int]] | None = None) -> list[str]:
    """What is wrong with the page's URL query, in the API's words: each day in ``days`` that
    is given must be a real day in foedus's range (the API's own check), each name in
    ``choices`` one of its options, each name in ``ints`` a whole number in its range.

    Why here and not only in the API: a date field cannot hold an impossible day (the browser
    empties it), and a menu without the given option silently shows its first one; either way
    the visitor's own value would be lost, and the page would answer a question nobody asked.
    """
    from foedus.errors import FoedusError
    from foedus.web.api import day_in_range

    out = []
    for name in days:
        value = request.query_params.get(name)
        if value:
            try:
                short = value if len(value) <= 40 else value[:40] + "…"  # still refused
                day_in_range(short, request.app.state.settings,
                             "date" if name in ("on", "date") else name)
            except FoedusError as exc:
                out.append(str(exc))
    for name, options in (choices or {}).items():
        value = request.query_params.get(name)
        if value and value not in options:
            out.append(f"{name} must be one of {', '.join(repr(o) for o in options if o)}, "
                       f"not {value[:40]!r}")
    for name, (lo, hi) in (ints or {}).items():
        value = request.query_params.get(name)
        if value and not (value.isascii() and value.isdigit() and len(value) <= 12
                          and lo <= int(value) <= hi):
            out.append(f"{name} must be a whole number from {lo:,} to {hi:,}, not "
                       f"{value[:40]!r}")
    return out


_TITLES = {400: "Bad request", 401: "Token needed", 403: "Not allowed", 404: "Not found",
           405: "Method not allowed", 413: "Request too large", 422: "Bad request",
           500: "Server error", 501: "Not available", 503: "Unavailable"}


def error_page(status: int, message: str) -> HTMLResponse:
    """The error as a small page a reader understands: what went wrong, in the same words as
    the JSON error, and the way back. No script, and only the site's own stylesheet."""
    title = _TITLES.get(status, "Error")
    nav = "".join(f'<a href="{href}">{label}</a>' for href, label in NAV)
    doc = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} · foedus</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/style.css"></head>
<body data-page="error" data-status="{status}">
<header><a class="brand" href="/">foedus</a><nav>{nav}</nav></header>
<main><h1>{esc(title)}</h1>
<p id="error" class="error" role="alert">{esc(message)}</p>
<p><a href="/">Back to the start page</a></p>
</main></body></html>"""
    return HTMLResponse(doc, status_code=status)


def _day_field(value: str) -> str:
    """A day as a date field can hold it: ``2025`` and ``2025-06`` (days to the API: their
    first day) become ``2025-01-01`` and ``2025-06-01``; a browser empties a date field given
    anything but YYYY-MM-DD, and the page then asked the API for ''."""
    if re.fullmatch(r"[0-9]{4}(-[0-9]{2})?", value):
        try:
            return parse_date(value).day.isoformat()
        except ValueError:
            return value  # refused by _refusals, in words
    return value


def _input(label: str, name: str, value: str, *, kind: str = "text", extra: str = "") -> str:
    if kind == "date":
        value = _day_field(value)
    return (f'<label>{esc(label)} <input type="{kind}" name="{esc(name)}" id="f-{esc(name)}" '
            f'value="{esc(value)}" {extra}></label>')


def _select(label: str, name: str, value: str, options: tuple[str, ...], *,
            blank: str = "any") -> str:
    opts = [f'<option value="">{esc(blank)}</option>'] if blank else []
    opts += [f'<option value="{esc(o)}"{" selected" if o == value else ""}>'
             f"{esc(o.replace('_', ' '))}</option>" for o in options]
    return (f'<label>{esc(label)} <select name="{esc(name)}" id="f-{esc(name)}">'
            f"{''.join(opts)}</select></label>")


def _slider(on: str) -> str:
    return ('<div class="timeline"><input type="range" id="slider" min="1815" max="2030" '
            f'step="1" value="{esc(on[:4] or "2025")}" aria-label="year">'
            '<button type="button" id="play">▶ play</button>'
            '<span id="slider-label"></span></div>')


@_page("/")
def home(request: Request) -> HTMLResponse:
    body = """<p class="lead">Every security commitment between states since 1815 — who is
bound to defend, guarantee, stay neutral toward, not attack or consult with whom, under which
instrument, with what legal force and from which source — as of any day.</p>
<ul class="cards">
<li><a href="/map?state=EST&amp;on=2025-01-01">Map</a>: a state's commitments on a day,
on today's borders and at every capital of the time.</li>
<li><a href="/network?on=1914-08-01&amp;kind=defense,guarantee">Network</a>: who is bound to
whom on a day, by kind, legal force and region.</li>
<li><a href="/timeline?state=POL&amp;on=1939-09-01">Timeline</a>: drag from 1815 to today;
what changed between two days.</li>
<li><a href="/scenario">Scenario builder</a>: what if X attacks Y — the cascade by rounds and
the odds.</li>
<li><a href="/guarantors?target=UKR&amp;on=2025-01-01&amp;threats=RUS">Guarantor finder</a>:
who could guarantee X, and why.</li>
<li><a href="/instruments">Instruments</a> and <a href="/state/UKR">states</a>: members,
obligations with articles and quotes, sources.</li>
<li><a href="/datasets">Dataset builder</a>: state-years and dyad-years as CSV or Parquet.</li>
</ul>
<p>The same answers over HTTP: <a href="/openapi.json">the JSON API</a>
(<code>/api/v1/…</code>).</p>"""
    return page(request, "home", "foedus explorer", body)


@_page("/map")
def map_page(request: Request) -> HTMLResponse:
    state, on = _q(request, "state", "EST"), _q(request, "on", "2025-01-01")
    body = f"""<form id="controls" class="controls" method="get" action="/map">
{_input("State", "state", state, extra='required maxlength="64"')}
{_input("On", "on", on, kind="date", extra='min="1815-01-01" required')}
{_select("Direction", "direction", _q(request, "direction", "both"),
         ("both", "given", "received"), blank="")}
<button type="submit">Show</button></form>
{_slider(on)}
<div id="map" class="map" role="img" aria-label="world map"></div>
<div id="legend" class="legend"></div>
<div id="summary"></div>"""
    refused = _refusals(request, ("on",), {"direction": ("both", "given", "received")})
    return page(request, "map", "Map of commitments", body, map_scripts=True, refused=refused)


@_page("/network")
def network_page(request: Request) -> HTMLResponse:
    on = _q(request, "on", "2025-01-01")
    body = f"""<form id="controls" class="controls" method="get" action="/network">
{_input("On", "on", on, kind="date", extra='min="1815-01-01" required')}
{_select("Kind", "kind", _q(request, "kind", "defense,guarantee"),
         ("defense,guarantee", *KINDS), blank="any")}
{_select("Legal force", "legal_force", _q(request, "legal_force"), FORCES)}
{_select("Region", "region", _q(request, "region"), REGIONS)}
<button type="submit">Show</button></form>
{_slider(on)}
<div id="network" class="network" role="img" aria-label="commitment network"></div>
<div id="legend" class="legend"></div>
<div id="summary"></div>"""
    refused = _refusals(request, ("on",), {"kind": ("defense,guarantee", *KINDS),
                                            "legal_force": FORCES, "region": REGIONS})
    return page(request, "network", "Network of commitments", body, refused=refused)


@_page("/timeline")
def timeline_page(request: Request) -> HTMLResponse:
    on = _q(request, "on", "1914-08-01")
    body = f"""<form id="controls" class="controls" method="get" action="/timeline">
{_input("State", "state", _q(request, "state", "FRN"), extra='maxlength="64"')}
{_input("On", "on", on, kind="date", extra='min="1815-01-01" required')}
{_select("Kind", "kind", _q(request, "kind", "defense,guarantee"),
         ("defense,guarantee", *KINDS), blank="any")}
<button type="submit">Show</button></form>
{_slider(on)}
<div class="pair"><div><div id="map" class="map small"></div>
<div id="legend" class="legend"></div></div>
<div><div id="network" class="network small"></div>
<div id="legend-net" class="legend"></div></div></div>
<h2>What changed between two days</h2>
<form id="diff-controls" class="controls" method="get" action="/timeline">
{_input("From", "from", _q(request, "from", "1990-11-21"), kind="date")}
{_input("To", "to", _q(request, "to", "2025-01-01"), kind="date")}
<button type="submit">Compare</button></form>
<div id="diff"></div>"""
    refused = _refusals(request, ("on", "from", "to"), {"kind": ("defense,guarantee", *KINDS)})
    return page(request, "timeline", "Timeline 1815–today", body, map_scripts=True,
                refused=refused)


@_page("/instruments")
def instruments_page(request: Request) -> HTMLResponse:
    body = f"""<form id="controls" class="controls" method="get" action="/instruments">
{_input("Search", "search", _q(request, "search"), extra='maxlength="100"')}
{_input("State", "state", _q(request, "state"), extra='maxlength="64"')}
{_input("In force on", "on", _q(request, "on"), kind="date", extra='min="1815-01-01"')}
<button type="submit">Find</button></form>
<div id="results"></div>"""
    return page(request, "instruments", "Instruments", body,
                refused=_refusals(request, ("on",)))


@_page("/instrument/{instrument_id}")
def instrument_page(request: Request, instrument_id: Annotated[
        str, Path(pattern=INSTRUMENT_ID_PATTERN)]) -> HTMLResponse:
    return page(request, "instrument", f"Instrument {instrument_id}",
                '<div id="instrument"></div>', data={"id": instrument_id},
                refused=_refusals(request, choices={"reading": ("curated", "atop")}))


@_page("/state/{state}")
def state_page(request: Request, state: Annotated[str, Path(min_length=1, max_length=64)]
               ) -> HTMLResponse:
    on = _q(request, "on", "2025-01-01")
    body = f"""<form id="controls" class="controls" method="get">
{_input("On", "on", on, kind="date", extra='min="1815-01-01" required')}
<button type="submit">Show</button></form>
<section><h2>Status</h2><div id="status"></div></section>
<section><h2>Commitments received</h2><div id="received"></div></section>
<section><h2>Commitments given</h2><div id="given"></div></section>
<section><h2>Restraint received and given</h2><div id="restraints"></div></section>
<section><h2>Forums and instruments in force</h2><div id="forums"></div></section>"""
    return page(request, "state", f"State {state}", body, data={"state": state},
                refused=_refusals(request, ("on",)))


@_page("/scenario")
def scenario_page(request: Request) -> HTMLResponse:
    body = f"""<form id="scenario-form" class="builder">
<div class="controls">
{_input("On", "date", _q(request, "date", "2025-06-01"), kind="date",
        extra='min="1815-01-01" required')}
{_select("Source", "source", _q(request, "source", "all"), ("all", "registry", "atop"),
         blank="")}
{_input("Draws", "draws", _q(request, "draws", "2000"), kind="number",
        extra=f'min="0" max="{MAX_DRAWS}"')}
{_input("Seed", "seed", _q(request, "seed", "7"), kind="number", extra='min="0"')}
</div>
<fieldset><legend>Attacks</legend><div id="attacks"></div>
<button type="button" id="add-attack">+ attack</button></fieldset>
<fieldset><legend>Edits of the architecture (overlays; the data are never changed)</legend>
<div id="edits"></div><button type="button" id="add-edit">+ edit</button></fieldset>
<button type="submit" id="run">Run scenario</button>
<button type="button" id="save" title="needs the operator's API token">Save…</button>
</form>
<div id="result"></div>"""
    refused = _refusals(request, ("date",), {"source": ("all", "registry", "atop")},
                        {"draws": (0, MAX_DRAWS), "seed": (0, 2**32 - 1)})
    return page(request, "scenario", "Scenario builder: what if X attacks Y", body,
                refused=refused)


@_page("/guarantors")
def guarantors_page(request: Request) -> HTMLResponse:
    body = f"""<form id="controls" class="controls" method="get" action="/guarantors">
{_input("Target", "target", _q(request, "target", "UKR"), extra='required maxlength="64"')}
{_input("On", "on", _q(request, "on", "2025-01-01"), kind="date",
        extra='min="1815-01-01" required')}
{_input("Threats", "threats", _q(request, "threats", "RUS"),
        extra='maxlength="300" placeholder="RUS, BLR"')}
<button type="submit">Find guarantors</button></form>
<div id="result"></div>
<div id="gaps"></div>"""
    return page(request, "guarantors", "Guarantor finder: who could guarantee X", body,
                refused=_refusals(request, ("on",)))


@_page("/datasets")
def datasets_page(request: Request) -> HTMLResponse:
    from foedus.datasets.verbs import VERBS

    boxes = "".join(
        f'<label class="verb" data-units="{esc(",".join(units))}"><input type="checkbox" '
        f'name="verb" value="{esc(name)}"> {esc(name.replace("_", " "))} '
        f'<small>({esc(" / ".join(u.replace("_", "-") for u in units))})</small></label>'
        for name, (_, units) in VERBS.items())
    years = _input("Years", "years", "2000-2010", extra='pattern="[0-9]{4}(-[0-9]{4})?" '
                   'maxlength="9"')
    body = f"""<p>Build peacesciencer-style researcher datasets from the imported data and
download them. The file carries its provenance (Parquet metadata; for CSV, the
<code>X-Foedus-Datasets</code> header names the datasets to cite).</p>
<form id="dataset-form" class="builder" method="get" action="/api/v1/datasets/download">
<div class="controls">
{_select("Unit", "unit", "dyad_year", ("dyad_year", "state_year"), blank="")}
{_select("System", "system", "cow", ("cow", "gw"), blank="")}
{years}
{_select("Format", "format", "csv", ("csv", "parquet"), blank="")}
{_select("Alliances from", "alliances", "atop", ("atop", "registry", "all"), blank="")}
</div>
<fieldset><legend>Add columns (add_* verbs)</legend>{boxes}</fieldset>
<input type="hidden" name="add" id="add-joined" value="">
<button type="submit">Download</button> <a id="download-link" href="#">link</a></form>"""
    return page(request, "datasets", "Dataset builder", body)
