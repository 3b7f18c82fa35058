"""Advice from the record: who could guarantee a state, and which states have no one.

``guarantors`` scores every candidate guarantor of a target against its (given or inferred)
threats with the additive model of :mod:`foedus.advise.model`, and tests coalitions on the
scenario engine; ``gaps`` ranks the states with no credible guarantor. See
docs/guarantors.md.
"""

from foedus.advise.guarantors import GuarantorsAnswer, guarantors
from foedus.advise.model import FACTORS, Weights

__all__ = ["FACTORS", "GuarantorsAnswer", "Weights", "guarantors"]
