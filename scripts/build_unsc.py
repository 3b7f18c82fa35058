"""Write ``registry/instruments/un-security-council.toml`` from a transcribed list.

Why a script: 80 years of elected terms are ~400 membership spells; typing them by hand
invites slips. The data below is transcribed from the UN's own list of elected members
("Countries Elected Members of the Security Council", un.org) and checked year by year
against the UN press releases and the Global Policy Forum table derived from it. Each row
is one elected term: (first year, last year, name as the UN list spells it, COW code).
A term covers 1 January of the first year to 31 December of the last year; a membership
therefore runs from ``YYYY-01-01`` to ``(last+1)-01-01`` (the first day no longer a member).

Run: ``python scripts/build_unsc.py`` (rewrites the TOML file; the file is committed).
"""

from __future__ import annotations

from pathlib import Path

OUT = (Path(__file__).resolve().parents[1] / "src" / "foedus" / "registry" / "instruments"
       / "un-security-council.toml")

# (first year, last year, UN name, COW abbreviation or None when not a COW state, note)
Term = tuple[int, int, str, str | None, str]

TERMS: list[Term] = [
    # 1946: the first election gave three members one-year terms (drawn by lot) and three two.
    (1946, 1947, "Australia", "AUL", ""),
    (1946, 1947, "Brazil", "BRA", ""),
    (1946, 1947, "Poland", "POL", ""),
    (1946, 1946, "Egypt", "EGY", "one-year term of the first election (1946)"),
    (1946, 1946, "Mexico", "MEX", "one-year term of the first election (1946)"),
    (1946, 1946, "Netherlands", "NTH", "one-year term of the first election (1946)"),
    (1947, 1948, "Belgium", "BEL", ""),
    (1947, 1948, "Colombia", "COL", ""),
    (1947, 1948, "Syria", "SYR", ""),
    (1948, 1949, "Argentina", "ARG", ""),
    (1948, 1949, "Canada", "CAN", ""),
    (1948, 1949, "Ukrainian SSR", None, "not a COW state (Soviet republic); not recorded"),
    (1949, 1950, "Cuba", "CUB", ""),
    (1949, 1950, "Egypt", "EGY", ""),
    (1949, 1950, "Norway", "NOR", ""),
    (1950, 1951, "Ecuador", "ECU", ""),
    (1950, 1951, "India", "IND", ""),
    (1950, 1951, "Yugoslavia", "YUG", ""),
    (1951, 1952, "Brazil", "BRA", ""),
    (1951, 1952, "Netherlands", "NTH", ""),
    (1951, 1952, "Turkey", "TUR", ""),
    (1952, 1953, "Chile", "CHL", ""),
    (1952, 1953, "Greece", "GRC", ""),
    (1952, 1953, "Pakistan", "PAK", ""),
    (1953, 1954, "Colombia", "COL", ""),
    (1953, 1954, "Denmark", "DEN", ""),
    (1953, 1954, "Lebanon", "LEB", ""),
    (1954, 1955, "Brazil", "BRA", ""),
    (1954, 1955, "New Zealand", "NEW", ""),
    (1954, 1955, "Turkey", "TUR", ""),
    (1955, 1956, "Belgium", "BEL", ""),
    (1955, 1956, "Iran", "IRN", ""),
    (1955, 1956, "Peru", "PER", ""),
    (1956, 1957, "Australia", "AUL", ""),
    (1956, 1957, "Cuba", "CUB", ""),
    (1956, 1956, "Yugoslavia", "YUG", "split term 1956-57 with the Philippines (1955 deadlock)"),
    (1957, 1957, "Philippines", "PHI", "split term 1956-57 with Yugoslavia (1955 deadlock)"),
    (1957, 1958, "Colombia", "COL", ""),
    (1957, 1958, "Iraq", "IRQ", ""),
    (1957, 1958, "Sweden", "SWD", ""),
    (1958, 1959, "Canada", "CAN", ""),
    (1958, 1959, "Japan", "JPN", ""),
    (1958, 1959, "Panama", "PAN", ""),
    (1959, 1960, "Argentina", "ARG", ""),
    (1959, 1960, "Italy", "ITA", ""),
    (1959, 1960, "Tunisia", "TUN", ""),
    (1960, 1961, "Ceylon", "SRI", ""),
    (1960, 1961, "Ecuador", "ECU", ""),
    (1960, 1960, "Poland", "POL", "split term 1960-61 with Turkey (1959 deadlock)"),
    (1961, 1961, "Turkey", "TUR", "split term 1960-61 with Poland (1959 deadlock)"),
    (1961, 1962, "Chile", "CHL", ""),
    (1961, 1962, "United Arab Republic", "EGY",
     "the UAR (Egypt and, until 28 Sep 1961, Syria); COW codes the UAR as Egypt (651)"),
    (1961, 1961, "Liberia", "LBR", "split term 1961-62 with Ireland"),
    (1962, 1962, "Ireland", "IRE", "split term 1961-62 with Liberia"),
    (1962, 1963, "Ghana", "GHA", ""),
    (1962, 1963, "Venezuela", "VEN", ""),
    (1962, 1962, "Romania", "ROM", "split term 1962-63 with the Philippines"),
    (1963, 1963, "Philippines", "PHI", "split term 1962-63 with Romania"),
    (1963, 1964, "Brazil", "BRA", ""),
    (1963, 1964, "Morocco", "MOR", ""),
    (1963, 1964, "Norway", "NOR", ""),
    (1964, 1965, "Bolivia", "BOL", ""),
    (1964, 1965, "Ivory Coast", "CDI", ""),
    (1964, 1964, "Czechoslovakia", "CZE", "split term 1964-65 with Malaysia (1963 deadlock)"),
    (1965, 1965, "Malaysia", "MAL", "split term 1964-65 with Czechoslovakia"),
    (1965, 1966, "Jordan", "JOR",
     "elected in 1964 for 1965 (Mali to follow in 1966); full term once the Council was enlarged"),
    (1965, 1966, "Netherlands", "NTH", ""),
    (1965, 1966, "Uruguay", "URU", ""),
    # 1966: enlargement to ten elected members (Charter amendment in force 31 Aug 1965).
    (1966, 1967, "Argentina", "ARG", ""),
    (1966, 1967, "Bulgaria", "BUL", ""),
    (1966, 1967, "Japan", "JPN", ""),
    (1966, 1967, "Mali", "MLI", ""),
    (1966, 1967, "Nigeria", "NIG", ""),
    (1966, 1966, "New Zealand", "NEW", "one-year term on the enlargement of the Council (1966)"),
    (1966, 1966, "Uganda", "UGA", "one-year term on the enlargement of the Council (1966)"),
    (1967, 1968, "Brazil", "BRA", ""),
    (1967, 1968, "Canada", "CAN", ""),
    (1967, 1968, "Denmark", "DEN", ""),
    (1967, 1968, "Ethiopia", "ETH", ""),
    (1967, 1968, "India", "IND", ""),
    (1968, 1969, "Algeria", "ALG", ""),
    (1968, 1969, "Hungary", "HUN", ""),
    (1968, 1969, "Pakistan", "PAK", ""),
    (1968, 1969, "Paraguay", "PAR", ""),
    (1968, 1969, "Senegal", "SEN", ""),
    (1969, 1970, "Colombia", "COL", ""),
    (1969, 1970, "Finland", "FIN", ""),
    (1969, 1970, "Nepal", "NEP", ""),
    (1969, 1970, "Spain", "SPN", ""),
    (1969, 1970, "Zambia", "ZAM", ""),
    (1970, 1971, "Burundi", "BUI", ""),
    (1970, 1971, "Nicaragua", "NIC", ""),
    (1970, 1971, "Poland", "POL", ""),
    (1970, 1971, "Sierra Leone", "SIE", ""),
    (1970, 1971, "Syria", "SYR", ""),
    (1971, 1972, "Argentina", "ARG", ""),
    (1971, 1972, "Belgium", "BEL", ""),
    (1971, 1972, "Italy", "ITA", ""),
    (1971, 1972, "Japan", "JPN", ""),
    (1971, 1972, "Somalia", "SOM", ""),
    (1972, 1973, "Guinea", "GUI", ""),
    (1972, 1973, "India", "IND", ""),
    (1972, 1973, "Panama", "PAN", ""),
    (1972, 1973, "Sudan", "SUD", ""),
    (1972, 1973, "Yugoslavia", "YUG", ""),
    (1973, 1974, "Australia", "AUL", ""),
    (1973, 1974, "Austria", "AUS", ""),
    (1973, 1974, "Indonesia", "INS", ""),
    (1973, 1974, "Kenya", "KEN", ""),
    (1973, 1974, "Peru", "PER", ""),
    (1974, 1975, "Byelorussian SSR", None, "not a COW state (Soviet republic); not recorded"),
    (1974, 1975, "Cameroon", "CAO", ""),
    (1974, 1975, "Costa Rica", "COS", ""),
    (1974, 1975, "Iraq", "IRQ", ""),
    (1974, 1975, "Mauritania", "MAA", ""),
    (1975, 1976, "Guyana", "GUY", ""),
    (1975, 1976, "Italy", "ITA", ""),
    (1975, 1976, "Japan", "JPN", ""),
    (1975, 1976, "Sweden", "SWD", ""),
    (1975, 1976, "United Republic of Tanzania", "TAZ", ""),
    (1976, 1977, "Benin", "BEN", ""),
    (1976, 1977, "Libya", "LIB", ""),
    (1976, 1977, "Pakistan", "PAK", ""),
    (1976, 1977, "Panama", "PAN", ""),
    (1976, 1977, "Romania", "ROM", ""),
    (1977, 1978, "Canada", "CAN", ""),
    (1977, 1978, "Federal Republic of Germany", "GFR", ""),
    (1977, 1978, "India", "IND", ""),
    (1977, 1978, "Mauritius", "MAS", ""),
    (1977, 1978, "Venezuela", "VEN", ""),
    (1978, 1979, "Bolivia", "BOL", ""),
    (1978, 1979, "Czechoslovakia", "CZE", ""),
    (1978, 1979, "Gabon", "GAB", ""),
    (1978, 1979, "Kuwait", "KUW", ""),
    (1978, 1979, "Nigeria", "NIG", ""),
    (1979, 1980, "Bangladesh", "BNG", ""),
    (1979, 1980, "Jamaica", "JAM", ""),
    (1979, 1980, "Norway", "NOR", ""),
    (1979, 1980, "Portugal", "POR", ""),
    (1979, 1980, "Zambia", "ZAM", ""),
    (1980, 1981, "German Democratic Republic", "GDR", ""),
    (1980, 1981, "Mexico", "MEX",
     "elected on 7 Jan 1980 after 155 ballots (Cuba and Colombia withdrew); seat from that day"),
    (1980, 1981, "Niger", "NIR", ""),
    (1980, 1981, "Philippines", "PHI", ""),
    (1980, 1981, "Tunisia", "TUN", ""),
    (1981, 1982, "Ireland", "IRE", ""),
    (1981, 1982, "Japan", "JPN", ""),
    (1981, 1982, "Panama", "PAN", ""),
    (1981, 1982, "Spain", "SPN", ""),
    (1981, 1982, "Uganda", "UGA", ""),
    (1982, 1983, "Guyana", "GUY", ""),
    (1982, 1983, "Jordan", "JOR", ""),
    (1982, 1983, "Poland", "POL", ""),
    (1982, 1983, "Togo", "TOG", ""),
    (1982, 1983, "Zaire", "DRC", ""),
    (1983, 1984, "Malta", "MLT", ""),
    (1983, 1984, "Netherlands", "NTH", ""),
    (1983, 1984, "Nicaragua", "NIC", ""),
    (1983, 1984, "Pakistan", "PAK", ""),
    (1983, 1984, "Zimbabwe", "ZIM", ""),
    (1984, 1985, "Burkina Faso", "BFO", "elected as Upper Volta (renamed 4 Aug 1984)"),
    (1984, 1985, "Egypt", "EGY", ""),
    (1984, 1985, "India", "IND", ""),
    (1984, 1985, "Peru", "PER", ""),
    (1984, 1985, "Ukrainian SSR", None, "not a COW state (Soviet republic); not recorded"),
    (1985, 1986, "Australia", "AUL", ""),
    (1985, 1986, "Denmark", "DEN", ""),
    (1985, 1986, "Madagascar", "MAG", ""),
    (1985, 1986, "Thailand", "THI", ""),
    (1985, 1986, "Trinidad and Tobago", "TRI", ""),
    (1986, 1987, "Bulgaria", "BUL", ""),
    (1986, 1987, "Congo", "CON", ""),
    (1986, 1987, "Ghana", "GHA", ""),
    (1986, 1987, "United Arab Emirates", "UAE", ""),
    (1986, 1987, "Venezuela", "VEN", ""),
    (1987, 1988, "Argentina", "ARG", ""),
    (1987, 1988, "Federal Republic of Germany", "GFR", ""),
    (1987, 1988, "Italy", "ITA", ""),
    (1987, 1988, "Japan", "JPN", ""),
    (1987, 1988, "Zambia", "ZAM", ""),
    (1988, 1989, "Algeria", "ALG", ""),
    (1988, 1989, "Brazil", "BRA", ""),
    (1988, 1989, "Nepal", "NEP", ""),
    (1988, 1989, "Senegal", "SEN", ""),
    (1988, 1989, "Yugoslavia", "YUG", ""),
    (1989, 1990, "Canada", "CAN", ""),
    (1989, 1990, "Colombia", "COL", ""),
    (1989, 1990, "Ethiopia", "ETH", ""),
    (1989, 1990, "Finland", "FIN", ""),
    (1989, 1990, "Malaysia", "MAL", ""),
    (1990, 1991, "Cote d'Ivoire", "CDI", ""),
    (1990, 1991, "Cuba", "CUB", ""),
    (1990, 1991, "Romania", "ROM", ""),
    (1990, 1991, "Yemen", "YEM", "see the Yemen note: Democratic Yemen (YPR) until 1990-05-21"),
    (1990, 1991, "Zaire", "DRC", ""),
    (1991, 1992, "Austria", "AUS", ""),
    (1991, 1992, "Belgium", "BEL", ""),
    (1991, 1992, "Ecuador", "ECU", ""),
    (1991, 1992, "India", "IND", ""),
    (1991, 1992, "Zimbabwe", "ZIM", ""),
    (1992, 1993, "Cape Verde", "CAP", ""),
    (1992, 1993, "Hungary", "HUN", ""),
    (1992, 1993, "Japan", "JPN", ""),
    (1992, 1993, "Morocco", "MOR", ""),
    (1992, 1993, "Venezuela", "VEN", ""),
    (1993, 1994, "Brazil", "BRA", ""),
    (1993, 1994, "Djibouti", "DJI", ""),
    (1993, 1994, "New Zealand", "NEW", ""),
    (1993, 1994, "Pakistan", "PAK", ""),
    (1993, 1994, "Spain", "SPN", ""),
    (1994, 1995, "Argentina", "ARG", ""),
    (1994, 1995, "Czech Republic", "CZR", ""),
    (1994, 1995, "Nigeria", "NIG", ""),
    (1994, 1995, "Oman", "OMA", ""),
    (1994, 1995, "Rwanda", "RWA", ""),
    (1995, 1996, "Botswana", "BOT", ""),
    (1995, 1996, "Germany", "GMY", ""),
    (1995, 1996, "Honduras", "HON", ""),
    (1995, 1996, "Indonesia", "INS", ""),
    (1995, 1996, "Italy", "ITA", ""),
    (1996, 1997, "Chile", "CHL", ""),
    (1996, 1997, "Egypt", "EGY", ""),
    (1996, 1997, "Guinea-Bissau", "GNB", ""),
    (1996, 1997, "Poland", "POL", ""),
    (1996, 1997, "Republic of Korea", "ROK", ""),
    (1997, 1998, "Costa Rica", "COS", ""),
    (1997, 1998, "Japan", "JPN", ""),
    (1997, 1998, "Kenya", "KEN", ""),
    (1997, 1998, "Portugal", "POR", ""),
    (1997, 1998, "Sweden", "SWD", ""),
    (1998, 1999, "Bahrain", "BAH", ""),
    (1998, 1999, "Brazil", "BRA", ""),
    (1998, 1999, "Gabon", "GAB", ""),
    (1998, 1999, "Gambia", "GAM", ""),
    (1998, 1999, "Slovenia", "SLV", ""),
    (1999, 2000, "Argentina", "ARG", ""),
    (1999, 2000, "Canada", "CAN", ""),
    (1999, 2000, "Malaysia", "MAL", ""),
    (1999, 2000, "Namibia", "NAM", ""),
    (1999, 2000, "Netherlands", "NTH", ""),
    (2000, 2001, "Bangladesh", "BNG", ""),
    (2000, 2001, "Jamaica", "JAM", ""),
    (2000, 2001, "Mali", "MLI", ""),
    (2000, 2001, "Tunisia", "TUN", ""),
    (2000, 2001, "Ukraine", "UKR", ""),
    (2001, 2002, "Colombia", "COL", ""),
    (2001, 2002, "Ireland", "IRE", ""),
    (2001, 2002, "Mauritius", "MAS", ""),
    (2001, 2002, "Norway", "NOR", ""),
    (2001, 2002, "Singapore", "SIN", ""),
    (2002, 2003, "Bulgaria", "BUL", ""),
    (2002, 2003, "Cameroon", "CAO", ""),
    (2002, 2003, "Guinea", "GUI", ""),
    (2002, 2003, "Mexico", "MEX", ""),
    (2002, 2003, "Syria", "SYR", ""),
    (2003, 2004, "Angola", "ANG", ""),
    (2003, 2004, "Chile", "CHL", ""),
    (2003, 2004, "Germany", "GMY", ""),
    (2003, 2004, "Pakistan", "PAK", ""),
    (2003, 2004, "Spain", "SPN", ""),
    (2004, 2005, "Algeria", "ALG", ""),
    (2004, 2005, "Benin", "BEN", ""),
    (2004, 2005, "Brazil", "BRA", ""),
    (2004, 2005, "Philippines", "PHI", ""),
    (2004, 2005, "Romania", "ROM", ""),
    (2005, 2006, "Argentina", "ARG", ""),
    (2005, 2006, "Denmark", "DEN", ""),
    (2005, 2006, "Greece", "GRC", ""),
    (2005, 2006, "Japan", "JPN", ""),
    (2005, 2006, "United Republic of Tanzania", "TAZ", ""),
    (2006, 2007, "Congo", "CON", ""),
    (2006, 2007, "Ghana", "GHA", ""),
    (2006, 2007, "Peru", "PER", ""),
    (2006, 2007, "Qatar", "QAT", ""),
    (2006, 2007, "Slovakia", "SLO", ""),
    (2007, 2008, "Belgium", "BEL", ""),
    (2007, 2008, "Indonesia", "INS", ""),
    (2007, 2008, "Italy", "ITA", ""),
    (2007, 2008, "Panama", "PAN", ""),
    (2007, 2008, "South Africa", "SAF", ""),
    (2008, 2009, "Burkina Faso", "BFO", ""),
    (2008, 2009, "Costa Rica", "COS", ""),
    (2008, 2009, "Croatia", "CRO", ""),
    (2008, 2009, "Libya", "LIB", ""),
    (2008, 2009, "Viet Nam", "DRV", ""),
    (2009, 2010, "Austria", "AUS", ""),
    (2009, 2010, "Japan", "JPN", ""),
    (2009, 2010, "Mexico", "MEX", ""),
    (2009, 2010, "Turkey", "TUR", ""),
    (2009, 2010, "Uganda", "UGA", ""),
    (2010, 2011, "Bosnia and Herzegovina", "BOS", ""),
    (2010, 2011, "Brazil", "BRA", ""),
    (2010, 2011, "Gabon", "GAB", ""),
    (2010, 2011, "Lebanon", "LEB", ""),
    (2010, 2011, "Nigeria", "NIG", ""),
    (2011, 2012, "Colombia", "COL", ""),
    (2011, 2012, "Germany", "GMY", ""),
    (2011, 2012, "India", "IND", ""),
    (2011, 2012, "Portugal", "POR", ""),
    (2011, 2012, "South Africa", "SAF", ""),
    (2012, 2013, "Azerbaijan", "AZE", ""),
    (2012, 2013, "Guatemala", "GUA", ""),
    (2012, 2013, "Morocco", "MOR", ""),
    (2012, 2013, "Pakistan", "PAK", ""),
    (2012, 2013, "Togo", "TOG", ""),
    (2013, 2014, "Argentina", "ARG", ""),
    (2013, 2014, "Australia", "AUL", ""),
    (2013, 2014, "Luxembourg", "LUX", ""),
    (2013, 2014, "Republic of Korea", "ROK", ""),
    (2013, 2014, "Rwanda", "RWA", ""),
    (2014, 2015, "Chad", "CHA", ""),
    (2014, 2015, "Chile", "CHL", ""),
    (2014, 2015, "Jordan", "JOR",
     "elected 6 Dec 2013 after Saudi Arabia declined the seat it won in October 2013"),
    (2014, 2015, "Lithuania", "LIT", ""),
    (2014, 2015, "Nigeria", "NIG", ""),
    (2015, 2016, "Angola", "ANG", ""),
    (2015, 2016, "Malaysia", "MAL", ""),
    (2015, 2016, "New Zealand", "NEW", ""),
    (2015, 2016, "Spain", "SPN", ""),
    (2015, 2016, "Venezuela", "VEN", ""),
    (2016, 2017, "Egypt", "EGY", ""),
    (2016, 2017, "Japan", "JPN", ""),
    (2016, 2017, "Senegal", "SEN", ""),
    (2016, 2017, "Ukraine", "UKR", ""),
    (2016, 2017, "Uruguay", "URU", ""),
    (2017, 2018, "Bolivia", "BOL", ""),
    (2017, 2018, "Ethiopia", "ETH", ""),
    (2017, 2018, "Kazakhstan", "KZK", ""),
    (2017, 2018, "Sweden", "SWD", ""),
    (2017, 2017, "Italy", "ITA", "split term 2017-18 with the Netherlands (2016 tie)"),
    (2018, 2018, "Netherlands", "NTH", "split term 2017-18 with Italy (2016 tie)"),
    (2018, 2019, "Cote d'Ivoire", "CDI", ""),
    (2018, 2019, "Equatorial Guinea", "EQG", ""),
    (2018, 2019, "Kuwait", "KUW", ""),
    (2018, 2019, "Peru", "PER", ""),
    (2018, 2019, "Poland", "POL", ""),
    (2019, 2020, "Belgium", "BEL", ""),
    (2019, 2020, "Dominican Republic", "DOM", ""),
    (2019, 2020, "Germany", "GMY", ""),
    (2019, 2020, "Indonesia", "INS", ""),
    (2019, 2020, "South Africa", "SAF", ""),
    (2020, 2021, "Estonia", "EST", ""),
    (2020, 2021, "Niger", "NIR", ""),
    (2020, 2021, "Saint Vincent and the Grenadines", "SVG", ""),
    (2020, 2021, "Tunisia", "TUN", ""),
    (2020, 2021, "Viet Nam", "DRV", ""),
    (2021, 2022, "India", "IND", ""),
    (2021, 2022, "Ireland", "IRE", ""),
    (2021, 2022, "Kenya", "KEN", ""),
    (2021, 2022, "Mexico", "MEX", ""),
    (2021, 2022, "Norway", "NOR", ""),
    (2022, 2023, "Albania", "ALB", ""),
    (2022, 2023, "Brazil", "BRA", ""),
    (2022, 2023, "Gabon", "GAB", ""),
    (2022, 2023, "Ghana", "GHA", ""),
    (2022, 2023, "United Arab Emirates", "UAE", ""),
    (2023, 2024, "Ecuador", "ECU", ""),
    (2023, 2024, "Japan", "JPN", ""),
    (2023, 2024, "Malta", "MLT", ""),
    (2023, 2024, "Mozambique", "MZM", ""),
    (2023, 2024, "Switzerland", "SWZ", ""),
    (2024, 2025, "Algeria", "ALG", ""),
    (2024, 2025, "Guyana", "GUY", ""),
    (2024, 2025, "Republic of Korea", "ROK", ""),
    (2024, 2025, "Sierra Leone", "SIE", ""),
    (2024, 2025, "Slovenia", "SLV", ""),
    (2025, 2026, "Denmark", "DEN", ""),
    (2025, 2026, "Greece", "GRC", ""),
    (2025, 2026, "Pakistan", "PAK", ""),
    (2025, 2026, "Panama", "PAN", ""),
    (2025, 2026, "Somalia", "SOM", ""),
    (2026, 2027, "Bahrain", "BAH", "elected 3 June 2025"),
    (2026, 2027, "Colombia", "COL", "elected 3 June 2025"),
    (2026, 2027, "Democratic Republic of the Congo", "DRC", "elected 3 June 2025"),
    (2026, 2027, "Latvia", "LAT", "elected 3 June 2025"),
    (2026, 2027, "Liberia", "LBR", "elected 3 June 2025"),
]

# Terms whose holder was elected only after 1 January: the seat is held from the election.
LATE_START = {(1980, "MEX"): "1980-01-07"}
# The first Council: the six were elected on 12 Jan 1946 for terms 'commencing immediately'.
LATE_START.update({(1946, abb): "1946-01-12" for abb in ("AUL", "BRA", "POL", "EGY", "MEX", "NTH")})

HEADER = '''\
# GENERATED by scripts/build_unsc.py from a list transcribed from un.org; edit the script.
id = "un-security-council"
name = "United Nations Security Council (Charter of the United Nations, Chapter V)"
short = "UN Security Council"
type = "forum"
legal_force = "treaty"
forum = true
signed = "1945-06-26"
in_force = "1945-10-24"
notes = """
Forum record: the members of the Security Council, not of the UN. The Charter is a treaty \
(in force 24 Oct 1945, Art. 110); the Council's membership is set by Art. 23: five permanent \
members and (from 1 Jan 1966, Charter amendment in force 31 Aug 1965) ten elected members, \
six before. Elected members serve two-year terms from 1 January to 31 December (Art. 23(2); \
first Council: 1946); each elected term is one [[member]] block with role 'party' and \
note 'elected ...', so `foedus forums` sees who sat together on a day. Split terms (a two-year \
seat divided after a deadlocked election) are recorded as the one year each state sat: \
Yugoslavia 1956 / Philippines 1957; Poland 1960 / Turkey 1961; Liberia 1961 / Ireland 1962; \
Romania 1962 / Philippines 1963; Czechoslovakia 1964 / Malaysia 1965; Italy 2017 / \
Netherlands 2018. The first six were elected on 12 January 1946 (London, first General \
Assembly) for terms commencing on election, and are recorded from that day. Mexico was elected \
for 1980-81 only on 7 January 1980, after 155 ballots, and is recorded from that day (rule 1). \
Jordan (elected in 1964 for 1965 with Mali to follow) kept a full 1965-66 term once the \
enlargement came into force, and Mali sat 1966-67.
China (COW 710 covers the Republic of China on the mainland and the People's Republic; \
COW 713 is Taiwan from 8 Dec 1949): the seat was held by the Republic of China throughout \
until General Assembly resolution 2758 (XXVI) of 25 Oct 1971 recognised the PRC's \
representatives. Recorded faithfully by COW code: CHN 1945-10-24..1949-12-07 (ROC \
government on the mainland), TAW 1949-12-08..1971-10-24 (ROC government on Taiwan, COW's \
Taiwan), CHN from 1971-10-25 (PRC). The PRC delegation first took its seat in the Council \
in November 1971; the General Assembly decision of 25 Oct 1971 is the legal act (rule 1).
USSR/Russia: the Russian Federation continued the USSR's seat (letter of President Yeltsin \
of 24 Dec 1991; the USSR ended 26 Dec 1991); COW 365 is continuous, so one block.
Not recorded because they are not COW states on the dates (the loader refuses them): the \
Ukrainian SSR (elected 1948-49 and 1984-85) and the Byelorussian SSR (1974-75), original UN \
members as Soviet republics. Yemen 1990-91: the General Assembly elected Democratic Yemen \
(South Yemen, COW 680 YPR) in October 1989; on unification (22 May 1990) the Republic of \
Yemen (COW 679 YEM) took the seat; recorded YPR 1990-01-01..1990-05-21 and YEM \
1990-05-22..1991-12-31. The UAR (1961-62) is recorded as Egypt (COW 651 is continuous; \
Syria is out of the COW system 1958-02-02..1961-09-28). Upper Volta, elected for 1984-85, \
is Burkina Faso (COW 439). No obligations are recorded: the Charter's own duties \
(Art. 2(4) non-use of force, Art. 25) bind every UN member and are not modelled here.
Transcription: the list of elected members by year in scripts/build_unsc.py is transcribed \
from the UN list (un.org, 'Countries Elected Members of the Security Council') and \
cross-checked year by year against UN press releases, the Global Policy Forum table \
(1986-2013) and election reports; see docs/source-disagreements.md.
"""

[[source]]
url = "https://main.un.org/securitycouncil/en/content/countries-elected-members"
title = "UN Security Council: Countries Elected Members of the Security Council"

[[source]]
url = "https://main.un.org/securitycouncil/en/content/current-members"
title = "UN Security Council: current members (permanent and elected)"

[[source]]
url = "https://www.un.org/en/about-us/un-charter/chapter-5"
title = "Charter of the United Nations, Chapter V (Art. 23: composition)"

[[source]]
url = "https://archive.globalpolicy.org/security-council/security-council-as-an-institution/membership-of-the-security-council/40015.html"
title = "Global Policy Forum: Elected members of the Security Council by term (cross-check)"

[[source]]
url = "https://history.state.gov/historicaldocuments/frus1946v01/d82"
title = "FRUS 1946 vol. I, doc. 82: first six non-permanent members elected 12 January 1946"

[[source]]
url = "https://en.wikipedia.org/wiki/1979_United_Nations_Security_Council_election"
title = "1979 election (26 Oct 1979 - 7 Jan 1980, 155 rounds): Mexico elected on 7 January 1980"

[[source]]
url = "https://press.un.org/en/1995/19951108.ga8989.html"
title = "UN press release GA/8989 (1995): example of an election and outgoing members"

[[source]]
url = "https://www.anews.com.tr/world/2025/06/03/un-general-assembly-elects-5-non-permanent-members-to-security-council"
title = "3 June 2025: Bahrain, Colombia, DRC, Latvia, Liberia elected for 2026-2027"

[[source]]
url = "https://undocs.org/A/RES/2758(XXVI)"
title = "General Assembly resolution 2758 (XXVI), 25 October 1971: representation of China"

[[member]]
state = "USA"
note = "permanent member (Art. 23(1))"

[[member]]
state = "UKG"
note = "permanent member (Art. 23(1))"

[[member]]
state = "FRN"
note = "permanent member (Art. 23(1))"

[[member]]
state = "RUS"
note = "permanent member: the USSR, continued by the Russian Federation (Dec 1991)"

[[member]]
state = "CHN"
to = "1949-12-08"
note = "permanent member: the Republic of China, government on the mainland (COW 710)"

[[member]]
state = "TAW"
from = "1949-12-08"
to = "1971-10-25"
note = "permanent member: the Republic of China on Taiwan (COW 713), until GA res. 2758"

[[member]]
state = "CHN"
from = "1971-10-25"
note = "permanent member: the People's Republic of China, from GA res. 2758 (25 Oct 1971)"
source = "https://undocs.org/A/RES/2758(XXVI)"
'''


def _block(abb: str, start: str, end: str, note: str) -> str:
    return (f'\n[[member]]\nstate = "{abb}"\nfrom = "{start}"\nto = "{end}"\n'
            f'note = "{note}"\n')


def render() -> str:
    """The TOML text: header, permanent members, then one block per elected term."""
    parts = [HEADER]
    for first, last, name, abb, extra in TERMS:
        if abb is None:
            continue
        term = f"{first}" if first == last else f"{first}-{last % 100:02d}"
        note = f"elected ({name}, term {term})" + (f"; {extra}" if extra else "")
        start, end = LATE_START.get((first, abb), f"{first}-01-01"), f"{last + 1}-01-01"
        if name == "Yemen":  # Democratic Yemen until unification, then the Republic of Yemen
            parts.append(_block("YPR", start, "1990-05-22",
                                "elected (Democratic Yemen, term 1990-91); seat passed to the"
                                " Republic of Yemen on unification, 22 May 1990"))
            start = "1990-05-22"
        parts.append(_block(abb, start, end, note))
    return "".join(parts)


def check() -> None:
    """Six elected seats a year to 1965, ten from 1966 (a transcription slip shows here)."""
    for year in range(1946, 2028):
        n = sum(1 for first, last, *_ in TERMS if first <= year <= last)
        want = 6 if year <= 1965 else 10
        if year == 2027:
            want = 5  # only the 2026-27 class is known
        if n != want:
            raise SystemExit(f"{year}: {n} elected members, expected {want}")


if __name__ == "__main__":
    check()
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT}")
