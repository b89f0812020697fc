"""crmlib.units: one vocabulary for units of time, checked in one place."""

import pytest

import crmlib as crm
from crmlib.units import DAYS_PER_TIME_UNIT, TIME_UNIT_NAMES, TimeUnit, check_time_unit


@pytest.mark.parametrize("code, days, plural, per_year", [
    ("D", 1.0, "days", 365.25),
    ("W", 7.0, "weeks", 365.25 / 7),          # 52.18
    ("M", 365.25 / 12, "months", 12.0),       # 30.44 days
    ("Y", 365.25, "years", 1.0),
])
def test_each_unit_has_its_length_name_and_periods_per_year(code, days, plural, per_year):
    unit = check_time_unit(code)
    assert unit is TimeUnit(code) and unit == code
    assert unit.days == pytest.approx(days)
    assert unit.plural == plural
    assert unit.periods_per_year == pytest.approx(per_year)
    assert DAYS_PER_TIME_UNIT[code] == unit.days and TIME_UNIT_NAMES[code] == plural


def test_a_member_is_accepted_wherever_a_code_is():
    log = crm.datasets.load_cdnow()
    by_code = crm.cohort_table(log, time_unit="W")
    by_member = crm.cohort_table(log, time_unit=crm.TimeUnit.WEEK)
    assert by_code.equals(by_member)


@pytest.mark.parametrize("value, suggestion", [("week", "'W'"), ("Months", "'M'"),
                                               ("d", "'D'"), ("years", "'Y'")])
def test_a_unit_written_out_gets_its_code_suggested(value, suggestion):
    with pytest.raises(ValueError, match=f"got '{value}'. Did you mean {suggestion}"):
        check_time_unit(value)


def test_a_unit_a_function_does_not_support_names_the_ones_it_does():
    with pytest.raises(ValueError) as error:
        check_time_unit("D", allowed=("M", "W"))
    assert str(error.value) == "time_unit must be one of 'M' (months), 'W' (weeks); got 'D'."
    with pytest.raises(ValueError, match="got 7"):
        check_time_unit(7)


def test_every_function_with_a_time_unit_uses_the_one_check():
    log = crm.datasets.load_cdnow()
    model = crm.BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    calls = [
        lambda: crm.calibration_summary(log, calibration_end="1997-09-30", time_unit="week"),
        lambda: crm.cohort_table(log, time_unit="week"),
        lambda: crm.cohort_survival(log, time_unit="week"),
        lambda: crm.cohort_retention(log, time_unit="week"),
        lambda: crm.stage_history(log, time_unit="week"),
        lambda: crm.stage_path(log, 1, time_unit="week"),
        lambda: crm.lifecycle_patterns(log, time_unit="week"),
        lambda: crm.purchase_tracking(model, log, calibration_end="1997-09-30",
                                      observation_end="1998-06-30", time_unit="week"),
        lambda: crm.units.periods_per_year("week"),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="time_unit must be one of .*Did you mean 'W'"):
            call()
