"""The ``add_*`` verbs by the name a user gives them (``--add capabilities``), and the units
each accepts. Declared here, beside the verbs, so that the CLI and the web's dataset builder
offer exactly what the library has."""

from __future__ import annotations

__all__ = ["VERBS"]

# name on the command line -> (function name, units it accepts)
VERBS: dict[str, tuple[str, tuple[str, ...]]] = {
    "alliances": ("add_alliances", ("dyad_year",)),
    "capabilities": ("add_capabilities", ("state_year", "dyad_year")),
    "contiguity": ("add_contiguity", ("state_year", "dyad_year")),
    "capital_distance": ("add_capital_distance", ("state_year", "dyad_year")),
    "majors": ("add_majors", ("state_year", "dyad_year")),
    "alliance_similarity": ("add_alliance_similarity", ("dyad_year",)),
    "ideal_point_distance": ("add_ideal_point_distance", ("state_year", "dyad_year")),
    "rivalries": ("add_rivalries", ("dyad_year",)),
    "wars": ("add_wars", ("dyad_year",)),
}
