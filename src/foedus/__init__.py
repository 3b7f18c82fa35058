"""foedus: security commitments between states since 1815, as data and logic.

Record who promised to defend, guarantee, stay neutral toward, not attack, or consult with
whom; ask it as of any date; simulate attacks and advise on guarantors.

``foedus.open()`` returns a :class:`~foedus.api.Foedus` (a :class:`~foedus.session.Session` that
answers questions). Names are imported lazily, so
that ``import foedus`` (and the CLI) starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from foedus.lazy import lazy_exports

if TYPE_CHECKING:
    from foedus.api import Foedus, open
    from foedus.errors import FoedusError
    from foedus.graph import CommitmentGraph
    from foedus.session import Session


__all__ = ["CommitmentGraph", "Foedus", "FoedusError", "Session", "__version__", "open"]

_LAZY = {"open": "foedus.api", "Session": "foedus.session", "Foedus": "foedus.api",
         "FoedusError": "foedus.errors", "CommitmentGraph": "foedus.graph"}
_exported, __dir__ = lazy_exports(__name__, _LAZY)


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from foedus.settings import foedus_version

        return foedus_version()
    return _exported(name)
