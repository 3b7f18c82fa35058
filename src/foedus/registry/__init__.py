"""The curated registry: instrument files shipped with foedus, and the state system.

The names below are imported on first use (a lazy map), so that reading the state system
(``foedus.registry.states``) does not load and validate the instrument files' reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from foedus.lazy import lazy_exports

if TYPE_CHECKING:
    from foedus.registry.loader import (
        Registry,
        check_registry,
        default_registry_dir,
        load_registry,
    )

__all__ = ["Registry", "check_registry", "default_registry_dir", "load_registry"]

__getattr__, __dir__ = lazy_exports(__name__, {name: "foedus.registry.loader"
                                               for name in __all__})
