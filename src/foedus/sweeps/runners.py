"""Run a sweep's partitions: in this process, on local processes, or on a Dask cluster.

Why the same function everywhere: :func:`run_partition` reads a Parquet snapshot of the day's
graph (:meth:`~foedus.graph.CommitmentGraph.to_parquet` — never the DuckDB store, which one
writer locks and workers may not see) and writes its result to one Parquet file; a rerun skips
partitions whose file exists, so a stopped sweep resumes. Results never depend on the runner.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import polars as pl
from dask.distributed import Client, LocalCluster
from dask.distributed import as_completed as dask_completed

from foedus.errors import InvalidInputError, UsageError, first_line
from foedus.graph import CommitmentGraph
from foedus.sweeps.honour import read_scores
from foedus.sweeps.kernel import SCHEMA, run_block
from foedus.sweeps.plan import Partition

__all__ = ["run_partition", "run_partitions", "Progress"]

Progress = Callable[[int, int], None]  # (done, total)


def _graph_path(work: Path, p: Partition) -> Path:
    return work / "graphs" / f"{p.day.isoformat()}.parquet"


def run_partition(work: str, p: Partition, draws: int, seed: int, engine: str) -> str:
    """Compute one partition (if its file is not there yet) and return the file's path."""
    root = Path(work)
    out = root / "parts" / f"{p.name}.parquet"
    if out.exists():
        return str(out)
    graph, honour = _cached_graph(str(_graph_path(root, p)))
    frame = run_block(graph, p.attackers, p.targets, draws=draws, seed=seed,
                      engine=engine, honour=honour)  # type: ignore[arg-type]
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    frame.write_parquet(tmp)
    tmp.replace(out)  # atomic: a half-written file is never taken as finished
    return str(out)


_GRAPHS: dict[str, Any] = {}


def _cached_graph(path: str) -> tuple[Any, Any]:
    """The day's graph snapshot and its p(honour) scores (None when the driver wrote none:
    the kernel then uses base rates), read once per worker process."""
    if path not in _GRAPHS:
        if len(_GRAPHS) > 4:
            _GRAPHS.clear()
        _GRAPHS[path] = (CommitmentGraph.from_parquet(path),
                         read_scores(Path(path).with_suffix(".honour.parquet")))
    return _GRAPHS[path]  # type: ignore[no-any-return]


def _connect(scheduler: str) -> Any:
    """A client of the dask.distributed scheduler at ``scheduler``; a one-line error when the
    address is malformed (exit 2) or nothing answers there (exit 1)."""
    try:
        return Client(scheduler)  # type: ignore[no-untyped-call]
    except ValueError as exc:
        raise InvalidInputError(f"scheduler {scheduler!r}: not a scheduler address "
                                f"(e.g. tcp://host:8786, or 'local'): {exc}") from None
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"scheduler {scheduler!r}: cannot connect: {first_line(exc)}") from None


def run_partitions(work: Path, parts: Sequence[Partition], *, draws: int, seed: int,
                   engine: str = "rules", workers: int = 1, scheduler: str | None = None,
                   progress: Progress | None = None) -> list[Path]:
    """Run every partition not yet done; ``scheduler`` is ``None`` (local processes, or this
    process with ``workers == 1``), ``"local"`` (a dask LocalCluster of ``workers``) or a
    dask.distributed scheduler address."""
    (work / "parts").mkdir(parents=True, exist_ok=True)
    total = len(parts)
    todo = [p for p in parts if not (work / "parts" / f"{p.name}.parquet").exists()]
    done = total - len(todo)
    if progress:
        progress(done, total)
    args = (str(work),)
    if scheduler is not None:
        # dask.distributed ships without type hints: its calls are untyped
        cluster = None
        if scheduler == "local":
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=None)
            client = Client(cluster)  # type: ignore[no-untyped-call]
        else:
            client = _connect(scheduler)
        try:
            futures = [client.submit(run_partition, *args, p, draws, seed, engine,
                                     pure=False) for p in todo]
            for fut in dask_completed(futures):  # type: ignore[no-untyped-call]
                fut.result()
                done += 1
                if progress:
                    progress(done, total)
        finally:
            client.close()  # type: ignore[no-untyped-call]
            if cluster is not None:
                cluster.close()
    elif workers > 1 and len(todo) > 1:
        # spawn, not fork: forking a process whose polars thread pool is running deadlocks
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
            futs = [pool.submit(run_partition, *args, p, draws, seed, engine) for p in todo]
            for f in as_completed(futs):
                f.result()
                done += 1
                if progress:
                    progress(done, total)
    else:
        for p in todo:
            run_partition(*args, p, draws, seed, engine)
            done += 1
            if progress:
                progress(done, total)
    return [work / "parts" / f"{p.name}.parquet" for p in parts]


def collect(files: Sequence[Path]) -> pl.DataFrame:
    """The partitions' results as one frame, in a fixed order (runner-independent)."""
    if not files:
        return pl.DataFrame(schema=SCHEMA)
    return (pl.scan_parquet([str(f) for f in files]).cast(SCHEMA)  # type: ignore[arg-type]
            .sort("date", "attacker", "target", "first_round", "state").collect())
