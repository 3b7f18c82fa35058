"""ATOP member-file sense checks: an unknown state code or an exit before the entry is refused
with file, line and column, and a refused import leaves the store as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from foedus.errors import ImportDataError
from foedus.ingest import import_dataset
from foedus.registry.states import load_state_system
from foedus.sources.atop import MEMBER_FILE, NON_COW_CODES
from foedus.store import Store


@pytest.fixture(scope="module")
def atop_dir(shared_data: Path) -> Path:
    return shared_data / "atop-5.1"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, atop_dir: Path) -> Iterator[Store]:
    """A store holding the real ATOP release (imported once for the module)."""
    s = Store(tmp_path_factory.mktemp("atopval") / "foedus.duckdb")
    import_dataset(s, "atop", atop_dir)
    yield s
    s.close()


def _snapshot(store: Store) -> dict[str, object]:
    names = [r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
    snap: dict[str, object] = {"tables": names}
    for n in names:
        if n.startswith("ds_"):
            snap[n] = store.con.execute(f'SELECT count(*), sum(hash(t)) FROM "{n}" AS t').fetchall()
        else:
            snap[n] = store.con.execute(f'SELECT * FROM "{n}"').fetchall()
    return snap


def _altered(tmp_path: Path, atop_dir: Path,
             edit: Callable[[list[str], list[str]], int]) -> tuple[Path, int]:
    """A copy of the member file (in ``tmp_path``) with one line altered by ``edit``, which
    gets (header cells, lines) and returns the 1-based number of the line it changed."""
    lines = (atop_dir / MEMBER_FILE).read_text(encoding="utf-8-sig").splitlines(keepends=True)
    header = [h.strip().lower() for h in lines[0].split(",")]
    number = edit(header, lines)
    path = tmp_path / "altered" / MEMBER_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines))
    return path, number


def _set(line: str, header: list[str], **cells: str) -> str:
    eol = line[len(line.rstrip("\r\n")):]
    fields = line.rstrip("\r\n").split(",")
    for name, value in cells.items():
        fields[header.index(name)] = value
    return ",".join(fields) + eol


def _line_of(lines: list[str], header: list[str], atopid: int, member: int) -> int:
    """Index (0-based) of the first row of ``member`` in alliance ``atopid``."""
    for i, line in enumerate(lines[1:], start=1):
        f = line.split(",")
        if f[0] == str(atopid) and f[header.index("member")] == str(member):
            return i
    raise AssertionError(f"no row {atopid}/{member}")


def test_real_release_passes_and_annam_is_the_only_non_cow_code(store: Store) -> None:
    cow = {s.ccode for s in load_state_system()}
    codes = {r[0] for r in store.con.execute(
        "SELECT DISTINCT member FROM ds_atop__member").fetchall()}
    assert codes - cow == {8152} == set(NON_COW_CODES)


def test_exit_before_entry_is_refused_and_store_unchanged(
        store: Store, tmp_path: Path, atop_dir: Path) -> None:
    # Russia in the 1997 Russia-Belarus Union treaty, phase 1: signed 1997-04-02, exit
    # 1999-12-08; the copy says it left in 1996, before it signed.
    def edit(header: list[str], lines: list[str]) -> int:
        i = _line_of(lines, header, 4865, 365)
        lines[i] = _set(lines[i], header, yrexit="1996")
        return i + 1

    path, number = _altered(tmp_path, atop_dir, edit)
    before = _snapshot(store)
    with pytest.raises(ImportDataError) as err:
        import_dataset(store, "atop", path)
    p = err.value.problems[0]
    header = [h.strip().lower() for h in (atop_dir / MEMBER_FILE).read_text().split("\n")[0]
              .split(",")]
    assert p.file == str(path) and MEMBER_FILE in str(err.value)
    assert (p.line, p.field, p.column) == (number, "yrexit", header.index("yrexit") + 1)
    assert "1996-12-08 precedes entry 1997-04-02" in p.message
    assert _snapshot(store) == before


def test_exit_day_before_entry_day_same_month_is_refused(tmp_path: Path,
                                                         atop_dir: Path) -> None:
    def edit(header: list[str], lines: list[str]) -> int:
        i = _line_of(lines, header, 4865, 370)  # Belarus, 1997-04-02 -> exit 1997-04-01
        lines[i] = _set(lines[i], header, yrexit="1997", moexit="4", dayexit="1")
        return i + 1

    path, number = _altered(tmp_path, atop_dir, edit)
    from foedus.sources.atop import read_atop_file

    with pytest.raises(ImportDataError) as err:
        read_atop_file(path)
    p = err.value.problems[0]
    assert (p.line, p.field) == (number, "dayexit")


def test_unknown_member_code_is_refused_with_line_and_column(
        store: Store, tmp_path: Path, atop_dir: Path) -> None:
    # Kazakhstan (705) in the 1992 Russia-Kazakhstan treaty mistyped as 706, no COW state.
    assert 706 not in {s.ccode for s in load_state_system()}

    def edit(header: list[str], lines: list[str]) -> int:
        i = _line_of(lines, header, 4235, 705)
        lines[i] = _set(lines[i], header, member="706")
        return i + 1

    path, number = _altered(tmp_path, atop_dir, edit)
    before = _snapshot(store)
    with pytest.raises(ImportDataError) as err:
        import_dataset(store, "atop", path)
    p = err.value.problems[0]
    assert p.file == str(path)
    assert (p.line, p.field, p.column) == (number, "member", 4)
    assert "706" in p.message and "COW" in p.message
    assert f"{path}:{number}:4" in str(err.value)
    assert _snapshot(store) == before
