"""Each disclosure rule withholds what it should, and nothing it should not."""

from __future__ import annotations

from generator.figures.disclosure import (
    DISCLOSURE_RULES,
    SECONDARY_NOTE,
    apply_disclosure,
    primary_note,
    withhold_counts,
)
from generator.package.model import Indicator, Marker, Observation, Unit
from tests.builders import (
    count_indicator,
    indicator,
    obs,
    package,
    percentage_indicator,
    revision,
)

IDVA = count_indicator()


def controlled(
    *observations: Observation, indicators: tuple[Indicator, ...] = (IDVA,)
) -> dict[tuple[str, str], Observation]:
    """Return the controlled observations of a package, keyed by (period, breakdown)."""
    result = apply_disclosure(package(indicators, observations))
    return {(o.period.code, o.breakdown): o for o in result.observations}


def withheld(observation: Observation) -> bool:
    """Return True when an observation is published as [c] with no numbers."""
    return (
        observation.value is None
        and observation.numerator is None
        and observation.marker is Marker.SUPPRESSED
    )


# ---- primary: small counts ------------------------------------------------------------------


def test_small_count_is_withheld_with_marker_and_note() -> None:
    result = controlled(obs(IDVA.id, "2023/24", 3, note="From the case system."))
    cell = result[("2023/24", "all")]
    assert withheld(cell)
    assert cell.note == "From the case system. " + primary_note(4)
    assert primary_note(4) == "Suppressed to protect privacy: fewer than 5."


def test_counts_at_the_edges_of_the_threshold() -> None:
    result = controlled(
        obs(IDVA.id, "2020/21", 1), obs(IDVA.id, "2021/22", 4), obs(IDVA.id, "2022/23", 5),
        obs(IDVA.id, "2023/24", 0),
    )
    assert withheld(result[("2020/21", "all")])
    assert withheld(result[("2021/22", "all")])
    assert result[("2022/23", "all")].value == 5
    assert result[("2023/24", "all")].value == 0  # a true zero identifies nobody
    assert result[("2023/24", "all")].marker is None


def test_threshold_comes_from_the_indicator() -> None:
    strict = count_indicator(disclosure_max_count=9)
    result = controlled(obs(strict.id, "2023/24", 7), indicators=(strict,))
    assert withheld(result[("2023/24", "all")])
    assert result[("2023/24", "all")].note == "Suppressed to protect privacy: fewer than 10."


def test_threshold_zero_switches_the_rules_off() -> None:
    public = count_indicator(disclosure_max_count=0)
    result = controlled(obs(public.id, "2023/24", 2), indicators=(public,))
    assert result[("2023/24", "all")].value == 2


def test_threshold_zero_still_never_publishes_a_number_beside_c() -> None:
    public = count_indicator(disclosure_max_count=0)
    result = controlled(obs(public.id, "2023/24", 40, marker=Marker.SUPPRESSED), indicators=(public,))
    assert withheld(result[("2023/24", "all")])


def test_figures_with_nothing_small_behind_them_are_published_unchanged() -> None:
    rate = indicator()
    cells = (
        obs(IDVA.id, "2023/24", 40),
        obs(IDVA.id, "2022/23", 0),
        obs(IDVA.id, "2021/22", None),
        obs(rate.id, "2023/24", 0.4),  # a rate with no count behind it to work back
        obs(rate.id, "2022/23", None, denominator=2),  # no figure, but a small group: withheld
    )
    result = apply_disclosure(package((IDVA, rate), cells)).observations
    assert result[:4] == cells[:4]
    assert withheld(result[4]) and result[4].denominator is None


def test_rules_apply_to_measures_not_marked_sensitive() -> None:
    crimes = count_indicator("gun-crimes", sensitive=False)
    result = controlled(obs(crimes.id, "2023-04", 2), indicators=(crimes,))
    assert withheld(result[("2023-04", "all")])


def test_figure_already_marked_c_never_keeps_its_number() -> None:
    result = controlled(obs(IDVA.id, "2023/24", 40, marker=Marker.SUPPRESSED))
    assert withheld(result[("2023/24", "all")])


def test_original_note_that_repeats_the_withheld_number_is_dropped() -> None:
    result = controlled(obs(IDVA.id, "2023/24", 3, note="Includes 3 victims from housing."))
    assert result[("2023/24", "all")].note == primary_note(4)


def test_withheld_rows_keep_their_key_and_order() -> None:
    given = (obs(IDVA.id, "2022/23", 30), obs(IDVA.id, "2023/24", 2))
    result = apply_disclosure(package((IDVA,), given))
    assert [o.key for o in result.observations] == [o.key for o in given]


# ---- primary: counts behind rates and percentages ----------------------------------------


def test_rate_over_a_small_numerator_is_withheld() -> None:
    knife = indicator("knife-crime-rate", unit=Unit.RATE_PER_10000)
    result = controlled(
        obs(knife.id, "2023/24", 0.1, numerator=2, denominator=209_500), indicators=(knife,)
    )
    cell = result[("2023/24", "all")]
    assert withheld(cell)
    # The population is no secret and helps readers see the scale.
    assert cell.denominator == 209_500


def test_small_numerator_is_withheld_even_without_a_denominator() -> None:
    iom = indicator("iom-offences-per-individual", unit=Unit.PER_INDIVIDUAL, sensitive=True)
    result = controlled(obs(iom.id, "2023/24", 0.2, numerator=2), indicators=(iom,))
    assert withheld(result[("2023/24", "all")])


def test_rate_over_zero_or_a_large_numerator_is_published() -> None:
    knife = indicator("knife-crime-rate", unit=Unit.RATE_PER_10000)
    result = controlled(
        obs(knife.id, "2022/23", 0.0, numerator=0, denominator=209_500),
        obs(knife.id, "2023/24", 4.3, numerator=90, denominator=209_500),
        indicators=(knife,),
    )
    assert result[("2022/23", "all")].value == 0.0
    assert result[("2023/24", "all")].numerator == 90


def test_percentage_whose_count_can_be_worked_back_is_withheld() -> None:
    marac = percentage_indicator()
    # 1.0% of 300 is 3 people, though the numerator is not given.
    result = controlled(obs(marac.id, "2023-Q1", 1.0, denominator=300), indicators=(marac,))
    assert withheld(result[("2023-Q1", "all")])


def test_percentage_with_few_people_left_out_is_withheld() -> None:
    marac = percentage_indicator()
    result = controlled(
        obs(marac.id, "2023-Q1", 98.0, numerator=196, denominator=200), indicators=(marac,)
    )
    assert withheld(result[("2023-Q1", "all")])


def test_figure_over_a_small_group_is_withheld_with_its_group_size() -> None:
    iom = indicator("iom-offences-per-individual", unit=Unit.PER_INDIVIDUAL, sensitive=True)
    result = controlled(
        obs(iom.id, "2023/24", 4.0, numerator=12, denominator=3), indicators=(iom,)
    )
    cell = result[("2023/24", "all")]
    assert withheld(cell)
    assert cell.denominator is None


# ---- secondary: recovery by subtraction ----------------------------------------------------


def test_single_withheld_cell_forces_its_partner() -> None:
    result = controlled(
        obs(IDVA.id, "2023/24", 1017),
        obs(IDVA.id, "2023/24", 3, breakdown="gender=female"),
        obs(IDVA.id, "2023/24", 1014, breakdown="gender=male"),
    )
    assert withheld(result[("2023/24", "gender=female")])
    male = result[("2023/24", "gender=male")]
    assert withheld(male)
    assert male.note == SECONDARY_NOTE
    assert result[("2023/24", "all")].value == 1017


def test_cell_the_editor_already_marked_c_is_protected_too() -> None:
    result = controlled(
        obs(IDVA.id, "2023/24", 61),
        obs(IDVA.id, "2023/24", None, breakdown="gender=female", marker=Marker.SUPPRESSED),
        obs(IDVA.id, "2023/24", 58, breakdown="gender=male"),
    )
    assert withheld(result[("2023/24", "gender=male")])


def test_total_and_two_of_three_cells_published_withholds_the_next_smallest() -> None:
    result = controlled(
        obs(IDVA.id, "2023/24", 40),
        obs(IDVA.id, "2023/24", 3, breakdown="risk_level=high"),
        obs(IDVA.id, "2023/24", 12, breakdown="risk_level=medium"),
        obs(IDVA.id, "2023/24", 25, breakdown="risk_level=standard"),
    )
    assert withheld(result[("2023/24", "risk_level=high")])
    assert withheld(result[("2023/24", "risk_level=medium")])
    # high + medium = 15 can be worked out, but 15 identifies nobody: standard stays.
    assert result[("2023/24", "risk_level=standard")].value == 25


def test_withheld_cells_that_add_up_to_a_small_count_force_another() -> None:
    result = controlled(
        obs(IDVA.id, "2023/24", 60),
        obs(IDVA.id, "2023/24", 3, breakdown="referral_source=health"),
        obs(IDVA.id, "2023/24", 1, breakdown="referral_source=housing"),
        obs(IDVA.id, "2023/24", 6, breakdown="referral_source=other"),
        obs(IDVA.id, "2023/24", 50, breakdown="referral_source=police"),
    )
    # 60 - 6 - 50 = 4 would tell readers that health and housing referred 4 people between them.
    assert withheld(result[("2023/24", "referral_source=other")])
    assert result[("2023/24", "referral_source=police")].value == 50


def test_a_published_zero_is_not_used_to_protect_a_cell() -> None:
    result = controlled(
        obs(IDVA.id, "2023/24", 40),
        obs(IDVA.id, "2023/24", 3, breakdown="risk_level=high"),
        obs(IDVA.id, "2023/24", 0, breakdown="risk_level=medium"),
        obs(IDVA.id, "2023/24", 37, breakdown="risk_level=standard"),
    )
    # Withholding the zero would leave high = 40 - 37 - [0 or so]: still 3.
    assert result[("2023/24", "risk_level=medium")].value == 0
    assert withheld(result[("2023/24", "risk_level=standard")])


def test_each_dimension_is_checked_separately() -> None:
    result = controlled(
        obs(IDVA.id, "2023/24", 60),
        obs(IDVA.id, "2023/24", 2, breakdown="gender=female"),
        obs(IDVA.id, "2023/24", 58, breakdown="gender=male"),
        obs(IDVA.id, "2023/24", 30, breakdown="risk_level=high"),
        obs(IDVA.id, "2023/24", 30, breakdown="risk_level=standard"),
    )
    assert withheld(result[("2023/24", "gender=male")])
    assert result[("2023/24", "risk_level=high")].value == 30
    assert result[("2023/24", "risk_level=standard")].value == 30


def test_no_partner_needed_when_the_total_is_not_published() -> None:
    result = controlled(
        obs(IDVA.id, "2023/24", None, marker=Marker.NOT_AVAILABLE),
        obs(IDVA.id, "2023/24", 3, breakdown="gender=female"),
        obs(IDVA.id, "2023/24", 57, breakdown="gender=male"),
    )
    assert result[("2023/24", "gender=male")].value == 57


def test_a_total_added_up_from_another_breakdown_counts_as_published() -> None:
    result = controlled(
        obs(IDVA.id, "2023/24", None, marker=Marker.NOT_AVAILABLE),
        obs(IDVA.id, "2023/24", 30, breakdown="risk_level=high"),
        obs(IDVA.id, "2023/24", 30, breakdown="risk_level=standard"),
        obs(IDVA.id, "2023/24", 3, breakdown="gender=female"),
        obs(IDVA.id, "2023/24", 57, breakdown="gender=male"),
    )
    # 30 + 30 = 60 is the total, so 60 - 57 would give the withheld 3.
    assert withheld(result[("2023/24", "gender=male")])


def test_numerators_of_percentages_are_checked_by_subtraction() -> None:
    marac = percentage_indicator()
    result = controlled(
        obs(marac.id, "2023-Q1", 25.0, numerator=100, denominator=400),
        obs(marac.id, "2023-Q1", 1.5, numerator=3, denominator=200, breakdown="gender=female"),
        obs(marac.id, "2023-Q1", 48.5, numerator=97, denominator=200, breakdown="gender=male"),
        indicators=(marac,),
    )
    assert withheld(result[("2023-Q1", "gender=female")])
    assert withheld(result[("2023-Q1", "gender=male")])


def test_periods_are_not_added_together() -> None:
    result = controlled(
        obs(IDVA.id, "2022/23", 53),
        obs(IDVA.id, "2022/23", 3, breakdown="gender=female"),
        obs(IDVA.id, "2022/23", 50, breakdown="gender=male"),
        obs(IDVA.id, "2023/24", 60),
        obs(IDVA.id, "2023/24", 10, breakdown="gender=female"),
        obs(IDVA.id, "2023/24", 50, breakdown="gender=male"),
    )
    assert withheld(result[("2022/23", "gender=male")])
    assert result[("2023/24", "gender=female")].value == 10
    assert result[("2023/24", "gender=male")].value == 50


def test_areas_are_controlled_separately() -> None:
    given = (
        obs(IDVA.id, "2023/24", 53, area="croydon"),
        obs(IDVA.id, "2023/24", 3, area="croydon", breakdown="gender=female"),
        obs(IDVA.id, "2023/24", 50, area="croydon", breakdown="gender=male"),
        obs(IDVA.id, "2023/24", 60),
        obs(IDVA.id, "2023/24", 10, breakdown="gender=female"),
        obs(IDVA.id, "2023/24", 50, breakdown="gender=male"),
    )
    result = {(o.area, o.breakdown): o for o in apply_disclosure(package((IDVA,), given)).observations}
    assert withheld(result[("croydon", "gender=male")])
    assert result[("sutton", "gender=male")].value == 50


# ---- revisions ------------------------------------------------------------------------------


def test_small_previous_value_in_revision_log_is_blanked() -> None:
    result = apply_disclosure(
        package(
            (IDVA,),
            (obs(IDVA.id, "2023/24", 30),),
            revisions=(revision(IDVA.id, "2023/24", 3),),
        )
    )
    (entry,) = result.revisions
    assert entry.previous_value is None
    assert entry.previous_marker is Marker.SUPPRESSED


def test_previous_value_of_a_withheld_figure_is_blanked() -> None:
    result = apply_disclosure(
        package(
            (IDVA,),
            (obs(IDVA.id, "2023/24", 2),),
            revisions=(revision(IDVA.id, "2023/24", 20, previous_marker=Marker.PROVISIONAL),),
        )
    )
    (entry,) = result.revisions
    assert entry.previous_value is None
    assert entry.previous_marker is Marker.SUPPRESSED


def test_previous_percentage_over_a_small_count_is_blanked() -> None:
    marac = percentage_indicator()
    result = apply_disclosure(
        package(
            (marac,),
            (obs(marac.id, "2023-Q1", 10.0, numerator=30, denominator=300),),
            revisions=(revision(marac.id, "2023-Q1", 1.0),),  # 1% of 300 = 3 people
        )
    )
    assert result.revisions[0].previous_value is None


def test_ordinary_revision_is_kept() -> None:
    entry = revision(IDVA.id, "2023/24", 28, previous_marker=Marker.PROVISIONAL)
    result = apply_disclosure(
        package((IDVA,), (obs(IDVA.id, "2023/24", 30),), revisions=(entry,))
    )
    assert result.revisions == (entry,)


# ---- the whole -----------------------------------------------------------------------------


def test_applying_twice_changes_nothing_more() -> None:
    given = package(
        (IDVA,),
        (
            obs(IDVA.id, "2023/24", 40),
            obs(IDVA.id, "2023/24", 3, breakdown="risk_level=high"),
            obs(IDVA.id, "2023/24", 12, breakdown="risk_level=medium"),
            obs(IDVA.id, "2023/24", 25, breakdown="risk_level=standard"),
        ),
    )
    once = apply_disclosure(given)
    assert apply_disclosure(once) == once


def test_input_package_is_not_changed() -> None:
    given = package((IDVA,), (obs(IDVA.id, "2023/24", 3),))
    apply_disclosure(given)
    assert given.observations[0].value == 3


def test_rules_are_plain_sentences() -> None:
    assert len(DISCLOSURE_RULES) >= 8
    for rule in DISCLOSURE_RULES:
        assert rule[0].isupper() and rule.endswith("."), rule


# ---- the same rules for counts kept outside the observations (ward counts) ----------------


def test_counts_kept_outside_the_observations_are_withheld_exactly_as_the_site_would() -> None:
    # Ward counts are counts of a measure whose own unit is a rate, so withhold_counts applies
    # the count rule; a count indicator's observations must come out the same either way.
    cells = (
        obs(IDVA.id, "2023/24", 60, breakdown="all"),
        obs(IDVA.id, "2023/24", 3, breakdown="ward=a"),
        obs(IDVA.id, "2023/24", 0, breakdown="ward=b"),
        obs(IDVA.id, "2023/24", 9, breakdown="ward=c"),
        obs(IDVA.id, "2023/24", 48, breakdown="ward=d"),
    )
    by_site = controlled(*cells)
    by_wards = {(o.period.code, o.breakdown): o for o in withhold_counts(cells, 4)}
    assert by_wards == by_site
    assert withheld(by_wards[("2023/24", "ward=a")]) and withheld(by_wards[("2023/24", "ward=c")])
    assert by_wards[("2023/24", "ward=c")].note == SECONDARY_NOTE
    assert by_wards[("2023/24", "ward=b")].value == 0


def test_counts_of_a_rate_measure_are_judged_as_counts() -> None:
    rate = indicator()  # residential burglary: a rate per 1,000, whose rules look at numerators
    (cell,) = withhold_counts([obs(rate.id, "2023/24", 2)], 4)
    assert withheld(cell)
    (large,) = withhold_counts([obs(rate.id, "2023/24", 5)], 4)
    assert large.value == 5 and large.marker is None


def test_rates_written_outside_the_site_are_judged_by_their_own_unit() -> None:
    # A partnership's sexual offences per 10,000: a low rate over many offences is not small,
    # but a rate over three offences is.
    many = obs("sexual-offences-rate", "2024-07/2025-06", 2.5, numerator=400, denominator=1600000)
    few = obs("sexual-offences-rate", "2024-07/2025-06", 0.2, numerator=3, denominator=150000,
              area="elsewhere")
    kept, gone = withhold_counts([many, few], 4, Unit.RATE_PER_10000)
    assert kept.value == 2.5 and kept.marker is None
    assert withheld(gone)
