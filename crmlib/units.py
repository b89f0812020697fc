"""Named time-unit constants, with their derivation, and rate conversions between periods.

Every crmlib function that takes or returns time states its unit. Convert with these constants,
never with a bare number such as 4.345.
"""

from __future__ import annotations

import enum

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


# --------------------------------------------------------------------------- units of time


class TimeUnit(enum.StrEnum):
    """The units of time crmlib counts in: the one vocabulary of every ``time_unit=`` parameter.

    The values are the one-letter codes pandas also uses: ``"D"`` day, ``"W"`` week, ``"M"``
    month, ``"Y"`` year. Members compare equal to their code, so ``time_unit="W"`` and
    ``time_unit=TimeUnit.WEEK`` mean the same.

    Two kinds of function read a unit, and say in their docstrings which they do:

    * **durations** (purchase summaries, purchase models, model-based CLV) measure time in
      units of fixed length, :attr:`days` long: a week is 7 days, a month
      365.25 / 12 = 30.44 days, a year 365.25 days;
    * **calendar periods** (cohorts, lifecycle checkpoints) group dates by calendar month or by
      Monday-to-Sunday week.

    Examples
    --------
    >>> TimeUnit("W").days, TimeUnit.WEEK.plural
    (7.0, 'weeks')
    >>> round(TimeUnit.MONTH.days, 2)
    30.44
    >>> TimeUnit.WEEK == "W"
    True
    """

    DAY = "D"
    WEEK = "W"
    MONTH = "M"
    YEAR = "Y"

    @property
    def days(self) -> float:
        """Length in days: 1, 7, 30.44 (365.25 / 12) or 365.25."""
        return _DAYS[self.value]

    @property
    def plural(self) -> str:
        """The unit's name in the plural, for labels: 'days', 'weeks', 'months', 'years'."""
        return _PLURAL[self.value]

    @property
    def periods_per_year(self) -> float:
        """How many of these units make a year: 365.25, 52.18, 12 or 1."""
        return DAYS_PER_YEAR / self.days


_DAYS = {"D": 1.0, "W": float(DAYS_PER_WEEK), "M": DAYS_PER_MONTH, "Y": DAYS_PER_YEAR}
_PLURAL = {"D": "days", "W": "weeks", "M": "months", "Y": "years"}
_SPELLED_OUT = {"day": "D", "week": "W", "month": "M", "year": "Y"}

#: Days in one unit of each code (fixed lengths; see :class:`TimeUnit`).
DAYS_PER_TIME_UNIT = {unit.value: unit.days for unit in TimeUnit}
#: The plural name of each code: "days", "weeks", "months", "years".
TIME_UNIT_NAMES = {unit.value: unit.plural for unit in TimeUnit}


def check_time_unit(value, name: str = "time_unit", *, allowed=None) -> TimeUnit:
    """The one check of a unit of time: a :class:`TimeUnit` or its code, else a clear error.

    Parameters
    ----------
    value : str or TimeUnit
        ``"D"``, ``"W"``, ``"M"`` or ``"Y"`` (or the member).
    name : str, default "time_unit"
        The parameter's name, for the message.
    allowed : sequence of str, optional
        The units this function supports (default: all four).

    Returns
    -------
    TimeUnit

    Raises
    ------
    ValueError
        Naming the parameter, the units allowed and the value; a unit written out ('week',
        'months') gets its code suggested.

    Examples
    --------
    >>> check_time_unit("M", allowed=("M", "W"))
    <TimeUnit.MONTH: 'M'>
    >>> check_time_unit("weeks")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: time_unit must be one of 'D' (days), ...; got 'weeks'. Did you mean 'W'?
    """
    choices = [TimeUnit(unit) for unit in (allowed or tuple(TimeUnit))]
    if isinstance(value, str) and value in choices:
        return TimeUnit(value)
    options = ", ".join(f"{unit.value!r} ({unit.plural})" for unit in choices)
    message = f"{name} must be one of {options}; got {value!r}."
    if isinstance(value, str):
        word = value.strip().lower().removesuffix("s")
        code = _SPELLED_OUT.get(word, value.strip().upper())
        if code in choices and code != value:
            message += f" Did you mean {code!r}?"
    raise ValueError(message)


def periods_per_year(time_unit) -> float:
    """How many periods of ``time_unit`` make a year: 365.25, 52.18, 12 or 1.

    >>> round(periods_per_year("W"), 2)
    52.18
    """
    return check_time_unit(time_unit).periods_per_year
