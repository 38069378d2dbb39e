"""Which population estimate divides each period's count: the rule, and the lookup in data/.

A financial year, month or quarter uses the ONS estimate of the mid-year in which it starts
(2023/24 uses mid-2023). A rolling 12 months uses the mid-year (30 June) nearest its middle,
counted in months; a tie goes to the earlier mid-year (the 12 months July 2025 to June 2026 are
centred on 31 December 2025, six months from mid-2025 and from mid-2026: mid-2025). A period
whose mid-year has no estimate yet uses the newest estimate, and its figure is provisional. A
period before the first estimate in the series (2010/11: the Census-2021-consistent series starts
at mid-2011) uses the first one; no earlier estimate on the same basis will come, so it is not
provisional, and its note says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.importers.datafiles import read_existing
from generator.importers.problems import InputError, shown
from generator.package.load import resource_path
from generator.package.periods import Period, PeriodKind
from generator.publish.cells import field_names

_JUNE_END = 6  # months from the start of a year to the end of June


@dataclass(frozen=True)
class Denominator:
    """The population a period's rate is divided by, and which estimate it is."""

    population: int
    mid_year: int  # the estimate used
    wanted: int  # the mid-year the rule asks for
    edition: str

    @property
    def provisional(self) -> bool:
        """Return True when the rule's mid-year has no estimate yet, so the newest stands in."""
        return self.mid_year < self.wanted

    @property
    def before_series(self) -> bool:
        """Return True when the period is older than the first estimate, which stands in."""
        return self.mid_year > self.wanted


def mid_year_for(period: Period) -> int:
    """Return the mid-year whose estimate divides a period's count (see the module's rule)."""
    if period.kind is not PeriodKind.ROLLING_12_MONTHS:
        return period.start.year
    start = period.start.year * 12 + period.start.month - 1
    end = period.end.year * 12 + period.end.month  # the month after the last one
    doubled_middle = start + end  # twice the middle, in months, so it stays a whole number
    # Twice the distance to mid-year Y is |doubled_middle - 2 * (12 Y + 6)|; try the two nearest.
    first = (doubled_middle - 2 * _JUNE_END) // 24
    return min((first, first + 1),
               key=lambda year: (abs(doubled_middle - 2 * (12 * year + _JUNE_END)), year))


@dataclass(frozen=True)
class Populations:
    """The estimates in data/population.csv: (area id, mid-year) -> (population, edition)."""

    estimates: dict[tuple[str, int], tuple[int, str]]
    path: Path

    def denominator(self, area_id: str, period: Period) -> Denominator:
        """Return the estimate that divides this area's count for the period."""
        wanted = mid_year_for(period)
        years = sorted(year for area, year in self.estimates if area == area_id)
        if not years:
            raise InputError([
                f"{shown(self.path)} has no estimate for '{area_id}', which the figures for "
                f"{period.label} need. Run 'python -m generator import-population' with the ONS "
                "releases in sources/ first."
            ])
        year = wanted if (area_id, wanted) in self.estimates else (
            years[0] if wanted < years[0] else years[-1])
        if years[0] < wanted < years[-1] and year != wanted:
            raise InputError([f"{shown(self.path)} has no mid-{wanted} estimate for "
                              f"'{area_id}' although it has later ones; import it again."])
        population, edition = self.estimates[(area_id, year)]
        return Denominator(population, year, wanted, edition)


def read_populations(data_dir: Path, descriptor: dict[str, Any]) -> Populations:
    """Read data/population.csv, raising InputError for a row that cannot be used."""
    path = resource_path(data_dir, descriptor, "population")
    if not path.exists():
        raise InputError([f"{shown(path)} does not exist yet: run 'python -m generator "
                          "import-population' with the ONS releases in sources/ first."])
    estimates: dict[tuple[str, int], tuple[int, str]] = {}
    problems: list[str] = []
    for row in read_existing(path, field_names(descriptor, "population")):
        area, year, population = (row.get(name, "") for name in ("area", "year", "population"))
        if year.isdigit() and population.isdigit():
            estimates[(area, int(year))] = (int(population), row.get("edition", ""))
        else:
            problems.append(f"{shown(path)}: the row for area {area!r} needs a whole-number "
                            f"year and population, not {year!r} and {population!r}.")
    if problems:
        raise InputError(problems)
    return Populations(estimates, path)
