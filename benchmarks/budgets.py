"""Page-weight budgets per page type of the built Sutton site, the chart library and search index."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from benchmarks.floors import html_pages
from benchmarks.measure import Context, SiteStats, gzip_size, site_stats, sutton_site
from benchmarks.report import Report, Section
from generator.package.load import read_descriptor, read_rows, resource_path

NAME = "budgets"
TITLE = "4. Budgets per page type (built Sutton site, gzip level 6)"
HTML_BUDGET = 12 * 1024
CRITICAL_BUDGET = 70 * 1024
PAGE_TYPES = ("home", "priority", "indicator_chart", "indicator_no_figures", "overview", "data")
PAGE_TYPE_LABELS = {
    "home": "home",
    "priority": "priority",
    "indicator_chart": "indicator with chart",
    "indicator_no_figures": "indicator without figures",
    "overview": "overview",
    "data": "data",
}
# The deferred chart library, recognised by its file name.
CHART_LIBRARY = re.compile(r"plotly|chart(\.umd)?(\.min)?\.js$|echarts|vega", re.IGNORECASE)
# Markup that holds a chart: a container marked for the chart script, or the figure JSON itself.
CHART_MARKUP = re.compile(
    r"""data-(chart|figure|plotly)\b|class="[^"]*\bchart\b|<script[^>]+type="application/json"[^>]+id="[^"]*(chart|figure)""",
    re.IGNORECASE,
)
FIGURES = (
    *(f"{kind}_{page}" for page in PAGE_TYPES
      for kind in ("html_gz", "critical_gz", "chart_library")),
    "chart_library_bytes", "chart_library_gz", "chart_pages", "chart_library_pages",
    "chart_library_without_chart", "chart_library_blocking", "third_party_refs",
    "search_index_sutton", "search_per_page_sutton", "search_per_page_n",
    "search_per_page_2n", "search_marginal_per_page", "search_growth",
)


@dataclass
class Reference:
    """A stylesheet or script a page loads."""

    kind: str  # "css" or "js"
    url: str
    deferred: bool


class _PageParser(HTMLParser):
    """Collect the stylesheets and scripts a page references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[Reference] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a stylesheet link or an external script."""
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "link" and "stylesheet" in values.get("rel", "").lower().split() and values.get("href"):
            self.references.append(Reference("css", values["href"], False))
        elif tag == "script" and values.get("src"):
            # Module scripts are deferred by the browser even without the attribute.
            deferred = "defer" in values or "async" in values or values.get("type") == "module"
            self.references.append(Reference("js", values["src"], deferred))


def references(html: str) -> list[Reference]:
    """Return every stylesheet and script a page's HTML references, in order."""
    parser = _PageParser()
    parser.feed(html)
    return parser.references


def is_third_party(url: str) -> bool:
    """Return True for a reference to another host."""
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) and parts.scheme not in ("data", "blob")


def resolve(site: Path, page: str, url: str) -> Path:
    """Return the file in site that a relative or root-relative URL on page points at."""
    path = urlsplit(url).path
    if path.startswith("/"):
        # Root-relative URLs include the site's base path (e.g. /performance/); find the longest
        # suffix that exists in the built site.
        parts = PurePosixPath(path).parts[1:]
        for start in range(len(parts)):
            candidate = site.joinpath(*parts[start:])
            if candidate.is_file():
                return candidate
        return site.joinpath(*parts)
    base = PurePosixPath(page).parent
    joined = PurePosixPath(*(base / path).parts)
    stack: list[str] = []
    for part in joined.parts:
        if part == "..":
            if stack:
                stack.pop()
        elif part != ".":
            stack.append(part)
    return site.joinpath(*stack)


@dataclass(frozen=True)
class PageWeight:
    """What one page costs to load."""

    page: str
    html_gz: int
    critical_gz: int
    css_files: int
    blocking_js_files: int
    deferred_js_files: int
    chart_library: str  # "no", "deferred" or "blocking"
    has_chart: bool
    third_party: int
    missing: tuple[str, ...]


def page_weight(site: Path, page: str) -> PageWeight:
    """Measure a page's gzipped HTML and its critical path (HTML, CSS and blocking JS)."""
    html = (site / page).read_text(encoding="utf-8")
    html_gz = gzip_size(html.encode("utf-8"))
    critical = html_gz
    css = blocking = deferred = third_party = 0
    chart = "no"
    missing: list[str] = []
    for reference in references(html):
        if is_third_party(reference.url):
            third_party += 1
            continue
        if reference.kind == "js" and CHART_LIBRARY.search(PurePosixPath(urlsplit(reference.url).path).name):
            chart = "deferred" if reference.deferred else "blocking"
            continue
        if reference.kind == "js" and reference.deferred:
            deferred += 1
            continue
        target = resolve(site, page, reference.url)
        if not target.is_file():
            missing.append(reference.url)
            continue
        critical += gzip_size(target.read_bytes())
        css += reference.kind == "css"
        blocking += reference.kind == "js"
    return PageWeight(page, html_gz, critical, css, blocking, deferred, chart, bool(CHART_MARKUP.search(html)),
                      third_party, tuple(missing))


def home_figures(data_dir: Path) -> set[str]:
    """Return the ids of indicators with at least one home-area observation."""
    descriptor = read_descriptor(data_dir)
    areas = {row["id"] for row in read_rows(resource_path(data_dir, descriptor, "areas"))
             if row["is_home"].lower() == "true"} if resource_path(data_dir, descriptor, "areas").exists() else set()
    observations = resource_path(data_dir, descriptor, "observations")
    if not observations.exists():
        return set()
    return {row["indicator"] for row in read_rows(observations) if row["area"] in areas}


def find_pages(site: Path, data_dir: Path) -> dict[str, str | None]:
    """Pick one built page of each type."""
    pages = html_pages(site)
    descriptor = read_descriptor(data_dir)
    priorities = list(read_rows(resource_path(data_dir, descriptor, "priorities")))
    indicators = [row["id"] for row in read_rows(resource_path(data_dir, descriptor, "indicators"))]
    with_figures = home_figures(data_dir)

    def first(candidates: list[str]) -> str | None:
        return next((page for page in candidates if page in pages), None)

    indicator_pages = [f"indicators/{id_}/index.html" for id_ in indicators]
    charted = [page for page in indicator_pages
               if page in pages and CHART_MARKUP.search((site / page).read_text(encoding="utf-8"))]
    return {
        "home": first(["index.html"]),
        "priority": first([f"priorities/{row['slug']}/index.html" for row in priorities]),
        "indicator_chart": charted[0] if charted else None,
        "indicator_no_figures": first([f"indicators/{id_}/index.html" for id_ in indicators
                                       if id_ not in with_figures]),
        "overview": first(["overview/index.html", "progress/index.html", "priorities/index.html"]
                          + [page for page in pages if "overview" in page]),
        "data": first(["data/index.html", "open-data/index.html", "downloads/index.html"]
                      + [page for page in pages if page.startswith("data")]),
    }


def run(ctx: Context, report: Report) -> None:
    """Measure every page type's budget, the chart library and the search index."""
    section = report.section(NAME, TITLE)
    site = sutton_site(ctx)
    chosen = find_pages(site, ctx.root / "data")
    weights: dict[str, PageWeight] = {}
    for kind in PAGE_TYPES:
        label = PAGE_TYPE_LABELS[kind]
        page = chosen[kind]
        if page is None:
            for figure, text in (("html_gz", "HTML gzipped"), ("critical_gz", "critical path gzipped"),
                                 ("chart_library", "chart library")):
                section.add(f"{figure}_{kind}", f"{label}: {text}", None,
                            note="no page of this type in the built site")
            continue
        weight = weights[kind] = page_weight(site, page)
        section.add(f"html_gz_{kind}", f"{label}: HTML gzipped", weight.html_gz, "bytes", note=page)
        section.add(f"critical_gz_{kind}", f"{label}: critical path gzipped", weight.critical_gz, "bytes",
                    note=f"HTML + {weight.css_files} CSS + {weight.blocking_js_files} blocking JS; "
                         f"{weight.deferred_js_files} other deferred JS not counted")
        section.add(f"chart_library_{kind}", f"{label}: chart library", weight.chart_library,
                    note="has a chart" if weight.has_chart else "no chart")
        if weight.missing:
            section.note(f"{page} references files the build did not write: {', '.join(weight.missing)}")
        report.target(f"critical path, {label}", "<= 70 KB gz", weight.critical_gz, "bytes",
                      weight.critical_gz <= CRITICAL_BUDGET)
        if kind.startswith("indicator"):
            report.target(f"HTML, {label}", "<= 12 KB gz", weight.html_gz, "bytes",
                          weight.html_gz <= HTML_BUDGET)
    chart_library(section, report, site)
    search_index(ctx, section, site)


def chart_library(section: Section, report: Report, site: Path) -> None:
    """Report the chart library's size and which pages load it, and how."""
    library = next((path for path in sorted(site.rglob("*.js")) if CHART_LIBRARY.search(path.name)), None)
    data = library.read_bytes() if library else None
    section.add("chart_library_bytes", "chart library size", len(data) if data else None, "bytes",
                note=str(library.relative_to(site)) if library else "no chart library in the built site")
    section.add("chart_library_gz", "chart library gzipped", gzip_size(data) if data else None, "bytes")
    pages = html_pages(site)
    weights = [page_weight(site, page) for page in pages]
    charts = sum(weight.has_chart for weight in weights)
    loading = sum(weight.chart_library != "no" for weight in weights)
    stray = sum(weight.chart_library != "no" and not weight.has_chart for weight in weights)
    blocking = sum(weight.chart_library == "blocking" for weight in weights)
    third = sum(weight.third_party for weight in weights)
    section.add("chart_pages", f"pages with a chart (of {len(pages)})", charts, "count")
    section.add("chart_library_pages", "pages that load the chart library", loading, "count")
    section.add("chart_library_without_chart", "pages that load it but have no chart", stray, "count")
    section.add("chart_library_blocking", "pages that load it without defer/async", blocking, "count")
    section.add("third_party_refs", "references to other hosts (all pages)", third, "count")
    report.target("chart library only on chart pages, deferred", "0 pages off", stray + blocking,
                  "count", stray + blocking == 0)
    report.target("third-party requests from published pages", "0", third, "count", third == 0)


def _per_page(stats: SiteStats | None) -> float | None:
    if stats is None or stats.search_index_bytes is None:
        return None
    return stats.search_index_bytes / max(stats.pages, 1)


def search_index(ctx: Context, section: Section, site: Path) -> None:
    """Report the search index of the Sutton site and its growth to the scale builds."""
    sutton = site_stats(site)
    gz = sutton.search_index_gzip_bytes
    section.add("search_index_sutton", "search index, Sutton site", sutton.search_index_bytes, "bytes",
                note="no search index" if gz is None else f"{gz / 1024:,.1f} KB gzipped")
    section.add("search_per_page_sutton", f"search index per page, Sutton ({sutton.pages} pages)",
                _per_page(sutton), "bytes")
    small = ctx.shared.get("scale_n")
    large = ctx.shared.get("scale_2n")
    small_stats = small if isinstance(small, SiteStats) else None
    large_stats = large if isinstance(large, SiteStats) else None
    why = "" if small_stats and large_stats else "run the scale benchmark in the same run"
    section.add("search_per_page_n", "search index per page, N-indicator build",
                _per_page(small_stats), "bytes", note=why or f"{small_stats.pages:,} pages")  # type: ignore[union-attr]
    section.add("search_per_page_2n", "search index per page, 2N-indicator build",
                _per_page(large_stats), "bytes", note=why or f"{large_stats.pages:,} pages")  # type: ignore[union-attr]
    marginal: float | None = None
    verdict: str | None = None
    if (small_stats and large_stats and small_stats.search_index_bytes is not None
            and large_stats.search_index_bytes is not None and large_stats.pages > small_stats.pages):
        marginal = ((large_stats.search_index_bytes - small_stats.search_index_bytes)
                    / (large_stats.pages - small_stats.pages))
        average = small_stats.search_index_bytes / small_stats.pages
        # Within 5% of the average counts as linear: page texts differ a little in length.
        verdict = "linear or better" if marginal <= 1.05 * average else "worse than linear"
    section.add("search_marginal_per_page", "search index bytes per added page (N -> 2N)", marginal,
                "bytes", note=why)
    section.add("search_growth", "search index growth", verdict, note=why)
