"""Which COW states continue or split from which: for pointing users to the right code.

Why: COW gives West Germany (260), East Germany (265) and Germany (255) separate codes, and
likewise Czechoslovakia and its successors, the two Yemens and the two Vietnams. A user who
asks about "Germany" in 1985 means West Germany; foedus says so instead of answering with an
empty list. Pure data, no I/O.
"""

from __future__ import annotations

__all__ = ["RELATED", "related_codes"]

RELATED: dict[int, tuple[int, ...]] = {
    255: (260, 265),  # Germany <- West Germany, East Germany (1955-1990)
    260: (255,),
    265: (255,),
    315: (316, 317),  # Czechoslovakia -> Czech Republic, Slovakia (1993)
    316: (315,),
    317: (315,),
    678: (679,),  # Yemen Arab Republic -> Yemen (1990)
    680: (679,),  # Yemen People's Republic -> Yemen
    679: (678, 680),
    816: (817,),  # Vietnam <- Republic of Vietnam (1954-1975)
    817: (816,),
}


def related_codes(ccode: int) -> tuple[int, ...]:
    """COW codes of predecessors, successors or parts of ``ccode`` (may be empty)."""
    return RELATED.get(ccode, ())
