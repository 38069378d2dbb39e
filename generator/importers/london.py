"""Rows of the police publication that are not boroughs, and how London's figures are made up.

Which boroughs there are is data (data/areas.csv, kind ``borough``); London (kind
``aggregate``) is their sum, so it leaves these rows out.
"""

from __future__ import annotations

# Rows of the police publication that are not boroughs. Their offences have no borough
# population to be divided by, so London's figures leave them out (and say how many).
NON_BOROUGH_ROWS: frozenset[str] = frozenset({
    "London Heathrow and London City Airports",
    "Unknown",
})
