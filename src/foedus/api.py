"""The Python API: :func:`foedus.open` gives a :class:`Foedus`, a session that answers questions.

Why a class of its own: a :class:`~foedus.session.Session` is the *context* every engine module
is handed (registry, state system, store, graph cache, dataset inputs); the questions a user
asks are answered by the engine above it (:mod:`foedus.query`, :mod:`foedus.scenario`,
:mod:`foedus.advise`, :mod:`foedus.datasets`). :class:`Foedus` sits on top of both: each method
calls the one engine function that answers it and returns its typed answer, whose ``to_json()``
is the contract the CLI and the web print. The engine never imports this module, so the imports
point one way.

Examples
--------
>>> import foedus
>>> fx = foedus.open()                                                       # doctest: +SKIP
>>> [s.abb for s in fx.defenders("EST", "RUS", "2025-01-01").bound_states()]  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from foedus.advise.gaps import GapsAnswer, gaps
from foedus.advise.guarantors import GuarantorsAnswer, guarantors
from foedus.advise.threats import ThreatsAnswer, threats_answer
from foedus.backtest.guarantors import BacktestAnswer, backtest_guarantors
from foedus.datasets.build import build_dataset
from foedus.datasets.frame import FoedusFrame
from foedus.model.schema import Source
from foedus.query.answers import (
    CommitmentsAnswer,
    DefendersAnswer,
    DiffAnswer,
    ForumsAnswer,
    InstrumentAnswer,
    InstrumentsAnswer,
)
from foedus.query.commitments import commitments
from foedus.query.common import as_date
from foedus.query.defenders import defenders
from foedus.query.diff import diff
from foedus.query.explore import (
    DatasetsAnswer,
    NetworkAnswer,
    SystemAnswer,
    datasets_status,
    network,
    system,
)
from foedus.query.forums import forums
from foedus.query.instruments import Reading, instrument, instruments
from foedus.query.status import StatusAnswer, status
from foedus.registry.loader import Registry
from foedus.scenario.engine import PreparedScenario, Spec, prepare
from foedus.scenario.priors import Credibility, Joining
from foedus.session import Session

__all__ = ["Foedus", "Session", "open"]


class Foedus(Session):
    """An open foedus that answers questions.

    A :class:`~foedus.session.Session` (registry, state system, store, graphs, inputs) with
    every question as a method; each returns the engine's typed answer.

    Parameters
    ----------
    path
        The store file (default: ``$FOEDUS_HOME/foedus.duckdb``), or ``":memory:"``.
    registry
        A loaded :class:`~foedus.registry.Registry`, or a folder of instrument files
        (default: the registry bundled with foedus).
    wait
        Seconds to wait while *another process* holds the store.
    """

    def __enter__(self) -> Foedus:
        return self

    # -- questions (each answered once, in foedus.query) ----------------------------------
    def commitments(self, state: str | int, on: object, *, direction: str = "both",
                    kind: str | None = None, source: Source = "all",
                    partner: str | int | None = None) -> CommitmentsAnswer:
        """Commitments ``state`` gives, receives or both on day ``on``.

        Parameters
        ----------
        state
            COW code, abbreviation or name.
        on
            The day (``YYYY-MM-DD``, a year, or a :class:`datetime.date`).
        direction
            ``gives``, ``receives`` or ``both``.
        kind
            Only commitments of this kind (``defense``, ``guarantee``...).
        source
            ``registry``, ``atop`` or ``all``.
        partner
            Only commitments with this other state.

        Returns
        -------
        CommitmentsAnswer
            The commitments, with the datasets they were read from.
        """
        return commitments(self, state, on, direction=direction, kind=kind, source=source,
                           partner=partner)

    def defenders(self, target: str | int, attacker: str | int, on: object, *,
                  source: Source = "all") -> DefendersAnswer:
        """Who an armed attack by ``attacker`` on ``target`` on day ``on`` would engage.

        Parameters
        ----------
        target, attacker
            COW code, abbreviation or name of each state.
        on
            The day of the attack.
        source
            ``registry``, ``atop`` or ``all``.

        Returns
        -------
        DefendersAnswer
            The commitments owed to ``target`` by category (bound, consult, assurances...),
            each with the reason it fires or not.
        """
        return defenders(self, target, attacker, on, source=source)

    def status(self, state: str | int, on: object | None = None) -> StatusAnswer:
        """The state's own legal statuses (neutrality, demilitarisation...).

        Parameters
        ----------
        state
            COW code, abbreviation or name.
        on
            The day; every status in the state's history when None.

        Returns
        -------
        StatusAnswer
            The statuses in force (or all of them), with their instruments.
        """
        return status(self, state, on)

    def instruments(self, *, state: str | int | None = None, on: object | None = None,
                    search: str | None = None) -> InstrumentsAnswer:
        """Instruments of the registry and, once ATOP is imported, ATOP's alliances.

        ATOP's alliances that no curated file covers are listed too (ids ``atop-N``,
        ``coded_by`` ``"ATOP"``); both are filtered by member state, day in force and text.

        Parameters
        ----------
        state
            Only instruments this state is a member of.
        on
            Only instruments in force on this day (an ATOP alliance in effect when ATOP ends
            is listed on a later day as ``presumed``).
        search
            Only instruments whose id or name contains this text.

        Returns
        -------
        InstrumentsAnswer
            One summary per instrument.
        """
        return instruments(self, state=state, on=on, search=search)

    def instrument(self, instrument_id: str, reading: Reading = "curated") -> InstrumentAnswer:
        """Everything recorded about one instrument.

        Parameters
        ----------
        instrument_id
            The instrument's id (``nato``, ``atop-3180``...). ``atop-N`` is ATOP's alliance N:
            the curated file covering it when there is one, else ATOP's reading.
        reading
            ``"atop"``: ATOP's own reading of the alliance, even where a curated file covers
            it (of a curated id: of its one ATOP alliance).

        Returns
        -------
        InstrumentAnswer
            Its members, obligations, sources and dates.
        """
        return instrument(self, instrument_id, reading)

    def forums(self, a: str | int, b: str | int, on: object) -> ForumsAnswer:
        """Institutions and forums both ``a`` and ``b`` belong to on day ``on``.

        Parameters
        ----------
        a, b
            COW code, abbreviation or name of each state.
        on
            The day.

        Returns
        -------
        ForumsAnswer
            The instruments both are members of.
        """
        return forums(self, a, b, on)

    def scenario(self, spec: Spec, *, credibility: Credibility | None = None,
                 joining: Joining | None = None) -> PreparedScenario:
        """A scenario laid on its day's graph; ``.run(draws=10_000, seed=7)`` answers it.

        The store is never written: edits are overlays.

        Parameters
        ----------
        spec
            A dict, a YAML path or a :class:`~foedus.scenario.Scenario`.
        credibility, joining
            The models to use instead of the fitted ones.

        Returns
        -------
        PreparedScenario
            The scenario ready to resolve or simulate.
        """
        return prepare(self, spec, credibility=credibility, joining=joining)

    def guarantors(self, target: str | int, on: object,
                   threats: list[str | int] | None = None,
                   weights: dict[str, float] | None = None, *, size: int = 3,
                   draws: int = 1000, seed: int = 7) -> GuarantorsAnswer:
        """Who could guarantee ``target`` on ``on`` against ``threats``.

        Candidates are scored and ranked, and coalitions tested on the scenario engine
        (docs/guarantors.md).

        Parameters
        ----------
        target
            The state to guarantee.
        on
            The day.
        threats
            The states it must be guarded against (inferred, with reasons, when None).
        weights
            Weights of the scoring factors (the fitted ones when None).
        size
            Largest coalition tested.
        draws, seed
            Monte Carlo draws per coalition, and the seed (same seed, same answer).

        Returns
        -------
        GuarantorsAnswer
            Threats, ranked candidates and tested coalitions.
        """
        return guarantors(self, target, on, threats, weights, size=size, draws=draws,
                          seed=seed)

    def threats(self, target: str | int, on: object) -> ThreatsAnswer:
        """Who threatens ``target`` on ``on``, ranked, with every reason and its sources.

        Wars, uses of force and displays against the target in the ten years before the day
        (the conflicts layer, UCDP ACD and COW MID when imported), weighted by severity and
        recency; live rivalries; named adversaries; states that cannot reach it are dropped
        (docs/threats.md).

        Parameters
        ----------
        target
            The state threatened.
        on
            The day.

        Returns
        -------
        ThreatsAnswer
            The threats, best first, the datasets read, the notes and the rule's weights.
        """
        return threats_answer(self, target, as_date(on, "--on date"))
    def backtest_guarantors(self, *, wars: list[int] | None = None,
                            ridge: float | None = None) -> BacktestAnswer:
        """The guarantor ranking checked against history (``foedus backtest guarantors``).

        On the first day of each COW inter-state war that others joined, every state is
        ranked as a guarantor of the original target against the initiators; the answer
        says where the states that came rank (AUC, top 5, top 10), out of sample, beside the
        hand-set weights and a naive ranking (docs/guarantors.md, "Backtest").

        Parameters
        ----------
        wars
            Only these COW war numbers (all wars that others joined when None).
        ridge
            A fixed ridge penalty (chosen inside each training fold when None).

        Returns
        -------
        BacktestAnswer
            Figures per split and method, the cases, the model fitted on every case, and
            the check on honoured and violated alliances.
        """
        return backtest_guarantors(self, ridge=ridge, wars=wars)

    def gaps(self, on: object, limit: int | None = 20,
             weights: dict[str, float] | None = None) -> GapsAnswer:
        """States with no credible guarantor against their likely threats on ``on``.

        Parameters
        ----------
        on
            The day.
        limit
            How many states to return (all when None).
        weights
            Weights of the scoring factors.

        Returns
        -------
        GapsAnswer
            The states ranked by their best guarantor's score.
        """
        return gaps(self, on, limit, weights)

    def diff(self, start: object, end: object, *, state: str | int | None = None,
             source: Source = "all") -> DiffAnswer:
        """Commitments that appeared or ended between two days.

        Parameters
        ----------
        start, end
            The two days.
        state
            Only commitments given or received by this state.
        source
            ``registry``, ``atop`` or ``all``.

        Returns
        -------
        DiffAnswer
            The commitments added and removed.
        """
        return diff(self, start, end, state=state, source=source)

    # -- the explorer's questions (foedus.query.explore) ----------------------------------
    def network(self, on: object, *, kind: str | list[str] | None = None,
                legal_force: str | list[str] | None = None, region: str | None = None,
                source: Source = "all", limit: int = 1000, offset: int = 0) -> NetworkAnswer:
        """The day's commitments as nodes and (paged) edges.

        Parameters
        ----------
        on
            The day.
        kind, legal_force
            Only commitments of these kinds and legal forces.
        region
            Only states of this COW region.
        source
            ``registry``, ``atop`` or ``all``.
        limit, offset
            The page of edges.

        Returns
        -------
        NetworkAnswer
            Nodes and edges.
        """
        return network(self, on, kind=kind, legal_force=legal_force, region=region,
                       source=source, limit=limit, offset=offset)

    def system(self, on: object) -> SystemAnswer:
        """The states in the system on ``on``, with ISO3 codes and capitals where known.

        Parameters
        ----------
        on
            The day.

        Returns
        -------
        SystemAnswer
            One entry per member state.
        """
        return system(self, on)

    def datasets_status(self) -> DatasetsAnswer:
        """The imported datasets (version, coverage, checksum) and how to cite each.

        Returns
        -------
        DatasetsAnswer
            The datasets and their citations.
        """
        return datasets_status(self)

    def dataset(self, unit: str, *, system: str = "cow", years: str | None = None,
                directed: bool = True, add: str | list[str] | None = None,
                alliance_source: Source = "atop",
                nmc_version: str = "7.0") -> FoedusFrame:
        """A researcher dataset with the named ``add_*`` verbs.

        Parameters
        ----------
        unit
            ``state_year`` or ``dyad_year``.
        system
            ``cow`` or ``gw``.
        years
            ``YYYY`` or ``YYYY-YYYY`` (every complete year when None).
        directed
            Ordered pairs (dyad-years).
        add
            The verbs, by name (``capabilities``, ``capital-distance``...).
        alliance_source, nmc_version
            Options of ``add_alliances`` and ``add_capabilities``.

        Returns
        -------
        FoedusFrame
            The frame, with its provenance (``frame.cite()``).
        """
        return build_dataset(self, unit, system=system, years=years, directed=directed,
                             add=add, alliance_source=alliance_source,
                             nmc_version=nmc_version)


def open(path: Path | str | None = None, *,  # noqa: A001 - mirrors sqlite3.connect
         registry: Registry | Path | str | None = None) -> Foedus:
    """Open foedus: the store at ``path``, answering from ``registry``.

    Parameters
    ----------
    path
        The store (default ``$FOEDUS_HOME/foedus.duckdb``).
    registry
        A registry or a folder of instrument files (default: the bundled registry).

    Returns
    -------
    Foedus
        The open session; close it, or use it in a ``with`` block.
    """
    return Foedus(path, registry=registry)
