"""The references foedus's imported datasets ask their users to cite.

Why one module: several datasets share a reference (COW's state list is cited by the COW
states, isard and peacesciencer), and ``foedus cite`` must print each reference once, under
one key. Keys follow ``firstauthorYEARword``.
"""

from __future__ import annotations

from foedus.sources.base import Citation

__all__ = [
    "BAILEY_2017",
    "BERKEMEIER_FUHRMANN_2018",
    "COW_STATES_2017",
    "FOEDUS_REGISTRY",
    "GLEDITSCH_WARD_1999",
    "HOLLWAY_MANYSTATES",
    "LEEDS_2002",
    "LEEDS_ANAC_2005",
    "LEEDS_LONG_MITCHELL_2000",
    "MILLER_ISARD",
    "MILLER_PEACESCIENCER_2022",
    "PALMER_2022",
    "SARKEES_WAYMAN_2010",
    "SINGER_1972",
    "SINGER_1987",
    "STINNETT_2002",
    "THOMPSON_DREYER_2011",
    "VOETEN_UNVOTES",
]

COW_STATES_2017 = Citation(
    "cow2017states",
    """@misc{cow2017states,
  author = {{Correlates of War Project}},
  title = {State System Membership List, v2016},
  year = {2017},
  howpublished = {\\url{https://correlatesofwar.org/data-sets/state-system-membership/}}
}""",
    'Correlates of War Project. 2017. "State System Membership List, v2016." Online, '
    "https://correlatesofwar.org/data-sets/state-system-membership/",
)

GLEDITSCH_WARD_1999 = Citation(
    "gleditsch1999revised",
    """@article{gleditsch1999revised,
  author = {Gleditsch, Kristian S. and Ward, Michael D.},
  title = {A Revised List of Independent States since the {C}ongress of {V}ienna},
  journal = {International Interactions},
  volume = {25},
  number = {4},
  pages = {393--413},
  year = {1999},
  doi = {10.1080/03050629908434958}
}""",
    "Gleditsch, Kristian S., and Michael D. Ward. 1999. \"A Revised List of Independent "
    'States since the Congress of Vienna." International Interactions 25(4): 393-413.',
)

MILLER_ISARD = Citation(
    "miller2025isard",
    """@manual{miller2025isard,
  author = {Miller, Steven V.},
  title = {isard: Overflow Data for Quantitative Peace Science Research},
  note = {R package version 0.2.0},
  year = {2025},
  url = {https://github.com/svmiller/isard}
}""",
    "Miller, Steven V. 2025. isard: Overflow Data for Quantitative Peace Science Research. "
    "R package version 0.2.0. https://github.com/svmiller/isard",
)

MILLER_PEACESCIENCER_2022 = Citation(
    "miller2022peacesciencer",
    """@article{miller2022peacesciencer,
  author = {Miller, Steven V.},
  title = {{peacesciencer}: An {R} Package for Quantitative Peace Science Research},
  journal = {Conflict Management and Peace Science},
  volume = {39},
  number = {6},
  pages = {755--779},
  year = {2022},
  doi = {10.1177/07388942221077926}
}""",
    'Miller, Steven V. 2022. "peacesciencer: An R Package for Quantitative Peace Science '
    'Research." Conflict Management and Peace Science 39(6): 755-779.',
)

SINGER_1972 = Citation(
    "singer1972capability",
    """@incollection{singer1972capability,
  author = {Singer, J. David and Bremer, Stuart and Stuckey, John},
  title = {Capability Distribution, Uncertainty, and Major Power War, 1820--1965},
  booktitle = {Peace, War, and Numbers},
  editor = {Russett, Bruce},
  publisher = {Sage},
  address = {Beverly Hills},
  pages = {19--48},
  year = {1972}
}""",
    "Singer, J. David, Stuart Bremer, and John Stuckey. 1972. \"Capability Distribution, "
    'Uncertainty, and Major Power War, 1820-1965." In Bruce Russett (ed.), Peace, War, and '
    "Numbers. Beverly Hills: Sage, 19-48.",
)

SINGER_1987 = Citation(
    "singer1987reconstructing",
    """@article{singer1987reconstructing,
  author = {Singer, J. David},
  title = {Reconstructing the {C}orrelates of {W}ar Dataset on Material Capabilities of
           States, 1816--1985},
  journal = {International Interactions},
  volume = {14},
  number = {2},
  pages = {115--132},
  year = {1987}
}""",
    'Singer, J. David. 1987. "Reconstructing the Correlates of War Dataset on Material '
    'Capabilities of States, 1816-1985." International Interactions 14(2): 115-132.',
)

STINNETT_2002 = Citation(
    "stinnett2002contiguity",
    """@article{stinnett2002contiguity,
  author = {Stinnett, Douglas M. and Tir, Jaroslav and Schafer, Philip and Diehl, Paul F.
            and Gochman, Charles},
  title = {The {C}orrelates of {W}ar Project Direct Contiguity Data, Version 3},
  journal = {Conflict Management and Peace Science},
  volume = {19},
  number = {2},
  pages = {59--67},
  year = {2002}
}""",
    "Stinnett, Douglas M., Jaroslav Tir, Philip Schafer, Paul F. Diehl, and Charles Gochman. "
    '2002. "The Correlates of War Project Direct Contiguity Data, Version 3." Conflict '
    "Management and Peace Science 19(2): 59-67.",
)

PALMER_2022 = Citation(
    "palmer2022mid5",
    """@article{palmer2022mid5,
  author = {Palmer, Glenn and McManus, Roseanne W. and D'Orazio, Vito and Kenwick, Michael R.
            and Karstens, Mikaela and Bloch, Chase and Dietrich, Nick and Kahn, Kayla
            and Ritter, Kellan and Soules, Michael J.},
  title = {The {MID5} Dataset, 2011--2014: Procedures, Coding Rules, and Description},
  journal = {Conflict Management and Peace Science},
  volume = {39},
  number = {4},
  pages = {470--482},
  year = {2022},
  doi = {10.1177/0738894221995743}
}""",
    "Palmer, Glenn, Roseanne W. McManus, Vito D'Orazio, Michael R. Kenwick, Mikaela Karstens, "
    "Chase Bloch, Nick Dietrich, Kayla Kahn, Kellan Ritter, and Michael J. Soules. 2022. "
    '"The MID5 Dataset, 2011-2014: Procedures, Coding Rules, and Description." Conflict '
    "Management and Peace Science 39(4): 470-482.",
)

SARKEES_WAYMAN_2010 = Citation(
    "sarkees2010resort",
    """@book{sarkees2010resort,
  author = {Sarkees, Meredith Reid and Wayman, Frank Whelon},
  title = {Resort to War: A Data Guide to Inter-State, Extra-State, Intra-State, and
           Non-State Wars, 1816--2007},
  publisher = {CQ Press},
  address = {Washington DC},
  year = {2010}
}""",
    "Sarkees, Meredith Reid, and Frank Whelon Wayman. 2010. Resort to War: A Data Guide to "
    "Inter-State, Extra-State, Intra-State, and Non-State Wars, 1816-2007. Washington DC: "
    "CQ Press.",
)

BAILEY_2017 = Citation(
    "bailey2017estimating",
    """@article{bailey2017estimating,
  author = {Bailey, Michael A. and Strezhnev, Anton and Voeten, Erik},
  title = {Estimating Dynamic State Preferences from {U}nited {N}ations Voting Data},
  journal = {Journal of Conflict Resolution},
  volume = {61},
  number = {2},
  pages = {430--456},
  year = {2017},
  doi = {10.1177/0022002715595700}
}""",
    "Bailey, Michael A., Anton Strezhnev, and Erik Voeten. 2017. \"Estimating Dynamic State "
    'Preferences from United Nations Voting Data." Journal of Conflict Resolution 61(2): '
    "430-456.",
)

VOETEN_UNVOTES = Citation(
    "voeten2009unvotes",
    """@misc{voeten2009unvotes,
  author = {Voeten, Erik and Strezhnev, Anton and Bailey, Michael},
  title = {United Nations General Assembly Voting Data},
  publisher = {Harvard Dataverse},
  year = {2009},
  note = {Ideal points release of July 2025},
  url = {https://hdl.handle.net/1902.1/12379}
}""",
    "Voeten, Erik, Anton Strezhnev, and Michael Bailey. 2009. \"United Nations General "
    'Assembly Voting Data." Harvard Dataverse, hdl:1902.1/12379 (ideal points, July 2025 '
    "release).",
)

BERKEMEIER_FUHRMANN_2018 = Citation(
    "berkemeier2018reassessing",
    """@article{berkemeier2018reassessing,
  author = {Berkemeier, Molly and Fuhrmann, Matthew},
  title = {Reassessing the Fulfillment of Alliance Commitments in War},
  journal = {Research \\& Politics},
  volume = {5},
  number = {2},
  year = {2018},
  doi = {10.1177/2053168018779697}
}""",
    'Berkemeier, Molly, and Matthew Fuhrmann. 2018. "Reassessing the Fulfillment of '
    'Alliance Commitments in War." Research & Politics 5(2).',
)

LEEDS_LONG_MITCHELL_2000 = Citation(
    "leeds2000reevaluating",
    """@article{leeds2000reevaluating,
  author = {Leeds, Brett Ashley and Long, Andrew G. and Mitchell, Sara McLaughlin},
  title = {Reevaluating Alliance Reliability: Specific Threats, Specific Promises},
  journal = {Journal of Conflict Resolution},
  volume = {44},
  number = {5},
  pages = {686--699},
  year = {2000}
}""",
    "Leeds, Brett Ashley, Andrew G. Long, and Sara McLaughlin Mitchell. 2000. \"Reevaluating "
    'Alliance Reliability: Specific Threats, Specific Promises." Journal of Conflict '
    "Resolution 44(5): 686-699.",
)

LEEDS_ANAC_2005 = Citation(
    "leeds2005institutionalization",
    """@article{leeds2005institutionalization,
  author = {Leeds, Brett Ashley and Anac, Sezi},
  title = {Alliance Institutionalization and Alliance Performance},
  journal = {International Interactions},
  volume = {31},
  number = {3},
  pages = {183--202},
  year = {2005}
}""",
    'Leeds, Brett Ashley, and Sezi Anac. 2005. "Alliance Institutionalization and Alliance '
    'Performance." International Interactions 31(3): 183-202.',
)

LEEDS_2002 = Citation(
    "leeds2002atop",
    """@article{leeds2002atop,
  author = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin
            and Long, Andrew G.},
  title = {Alliance Treaty Obligations and Provisions, 1815--1944},
  journal = {International Interactions},
  volume = {28},
  number = {3},
  pages = {237--260},
  year = {2002}
}""",
    "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. "
    '2002. "Alliance Treaty Obligations and Provisions, 1815-1944." International '
    "Interactions 28(3): 237-260.",
)

THOMPSON_DREYER_2011 = Citation(
    "thompson2011handbook",
    """@book{thompson2011handbook,
  author = {Thompson, William R. and Dreyer, David R.},
  title = {Handbook of International Rivalries, 1494--2010},
  publisher = {CQ Press},
  address = {Washington DC},
  year = {2011}
}""",
    "Thompson, William R., and David R. Dreyer. 2011. Handbook of International Rivalries, "
    "1494-2010. Washington DC: CQ Press.",
)

HOLLWAY_MANYSTATES = Citation(
    "hollway2025manystates",
    """@manual{hollway2025manystates,
  author = {Hollway, James and Sposito, Henrique and Bieri, Bernhard and Peev, Esther
            and Tan, Jael},
  title = {manystates: States for manydata},
  note = {R package; data licensed CC BY 4.0},
  year = {2025},
  url = {https://github.com/globalgov/manystates}
}""",
    "Hollway, James, Henrique Sposito, Bernhard Bieri, Esther Peev, and Jael Tan. 2025. "
    "manystates: States for manydata. R package (CC BY 4.0). "
    "https://github.com/globalgov/manystates",
)

FOEDUS_REGISTRY = Citation(
    "foedus2026registry",
    """@misc{foedus2026registry,
  author = {{foedus developers}},
  title = {foedus: security commitments between states since 1815 (curated registry)},
  year = {2026},
  note = {Each commitment lists the treaty texts and pages it rests on}
}""",
    "foedus developers. 2026. foedus: security commitments between states since 1815 "
    "(curated registry). Each commitment lists the treaty texts and pages it rests on.",
)
