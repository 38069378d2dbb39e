"""Import a filled-in figures spreadsheet into data/, or refuse it whole.

The whole file is refused if anything in it is wrong, and data/ changes only when the merged
package passes validation; each changed CSV file is then replaced in one step.
``python -m generator import-return`` (generator/commands/import_return.py) runs it.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import ImportRefused as ImportRefused  # re-exported for the importers
from generator.package.model import Release
from generator.returns import ReturnedRow, ReturnProblem
from generator.returns.merge import MergeResult, default_title

if TYPE_CHECKING:
    from generator.validation.report import Report

# Resources an import may change, in the order the summary mentions them.
CHANGED_RESOURCES = ("observations", "revisions", "releases", "sources")
_LISTED = 5


def parse_release_date(text: str) -> date:
    """Return the release date, or refuse with the format to use."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ImportRefused(
            f"--release-date '{text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-01"
        ) from None


def release_from(args: argparse.Namespace, latest: Release | None, today: date) -> Release:
    """Return the release the command line describes (--release-date, --release-note and
    --release-title), refusing a date in the future or not after the latest release."""
    from generator.package.periods import uk_date

    day = parse_release_date(args.release_date)
    if day > today:
        raise ImportRefused(
            f"--release-date {day.isoformat()} is in the future (today is {uk_date(today)}): "
            "import on the day the figures are published"
        )
    note = " ".join(str(args.release_note).split())
    if not note:
        raise ImportRefused("--release-note is empty: say in a sentence what this release contains")
    if latest is not None and day <= latest.date:
        raise ImportRefused(
            f"--release-date {day.isoformat()} is not after the latest release "
            f"({latest.date.isoformat()}, '{latest.title}'): give the date these figures are "
            "published, which must be later"
        )
    title = " ".join(str(args.release_title or "").split()) or default_title(day)
    return Release(day, title, note)


def prepare(
    args: argparse.Namespace, data_dir: Path, today: date
) -> tuple[MergeResult, dict[str, str]]:
    """Read, check and merge the spreadsheet; return the result and each changed file's text."""
    from generator.errors import ReturnFileError
    from generator.package.load import load_package, read_rows, resource_path
    from generator.returns import sheet_name
    from generator.returns.merge import check_rows, merge_return
    from generator.returns.reading import read_return

    try:
        package = load_package(data_dir)
    except (OSError, KeyError, ValueError) as error:
        raise ImportRefused(
            f"Cannot read the data in {data_dir}: {error}. Run `python -m generator validate` "
            "to see what is wrong"
        ) from error
    release = release_from(args, package.latest_release, today)
    sheets = [sheet_name(p.number, p.short_title) for p in package.priorities]
    try:
        rows, problems = read_return(args.file, sheets, package.home_area.id)
    except ReturnFileError as error:
        raise ImportRefused(str(error)) from error
    indicators = {indicator.id: indicator for indicator in package.indicators}
    problems.extend(check_rows(rows, indicators, {area.id for area in package.areas}))
    if problems:
        raise ImportRefused(refusal_text(args.file, problems))

    def existing(name: str) -> list[dict[str, str]]:
        path = resource_path(data_dir, package.descriptor, name)
        return list(read_rows(path)) if path.exists() else []

    result = merge_return(
        existing("observations"), existing("revisions"), existing("releases"), rows, release,
        indicators, existing("sources"), _publisher(package.descriptor),
    )
    if result.problems:
        raise ImportRefused(refusal_text(args.file, result.problems))
    if not result.changed:
        raise ImportRefused(
            f"{args.file.name} has no new or changed figures, so no release was recorded"
        )
    return result, changed_files(data_dir, package.descriptor, result)


def changed_files(
    data_dir: Path, descriptor: dict[str, Any], result: MergeResult
) -> dict[str, str]:
    """Return the text of each resource the import changes, by its path inside data_dir."""
    from generator.package.load import resource_path
    from generator.publish.cells import field_names, render_csv

    texts: dict[str, str] = {}
    for name in CHANGED_RESOURCES:
        path = resource_path(data_dir, descriptor, name)
        try:
            text = render_csv(field_names(descriptor, name), getattr(result, name))
        except KeyError as error:
            # Rewriting the file would drop the columns the schema does not know.
            raise ImportRefused(
                f"{path.name} has {error.args[0]}; run `python -m generator validate` and fix it "
                "first"
            ) from error
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):
            texts[str(path.relative_to(data_dir))] = text
    return texts


def _publisher(descriptor: dict[str, object]) -> str:
    """Return the data package's publisher (its contributor with the role 'publisher')."""
    contributors = descriptor.get("contributors", [])
    for contributor in contributors if isinstance(contributors, list) else []:
        if isinstance(contributor, dict) and contributor.get("role") == "publisher":
            return str(contributor.get("title", ""))
    return ""


def refusal_text(file: Path, problems: Sequence[ReturnProblem]) -> str:
    """Return the message that refuses a spreadsheet, one line per problem."""
    count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
    lines = [f"{file.name} was not imported: {count} to fix, then import the file again."]
    lines.extend(f"- {problem}" for problem in problems)
    return "\n".join(lines)


def check_valid(data_dir: Path, texts: dict[str, str], today: date, result: MergeResult) -> None:
    """Validate a copy of data/ with the new files in it; refuse with the report if it fails."""
    from generator.package.load import read_descriptor, resource_path
    from generator.publish.disk import write_text_atomic
    from generator.validation.runner import validate_package

    with tempfile.TemporaryDirectory(prefix="import-return-") as temporary:
        copy = Path(temporary) / data_dir.name
        shutil.copytree(data_dir, copy)
        for relative, text in texts.items():
            write_text_atomic(copy / relative, text)
        report = validate_package(copy, today)
        if report.ok:
            return
        sources = _sources(result)
        observations = resource_path(copy, read_descriptor(copy), "observations")
        observations_file = observations.relative_to(copy.parent).as_posix()
        lines = [
            "The spreadsheet was read, but with its figures the data would not pass validation "
            "(row numbers are those the files would have):",
            *(f"{problem.to_text()}\n" for problem in report.problems),
        ]
        hints = sorted({
            f"- {_where(sources[key])}: {key[0]}, {key[2]}, {key[3]}"
            for key in _keys_named(report, observations_file, result) if key in sources
        })
        if hints:
            lines.append("The rows above come from these rows of the spreadsheet:")
            lines.extend(hints)
        lines.append("Fix the spreadsheet and import it again.")
        raise ImportRefused("\n".join(lines))


def _sources(result: MergeResult) -> dict[tuple[str, str, str, str], ReturnedRow]:
    rows = [*result.added, *(revised.row for revised in result.revised), *result.updated]
    return {row.key: row for row in rows}


def _where(row: ReturnedRow) -> str:
    return f"sheet '{row.sheet}', row {row.row}"


def _keys_named(
    report: Report, observations_file: str, result: MergeResult
) -> list[tuple[str, str, str, str]]:
    """Return the observation keys of the rows of observations.csv that the report names."""
    keys = []
    for problem in report.problems:
        if problem.file != observations_file or problem.row is None:
            continue
        # The report counts rows as a spreadsheet would (the header is row 1), and the file was
        # written from result.observations without blank lines.
        index = problem.row - 2
        if 0 <= index < len(result.observations):
            obs = result.observations[index]
            keys.append((obs["indicator"], obs["area"], obs["period"], obs["breakdown"]))
    return keys


def replace_files(data_dir: Path, texts: dict[str, str]) -> None:
    """Replace each changed file in data/, one atomic rename per file."""
    from generator.publish.disk import write_text_atomic

    for relative, text in texts.items():
        write_text_atomic(data_dir / relative, text)


def _figure(row: ReturnedRow) -> str:
    breakdown = "" if row.breakdown == "all" else f" {row.breakdown}"
    return f"{row.indicator} {row.period}{breakdown}"


def _value(row: ReturnedRow) -> str:
    from generator.publish.cells import number_text

    return number_text(row.value) if row.value is not None else ""


def _joined(value: str, marker: str) -> str:
    return f"{value} {marker}".strip()


def _shown(row: ReturnedRow) -> str:
    return _joined(_value(row), row.marker.value if row.marker else "")


def _listed(descriptions: Sequence[str]) -> str:
    shown = "; ".join(descriptions[:_LISTED])
    more = len(descriptions) - _LISTED
    return f" ({shown}{f'; and {more} more' if more > 0 else ''})" if descriptions else ""


def summary(result: MergeResult, release_date: date) -> str:
    """Return the plain-English account of what the import did."""
    added = len(result.added)
    revised = [
        f"{_figure(item.row)}: {_joined(item.previous_value, item.previous_status)} → "
        f"{_joined(_value(item.row), item.status)}"
        for item in result.revised
    ]
    parts = [
        f"Added {added} new figure{'s' if added != 1 else ''}"
        f"{_listed([f'{_figure(row)}: {_shown(row)}' for row in result.added])}",
        f"revised {len(revised)}{_listed(revised)}",
    ]
    if result.updated:
        parts.append(
            f"changed the marker or note of {len(result.updated)}"
            f"{_listed([f'{_figure(row)}: {_shown(row)}' for row in result.updated])}"
        )
    if result.withheld:
        parts.append(
            f"withheld {len(result.withheld)} small count{'s' if len(result.withheld) != 1 else ''}"
            f" as [c] so no one can be identified{_listed([_figure(r) for r in result.withheld])}"
        )
    parts.append(f"release {release_date.isoformat()} recorded")
    return ", ".join(parts) + ". Run `make site` to preview."
