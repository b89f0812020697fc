"""The shared input checks (crmlib._validation) that many modules call."""

import numpy as np
import pandas as pd
import pytest

from crmlib._validation import check_single_number


@pytest.mark.parametrize("value, kind, expected", [
    (-3, "finite", -3.0), (0, "nonnegative", 0.0), (np.array([2.5]), "positive", 2.5),
    (pd.Series([0.8]), "rate", 0.8), (0.1, "discount_rate", 0.1),
])
def test_one_number_of_each_kind_comes_back_as_a_float(value, kind, expected):
    result = check_single_number(value, "x", kind)
    assert type(result) is float and result == expected


def test_the_value_is_checked_before_the_count():
    # a rate typed as percentages still gets the percent hint, even when there are two of them
    hint = r"retention_rate must be between 0 and 1.*use 0\.8 for 80%"
    with pytest.raises(ValueError, match=hint):
        check_single_number([80, 90], "retention_rate", "rate")
    with pytest.raises(TypeError, match="margin must be a single number here; got 2 values"):
        check_single_number([1.0, 2.0], "margin", "finite")


@pytest.mark.parametrize("value, kind, options, fragment", [
    (-1, "nonnegative", {}, "budget"), (0, "positive", {}, "budget"),
    (0, "rate", {"allow_zero": False}, "budget"), (1, "rate", {"allow_one": False}, "budget"),
    (12, "discount_rate", {}, "0.12"), (float("inf"), "finite", {}, "budget"),
])
def test_bad_values_are_named(value, kind, options, fragment):
    with pytest.raises(ValueError, match=fragment):
        check_single_number(value, "budget", kind, **options)
