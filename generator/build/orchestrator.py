"""Run the data stages once per build: validate, load, disclosure control, compute, publish."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from generator.build.worker import Background, Send
from generator.config import Settings
from generator.errors import InvalidDataError
from generator.figures.compute import compute_figures
from generator.figures.disclosure import apply_disclosure
from generator.figures.results import IndicatorFigures
from generator.package.load import load_package
from generator.package.model import DataPackage
from generator.publish.outputs import Outputs, outputs_in_memory


@dataclass(frozen=True)
class CheckedData:
    """The package after validation and disclosure control, and its computed figures."""

    package: DataPackage  # after disclosure control: nothing downstream sees a suppressed value
    figures: Mapping[str, IndicatorFigures]
    report_text: str


@dataclass(frozen=True)
class SiteData:
    """Everything the pages are made from: disclosure-controlled data and its computed figures."""

    settings: Settings
    package: DataPackage  # after disclosure control: nothing downstream sees a suppressed value
    figures: Mapping[str, IndicatorFigures]
    outputs: Outputs  # the machine-readable files, e.g. api/indicators.json
    report_text: str

    @property
    def release_date(self) -> date | None:
        """Return the date of the latest release, which dates every page of the site."""
        release = self.package.latest_release
        return release.date if release else None


def check_data(settings: Settings, *, parallel: bool = False) -> CheckedData:
    """Validate data/, then load, disclosure-control and compute it; raise if it is invalid.

    With ``parallel``, validation runs in a second process while this one loads and computes
    (each takes about as long); nothing is used until validation has passed.
    """
    validation: Background[Verdict] = Background(
        "validating data/", _validator(settings), parallel=parallel)
    if not validation.parallel:
        _raise_if_invalid(validation.result())  # already done: stop before loading bad data
    try:
        package = apply_disclosure(load_package(settings.data_dir))
        figures = compute_figures(package)
    except Exception:
        # Data that fails validation may also break loading; the report says what to fix.
        _raise_if_invalid(validation.result())
        raise
    verdict = validation.result()
    _raise_if_invalid(verdict)
    return CheckedData(package, figures, verdict.report_text)


def run_pipeline(settings: Settings) -> SiteData:
    """Check data/ and make every output in this process (the MkDocs build spreads the work)."""
    checked = check_data(settings)
    return SiteData(
        settings=settings,
        package=checked.package,
        figures=checked.figures,
        outputs=outputs_in_memory(checked.package, checked.figures, settings.site_url),
        report_text=checked.report_text,
    )


@dataclass(frozen=True)
class Verdict:
    """What validation found, in the form it crosses from the worker: passed, and the report."""

    ok: bool
    report_text: str


def _validator(settings: Settings) -> Callable[[Send], Verdict]:
    def validate(_send: Send) -> Verdict:
        # Imported here: validation reads tables with pandas and checks the descriptor with
        # frictionless, slow imports (0.3 s); in a parallel build only the worker pays for them.
        from generator.validation.runner import validate_package

        report = validate_package(settings.data_dir, settings.today)
        return Verdict(report.ok, report.to_text())

    return validate


def _raise_if_invalid(verdict: Verdict) -> None:
    if not verdict.ok:
        raise InvalidDataError(verdict.report_text)
