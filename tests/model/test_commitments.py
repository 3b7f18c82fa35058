"""Every obligation rule of the commitment derivation, on small real cases."""

import datetime as dt

from foedus.model import (
    Conditions,
    FuzzyDate,
    Instrument,
    InstrumentType,
    Kind,
    LegalForce,
    Membership,
    Obligation,
    Period,
    Role,
    Source,
    Strength,
    Suspension,
    commitments_from_instrument,
)

D = dt.date
SRC = (Source("https://avalon.law.yale.edu/20th_century/usmu002.asp"),)
USA, AUL, NEW, UKR, UKG, RUS = 2, 900, 920, 369, 200, 365
START = D(1952, 4, 29)


def _inst(members, obligations, *, force=LegalForce.TREATY, in_force=START,
          terminated=None, suspensions=()) -> Instrument:
    return Instrument(
        id="x", name="X", short="X", type=InstrumentType.ALLIANCE, legal_force=force,
        signed=None, in_force=FuzzyDate(in_force) if in_force else None,
        terminated=FuzzyDate(terminated) if terminated else None, sources=SRC,
        members=tuple(members), obligations=tuple(obligations),
        suspensions=tuple(suspensions))


def _party(code, start=START, end=None, role=Role.PARTY):
    return Membership(code, role, Period(start, end))


ART4 = Obligation(Kind.DEFENSE, Strength.DISCRETIONARY, "Art. IV", among_parties=True)


def test_mutual_obligation_binds_every_party_to_every_other() -> None:
    cs = commitments_from_instrument(_inst([_party(USA), _party(AUL), _party(NEW)], [ART4]))
    pairs = {(c.obligor, c.beneficiary) for c in cs}
    assert pairs == {(a, b) for a in (USA, AUL, NEW) for b in (USA, AUL, NEW) if a != b}
    assert all(c.valid == Period(D(1952, 4, 29)) for c in cs)


def test_formal_suspension_is_directed_and_removes_its_days() -> None:
    sus = Suspension(Period(D(1986, 9, 17)), obligor=USA, beneficiary=NEW)
    cs = commitments_from_instrument(
        _inst([_party(USA), _party(AUL), _party(NEW)], [ART4], suspensions=[sus]))
    us_nz = [c for c in cs if (c.obligor, c.beneficiary) == (USA, NEW)]
    assert [c.valid for c in us_nz] == [Period(D(1952, 4, 29), D(1986, 9, 17))]
    nz_us = [c for c in cs if (c.obligor, c.beneficiary) == (NEW, USA)]
    assert [c.valid for c in nz_us] == [Period(D(1952, 4, 29))]


def test_political_freeze_removes_nothing() -> None:
    freeze = Suspension(Period(D(2024, 2, 23)), obligor=USA, formal=False)
    cs = commitments_from_instrument(_inst([_party(USA), _party(AUL)], [ART4],
                                           suspensions=[freeze]))
    assert all(c.valid == Period(D(1952, 4, 29)) for c in cs)


def test_commitment_runs_only_while_both_are_members() -> None:
    late = _party(AUL, start=D(1960, 1, 1), end=D(1970, 1, 1))
    cs = commitments_from_instrument(_inst([_party(USA), late], [ART4]))
    assert {c.valid for c in cs} == {Period(D(1960, 1, 1), D(1970, 1, 1))}


def test_left_and_returned_gives_two_periods() -> None:
    spells = [_party(AUL, D(1994, 4, 20), D(1999, 4, 2)), _party(AUL, D(2006, 8, 16),
                                                                 D(2012, 12, 20))]
    cs = commitments_from_instrument(_inst([_party(USA, D(1994, 4, 20)), *spells], [ART4],
                                           in_force=D(1994, 4, 20)))
    got = sorted(c.valid for c in cs if c.obligor == USA)
    assert got == [Period(D(1994, 4, 20), D(1999, 4, 2)), Period(D(2006, 8, 16),
                                                                 D(2012, 12, 20))]


def test_termination_ends_commitments() -> None:
    cs = commitments_from_instrument(
        _inst([_party(USA), _party(AUL)], [ART4], terminated=D(1980, 1, 1)))
    assert {c.valid for c in cs} == {Period(D(1952, 4, 29), D(1980, 1, 1))}


def test_guarantors_owe_the_beneficiary_and_not_each_other() -> None:
    ob = Obligation(Kind.ASSURANCE, Strength.CONSULTATIVE, "para 1",
                    obligors=("guarantor",), beneficiaries=("beneficiary",))
    members = [_party(c, D(1994, 12, 5), role=Role.GUARANTOR) for c in (USA, UKG, RUS)]
    members.append(_party(UKR, D(1994, 12, 5), role=Role.BENEFICIARY))
    cs = commitments_from_instrument(_inst(members, [ob], force=LegalForce.POLITICAL,
                                           in_force=D(1994, 12, 5)))
    assert {(c.obligor, c.beneficiary) for c in cs} == {(USA, UKR), (UKG, UKR), (RUS, UKR)}
    assert {c.legal_force for c in cs} == {LegalForce.POLITICAL}


def test_proposal_is_never_in_force() -> None:
    ob = Obligation(Kind.GUARANTEE, Strength.AUTOMATIC, "para 1",
                    obligors=("guarantor",), beneficiaries=("beneficiary",))
    members = [_party(UKG, D(2022, 3, 29), role=Role.GUARANTOR),
               _party(UKR, D(2022, 3, 29), role=Role.BENEFICIARY)]
    cs = commitments_from_instrument(_inst(members, [ob], force=LegalForce.PROPOSAL,
                                           in_force=None))
    assert len(cs) == 1
    assert cs[0].valid is None
    assert not cs[0].in_force_on(D(2022, 4, 1))


def test_obligation_level_legal_force_and_period_override_the_instrument() -> None:
    ob = Obligation(Kind.CONSULTATION, Strength.CONSULTATIVE, "Art. 7", among_parties=True,
                    legal_force=LegalForce.POLITICAL,
                    period=Period(D(1960, 1, 1), D(1961, 1, 1)))
    cs = commitments_from_instrument(_inst([_party(USA), _party(AUL)], [ob]))
    assert {c.legal_force for c in cs} == {LegalForce.POLITICAL}
    assert {c.valid for c in cs} == {Period(D(1960, 1, 1), D(1961, 1, 1))}


def test_conditions_travel_with_the_commitment() -> None:
    ob = Obligation(Kind.DEFENSE, Strength.AUTOMATIC, "Art. 1", among_parties=True,
                    conditions=Conditions(adversaries=(740,)))
    cs = commitments_from_instrument(_inst([_party(710), _party(365)], [ob]))
    assert all(c.conditions.adversaries == (740,) for c in cs)
