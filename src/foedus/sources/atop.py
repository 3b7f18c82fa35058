"""ATOP 5.1 (Alliance Treaty Obligations and Provisions): read, validate, cite.

Why: ATOP is the field's reference record of alliance obligations 1815-2018, coded per member
and per alliance phase. foedus imports its three primary files as published and derives from
the member file two tables of its own (see :mod:`foedus.sources.atop_commitments`):

* ``member``   -- ``atop5_1m.csv``, one row per member per alliance phase;
* ``alliance`` -- ``atop5_1a.csv``, one row per alliance;
* ``phase``    -- ``atop5_1aph.csv``, one row per alliance phase;
* ``ddy``      -- directed dyad-years ``ccode1 -> ccode2`` (peacesciencer's ``atop_alliance``
  meaning: ccode1 owes the pledge to ccode2), with condition columns;
* ``commitments`` -- dated directed commitments obligor -> beneficiary.

Validation is strict, because a silently mis-read release would corrupt every answer: each
file must carry the expected columns, every row the header's number of fields (a truncated
file fails on its last line), ``version`` must be ``5.1`` on every row, and every coded
variable must be an integer. Errors are :class:`foedus.errors.ImportDataError` naming file,
line (1-based, the header is line 1) and column. Column names are kept as ATOP spells them
(lower case); empty cells are null. ATOP converted its missing code ``-9`` to empty cells
before release; a stray ``-9`` is read as null too.

The member file is also checked for sense (:func:`_check_members`): a member code must be a
COW state code (foedus's bundled state system) or one of the non-COW codes the ATOP codebook
documents (:data:`NON_COW_CODES`), and a member's exit must not precede its entry. Either
would otherwise flow silently into every derived commitment.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from foedus.errors import ImportDataError, Problem
from foedus.model.schema import ATOP_PLEDGES, ATOP_YEARS
from foedus.registry.states import load_state_system
from foedus.sources.atop_commitments import commitments_from_member, ddy_from_member
from foedus.sources.base import (
    Citation,
    DatasetFile,
    DatasetSpec,
    ProgressCallback,
    resolve_files,
)

__all__ = [
    "ATOP_SPEC",
    "ATOP_VERSION",
    "ATOP_CITATION",
    "MEMBER_FILE",
    "NON_COW_CODES",
    "ALLIANCE_FILE",
    "PHASE_FILE",
    "read_atop",
    "read_atop_file",
]

ATOP_VERSION = "5.1"
MEMBER_FILE = "atop5_1m.csv"
ALLIANCE_FILE = "atop5_1a.csv"
PHASE_FILE = "atop5_1aph.csv"
_ZIP_URL = "http://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip"

_OBLIGATIONS = ATOP_PLEDGES
_CONDITIONS = (
    "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr",
    "offcoadv", "offcoloc", "offcocon", "offconum", "offcodem",
    "neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt",
    "concoadv", "concoloc", "concocon", "concoreq", "olimob",
)
_ALLIANCE_LEVEL = (
    "atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "ineffect", "bilat",
    "maxphase", "estmode", "asymm", "specthrt", "statthr1", "statthr2", *_OBLIGATIONS,
    "version",
)
# The columns foedus relies on; the files carry more (kept as they are).
REQUIRED: dict[str, tuple[str, ...]] = {
    MEMBER_FILE: (
        "atopid", "member", "cowsys", "yrent", "moent", "dayent", "yrexit", "moexit",
        "dayexit", "ineffect", "bilat", "phase", "maxphase", "estmode", *_OBLIGATIONS,
        "active", "conditio", "defcon", "offcon", "neucon", "concon", *_CONDITIONS, "asymm",
        "obvary", "specthrt", "statthr1", "statthr2", "version",
    ),
    ALLIANCE_FILE: _ALLIANCE_LEVEL,
    PHASE_FILE: ("atopidphase", "phase", *_ALLIANCE_LEVEL),
}
_NOT_INTEGER = {"version", "atopidphase"}

#: Member codes ATOP uses for states with no COW country code, exactly those its codebook
#: documents (section 1.3 counts ten alliances with a member outside COW's system, and the
#: dyadic-data notes name the one without a code: "the France-Annam dyad. ATOPID 1320 ...
#: Annam is a member of the state-system according to Gleditsch and Ward, but not according
#: to COW, and thus has no 3 digit COW country code"). ATOP codes Annam 8152 in the member
#: file; the other nine use the COW code the state has in other years. Any other code outside
#: the COW list is refused as a mis-typed member.
NON_COW_CODES: dict[int, str] = {8152: "Annam (France-Annam, ATOP 1320, 1874-1883)"}

ATOP_CITATION = Citation(
    key="leeds2002",
    bibtex=(
        "@article{leeds2002,\n"
        "  author  = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin"
        " and Long, Andrew G.},\n"
        "  title   = {Alliance Treaty Obligations and Provisions, 1815-1944},\n"
        "  journal = {International Interactions},\n"
        "  year    = {2002},\n"
        "  volume  = {28},\n"
        "  number  = {3},\n"
        "  pages   = {237--260},\n"
        "  doi     = {10.1080/03050620213653}\n"
        "}"
    ),
    plain=(
        "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. "
        "2002. \"Alliance Treaty Obligations and Provisions, 1815-1944.\" International "
        "Interactions 28(3): 237-60."
    ),
)


def _problem(path: Path, line: int | None, field: str | None, message: str,
             column: int | None = None) -> Problem:
    return Problem(str(path), line, field, message, column)


def _parse_rows(path: Path, text: str) -> tuple[list[str], list[list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ImportDataError(_problem(path, 1, None, "empty file: no header line")) from None
    rows: list[list[str]] = []
    problems: list[Problem] = []
    for i, row in enumerate(reader, start=2):
        if not row:
            problems.append(_problem(path, i, None, "empty line inside the data"))
        elif len(row) != len(header):
            hint = " (file truncated?)" if len(row) < len(header) else ""
            problems.append(_problem(
                path, i, None,
                f"{len(row)} fields where the header has {len(header)}{hint}"))
        else:
            rows.append(row)
        if len(problems) >= 20:
            break
    if problems:
        raise ImportDataError(problems)
    return header, rows


def _check_columns(path: Path, header: Sequence[str], required: Sequence[str]) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportDataError(_problem(
            path, 1, None,
            f"missing column(s) {', '.join(missing)}: not an ATOP {ATOP_VERSION} "
            f"{path.name} file"))


def _typed(path: Path, header: list[str], rows: list[list[str]]) -> pl.DataFrame:
    raw = pl.DataFrame(rows, schema={h: pl.Utf8 for h in header}, orient="row")
    raw = raw.with_columns(pl.all().str.strip_chars().replace("", None))
    version = raw["version"]
    bad = (version.is_null() | (version != ATOP_VERSION)).arg_true()
    if len(bad):
        i = int(bad[0])
        col = header.index("version") + 1
        raise ImportDataError(_problem(
            path, i + 2, "version",
            f"version is {version[i]!r}, expected {ATOP_VERSION!r}: this reader reads ATOP "
            f"{ATOP_VERSION} only", col))
    casts = []
    problems: list[Problem] = []
    for name in header:
        if name in _NOT_INTEGER:
            continue
        parsed = raw[name].cast(pl.Int64, strict=False)
        failed = (parsed.is_null() & raw[name].is_not_null()).arg_true()
        if len(failed):
            i = int(failed[0])
            problems.append(_problem(
                path, i + 2, name, f"not an integer: {raw[name][i]!r}", header.index(name) + 1))
        casts.append(pl.col(name).cast(pl.Int64, strict=False).replace(-9, None))
    if problems:
        raise ImportDataError(problems)
    return raw.with_columns(casts)


def _cow_codes() -> frozenset[int]:
    return frozenset(s.ccode for s in load_state_system())


def _check_members(path: Path, header: list[str], df: pl.DataFrame) -> None:
    """Refuse member rows whose state code or dates cannot be right.

    Why: an unknown code (a typo such as 356 for 365) or an exit before the entry would be
    imported and turn into commitments nobody made, or none at all, without a word.

    * ``member`` must be a COW code or one of :data:`NON_COW_CODES`;
    * the exit (``yrexit``/``moexit``/``dayexit``, 0 = in effect on 2018-12-31) must not
      precede the entry. An unknown day (null) is compared at month precision: only a
      difference the known fields prove is refused.
    """
    problems: list[Problem] = []
    allowed = _cow_codes() | NON_COW_CODES.keys()
    col_member = header.index("member") + 1
    for i, code in enumerate(df["member"].to_list()):
        if code is not None and code not in allowed:
            problems.append(_problem(
                path, i + 2, "member",
                f"member code {code} is neither a COW state code nor a non-COW code the ATOP "
                f"codebook documents ({', '.join(map(str, NON_COW_CODES))})", col_member))
    dates = df.select("yrent", "moent", "dayent", "yrexit", "moexit", "dayexit").rows()
    for i, (ye, me, de, yx, mx, dx) in enumerate(dates):
        if not yx or ye is None:
            continue
        entry, exit_ = (ye, me or 0), (yx, mx or 0)
        both_days = de is not None and dx is not None and me and mx
        if exit_ < entry or (exit_ == entry and both_days and dx < de):
            field = "yrexit" if yx < ye else "moexit" if exit_ < entry else "dayexit"
            day = f"{yx}-{mx or 0:02d}-{dx or 0:02d}".replace("-00", "")
            start = f"{ye}-{me or 0:02d}-{de or 0:02d}".replace("-00", "")
            problems.append(_problem(
                path, i + 2, field,
                f"exit {day} precedes entry {start}", header.index(field) + 1))
        if len(problems) >= 20:
            break
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise ImportDataError(problems[:20])


def read_atop_file(path: Path, file: DatasetFile | None = None,
                   progress: ProgressCallback | None = None) -> pl.DataFrame:
    """Read and validate one ATOP 5.1 release file (member, alliance or phase level).

    Raises :class:`ImportDataError` naming file, line and column for a missing column, a
    short (truncated) line, a wrong ``version`` or a non-integer code.
    """
    path = Path(path)
    name = file.name if file is not None else path.name
    key = next((k for k in REQUIRED if k.lower() == name.lower()), None)
    if key is None:
        raise ImportDataError(_problem(
            path, None, None, f"not an ATOP {ATOP_VERSION} release file (expected one of "
            f"{', '.join(REQUIRED)})"))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportDataError(_problem(path, None, None, f"not UTF-8 text: {exc}")) from None
    header, rows = _parse_rows(path, text)
    _check_columns(path, header, REQUIRED[key])
    df = _typed(path, header, rows)
    if key == MEMBER_FILE:
        _check_members(path, header, df)
    if file is not None and file.rows is not None and df.height != file.rows:
        raise ImportDataError(_problem(
            path, df.height + 1, None,
            f"{df.height} data rows, the ATOP {ATOP_VERSION} release has {file.rows} "
            "(truncated or edited file?)"))
    if progress is not None:
        progress(f"read {path.name}", df.height, df.height)
    return df


def read_atop(path: Path, progress: ProgressCallback | None = None) -> dict[str, pl.DataFrame]:
    """Read an ATOP 5.1 folder (or one release file) into named tables.

    From a folder: ``member``, ``alliance``, ``phase`` as published, plus the derived ``ddy``
    and ``commitments`` (:mod:`foedus.sources.atop_commitments`). From a single file: that
    file's table only (plus ``ddy`` and ``commitments`` when it is the member file).
    """
    tables: dict[str, pl.DataFrame] = {}
    for f, p in resolve_files(ATOP_SPEC.files, Path(path)):
        tables[f.table] = read_atop_file(p, f, progress)
    if "member" in tables:
        tables["ddy"] = ddy_from_member(tables["member"])
        tables["commitments"] = commitments_from_member(tables["member"], tables.get("phase"))
        if progress is not None:
            progress("derived ddy and commitments", 1, 1)
    return tables


ATOP_SPEC = DatasetSpec(
    name="atop",
    version=ATOP_VERSION,
    title="Alliance Treaty Obligations and Provisions (ATOP)",
    citations=(ATOP_CITATION,),
    coverage=ATOP_YEARS,
    files=(
        DatasetFile(
            name=MEMBER_FILE, table="member",
            sha256="0e3c803f65275c3cb9309d08c04710416dff16aee936c8b4f887c7b67ee5b55b",
            url=_ZIP_URL, rows=2510, member=MEMBER_FILE),
        DatasetFile(
            name=ALLIANCE_FILE, table="alliance",
            sha256="eafd146fa5c5bc2737ae829288c87d01c990a55fbc82dcc2dc08b94c0d7b5b7d",
            url=_ZIP_URL, rows=789, member=ALLIANCE_FILE),
        DatasetFile(
            name=PHASE_FILE, table="phase",
            sha256="828ed77daf341ea377f75e042c2e51e4e6ccb0515e058db6355a89f8aebb0fcf",
            url=_ZIP_URL, rows=849, member=PHASE_FILE),
    ),
    reader=read_atop,
    homepage="http://www.atopdata.org/data.html",
    terms="Free for research use with citation (ATOP project, atopdata.org).",
    notes=(
        "Tables member/alliance/phase are the release files; ddy and commitments are derived "
        "by foedus (docs/atop.md). ATOP dates are signature dates; coverage ends 2018-12-31."
    ),
)
