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
    check_finite,
    check_nonnegative,
    check_single_number,
    check_whole_number,
)
from crmlib.clv import TIMINGS
from crmlib.cohorts import check_survival
from crmlib.i18n import text
from crmlib.models import IdentificationWarning, Model, log_scale_covariance, numerical_hessian

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


def _whole_numbers(values) -> bool:
    return bool(np.all(values == np.round(values)))


def _check_periods(t, name="t", minimum=0) -> np.ndarray:
    values = as_float_array(t, name)
    if np.isinf(values).any() or (values != np.round(values)).any() or (values < minimum).any():
        raise ValueError(text("error.retention_projection.whole_periods", name=name,
                              minimum=minimum, values=_show(values)))
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
    return _cohort_negative_log_likelihood(params, _cohort_data(counts))


def _cohort_data(counts) -> dict:
    """What eq. B3 needs from survivor counts: customers lost in periods 1 … K, those left."""
    return {"lost": -np.diff(counts), "remaining": counts[-1],
            "t": np.arange(1.0, counts.size)}


def _cohort_negative_log_likelihood(params, data):
    """−LL (eq. B3) and its gradient in (ln α, ln β), for :func:`_cohort_data`."""
    alpha, beta = params
    lost, remaining, t = data["lost"], data["remaining"], data["t"]
    before = beta + t - 1  # beta + t - 1 and alpha + beta + t - 1, t = 1 … K
    total = alpha + before
    log_total = np.log(total)
    steps = np.log(before) - log_total  # ln r_t, eq. 8
    log_s = np.cumsum(steps)  # ln S(t), t = 1 … K; ln S(t - 1) = ln S(t) - ln r_t
    value = lost @ (log_s - steps + np.log(alpha) - log_total) + remaining * log_s[-1]
    inv_total = 1.0 / total
    d_alpha = np.cumsum(-inv_total)  # d ln S(t) / d alpha
    d_beta_steps = 1.0 / before - inv_total
    d_beta = np.cumsum(d_beta_steps)
    grad_a = lost @ (d_alpha + 1.0 / alpha) + remaining * d_alpha[-1]
    grad_b = lost @ (d_beta - d_beta_steps - inv_total) + remaining * d_beta[-1]
    return -value, -np.array([grad_a * alpha, grad_b * beta])


class ShiftedBetaGeometric(Model):
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
    log_likelihood_ : float or None
        The maximised log-likelihood (eq. B3), for the counts as given (per 1,000 if the counts
        are per 1,000); ``None`` for a model built with :meth:`from_params`.
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
    (scipy, imported inside :meth:`fit`). :meth:`summary` gives standard errors from the inverse
    Hessian of :math:`LL` (see :mod:`crmlib.models`); they treat the counts as numbers of
    customers, so they need whole numbers (a cohort given per 1,000 is read as 1,000
    customers).

    Customer value follows :func:`crmlib.customer_lifetime_value`'s timing convention
    (``when="end"`` by default): with a very large :math:`\alpha+\beta` everyone has the same
    churn probability and :meth:`customer_lifetime_value` equals the constant-retention formula.

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

    _PARAMS = ("alpha", "beta")
    _FIT_CALL = "survivors"

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
        a = check_single_number(alpha, "alpha", "positive")
        b = check_single_number(beta, "beta", "positive")
        size = check_single_number(cohort_size, "cohort_size", "positive")
        model = cls._from_values([a, b])
        model.survivors_ = np.array([size])
        model.n_periods_ = 0
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

        data = _cohort_data(counts)

        def negative_log_likelihood(log_params):
            return _cohort_negative_log_likelihood(np.exp(log_params), data)

        start = np.log(np.asarray(self.start, dtype=float))
        result = minimize(negative_log_likelihood, start, jac=True, method="BFGS",
                          options={"gtol": 1e-9, "maxiter": 500})
        log_limit = np.log(_BOUNDS[1])
        if result.x.max() > log_limit:  # drifting to infinity: keep the ratio alpha / beta
            result.x = result.x - (result.x.max() - log_limit)
            result.fun = negative_log_likelihood(result.x)[0]
        alpha, beta = np.exp(result.x)
        covariance = None
        if result.x.max() >= log_limit * (1 - 1e-9):
            warnings.warn(text("warning.retention_projection.sbg_search_limit",
                               alpha=f"{alpha:.4g}", beta=f"{beta:.4g}"),
                          IdentificationWarning, stacklevel=2)
            covariance = np.full((2, 2), np.nan)
        elif _whole_numbers(counts):
            hessian = numerical_hessian(lambda x: negative_log_likelihood(x)[1], result.x,
                                        result.jac)
            log_covariance = log_scale_covariance(
                "sBG", self._PARAMS, result.x, hessian, np.zeros(2, dtype=bool),
                n_observations=int(counts[0]),
                observations=text("error.retention_projection.covariance_observations"),
                hint=text("error.retention_projection.covariance_hint"))
            covariance = log_covariance * np.outer([alpha, beta], [alpha, beta])
        self.survivors_ = counts
        self.n_periods_ = periods
        return self._set_fit([alpha, beta], log_likelihood=-result.fun, covariance=covariance)

    def summary(self):
        """The estimates of α and β with standard errors and 95% intervals.

        See :meth:`crmlib.models.Model.summary`. The standard errors treat the survivor counts
        as numbers of customers.

        Examples
        --------
        >>> model = ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241])
        >>> model.summary().round(3)
                   estimate  std_error  lower_95  upper_95
        parameter
        alpha         0.704      0.066     0.587     0.845
        beta          1.182      0.152     0.918     1.522
        """
        self._check_fitted()
        if self.log_likelihood_ is not None and self._covariance is None:
            raise ValueError(text("error.retention_projection.summary_needs_counts",
                                  values=_show(self.survivors_)))
        return super().summary()

    @staticmethod
    def _check_some_loss(counts):
        if counts[-1] == counts[0]:
            raise ValueError(text("error.retention_projection.no_loss", values=_show(counts)))

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
                check_single_number(cohort_size, "cohort_size", "positive"))
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

        The first term (the renewal about to happen) is not discounted. Margin × DERL is Fader &
        Hardie's expected residual lifetime value, valued at the renewal decision;
        :meth:`residual_value` gives the same margins in the timing of
        :func:`crmlib.customer_lifetime_value` (``when=``), valued one period earlier.

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
        d = check_single_number(discount_rate, "discount_rate", "discount_rate")
        n = _check_periods(renewals, "renewals") + 1
        if d == 0:
            if alpha <= 1:
                raise ValueError(text("error.retention_projection.residual_lifetime_infinite",
                                      alpha=f"{alpha:.3g}"))
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
        d = check_single_number(discount_rate, "discount_rate", "discount_rate")
        if d == 0:
            if alpha <= 1:
                raise ValueError(text("error.retention_projection.lifetime_infinite",
                                      alpha=f"{alpha:.3g}"))
            return (alpha + beta - 1) / (alpha - 1)
        return _hyp2f1_one(beta, alpha + beta, 1.0 / (1.0 + d))

    def customer_lifetime_value(self, margin, discount_rate, *, when="end", acquisition_cost=0.0):
        r"""Expected CLV of a newly acquired customer: margin × discounted lifetime − AC.

        .. math::
            E(\mathrm{CLV}) = m \sum_{t=1}^{\infty} \frac{S(t)}{(1+d)^t} - \mathrm{AC}
            = m\,(\mathrm{DEL} - 1) - \mathrm{AC} \quad(\text{when="end"})

        .. math::
            E(\mathrm{CLV}) = m \sum_{t=0}^{\infty} \frac{S(t)}{(1+d)^t} - \mathrm{AC}
            = m\,\mathrm{DEL} - \mathrm{AC} \quad(\text{when="begin"})

        Parameters
        ----------
        margin : float or array-like
            :math:`m`, the margin per period, paid at the start of each period the customer is
            active.
        discount_rate : float
            :math:`d` per period, a fraction.
        when : {"end", "begin"}, default "end"
            As in :func:`crmlib.customer_lifetime_value`: ``"end"``, the first margin counted
            comes one period from now, if the customer renews (Gupta & Lehmann); ``"begin"``,
            the margin paid on acquisition counts too (Fader & Hardie 2007, eq. 2).
        acquisition_cost : float, default 0
            Subtracted once.

        Returns
        -------
        float, ndarray or Series
            Money.

        Notes
        -----
        The two timings differ by exactly one margin, the one paid on acquisition. With no
        heterogeneity (:math:`\alpha+\beta \to \infty` with :math:`\alpha/(\alpha+\beta) = c`)
        :math:`S(t) = (1-c)^t` and both equal :func:`crmlib.customer_lifetime_value` with
        retention rate :math:`1-c`.

        References
        ----------
        Fader & Hardie (2007), eq. 2; Gupta, S. & Lehmann, D. R. (2003). Customers as assets.
        *Journal of Interactive Marketing* 17(1), 9–24.

        Examples
        --------
        A cohort whose customers all churn with probability 0.2 (α/(α+β) = 0.2, α+β huge):
        margin 100 at 10% gives 100 × 0.8/0.3 = 266.67 (``"end"``) and 100 × 1.1/0.3 = 366.67
        (``"begin"``), the constant-retention values.

        >>> constant = ShiftedBetaGeometric.from_params(2e7, 8e7)
        >>> round(constant.customer_lifetime_value(100, 0.1), 2)
        266.67
        >>> round(constant.customer_lifetime_value(100, 0.1, when="begin"), 2)
        366.67
        """
        m = check_finite(margin, "margin")
        check_choice(when, "when", TIMINGS)
        cost = check_nonnegative(acquisition_cost, "acquisition_cost")
        payments = self.discounted_expected_lifetime(discount_rate) - (when == "end")
        return as_output(m * payments - cost, margin, acquisition_cost)

    def residual_value(self, margin, discount_rate, renewals=0, *, when="end"):
        r"""Expected residual value of an active customer who has renewed ``renewals`` times.

        The customer is in their :math:`n`-th period (:math:`n-1` = ``renewals``), whose
        margin is being paid now:

        .. math::
            \mathrm{RV} = m \sum_{t=1}^{\infty} \frac{S(n-1+t)/S(n-1)}{(1+d)^t}
            = \frac{m\,\mathrm{DERL}(d \mid n-1)}{1+d} \quad(\text{when="end"}),
            \qquad \mathrm{RV} = m + \frac{m\,\mathrm{DERL}(d \mid n-1)}{1+d}
            \quad(\text{when="begin"})

        Parameters
        ----------
        margin : float
            :math:`m`, the margin per period.
        discount_rate : float
            :math:`d` per period, a fraction.
        renewals : int or array-like of int, default 0
            :math:`n-1`, renewals the customer has made.
        when : {"end", "begin"}, default "end"
            As in :func:`crmlib.customer_lifetime_value`: ``"end"`` counts the margins still to
            come, the first one period from now if the customer renews; ``"begin"`` adds the
            current period's margin.

        Returns
        -------
        float, ndarray or Series
            Money, one value per ``renewals``.

        Notes
        -----
        With ``renewals=0`` this is :meth:`customer_lifetime_value` without an acquisition cost.
        Fader & Hardie (2010) value the same future margins at the moment of the next renewal
        decision, one period later and undiscounted: their expected residual lifetime value is
        ``margin × discounted_expected_residual_lifetime(d, renewals)``, which is
        :math:`1+d` times the ``"end"`` value here.

        References
        ----------
        Fader & Hardie (2010), eq. 6.

        Examples
        --------
        α = 3, β = 8, no discounting, one renewal made: DERL = (8 + 1) / (3 − 1) = 4.5 further
        payments, so 100 × 4.5 = 450 (``"end"``) and 550 with this period's margin.

        >>> model = ShiftedBetaGeometric.from_params(3.0, 8.0)
        >>> float(model.residual_value(100, 0.0, renewals=1))
        450.0
        >>> float(model.residual_value(100, 0.0, renewals=1, when="begin"))
        550.0
        """
        m = check_single_number(margin, "margin", "finite")
        check_choice(when, "when", TIMINGS)
        d = check_single_number(discount_rate, "discount_rate", "discount_rate")
        future = np.asarray(self.discounted_expected_residual_lifetime(d, renewals)) / (1.0 + d)
        return as_output(m * (future + (when == "begin")), renewals)


# --------------------------------------------------------------------------- naive curve fits

CURVES = ("linear", "quadratic", "exponential")


class CurveFitProjection(Model):
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
    params_ : dict
        The coefficients ``{"a", "b"}`` (and ``"c"`` for ``"quadratic"``) of the formulas above.
    coef_ : ndarray
        The same coefficients, highest power first (as :func:`numpy.polyval` takes them).
    r_squared_ : float or None
        :math:`R^2` of the regression on the scale it was fitted (:math:`\ln S` for
        exponential); ``None`` for a model built with :meth:`from_params`.
    log_likelihood_ : float or None
        The maximised log-likelihood of the least-squares fit read as a regression with
        independent normal errors, :math:`-\tfrac{n}{2}\left(\ln(2\pi\,\mathrm{RSS}/n) + 1\right)`,
        on the scale fitted; ``None`` for a model built with :meth:`from_params`.
    survivors_ : ndarray

    Notes
    -----
    Projections are returned as the curve gives them, even when they make no sense (a linear
    projection goes below zero, a quadratic one turns up again): that is the lesson.

    Least squares is maximum likelihood for a regression with independent, normal errors of
    constant variance :math:`\sigma^2`, and there the inverse Hessian of the log-likelihood is
    :math:`\sigma^2 (X^\top X)^{-1}`. :meth:`summary` uses it with the unbiased
    :math:`s^2 = \mathrm{RSS}/(n-k)` for :math:`\sigma^2` and Student's :math:`t` with
    :math:`n-k` degrees of freedom for the 95% interval (:math:`k` coefficients), the exact
    small-sample result under those assumptions (Greene 2012, ch. 4). Survivor counts
    are cumulative, so their errors are not independent (a bad year stays in every later count):
    the real uncertainty is larger than these intervals show, one more reason not to trust a
    curve's projection.

    References
    ----------
    Fader & Hardie (2007) (the curves and their projections). Greene, W. H. (2012).
    *Econometric Analysis*, 7th ed., Pearson, ch. 4 (least squares: covariance of the
    coefficients and interval estimates).

    Examples
    --------
    High-end customers, years 0–7 (Fader & Hardie 2007): the line fits with R² = 0.922 but
    projects 74 survivors in year 12 against 394 observed, 81% too few.

    >>> high_end = [1000, 869, 743, 653, 593, 551, 517, 491]
    >>> line = CurveFitProjection("linear").fit(high_end)
    >>> round(line.r_squared_, 3), round(line.project(12))
    (0.922, 74)
    """

    _FIT_CALL = "survivors"

    def __init__(self, kind="linear"):
        self.kind = kind

    @property
    def _PARAMS(self) -> tuple[str, ...]:
        return ("a", "b", "c") if self.kind == "quadratic" else ("a", "b")

    @classmethod
    def from_params(cls, kind="linear", *, a, b, c=None, cohort_size=None):
        """A curve with given coefficients (not fitted), e.g. to draw a guess.

        ``c`` is needed for ``"quadratic"`` only. ``cohort_size`` is what :meth:`survival`
        divides by (default: the curve's own value at period 0).

        Examples
        --------
        >>> line = CurveFitProjection.from_params("linear", a=1000, b=-80)
        >>> float(line.project(5)), float(line.survival(5))
        (600.0, 0.6)
        """
        check_choice(kind, "kind", CURVES)
        if (kind == "quadratic") != (c is not None):
            raise ValueError(text("error.retention_projection.c_quadratic_only", kind=repr(kind),
                                  c=repr(c)))
        values = [check_single_number(v, k, "finite") for k, v in (("a", a), ("b", b), ("c", c))
                  if v is not None]
        model = cls._from_values(values, kind=kind)
        start = model.project(0) if cohort_size is None else check_single_number(
            cohort_size, "cohort_size", "positive")
        model.survivors_ = np.array([float(start)])
        model.r_squared_ = None
        return model

    def fit(self, survivors):
        """Least-squares fit of the curve to survivors at periods 0, 1, …; returns self."""
        check_choice(self.kind, "kind", CURVES)
        counts = check_survivors(survivors)
        t = np.arange(counts.size, dtype=float)
        if self.kind == "exponential":
            if (counts <= 0).any():
                raise ValueError(text("error.retention_projection.exponential_positive",
                                      values=_show(counts)))
            y = np.log(counts)
        else:
            y = counts
        design = np.vander(t, len(self._PARAMS), increasing=True)  # columns 1, t, t²
        coefficients, *_ = np.linalg.lstsq(design, y, rcond=None)
        residual = y - design @ coefficients
        rss = float(residual @ residual)
        n, k = y.size, len(self._PARAMS)
        self.r_squared_ = float(1.0 - rss / ((y - y.mean()) @ (y - y.mean())))
        with np.errstate(divide="ignore"):
            log_likelihood = -n / 2 * (np.log(2 * np.pi * rss / n) + 1)
        covariance = (rss / (n - k) * np.linalg.inv(design.T @ design) if n > k else
                      np.full((k, k), np.nan))
        self.survivors_ = counts
        return self._set_fit(coefficients, log_likelihood=log_likelihood, covariance=covariance)

    @property
    def coef_(self) -> np.ndarray:
        """The coefficients, highest power first (for :func:`numpy.polyval`)."""
        return np.array(self._params()[::-1])

    def _interval(self, estimate, std_error):
        """Student's t interval with n − k degrees of freedom (see the class Notes)."""
        from scipy.stats import t as student_t

        freedom = self.survivors_.size - len(self._PARAMS)
        if freedom < 1:
            warnings.warn(text("warning.retention_projection.exact_fit", kind=self.kind,
                               coefficients=len(self._PARAMS), counts=self.survivors_.size),
                          IdentificationWarning, stacklevel=3)
            return np.full_like(estimate, np.nan), np.full_like(estimate, np.nan)
        half = student_t.ppf(0.975, freedom) * std_error
        return estimate - half, estimate + half

    def project(self, t):
        """Survivors after ``t`` periods, as the fitted curve projects them."""
        coefficients = self.coef_
        periods = _check_periods(t)
        value = np.polyval(coefficients, periods.astype(float))
        return as_output(np.exp(value) if self.kind == "exponential" else value, t)

    def survival(self, t):
        """Projected survivors as a share of the first count."""
        return as_output(np.asarray(self.project(t)) / self.survivors_[0], t)

    def _repr_settings(self):
        return [repr(self.kind)]


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
        raise ValueError(text("error.retention_projection.calibration_too_long", k=k,
                              periods=counts.size - 1))
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
