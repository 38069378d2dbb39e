"""Areas that importers add to data/areas.csv, each importer replacing the rows of its kind.

Wards and Community Safety Partnerships come from files in sources/; every other area is
written by hand. Imported areas follow the others, grouped by kind in IMPORTED_KINDS order and
sorted by id, so the file is the same whatever order the importers run in.
"""

from __future__ import annotations

from collections.abc import Sequence

WARD = "ward"
CSP = "csp"
IMPORTED_KINDS = (WARD, CSP)

Row = dict[str, str]


def replaced_areas(existing: Sequence[Row], kind: str, added: Sequence[Row]) -> list[Row]:
    """Return areas.csv's rows with those of one imported kind replaced by the added rows."""
    kept = [row for row in existing if row.get("kind") != kind]
    written = [row for row in kept if row.get("kind") not in IMPORTED_KINDS]
    imported = [*(row for row in kept if row.get("kind") in IMPORTED_KINDS), *added]
    return [*written, *sorted(imported, key=lambda row: (
        IMPORTED_KINDS.index(row.get("kind", "")), row.get("id", "")))]
