"""The read commands: commitments, defenders, instruments, instrument, forums, diff.

Display only: each calls one Foedus method and shows the answer's ``to_json()``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from foedus.cli.output import (
    COMMITMENT_COLUMNS,
    GROUP_COLUMNS,
    commitment_row,
    console,
    emit,
    grouped_rows,
    handle_errors,
    output_options,
    print_json,
)
from foedus.model.schema import SOURCES

__all__ = ["QUERY_COMMANDS"]

SOURCE = click.option("--source", type=click.Choice(list(SOURCES)),
                      default="all", show_default=True,
                      help="Curated registry, ATOP alone (if imported), or both (the "
                           "registry wins for the alliances it records).")
ON = click.option("--on", "on", default=None,
                  help="Day YYYY-MM-DD (YYYY-MM or YYYY: its first day); default today.")
KINDS = ["defense", "offense", "neutrality", "nonaggression", "consultation", "guarantee",
         "assurance", "military_aid"]


def _session() -> Any:
    from foedus.api import Foedus

    return Foedus()


def _today() -> str:
    return dt.date.today().isoformat()


def _note_unknown(payload: dict[str, Any]) -> None:
    if payload.get("unknown"):
        console(stderr=True).print(
            f"note: {', '.join(payload['unknown'])} does not cover {payload['on']}: its "
            "alliances are unknown on that day, not absent"
            + (" (those in force when it ends are listed as presumed)."
               if payload.get("presumed") else "."))


@click.command()
@click.argument("state")
@ON
@click.option("--direction", type=click.Choice(["given", "received", "both"]), default="both",
              show_default=True)
@click.option("--kind", type=click.Choice(KINDS, case_sensitive=False), default=None,
              help="Only this kind.")
@click.option("--with", "partner", default=None, metavar="STATE",
              help="Only commitments between STATE and this partner.")
@SOURCE
@output_options
@handle_errors
def commitments(state: str, on: str | None, direction: str, kind: str | None,
                partner: str | None, source: Any, as_json: bool, as_csv: bool,
                wide: bool) -> None:
    """Commitments STATE gives or receives on a day."""
    with _session() as s:
        ans = s.commitments(state, on or _today(), direction=direction, kind=kind,
                            source=source, partner=partner)
    payload = ans.to_json()
    if as_json:
        print_json(payload)
        return
    entries = payload["commitments"] + payload["presumed"]
    who = ans.state.abb
    named = f"{ans.state.name_on(ans.on)} ({ans.state.abb}, {ans.state.ccode})"
    title = f"Commitments of {named} ({direction}) on {ans.on}"
    if ans.partner is not None:
        title += f" with {ans.partner.abb}"
    if as_csv or wide:
        emit(payload, [commitment_row(e) for e in entries], COMMITMENT_COLUMNS,
             as_json=False, as_csv=as_csv, title=title)
    else:
        given = [e for e in entries if e["from"]["abb"] == who]
        received = [e for e in entries if e["to"]["abb"] == who]
        sections = []
        if direction in ("given", "both"):
            sections.append((f"{title} — given by {who} to ({len(given)})",
                             grouped_rows(given, "to")))
        if direction in ("received", "both"):
            sections.append((f"{title} — received by {who} from ({len(received)})",
                             grouped_rows(received, "from")))
        emit(payload, [], GROUP_COLUMNS, as_json=False, as_csv=False, sections=sections,
             empty="none")
    _note_unknown(payload)


DEFENDER_SECTIONS = {"bound": "Bound to defend", "consult": "Owing consultation",
                     "aid": "Owing military aid", "neutral": "Bound to neutrality",
                     "assurances": "Political assurances (no legal duty)",
                     "restraint": "Assurances of restraint (not support)",
                     "dormant": "Dormant (in force, formal only: never bound)",
                     "presumed": "Presumed in force (ATOP ends 2018; no termination recorded)",
                     "conflicted": "Conflicts of obligation",
                     "violated": "Owed by the attacker to the target"}


@click.command()
@click.argument("target")
@click.option("--against", "attacker", required=True, help="The attacking state.")
@ON
@SOURCE
@output_options
@handle_errors
def defenders(target: str, attacker: str, on: str | None, source: Any, as_json: bool,
              as_csv: bool, wide: bool) -> None:
    """Who an armed attack by ATTACKER on TARGET would engage, and how firmly."""
    with _session() as s:
        ans = s.defenders(target, attacker, on or _today(), source=source)
    payload = ans.to_json()
    if as_json:
        print_json(payload)
        return
    head = f"{ans.target.abb} attacked by {ans.attacker.abb} on {ans.on}"
    if as_csv or wide:
        cols = ["state", "to", *COMMITMENT_COLUMNS[2:], "side"]
        sections = [(k if as_csv else f"{name} — {head}",
                     [commitment_row(e) for e in payload[k]])
                    for k, name in DEFENDER_SECTIONS.items()]
    else:
        cols = GROUP_COLUMNS
        sections = []
        for k, name in DEFENDER_SECTIONS.items():
            states = {e["state"]["abb"] for e in payload[k]}
            sections.append((f"{name} — {head} ({len(states)} states)",
                             grouped_rows(payload[k], "from")))
    emit(payload, [], cols, as_json=False, as_csv=as_csv, sections=sections, empty="none")
    _note_unknown(payload)
    if not as_csv:
        from foedus.cli.status import print_target_status

        print_target_status(payload)


@click.command("instruments")
@click.option("--state", default=None, help="Only instruments this state is a member of.")
@click.option("--on", "on", default=None, help="Only instruments in force on this day.")
@click.option("--search", default=None, help="Text to find in id, name or notes.")
@output_options
@handle_errors
def instruments_cmd(state: str | None, on: str | None, search: str | None, as_json: bool,
                    as_csv: bool, wide: bool) -> None:
    """List instruments: the curated registry's and, once ATOP is imported, ATOP's alliances
    (ids atop-N, coded by ATOP) that no curated file covers."""
    with _session() as s:
        ans = s.instruments(state=state, on=on, search=search)
    rows = [{**i, "name": i["name"] + (" [presumed: ATOP ends 2018]" if i["presumed"] else "")}
            for i in ans.instruments]
    cols = ["id", "name", "in_force", "terminated"]
    if wide or as_csv:
        cols = ["id", "name", "short", "type", "legal_force", "forum", "signed", "in_force",
                "terminated", "coded_by", "presumed"]
    emit(ans.to_json(), ans.instruments if as_csv else rows, cols, as_json=as_json,
         as_csv=as_csv, title=f"Instruments ({len(ans)})")


@click.command("instrument")
@click.argument("instrument_id")
@click.option("--atop", "atop_reading", is_flag=True,
              help="ATOP's own reading (coded by ATOP), even where a curated file covers it.")
@output_options
@handle_errors
def instrument_cmd(instrument_id: str, atop_reading: bool, as_json: bool, as_csv: bool,
                   wide: bool) -> None:
    """Everything recorded about one instrument (atop-N: ATOP's alliance N)."""
    with _session() as s:
        data = s.instrument(instrument_id, "atop" if atop_reading else "curated").to_json()
    if as_json or as_csv:
        emit(data, data["members"], ["state", "role", "from", "to"], as_json=as_json,
             as_csv=as_csv)
        return
    from rich.markup import escape

    out = console()
    out.print(f"[bold]{escape(data['name'])}[/bold] ({data['id']}, {escape(data['short'])})")
    dates = ", ".join(f"{k.replace('_', ' ')} {data[k]}" for k in
                      ("signed", "in_force", "terminated") if data[k])
    out.print(f"type {data['type']}, legal force {data['legal_force']}; {dates}")
    out.print(f"coded by {data['coded_by']}" + (
        f" (ATOP {data['atop']['atopid']}; codesheet {data['atop']['codesheet']})"
        if data.get("atop") else ""))
    for r in data.get("atop_readings") or []:
        out.print(f"ATOP's reading: {r['id']} — {escape(r['name'])} "
                  f"(foedus instrument {r['id']} --atop)")
    if data.get("atop") and data["atop"]["covered_by"]:
        out.print("curated file: " + ", ".join(data["atop"]["covered_by"]))
    if data.get("notes"):
        out.print(escape(data["notes"]))
    if len(data.get("phases") or []) > 1:
        emit(data, data["phases"], ["phase", "from", "to", "pledges"], as_json=False,
             as_csv=False, title="Phases (ATOP)")

    def side(xs: list[Any]) -> str:
        return ", ".join(x["abb"] if isinstance(x, dict) else str(x) for x in xs)

    def against(o: dict[str, Any]) -> str:
        adv = o["conditions"]["adversaries"]
        return f" (against {side(adv)})" if adv else ""

    obligations = [{**o, "parties": o.get("among") or
                    f"{side(o['obligors'])} → {side(o['beneficiaries'])}",
                    "quote": (o.get("quote") or o.get("note") or "") + against(o)}
                   for o in data["obligations"]]
    emit(data, data["members"], ["state", "role", "from", "to", "note"] if wide else
         ["state", "role", "from", "to"], as_json=False, as_csv=False,
         title=f"Members ({len(data['members'])})")
    emit(data, obligations, ["article", "kind", "strength", "parties", "quote"],
         as_json=False, as_csv=False, title="Obligations")
    emit(data, data["sources"], ["url", "title"], as_json=False, as_csv=False,
         title="Sources")


@click.command()
@click.argument("a")
@click.argument("b")
@ON
@output_options
@handle_errors
def forums(a: str, b: str, on: str | None, as_json: bool, as_csv: bool, wide: bool) -> None:
    """Institutions and forums both A and B belong to."""
    with _session() as s:
        ans = s.forums(a, b, on or _today())
    payload = ans.to_json()
    emit(payload, payload["forums"], ["id", "short", "type", "in_force"], as_json=as_json,
         as_csv=as_csv, title=f"Forums shared by {ans.a.abb} and {ans.b.abb} on {ans.on}")


@click.command()
@click.option("--from", "start", required=True, help="Earlier day.")
@click.option("--to", "end", required=True, help="Later day.")
@click.option("--state", default=None, help="Only commitments given or received by STATE.")
@SOURCE
@output_options
@handle_errors
def diff(start: str, end: str, state: str | None, source: Any, as_json: bool,
         as_csv: bool, wide: bool) -> None:
    """Commitments that appeared or ended between two days."""
    with _session() as s:
        ans = s.diff(start, end, state=state, source=source)
    payload = ans.to_json()
    if as_json:
        print_json(payload)
        return
    parts = (("Appeared", payload["appeared"]), ("Ended", payload["ended"]))
    if as_csv or wide:
        sections = [(f"{name} {ans.start} → {ans.end}", [commitment_row(e) for e in rows])
                    for name, rows in parts]
        cols = COMMITMENT_COLUMNS
    else:
        sections = [(f"{name} {ans.start} → {ans.end} ({len(rows)})",
                     [{**r, "states": r["states"]} for r in _pairs(rows)])
                    for name, rows in parts]
        cols = GROUP_COLUMNS
    emit(payload, [], cols, as_json=False, as_csv=as_csv, sections=sections, empty="none")


def _pairs(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Diff entries grouped like the other tables, listing obligor→beneficiary pairs."""
    labelled = [{**e, "pair": {"abb": f"{e['from']['abb']}→{e['to']['abb']}"}} for e in entries]
    return grouped_rows(labelled, "pair")


QUERY_COMMANDS = (commitments, defenders, instruments_cmd, instrument_cmd, forums, diff)
