"""Chart specs: plain plotly figure dicts that say their message and never rely on colour alone."""

from __future__ import annotations

import json

import pytest

from generator.figures.results import AreaFigures, IndicatorFigures, Status
from generator.package.model import (
    Area,
    Frequency,
    Indicator,
    Marker,
    Observation,
    Polarity,
    SeriesBreak,
    Target,
    Unit,
)
from generator.package.periods import parse_period
from generator.present.charts import (
    CHART_CONFIG,
    MINIMAL_TEMPLATE,
    chart_spec,
    short_name,
    to_script_json,
    wrap_title,
)

SUTTON = Area("sutton", "Sutton", None, "borough", True)
LONDON = Area("london", "London (Metropolitan Police area)", None, "police_force_area", False)


def indicator(*, target: Target | None = None, unit: Unit = Unit.RATE_PER_1000) -> Indicator:
    return Indicator(
        id="burglary", priority=2, order=1, title="Burglary", outcome="", measure="m", unit=unit,
        polarity=Polarity.LOWER_IS_BETTER, target=target, strategy_figure=None,
        frequency=Frequency.ANNUAL, breakdowns=(), source="s", publisher="p", licence="l",
        owner="o", definition="d", method="m", sensitive=False, disclosure_max_count=4,
        decimals=1,
    )


def series(area: Area, values: dict[str, float | None]) -> AreaFigures:
    observations = tuple(
        Observation("burglary", area.id, parse_period(code), "all", value,
                    None if value is not None else Marker.SUPPRESSED, None, None, "v1", "")
        for code, value in values.items()
    )
    latest = next((obs for obs in reversed(observations) if obs.value is not None), None)
    return AreaFigures(area, observations, latest)


def figures(
    home: dict[str, float | None],
    london: dict[str, float | None] | None = None,
    *,
    target: Target | None = None,
    breaks: tuple[SeriesBreak, ...] = (),
    unit: Unit = Unit.RATE_PER_1000,
) -> IndicatorFigures:
    comparators = (series(LONDON, london),) if london else ()
    return IndicatorFigures(
        indicator(target=target, unit=unit), series(SUTTON, home), comparators, (), None,
        Status.NO_JUDGEMENT, "Burglary: 2.9 per 1,000 residents in 2023/24", breaks,
    )


def test_lines_differ_in_dash_and_marker_not_only_colour() -> None:
    spec = chart_spec(figures({"2022/23": 3.6, "2023/24": 2.9}, {"2022/23": 4.1, "2023/24": 4.3}),
                      message="m", value_label="per 1,000 residents")
    assert spec is not None
    home, london = spec["data"]
    assert home["name"] == "Sutton" and london["name"] == LONDON.name
    assert home["line"]["dash"] != london["line"]["dash"]
    assert home["marker"]["symbol"] != london["marker"]["symbol"]


def test_each_line_is_labelled_at_its_end() -> None:
    spec = chart_spec(figures({"2022/23": 3.6, "2023/24": 2.9}, {"2022/23": 4.1, "2023/24": None}),
                      message="m", value_label="v")
    assert spec is not None
    labels = {a["text"]: a for a in spec["layout"]["annotations"]}
    assert labels["Sutton"]["x"] == "2023/24"
    # London's last published value is 2022/23; its label sits at that point, not after a gap.
    assert labels["London"]["x"] == "2022/23"
    # Direct labels replace the legend.
    assert spec["layout"]["template"]["layout"]["showlegend"] is False


def test_close_end_labels_are_pushed_apart() -> None:
    spec = chart_spec(figures({"2023/24": 4.0}, {"2023/24": 4.1}), message="m", value_label="v")
    assert spec is not None
    ys = sorted(a["y"] for a in spec["layout"]["annotations"])
    assert ys[1] - ys[0] >= 0.09 * 4.1 - 1e-9


def test_target_is_a_labelled_dashed_line() -> None:
    spec = chart_spec(figures({"2023/24": 2.9}, target=Target(2.5, "target 2.5", None)),
                      message="m", value_label="v")
    assert spec is not None
    [line] = [s for s in spec["layout"]["shapes"] if s["yref"] == "y"]
    assert line["y0"] == line["y1"] == 2.5 and line["line"]["dash"] == "dash"
    assert any(a["text"] == "Target" for a in spec["layout"]["annotations"])


def test_break_in_series_is_a_dotted_line_marked_definition_changed() -> None:
    spec = chart_spec(
        figures({"2022/23": 3.6, "2023/24": 2.9}, breaks=(SeriesBreak("burglary", "2023/24", "x"),)),
        message="m", value_label="v",
    )
    assert spec is not None
    [line] = [s for s in spec["layout"]["shapes"] if s["xref"] == "x"]
    assert line["x0"] == line["x1"] == 0.5 and line["line"]["dash"] == "dot"
    assert any(a["text"] == "Definition changed" for a in spec["layout"]["annotations"])


def test_static_no_drag_no_mode_bar_and_no_plotly_default_template() -> None:
    spec = chart_spec(figures({"2023/24": 2.9}), message="m", value_label="v")
    assert spec is not None
    assert spec["config"] == CHART_CONFIG
    assert spec["config"]["displayModeBar"] is False and spec["config"]["responsive"] is True
    assert spec["layout"]["dragmode"] is False
    template = spec["layout"]["template"]
    assert set(template) == {"layout"} and "data" not in template
    assert len(json.dumps(spec)) < 4000


def test_values_are_rounded_as_the_table_shows_them_and_gaps_stay_gaps() -> None:
    spec = chart_spec(figures({"2020/21": 2.25, "2021/22": 3.04999, "2022/23": None, "2023/24": 2.96}),
                      message="m", value_label="v")
    assert spec is not None
    # Half up, as the table rounds: 2.25 shows as 2.3 in both.
    assert spec["data"][0]["y"] == [2.3, 3.0, None, 3.0]
    assert spec["data"][0]["connectgaps"] is False


def test_no_chart_without_a_published_home_value() -> None:
    assert chart_spec(figures({"2023/24": None}), message="m", value_label="v") is None


def test_percentages_get_a_percent_axis() -> None:
    spec = chart_spec(figures({"2023/24": 25.3}, unit=Unit.PERCENTAGE), message="m", value_label="v")
    assert spec is not None
    assert spec["layout"]["yaxis"]["ticksuffix"] == "%"


def test_title_states_the_message_wrapped_for_a_phone() -> None:
    message = "Burglary: 2.9 per 1,000 residents in 2023/24, down from 3.6 in 2022/23"
    spec = chart_spec(figures({"2023/24": 2.9}), message=message, value_label="v")
    assert spec is not None
    title = spec["layout"]["title"]["text"]
    assert title.replace("<br>", " ") == message
    assert all(len(line) <= 32 for line in wrap_title(message).split("<br>"))


def test_script_json_cannot_close_its_script_element() -> None:
    text = to_script_json({"title": "</script><script>alert(1)</script> & <!--"})
    assert "</script" not in text and "<!--" not in text and "&" not in text
    assert json.loads(text)["title"].startswith("</script>")


@pytest.mark.parametrize(("name", "short"), [("London (Metropolitan Police area)", "London"),
                                              ("Sutton", "Sutton")])
def test_short_names_drop_the_bracketed_qualifier(name: str, short: str) -> None:
    assert short_name(name) == short


def test_a_figure_is_plain_data_without_plotlys_default_template() -> None:
    # Plain dicts in plotly's schema: no plotly objects (2-5 ms each to build, benchmarks show)
    # and no default template (about 6 KB of JSON a chart); the minimal one travels inside.
    data = figures({f"{year}/{(year + 1) % 100:02d}": 3.0 + year % 3 for year in range(2010, 2024)},
                   {f"{year}/{(year + 1) % 100:02d}": 4.0 for year in range(2010, 2024)})
    spec = chart_spec(data, message="m", value_label="v")
    assert spec is not None
    # JSON's own types all the way down: a plotly object would not survive the round trip.
    assert json.loads(to_script_json(spec)) == spec
    assert spec["layout"]["template"] == MINIMAL_TEMPLATE
    assert len(to_script_json(spec)) < 4000


def contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("background", ["#ffffff", "#1e2029"])  # Material's light and slate pages
def test_line_colours_reach_3_to_1_on_both_colour_schemes(background: str) -> None:
    from generator.present.charts import BREAK_COLOUR, COMPARATOR_STYLES, HOME_STYLE, TARGET_COLOUR

    colours = [HOME_STYLE.colour, *(style.colour for style in COMPARATOR_STYLES), TARGET_COLOUR,
               BREAK_COLOUR]
    assert all(contrast(colour, background) >= 3 for colour in colours)
