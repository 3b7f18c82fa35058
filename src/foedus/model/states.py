"""States of the international system, keyed by Correlates of War code.

Why: every fact in foedus names states, and users name them in many ways ("Russia", "rus",
365, "USSR"). One :class:`StateSystem` resolves all of them, and knows when each state was a
member of the system (a list of spells), so that a dyad can be checked to exist on a day.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
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


def _words(text: str) -> tuple[str, ...]:
    """The folded words of a name: "Bosnia-Herzegovina" -> ("bosnia", "herzegovina")."""
    return tuple(re.findall(r"\w+", _fold(text)))


def _code_like(text: str) -> bool:
    """True for tokens never matched partially: under four letters or digits ("EU", "ROC",
    "U.S."), which covers every COW abbreviation and ISO3 code."""
    return sum(c.isalnum() for c in text) < 4


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
    #: The names it bore on given days where they differ from COW's ``name`` (Prussia before
    #: the German Empire, the Soviet Union 1922-91): half-open periods, none overlapping.
    names: tuple[tuple[Period, str], ...] = field(default=(), compare=False)

    def name_on(self, day: dt.date | None) -> str:
        """The state's name on ``day``: "Prussia" for COW 255 before 1871-01-18, "Soviet
        Union" for 365 from 1922-12-30 to 1991-12-25, COW's ``name`` when no dated name
        applies (or with no day). Answers about a day name states as they were then."""
        if day is not None:
            for period, name in self.names:
                if period.contains(day):
                    return name
        return self.name

    def member_on(self, day: dt.date) -> bool:
        """True when the state is a member of the system on ``day``."""
        return any(p.contains(day) for p in self.spells)

    def to_json(self, on: dt.date | None = None) -> dict[str, object]:
        """The stable JSON shape of a state: ``{"ccode", "abb", "name"}``; with ``on``, the
        name it bore that day (:meth:`name_on`)."""
        return {"ccode": self.ccode, "abb": self.abb, "name": self.name_on(on)}

    def __str__(self) -> str:
        return f"{self.name} ({self.abb}, {self.ccode})"


class StateSystem:
    """All known states, with lookup by code, abbreviation, name or alias."""

    def __init__(self, states: Iterable[State]) -> None:
        self._by_code: dict[int, State] = {}
        self._by_abb: dict[str, State] = {}
        self._by_name: dict[str, list[State]] = {}
        #: Folded names and aliases only (no ISO3 codes), as word tuples, for prefix matching.
        self._name_words: dict[tuple[str, ...], list[State]] = {}
        for s in states:
            if s.ccode in self._by_code:
                raise ValueError(f"duplicate COW code {s.ccode}")
            self._by_code[s.ccode] = s
            self._by_abb[s.abb.upper()] = s
            for n in (s.name, *s.aliases):
                bucket = self._by_name.setdefault(_fold(n), [])
                if s not in bucket:
                    bucket.append(s)
                words = self._name_words.setdefault(_words(n), [])
                if s not in words:
                    words.append(s)
        for s in self._by_code.values():
            if s.iso3:
                bucket = self._by_name.setdefault(_fold(s.iso3), [])
                if s not in bucket:
                    bucket.append(s)

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

    def lookup(self, ref: str | int, exact: bool = False) -> State:
        """Resolve a COW code, COW abbreviation, ISO3 code, name or alias, case-insensitively.

        An exact match wins (a three-letter COW abbreviation before an ISO3 code). Otherwise,
        unless ``exact``, a name of four or more characters that is the leading whole words of
        a name or alias is accepted ("Bosnia" for Bosnia and Herzegovina); short and code-like
        tokens ("ROC", "EU", "ESH") are never matched partially, since a substring of an
        unrelated name would silently give the wrong country. Several candidates raise
        :class:`AmbiguousStateError` listing them, none :class:`UnknownStateError` with close
        suggestions. ``exact=True`` (used for registry files) accepts only a code,
        abbreviation, ISO3 code, name or alias as written, so a typo is an error.
        """
        if isinstance(ref, State):
            return ref
        # a COW code is ASCII digits: str.isdigit() is also true of '²' (int() fails) and of
        # other scripts' digits ('٢' would silently read as 2, the United States)
        if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isascii()
                                    and ref.strip().isdigit()):
            return self.by_code(int(ref))
        text = str(ref).strip()
        if not text:
            raise UnknownStateError(text, [])
        if text.upper() in self._by_abb and len(text) == 3:
            return self._by_abb[text.upper()]
        key = _fold(text)
        found = self._by_name.get(key, [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousStateError(text, [str(s) for s in found])
        if not exact and not _code_like(text):
            words = _words(text)
            partial = sorted(
                {s.ccode: s for n, ss in self._name_words.items()
                 if len(n) > len(words) and n[:len(words)] == words for s in ss}.values(),
                key=lambda s: s.ccode,
            )
            if len(partial) == 1:
                return partial[0]
            if len(partial) > 1:
                raise AmbiguousStateError(text, [str(s) for s in partial])
        raise UnknownStateError(text, self._suggest(key))

    def _suggest(self, key: str) -> list[str]:
        names = difflib.get_close_matches(key, list(self._by_name), n=8, cutoff=0.6)
        return list(dict.fromkeys(str(s) for n in names for s in self._by_name[n]))[:5]

    def members_on(self, day: dt.date) -> list[State]:
        """States that are members of the system on ``day``."""
        return [s for s in self if s.member_on(day)]
