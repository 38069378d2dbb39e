"""The data page: the whole data package and each measure's files, with their sizes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from generator.present import urls
from generator.present.context import PageContext, described
from generator.present.pages.page import Page
from generator.present.site import SiteData
from generator.present.views import IndicatorCard
from generator.present.wording import file_size

SOURCE = "data.md"


@dataclass(frozen=True)
class Download:
    """One file of the data package."""

    title: str = described("what the file is, e.g. 'Measures (indicators.csv)'")
    description: str = described("what it holds, from datapackage.json")
    href: str = described("the file's address")
    size: str = described("its size in words, e.g. '12 KB'")


@dataclass(frozen=True)
class IndicatorDownloads:
    """One measure's own files."""

    title: str = described("the measure's title")
    href: str = described("the address of the measure's page")
    csv_href: str = described("the address of its CSV file")
    json_href: str = described("the address of its JSON file")


@dataclass(frozen=True)
class DataPage(PageContext):
    """Context of /data/: the whole package and each measure's files."""

    template: ClassVar[str] = "data.html"

    released: str = described("the date of the latest release")
    package: tuple[Download, ...] = described("the zip, datapackage.json and each CSV file "
                                              "the build publishes")
    measures: tuple[IndicatorDownloads, ...] = described("each measure's files, in the "
                                                         "strategy's order")


def pages(site: SiteData, cards: Mapping[str, IndicatorCard]) -> Iterator[Page]:
    """Yield the data page, whose context waits for the downloads' sizes."""
    yield Page(SOURCE, urls.page_address(SOURCE), partial(data_page, site), DataPage.page_template)


def data_page(site: SiteData) -> DataPage:
    """Return the data page's context, listing only files the build really publishes."""
    sizes = site.downloads.package_sizes()
    downloads: list[Download] = []

    def add(title: str, description: str, path: str) -> None:
        if path in sizes:
            downloads.append(Download(title, description, path, file_size(sizes[path])))

    add("Everything in one file (zip)", "The data package: datapackage.json and every CSV file.",
        urls.data_zip(site.partnership))
    add("datapackage.json", "The Frictionless Data Package descriptor: what each file and column "
        "means, with types and constraints.", urls.DATA_PACKAGE)
    resources = site.package.descriptor.get("resources", [])
    for resource in resources if isinstance(resources, list) else []:
        if isinstance(resource, dict):
            add(f"{resource.get('title', resource.get('name', ''))} ({resource.get('path', '')})",
                str(resource.get("description", "")),
                urls.package_file(str(resource.get("path", ""))))
    return DataPage(
        released=site.released,
        package=tuple(downloads),
        measures=tuple(
            IndicatorDownloads(i.title, urls.indicator_page(i.id), urls.indicator_csv(i.id),
                               urls.indicator_api(i.id))
            for i in site.package.indicators
        ),
    )
