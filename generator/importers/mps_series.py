"""Sum police monthly counts into financial-year rates for each area (pure: no file I/O)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.importers.crime_measures import (
    INDICATORS,
    PER_RESIDENTS,
    RESIDENTIAL_BURGLARY,
    TOTAL_OFFENCES,
    Feeds,
    census_year_for,
    rate,
)
from generator.importers.mps_file import PoliceFile
from generator.package.model import TOTAL_BREAKDOWN, Marker
from generator.package.periods import financial_year_of, parse_period

# Key for counts over every row of the file rather than one area's rows.
WHOLE_FILE = ""

BURGLARY_LABELS = {
    Feeds.DWELLING_BURGLARY: "burglary in a dwelling",
    Feeds.RESIDENTIAL_BURGLARY: "burglary – residential",
}


@dataclass(frozen=True)
class Target:
    """An area to publish figures for, and the rows of the police file that make it up."""

    area_id: str
    police_names: frozenset[str]
    note: str


@dataclass(frozen=True)
class MonthlyCounts:
    """Offences by month per (indicator, area); residential burglary per (definition, area)."""

    months: tuple[date, ...]
    offences: Mapping[tuple[str, str], Counter[date]]
    burglary: Mapping[tuple[Feeds, str], Counter[date]]


def month_owners(police_files: Sequence[PoliceFile]) -> dict[date, PoliceFile]:
    """Return, for each month, the file whose figures count for it."""
    # The police revise back-data, so where files overlap, the file reaching the later month (the
    # more recent extract) wins; ties go to the file given later. A whole month comes from one
    # file, so a category renamed between extracts can never be counted twice.
    owners: dict[date, PoliceFile] = {}
    ranked = sorted(enumerate(police_files), key=lambda item: (item[1].last_month, item[0]))
    for _position, police_file in ranked:
        for month in police_file.months:
            owners[month] = police_file
    return dict(sorted(owners.items()))


def count_months(
    owners: Mapping[date, PoliceFile], targets: Sequence[Target],
    categories: Mapping[tuple[str, str], Feeds],
) -> MonthlyCounts:
    """Sum each month's offences for every target area and measure."""
    offences: defaultdict[tuple[str, str], Counter[date]] = defaultdict(Counter)
    burglary: defaultdict[tuple[Feeds, str], Counter[date]] = defaultdict(Counter)
    for month, police_file in owners.items():
        column = police_file.months.index(month)
        for row in police_file.rows:
            feeds = categories[(row.major, row.minor)]
            count = row.counts[column]
            # The whole file's burglary split dates the police's change of definition.
            if feeds.is_burglary_definition:
                burglary[(feeds, WHOLE_FILE)][month] += count
            for target in targets:
                if row.area not in target.police_names:
                    continue
                offences[(TOTAL_OFFENCES, target.area_id)][month] += count
                if feeds.indicator is not None:
                    offences[(feeds.indicator, target.area_id)][month] += count
                if feeds.is_burglary_definition:
                    burglary[(feeds, target.area_id)][month] += count
    return MonthlyCounts(tuple(owners), offences, burglary)


def months_of(year: str) -> list[date]:
    """Return the first day of each month of a financial year, April first."""
    start = parse_period(year).start
    return [date(start.year + (3 + k) // 12, (3 + k) % 12 + 1, 1) for k in range(12)]


def complete_years(months: Sequence[date]) -> list[str]:
    """Return the financial years with all 12 months present, oldest first."""
    per_year = Counter(financial_year_of(month) for month in months)
    return sorted(year for year, count in per_year.items() if count == 12)


def switch_years(counts: MonthlyCounts, years: Sequence[str]) -> list[str]:
    """Return the years that count residential burglary under both police definitions."""
    old = counts.burglary.get((Feeds.DWELLING_BURGLARY, WHOLE_FILE), Counter())
    new = counts.burglary.get((Feeds.RESIDENTIAL_BURGLARY, WHOLE_FILE), Counter())
    both: list[str] = []
    for year in years:
        year_months = months_of(year)
        if any(old[month] for month in year_months) and any(new[month] for month in year_months):
            both.append(year)
    return both


def census_years_needed(years: Sequence[str]) -> list[int]:
    """Return the censuses whose populations the years' rates are divided by."""
    return sorted({census_year_for(parse_period(year).start) for year in years})


def observation_rows(
    targets: Sequence[Target], years: Sequence[str], counts: MonthlyCounts,
    populations: Mapping[tuple[str, int], int], vintage: str,
) -> list[dict[str, str]]:
    """Return one observations.csv row per measure, area and complete financial year."""
    breaks = set(switch_years(counts, years))
    rows: list[dict[str, str]] = []
    for target in targets:
        for year in years:
            period = parse_period(year)
            denominator = populations[(target.area_id, census_year_for(period.start))]
            for indicator in INDICATORS:
                by_month = counts.offences.get((indicator, target.area_id), Counter())
                numerator = sum(by_month[month] for month in months_of(year))
                notes = [target.note]
                status = ""
                if indicator == RESIDENTIAL_BURGLARY and year in breaks:
                    status = Marker.BREAK.value
                    notes.append(break_note(counts, target.area_id, year))
                rows.append({
                    "indicator": indicator,
                    "area": target.area_id,
                    "period": period.code,
                    "period_label": period.label,
                    "breakdown": TOTAL_BREAKDOWN,
                    "value": _number(rate(numerator, denominator, PER_RESIDENTS[indicator])),
                    "status": status,
                    "numerator": str(numerator),
                    "denominator": str(denominator),
                    "vintage": vintage,
                    "note": " ".join(note for note in notes if note),
                })
    return rows


def break_note(counts: MonthlyCounts, area_id: str, year: str) -> str:
    """Say how a year that straddles the burglary definition change is made up, for one area."""
    year_months = months_of(year)
    parts: list[str] = []
    for feeds, label in BURGLARY_LABELS.items():
        by_month = counts.burglary.get((feeds, area_id), Counter())
        total = sum(by_month[month] for month in year_months)
        if total:
            used = [month for month in year_months if by_month[month]]
            parts.append(f"{total:,} offences recorded as {label} ({_span(used)})")
    return (
        "Break in series: during this year the police replaced the category 'burglary in a "
        "dwelling' with the wider 'burglary – residential', which also counts burglaries of "
        "sheds, garages and other outbuildings. This figure counts "
        + (" and ".join(parts) if parts else "no offences under either") + "."
    )


def break_rows(counts: MonthlyCounts, years: Sequence[str]) -> list[dict[str, str]]:
    """Return the series_breaks.csv rows for the years that straddle the definition change."""
    old = counts.burglary.get((Feeds.DWELLING_BURGLARY, WHOLE_FILE), Counter())
    new = counts.burglary.get((Feeds.RESIDENTIAL_BURGLARY, WHOLE_FILE), Counter())
    rows: list[dict[str, str]] = []
    for year in switch_years(counts, years):
        first_new = min(month for month in counts.months if new[month])
        last_old = max(month for month in counts.months if old[month])
        only_new = [month for month in counts.months if month > last_old]
        since = f", and the only one from {_month_label(only_new[0])}" if only_new else ""
        rows.append({
            "indicator": RESIDENTIAL_BURGLARY,
            "period": year,
            "description": (
                f"In {year} the police replaced the category 'burglary in a dwelling' with "
                "'burglary – residential', which also counts burglaries of sheds, garages and "
                f"other outbuildings (first used in {_month_label(first_new)}{since}). {year} "
                "mixes the two definitions and later years use the new one, so compare them "
                "with earlier years with care."
            ),
        })
    return rows


def _number(value: Decimal) -> str:
    # Written like every other number in the data package: 2.9 and 3, never 2.90 or 3.00.
    return format(value.normalize(), "f")


def _span(months: Sequence[date]) -> str:
    first, last = _month_label(months[0]), _month_label(months[-1])
    return first if first == last else f"{first} to {last}"


def _month_label(month: date) -> str:
    return parse_period(f"{month:%Y-%m}").label
