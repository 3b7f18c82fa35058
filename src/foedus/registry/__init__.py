"""The curated registry: instrument files shipped with foedus, and the state system.

The names below are imported on first use (a lazy map), so that reading the state system
(``foedus.registry.states``) does not load and validate the instrument files' reader.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foedus.registry.loader import (
        Registry,
        check_registry,
        default_registry_dir,
        load_registry,
    )

__all__ = ["Registry", "check_registry", "default_registry_dir", "load_registry"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        value = getattr(importlib.import_module("foedus.registry.loader"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'foedus.registry' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
