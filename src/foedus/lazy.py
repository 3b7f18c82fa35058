"""One lazy export map for the packages that import their public names on first use.

Why: ``foedus``, ``foedus.model``, ``foedus.registry``, ``foedus.query`` and
``foedus.datasets`` name what they export in their ``__init__`` but load the defining module
only when a name is first read, so that a fresh process (a CLI question answered from the
cache, ``import foedus``) does not import polars and every engine it will not use. Each of
them had its own copy of the same module ``__getattr__``; this is the one they share.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, where: Mapping[str, str]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` for ``package``: a name of ``where`` (public
    name -> the module that defines it) is imported on first use and kept on the package, so
    the next read is an ordinary attribute; any other name is an ``AttributeError``.

    Use: ``__getattr__, __dir__ = lazy_exports(__name__, {...})``.
    """

    def __getattr__(name: str) -> Any:
        if name in where:
            value = getattr(importlib.import_module(where[name]), name)
            setattr(sys.modules[package], name, value)
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *where})

    return __getattr__, __dir__
