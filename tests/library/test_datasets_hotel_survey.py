"""The hotel guest survey: reproducible, checked, and showing what lesson 06 needs."""

import pandas as pd
import pytest

import crmlib as crm
from crmlib import datasets

ATTRIBUTES = list(crm.datasets.HOTEL_SURVEY_ATTRIBUTES)


@pytest.fixture(scope="module")
def survey():
    return crm.datasets.load_hotel_survey()


def test_shipped_file_is_the_generator_output(survey):
    pd.testing.assert_frame_equal(survey, crm.datasets.make_hotel_survey())


def test_save_writes_the_shipped_bytes(tmp_path):
    digest = crm.datasets.save_hotel_survey(tmp_path / "survey.csv")
    assert digest == crm.datasets.CHECKSUMS["hotel_survey.csv"]


def test_columns_and_scales(survey):
    assert len(survey) == 1000 and survey["respondent_id"].is_unique
    ratings = survey[[f"{kind}_{a}" for kind in ("expectation", "perception")
                      for a in ATTRIBUTES] + ["overall_satisfaction"]]
    assert ratings.isin(range(1, 8)).all().all()
    assert survey["likelihood_to_recommend"].between(0, 10).all()
    assert set(survey["segment"]) == {"business", "leisure"}
    assert set(survey["complaint_outcome"]) == set(crm.datasets.COMPLAINT_OUTCOMES)
    assert survey["returned_12m"].dtype == bool


def test_parts_are_attribute_tables(survey):
    perceived = crm.datasets.load_hotel_survey("perception")
    expected = crm.datasets.load_hotel_survey("expectation")
    assert list(perceived.columns) == ATTRIBUTES == list(expected.columns)
    assert perceived.index.name == "respondent_id" and perceived.index.equals(expected.index)
    assert perceived["staff"].tolist() == survey["perception_staff"].tolist()


def test_about_80_percent_come_back(survey):
    # the course's hotel exercise: churn 20% a year (course project 001)
    assert survey["returned_12m"].mean() == pytest.approx(0.80, abs=0.03)


def test_recovered_complainers_come_back_about_70_percent(survey):
    # course slides: with a good remedy 70% of dissatisfied customers keep buying
    rates = survey.groupby("complaint_outcome")["returned_12m"].mean()
    assert rates["complained, recovered"] == pytest.approx(0.70, abs=0.05)
    assert rates["complained, not recovered"] < rates["did not complain"] \
        < rates["complained, recovered"] < rates["no problem"]


def test_satisfied_guests_still_defect(survey):
    # Jones & Sasser (1995): loyalty rises steeply at the top of the scale, and many defectors
    # were satisfied
    table = crm.retention_by_satisfaction(survey["overall_satisfaction"], survey["returned_12m"])
    assert table["retention_rate"].is_monotonic_increasing
    assert table.loc[7, "retention_rate"] > 0.9
    assert table.loc[[5, 6], "share_of_lost"].sum() > 0.4


def test_importance_performance_map_fills_every_quadrant(survey):
    ipa = crm.importance_performance(crm.datasets.load_hotel_survey("perception"),
                                     survey["overall_satisfaction"].to_numpy())
    assert ipa["quadrant"].to_dict() == {
        "room": "possible overkill", "reliability": "concentrate here",
        "staff": "keep up the good work", "booking": "low priority",
        "feeling_valued": "keep up the good work", "value_for_money": "low priority"}


def test_reliability_falls_shortest_of_expectations(survey):
    gap = crm.satisfaction_gap(crm.datasets.load_hotel_survey("perception"),
                               crm.datasets.load_hotel_survey("expectation"))
    means = gap.mean()
    assert means.idxmin() == "reliability" and means["reliability"] < -1
    # business travellers expect more reliability, so their gap is wider
    by_segment = gap["reliability"].groupby(survey["segment"].to_numpy()).mean()
    assert by_segment["business"] < by_segment["leisure"]


def test_nps_is_moderately_positive(survey):
    assert 10 < crm.net_promoter_score(survey["likelihood_to_recommend"]) < 40


def test_figures_hold_roughly_for_other_seeds():
    for seed in (1, 2):
        other = crm.datasets.make_hotel_survey(seed=seed)
        assert other["returned_12m"].mean() == pytest.approx(0.78, abs=0.05)
        assert 0 < crm.net_promoter_score(other["likelihood_to_recommend"]) < 50


def test_bad_part_is_reported():
    with pytest.raises(ValueError, match="part must be one of 'all', 'expectation'"):
        crm.datasets.load_hotel_survey("gap")


def test_damaged_survey_file_is_reported(fake_data_folder):
    (fake_data_folder / "hotel_survey.csv").write_text("respondent_id\n1\n")
    with pytest.raises(datasets.DatasetError, match="damaged or was edited"):
        datasets.load_hotel_survey()


def test_load_returns_a_fresh_copy(survey):
    survey.loc[0, "overall_satisfaction"] = -1
    assert crm.datasets.load_hotel_survey().loc[0, "overall_satisfaction"] != -1
