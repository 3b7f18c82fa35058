"""Which input tables a researcher dataset is built from when the caller names none.

Why: :class:`~foedus.store.inputs.Inputs` (the store's input tables, read once) is handed to
``create_stateyears`` / ``create_dyadyears``, and the frame they return carries it, so every
``add_*`` verb of a pipeline reads the same tables. Only a pipeline's first call may name no
inputs; it then uses the inputs set with :func:`set_default_inputs`, else those of the session
open in this process (``foedus.open()``), else those of a session opened on the configured
store — so that one process never opens the store twice.
"""

from __future__ import annotations

import threading

from foedus.session import Session, current
from foedus.store.inputs import Inputs

__all__ = ["Inputs", "default_inputs", "set_default_inputs"]

_DEFAULT: Inputs | None = None
_DEFAULT_LOCK = threading.Lock()


def default_inputs() -> Inputs:
    """The inputs set with :func:`set_default_inputs`, else the open session's (opening one
    on the configured store when none is open)."""
    with _DEFAULT_LOCK:
        if _DEFAULT is not None:
            return _DEFAULT
    session = current() or Session()
    return session.inputs


def set_default_inputs(inputs: Inputs | None) -> None:
    """Replace (or, with None, forget) the process-wide inputs (otherwise the open
    session's are used)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        _DEFAULT = inputs
