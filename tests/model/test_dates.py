import datetime as dt

import pytest

from foedus.model.dates import Period, Precision, intersect, parse_date, subtract

D = dt.date


def test_parse_day_month_year_precision() -> None:
    assert parse_date("1949-08-24").day == D(1949, 8, 24)
    assert parse_date("1949-08-24").precision is Precision.DAY
    m = parse_date("1894-01")
    assert (m.day, m.precision) == (D(1894, 1, 1), Precision.MONTH)
    y = parse_date("1815")
    assert (y.day, y.precision, str(y)) == (D(1815, 1, 1), Precision.YEAR, "1815")


@pytest.mark.parametrize("bad", ["1949-13-01", "1949-02-30", "24/08/1949", "", "19490824"])
def test_parse_rejects_non_dates_with_the_text(bad: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date(bad)


def test_period_is_half_open() -> None:
    p = Period(D(2023, 4, 4), D(2024, 1, 1))
    assert p.contains(D(2023, 4, 4))
    assert not p.contains(D(2023, 4, 3))
    assert not p.contains(D(2024, 1, 1))
    assert Period(D(2023, 4, 4)).contains(D(2999, 1, 1))


def test_period_rejects_end_before_start() -> None:
    with pytest.raises(ValueError):
        Period(D(2000, 1, 2), D(2000, 1, 1))


def test_intersect_and_subtract() -> None:
    a = Period(D(1952, 4, 29))
    b = Period(D(1986, 9, 17))
    assert intersect(a, b) == b
    assert subtract(a, b) == [Period(D(1952, 4, 29), D(1986, 9, 17))]
    assert intersect(Period(D(2000, 1, 1), D(2001, 1, 1)), Period(D(2001, 1, 1))) is None
    inner = Period(D(2000, 6, 1), D(2000, 7, 1))
    assert subtract(Period(D(2000, 1, 1), D(2001, 1, 1)), inner) == [
        Period(D(2000, 1, 1), D(2000, 6, 1)), Period(D(2000, 7, 1), D(2001, 1, 1))]
