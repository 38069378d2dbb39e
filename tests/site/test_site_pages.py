"""The built site has every page, with the strategy's words and the data's figures on it."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.package.periods import parse_period
from generator.present.wording import format_number
from tests.site.sitedata import article, chart_json, page, rows, table

PRIORITIES = rows("priorities")
ACTIONS = rows("actions")
INDICATORS = rows("indicators")
AREAS = {row["id"]: row for row in rows("areas")}
OBSERVATIONS = rows("observations")
HOME = next(area_id for area_id, row in AREAS.items() if row["is_home"] == "true")
WITH_FIGURES = sorted({o["indicator"] for o in OBSERVATIONS if o["area"] == HOME})
WITHOUT_FIGURES = sorted({i["id"] for i in INDICATORS} - set(WITH_FIGURES))
ROLLING = re.compile(r"\d{4}-\d{2}/\d{4}-\d{2}")
# The period codes a measure's table shows, by its frequency.
FREQUENCY_CODES = {"annual": re.compile(r"\d{4}(/\d{2})?"), "quarterly": re.compile(r"\d{4}-Q\d"),
                   "monthly": re.compile(r"\d{4}-\d{2}")}

CONTENT_PAGES = [
    "", "overview/", "data/", "about/", "about/methodology/", "about/revisions/",
    "about/accessibility/", "about/governance/", "strategy/", "releases/",
]


def test_data_has_the_strategy_and_real_figures() -> None:
    # The checks below mean something only if the package has both kinds of measure.
    assert len(PRIORITIES) == 6 and len(INDICATORS) == 36
    assert WITH_FIGURES and WITHOUT_FIGURES


@pytest.mark.parametrize("url", CONTENT_PAGES)
def test_content_pages_exist(built_site: Path, url: str) -> None:
    assert article(built_site, url).find("h1") is not None


def test_every_priority_and_measure_has_its_page(built_site: Path) -> None:
    for priority in PRIORITIES:
        heading = article(built_site, f"priorities/{priority['slug']}/").find("h1")
        assert heading is not None and heading.get_text(strip=True) == priority["title"]
    built = {path.parent.name for path in (built_site / "indicators").glob("*/index.html")}
    assert built == {indicator["id"] for indicator in INDICATORS}


def test_every_strategic_action_appears_word_for_word_on_its_priority_page(built_site: Path) -> None:
    by_number = {row["number"]: row["slug"] for row in PRIORITIES}
    shown: dict[str, list[str]] = defaultdict(list)
    for priority in PRIORITIES:
        body = article(built_site, f"priorities/{priority['slug']}/")
        for item in body.select("ol.ss-actions li"):
            number = item.select_one(".ss-actions__number")
            text = item.select_one(".ss-actions__text")
            assert number is not None and text is not None
            shown[priority["slug"]].append(f"{number.get_text()} {text.get_text()}")
    for action in ACTIONS:
        assert f"{action['id']} {action['text']}" in shown[by_number[action["priority"]]]
    assert sum(len(items) for items in shown.values()) == len(ACTIONS)


def test_priority_pages_have_a_card_for_each_of_their_measures(built_site: Path) -> None:
    for priority in PRIORITIES:
        body = article(built_site, f"priorities/{priority['slug']}/")
        linked = [a["href"] for a in body.select("li.ss-card .ss-card__title a")]
        expected = [
            f"../../indicators/{i['id']}/"
            for i in sorted(INDICATORS, key=lambda i: int(i["order"]))
            if i["priority"] == priority["number"]
        ]
        assert linked == expected
        for card in body.select("li.ss-card"):
            facts = [dt.get_text(strip=True) for dt in card.select("dt")]
            assert facts[:3] == ["Latest figure", "Target", "Status"]


def latest_home_observation(indicator_id: str, *, rolling: bool) -> dict[str, str] | None:
    """Return the home area's newest rolling 12 months, or its newest other period of the
    measure's table (financial years, quarters or months), or None."""
    ours = [o for o in OBSERVATIONS
            if o["indicator"] == indicator_id and o["area"] == HOME and o["breakdown"] == "all"
            and o["value"] and (ROLLING.fullmatch(o["period"]) is not None) == rolling
            and (rolling or FREQUENCY_CODES[frequency(indicator_id)].fullmatch(o["period"]))]
    return max(ours, key=lambda o: parse_period(o["period"]).order_key, default=None)


def frequency(indicator_id: str) -> str:
    return next(i["frequency"] for i in INDICATORS if i["id"] == indicator_id)


@pytest.mark.parametrize("indicator_id", WITH_FIGURES)
def test_latest_real_figure_is_on_its_page_and_in_its_table(built_site: Path, indicator_id: str) -> None:
    indicator = next(i for i in INDICATORS if i["id"] == indicator_id)
    headline = latest_home_observation(indicator_id, rolling=True)
    obs = latest_home_observation(indicator_id, rolling=False)
    assert obs is not None
    body = article(built_site, f"indicators/{indicator_id}/")
    facts = body.select_one(".ss-facts")
    # The page leads with the newest rolling 12 months where there is one.
    lead = headline or obs
    assert facts is not None
    assert format_number(float(lead["value"]), int(indicator["decimals"])) in facts.get_text()
    assert lead["period_label"] in facts.get_text()
    number = format_number(float(obs["value"]), int(indicator["decimals"]))
    element = body.find("table", id=f"table-{indicator_id}")
    assert isinstance(element, Tag)
    data = table(element)
    home_column = data.columns.index(AREAS[HOME]["name"]) - 1
    cell = data.rows[obs["period_label"]][home_column]
    assert cell.split(" ")[0] == number
    if obs["status"]:
        assert cell.endswith(obs["status"])


def test_sutton_total_offences_rate_for_2023_24(built_site: Path) -> None:
    [obs] = [o for o in OBSERVATIONS if o["indicator"] == "total-offences-rate"
             and o["area"] == HOME and o["period"] == "2023/24" and o["breakdown"] == "all"]
    shown = format_number(float(obs["value"]), 1)
    body = article(built_site, "indicators/total-offences-rate/")
    element = body.find("table", id="table-total-offences-rate")
    assert isinstance(element, Tag)
    assert table(element).rows["2023/24"][0].split(" ")[0] == shown


@pytest.mark.parametrize("indicator_id", WITHOUT_FIGURES)
def test_measures_without_figures_say_so_and_still_explain_themselves(
    built_site: Path, indicator_id: str
) -> None:
    indicator = next(i for i in INDICATORS if i["id"] == indicator_id)
    body = article(built_site, f"indicators/{indicator_id}/")
    text = " ".join(body.get_text(" ").split())
    assert "No figures published yet" in text
    assert body.find("table") is None and body.select_one("[data-chart]") is None
    assert " ".join(indicator["definition"].split()) in text
    assert indicator["owner"] in text
    if indicator["target_text"]:
        assert indicator["target_text"] in text
    if indicator["strategy_figure_text"]:
        assert f"Figure quoted in the strategy (not a target) {indicator['strategy_figure_text']}" in text


@pytest.mark.parametrize("indicator_id", WITH_FIGURES)
def test_chart_data_matches_the_table(built_site: Path, indicator_id: str) -> None:
    body = article(built_site, f"indicators/{indicator_id}/")
    figure = body.find("figure", class_="ss-chart")
    assert isinstance(figure, Tag) and figure.find("figcaption") is not None
    plot = figure.select_one("[data-chart]")
    assert plot is not None and plot["aria-hidden"] == "true"
    spec = chart_json(body, indicator_id)
    element = body.find("table", id=f"table-{indicator_id}")
    assert isinstance(element, Tag)
    data = table(element)
    traces = spec["data"]
    assert isinstance(traces, list) and traces
    assert [trace["name"] for trace in traces] == data.columns[1:]
    for column, trace in enumerate(traces):
        for x, y in zip(trace["x"], trace["y"], strict=True):
            cell = data.rows[x][column]
            if y is None:
                assert re.fullmatch(r"\[[cx]\]", cell), (x, cell)
            else:
                assert float(cell.split(" ")[0].rstrip("%").replace(",", "")) == y, (x, cell)


def test_chart_library_loads_deferred_and_only_where_there_is_a_chart(built_site: Path) -> None:
    for indicator in INDICATORS:
        soup = page(built_site, f"indicators/{indicator['id']}/")
        scripts = [s for s in soup.find_all("script", src=True) if "plotly" in s["src"]]
        if indicator["id"] in WITH_FIGURES:
            assert len(scripts) == 1 and scripts[0].has_attr("defer")
            assert scripts[0]["src"] == "../../assets/vendor/plotly-basic-4.1.1.min.js"
        else:
            assert scripts == []
    assert not [s for s in page(built_site, "").find_all("script", src=True) if "plotly" in s["src"]]
    vendored = list(built_site.rglob("plotly*.js"))
    assert [path.name for path in vendored] == ["plotly-basic-4.1.1.min.js"]


def test_police_figures_carry_their_attribution_source_and_vintage(built_site: Path) -> None:
    attribution = ("Contains data from the Metropolitan Police Service via the London Datastore, "
                   "licensed under the Open Government Licence v3.0.")
    body = article(built_site, "indicators/residential-burglary-rate/")
    text = " ".join(body.get_text(" ").split())
    assert attribution in text
    latest = latest_home_observation("residential-burglary-rate", rolling=True)
    assert latest is not None and latest["vintage"] in text
    layout = chart_json(body, "residential-burglary-rate")["layout"]
    assert isinstance(layout, dict)
    assert "Definition changed" in [note["text"] for note in layout["annotations"]]
    assert body.find(id="breaks-in-series") is not None


def test_measure_pages_offer_downloads_and_a_citation(built_site: Path) -> None:
    release = max(r["date"] for r in rows("releases"))
    body = article(built_site, "indicators/total-offences-rate/")
    links = {a["href"] for a in body.find_all("a", href=True)}
    assert "../../data/indicators/total-offences-rate.csv" in links
    assert "../../api/indicators/total-offences-rate.json" in links
    cite = body.select_one(".ss-cite")
    assert cite is not None
    cite_text = cite.get_text(" ")
    assert "https://safer-sutton.github.io/performance/indicators/total-offences-rate/" in cite_text
    year, month, day = (int(part) for part in release.split("-"))
    assert f"{day} " in cite_text and str(year) in cite_text


def test_home_page_shows_counts_priorities_and_release_date(built_site: Path) -> None:
    body = article(built_site, "")
    text = " ".join(body.get_text(" ").split())
    assert re.search(r"Figures last updated \d{1,2} [A-Z][a-z]+ \d{4}", text)
    counts = [int(strong.get_text()) for strong in body.select("#how-the-measures-are-doing + ul strong")]
    assert sum(counts) == len(INDICATORS)
    cards = body.select("ul.ss-cards > li.ss-card")
    assert len(cards) == len(PRIORITIES)


def test_overview_lists_every_measure_grouped_by_priority(built_site: Path) -> None:
    body = article(built_site, "overview/")
    groups = body.select("#overview-table tbody")
    assert len(groups) == len(PRIORITIES)
    names = [a.get_text() for a in body.select("#overview-table tbody th[scope=row] a")]
    assert names == [i["title"] for i in sorted(INDICATORS, key=lambda i: (int(i["priority"]), int(i["order"])))]


def test_menu_is_short_and_lists_no_measure_pages(built_site: Path) -> None:
    soup = page(built_site, "overview/")
    menu = soup.select_one("nav.md-nav--primary")
    assert menu is not None
    links = [a["href"] for a in menu.find_all("a", href=True)]
    assert not [link for link in links if "indicators/" in link]
    assert len(links) < 30


def test_about_page_states_the_code_of_practice_position(built_site: Path) -> None:
    text = " ".join(article(built_site, "about/").get_text(" ").split())
    assert ("voluntarily applies the Code of Practice for Statistics' principles of "
            "trustworthiness, quality and value") in text
    assert "not official statistics" in text
    for marker in ("[c]", "[x]", "[z]", "[p]", "[r]", "[b]"):
        assert marker in text


def test_methodology_page_lists_the_rules_the_code_applies(built_site: Path) -> None:
    from generator.figures.compute import methodology
    from generator.figures.disclosure import DISCLOSURE_RULES

    text = " ".join(article(built_site, "about/methodology/").get_text(" ").split())
    home = next(row["name"] for row in rows("areas") if row["is_home"] == "true")
    for rule in (*methodology(home), *DISCLOSURE_RULES):
        assert " ".join(rule.split()) in text


def test_releases_page_lists_every_release_newest_first(built_site: Path) -> None:
    body = article(built_site, "releases/")
    anchors = [section["id"] for section in body.select("section.ss-release h2")]
    expected = [f"release-{r['date']}" for r in sorted(rows("releases"), key=lambda r: r["date"], reverse=True)]
    assert anchors == expected


def test_accessibility_statement_follows_the_model_structure(built_site: Path) -> None:
    body = article(built_site, "about/accessibility/")
    headings = [h.get_text(strip=True) for h in body.find_all(["h2", "h3"])]
    for heading in ("How accessible this website is", "Feedback and contact information",
                    "Reporting accessibility problems with this website", "Enforcement procedure",
                    "Technical information about this website's accessibility", "Compliance status",
                    "Preparation of this accessibility statement"):
        assert heading in headings
    text = body.get_text(" ")
    assert "WCAG" in text or "Web Content Accessibility Guidelines" in text
    assert "Safer Sutton Partnership Service, London Borough of Sutton" in text
    assert "@" not in text  # no invented email address


def test_content_pages_link_to_their_markdown_and_measure_pages_to_their_data(built_site: Path) -> None:
    soup = page(built_site, "overview/")
    edit = soup.select_one("a[rel=edit]")
    assert edit is not None
    assert edit["href"] == "https://github.com/safer-sutton/performance/edit/main/content/overview.md"
    measure = page(built_site, "indicators/total-offences-rate/")
    assert measure.select_one("a[rel=edit]") is None
    hrefs = {a["href"] for a in measure.find_all("a", href=True)}
    assert "https://github.com/safer-sutton/performance/blob/main/data/observations.csv" in hrefs


def test_no_page_requests_anything_from_another_host(built_site: Path) -> None:
    # Links to other sites are fine; anything the browser fetches by itself must be local.
    fetched = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
               "video": "src", "link": "href"}
    for path in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for name, attribute in fetched.items():
            for element in soup.find_all(name):
                if name == "link" and set(element.get("rel", [])) & {"canonical", "prev", "next"}:
                    continue
                value = element.get(attribute)
                assert not (isinstance(value, str) and re.match(r"^(https?:)?//", value)), (path, value)
        assert "fonts.googleapis" not in str(soup) and "fonts.gstatic" not in str(soup)
        # Material fetches star counts from api.github.com for this component.
        assert soup.select_one("[data-md-component=source]") is None, path


def test_search_dialog_is_named(built_site: Path) -> None:
    dialog = page(built_site, "").select_one(".md-search[role=dialog]")
    assert dialog is not None and dialog.get("aria-label") == "Search"
