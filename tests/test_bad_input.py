"""Every command with bad values for its options: one line of error, the documented exit code,
never a traceback.

README "Exit codes": 1 the question cannot be answered (unknown state, bad date, missing
dataset, busy, damaged or read-only store); 2 an invalid command line (an unknown choice, a
bad option, a reversed range, a size over the limit) or invalid data (a file's problems, each
with file and line). Each case below runs the command in-process (click's runner) and fails if
the command raised anything but ``SystemExit``, printed more than one line on stderr (a data
file's problems are one line each), or exited with another code.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from foedus.cli import main

REPO = Path(__file__).resolve().parents[1]
SCENARIO = REPO / "docs" / "examples" / "scenarios" / "estonia-2025.yaml"
TOO_LATE = f"{dt.date.today().year + 11}-01-01"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    d = tmp_path_factory.mktemp("bad")
    text = SCENARIO.read_text(encoding="utf-8")
    day = next(line for line in text.splitlines() if line.startswith("date:"))
    out = {"out": str(d / "out.parquet"), "dir": str(d), "txt": str(d / "out.txt")}
    for name, new in (("feb30", "date: 2023-02-30"), ("late", f"date: {TOO_LATE}"),
                      ("early", "date: 1700-01-01")):
        (d / f"{name}.yaml").write_text(text.replace(day, new), encoding="utf-8")
        out[name] = str(d / f"{name}.yaml")
    assert text.rstrip().endswith("seed: 7")  # the model mapping is last: append to it
    (d / "nanweight.yaml").write_text(text.rstrip() + "\n  weights: {base_rate: .nan}\n",
                                      encoding="utf-8")
    out["nanweight"] = str(d / "nanweight.yaml")
    (d / "notyaml.yaml").write_text("date: [1, 2\n  - :", encoding="utf-8")
    out["notyaml"] = str(d / "notyaml.yaml")
    (d / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    out["binary"] = str(d / "binary.yaml")
    (d / "pairs.csv").write_text("attacker,target\nRUS,NOSUCH\n", encoding="utf-8")
    out["pairs"] = str(d / "pairs.csv")
    (d / "short.token").write_text("abc\n", encoding="utf-8")
    out["token"] = str(d / "short.token")
    (d / "notparquet.parquet").write_text("not parquet", encoding="utf-8")
    out["notparquet"] = str(d / "notparquet.parquet")
    reg = d / "registry"
    reg.mkdir()
    (reg / "broken.toml").write_text('id = "broken"\nname = [\n', encoding="utf-8")
    out["registry"] = str(reg)
    (d / "empty").mkdir()
    out["empty"] = str(d / "empty")
    (d / "good-pairs.csv").write_text("attacker,target\nRUS,EST\n", encoding="utf-8")
    out["goodpairs"] = str(d / "good-pairs.csv")
    (d / "empty.token").write_text("", encoding="utf-8")
    out["emptytoken"] = str(d / "empty.token")
    return out


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Any:
    home = tmp_path_factory.mktemp("badhome")
    runner = CliRunner()

    def invoke(args: list[str]) -> Any:
        return runner.invoke(main, args, env={"FOEDUS_HOME": str(home), "COLUMNS": "80"})

    return invoke


# (arguments, exit code); "{name}" is replaced by a file of the `files` fixture
CASES: list[tuple[tuple[str, ...], int]] = [
    # read commands: dates, states, choices
    (("commitments", "EST", "--on", "2023-02-30"), 1),
    (("commitments", "EST", "--on", TOO_LATE), 1),
    (("commitments", "EST", "--on", "1700-01-01"), 1),
    (("commitments", "EST", "--on", "yesterday"), 1),
    (("commitments", "EST", "--on", ""), 1),  # was read as today
    (("defenders", "EST", "--against", "RUS", "--on", ""), 1),
    (("forums", "FRN", "UKG", "--on", ""), 1),
    (("forums", "FRN", "FRN", "--on", "2020-01-01"), 1),
    (("commitments", "NOSUCH", "--on", "2020-01-01"), 1),
    (("commitments", "EST", "--on", "2020-01-01", "--with", "NOSUCH"), 1),
    (("commitments", "EST", "--kind", "bogus"), 2),
    (("commitments", "EST", "--direction", "sideways"), 2),
    (("commitments", "EST", "--source", "wiki"), 2),
    (("commitments", "EST", "--json", "--csv"), 2),
    (("commitments",), 2),
    (("defenders", "EST"), 2),
    (("defenders", "EST", "--against", "NOSUCH", "--on", "2020-01-01"), 1),
    (("defenders", "EST", "--against", "RUS", "--on", "2023-13-01"), 1),
    (("defenders", "GMY", "--against", "RUS", "--on", "1950-01-01"), 1),
    (("status", "NOSUCH"), 1),
    (("status", "AUS", "--on", "1960-02-30"), 1),
    (("instruments", "--state", "NOSUCH"), 1),
    (("instruments", "--on", "2023-02-30"), 1),
    (("instrument", "no-such-instrument"), 1),
    (("instrument", "atop-²"), 1),  # str.isdigit() is true of '²'; int() is not
    (("commitments", "²", "--on", "2020-01-01"), 1),
    (("commitments", "٢", "--on", "2020-01-01"), 1),  # not COW code 2 (the United States)
    (("commitments", "EST", "--on", "٢٠٢٠-٠١-٠١"), 1),  # other scripts' digits: not a day
    (("forums", "FRN", "NOSUCH", "--on", "2020-01-01"), 1),
    (("forums", "FRN", "UKG", "--on", TOO_LATE), 1),
    (("diff", "--from", "2023-02-30", "--to", "2024-01-01"), 1),
    (("diff", "--from", "2000-01-01", "--to", TOO_LATE), 1),
    (("diff", "--from", "2000-01-01"), 2),
    (("diff", "--from", "2000-01-01", "--to", "2010-01-01", "--state", "NOSUCH"), 1),
    # registry, store, data
    (("check", "--registry", "/nonexistent/registry"), 2),
    (("data", "import", "nosuch", "{dir}"), 1),
    (("data", "import", "atop", "/nonexistent/atop"), 2),
    (("data", "import", "atop", "{empty}"), 2),
    (("data", "fetch", "nosuch"), 1),
    (("data", "status", "--json", "--csv"), 2),
    (("cite",), 1),
    (("cite", "nosuch"), 1),
    (("cite", "--for", "/nonexistent.json"), 2),
    (("cite", "--for", "{notparquet}"), 2),
    (("reconcile", "registry", "--year", "abc"), 2),
    (("reconcile", "registry", "--year", "1914", "--cause", "bogus"), 2),
    (("reconcile", "registry", "--year", "1700"), 1),
    (("reconcile", "atop", "--minimum", "abc"), 2),
    (("reconcile", "atop", "--atop", "/nonexistent"), 2),
    # a share of agreement: 0 or below passed every check, above 1 (or NaN) failed every one
    (("reconcile", "atop", "--minimum", "-5"), 2),
    (("reconcile", "atop", "--minimum", "0"), 2),
    (("reconcile", "atop", "--minimum", "nan"), 2),
    (("reconcile", "atop", "--minimum", "1.5"), 2),
    (("reconcile", "atop", "--limit", "-1"), 2),
    # a peer file that is a folder, binary, or a CSV without the columns: polars tracebacks
    (("reconcile", "atop", "--peer", "{empty}"), 2),
    (("reconcile", "atop", "--peer", "{binary}"), 2),
    (("reconcile", "atop", "--peer", "{pairs}"), 2),
    # years ATOP does not cover: a traceback (0, huge) or "agree on every pledge" (2030)
    (("reconcile", "registry", "--year", "0"), 1),
    (("reconcile", "registry", "--year", "99999999999999999999"), 1),
    (("reconcile", "registry", "--year", "2030"), 1),
    (("reconcile", "registry", "--year", "1914", "--limit", "-1"), 2),
    (("data", "fetch", "atop", "--base-url", "abc"), 2),
    # researcher datasets
    (("stateyears", "--years", "2016-1816", "-o", "{out}"), 2),
    (("dyadyears", "--years", "2016-1816", "-o", "{out}"), 2),
    (("dyadyears", "--years", "abc", "-o", "{out}"), 2),
    (("dyadyears", "--years", "1816-2016", "-o", "{txt}"), 1),
    (("dyadyears", "--add", "bogus", "-o", "{out}"), 1),
    (("dyadyears", "--through", "abc", "-o", "{out}"), 2),
    (("dyadyears", "--through", "-5", "-o", "{out}"), 2),
    (("stateyears", "--through", "99999999999999999999", "-o", "{out}"), 2),
    (("stateyears", "--years", "1700-1800", "-o", "{out}"), 2),
    (("dyadyears", "--years", "1816-9999", "-o", "{out}"), 2),
    (("dyadyears", "--system", "xx", "-o", "{out}"), 2),
    (("stateyears",), 2),
    (("stateyears", "-o", "/nonexistent/folder/sy.parquet"), 1),
    (("dyadyears", "--years", "2000-2000", "-o", "/nonexistent/folder/dy.parquet"), 1),
    # scenarios
    (("scenario", "run", "{feb30}"), 2),
    (("scenario", "run", "{late}"), 2),
    (("scenario", "run", "{early}"), 2),
    (("scenario", "run", "{notyaml}"), 2),
    (("scenario", "run", "{binary}"), 2),
    (("scenario", "run", "{nanweight}"), 2),  # NaN multiplier accepted silently
    (("scenario", "run", "/nonexistent/scenario.yaml"), 2),
    (("scenario", "run", str(SCENARIO), "--draws", "100000000"), 2),
    (("scenario", "run", str(SCENARIO), "--draws", "-1"), 2),
    (("scenario", "run", str(SCENARIO), "--seed", "abc"), 2),
    (("scenario", "run", str(SCENARIO), "--seed", "-5"), 2),
    (("scenario", "run", ""), 2),
    (("scenario", "run", "{empty}"), 2),
    (("scenario", "run", str(SCENARIO), "--plot", "{out}"), 2),
    (("scenario", "run", str(SCENARIO), "--plot", "/nonexistent/folder/s.png"), 2),
    # guarantors and gaps
    (("guarantors", "UKR", "--on", "2023-02-30"), 1),
    (("guarantors", "UKR", "--on", TOO_LATE), 1),
    (("guarantors", "NOSUCH", "--on", "2020-01-01"), 1),
    (("guarantors", "UKR", "--on", "2020-01-01", "--threat", "UKR", "--draws", "0"), 1),
    (("guarantors", "UKR", "--on", "2020-01-01", "--threat", "RUS", "--draws",
      "100000000"), 2),
    (("guarantors", "UKR", "--on", "2020-01-01", "--weight", "capability"), 2),
    (("guarantors", "UKR", "--on", "2020-01-01", "--size", "99"), 2),
    (("guarantors", "UKR"), 2),
    (("guarantors", "UKR", "--on", "2020-01-01", "--seed", "-1"), 2),
    (("guarantors", "UKR", "--on", "2020-01-01", "--weight", "capability=nan"), 2),
    (("gaps", "--on", "2020-01-01", "--weight", "capability=inf"), 2),
    (("guarantors", "UKR", "--on", "2020-01-01", "--plot", "{txt}"), 2),
    # no suffix: matplotlib wrote /dev/null.png while the CLI said it wrote /dev/null
    (("scenario", "run", str(SCENARIO), "--plot", "/dev/null"), 2),
    (("gaps", "--on", TOO_LATE), 1),
    (("gaps", "--on", "2023-02-30"), 1),
    (("gaps", "--on", "2020-01-01", "--limit", "0"), 2),
    # sweeps
    (("sweep", "--on", "2023-02-30", "-o", "{out}"), 2),
    (("sweep", "--on", TOO_LATE, "-o", "{out}"), 2),
    (("sweep", "--years", "2016-1816", "-o", "{out}"), 2),
    (("sweep", "--years", "abc", "-o", "{out}"), 2),
    (("sweep", "--years", "2000-", "-o", "{out}"), 2),  # was read as 2000
    (("sweep", "defenders", "--years", "2000-", "-o", "{out}"), 2),
    (("sweep", "--on", "2025-01-01", "--draws", "100000000", "-o", "{out}"), 2),
    (("sweep", "--on", "2025-01-01", "--pairs", "{pairs}", "-o", "{out}"), 2),
    (("sweep", "--on", "2025-01-01"), 2),
    (("sweep", "--engine", "magic", "--on", "2025-01-01", "-o", "{out}"), 2),
    (("sweep", "summary", "/nonexistent.parquet"), 2),
    (("sweep", "summary", "{notparquet}"), 2),
    (("sweep", "summary", "{notparquet}", "--plot", "{txt}"), 2),
    (("sweep", "--on", "2025-01-01", "--seed", "-1", "-o", "{out}"), 2),
    (("sweep", "--on", "2025-01-01", "-o", "{txt}"), 2),
    (("sweep", "--on", "2025-01-01", "-o", ""), 2),
    (("sweep", "--on", "2025-01-01", "--pairs", "{binary}", "-o", "{out}"), 2),
    (("sweep", "--on", "2025-01-01", "--pairs", "{empty}", "-o", "{out}"), 2),
    (("sweep", "--on", "2025-01-01", "--workers", "1000", "-o", "{out}"), 2),
    (("sweep", "--on", "2025-01-01", "--engine", "rules", "--pairs", "{goodpairs}",
      "--scheduler", "abc", "-o", "{out}"), 2),
    (("sweep", "defenders", "--on", "2020-01-01", "-o", "{txt}"), 2),
    # threats and restraint
    (("threats", "UKR", "--on", "2023-02-30"), 1),
    (("threats", "UKR", "--on", TOO_LATE), 1),
    (("threats", "NOSUCH", "--on", "2020-01-01"), 1),
    (("threats", "UKR", "--on", "2020-01-01", "--json", "--csv"), 2),
    (("threats", "UKR"), 2),
    (("restraints", "UKR", "--on", "2023-02-30"), 1),
    (("restraints", "NOSUCH", "--on", "2020-01-01"), 1),
    (("restraints", "UKR", "--on", "1700-01-01"), 1),
    (("restraints", "UKR", "--on", "2020-01-01", "--json", "--csv"), 2),
    (("restraints", "UKR"), 2),
    (("reassurance", "UKR", "--on", "2023-02-30"), 1),
    (("reassurance", "NOSUCH", "--on", "2020-01-01"), 1),
    (("reassurance", "UKR", "--on", "2020-01-01", "--threat", "NOSUCH"), 1),
    (("reassurance", "UKR", "--on", TOO_LATE), 1),
    (("reassurance", "UKR", "--on", "2020-01-01", "--threat", "UKR"), 1),
    (("reassurance", "UKR"), 2),
    # backtests (refused before the slow part; the war numbers need the war dataset)
    (("backtest", "wars", "--wars", "abc"), 2),
    (("backtest", "wars", "--split", "bogus"), 2),
    (("backtest", "wars", "--wars", "99999"), 1),
    (("backtest", "guarantors", "--war", "abc"), 2),
    (("backtest", "guarantors", "--ridge", "-1"), 2),
    (("backtest", "guarantors", "--war", "99999"), 1),
    (("backtest", "nosuch"), 2),
    (("backtest", "wars", "--plot", "/nonexistent/folder/rel.png"), 2),
    (("backtest", "wars", "--predictions", "/nonexistent/folder/p.parquet"), 2),
    (("backtest", "wars", "--plot", "{out}"), 2),
    (("backtest", "wars", "--wars", ","), 2),
    (("backtest", "wars", "--wars", ""), 2),
    (("backtest", "guarantors", "--ridge", "nan"), 2),
    # citing and checking
    (("cite", "atop", "--format", "bogus"), 2),
    (("check", "--conflicts", "/nonexistent/conflicts"), 2),
    (("check", "--registry", "{empty}", "--json", "--csv"), 2),
    # the store
    (("store", "nosuch"), 2),
    # serving
    (("serve", "--port", "99999"), 2),
    (("serve", "--token-file", "{token}"), 1),
    (("serve", "--workers", "0"), 2),
    (("serve", "--token-file", "{emptytoken}"), 1),
    (("serve", "--token-file", "{binary}"), 1),
    (("serve", "--registry", "{empty}"), 2),
    (("serve", "--host", "no such host!"), 2),
    (("nosuch-command",), 2),
]


@pytest.mark.parametrize("args, code", CASES, ids=lambda x: " ".join(x)[:70]
                         if isinstance(x, tuple) else str(x))
def test_bad_input_is_one_line_and_exit_code(run: Any, files: dict[str, str],
                                              args: tuple[str, ...], code: int) -> None:
    argv = [a.format(**files) if "{" in a else a for a in args]
    res = run(argv)
    assert res.exception is None or isinstance(res.exception, SystemExit), (
        f"traceback from {argv}: {res.exception!r}")
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert lines, f"no error message for {argv}; stdout: {res.stdout[:300]}"
    assert all(line.startswith("error ") for line in lines), res.stderr
    if "{notyaml}" not in args and "{empty}" not in args:  # a file's problems: one each
        assert len(lines) == 1, f"{argv}: more than one line:\n{res.stderr}"
    assert res.exit_code == code, f"{argv}: exit {res.exit_code}, want {code}: {res.stderr}"


def test_check_names_file_and_line(run: Any, files: dict[str, str]) -> None:
    """`check` answers with the problems (stdout), one line each, and exit 2."""
    res = run(["check", "--registry", files["registry"]])
    assert res.exit_code == 2 and res.exception is None or isinstance(res.exception, SystemExit)
    assert "broken.toml:2" in res.stdout and "Traceback" not in res.output


def test_scenario_bad_calendar_day_names_file_and_line(run: Any, files: dict[str, str]
                                                       ) -> None:
    res = run(["scenario", "run", files["feb30"]])
    assert "feb30.yaml:" in res.stderr and "2023-02-30" in res.stderr
    assert "is not a calendar day" in res.stderr


def test_draws_refused_before_allocating(run: Any) -> None:
    """The refusal states the memory the simulation would need (estimated, not tried)."""
    res = run(["scenario", "run", str(SCENARIO), "--draws", "100000000"])
    assert "over the limit of 100,000" in res.stderr and "GiB" in res.stderr


def test_cli_and_api_share_one_day_range(run: Any) -> None:
    from foedus.model.limits import last_day
    from foedus.web.settings import Settings

    assert Settings().last_day == last_day()
    ok = run(["commitments", "EST", "--on", last_day().isoformat(), "--json"])
    assert ok.exit_code == 0, ok.stderr
    late = run(["commitments", "EST", "--on",
                (last_day() + dt.timedelta(days=1)).isoformat()])
    assert late.exit_code == 1 and str(last_day()) in late.stderr
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "1815-01-01" in readme and "tenth year after" in readme


# -- the store: read-only homes, damaged and locked stores ------------------------------------
def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FOEDUS_HOME": str(home), "COLUMNS": "80",
           "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("FOEDUS_STORE", None)
    return subprocess.run([sys.executable, "-m", "foedus", *args], env=env, text=True,
                          capture_output=True, timeout=300)


def _read_only(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI with ``home`` read-only: by permissions for a normal user; for root (whom
    permissions do not stop), in a private mount namespace with ``home`` bind-mounted
    read-only."""
    if os.geteuid() != 0:
        home.chmod(0o555)
        try:
            return _cli(home, *args)
        finally:
            home.chmod(0o755)
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: cannot make a read-only home")
    env = {**os.environ, "FOEDUS_HOME": str(home), "COLUMNS": "80",
           "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("FOEDUS_STORE", None)
    script = (f'mount --bind "{home}" "{home}" && mount -o remount,bind,ro "{home}" && '
              f'exec "{sys.executable}" -m foedus ' + " ".join(f'"{a}"' for a in args))
    res = subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, text=True,
                         capture_output=True, timeout=300)
    if "mount" in res.stderr and "permission denied" in res.stderr.lower():
        pytest.skip(f"cannot mount read-only here: {res.stderr.strip()}")
    return res


def test_rebuild_on_read_only_home_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _cli(home, "status", "AUS", "--on", "1960-01-01").returncode == 0
    before = sorted(p.name for p in home.iterdir())
    res = _read_only(home, "store", "rebuild")
    assert res.returncode == 1, res.stderr
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "not writable" in lines[0] and "nothing was changed" in lines[0]
    assert "Traceback" not in res.stderr
    assert sorted(p.name for p in home.iterdir()) == before  # nothing set aside as damaged
    info = _cli(home, "store", "info")
    assert info.returncode == 0 and "store healthy" in info.stdout


def test_import_into_read_only_empty_home_is_refused(tmp_path: Path, shared_data: Path
                                                    ) -> None:
    """A read-only home without a store answers from a store built in memory; an import went
    into that memory store and printed "imported" (exit 0), and the next command had no data."""
    home = tmp_path / "home"
    home.mkdir()
    res = _read_only(home, "data", "import", "war", str(shared_data / "cow-war-4.0"))
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert res.returncode == 1, res.stdout + res.stderr
    assert len(lines) == 1 and "cannot be written" in lines[0] and "Nothing was written" in lines[0]
    assert "imported" not in res.stdout and "Traceback" not in res.stderr
    # questions still work there, from the store built in memory
    assert _read_only(home, "status", "AUS", "--on", "1960-01-01").returncode == 0
    # and `store info`, which only names the cache folder, no longer fails making it
    info = _read_only(home, "store", "info")
    assert info.returncode == 0 and "store missing" in info.stdout, info.stderr


def test_import_error_is_exactly_one_line(tmp_path: Path) -> None:
    """stderr not a terminal: the progress display printed a blank line first, so a script
    reading the first line of stderr got ''."""
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    res = _cli(tmp_path / "home", "data", "import", "war", str(bad))
    assert res.returncode == 2
    assert res.stderr.startswith("error ") and res.stderr.count("\n") == 1, repr(res.stderr)


def test_store_info_diagnoses(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert "store missing" in _cli(home, "store", "info").stdout
    assert _cli(home, "status", "AUS", "--on", "1960-01-01").returncode == 0
    assert "store healthy" in _cli(home, "store", "info").stdout
    # a healthy store rebuilt is kept as .previous, never called damaged
    res = _cli(home, "store", "rebuild")
    assert res.returncode == 0 and "(healthy)" in res.stdout
    assert not list(home.glob("*.damaged-*")) and list(home.glob("*.previous-*"))
    # truncated: damaged, exit 1; the rebuild keeps it aside as damaged
    store = home / "foedus.duckdb"
    store.write_bytes(store.read_bytes()[:100_000])
    res = _cli(home, "store", "info")
    assert res.returncode == 1 and "store damaged" in res.stdout
    res = _cli(home, "store", "rebuild")
    assert res.returncode == 0 and "(damaged)" in res.stdout and list(home.glob("*.damaged-*"))
    assert "store healthy" in _cli(home, "store", "info").stdout


def test_locked_store_names_its_holder(tmp_path: Path) -> None:
    """A writer holding the store: `store info` names its PID; an import says at once who
    holds the store (not after its wait)."""
    home = tmp_path / "home"
    assert _cli(home, "status", "AUS", "--on", "1960-01-01").returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); time.sleep(60)", str(home / "foedus.duckdb")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        res = _cli(home, "store", "info")
        assert f"store locked by PID {holder.pid}" in res.stdout, res.stdout + res.stderr
        env = {**os.environ, "FOEDUS_HOME": str(home),
               "PYTHONPATH": os.pathsep.join([str(REPO / "src"),
                                              os.environ.get("PYTHONPATH", "")])}
        imp = subprocess.Popen([sys.executable, "-m", "foedus", "data", "import", "atop",
                                str(tmp_path)], env=env, stderr=subprocess.PIPE, text=True)
        assert imp.stderr is not None
        first = imp.stderr.readline()
        assert first.startswith("waiting:") and f"PID {holder.pid}" in first
        imp.kill()
        imp.wait()
    finally:
        holder.kill()
        holder.wait()



@pytest.fixture(scope="module")
def war_home(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Any:
    """A home with only COW Inter-State War 4.0 imported: enough for the backtests to read
    the war numbers and refuse what they cannot evaluate (in a second, before the fit)."""
    home = tmp_path_factory.mktemp("warhome")
    runner = CliRunner()
    env = {"FOEDUS_HOME": str(home), "COLUMNS": "80"}
    res = runner.invoke(main, ["data", "import", "war", str(shared_data / "cow-war-4.0")],
                        env=env)
    assert res.exit_code == 0, res.output
    return lambda args: runner.invoke(main, args, env=env)


@pytest.mark.parametrize("args, says", [
    (("backtest", "wars", "--wars", "99999"), "no COW inter-state war numbered 99999"),
    (("backtest", "wars", "--wars", "151"), "leaving one war out needs"),
    (("backtest", "wars", "--wars", "151,211", "--split", "post1945"),
     "needs a war begun before 1946"),
    (("backtest", "wars", "--wars", "22,106", "--split", "pre1946"),
     "needs a war begun from 1946"),
    (("backtest", "guarantors", "--war", "99999"), "no COW inter-state war numbered 99999"),
    (("backtest", "guarantors", "--war", "1"), "not a guarantor case"),
    (("backtest", "guarantors", "--war", "151"), "needs at least two wars"),
], ids=lambda x: " ".join(x)[:60] if isinstance(x, tuple) else None)
def test_backtests_refuse_what_they_cannot_evaluate(war_home: Any, args: tuple[str, ...],
                                                    says: str) -> None:
    """These ran for ~40 s and then raised (ValueError: cannot concat empty list;
    ZeroDivisionError in the fit) or printed numpy warnings and a table of zeros."""
    res = war_home(list(args))
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error ") and says in lines[0], res.stderr
    assert res.exit_code == 1
