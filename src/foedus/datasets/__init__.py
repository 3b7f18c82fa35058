"""Researcher datasets: state-years and dyad-years, as peacesciencer builds them, faster.

``create_stateyears`` / ``create_dyadyears`` build the unit of analysis and stamp it
(:class:`FoedusFrame`); each ``add_*`` verb adds columns without adding or dropping a row and
refuses a frame of the wrong unit, naming the ``create_*`` that fits::

    from foedus.datasets import create_dyadyears, add_alliances, add_capabilities
    ddy = create_dyadyears(years=(1816, 2016))
    ddy = ddy.pipe(add_alliances).pipe(add_capabilities)
    ddy.write("out.parquet")          # provenance stored in the Parquet metadata
    print(ddy.cite())
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from foedus.lazy import lazy_exports

if TYPE_CHECKING:
    from foedus.datasets.alliances import add_alliances
    from foedus.datasets.capabilities import add_capabilities, add_majors
    from foedus.datasets.conflict import add_ideal_point_distance, add_rivalries, add_wars
    from foedus.datasets.create import create_dyadyears, create_stateyears
    from foedus.datasets.frame import DatasetUse, FoedusFrame, read_frame_metadata
    from foedus.datasets.geography import add_capital_distance, add_contiguity
    from foedus.datasets.inputs import Inputs, default_inputs, set_default_inputs
    from foedus.datasets.similarity import add_alliance_similarity
    from foedus.datasets.universe import false_dyads, last_complete_year

__all__ = [
    "DatasetUse",
    "FoedusFrame",
    "Inputs",
    "add_alliance_similarity",
    "add_alliances",
    "add_capabilities",
    "add_capital_distance",
    "add_contiguity",
    "add_ideal_point_distance",
    "add_majors",
    "add_rivalries",
    "add_wars",
    "create_dyadyears",
    "create_stateyears",
    "default_inputs",
    "false_dyads",
    "last_complete_year",
    "read_frame_metadata",
    "set_default_inputs",
]

_LAZY = {
    "DatasetUse": "foedus.datasets.frame",
    "FoedusFrame": "foedus.datasets.frame",
    "Inputs": "foedus.datasets.inputs",
    "add_alliance_similarity": "foedus.datasets.similarity",
    "add_alliances": "foedus.datasets.alliances",
    "add_capabilities": "foedus.datasets.capabilities",
    "add_capital_distance": "foedus.datasets.geography",
    "add_contiguity": "foedus.datasets.geography",
    "add_ideal_point_distance": "foedus.datasets.conflict",
    "add_majors": "foedus.datasets.capabilities",
    "add_rivalries": "foedus.datasets.conflict",
    "add_wars": "foedus.datasets.conflict",
    "create_dyadyears": "foedus.datasets.create",
    "create_stateyears": "foedus.datasets.create",
    "default_inputs": "foedus.datasets.inputs",
    "false_dyads": "foedus.datasets.universe",
    "last_complete_year": "foedus.datasets.universe",
    "read_frame_metadata": "foedus.datasets.frame",
    "set_default_inputs": "foedus.datasets.inputs",
}

# verbs imported on first use, so that naming one (the CLI) does not load polars
__getattr__, __dir__ = lazy_exports(__name__, _LAZY)
