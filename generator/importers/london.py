"""The London boroughs the Metropolitan Police covers, and how London's figures are made up."""

from __future__ import annotations

import re

# The 32 London boroughs policed by the Metropolitan Police Service, as the police publication
# names them, with their ONS codes. The City of London (E09000001) is not here: it has its own
# police force, so it is left out of both London's crime counts and London's population.
MPS_BOROUGHS: dict[str, str] = {
    "Barking and Dagenham": "E09000002",
    "Barnet": "E09000003",
    "Bexley": "E09000004",
    "Brent": "E09000005",
    "Bromley": "E09000006",
    "Camden": "E09000007",
    "Croydon": "E09000008",
    "Ealing": "E09000009",
    "Enfield": "E09000010",
    "Greenwich": "E09000011",
    "Hackney": "E09000012",
    "Hammersmith and Fulham": "E09000013",
    "Haringey": "E09000014",
    "Harrow": "E09000015",
    "Havering": "E09000016",
    "Hillingdon": "E09000017",
    "Hounslow": "E09000018",
    "Islington": "E09000019",
    "Kensington and Chelsea": "E09000020",
    "Kingston upon Thames": "E09000021",
    "Lambeth": "E09000022",
    "Lewisham": "E09000023",
    "Merton": "E09000024",
    "Newham": "E09000025",
    "Redbridge": "E09000026",
    "Richmond upon Thames": "E09000027",
    "Southwark": "E09000028",
    "Sutton": "E09000029",
    "Tower Hamlets": "E09000030",
    "Waltham Forest": "E09000031",
    "Wandsworth": "E09000032",
    "Westminster": "E09000033",
}

# Rows of the police publication that are not boroughs. Their offences have no borough
# population to be divided by, so London's figures leave them out.
NON_BOROUGH_ROWS: frozenset[str] = frozenset({
    "London Heathrow and London City Airports",
    "Unknown",
})

LONDON_ID = "london"
LONDON_NAME = "London (Metropolitan Police area)"

LONDON_CRIME_NOTE = (
    "London is the 32 boroughs policed by the Metropolitan Police; the City of London, which has "
    "its own police force, is not included, nor are offences the police record at Heathrow and "
    "London City airports or with no known borough."
)


def area_id(name: str) -> str:
    """Return the stable area id of a name: 'Kingston upon Thames' -> 'kingston-upon-thames'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def borough_named(name: str) -> str | None:
    """Return the borough name as the police spell it, matching case-insensitively, or None."""
    wanted = name.strip().casefold()
    return next((known for known in MPS_BOROUGHS if known.casefold() == wanted), None)
