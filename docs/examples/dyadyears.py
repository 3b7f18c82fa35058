# %% [markdown]
# # Directed dyad-years with alliances, capabilities and geography
#
# Before running: import the datasets once into your store
# (`foedus data import isard PATH`, `... peacesciencer PATH`, `... atop PATH`, or
# `foedus data fetch NAME`). This script writes `defense_pledges.png` next to itself.

# %%
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import polars as pl  # noqa: E402

from foedus.datasets import (  # noqa: E402
    add_alliances,
    add_capabilities,
    add_capital_distance,
    add_contiguity,
    create_dyadyears,
)

HERE = Path(__file__).resolve().parent

# %% Build the dataset: the peacesciencer pipeline, in Python
ddy = (
    create_dyadyears(system="cow", directed=True, years=(1816, 2016))
    .pipe(add_alliances, source="atop")
    .pipe(add_capabilities)  # NMC 7.0
    .pipe(add_contiguity)
    .pipe(add_capital_distance)
)
print(ddy)

# %% Where every column came from
print(ddy.cite())

# %% One dyad: the United States and the United Kingdom
print(ddy.df.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 200)
                    & pl.col("year").is_between(1946, 1950))
      .select("ccode1", "ccode2", "year", "atop_defense", "cinc1", "cinc2",
              "conttype", "capdist"))

# %% Defense pledges per year, 1816-2025: ATOP to 2018, the registry after
full = create_dyadyears(years=(1816, 2025), through=2025).pipe(add_alliances, source="all")
per_year = (
    full.df.group_by("year")
    .agg(
        atop=pl.col("atop_defense").sum(),
        atop_known=pl.col("atop_defense").is_not_null().any(),
        registry=pl.max_horizontal("reg_defense", "reg_guarantee").sum(),
        combined=pl.col("any_defense").sum(),
    )
    .sort("year")
)
print(per_year.filter(pl.col("year") >= 2014))

fig, ax = plt.subplots(figsize=(9, 4.5))
atop = per_year.filter(pl.col("atop_known"))
ax.plot(atop["year"], atop["atop"], color="#1f4e79", lw=1.6, label="ATOP 5.1 (to 2018)")
ax.plot(per_year["year"], per_year["registry"], color="#c0504d", lw=1.2, ls="--",
        label="foedus registry (curated instruments)")
after = per_year.filter(pl.col("year") >= 2018)
ax.plot(after["year"], after["registry"], color="#c0504d", lw=2.4,
        label="registry fills 2019-2025 (ATOP unknown)")
ax.axvline(2018.5, color="grey", lw=0.8, ls=":")
ax.set_xlim(1816, 2025)
ax.set_xlabel("year")
ax.set_ylabel("directed dyad-years with a defense pledge")
ax.set_title("Defense pledges per year, 1816-2025 (ccode1 owes ccode2)")
ax.legend(frameon=False, loc="upper left")
fig.tight_layout()
fig.savefig(HERE / "defense_pledges.png", dpi=120)
print("wrote", HERE / "defense_pledges.png")

# %% Save for R, Stata or pandas; the file remembers its sources
ddy.write("/tmp/ddy.parquet")  # then: foedus cite --for /tmp/ddy.parquet
