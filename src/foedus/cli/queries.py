"""The read commands: commitments, defenders, instruments, instrument, forums, diff.

Display only: each asks one engine question — the :mod:`foedus.query` function that the
:class:`~foedus.api.Foedus` method of the same name calls, on a plain
:class:`~foedus.session.Session`, so that a fresh process does not import the other questions'
engines — and shows the answer's ``to_json()``, kept by :mod:`foedus.cli.answer_cache` for
the next time it is asked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import click

from foedus.cli.answer_cache import answer
from foedus.cli.output import (
    COMMITMENT_COLUMNS,
    GROUP_COLUMNS,
    Col,
    commitment_row,
    commitment_table,
    console,
    emit,
    handle_errors,
    output_options,
    period,
    plural,
    print_json,
)
from foedus.model.schema import SOURCES

#: ``--wide``: one row per commitment; the parties and the instrument are what was asked
WIDE_COLUMNS: list[str | Col] = [
    Col("from", "key"), Col("to", "key"), Col("kind"), Col("strength", "drop"),
    Col("legal_force", header="legal force"), Col("instrument", "key"), Col("article", "drop"),
    Col("conditions", "drop"), Col("valid_from", "drop", "from day"),
    Col("valid_to", "drop", "to day"), Col("source", "drop")]

__all__ = ["QUERY_COMMANDS"]

SOURCE = click.option("--source", type=click.Choice(list(SOURCES)),
                      default="all", show_default=True,
                      help="Curated registry, ATOP alone (if imported), or both (the "
                           "registry wins for the alliances it records).")
ON = click.option("--on", "on", default=None,
                  help="Day YYYY-MM-DD (YYYY-MM or YYYY: its first day); default today.")
KINDS = ["defense", "offense", "neutrality", "nonaggression", "consultation", "guarantee",
         "assurance", "military_aid", "force_limit", "inspection"]


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
    day = on if on is not None else _today()  # "" is a bad day, not today
    payload = answer("commitments", state=state, on=day, direction=direction, kind=kind,
                     source=source, partner=partner)
    if as_json:
        print_json(payload)
        return
    entries = payload["commitments"] + payload["presumed"]
    st = payload["state"]
    who = st["abb"]
    title = f"Commitments of {st['name']} ({who}, {st['ccode']}) ({direction}) on {payload['on']}"
    if payload["with"] is not None:
        title += f" with {payload['with']['abb']}"
    if as_csv or wide:
        emit(payload, [commitment_row(e) for e in entries],
             COMMITMENT_COLUMNS if as_csv else WIDE_COLUMNS, as_json=False, as_csv=as_csv,
             title=title)
    else:
        given = [e for e in entries if e["from"]["abb"] == who]
        received = [e for e in entries if e["to"]["abb"] == who]
        sections: list[tuple[Any, ...]] = []
        if direction in ("given", "both"):
            n = len({e["to"]["abb"] for e in given})
            sections.append((f"Given by {who}: {plural(len(given), 'commitment')} to "
                             f"{plural(n, 'state')}", *commitment_table(given, "to")))
        if direction in ("received", "both"):
            n = len({e["from"]["abb"] for e in received})
            sections.append((f"Received by {who}: {plural(len(received), 'commitment')} "
                             f"from {plural(n, 'state')}", *commitment_table(received, "from")))
        emit(payload, [], GROUP_COLUMNS, as_json=False, as_csv=False, sections=sections,
             empty="none", heading=title)
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
    day = on if on is not None else _today()  # "" is a bad day, not today
    payload = answer("defenders", target=target, attacker=attacker, on=day, source=source)
    if as_json:
        print_json(payload)
        return
    head = f"{payload['target']['abb']} attacked by {payload['attacker']['abb']} on " \
           f"{payload['on']}"
    sections: list[tuple[Any, ...]] = []
    if as_csv or wide:
        cols: list[str | Col] = (["state", "to", *COMMITMENT_COLUMNS[2:], "side"] if as_csv
                                 else [Col("state", "key"), *WIDE_COLUMNS[1:],
                                       Col("side", "drop")])
        sections = [(k if as_csv else name, [commitment_row(e) for e in payload[k]])
                    for k, name in DEFENDER_SECTIONS.items()]
    else:
        cols = GROUP_COLUMNS
        for k, name in DEFENDER_SECTIONS.items():
            states = {e["state"]["abb"] for e in payload[k]}
            sections.append((f"{name}: {plural(len(states), 'state')}" if states else name,
                             *commitment_table(payload[k], "from")))
    emit(payload, [], cols, as_json=False, as_csv=as_csv, sections=sections, empty="none",
         heading="" if as_csv else head)
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
    payload = answer("instruments", state=state, on=on, search=search)
    found: list[dict[str, Any]] = payload["instruments"]
    cols: list[str | Col] = [Col("id", "key"), Col("short", "drop"), Col("type", "drop"),
                             Col("legal_force", header="legal force"),
                             Col("period", header="in force")]
    if wide or as_csv:
        cols = ["id", "name", "short", "type", "legal_force", "forum", "signed", "in_force",
                "terminated", "coded_by", "presumed"]
    mark = " [presumed: ATOP ends 2018]"
    rows = found if as_csv or as_json else [
        {**r, "type": _words(r.get("type")), "legal_force": _words(r.get("legal_force")),
         "name": r["name"] + (mark if r.get("presumed") else ""),
         "short": (r.get("short") or "") + (mark if r.get("presumed") else ""),
         "period": period(r.get("in_force"), r.get("terminated"))}
        for r in found]
    emit(payload, rows, cols, as_json=as_json, as_csv=as_csv,
         title=f"Instruments: {len(found)}")

    if not (as_json or as_csv) and search:
        _print_life([i for i in found if i.get("life")][:10])

def life_line(e: dict[str, Any]) -> str:
    """One life event in words: ``2023-11-07 withdrawal: RUS (effective ...)``."""
    who = ", ".join(s["abb"] for s in e["states"]) or "all parties"
    found = ", ".join(f["abb"] if isinstance(f, dict) else f for f in e["found_by"])
    text = f"{e['on']} {e['type']}{'' if e['formal'] else ' (announced, political)'}: {who}"
    if found:
        text += f", found by {found}"
    if e.get("effective"):
        text += f" (effective {e['effective']})"
    return text


def _print_life(instruments: list[dict[str, Any]]) -> None:
    """The dated life of the instruments found (withdrawals, suspensions, violations...)."""
    from rich.markup import escape

    out = console()
    for inst in instruments:
        out.print(f"[bold]{escape(inst['short'])}[/bold] ({inst['id']}): life")
        for e in inst["life"]:
            out.print(f"  {escape(life_line(e))}")


def _words(value: Any) -> Any:
    """An enum value as words a table can wrap (``executive_agreement``: two words)."""
    return value.replace("_", " ") if isinstance(value, str) else value


@click.command("instrument")
@click.argument("instrument_id")
@click.option("--atop", "atop_reading", is_flag=True,
              help="ATOP's own reading (coded by ATOP), even where a curated file covers it.")
@output_options
@handle_errors
def instrument_cmd(instrument_id: str, atop_reading: bool, as_json: bool, as_csv: bool,
                   wide: bool) -> None:
    """Everything recorded about one instrument (atop-N: ATOP's alliance N)."""
    reading: Literal["atop", "curated"] = "atop" if atop_reading else "curated"
    data = answer("instrument", instrument_id=instrument_id, reading=reading)
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
    members: list[str | Col] = [Col("state", "key"), "role", "from", "to"]
    emit(data, data["members"], [*members, "note"] if wide else members, as_json=False,
         as_csv=False, title=f"Members: {len(data['members'])}")
    emit(data, obligations, [Col("article", "key"), "kind", "strength", "parties",
                             Col("quote", "drop")],
         as_json=False, as_csv=False, title=f"Obligations: {len(obligations)}")
    emit(data, data["sources"], [Col("url"), Col("title", "drop")], as_json=False,
         as_csv=False, title="Sources")


@click.command()
@click.argument("a")
@click.argument("b")
@ON
@output_options
@handle_errors
def forums(a: str, b: str, on: str | None, as_json: bool, as_csv: bool, wide: bool) -> None:
    """Institutions and forums both A and B belong to."""
    day = on if on is not None else _today()  # "" is a bad day, not today
    payload = answer("forums", a=a, b=b, on=day)
    emit(payload, payload["forums"], [Col("id", "key"), Col("short", "drop"), "type",
                                      Col("in_force", header="in force")], as_json=as_json,
         as_csv=as_csv, title=f"Forums shared by {payload['a']['abb']} and "
                              f"{payload['b']['abb']} on {payload['on']}")


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
    payload = answer("diff", start=start, end=end, state=state, source=source)
    if as_json:
        print_json(payload)
        return
    parts = (("Appeared", payload["appeared"]), ("Ended", payload["ended"]))
    sections: list[tuple[Any, ...]]
    if as_csv or wide:
        sections = [(name, [commitment_row(e) for e in rows]) for name, rows in parts]
        cols = COMMITMENT_COLUMNS if as_csv else WIDE_COLUMNS
    else:
        sections = [(f"{name}: {plural(len(rows), 'commitment')}" if rows else name,
                     _pairs(rows)) for name, rows in parts]
        cols = GROUP_COLUMNS
    emit(payload, [], cols, as_json=False, as_csv=as_csv, sections=sections, empty="none",
         heading="" if as_csv else f"Between {payload['from']} and {payload['to']}")


def _pairs(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Diff entries grouped like the other tables; each group's obligor→beneficiary pairs
    written compactly (``POL → USA CAN UKG; USA CAN → POL``)."""
    groups: dict[tuple[Any, ...], list[tuple[str, str]]] = {}
    for e in entries:
        key = (e["instrument"]["id"], e.get("article") or "", _promise_text(e))
        groups.setdefault(key, []).append((e["from"]["abb"], e["to"]["abb"]))
    return [{"instrument": inst, "article": article,
             "promise": f"{article}: {promise}" if article else promise,
             "states": _compact(pairs)} for (inst, article, promise), pairs in groups.items()]


def _promise_text(e: dict[str, Any]) -> str:
    from foedus.cli.output import _promise

    return _promise(e)


def _compact(pairs: list[tuple[str, str]]) -> str:
    """Pairs as stars: repeatedly the state in the most remaining pairs, with its partners."""
    left = list(dict.fromkeys(pairs))
    n = len(left)
    parts = []
    while left:
        count: dict[tuple[int, str], int] = {}
        for a, b in left:
            count[(0, a)] = count.get((0, a), 0) + 1
            count[(1, b)] = count.get((1, b), 0) + 1
        (side, hub), _ = max(count.items(), key=lambda kv: kv[1])
        mine = [p for p in left if p[side] == hub]
        others = " ".join(p[1 - side] for p in mine)
        parts.append(f"{hub} → {others}" if side == 0 else f"{others} → {hub}")
        left = [p for p in left if p[side] != hub]
    return (f"{n} pairs: " if n > 1 else "") + "; ".join(parts)


QUERY_COMMANDS = (commitments, defenders, instruments_cmd, instrument_cmd, forums, diff)
