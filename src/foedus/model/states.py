"""States of the international system, keyed by Correlates of War code.

Why: every fact in foedus names states, and users name them in many ways ("Russia", "rus",
365, "USSR"). One :class:`StateSystem` resolves all of them, and knows when each state was a
member of the system (a list of spells), so that a dyad can be checked to exist on a day.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from foedus.errors import AmbiguousStateError, UnknownStateError
from foedus.model.dates import Period

__all__ = ["State", "StateSystem"]


def _fold(text: str) -> str:
    """Case- and accent-insensitive key: "Türkiye" and "turkiye" match."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).casefold().strip()


@dataclass(frozen=True)
class State:
    """One COW state: code, abbreviation, name, and its system-membership spells."""

    ccode: int
    abb: str
    name: str
    spells: tuple[Period, ...] = ()
    iso3: str | None = None
    gwcode: int | None = None
    aliases: tuple[str, ...] = field(default=(), compare=False)

    def member_on(self, day: dt.date) -> bool:
        """True when the state is a member of the system on ``day``."""
        return any(p.contains(day) for p in self.spells)

    def to_json(self) -> dict[str, object]:
        """The stable JSON shape of a state: ``{"ccode", "abb", "name"}``."""
        return {"ccode": self.ccode, "abb": self.abb, "name": self.name}

    def __str__(self) -> str:
        return f"{self.name} ({self.abb}, {self.ccode})"


class StateSystem:
    """All known states, with lookup by code, abbreviation, name or alias."""

    def __init__(self, states: Iterable[State]) -> None:
        self._by_code: dict[int, State] = {}
        self._by_abb: dict[str, State] = {}
        self._by_name: dict[str, list[State]] = {}
        for s in states:
            if s.ccode in self._by_code:
                raise ValueError(f"duplicate COW code {s.ccode}")
            self._by_code[s.ccode] = s
            self._by_abb[s.abb.upper()] = s
            for n in (s.name, *s.aliases):
                bucket = self._by_name.setdefault(_fold(n), [])
                if s not in bucket:
                    bucket.append(s)
        if s_iso := [s for s in self._by_code.values() if s.iso3]:
            for s in s_iso:
                assert s.iso3 is not None
                self._by_name.setdefault(_fold(s.iso3), [])
                if s not in self._by_name[_fold(s.iso3)]:
                    self._by_name[_fold(s.iso3)].append(s)

    def __iter__(self) -> Iterator[State]:
        return iter(sorted(self._by_code.values(), key=lambda s: s.ccode))

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, ccode: object) -> bool:
        return ccode in self._by_code

    def by_code(self, ccode: int) -> State:
        """The state with COW code ``ccode``; :class:`UnknownStateError` if none."""
        try:
            return self._by_code[int(ccode)]
        except KeyError:
            raise UnknownStateError(str(ccode), []) from None

    def lookup(self, ref: str | int) -> State:
        """Resolve a COW code, COW abbreviation, ISO3 code, name or alias, case-insensitively.

        An exact match wins. Otherwise a unique name containing ``ref`` is accepted; several
        raise :class:`AmbiguousStateError` listing the candidates, none
        :class:`UnknownStateError` with close suggestions.
        """
        if isinstance(ref, State):
            return ref
        if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
            return self.by_code(int(ref))
        text = str(ref).strip()
        if not text:
            raise UnknownStateError(text, [])
        if text.upper() in self._by_abb and len(text) == 3:
            return self._by_abb[text.upper()]
        key = _fold(text)
        exact = self._by_name.get(key, [])
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise AmbiguousStateError(text, [str(s) for s in exact])
        partial = sorted(
            {s.ccode: s for n, ss in self._by_name.items() if key in n for s in ss}.values(),
            key=lambda s: s.ccode,
        )
        if len(partial) == 1:
            return partial[0]
        if len(partial) > 1:
            raise AmbiguousStateError(text, [str(s) for s in partial])
        raise UnknownStateError(text, self._suggest(key))

    def _suggest(self, key: str) -> list[str]:
        import difflib

        names = difflib.get_close_matches(key, list(self._by_name), n=5, cutoff=0.6)
        return [str(self._by_name[n][0]) for n in names]

    def members_on(self, day: dt.date) -> list[State]:
        """States that are members of the system on ``day``."""
        return [s for s in self if s.member_on(day)]
