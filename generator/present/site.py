"""What presentation starts from: the controlled data, its figures and the downloads' sizes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Protocol

from generator.config import Partnership
from generator.figures.results import IndicatorFigures
from generator.package.model import DataPackage, Indicator, Priority
from generator.present.wording import released_text


class Downloads(Protocol):
    """What pages need to know about the downloads, which are made elsewhere: their sizes."""

    def package_sizes(self) -> Mapping[str, int]:
        """Bytes of each data package file (datapackage.json, its CSVs, the zip) by address."""


@dataclass(frozen=True)
class SiteData:
    """Everything the pages are made from: disclosure-controlled data and its computed figures."""

    partnership: Partnership
    package: DataPackage  # after disclosure control: nothing downstream sees a suppressed value
    figures: Mapping[str, IndicatorFigures]
    downloads: Downloads

    @property
    def release_date(self) -> date | None:
        """Return the date of the latest release, which dates every page of the site."""
        release = self.package.latest_release
        return release.date if release else None

    @cached_property
    def released(self) -> str:
        """Return the latest release's date as pages show it."""
        return released_text(self.release_date)

    def priority_of(self, indicator: Indicator) -> Priority:
        """Return the priority a measure belongs to."""
        return next(p for p in self.package.priorities if p.number == indicator.priority)

    def indicators_of(self, priority: Priority) -> tuple[Indicator, ...]:
        """Return a priority's measures, in the strategy's order."""
        return tuple(i for i in self.package.indicators if i.priority == priority.number)
