r"""Project a cohort's retention into the future: the shifted-beta-geometric (sBG) model.

In a *contractual* business (memberships, subscriptions, annual contracts) the firm sees every
cancellation. Given how many customers of a cohort are left after each of the first few
periods, how many will be left in five years, and what is a customer worth?

Fitting a curve through the survivors (straight line, exponential, quadratic) fits the past well
and projects the future badly (Fader & Hardie 2007). The sBG model tells a story instead:

* each customer renews at the end of every period with their own, constant probability
  :math:`1-\theta`, so their lifetime :math:`T` is geometric:
  :math:`P(T=t\mid\theta) = \theta(1-\theta)^{t-1}`;
* the churn probability :math:`\theta` differs across customers, following a beta distribution
  with parameters :math:`\alpha, \beta`.

Averaging over customers gives the survival function and retention rates (eqs. 6–8):

.. math::
    S(t) = \frac{B(\alpha, \beta + t)}{B(\alpha, \beta)} = \prod_{i=1}^{t} r_i, \qquad
    r_t = \frac{\beta + t - 1}{\alpha + \beta + t - 1}, \qquad
    P(T = t) = S(t-1) - S(t) = S(t-1)\,\frac{\alpha}{\alpha+\beta+t-1}

:math:`r_t` rises with :math:`t` although no customer changes: high-churn customers leave first,
so the survivors are ever more loyal (*heterogeneity*, the "ruse of heterogeneity").

References
----------
Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of
Interactive Marketing* 21(1), 76–90.
Fader, P. S. & Hardie, B. G. S. (2010). Customer-base valuation in a contractual setting: the
perils of ignoring heterogeneity. *Marketing Science* 29(1), 85–93.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from crmlib._validation import (
    _show,
    as_float_array,
    as_output,
    check_choice,
    check_discount_rate,
    check_finite,
    check_nonnegative,
    check_positive,
    check_scalar,
    check_whole_number,
)
from crmlib.cohorts import check_survival

__all__ = [
    "CurveFitProjection",
    "ShiftedBetaGeometric",
    "compare_retention_projections",
    "projection_errors",
]

#: Fewest survivor counts a fit accepts: the start and two periods (two parameters).
MIN_SURVIVOR_COUNTS = 3
_BOUNDS = (1e-4, 1e4)  # α, β above 1e4 mean a constant retention rate


def check_survivors(survivors, name: str = "survivors") -> np.ndarray:
    """Survivor counts of one cohort: at least 3 numbers, 0 or more, never rising, first > 0."""
    return check_survival(survivors, name, minimum=MIN_SURVIVOR_COUNTS)


def _check_periods(t, name="t", minimum=0) -> np.ndarray:
    values = as_float_array(t, name)
    if np.isinf(values).any() or (values != np.round(values)).any() or (values < minimum).any():
        raise ValueError(f"{name} must be whole numbers of periods of at least {minimum}; got "
                         f"{_show(values)}.")
    return values.astype(np.int64)


def _log_survival(alpha, beta, t_max) -> np.ndarray:
    """ln S(t) for t = 0 .. t_max, from the retention rates r_i (eq. 8)."""
    i = np.arange(1, t_max + 1)
    steps = np.log(beta + i - 1) - np.log(alpha + beta + i - 1)
    return np.concatenate([[0.0], np.cumsum(steps)])


def _hyp2f1_one(b: float, c: float, x: float) -> float:
    r"""Gauss's :math:`{}_2F_1(1, b; c; x) = \sum_{k\ge0} \frac{(b)_k}{(c)_k} x^k` for
    :math:`0 < b < c` and :math:`0 \le x < 1`, summed term by term (in logs, in chunks) until
    the terms no longer matter. Stable for the large :math:`b, c` of a nearly homogeneous
    customer base, where library implementations can return NaN."""
    total, log_term, k, chunk = 0.0, 0.0, 0, 4096
    log_x = np.log(x) if x > 0 else -np.inf
    while True:
        j = np.arange(k, k + chunk)
        steps = np.log(b + j) - np.log(c + j) + log_x
        logs = log_term + np.concatenate([[0.0], np.cumsum(steps[:-1])])
        terms = np.exp(logs)
        total += terms.sum()
        log_term = logs[-1] + steps[-1]
        k += chunk
        if np.exp(log_term) < 1e-16 * total or k > 50_000_000:
            return float(total)


def _negative_log_likelihood(params, counts):
    """−LL (eq. B3) and its gradient with respect to (ln α, ln β)."""
    alpha, beta = params
    lost = -np.diff(counts)
    remaining = counts[-1]
    periods = counts.size - 1
    t = np.arange(1, periods + 1)
    log_s = _log_survival(alpha, beta, periods)
    log_p = log_s[:-1] + np.log(alpha) - np.log(alpha + beta + t - 1)
    value = lost @ log_p + remaining * log_s[-1]
    inv_ab = 1.0 / (alpha + beta + t - 1)
    d_log_s_a = np.concatenate([[0.0], np.cumsum(-inv_ab)])
    d_log_s_b = np.concatenate([[0.0], np.cumsum(1.0 / (beta + t - 1) - inv_ab)])
    grad_a = lost @ (d_log_s_a[:-1] + 1.0 / alpha - inv_ab) + remaining * d_log_s_a[-1]
    grad_b = lost @ (d_log_s_b[:-1] - inv_ab) + remaining * d_log_s_b[-1]
    return -value, -np.array([grad_a * alpha, grad_b * beta])


class ShiftedBetaGeometric:
    r"""The shifted-beta-geometric (sBG) model of contract duration (Fader & Hardie 2007).

    Fit it to the survivors of one cohort, then read off survival, retention, projected
    survivors and the value of a customer.

    Parameters
    ----------
    start : tuple of float, default (1.0, 1.0)
        Starting values of :math:`(\alpha, \beta)` for the maximum-likelihood search (the
        paper's Excel Solver starts at 1, 1).

    Attributes
    ----------
    params_ : dict
        ``{"alpha": α, "beta": β}``, the maximum-likelihood estimates.
    log_likelihood_ : float
        The maximised log-likelihood (eq. B3), for the counts as given (per 1,000 if the counts
        are per 1,000).
    survivors_ : ndarray
        The survivor counts the model was fitted to.
    n_periods_ : int
        Number of periods observed (``len(survivors_) - 1``).

    Notes
    -----
    The log-likelihood of a cohort of :math:`n` customers observed for :math:`K` periods, with
    :math:`n_t` lost in period :math:`t` and the rest still active (right-censored) is

    .. math:: LL(\alpha,\beta) = \sum_{t=1}^{K} n_t \ln P(T=t) + \Big(n - \sum_{t=1}^K n_t\Big)
              \ln S(K)

    It is maximised over :math:`\ln\alpha, \ln\beta` with BFGS and the analytic gradient
    (scipy, imported inside :meth:`fit`).

    References
    ----------
    Fader & Hardie (2007), eqs. 5–8 and B3.

    Examples
    --------
    The "regular" customers of Fader & Hardie (2007), years 0–7, per 1,000 customers. The paper
    reports α = 0.704, β = 1.182.

    >>> model = ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
    >>> {name: round(value, 3) for name, value in model.params_.items()}
    {'alpha': 0.704, 'beta': 1.182}
    >>> round(model.project(12))  # year-12 survivors; actual: 173
    170
    """

    def __init__(self, *, start=(1.0, 1.0)):
        self.start = start

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_params(cls, alpha, beta, *, cohort_size=1000.0):
        """A model with given α and β (not fitted): for what-if questions and widgets.

        ``cohort_size`` sets the scale of :meth:`project` (customers at the start).

        Examples
        --------
        >>> round(ShiftedBetaGeometric.from_params(1.0, 1.0).retention(1), 3)
        0.5
        """
        model = cls()
        a = check_scalar(check_positive(alpha, "alpha"), "alpha")
        b = check_scalar(check_positive(beta, "beta"), "beta")
        size = check_scalar(check_positive(cohort_size, "cohort_size"), "cohort_size")
        model.params_ = {"alpha": a, "beta": b}
        model.survivors_ = np.array([size])
        model.n_periods_ = 0
        model.log_likelihood_ = np.nan
        return model

    def fit(self, survivors):
        """Estimate α and β by maximum likelihood from one cohort's survivor counts.

        Parameters
        ----------
        survivors : array-like
            Customers still active at the start (period 0) and at the end of each period,
            oldest first, e.g. ``[1000, 631, 468, …]``; counts or shares (the estimates are the
            same). At least 3 values, never rising.

        Returns
        -------
        self
        """
        from scipy.optimize import minimize

        counts = check_survivors(survivors)
        self._check_some_loss(counts)
        periods = counts.size - 1

        def negative_log_likelihood(log_params):
            return _negative_log_likelihood(np.exp(log_params), counts)

        start = np.log(np.asarray(self.start, dtype=float))
        result = minimize(negative_log_likelihood, start, jac=True, method="BFGS",
                          options={"gtol": 1e-9, "maxiter": 500})
        log_limit = np.log(_BOUNDS[1])
        if result.x.max() > log_limit:  # drifting to infinity: keep the ratio alpha / beta
            result.x = result.x - (result.x.max() - log_limit)
            result.fun = negative_log_likelihood(result.x)[0]
        alpha, beta = np.exp(result.x)
        if result.x.max() >= log_limit * (1 - 1e-9):
            warnings.warn(
                f"The sBG estimates reached the search limit (alpha = {alpha:.4g}, beta = "
                f"{beta:.4g}): the data show (almost) no heterogeneity, i.e. a constant "
                "retention rate. A single retention rate describes this cohort as well.",
                UserWarning, stacklevel=2)
        self.params_ = {"alpha": float(alpha), "beta": float(beta)}
        self.log_likelihood_ = float(-result.fun)
        self.survivors_ = counts
        self.n_periods_ = periods
        return self

    @staticmethod
    def _check_some_loss(counts):
        if counts[-1] == counts[0]:
            raise ValueError(
                f"survivors show no customer leaving ({_show(counts)}): retention is 100% and "
                "the sBG cannot be estimated. Check that the counts are survivors, not the "
                "cohort size repeated.")

    def log_likelihood(self, survivors):
        """The log-likelihood (eq. B3) of survivor counts under this model's α and β.

        Lets you compare your own guess of α and β with the fitted ones: the maximum-likelihood
        estimates give the highest value for the data they were fitted to.

        Examples
        --------
        >>> data = [1000, 631, 468, 382, 326, 289, 262, 241]
        >>> fitted = ShiftedBetaGeometric().fit(data)
        >>> guess = ShiftedBetaGeometric.from_params(1.0, 1.0)
        >>> guess.log_likelihood(data) < fitted.log_likelihood(data)
        True
        """
        alpha, beta = self._params()
        counts = check_survivors(survivors)
        return float(-_negative_log_likelihood(np.array([alpha, beta]), counts)[0])

    def _params(self):
        if not hasattr(self, "params_"):
            raise RuntimeError("This ShiftedBetaGeometric is not fitted yet: call "
                               ".fit(survivors) or use ShiftedBetaGeometric.from_params(α, β).")
        return self.params_["alpha"], self.params_["beta"]

    # ------------------------------------------------------------------ quantities

    def survival(self, t):
        r"""Share of the cohort still active after :math:`t` periods, :math:`S(t)` (eq. 6).

        Parameters
        ----------
        t : int or array-like of int
            Periods since acquisition (0, 1, 2, …).

        Returns
        -------
        float, ndarray or Series
        """
        alpha, beta = self._params()
        periods = _check_periods(t)
        log_s = _log_survival(alpha, beta, int(periods.max()))
        return as_output(np.exp(log_s[periods]), t)

    def retention(self, t):
        r"""Retention rate in period :math:`t`: :math:`r_t = (\beta+t-1)/(\alpha+\beta+t-1)`, eq. 8.

        The share of customers active after :math:`t-1` periods who renew for period :math:`t`.

        Parameters
        ----------
        t : int or array-like of int
            Periods 1, 2, … (retention in period 0 is not defined).
        """
        alpha, beta = self._params()
        periods = _check_periods(t, minimum=1)
        return as_output((beta + periods - 1) / (alpha + beta + periods - 1), t)

    def lost_in_period(self, t):
        r"""Share of the cohort whose last period is :math:`t`: :math:`P(T=t) = S(t-1) - S(t)`."""
        alpha, beta = self._params()
        periods = _check_periods(t, minimum=1)
        log_s = _log_survival(alpha, beta, int(periods.max()))
        return as_output(np.exp(log_s[periods - 1]) * alpha / (alpha + beta + periods - 1), t)

    def project(self, t, cohort_size=None):
        """Expected survivors after ``t`` periods: ``cohort_size`` × S(t).

        ``cohort_size`` defaults to the first count the model was fitted to.
        """
        size = (self.survivors_[0] if cohort_size is None else
                check_scalar(check_positive(cohort_size, "cohort_size"), "cohort_size"))
        return as_output(np.asarray(self.survival(t)) * size, t)

    def mean_churn_probability(self):
        r"""Average churn probability across customers, :math:`E(\theta) = \alpha/(\alpha+\beta)`.

        Equal to the expected share lost in the first period, :math:`1 - r_1`.
        """
        alpha, beta = self._params()
        return alpha / (alpha + beta)

    # ------------------------------------------------------------------ value

    def discounted_expected_residual_lifetime(self, discount_rate, renewals=0):
        r"""DERL: the discounted number of further payments expected from an active customer.

        For a customer who has made :math:`n-1` renewals, evaluated just before the
        :math:`n`-th renewal decision (Fader & Hardie 2010, eq. 6):

        .. math::
            \mathrm{DERL}(d\mid\alpha,\beta,n-1) = \sum_{t=n}^{\infty}
            \frac{S(t)/S(n-1)}{(1+d)^{t-n}} = \frac{\beta+n-1}{\alpha+\beta+n-1}\;
            {}_2F_1\!\Big(1, \beta+n; \alpha+\beta+n; \tfrac{1}{1+d}\Big)

        The first term (the renewal about to happen) is not discounted. Multiply by the margin
        per period for the customer's expected residual value (:meth:`residual_value`).

        Parameters
        ----------
        discount_rate : float
            :math:`d` per period, a fraction (0.1).
        renewals : int or array-like of int, default 0
            :math:`n-1`, renewals the customer has already made (0 for a customer in their first
            period).

        Returns
        -------
        float, ndarray or Series
            Periods' worth of payments.

        Notes
        -----
        Customers who have renewed more often are worth more: their expected churn probability,
        :math:`\alpha/(\alpha+\beta+n-1)`, is lower. With :math:`d = 0` and :math:`\alpha > 1`,
        DERL = :math:`(\beta+n-1)/(\alpha-1)`; with :math:`\alpha \le 1` it is infinite.

        References
        ----------
        Fader & Hardie (2010), eq. 6.

        Examples
        --------
        No discounting, α = 3, β = 8, no renewals yet: (8 + 0) / (3 − 1) = 4 further periods.

        >>> model = ShiftedBetaGeometric.from_params(3.0, 8.0)
        >>> round(model.discounted_expected_residual_lifetime(0.0), 6)
        4.0
        """
        alpha, beta = self._params()
        d = check_scalar(check_discount_rate(discount_rate), "discount_rate")
        n = _check_periods(renewals, "renewals") + 1
        if d == 0:
            if alpha <= 1:
                raise ValueError(
                    f"With discount_rate 0 the expected residual lifetime is infinite when "
                    f"alpha <= 1 (alpha = {alpha:.3g}): enough customers almost never leave. "
                    "Use a discount rate above 0.")
            return as_output((beta + n - 1) / (alpha - 1), renewals)
        first = (beta + n - 1) / (alpha + beta + n - 1)
        series = np.array([_hyp2f1_one(beta + k, alpha + beta + k, 1.0 / (1.0 + d))
                           for k in np.ravel(n)]).reshape(n.shape)
        return as_output(first * series, renewals)

    def discounted_expected_lifetime(self, discount_rate):
        r"""DEL: the discounted number of payments expected from a customer just acquired.

        .. math:: \mathrm{DEL}(d) = \sum_{t=0}^{\infty} \frac{S(t)}{(1+d)^t}
                  = {}_2F_1\!\Big(1, \beta; \alpha+\beta; \tfrac{1}{1+d}\Big)

        The first payment (t = 0, made on acquisition) counts in full.

        References
        ----------
        Fader & Hardie (2007), eq. 2 (E(CLV) with constant margin); Fader & Hardie (2010).

        Examples
        --------
        α = 3, β = 8, no discounting: 1 + β/(α − 1) = 1 + 4 = 5 payments.

        >>> round(ShiftedBetaGeometric.from_params(3.0, 8.0).discounted_expected_lifetime(0.0), 6)
        5.0
        """
        alpha, beta = self._params()
        d = check_scalar(check_discount_rate(discount_rate), "discount_rate")
        if d == 0:
            if alpha <= 1:
                raise ValueError(
                    f"With discount_rate 0 the expected lifetime is infinite when alpha <= 1 "
                    f"(alpha = {alpha:.3g}). Use a discount rate above 0.")
            return (alpha + beta - 1) / (alpha - 1)
        return _hyp2f1_one(beta, alpha + beta, 1.0 / (1.0 + d))

    def customer_lifetime_value(self, margin, discount_rate, *, acquisition_cost=0.0):
        r"""Expected CLV of a newly acquired customer: margin × DEL − acquisition cost.

        .. math:: E(\mathrm{CLV}) = m \sum_{t=0}^{\infty} \frac{S(t)}{(1+d)^t} - \mathrm{AC}

        Parameters
        ----------
        margin : float or array-like
            :math:`m`, the margin per period, paid at the start of each period the customer is
            active (first one on acquisition).
        discount_rate : float
            :math:`d` per period, a fraction.
        acquisition_cost : float, default 0
            Subtracted once.

        References
        ----------
        Fader & Hardie (2007), eq. 2.
        """
        m = check_finite(margin, "margin")
        cost = check_nonnegative(acquisition_cost, "acquisition_cost")
        value = m * self.discounted_expected_lifetime(discount_rate) - cost
        return as_output(value, margin, acquisition_cost)

    def residual_value(self, margin, discount_rate, renewals=0):
        r"""Expected residual value of an active customer: margin × DERL (Fader & Hardie 2010)."""
        m = check_scalar(check_finite(margin, "margin"), "margin")
        return as_output(m * np.asarray(
            self.discounted_expected_residual_lifetime(discount_rate, renewals)), renewals)

    def __repr__(self):
        if hasattr(self, "params_"):
            return (f"ShiftedBetaGeometric(alpha={self.params_['alpha']:.3f}, "
                    f"beta={self.params_['beta']:.3f})")
        return "ShiftedBetaGeometric()"


# --------------------------------------------------------------------------- naive curve fits

CURVES = ("linear", "quadratic", "exponential")


class CurveFitProjection:
    r"""A "naive" projection: a curve fitted through the survivors by least squares.

    The curve-fitting approach Fader & Hardie (2007) warn against, for comparison with the sBG:

    * ``"linear"``: :math:`S(t) = a + b\,t`;
    * ``"quadratic"``: :math:`S(t) = a + b\,t + c\,t^2`;
    * ``"exponential"``: :math:`\ln S(t) = a + b\,t` (a constant retention rate :math:`e^b`).

    Parameters
    ----------
    kind : {"linear", "quadratic", "exponential"}, default "linear"

    Attributes
    ----------
    coef_ : ndarray
        Polynomial coefficients, highest power first (for ``"exponential"``, of :math:`\ln S`).
    r_squared_ : float
        :math:`R^2` of the regression on the scale it was fitted (:math:`\ln S` for exponential).
    survivors_ : ndarray

    Notes
    -----
    Projections are returned as the curve gives them, even when they make no sense (a linear
    projection goes below zero, a quadratic one turns up again): that is the lesson.

    Examples
    --------
    High-end customers, years 0–7 (Fader & Hardie 2007): the line fits with R² = 0.922 but
    projects 74 survivors in year 12 against 394 observed, 81% too few.

    >>> high_end = [1000, 869, 743, 653, 593, 551, 517, 491]
    >>> line = CurveFitProjection("linear").fit(high_end)
    >>> round(line.r_squared_, 3), round(line.project(12))
    (0.922, 74)
    """

    def __init__(self, kind="linear"):
        self.kind = kind

    def fit(self, survivors):
        """Least-squares fit of the curve to survivors at periods 0, 1, …; returns self."""
        check_choice(self.kind, "kind", CURVES)
        counts = check_survivors(survivors)
        t = np.arange(counts.size, dtype=float)
        if self.kind == "exponential":
            if (counts <= 0).any():
                raise ValueError("an exponential curve needs survivors above 0 in every period; "
                                 f"got {_show(counts)}.")
            y, degree = np.log(counts), 1
        else:
            y, degree = counts, 1 if self.kind == "linear" else 2
        self.coef_ = np.polyfit(t, y, degree)
        residual = y - np.polyval(self.coef_, t)
        self.r_squared_ = float(1.0 - residual @ residual / ((y - y.mean()) @ (y - y.mean())))
        self.survivors_ = counts
        return self

    def project(self, t):
        """Survivors after ``t`` periods, as the fitted curve projects them."""
        if not hasattr(self, "coef_"):
            raise RuntimeError("This CurveFitProjection is not fitted yet: call .fit(survivors).")
        periods = _check_periods(t)
        value = np.polyval(self.coef_, periods.astype(float))
        return as_output(np.exp(value) if self.kind == "exponential" else value, t)

    def survival(self, t):
        """Projected survivors as a share of the first count."""
        return as_output(np.asarray(self.project(t)) / self.survivors_[0], t)

    def __repr__(self):
        return f"CurveFitProjection({self.kind!r})"


def compare_retention_projections(survivors, *, calibration_periods=7,
                                  curves=("linear", "exponential"), horizon=None):
    """Fit the sBG and naive curves on the first periods and project the rest, side by side.

    Parameters
    ----------
    survivors : array-like
        The whole survivor series (period 0 first), e.g. 13 years of the Fader–Hardie data.
    calibration_periods : int, default 7
        Periods used for fitting: the counts for periods 0 … ``calibration_periods``.
    curves : sequence of str, default ("linear", "exponential")
        Naive curves to compare (see :class:`CurveFitProjection`).
    horizon : int, optional
        Last period projected (default: the last period of ``survivors``).

    Returns
    -------
    DataFrame
        Indexed by ``period``: ``actual`` (NaN beyond the data), ``calibration`` (True for
        the periods used in fitting), ``sBG`` and one column per curve (projected survivors).
        ``.attrs["models"]`` holds the fitted models by column name.

    Examples
    --------
    >>> regular = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
    >>> table = compare_retention_projections(regular)
    >>> table.loc[12, ["actual", "sBG", "exponential"]].round(1).tolist()
    [173.0, 170.0, 79.8]
    """
    counts = check_survivors(survivors)
    k = check_whole_number(calibration_periods, "calibration_periods",
                           minimum=MIN_SURVIVOR_COUNTS - 1)
    if k > counts.size - 1:
        raise ValueError(f"calibration_periods is {k} but survivors has only {counts.size - 1} "
                         "periods after the start.")
    last = counts.size - 1 if horizon is None else check_whole_number(horizon, "horizon",
                                                                      minimum=1)
    calibration = counts[: k + 1]
    models = {"sBG": ShiftedBetaGeometric().fit(calibration)}
    for curve in curves:
        models[curve] = CurveFitProjection(curve).fit(calibration)
    periods = np.arange(last + 1)
    actual = np.full(periods.size, np.nan)
    known = min(counts.size, periods.size)
    actual[:known] = counts[:known]
    table = pd.DataFrame({"actual": actual, "calibration": periods <= k},
                         index=pd.Index(periods, name="period"))
    for name, model in models.items():
        table[name] = model.project(periods)
    table.attrs["models"] = models
    return table


def projection_errors(table):
    """Percentage error of each projection against the actual survivors, outside calibration.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`compare_retention_projections`.

    Returns
    -------
    DataFrame
        For the periods after calibration that have actual data: one column per model,
        100 × (projected − actual) / actual. Negative = the model projects too few survivors.

    Examples
    --------
    >>> high_end = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]
    >>> errors = projection_errors(compare_retention_projections(high_end))
    >>> errors.loc[12].round().tolist()  # paper: sBG -4%, linear -81%, exponential -30%
    [-4.0, -81.0, -30.0]
    """
    models = [c for c in table.columns if c not in ("actual", "calibration")]
    holdout = table[~table["calibration"] & table["actual"].notna()]
    return holdout[models].sub(holdout["actual"], axis=0).div(holdout["actual"], axis=0) * 100
