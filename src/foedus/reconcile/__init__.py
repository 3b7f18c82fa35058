"""Reconcile foedus's ATOP layer with a peer, and the curated registry with ATOP.

Why: a derived table earns trust by agreeing with an independent derivation and by
explaining every place it does not. :func:`reconcile_atop` compares foedus's directed
dyad-years (``ddy``, built from ATOP's member file) with peacesciencer's ``atop_alliance``
(ATOP's own directed dyad-year file, ``atop5_1ddyr``), per pledge type over the union of
dyad-years, and gives every disagreeing dyad-year a cause. :func:`reconcile_registry` lists
the pledges on which the curated registry (instruments with ``atop_ids``) and ATOP disagree
in a year both cover.

Causes (first that applies):

* ``non_cow_code`` -- a side is not a COW state code (ATOP's France-Annam alliance);
* ``atop_files_disagree`` -- a documented case where ATOP's dyad file contradicts its member
  file (:data:`KNOWN_RESIDUE`); foedus follows the member file;
* ``asymmetric_partners`` -- the obligor is coded ``obvary`` in a shared alliance, so who it
  owes is a judgment (:data:`foedus.sources.atop_commitments.OBVARY_PARTNERS`);
* ``phase_transition`` -- a shared alliance changes phase in that year;
* ``unknown_date`` -- a shared membership starts or ends that year on an unknown day;
* ``year_membership`` -- the year is the first or last of the pair's shared membership, where
  ATOP's year-level membership rules decide;
* ``unexplained`` -- none of the above.
"""

from foedus.reconcile.atop import (
    KNOWN_RESIDUE,
    PLEDGES,
    AtopReconciliation,
    PledgeAgreement,
    reconcile_atop,
    reconcile_atop_files,
)
from foedus.reconcile.registry import (
    DATE_TOLERANCE_DAYS,
    REGISTRY_CAUSES,
    RegistryReconciliation,
    reconcile_registry,
    reconcile_registry_year,
)

__all__ = [
    "PLEDGES",
    "KNOWN_RESIDUE",
    "PledgeAgreement",
    "AtopReconciliation",
    "RegistryReconciliation",
    "reconcile_atop",
    "reconcile_atop_files",
    "reconcile_registry",
    "reconcile_registry_year",
    "REGISTRY_CAUSES",
    "DATE_TOLERANCE_DAYS",
]
