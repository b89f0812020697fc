"""The service unit's data sets: reproducible from their generators, checked, as documented."""

import hashlib

import pandas as pd
import pytest

import crmlib as crm
from crmlib import datasets
from crmlib.datasets import branch, servqual


@pytest.fixture(scope="module")
def week():
    return crm.datasets.load_branch_arrivals()


def _shipped(root, name):
    return (root / "datasets" / name).read_bytes()


def test_branch_file_is_the_generator_output(root, week):
    assert _shipped(root, "branch_arrivals.csv") == branch._branch_arrivals_csv().encode()
    pd.testing.assert_frame_equal(week, crm.datasets.make_branch_arrivals())


def test_servqual_file_is_the_generator_output(root):
    assert _shipped(root, "servqual_survey.csv") == servqual._servqual_csv().encode()
    survey = crm.datasets.make_servqual_survey()
    expectations = crm.datasets.load_servqual_survey("expectations")
    assert (expectations.to_numpy() == survey.filter(regex=r"^e\d\d$").to_numpy()).all()


@pytest.mark.parametrize("name", ["branch_arrivals.csv", "servqual_survey.csv"])
def test_checksums_match_the_datasheets(root, name):
    digest = hashlib.sha256(_shipped(root, name)).hexdigest()
    assert digest == crm.datasets.CHECKSUMS[name]
    sheet = name.removesuffix(".csv") + ".md"
    assert digest in (root / "datasets" / sheet).read_text(encoding="utf-8")


def test_branch_week_shape_and_opening_hours(week):
    assert list(week.columns) == ["start", "weekday", "arrivals", "service_minutes"]
    assert len(week) == 7 * 32
    assert week["start"].dt.hour.between(9, 16).all()
    assert set(week["start"].dt.minute) == {0, 15, 30, 45}
    assert week["start"].is_monotonic_increasing and week["start"].is_unique
    assert (week["weekday"] == week["start"].dt.day_name()).all()
    assert (week["arrivals"] >= 0).all()
    assert ((week["service_minutes"] > 0) == (week["arrivals"] > 0)).all()


def test_branch_week_figures_in_the_datasheet(week):
    # datasets/branch_arrivals.md: 1,202 customers, Friday 214, Sunday 102, busiest hour
    # Monday 13:00 with 38, mean service time 5.75 minutes
    assert week["arrivals"].sum() == 1202
    by_day = week.groupby("weekday")["arrivals"].sum()
    assert (by_day["Friday"], by_day["Sunday"]) == (214, 102)
    hourly = week.groupby([week["weekday"], week["start"].dt.hour])["arrivals"].sum()
    assert hourly.idxmax() == ("Monday", 13) and hourly.max() == 38
    minutes = week["service_minutes"].sum() / week["arrivals"].sum()
    assert minutes == pytest.approx(5.75, abs=0.005)


def test_branch_generator_follows_its_settings():
    # over many seeds the quarter-hour means approach the documented settings: Friday at noon
    # 32 × 1.25 / 4 = 10 customers, service time 6 minutes
    weeks = pd.concat([crm.datasets.make_branch_arrivals(seed=s) for s in range(40)])
    friday_noon = weeks[(weeks["weekday"] == "Friday") & (weeks["start"].dt.hour == 12)]
    assert friday_noon["arrivals"].mean() == pytest.approx(10, rel=0.08)
    minutes = weeks["service_minutes"].sum() / weeks["arrivals"].sum()
    assert minutes == pytest.approx(crm.datasets.BRANCH_MEAN_SERVICE_MINUTES, rel=0.03)


def test_servqual_parts_share_respondents_and_items():
    e = crm.datasets.load_servqual_survey("expectations")
    p = crm.datasets.load_servqual_survey("perceptions")
    w = crm.datasets.load_servqual_survey("importance")
    assert e.shape == p.shape == (200, 22)
    assert list(e.columns) == [i for items in crm.SERVQUAL_DIMENSIONS.values() for i in items]
    assert e.index.equals(p.index) and e.index.equals(w.index)
    assert e.index.name == "respondent_id"
    assert ((e >= 1) & (e <= 7)).all().all() and ((p >= 1) & (p <= 7)).all().all()
    assert list(w.columns) == list(crm.SERVQUAL_DIMENSIONS)
    assert (w.sum(axis=1) == 100).all() and (w >= 0).all().all()


def test_servqual_figures_in_the_datasheet():
    e = crm.datasets.load_servqual_survey("expectations")
    p = crm.datasets.load_servqual_survey("perceptions")
    w = crm.datasets.load_servqual_survey("importance").mean()
    gaps = crm.servqual_gaps(e, p, crm.SERVQUAL_DIMENSIONS, weights=w)
    # datasets/servqual_survey.md: gaps +0.25, -1.16, -1.53, -0.49, -0.54
    assert gaps["gap"].round(2).tolist() == [0.25, -1.16, -1.53, -0.49, -0.54]
    assert gaps["weight"].round(3).tolist() == [0.099, 0.303, 0.22, 0.194, 0.182]
    # the story: above expectations on tangibles only, furthest below on responsiveness,
    # reliability most important
    assert gaps["gap"].idxmin() == "responsiveness" and gaps["weight"].idxmax() == "reliability"
    assert (gaps["gap"] > 0).tolist() == [True, False, False, False, False]


def test_servqual_generator_sizes_and_points():
    survey = crm.datasets.make_servqual_survey(7, seed=3)
    assert len(survey) == 7 and survey["respondent_id"].tolist() == list(range(1, 8))
    points = survey[list(crm.SERVQUAL_DIMENSIONS)]
    assert (points.sum(axis=1) == 100).all()


@pytest.mark.parametrize("name, load", [
    ("branch_arrivals.csv", lambda: datasets.load_branch_arrivals()),
    ("servqual_survey.csv", lambda: datasets.load_servqual_survey()),
])
def test_damaged_service_files_are_reported(fake_data_folder, name, load):
    (fake_data_folder / name).write_text("start,weekday\n")
    with pytest.raises(datasets.DatasetError, match="damaged or was edited"):
        load()


def test_loaders_return_fresh_copies(week):
    week.loc[0, "arrivals"] = -1
    assert crm.datasets.load_branch_arrivals().loc[0, "arrivals"] != -1
    p = crm.datasets.load_servqual_survey("perceptions")
    p.iloc[0, 0] = 99
    assert crm.datasets.load_servqual_survey("perceptions").iloc[0, 0] != 99
