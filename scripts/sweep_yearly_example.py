"""The worked example of docs/sweeps.md: the yearly sweep 1816-2025 joined to dyad-years, and
the figure of exposure over time.

    foedus data import atop ATOP-5.1-FOLDER          # and peacesciencer, isard, ideal-points:
    foedus data import peacesciencer FOLDER          # the fitted credibility model's features
    foedus data import isard FOLDER
    foedus data import ideal-points FOLDER
    foedus sweep --years 1816-2025 --draws 200 --workers 2 -o yearly.parquet
    python scripts/sweep_yearly_example.py yearly.parquet docs/examples/sweep-exposure.png
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

from foedus.datasets import create_dyadyears
from foedus.sweeps import add_expected_defenders, add_expected_war_size, indices

STATES = {2: "United States", 200: "United Kingdom", 220: "France",
          255: "Germany (Prussia to 1870)", 365: "Russia", 300: "Austria-Hungary"}


def main(sweep_file: str, png: str) -> None:
    long = pl.read_parquet(sweep_file)
    ddy = create_dyadyears(years=(1816, 2016))
    out = add_expected_war_size(add_expected_defenders(ddy, long), long)
    print(f"dyad-years: {ddy.height:,} in, {out.height:,} out")
    pick = out.df.filter(
        ((pl.col("ccode1") == 290) & (pl.col("ccode2").is_in([200, 220]))
         & pl.col("year").is_between(1938, 1940))
        | ((pl.col("ccode1") == 211) & (pl.col("ccode2") == 200)
           & pl.col("year").is_between(1913, 1914))
        | ((pl.col("ccode1") == 366) & (pl.col("ccode2") == 2) & (pl.col("year") >= 2003)
           & (pl.col("year") <= 2004)))
    with pl.Config(tbl_rows=20, tbl_cols=6, tbl_width_chars=80):
        print(pick.select("ccode1", "ccode2", "year", "expected_defender", "expected_war_size"))
    idx = indices(long).with_columns(pl.col("date").dt.year().alias("year"))
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    for code, name in STATES.items():
        # every year, missing where the state is out of the system: gaps are not bridged
        years = pl.DataFrame({"year": range(1816, 2026)}, schema={"year": idx["year"].dtype})
        s = years.join(idx.filter(pl.col("state") == code), on="year", how="left").sort("year")
        ax.plot(s["year"], s["exposure_share"].fill_null(float("nan")), label=name, lw=1.2)
    ax.set_ylabel("expected share of attacker-target\nwars it would enter")
    ax.set_title("Exposure on 30 June of each year, 1816-2025 (Monte Carlo, fitted credibility)",
                 fontsize=10)
    ax.legend(fontsize=8, ncol=2)
    fig.tight_layout()
    fig.savefig(Path(png), dpi=120)
    print(f"figure: {png}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
