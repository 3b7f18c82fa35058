"""The casus foederis's adversary condition: does an attack meet a promise naming adversaries?

Why a module of its own: every rule asks it — who is engaged (:mod:`foedus.rules.casus`), who
enters a war round by round (:mod:`foedus.rules.war`), and whether a promise to the other side
bears on the war (:mod:`foedus.rules.conflicts`) — so it is written once, below all three.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["fires"]


def fires(adversaries: Iterable[int] | None, attacker: int) -> bool:
    """Does an attack by ``attacker`` meet a commitment naming ``adversaries``?

    A commitment that names no adversary fires on any armed attack; one that names
    adversaries fires only on an attack by one of them.
    """
    named = list(adversaries or ())
    return not named or attacker in named
