"""The object of ATOP consultation pacts about one state's status, curated with sources.

Why: ATOP codes a consultation "conditional on a crisis in a location" without naming the
location, so a pact about Laos's neutrality reads, in ATOP alone, as thirteen states owing
each other consultation on any attack. ``atop_objects.toml`` records, for the few such pacts,
the state whose violation engages the clause (docs/rules.md §4.6); the store's ATOP reader
attaches it as the commitments' ``object``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from foedus.errors import RegistryError
from foedus.registry.states import load_state_system

__all__ = ["AtopObject", "atop_objects"]


@dataclass(frozen=True)
class AtopObject:
    """One ATOP alliance's consultation object."""

    atopid: int
    states: tuple[int, ...]
    scope: str
    source: str
    note: str


@lru_cache(maxsize=1)
def atop_objects() -> dict[int, AtopObject]:
    """The curated objects by ``atopid`` (checked: known states, a source for each)."""
    path = resources.files("foedus.registry") / "atop_objects.toml"
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    system = load_state_system()
    out: dict[int, AtopObject] = {}
    for i, row in enumerate(doc.get("alliance", []), 1):
        where = f"atop_objects.toml, alliance {i}"
        try:
            atopid = int(row["atopid"])
            states = tuple(system.lookup(s, exact=True).ccode for s in row["object"])
            source = str(row["source"])
        except (KeyError, TypeError, ValueError) as exc:
            raise RegistryError(f"{where}: needs atopid, object and source ({exc})") from None
        if not states or not source.startswith("http"):
            raise RegistryError(f"{where}: object must name states and source be a URL")
        out[atopid] = AtopObject(atopid, states, str(row.get("object_scope", "")), source,
                                 str(row.get("note", "")))
    return out
