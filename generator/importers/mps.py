"""Turn the police "Borough Level Crime" publication into crime-rate observations.

``python -m generator import-mps FILE [FILE ...] --vintage v2025-03`` reads one or more files of
the Metropolitan Police publication, sums each area's offences by financial year, divides them by
the Census population in data/population.csv and replaces this importer's rows in
data/observations.csv and data/series_breaks.csv. Every other row is kept as it is.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from generator.config import REPO_ROOT, Settings
from generator.importers.crime_measures import INDICATORS, PER_RESIDENTS, Feeds
from generator.importers.datafiles import descriptor_of, read_existing
from generator.importers.london import (
    LONDON_CRIME_NOTE,
    LONDON_ID,
    MPS_BOROUGHS,
    NON_BOROUGH_ROWS,
    borough_named,
)
from generator.importers.mps_file import PoliceFile, read_police_file
from generator.importers.mps_series import (
    Target,
    break_rows,
    census_years_needed,
    complete_years,
    count_months,
    month_owners,
    observation_rows,
)
from generator.importers.problems import InputError, report, shown
from generator.package.load import resource_path
from generator.package.model import Release
from generator.package.periods import PeriodError, parse_period
from generator.publish.cells import field_names
from generator.publish.disk import write_resource
from generator.returns.import_return import ImportRefused, release_from

# Short names so the table below reads as a list.
TOTAL_ONLY = Feeds.TOTAL_ONLY
DWELLING = Feeds.DWELLING_BURGLARY
RESIDENTIAL = Feeds.RESIDENTIAL_BURGLARY
VEHICLE_TAKEN = Feeds.THEFT_OF_VEHICLE
FROM_VEHICLE = Feeds.THEFT_FROM_VEHICLE
SEXUAL = Feeds.SEXUAL_OFFENCES

# Every police offence category (major, minor) seen in the publication, spelt exactly as printed,
# and what it counts towards. Every category counts towards total offences. A category that is
# not here stops the import, so a renamed or new police category is never silently miscounted:
# add it, with what it counts towards, and import again.
CATEGORIES: dict[tuple[str, str], Feeds] = {
    # Granular names, in files published up to early 2024.
    ("Arson and Criminal Damage", "Arson"): TOTAL_ONLY,
    ("Arson and Criminal Damage", "Criminal Damage"): TOTAL_ONLY,
    ("Burglary", "Burglary Business and Community"): TOTAL_ONLY,
    ("Burglary", "Domestic Burglary"): DWELLING,
    ("Drug Offences", "Drug Trafficking"): TOTAL_ONLY,
    ("Drug Offences", "Possession of Drugs"): TOTAL_ONLY,
    ("Historical Fraud and Forgery", "Historical Fraud and Forgery"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Absconding from Lawful Custody"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Aiding Suicide"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Bail Offences"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Bigamy"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Concealing an Infant Death Close to Birth"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Dangerous Driving"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Disclosure, Obstruction, False or Misleading State"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Exploitation of Prostitution"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Forgery or Use of Drug Prescription"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Fraud or Forgery Associated with Driver Records"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Going Equipped for Stealing"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Handling Stolen Goods"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Making, Supplying or Possessing Articles for use i"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Obscene Publications"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Offender Management Act"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Other Forgery"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Other Notifiable Offences"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Perjury"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Perverting Course of Justice"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Possession of False Documents"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Profitting From or Concealing Proceeds of Crime"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Soliciting for Prostitution"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Threat or Possession With Intent to Commit Crimina"): TOTAL_ONLY,
    ("Miscellaneous Crimes Against Society", "Wildlife Crime"): TOTAL_ONLY,
    ("Possession of Weapons", "Other Firearm Offences"): TOTAL_ONLY,
    ("Possession of Weapons", "Other Knife Offences"): TOTAL_ONLY,
    ("Possession of Weapons", "Possession of Article with Blade or Point"): TOTAL_ONLY,
    ("Possession of Weapons", "Possession of Firearm with Intent"): TOTAL_ONLY,
    ("Possession of Weapons", "Possession of Firearms Offences"): TOTAL_ONLY,
    ("Possession of Weapons", "Possession of Other Weapon"): TOTAL_ONLY,
    ("Public Order Offences", "Other Offences Against the State, or Public Order"): TOTAL_ONLY,
    ("Public Order Offences", "Public Fear Alarm or Distress"): TOTAL_ONLY,
    ("Public Order Offences", "Racially or Religiously Aggravated Public Fear, Al"): TOTAL_ONLY,
    ("Public Order Offences", "Violent Disorder"): TOTAL_ONLY,
    ("Robbery", "Robbery of Business Property"): TOTAL_ONLY,
    ("Robbery", "Robbery of Personal Property"): TOTAL_ONLY,
    ("Sexual Offences", "Other Sexual Offences"): SEXUAL,
    ("Sexual Offences", "Rape"): SEXUAL,
    ("Theft", "Bicycle Theft"): TOTAL_ONLY,
    ("Theft", "Other Theft"): TOTAL_ONLY,
    ("Theft", "Shoplifting"): TOTAL_ONLY,
    ("Theft", "Theft from Person"): TOTAL_ONLY,
    ("Vehicle Offences", "Aggravated Vehicle Taking"): TOTAL_ONLY,
    ("Vehicle Offences", "Interfering with a Motor Vehicle"): TOTAL_ONLY,
    ("Vehicle Offences", "Theft from a Motor Vehicle"): FROM_VEHICLE,
    ("Vehicle Offences", "Theft or Taking of a Motor Vehicle"): VEHICLE_TAKEN,
    ("Violence Against the Person", "Homicide"): TOTAL_ONLY,
    ("Violence Against the Person", "Violence with Injury"): TOTAL_ONLY,
    ("Violence Against the Person", "Violence without Injury"): TOTAL_ONLY,
    # Upper-case names, in files published from 2025. "BURGLARY IN A DWELLING" ends in
    # February 2024, when "BURGLARY - RESIDENTIAL" (which adds sheds and garages) takes over.
    ("ARSON AND CRIMINAL DAMAGE", "ARSON"): TOTAL_ONLY,
    ("ARSON AND CRIMINAL DAMAGE", "CRIMINAL DAMAGE"): TOTAL_ONLY,
    ("BURGLARY", "BURGLARY - RESIDENTIAL"): RESIDENTIAL,
    ("BURGLARY", "BURGLARY BUSINESS AND COMMUNITY"): TOTAL_ONLY,
    ("BURGLARY", "BURGLARY IN A DWELLING"): DWELLING,
    ("BURGLARY", "BURGLARY NON-DWELLING"): TOTAL_ONLY,
    ("DRUG OFFENCES", "POSSESSION OF DRUGS"): TOTAL_ONLY,
    ("DRUG OFFENCES", "TRAFFICKING OF DRUGS"): TOTAL_ONLY,
    ("FRAUD AND FORGERY", "FRAUD AND FORGERY"): TOTAL_ONLY,
    ("MISCELLANEOUS CRIMES AGAINST SOCIETY", "MISC CRIMES AGAINST SOCIETY"): TOTAL_ONLY,
    ("NFIB FRAUD", "NFIB"): TOTAL_ONLY,
    ("POSSESSION OF WEAPONS", "POSSESSION OF WEAPONS"): TOTAL_ONLY,
    ("PUBLIC ORDER OFFENCES", "OTHER OFFENCES PUBLIC ORDER"): TOTAL_ONLY,
    ("PUBLIC ORDER OFFENCES", "PUBLIC FEAR ALARM OR DISTRESS"): TOTAL_ONLY,
    ("PUBLIC ORDER OFFENCES", "RACE OR RELIGIOUS AGG PUBLIC FEAR"): TOTAL_ONLY,
    ("PUBLIC ORDER OFFENCES", "VIOLENT DISORDER"): TOTAL_ONLY,
    ("ROBBERY", "ROBBERY OF BUSINESS PROPERTY"): TOTAL_ONLY,
    ("ROBBERY", "ROBBERY OF PERSONAL PROPERTY"): TOTAL_ONLY,
    ("SEXUAL OFFENCES", "OTHER SEXUAL OFFENCES"): SEXUAL,
    ("SEXUAL OFFENCES", "RAPE"): SEXUAL,
    ("THEFT", "BICYCLE THEFT"): TOTAL_ONLY,
    ("THEFT", "OTHER THEFT"): TOTAL_ONLY,
    ("THEFT", "SHOPLIFTING"): TOTAL_ONLY,
    ("THEFT", "THEFT FROM THE PERSON"): TOTAL_ONLY,
    ("VEHICLE OFFENCES", "AGGRAVATED VEHICLE TAKING"): TOTAL_ONLY,
    ("VEHICLE OFFENCES", "INTERFERING WITH A MOTOR VEHICLE"): TOTAL_ONLY,
    ("VEHICLE OFFENCES", "THEFT FROM A VEHICLE"): FROM_VEHICLE,
    ("VEHICLE OFFENCES", "THEFT OR UNAUTH TAKING OF A MOTOR VEH"): VEHICLE_TAKEN,
    ("VIOLENCE AGAINST THE PERSON", "HOMICIDE"): TOTAL_ONLY,
    ("VIOLENCE AGAINST THE PERSON", "VIOLENCE WITH INJURY"): TOTAL_ONLY,
    ("VIOLENCE AGAINST THE PERSON", "VIOLENCE WITHOUT INJURY"): TOTAL_ONLY,
    # Names added when the police restated their categories in late 2024 (Group/SubGroup files).
    ("BURGLARY", "RES BURGLARY OF A HOME"): RESIDENTIAL,
    ("BURGLARY", "RES BURGLARY OF UNCONNECTED BUILDING"): RESIDENTIAL,
    ("PUBLIC ORDER OFFENCES", "PUBLIC FEAR, ALARM OR DISTRESS"): TOTAL_ONLY,
    ("VIOLENCE AGAINST THE PERSON", "DEATH SERIOUS INJURY ILLEGAL DRIVING"): TOTAL_ONLY,
    ("VIOLENCE AGAINST THE PERSON", "STALKING AND HARASSMENT"): TOTAL_ONLY,
}

Row = dict[str, str]

_VINTAGE = re.compile(r"^v\d{4}-(0[1-9]|1[0-2])$")

_HOW_TO_ADD_AREAS = (
    "run 'python -m generator import-population CENSUS_FILE' with the same --area, "
    "--comparators and --london options first"
)


def vintage_argument(text: str) -> str:
    """Check a --vintage value looks like v2025-03."""
    if not _VINTAGE.match(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a vintage: write 'v' and the month the police published the file, "
            "e.g. v2025-03"
        )
    return text


def split_names(text: str) -> list[str]:
    """Split a comma-separated list of names, dropping blanks."""
    return [name.strip() for name in text.split(",") if name.strip()]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the import-mps options."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "Each financial year (April to March) with all 12 months in the files becomes one\n"
        "observation per measure and area: the offences counted, the Census population\n"
        "(2011 for years up to 2020/21, 2021 from 2021/22) and the rate per 1,000 residents\n"
        "(per 10,000 for sexual offences), rounded to 2 decimal places.\n"
        "Measures:\n  " + "\n  ".join(INDICATORS) + "\n"
        "Run import-population first: areas and populations come from areas.csv and\n"
        "population.csv. The import replaces every row of these measures in observations.csv\n"
        "and series_breaks.csv and keeps all other rows. A police category or area the importer\n"
        "does not know stops the import, and nothing is written."
    )
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE",
        help="police borough-level crime CSV files of one publication, e.g. its historical file "
             "and its most recent 24 months; where two files hold the same month, the file that "
             "reaches the later month wins",
    )
    parser.add_argument(
        "--vintage", required=True, type=vintage_argument,
        help="the month the police published the files, e.g. v2025-03 (required)",
    )
    parser.add_argument(
        "--area", default="Sutton",
        help="the home borough as the police file names it (default: Sutton)",
    )
    parser.add_argument(
        "--comparators", default="Croydon,Bromley",
        help="comma-separated boroughs to compare with (default: Croydon,Bromley, the other "
             "boroughs of Sutton's police area); give '' for none",
    )
    parser.add_argument(
        "--london", action=argparse.BooleanOptionalAction, default=True,
        help="also import London, the 32 boroughs policed by the Metropolitan Police "
             "(default: on; --no-london leaves it out)",
    )
    parser.add_argument(
        "--population", type=Path, default=None,
        help="Census populations to divide by (default: population.csv in the data directory)",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=REPO_ROOT / "data",
        help="the data package directory to update (default: data/ in this project)",
    )
    parser.add_argument(
        "--release-date", metavar="YYYY-MM-DD", default=None,
        help="also record a release in releases.csv, dated the day these figures are published "
             "(today or earlier, and after the latest release); needs --release-note",
    )
    parser.add_argument(
        "--release-note", default=None,
        help="what the release contains, in plain English (shown in the release history)",
    )
    parser.add_argument(
        "--release-title", default=None,
        help="short name of the release (default: 'Figures update <Month YYYY>')",
    )


def run(args: argparse.Namespace) -> int:
    """Import the police files and report what was written."""
    data_dir: Path = args.data_dir
    try:
        summary = import_figures(
            files=args.files,
            vintage=args.vintage,
            boroughs=[args.area, *split_names(args.comparators)],
            london=args.london,
            population_path=args.population or data_dir / "population.csv",
            data_dir=data_dir,
            release=_release(args, data_dir),
        )
    except InputError as error:
        return report(error)
    print(summary)
    return 0


def _release(args: argparse.Namespace, data_dir: Path) -> Release | None:
    """Return the release the options describe, None if they describe none, or refuse them."""
    if args.release_date is None and args.release_note is None and args.release_title is None:
        return None
    if args.release_date is None or args.release_note is None:
        raise InputError(["To record a release give both --release-date (the day these figures "
                          "are published) and --release-note (what they are)."])
    descriptor = descriptor_of(data_dir)
    rows = read_existing(resource_path(data_dir, descriptor, "releases"),
                         field_names(descriptor, "releases"))
    latest = None
    for row in rows:
        try:
            day = date.fromisoformat(row.get("date", "").strip())
        except ValueError:
            continue  # validation reports a bad date in releases.csv; it is no latest release
        if latest is None or day > latest.date:
            latest = Release(day, row.get("title", ""), row.get("note", ""))
    try:
        return release_from(args, latest, Settings.from_root(data_dir=data_dir).today)
    except ImportRefused as refusal:
        raise InputError([str(refusal)]) from None


def import_figures(
    *, files: Sequence[Path], vintage: str, boroughs: Sequence[str], london: bool,
    population_path: Path, data_dir: Path, release: Release | None = None,
) -> str:
    """Replace this importer's rows in data_dir and return a one-line summary of what changed."""
    descriptor = descriptor_of(data_dir)
    police_files = _read_police_files(files)
    names = _police_names(police_files, boroughs, london)
    targets = _targets(names, london, resource_path(data_dir, descriptor, "areas"), descriptor)
    owners = month_owners(police_files)
    years = complete_years(list(owners))
    if not years:
        # Replacing the measures' rows with nothing would silently delete the published series.
        first, last = (parse_period(f"{month:%Y-%m}").label for month in (min(owners), max(owners)))
        raise InputError([
            f"The files cover {first} to {last}, which holds no complete financial year (April "
            "to March); give files that cover at least one whole year."
        ])
    populations = _populations(population_path, targets, years, descriptor)
    counts = count_months(owners, targets, CATEGORIES)
    observations = observation_rows(targets, years, counts, populations, vintage)
    # Everything is read and checked before anything is written: a problem leaves data/ as it was.
    merged = {
        "observations": _merged(data_dir, descriptor, "observations", observations),
        "series_breaks": _merged(data_dir, descriptor, "series_breaks", break_rows(counts, years)),
    }
    if release is not None:
        releases_path = resource_path(data_dir, descriptor, "releases")
        existing = read_existing(releases_path, field_names(descriptor, "releases"))
        new_row = {"date": release.date.isoformat(), "title": release.title, "note": release.note}
        merged["releases"] = ([*existing, new_row], len(existing))
    for resource, (rows, _kept) in merged.items():
        write_resource(resource_path(data_dir, descriptor, resource), descriptor, resource, rows)
    kept = merged["observations"][1]
    written = shown(resource_path(data_dir, descriptor, "observations"))
    recorded = f" Recorded the release of {release.date.isoformat()}." if release else ""
    return (
        f"Wrote {len(observations)} observations ({len(INDICATORS)} measures, {len(targets)} "
        f"areas, {years[0]} to {years[-1]}, vintage {vintage}) to {written}; "
        f"kept {kept} other rows unchanged.{recorded}"
    )


def _read_police_files(files: Sequence[Path]) -> list[PoliceFile]:
    problems: list[str] = []
    police_files: list[PoliceFile] = []
    for path in files:
        try:
            police_files.append(read_police_file(path))
        except InputError as error:
            problems.extend(error.problems)
    for police_file in police_files:
        problems.extend(_unknown_labels(police_file))
    if problems:
        raise InputError(problems)
    return police_files


def _unknown_labels(police_file: PoliceFile) -> Iterable[str]:
    name = shown(police_file.path)
    reported: set[object] = set()
    for row in police_file.rows:
        category = (row.major, row.minor)
        if category not in CATEGORIES and category not in reported:
            reported.add(category)
            yield (
                f"{name}, row {row.row_number}: the police category {row.major!r} / {row.minor!r} "
                "is not in the importer's table, so it cannot be counted safely. Add it to "
                "CATEGORIES in generator/importers/mps.py, saying which measure it counts towards "
                "(TOTAL_ONLY if none), then import again."
            )
        known_area = row.area in MPS_BOROUGHS or row.area in NON_BOROUGH_ROWS
        if not known_area and row.area not in reported:
            reported.add(row.area)
            yield (
                f"{name}, row {row.row_number}: {row.area!r} is neither a London borough nor a row "
                "the importer knows to leave out of London. If the police have renamed a borough "
                "or added a row, add it to generator/importers/london.py, then import again."
            )


def _police_names(
    police_files: list[PoliceFile], boroughs: Sequence[str], london: bool
) -> list[str]:
    """Return the requested boroughs as the police spell them, checking every file has them."""
    problems: list[str] = []
    names: list[str] = []
    for wanted in boroughs:
        for police_file in police_files:
            if wanted.casefold() not in {area.casefold() for area in police_file.areas}:
                problems.append(
                    f"{shown(police_file.path)}: has no area called {wanted!r}. The areas it "
                    f"names are: {', '.join(sorted(police_file.areas))}."
                )
        known = borough_named(wanted)
        if known is None:
            problems.append(
                f"{wanted!r} is not one of the 32 London boroughs the Metropolitan Police covers, "
                "so it has no population to divide by; give a borough to --area and --comparators."
            )
        elif known not in names:
            names.append(known)
    if london:
        for police_file in police_files:
            missing = sorted(set(MPS_BOROUGHS) - police_file.areas)
            if missing:
                problems.append(
                    f"{shown(police_file.path)}: London is the sum of the 32 boroughs, but the "
                    f"file has no rows for {', '.join(missing)}; use the full file or give "
                    "--no-london."
                )
    if problems:
        raise InputError(problems)
    return names


def _targets(
    boroughs: list[str], london: bool, areas_path: Path, descriptor: dict[str, Any]
) -> list[Target]:
    """Return the areas to import, with their ids in areas.csv."""
    if not areas_path.exists():
        raise InputError([f"{shown(areas_path)} does not exist yet: {_HOW_TO_ADD_AREAS}."])
    rows = read_existing(areas_path, field_names(descriptor, "areas"))
    by_code = {row.get("ons_code", ""): row.get("id", "") for row in rows}
    problems: list[str] = []
    targets: list[Target] = []
    for name in boroughs:
        code = MPS_BOROUGHS[name]
        if code in by_code:
            targets.append(Target(by_code[code], frozenset({name}), ""))
        else:
            problems.append(
                f"{shown(areas_path)} has no area with ONS code {code} ({name}): "
                f"{_HOW_TO_ADD_AREAS}."
            )
    if london:
        if LONDON_ID in by_code.values():
            targets.append(Target(LONDON_ID, frozenset(MPS_BOROUGHS), LONDON_CRIME_NOTE))
        else:
            problems.append(f"{shown(areas_path)} has no area '{LONDON_ID}': {_HOW_TO_ADD_AREAS}.")
    if problems:
        raise InputError(problems)
    return targets


def _populations(
    path: Path, targets: list[Target], years: list[str], descriptor: dict[str, Any]
) -> dict[tuple[str, int], int]:
    """Return (area id, census year) -> population, checking every rate has its denominator."""
    if not path.exists():
        raise InputError([f"{shown(path)} does not exist yet: {_HOW_TO_ADD_AREAS}."])
    populations: dict[tuple[str, int], int] = {}
    problems: list[str] = []
    for row in read_existing(path, field_names(descriptor, "population")):
        area, year, population = (row.get(name, "") for name in ("area", "year", "population"))
        if year.isdigit() and population.isdigit():
            populations[(area, int(year))] = int(population)
        else:
            problems.append(
                f"{shown(path)}: the row for area {area!r} needs a whole-number year and "
                f"population, not {year!r} and {population!r}."
            )
    for target in targets:
        for census in census_years_needed(years):
            if (target.area_id, census) not in populations:
                problems.append(
                    f"{shown(path)} has no Census {census} population for '{target.area_id}': "
                    f"{_HOW_TO_ADD_AREAS}."
                )
    if problems:
        raise InputError(problems)
    return populations


def _merged(
    data_dir: Path, descriptor: dict[str, Any], resource: str, new_rows: list[Row]
) -> tuple[list[Row], int]:
    """Return the resource's rows with this importer's rows replaced, and how many were kept."""
    path = resource_path(data_dir, descriptor, resource)
    existing = read_existing(path, field_names(descriptor, resource))
    kept = [row for row in existing if row.get("indicator") not in PER_RESIDENTS]
    return sorted([*kept, *new_rows], key=_row_order), len(kept)


def _row_order(row: Row) -> tuple[str, str, str, date, str]:
    """Sort by indicator, area, breakdown, then period start (series breaks have no area)."""
    try:
        start = parse_period(row.get("period", "")).start
    except PeriodError:
        # Another row's bad period is left for validation to report; it sorts last meanwhile.
        start = date.max
    return (row.get("indicator", ""), row.get("area", ""), row.get("breakdown", ""), start,
            row.get("period", ""))
