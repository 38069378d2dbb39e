"""Run the data stages once per build: validate, load, disclosure control, compute, publish."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from generator.compute import compute_figures
from generator.config import Settings
from generator.disclosure import apply_disclosure
from generator.figures import IndicatorFigures
from generator.load import load_package
from generator.model import DataPackage
from generator.publish import api_outputs, download_outputs
from generator.validate import validate_package


class InvalidDataError(Exception):
    """The data package failed validation; the message is the full report for the editor."""


@dataclass(frozen=True)
class SiteData:
    """Everything the pages are made from: disclosure-controlled data and its computed figures."""

    settings: Settings
    package: DataPackage  # after disclosure control: nothing downstream sees a suppressed value
    figures: Mapping[str, IndicatorFigures]
    outputs: Mapping[str, bytes]  # machine-readable files by site path, e.g. api/indicators.json
    report_text: str

    @property
    def release_date(self) -> date | None:
        """Return the date of the latest release, which dates every page of the site."""
        release = self.package.latest_release
        return release.date if release else None


def run_pipeline(settings: Settings) -> SiteData:
    """Validate data/, then load, disclosure-control and compute it; raise if it is invalid."""
    report = validate_package(settings.data_dir, settings.today)
    if not report.ok:
        raise InvalidDataError(report.to_text())
    package = apply_disclosure(load_package(settings.data_dir))
    figures = compute_figures(package)
    outputs = {
        **download_outputs(package, figures),
        **api_outputs(package, figures, settings.site_url),
    }
    return SiteData(
        settings=settings,
        package=package,
        figures=figures,
        outputs=outputs,
        report_text=report.to_text(),
    )
