"""Named time-unit constants, with their derivation, and rate conversions between periods.

Every crmlib function that takes or returns time states its unit. Convert with these constants,
never with a bare number such as 4.345.
"""

from __future__ import annotations

from crmlib._validation import as_output, check_discount_rate, check_positive

DAYS_PER_WEEK = 7
#: A Julian year of 365.25 days averages the leap years.
DAYS_PER_YEAR = 365.25
#: 365.25 / 7 = 52.18 weeks.
WEEKS_PER_YEAR = DAYS_PER_YEAR / DAYS_PER_WEEK
MONTHS_PER_YEAR = 12
#: For queues: arrivals counted per hour, service and waiting times in minutes.
MINUTES_PER_HOUR = 60
#: 365.25 / 12 = 30.44 days.
DAYS_PER_MONTH = DAYS_PER_YEAR / MONTHS_PER_YEAR


def discount_rate_per_period(annual_rate, periods_per_year):
    r"""Convert an annual discount rate to the equivalent rate per shorter period.

    .. math:: i_{\text{period}} = (1 + i_{\text{year}})^{1/n} - 1

    Parameters
    ----------
    annual_rate : float or array-like
        Discount rate per year, a fraction (0.1).
    periods_per_year : float
        :math:`n`, e.g. ``MONTHS_PER_YEAR`` or ``WEEKS_PER_YEAR``.

    Returns
    -------
    float, ndarray or Series
        The rate per period that compounds to ``annual_rate`` over a year.

    Examples
    --------
    10% a year is 0.797% a month: 1.1 ** (1/12) − 1.

    >>> round(discount_rate_per_period(0.10, MONTHS_PER_YEAR), 6)
    0.007974
    """
    i = check_discount_rate(annual_rate, "annual_rate")
    n = check_positive(periods_per_year, "periods_per_year")
    return as_output((1.0 + i) ** (1.0 / n) - 1.0, annual_rate, periods_per_year)


# --- time units of purchase summaries (prediction unit) --------------------------------------

#: Days in one period of each time unit a purchase summary can be expressed in:
#: "D" day, "W" week (7 days), "M" month (365.25 / 12 = 30.44 days), "Y" year (365.25 days).
DAYS_PER_TIME_UNIT = {"D": 1.0, "W": float(DAYS_PER_WEEK), "M": DAYS_PER_MONTH, "Y": DAYS_PER_YEAR}
TIME_UNIT_NAMES = {"D": "days", "W": "weeks", "M": "months", "Y": "years"}


def periods_per_year(time_unit: str) -> float:
    """How many periods of ``time_unit`` make a year: 365.25, 52.18, 12 or 1.

    >>> round(periods_per_year("W"), 2)
    52.18
    """
    if time_unit not in DAYS_PER_TIME_UNIT:
        options = ", ".join(repr(u) for u in DAYS_PER_TIME_UNIT)
        raise ValueError(f"time_unit must be one of {options}; got {time_unit!r}.")
    return DAYS_PER_YEAR / DAYS_PER_TIME_UNIT[time_unit]
