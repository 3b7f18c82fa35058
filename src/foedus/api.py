"""The Python API: :func:`foedus.open` gives a :class:`~foedus.session.Session`.

``Foedus`` is the session's former name, kept so that existing notebooks keep working.
"""

from __future__ import annotations

from foedus.session import Session, open

Foedus = Session

__all__ = ["Foedus", "Session", "open"]
