"""Latest figure, change, status and summary follow the rules the methodology page states."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.figures.compute import (
    METHODOLOGY,
    compute_figures,
    methodology,
    previous_period_code,
)
from generator.figures.disclosure import apply_disclosure
from generator.figures.results import IndicatorFigures, Status
from generator.package.model import Indicator, Marker, Observation, Polarity, SeriesBreak, Unit
from generator.package.periods import parse_period
from tests.builders import (
    CROYDON,
    HOME,
    LONDON,
    count_indicator,
    indicator,
    obs,
    package,
    percentage_indicator,
    target,
)

BURGLARY = indicator()


def figures_for(
    ind: Indicator, *observations: Observation, breaks: tuple[SeriesBreak, ...] = ()
) -> IndicatorFigures:
    """Return the computed figures of one indicator in a package built from the arguments."""
    return compute_figures(package((ind,), observations, series_breaks=breaks))[ind.id]


def two_years(ind: Indicator, before: float, after: float) -> IndicatorFigures:
    """Return figures for 2022/23 then 2023/24."""
    return figures_for(ind, obs(ind.id, "2022/23", before), obs(ind.id, "2023/24", after))


# ---- series, latest, comparators, breakdowns ----------------------------------------------


def test_keys_are_indicator_ids_in_indicator_order() -> None:
    first, second = indicator("b-first", order=1), indicator("a-second", order=2)
    result = compute_figures(package((first, second), ()))
    assert list(result) == ["b-first", "a-second"]


def test_series_is_oldest_first_and_latest_is_most_recent() -> None:
    result = figures_for(
        BURGLARY, obs(BURGLARY.id, "2023/24", 2.9), obs(BURGLARY.id, "2021/22", 4.0),
        obs(BURGLARY.id, "2022/23", 3.6),
    )
    assert [o.period.code for o in result.home.series] == ["2021/22", "2022/23", "2023/24"]
    assert result.latest is not None and result.latest.value == 2.9


def test_latest_skips_a_withheld_later_period() -> None:
    idva = count_indicator()
    controlled = apply_disclosure(
        package((idva,), (obs(idva.id, "2022/23", 30), obs(idva.id, "2023/24", 3)))
    )
    result = compute_figures(controlled)[idva.id]
    assert result.latest is not None and result.latest.period.code == "2022/23"
    assert [o.period.code for o in result.home.series] == ["2022/23", "2023/24"]
    assert "the figure for 2023/24 is withheld to protect privacy" in result.summary
    assert result.has_figures


def test_latest_skips_a_not_available_later_period() -> None:
    result = figures_for(
        BURGLARY, obs(BURGLARY.id, "2022/23", 3.6),
        obs(BURGLARY.id, "2023/24", None, marker=Marker.NOT_AVAILABLE),
    )
    assert result.latest is not None and result.latest.period.code == "2022/23"
    assert "the figure for 2023/24 is not available" in result.summary


def test_comparators_are_other_areas_with_figures_in_area_order() -> None:
    result = figures_for(
        BURGLARY,
        obs(BURGLARY.id, "2023/24", 2.9),
        obs(BURGLARY.id, "2023/24", 5.0, area=LONDON.id),
        obs(BURGLARY.id, "2023/24", 4.1, area=CROYDON.id),
    )
    assert result.home.area == HOME
    assert [c.area for c in result.comparators] == [CROYDON, LONDON]
    assert result.comparators[0].latest is not None
    assert result.comparators[0].latest.value == 4.1


def test_area_with_only_breakdowns_is_not_a_comparator() -> None:
    result = figures_for(
        BURGLARY, obs(BURGLARY.id, "2023/24", 2.9),
        obs(BURGLARY.id, "2023/24", 4.1, area=CROYDON.id, breakdown="gender=male"),
    )
    assert result.comparators == ()


def test_breakdowns_are_home_only_latest_period_first_then_by_name() -> None:
    idva = count_indicator()
    result = figures_for(
        idva,
        obs(idva.id, "2022/23", 20, breakdown="risk_level=high"),
        obs(idva.id, "2023/24", 30, breakdown="risk_level=standard"),
        obs(idva.id, "2023/24", 25, breakdown="risk_level=high"),
        obs(idva.id, "2023/24", 99, area=CROYDON.id, breakdown="risk_level=high"),
        obs(idva.id, "2023/24", 55),
    )
    assert [(o.period.code, o.breakdown) for o in result.breakdowns] == [
        ("2023/24", "risk_level=high"),
        ("2023/24", "risk_level=standard"),
        ("2022/23", "risk_level=high"),
    ]


# ---- change ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "previous"),
    [("2023/24", "2022/23"), ("2000/01", "1999/00"), ("2023", "2022"), ("2023-Q3", "2023-Q2"),
     ("2023-Q1", "2022-Q4"), ("2023-05", "2023-04"), ("2023-01", "2022-12"),
     ("2025-07/2026-06", "2024-07/2025-06"), ("2025-01/2025-12", "2024-01/2024-12")],
)
def test_previous_period_is_the_one_just_before_of_the_same_kind(code: str, previous: str) -> None:
    assert previous_period_code(parse_period(code)) == previous
    parse_period(previous)  # and it is itself a valid code


def test_change_is_against_the_period_just_before() -> None:
    change = two_years(BURGLARY, 3.6, 2.9).change
    assert change is not None
    assert change.previous.period.code == "2022/23"
    assert change.absolute == -0.7  # without float noise
    assert change.percent == pytest.approx(-19.444, abs=0.001)
    assert change.direction == "down"
    assert change.better is True
    assert change.comparable is True


def test_no_change_when_the_period_just_before_is_missing() -> None:
    result = figures_for(BURGLARY, obs(BURGLARY.id, "2021/22", 3.6), obs(BURGLARY.id, "2023/24", 2.9))
    assert result.change is None
    assert result.status is Status.NO_JUDGEMENT


def test_no_change_against_a_withheld_period() -> None:
    idva = count_indicator(polarity=Polarity.HIGHER_IS_BETTER)
    controlled = apply_disclosure(
        package((idva,), (obs(idva.id, "2022/23", 2), obs(idva.id, "2023/24", 30)))
    )
    assert compute_figures(controlled)[idva.id].change is None


def test_percent_is_none_when_previous_is_zero() -> None:
    change = two_years(count_indicator(), 0, 7).change
    assert change is not None
    assert change.percent is None
    assert change.absolute == 7
    assert change.direction == "up"


def test_same_value_is_direction_same_and_no_better() -> None:
    change = two_years(BURGLARY, 2.9, 2.9).change
    assert change is not None
    assert (change.direction, change.better, change.percent) == ("same", None, 0)


def test_break_between_the_two_periods_makes_them_not_comparable() -> None:
    result = figures_for(
        BURGLARY, obs(BURGLARY.id, "2022/23", 3.6), obs(BURGLARY.id, "2023/24", 2.9),
        breaks=(SeriesBreak(BURGLARY.id, "2023/24", "The police changed the definition."),),
    )
    assert result.change is not None and result.change.comparable is False
    assert result.status is Status.NO_JUDGEMENT
    assert len(result.breaks) == 1


@pytest.mark.parametrize("break_period", ["2022/23", "2021/22", "2024/25"])
def test_break_outside_the_two_periods_leaves_them_comparable(break_period: str) -> None:
    result = figures_for(
        BURGLARY, obs(BURGLARY.id, "2022/23", 3.6), obs(BURGLARY.id, "2023/24", 2.9),
        breaks=(SeriesBreak(BURGLARY.id, break_period, "Changed."),),
    )
    assert result.change is not None and result.change.comparable is True


def test_monthly_break_inside_the_earlier_year_makes_years_not_comparable() -> None:
    result = figures_for(
        BURGLARY, obs(BURGLARY.id, "2022/23", 3.6), obs(BURGLARY.id, "2023/24", 2.9),
        breaks=(SeriesBreak(BURGLARY.id, "2022-10", "Changed mid-year."),),
    )
    assert result.change is not None and result.change.comparable is False


def test_break_for_another_indicator_is_ignored() -> None:
    result = figures_for(
        BURGLARY, obs(BURGLARY.id, "2022/23", 3.6), obs(BURGLARY.id, "2023/24", 2.9),
        breaks=(SeriesBreak("another", "2023/24", "Changed."),),
    )
    assert result.change is not None and result.change.comparable is True


# ---- status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "before", "after", "status"),
    [
        (Polarity.LOWER_IS_BETTER, 3.6, 2.9, Status.IMPROVING),
        (Polarity.LOWER_IS_BETTER, 2.9, 3.6, Status.WORSENING),
        (Polarity.HIGHER_IS_BETTER, 2.9, 3.6, Status.IMPROVING),
        (Polarity.HIGHER_IS_BETTER, 3.6, 2.9, Status.WORSENING),
        (Polarity.NO_JUDGEMENT, 3.6, 2.9, Status.NO_JUDGEMENT),
        (Polarity.LOWER_IS_BETTER, 100, 101.9, Status.LITTLE_CHANGE),  # 1.9%
        (Polarity.LOWER_IS_BETTER, 100, 98.1, Status.LITTLE_CHANGE),
        (Polarity.LOWER_IS_BETTER, 100, 102, Status.WORSENING),  # 2% is not little
        (Polarity.HIGHER_IS_BETTER, 2.9, 2.9, Status.LITTLE_CHANGE),
        (Polarity.HIGHER_IS_BETTER, 0, 5, Status.IMPROVING),  # no percent, still a change
    ],
)
def test_status_by_change(polarity: Polarity, before: float, after: float, status: Status) -> None:
    assert two_years(indicator(polarity=polarity), before, after).status is status


def test_status_no_data_without_figures() -> None:
    assert figures_for(BURGLARY).status is Status.NO_DATA


def test_status_no_data_when_every_figure_is_withheld() -> None:
    idva = count_indicator()
    controlled = apply_disclosure(package((idva,), (obs(idva.id, "2023/24", 2),)))
    result = compute_figures(controlled)[idva.id]
    assert result.status is Status.NO_DATA
    assert result.summary == "IDVA referrals: every figure published so far is withheld to protect privacy."


@pytest.mark.parametrize(
    ("polarity", "value", "status"),
    [
        (Polarity.LOWER_IS_BETTER, 25.3, Status.TARGET_MET),
        (Polarity.LOWER_IS_BETTER, 24.0, Status.TARGET_MET),
        (Polarity.LOWER_IS_BETTER, 27.1, Status.TARGET_NOT_MET),
        (Polarity.HIGHER_IS_BETTER, 25.3, Status.TARGET_MET),
        (Polarity.HIGHER_IS_BETTER, 27.1, Status.TARGET_MET),
        (Polarity.HIGHER_IS_BETTER, 24.0, Status.TARGET_NOT_MET),
    ],
)
def test_target_without_period_judges_latest(polarity: Polarity, value: float, status: Status) -> None:
    marac = percentage_indicator(polarity=polarity)
    assert figures_for(marac, obs(marac.id, "2024-Q2", value)).status is status


def test_target_for_the_latest_period_is_judged() -> None:
    hate = count_indicator(
        "hate-crime-reports", polarity=Polarity.HIGHER_IS_BETTER,
        target=target(230, "2017/18 target 230 crimes", "2017/18"),
    )
    result = figures_for(hate, obs(hate.id, "2016/17", 150), obs(hate.id, "2017/18", 240))
    assert result.status is Status.TARGET_MET


def test_target_for_another_period_falls_back_to_change() -> None:
    hate = count_indicator(
        "hate-crime-reports", polarity=Polarity.HIGHER_IS_BETTER,
        target=target(230, "2017/18 target 230 crimes", "2017/18"),
    )
    result = figures_for(hate, obs(hate.id, "2022/23", 150), obs(hate.id, "2023/24", 240))
    assert result.status is Status.IMPROVING


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        ("at least 200 referrals", 210, Status.TARGET_MET),
        ("at least 200 referrals", 190, Status.TARGET_NOT_MET),
        ("no more than 200 referrals", 190, Status.TARGET_MET),
        ("200 referrals", 210, Status.NO_JUDGEMENT),
    ],
)
def test_target_without_polarity_is_judged_only_if_its_wording_says_how(
    text: str, value: float, status: Status
) -> None:
    idva = count_indicator(target=target(200, text))
    assert figures_for(idva, obs(idva.id, "2023/24", value)).status is status


# ---- summary sentences ----------------------------------------------------------------------


def test_summary_for_a_rate_going_down() -> None:
    assert two_years(BURGLARY, 3.6, 2.93).summary == (
        "Residential burglary: 2.9 per 1,000 residents in 2023/24, down from 3.6 in 2022/23; "
        "lower is better."
    )


def test_summary_for_a_break_in_series() -> None:
    result = figures_for(
        BURGLARY, obs(BURGLARY.id, "2022/23", 3.6), obs(BURGLARY.id, "2023/24", 2.9),
        breaks=(SeriesBreak(BURGLARY.id, "2023/24", "The police changed the definition."),),
    )
    assert result.summary == (
        "Residential burglary: 2.9 per 1,000 residents in 2023/24, down from 3.6 in 2022/23; "
        "the definition changed in 2023/24, so the two years are not directly comparable; "
        "lower is better."
    )


def test_summary_for_a_quarterly_percentage_with_a_target() -> None:
    marac = percentage_indicator(polarity=Polarity.LOWER_IS_BETTER)
    result = figures_for(marac, obs(marac.id, "2024-Q1", 26.0), obs(marac.id, "2024-Q2", 27.1))
    assert result.summary == (
        "Repeat victims at MARAC: 27.1% in April to June 2024, up from 26.0% in January to "
        "March 2024; lower is better; target 25.3%, not met."
    )


def test_summary_for_a_monthly_count_with_no_judgement() -> None:
    calls = count_indicator("asb-calls", title="Anti-social behaviour calls to police")
    result = figures_for(calls, obs(calls.id, "2024-01", 1250), obs(calls.id, "2023-12", 1250))
    assert result.summary == (
        "Anti-social behaviour calls to police: 1,250 in January 2024, the same as 1,250 in "
        "December 2023."
    )


def test_summary_for_a_target_worded_without_the_word_target() -> None:
    reach = count_indicator(
        "awareness-campaign-reach", title="People reached by campaigns",
        polarity=Polarity.HIGHER_IS_BETTER, target=target(10_000, "10,000 people"),
    )
    result = figures_for(reach, obs(reach.id, "2023/24", 12_000))
    assert result.summary == (
        "People reached by campaigns: 12,000 in 2023/24; higher is better; target 10,000 "
        "people, met."
    )


def test_summary_for_a_difference_too_small_to_show() -> None:
    result = two_years(BURGLARY, 2.91, 2.93)
    assert "2.9 per 1,000 residents in 2023/24, about the same as 2.9 in 2022/23" in result.summary


def test_summary_for_a_provisional_figure() -> None:
    iom = indicator("iom", title="Offences per person in the IOM cohort", unit=Unit.PER_INDIVIDUAL)
    result = figures_for(iom, obs(iom.id, "2023/24", 1.4, marker=Marker.PROVISIONAL))
    assert result.summary.startswith(
        "Offences per person in the IOM cohort: 1.4 offences per individual (provisional) in 2023/24"
    )


def test_summary_without_figures() -> None:
    result = figures_for(BURGLARY)
    assert result.summary == "Residential burglary: no figures published yet."
    assert not result.has_figures


def test_methodology_is_plain_sentences_naming_the_home_area() -> None:
    rules = methodology("Testborough")
    assert len(rules) == len(METHODOLOGY) >= 6
    for sentence in rules:
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        assert "{" not in sentence, sentence
    assert rules[0].startswith("Each measure's page leads with Testborough's latest")


# ---- rolling 12 months and the measure's own frequency -------------------------------------


def test_the_newest_rolling_twelve_months_lead_against_the_twelve_months_before() -> None:
    result = figures_for(
        BURGLARY,
        obs(BURGLARY.id, "2024/25", 3.0),
        obs(BURGLARY.id, "2024-07/2025-06", 4.0),
        obs(BURGLARY.id, "2025-07/2026-06", 3.0),
        obs(BURGLARY.id, "2026-06", 0.3),
    )
    assert result.latest is not None and result.latest.period.code == "2025-07/2026-06"
    assert result.change is not None and result.change.previous.period.code == "2024-07/2025-06"
    assert result.change.percent == -25.0
    # The chart and table keep to the measure's frequency: financial years only.
    assert [o.period.code for o in result.home.series] == ["2024/25"]


def test_an_area_not_named_as_a_comparator_is_not_compared() -> None:
    other = replace(CROYDON, id="merton", name="Merton", comparator=False)
    result = compute_figures(package(
        (BURGLARY,),
        (obs(BURGLARY.id, "2023/24", 2.9), obs(BURGLARY.id, "2023/24", 4.1, area=other.id),
         obs(BURGLARY.id, "2023/24", 4.0, area=CROYDON.id)),
        areas=(HOME, CROYDON, other),
    ))[BURGLARY.id]
    assert [c.area.id for c in result.comparators] == [CROYDON.id]
