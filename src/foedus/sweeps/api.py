"""``sweep()``: plan, run and write a sweep with its provenance.

Files written for ``-o out.parquet``: ``out.parquet`` (the long per-state outcomes, schema in
:mod:`foedus.sweeps.kernel`), ``out.pairs.parquet`` (one row per pair: expected war size and
each side's expected CINC), and the work folder ``out.parquet.work/`` (graph snapshots and one
file per partition; a rerun skips finished partitions). Both Parquet files carry foedus's
provenance metadata, so ``foedus cite --for out.parquet`` names what they used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from foedus.errors import DataError, InvalidInputError, Problem
from foedus.model.limits import check_draws, check_pairs, check_seed
from foedus.scenario.capability import projected_to_each
from foedus.sources.cite import PARQUET_METADATA_KEY
from foedus.sweeps.honour import honour_scores, model_for, read_notes, write_scores
from foedus.sweeps.kernel import ENGINES, SCHEMA
from foedus.sweeps.plan import Partition, plan
from foedus.sweeps.runners import Progress, collect, run_partitions

if TYPE_CHECKING:
    from foedus.session import Session

__all__ = ["SweepResult", "sweep", "pair_summary", "pairs_path", "read_sweep",
           "read_pair_summary"]


@dataclasses.dataclass
class SweepResult:
    long: pl.DataFrame
    pairs: pl.DataFrame
    partitions: int
    path: Path | None
    meta: dict[str, Any]


def pairs_path(out: Path) -> Path:
    return out.with_name(out.name.removesuffix(".parquet") + ".pairs.parquet")


def _read(path: str | Path, required: Sequence[str]) -> pl.DataFrame:
    """One file a sweep wrote, or a DataError naming it and what is wrong."""
    try:
        frame = pl.read_parquet(path)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise DataError(Problem(str(path), None, None, "not a readable sweep file (written by "
                                f"`foedus sweep -o`): {exc}")) from None
    missing = sorted(set(required) - set(frame.columns))
    if missing:
        raise DataError(Problem(str(path), None, None,
                                f"not a sweep file: no column(s) {', '.join(missing)}"))
    return frame


def read_sweep(sweep: str | Path | pl.DataFrame) -> pl.DataFrame:
    """A sweep's per-state outcomes: the file ``foedus sweep -o`` wrote (a frame passes
    through)."""
    return sweep if isinstance(sweep, pl.DataFrame) else _read(sweep, list(SCHEMA))


def read_pair_summary(sweep: str | Path) -> pl.DataFrame:
    """The per-pair file written beside the sweep file ``sweep``."""
    return _read(pairs_path(Path(sweep)), ["date", "attacker", "target", "expected_war_size"])


def _capability(session: Session, days: Sequence[dt.date]
                ) -> tuple[pl.DataFrame | None, pl.DataFrame | None, str, list[str]]:
    """CINC per (date, state) and CINC projected to each possible theatre per (date, state,
    target) from the imported NMC and capitals, or None with the reason."""
    inputs = session.optional_inputs
    if inputs is None:
        return None, None, "no dataset inputs: capabilities unknown", []
    rows, proj_rows = [], []
    note, used = "", []
    for day in days:
        codes = np.array(sorted(s.ccode for s in session.states.members_on(day)), dtype=np.int64)
        cap, proj = projected_to_each(inputs, codes, day)
        if not cap.known:
            return None, None, cap.note, []
        used = [d for d in cap.datasets if d.endswith("nmc") or d.endswith("capitals")]
        note = (f"CINC of the latest NMC year up to each date (last year {cap.year}); projected "
                "to the target's capital by the loss-of-strength gradient")
        if cap.note:
            note += f"; {cap.note}"
        c32 = codes.astype(np.int32)
        rows.append(pl.DataFrame({"date": [day] * len(codes), "state": c32, "cinc": cap.cinc}))
        n = len(codes)
        proj_rows.append(pl.DataFrame({"date": [day] * (n * n), "state": np.repeat(c32, n),
                                       "target": np.tile(c32, n), "projected": proj.ravel()}))
    frame = pl.concat(rows).with_columns(pl.col("cinc").fill_nan(None))
    projected = pl.concat(proj_rows).with_columns(pl.col("projected").fill_nan(None))
    if projected["projected"].null_count() == projected.height:
        return frame, None, note, used
    return frame, projected, note, used


def pair_summary(long: pl.DataFrame, cinc: pl.DataFrame | None,
                 projected: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per pair: expected war size (sum of p_enter, the two principals included),
    expected defenders (joiners on the target's side) and each side's expected CINC — raw,
    and projected to the target's capital (the theatre), as the scenario engine's balance."""
    lf = long.lazy().select("date", "attacker", "target", "state", "p_enter", "side",
                            "first_round")
    if cinc is not None:
        lf = lf.join(cinc.lazy().cast({"state": pl.Int32}), on=["date", "state"], how="left")
    else:
        lf = lf.with_columns(pl.lit(None, dtype=pl.Float64).alias("cinc"))
    if projected is not None:
        lf = lf.join(projected.lazy().cast({"state": pl.Int32, "target": pl.Int32}),
                     on=["date", "state", "target"], how="left")
    else:
        lf = lf.with_columns(pl.lit(None, dtype=pl.Float64).alias("projected"))
    att = pl.col("side") == "attacker"
    joiner = pl.col("first_round") > 0
    known = {"attacker_side_cinc": cinc is not None, "defender_side_cinc": cinc is not None,
             "attacker_side_projected": projected is not None,
             "defender_side_projected": projected is not None}
    return (lf.group_by("date", "attacker", "target")
            .agg(pl.col("p_enter").sum().alias("expected_war_size"),
                 pl.col("p_enter").filter(~att & joiner).sum().alias("expected_defenders"),
                 pl.col("p_enter").filter(att & joiner).sum().alias("expected_attacker_allies"),
                 (pl.col("p_enter") * pl.col("cinc")).filter(att).sum()
                 .alias("attacker_side_cinc"),
                 (pl.col("p_enter") * pl.col("cinc")).filter(~att).sum()
                 .alias("defender_side_cinc"),
                 (pl.col("p_enter") * pl.col("projected")).filter(att).sum()
                 .alias("attacker_side_projected"),
                 (pl.col("p_enter") * pl.col("projected")).filter(~att).sum()
                 .alias("defender_side_projected"))
            .with_columns([pl.when(pl.lit(ok)).then(pl.col(c)).otherwise(None).alias(c)
                           for c, ok in known.items()])
            .sort("date", "attacker", "target").collect())


def _write(frame: pl.DataFrame, path: Path, meta: dict[str, Any]) -> None:
    frame.write_parquet(path, compression="zstd", compression_level=1, metadata={
        "foedus": json.dumps(meta), PARQUET_METADATA_KEY: json.dumps(meta["datasets"])})


class _Settings:
    """What a work folder was made with (``settings.json``): a rerun resumes it only with the
    same settings and the same commitments on every day, or its finished partitions would be
    mixed with new ones."""

    def __init__(self, work: Path, settings: dict[str, Any]) -> None:
        self.path = work / "settings.json"
        self.work = work
        self.new = {**settings, "graphs": {}}
        self.old: dict[str, Any] | None = (json.loads(self.path.read_text())
                                           if self.path.exists() else None)
        if self.old is not None:
            changed = sorted(k for k in set(self.old) | set(settings)
                             if k != "graphs" and self.old.get(k) != settings.get(k))
            if changed:
                self._refuse([f"{k} {self.old.get(k)!r} -> {settings.get(k)!r}"
                              for k in changed])

    def day(self, day: dt.date, digest: str) -> None:
        """Record a day's graph; refuse when the folder holds that day with other commitments."""
        key = day.isoformat()
        self.new["graphs"][key] = digest
        known = (self.old or {}).get("graphs", {}).get(key)
        if known is not None and known != digest:
            self._refuse([f"the commitments in force on {key} changed"])

    def save(self) -> None:
        graphs = {**(self.old or {}).get("graphs", {}), **self.new["graphs"]}
        self.path.write_text(json.dumps({**self.new, "graphs": graphs}, indent=1,
                                        sort_keys=True))

    def _refuse(self, what: list[str]) -> None:
        raise InvalidInputError(
            f"work folder {self.work} holds a sweep made with other settings "
            f"({'; '.join(what)}): delete the folder to start afresh, or write to another "
            "output")


def _digest(frame: pl.DataFrame) -> str:
    # sorted: the store returns a day's rows in no fixed order; the set of rows is what counts
    rows = np.sort(frame.hash_rows(seed=0).to_numpy()).tobytes() if frame.height else b""
    return hashlib.sha256(rows).hexdigest()[:16]


def sweep(session: Session, days: Sequence[dt.date], *, draws: int = 1000, seed: int = 0,
          engine: str = "cascade", credibility: str = "fitted",
          pairs: Sequence[tuple[int, int]] | None = None, out: Path | None = None,
          workers: int = 1, scheduler: str | None = None, block_size: int = 25,
          progress: Progress | None = None, work: Path | None = None) -> SweepResult:
    """Run every ordered pair alive on each of ``days`` (or only ``pairs``) and, with ``out``,
    write the result files. Same seed, engine and credibility give the same answer on every
    runner. ``credibility`` (cascade engine): ``fitted`` — the scenario engine's model over the
    session's imported datasets — or ``base_rates``."""
    if engine not in ENGINES:
        raise InvalidInputError(f"engine {engine!r}: choose one of {', '.join(ENGINES)}")
    members = {d: [s.ccode for s in session.states.members_on(d)] for d in days}
    most = max((len(m) for m in members.values()), default=0)
    # per pair, a draws × candidates matrix of uniforms (8 bytes) plus its comparison
    check_draws(draws, 9 * most)
    check_seed(seed)
    check_pairs(sum(len(m) * (len(m) - 1) for m in members.values()) if pairs is None
                else len(pairs) * len(days))
    parts: list[Partition] = plan(members, block_size=block_size, pairs=pairs)
    if not parts:
        when = ", ".join(d.isoformat() for d in sorted(members)[:3]) + \
            (" ..." if len(members) > 3 else "")
        what = ("none of the given pairs has both states" if pairs is not None
                else "fewer than two states are")
        raise InvalidInputError(f"nothing to sweep: {what} in the state system on {when} "
                                "(the COW system starts in 1816)")
    tmp = None
    own_work = work is None and out is not None  # OUTPUT.work/: ours to remove on success
    if work is None:
        if out is not None:
            work = out.with_name(out.name + ".work")
        else:
            tmp = tempfile.TemporaryDirectory(prefix="foedus-sweep-")
            work = Path(tmp.name)
    (work / "graphs").mkdir(parents=True, exist_ok=True)
    cascade = engine == "cascade"
    model = model_for(credibility, session.optional_inputs) if cascade else None
    settings = _Settings(work, {"engine": engine, "draws": draws if cascade else 0,
                                "seed": seed, "credibility": credibility if cascade else None})
    notes: list[str] = []
    # one day at a time, uncached: a yearly sweep's 210 graphs need not sit in memory together
    for d in sorted(members):
        path = work / "graphs" / f"{d.isoformat()}.parquet"
        scores = path.with_suffix(".honour.parquet")
        g = session.read_graph(d)
        settings.day(d, _digest(g.edges))
        if not path.exists():
            g.to_parquet(path)
        if model is not None:
            if not scores.exists():
                write_scores(scores, honour_scores(g, model), credibility,
                             list(getattr(model, "notes", []) or []))
            notes += [n for n in read_notes(scores) if n not in notes]
    settings.save()
    files = run_partitions(work, parts, draws=draws, seed=seed, engine=engine,
                           workers=workers, scheduler=scheduler, progress=progress)
    long = collect(files)
    if tmp is not None:
        tmp.cleanup()
    cinc, projected, note, used = _capability(session, sorted(members))
    summary = pair_summary(long, cinc, projected)
    meta: dict[str, Any] = {
        "unit": "sweep", "dates": [d.isoformat() for d in sorted(members)],
        "engine": engine, "draws": draws if cascade else 0, "seed": seed,
        "credibility": (getattr(model, "name", credibility) if model is not None else None),
        "credibility_notes": notes,
        "pairs": summary.height, "partitions": len(parts),
        "capability_note": note,
        "datasets": ["registry", *used],
    }
    if out is not None:
        _write(long, out, meta)
        _write(summary, pairs_path(out), meta)
        if own_work:  # the result is written: nothing left to resume
            shutil.rmtree(work, ignore_errors=True)
    return SweepResult(long, summary, len(parts), out, meta)

