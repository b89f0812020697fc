r"""Predict purchases and spend from purchase histories: the BG/NBD and Gamma-Gamma models.

In most businesses nobody tells the firm when a customer leaves: it only sees purchases. The
BG/NBD model (beta-geometric / negative binomial distribution) of Fader, Hardie & Lee (2005)
tells a simple story about each customer:

1. While **alive** (active, 活跃), a customer buys at their own steady rate :math:`\lambda`
   (purchases per time unit, at random moments: a Poisson process).
2. After **any** purchase the customer may drop out (流失) for good, with their own probability
   :math:`p`.
3. Customers differ: rates :math:`\lambda` follow a gamma distribution with shape :math:`r`
   and scale parameter :math:`\alpha`; dropout probabilities :math:`p` follow a beta
   distribution with parameters :math:`a, b`.

Each customer's history is summarised by :math:`(x, t_x, T)` — repeat purchases, the time of
the last one since the first, and the customer's age (see :func:`crmlib.calibration_summary`);
the four parameters are estimated by maximum likelihood. The Gamma-Gamma model (Fader, Hardie
& Lee 2005, JMR; Fader & Hardie 2013) adds how much customers spend per purchase. Together they
give each customer's expected future purchases, the probability they are still alive, their
expected spend and a model-based customer lifetime value (CLV, 客户终生价值).

Times are in whatever unit the summary used (weeks in the papers): the rate parameter
:math:`\alpha` is in that unit, and every prediction horizon ``t`` must be too. The fits do not
depend on the unit (they rescale internally): recency and age in days or milliseconds, spend in
yuan or cents, give the same :math:`r, a, b` (:math:`p, q`) and a rescaled :math:`\alpha`
(:math:`\gamma`). Both models follow :mod:`crmlib.models`: ``summary()`` gives standard errors,
and a fit the data cannot identify raises or warns with an
:class:`~crmlib.models.IdentificationWarning`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib._docstrings import shared_doc
from crmlib._validation import (
    _show,
    as_day_number,
    as_float_array,
    as_output,
    check_choice,
    check_nonnegative,
    check_positive,
    check_rate,
    check_scalar,
    check_whole_number,
)
from crmlib.clv import TIMINGS
from crmlib.i18n import texts_under
from crmlib.models import Model, log_scale_covariance, numerical_hessian
from crmlib.purchase_log import purchase_days
from crmlib.units import (
    TIME_UNIT_NAMES,
    check_time_unit,
    discount_rate_per_period,
    periods_per_year,
)

__all__ = [
    "BetaGeoModel",
    "GammaGammaModel",
    "predicted_customer_lifetime_value",
    "purchase_tracking",
    "repeat_purchase_histogram",
    "frequency_recency_grid",
    "simulate_purchase_histories",
    "spend_frequency_correlation",
]

#: Log-parameter bounds for the optimiser: exp(±20) covers any sensible model.
_LOG_BOUND = 20.0


#: The error messages a student meets, in the kit's language (``errors_prediction.toml``).
_message = texts_under("error.purchase_models")


# --------------------------------------------------------------------------- input checks


def _position(values, k: int) -> str:
    """How to point at element ``k`` of the caller's input: its Series label or its position."""
    if isinstance(values, pd.Series):  # None or an array: say the position
        label = values.index[k]
        return _message("at_customer", label=label.item() if hasattr(label, "item") else label)
    return _message("at_position", k=k)


def _reject_tables(**values):
    """A DataFrame where one column is expected is a mistake; ``summary.T`` is the usual one."""
    for name, value in values.items():
        if isinstance(value, pd.DataFrame):
            raise TypeError(_message("one_column_T" if name == "T" else "one_column", name=name))


def _check_frequency(frequency, *, minimum: int = 0) -> np.ndarray:
    x = check_nonnegative(frequency, "frequency")
    if (x != np.round(x)).any():
        bad = x[x != np.round(x)].ravel()[0]
        raise ValueError(_message("whole_frequency", bad=bad, values=_show(frequency)))
    if minimum and (x < minimum).any():
        raise ValueError(_message("minimum_frequency", minimum=minimum, values=_show(frequency)))
    return x


def _check_history(frequency, recency, T):
    """Frequency, recency and age as broadcast float arrays, checked against each other."""
    _reject_tables(frequency=frequency, recency=recency, T=T)
    x = _check_frequency(frequency)
    tx = check_nonnegative(recency, "recency")
    age = check_nonnegative(T, "T")
    try:
        x, tx, age = np.broadcast_arrays(x, tx, age)
    except ValueError:
        raise ValueError(_message("history_lengths", x_shape=np.shape(x),
                                  recency_shape=np.shape(tx), T_shape=np.shape(age))) from None
    source = next((v for v in (frequency, recency, T) if isinstance(v, pd.Series)), None)
    flat_x, flat_tx, flat_T = x.ravel(), tx.ravel(), age.ravel()
    rules = [
        (flat_tx > flat_T * (1 + 1e-12) + 1e-12, "recency_above_T"),
        ((flat_x > 0) & (flat_tx == 0), "recency_zero"),
        ((flat_x == 0) & (flat_tx > 0), "recency_without_repeat"),
    ]
    for broken, key in rules:
        if broken.any():
            k = int(np.flatnonzero(broken)[0])
            raise ValueError(_message(key, x=flat_x[k], tx=flat_tx[k], T=flat_T[k],
                                      where=_position(source, k)))
    return x, tx, age


def _check_horizon(t) -> np.ndarray:
    """A prediction horizon ``t``: a time of 0 or more, in the model's unit."""
    return check_nonnegative(t, "t")


# --------------------------------------------------------------------------- BG/NBD


def _bgnbd_negative_log_likelihood(log_params, data):
    """Mean negative log-likelihood of the BG/NBD and its gradient in log-parameter space.

    ``data`` (from :func:`_aggregate_history`) holds the distinct (x, t_x, T) rows and how many
    customers share each (``weight``), plus the distinct frequencies (``x_values``), each row's
    index into them and the customers per frequency (``x_weight``), so the gamma-function
    terms are computed and summed once per distinct frequency.
    """
    from scipy.special import digamma, gammaln

    r, alpha, a, b = np.exp(log_params)
    xv, xi, weight, x_weight = data["x_values"], data["x_index"], data["weight"], data["x_weight"]
    x, tx, age, repeat, total = data["x"], data["t_x"], data["T"], data["repeat"], data["total"]

    # terms that depend on x only: once per distinct frequency (one special-function call each
    # for the columns r + x, b + x, a + b + x and the row r, b, a + b)
    shifted = np.add.outer(xv, [r, b, a + b])
    lg_x, dg_x = gammaln(shifted), digamma(shifted)
    lg_0, dg_0 = gammaln([r, b, a + b]), digamma([r, b, a + b])
    lg = lg_x[:, 0] - lg_0[0] + lg_0[2] + lg_x[:, 1] - lg_0[1] - lg_x[:, 2]
    dg_r = dg_x[:, 0] - dg_0[0]
    dg_ab = dg_0[2] - dg_x[:, 2]
    dg_b = dg_x[:, 1] - dg_0[1]
    b_x1 = b + np.maximum(xv, 1.0) - 1.0

    log_alpha = np.log(alpha)
    log_alpha_T = np.log(alpha + age)
    gap = log_alpha_T - np.log(alpha + tx)  # ln((alpha + T) / (alpha + t_x))
    rx = r + x
    # ln A3 and ln A4 of Fader, Hardie & Lee's spreadsheet: ln A3 = -(r + x) ln(alpha + T) and
    # d = ln A4 - ln A3 (-inf when x = 0); the likelihood is A3 (1 + e^d)
    d = np.where(repeat, (np.log(a) - np.log(b_x1))[xi] + rx * gap, -np.inf)
    e = np.exp(-np.abs(d))  # one exponential gives both ln(1 + e^d) and e^d / (1 + e^d)
    softplus = np.maximum(d, 0.0) + np.log1p(e)
    w = np.where(d > 0, 1.0, e) / (1.0 + e)  # share of "dropped out after the last purchase"

    log_likelihood = x_weight @ lg + total * r * log_alpha + weight @ (softplus - rx * log_alpha_T)
    weighted_w = weight * w
    g_r = x_weight @ dg_r + total * log_alpha - weight @ log_alpha_T + weighted_w @ gap
    g_alpha = total * r / alpha - weight @ (rx * ((1 - w) / (alpha + age) + w / (alpha + tx)))
    g_a = x_weight @ dg_ab + weighted_w.sum() / a
    g_b = x_weight @ (dg_ab + dg_b) - weighted_w @ (1.0 / b_x1)[xi]
    grad = -np.array([r * g_r, alpha * g_alpha, a * g_a, b * g_b]) / total
    return -log_likelihood / total, grad


def _aggregate_history(x, tx, age):
    """Distinct (x, t_x, T) rows and their counts: equal histories share one likelihood term."""
    # hash each column to small codes, combine the codes into one integer key per row and hash
    # that (much faster than np.unique(..., axis=0) on a float table, and no sorting)
    x, tx, age = x.ravel(), tx.ravel(), age.ravel()
    codes = [pd.factorize(column)[0].astype(np.int64) for column in (x, tx, age)]
    key = (codes[0] * (codes[1].max() + 1) + codes[1]) * (codes[2].max() + 1) + codes[2]
    row, distinct = pd.factorize(key)
    weight = np.bincount(row).astype(float)
    first = np.empty(distinct.size, dtype=np.int64)
    first[row[::-1]] = np.arange(row.size - 1, -1, -1)  # each distinct row's first customer
    x, tx, age = x[first], tx[first], age[first]
    x_values, x_index = np.unique(x, return_inverse=True)
    return {"x": x, "t_x": tx, "T": age, "repeat": x > 0, "weight": weight,
            "total": weight.sum(), "x_values": x_values, "x_index": x_index,
            "x_weight": np.bincount(x_index, weights=weight, minlength=x_values.size)}


def _minimise(objective, start, data, what: str):
    """L-BFGS-B on log-parameters with an analytic gradient; deterministic, no tuning."""
    from scipy.optimize import minimize

    bounds = [(-_LOG_BOUND, _LOG_BOUND)] * len(start)
    result = minimize(objective, np.asarray(start, dtype=float), args=(data,), jac=True,
                      method="L-BFGS-B", bounds=bounds,
                      options={"maxiter": 1000, "ftol": 1e-13, "gtol": 1e-9})
    if not np.all(np.isfinite(result.x)) or not np.isfinite(result.fun):
        raise RuntimeError(_message("no_convergence", model=what, reason=result.message))
    gradient = np.abs(result.jac).max()
    # a parameter running off to the search limit is reported by the identification check
    if not result.success and gradient > 1e-4 and not _at_limit(result.x).any():
        raise RuntimeError(_message("no_convergence_gradient", model=what, reason=result.message,
                                    gradient=gradient))
    return result


def _at_limit(log_params) -> np.ndarray:
    """Parameters within 1% of the search limit e^(±20): the optimiser stops short of the limit
    where the likelihood flattens out."""
    return np.abs(log_params) >= _LOG_BOUND - 0.01


def _maximum_likelihood(model, objective, start, data, *, n, log_scale, log_likelihood_shift,
                        observations):
    """Fit ``model`` on rescaled data and store the estimates in the data's own units.

    ``objective`` is the mean negative log-likelihood of the rescaled ``data`` in
    log-parameters; ``log_scale`` is added to each log-parameter to return to the caller's
    units (ln of the time or money unit for a scale parameter, 0 otherwise) and
    ``log_likelihood_shift`` to the log-likelihood (the Jacobian of the rescaling, so that
    ``log_likelihood_`` is that of the data as given). Warns when the data cannot identify the
    parameters (:func:`crmlib.models.log_scale_covariance`), naming the ``observations``
    (``"customers"`` or ``"repeat_buyers"``, keys of the text catalogue) and what to do.
    """
    what = {"BetaGeoModel": "BG/NBD", "GammaGammaModel": "Gamma-Gamma"}[type(model).__name__]
    result = _minimise(objective, start, data, what)
    at_bound = _at_limit(result.x)
    hessian = n * numerical_hessian(lambda x: objective(x, data)[1], result.x, result.jac)
    log_params = result.x + log_scale
    name = type(model).__name__
    log_covariance = log_scale_covariance(
        what, model._PARAMS, log_params, hessian, at_bound, n_observations=n,
        observations=_message(f"observations.{observations}"),
        hint=_message(f"identification_hint.{name}"), stacklevel=3)
    values = np.exp(log_params)
    model.n_customers_ = int(n)
    return model._set_fit(values, log_likelihood=-result.fun * n + log_likelihood_shift,
                          covariance=log_covariance * np.outer(values, values))


def _check_enough(n: int, model, observations: str):
    """Refuse a fit with fewer customers than parameters: nothing could be identified."""
    k = len(model._PARAMS)
    if n < k:
        raise ValueError(_message("too_few", model_class=type(model).__name__, k=k, n=n,
                                  observations=_message(f"observations.{observations}")))


@shared_doc
class BetaGeoModel(Model):
    r"""The BG/NBD model: customers buy at random while alive and may drop out after any purchase.

    Likelihood of one customer with :math:`x` repeat purchases, the last at :math:`t_x`, and
    age :math:`T` (Fader, Hardie & Lee 2005, eq. 6):

    .. math::
        L = \frac{B(a, b+x)}{B(a, b)} \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)(\alpha+T)^{r+x}}
            + \delta_{x>0} \frac{B(a+1, b+x-1)}{B(a, b)}
              \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)(\alpha+t_x)^{r+x}}

    The first term is "still alive and silent since :math:`t_x`", the second "dropped out just
    after the last purchase".

    Attributes
    ----------
    params_ : dict
        ``{"r", "alpha", "a", "b"}`` after :meth:`fit`. :math:`r/\alpha` is the mean purchase
        rate of an alive customer per time unit; :math:`a/(a+b)` the mean probability of
        dropping out after a purchase.
    log_likelihood_ : float or None
        The maximised log-likelihood (sum over customers), for the data in the unit given;
        ``None`` for a model built with :meth:`from_params`.
    n_customers_ : int or None
        Number of customers the model was fitted on (``None`` after :meth:`from_params`).

    Notes
    -----
    * Maximum likelihood over the logarithms of the four parameters (so they stay positive),
      with L-BFGS-B and the analytic gradient, from a start computed from the data; customers
      with the same :math:`(x, t_x, T)` share one likelihood term. The fit is deterministic.
    * Times are divided by the customers' mean age before fitting, so the fit is the same in
      any unit; :math:`\alpha` and ``log_likelihood_`` are reported in the unit given.
    * Fewer customers than parameters (4) raise a ``ValueError``. A parameter that ends at the
      search limit (:math:`e^{\pm 20}` in those units), a flat log-likelihood or a 95%
      interval wider than a factor of 100 gives an :class:`~crmlib.models.IdentificationWarning`.
      Even on CDNOW's 2,357 customers :math:`a` and :math:`b` are only weakly identified
      (:meth:`summary`: 0.79 ± 0.19 and 2.43 ± 0.71), their ratio much better.
    * A customer with no repeat purchase cannot have dropped out in this model (dropout happens
      only after a purchase), so their P(alive) is 1 — see :meth:`probability_alive`.

    References
    ----------
    {{fader_hardie_lee_2005_counting}}

    Examples
    --------
    The published CDNOW estimates (Fader, Hardie & Lee 2005, Section 7) and their worked
    customer: 2 repeat purchases, the last at 30.43 weeks, age 38.86 weeks, expects 1.226
    purchases in the next 39 weeks.

    >>> model = BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> round(model.conditional_expected_purchases(39, 2, 30.43, 38.86), 3)
    1.226
    """

    _PARAMS = ("r", "alpha", "a", "b")
    _FIT_CALL = "frequency, recency, T"

    @classmethod
    def from_params(cls, *, r, alpha, a, b) -> BetaGeoModel:
        """A model with given parameters (e.g. published ones) instead of fitted ones."""
        model = cls._from_values([check_scalar(check_positive(v, k), k) for k, v in
                                  dict(r=r, alpha=alpha, a=a, b=b).items()])
        model.n_customers_ = None
        return model

    def fit(self, frequency, recency, T) -> BetaGeoModel:
        """Estimate :math:`r, \\alpha, a, b` by maximum likelihood.

        Parameters
        ----------
        frequency : array-like of int
            :math:`x`, repeat purchase days of each customer in the calibration period.
        recency : array-like
            :math:`t_x`, time from the first to the last purchase (0 without repeat purchases).
        T : array-like
            Customer age: time from the first purchase to the end of the calibration period,
            in the same unit as ``recency``.

        Returns
        -------
        BetaGeoModel
            ``self``, with ``params_``, ``log_likelihood_`` and ``n_customers_``.
        """
        x, tx, age = _check_history(frequency, recency, T)
        if not (x > 0).any():
            raise ValueError(_message("no_repeat_buyers"))
        _check_enough(x.size, self, "customers")
        # fit in units of the customers' mean age, so weeks, days or milliseconds give the
        # same fit: alpha is a time and scales with the unit; r, a, b are pure numbers
        unit = float(age.mean())
        data = _aggregate_history(x, tx / unit, age / unit)
        # start: r = 1 and alpha matching the observed purchase rate; a = 1, b = 3 (BTYD's)
        rate = x.sum() / max(age.sum() / unit, 1e-9)
        start = np.log([1.0, 1.0 / max(rate, 1e-9), 1.0, 3.0])
        start = np.clip(start, -_LOG_BOUND + 1, _LOG_BOUND - 1)
        # each repeat purchase's time density carries 1/unit: L(data as given) = L(scaled) / unit^x
        return _maximum_likelihood(
            self, _bgnbd_negative_log_likelihood, start, data, n=x.size,
            log_scale=np.log([1.0, unit, 1.0, 1.0]),
            log_likelihood_shift=-np.log(unit) * x.sum(), observations="customers")

    def _future_purchases(self, t, x, tx, age):
        """Eq. 10 of FHL (2005), with Euler's transformation of the 2F1 so it stays finite."""
        from scipy.special import hyp2f1

        r, alpha, a, b = self._params()

        def value(a_):
            c = a_ + b + x - 1.0
            z = t / (alpha + age + t)
            bracket = 1.0 - (1.0 - z) ** (a_ - 1.0) * hyp2f1(a_ + b - 1.0 - r, a_ - 1.0, c, z)
            return c / (a_ - 1.0) * bracket

        if abs(a - 1.0) < 1e-7:  # a removable 0/0 at a = 1: average the two sides
            numerator = 0.5 * (value(1.0 - 1e-6) + value(1.0 + 1e-6))
        else:
            numerator = value(a)
        return numerator * self._alive(x, tx, age)

    def _alive(self, x, tx, age):
        r, alpha, a, b = self._params()
        b_x1 = b + np.maximum(x, 1.0) - 1.0
        log_odds = np.log(a) - np.log(b_x1) + (r + x) * (np.log(alpha + age) - np.log(alpha + tx))
        return np.where(x > 0, 1.0 / (1.0 + np.exp(np.minimum(log_odds, 700.0))), 1.0)

    def expected_purchases(self, t):
        r"""Expected repeat purchases of a new customer in their first ``t`` time units.

        .. math::
            E[X(t)] = \frac{a+b-1}{a-1}\left[1 - \left(\frac{\alpha}{\alpha+t}\right)^r
            {}_2F_1\!\left(r, b; a+b-1; \frac{t}{\alpha+t}\right)\right]

        (Fader, Hardie & Lee 2005, eq. 9.)

        Parameters
        ----------
        t : float or array-like
            Time since the first purchase, in the model's time unit (weeks for CDNOW).

        Returns
        -------
        float, ndarray or Series
            Expected number of repeat purchases.

        Examples
        --------
        Fader & Hardie's BG/NBD spreadsheet for CDNOW gives 0.0532 after one week, 1.0437
        after 32 weeks and 1.8576 after 78 weeks, with the maximum-likelihood parameters:

        >>> from crmlib import calibration_summary, datasets
        >>> summary = calibration_summary(datasets.load_cdnow(), calibration_end="1997-09-30")
        >>> model = BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
        >>> [round(model.expected_purchases(w), 3) for w in (1, 32, 78)]
        [0.053, 1.044, 1.858]
        """
        time = _check_horizon(t)
        zero = np.zeros_like(time)
        return as_output(self._future_purchases(time, zero, zero, zero), t)

    def conditional_expected_purchases(self, t, frequency, recency, T):
        r"""Expected purchases in the next ``t`` time units of a customer with a known history.

        .. math::
            E[Y(t) \mid x, t_x, T] =
            \frac{\frac{a+b+x-1}{a-1}\left[1-\left(\frac{\alpha+T}{\alpha+T+t}\right)^{r+x}
            {}_2F_1\left(r+x, b+x; a+b+x-1; \frac{t}{\alpha+T+t}\right)\right]}
            {1+\delta_{x>0}\frac{a}{b+x-1}\left(\frac{\alpha+T}{\alpha+t_x}\right)^{r+x}}

        (Fader, Hardie & Lee 2005, eq. 10; computed with Euler's transformation
        :math:`{}_2F_1(A, B; C; z) = (1-z)^{C-A-B}\,{}_2F_1(C-A, C-B; C; z)` (Abramowitz &
        Stegun 15.3.3), which turns the product into
        :math:`(1-z)^{a-1}\,{}_2F_1(a+b-1-r, a-1; a+b+x-1; z)` and stays finite for heavy
        buyers.)

        Parameters
        ----------
        t : float or array-like
            Length of the future period, in the model's time unit.
        frequency, recency, T : float or array-like
            The customer's history, as in :meth:`fit`. Arrays broadcast against ``t``.

        Returns
        -------
        float, ndarray or Series
            Expected number of purchases in :math:`(T, T+t]`.

        Examples
        --------
        >>> model = BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> round(model.conditional_expected_purchases(39, 2, 30.43, 38.86), 3)
        1.226
        """
        time = _check_horizon(t)
        x, tx, age = _check_history(frequency, recency, T)
        return as_output(self._future_purchases(time, x, tx, age), frequency, recency, T, t)

    def probability_alive(self, frequency, recency, T):
        r"""Probability that a customer with this history is still alive (active) at age ``T``.

        .. math::
            P(\text{alive} \mid x, t_x, T) = \left[1 + \delta_{x>0}\,\frac{a}{b+x-1}
            \left(\frac{\alpha+T}{\alpha+t_x}\right)^{r+x}\right]^{-1}

        (Fader, Hardie & Lee 2005, from eqs. 6 and A2.)

        Parameters
        ----------
        frequency, recency, T : float or array-like
            The customer's history, as in :meth:`fit`.

        Returns
        -------
        float, ndarray or Series
            A probability between 0 and 1.

        Notes
        -----
        A customer with no repeat purchase gets P(alive) = 1, however long ago they bought:
        in the BG/NBD a customer can only drop out right after a purchase, and a one-time buyer
        has not yet made a repeat purchase after which to leave. It is a known property of the
        model, not a bug; for one-time buyers look at expected purchases instead, which do fall
        with age (a long silence says the customer's purchase rate is low).

        Examples
        --------
        A hand calculation for the worked customer (x = 2, t_x = 30.43, T = 38.86):
        0.793/3.426 = 0.2315, (43.274/34.844)^2.243 = 1.6258, 1 / (1 + 0.2315 × 1.6258) = 0.727.

        >>> model = BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> round(model.probability_alive(2, 30.43, 38.86), 3)
        0.727
        >>> model.probability_alive(0, 0, 38.86)
        1.0
        """
        x, tx, age = _check_history(frequency, recency, T)
        return as_output(self._alive(x, tx, age), frequency, recency, T)

    def purchase_count_probability(self, n, t):
        r"""Probability that a new customer makes exactly ``n`` repeat purchases by time ``t``.

        .. math::
            P(X(t) = n) = \frac{B(a, b+n)}{B(a, b)} \frac{\Gamma(r+n)}{\Gamma(r)\,n!}
            \left(\frac{\alpha}{\alpha+t}\right)^r \left(\frac{t}{\alpha+t}\right)^n
            + \delta_{n>0} \frac{B(a+1, b+n-1)}{B(a, b)}
            \left[1 - \left(\frac{\alpha}{\alpha+t}\right)^r \sum_{j=0}^{n-1}
            \frac{\Gamma(r+j)}{\Gamma(r)\,j!}\left(\frac{t}{\alpha+t}\right)^j\right]

        (Fader, Hardie & Lee 2005, eq. 8; the sum is a negative binomial distribution function,
        computed as a regularised incomplete beta function.)

        Parameters
        ----------
        n : int or array-like of int
            Number of repeat purchases.
        t : float or array-like
            Time since the first purchase, in the model's time unit.

        Returns
        -------
        float or ndarray
            Probabilities (``n`` and ``t`` broadcast).

        Examples
        --------
        >>> model = BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> total = sum(model.purchase_count_probability(n, 39.0) for n in range(200))
        >>> round(total, 6)
        1.0
        """
        from scipy.special import betainc, betaln, gammaln

        r, alpha, a, b = self._params()
        count = _check_frequency(n)
        time = _check_horizon(t)
        count, time = np.broadcast_arrays(count, time)
        log_p = np.log(alpha) - np.log(alpha + time)
        with np.errstate(divide="ignore", invalid="ignore"):
            log_q = np.where(time > 0, np.log(time) - np.log(alpha + time), -np.inf)
            log_q_n = np.where(count > 0, count * log_q, 0.0)
        alive = np.exp(betaln(a, b + count) - betaln(a, b) + gammaln(r + count) - gammaln(r)
                       - gammaln(count + 1) + r * log_p + log_q_n)
        safe = np.maximum(count, 1.0)
        # 1 - NBD cdf(n - 1) = P(at least n purchases in an NBD) = I_{1-p}(n, r)
        at_least = betainc(safe, r, time / (alpha + time))
        dropped = np.exp(betaln(a + 1, b + safe - 1) - betaln(a, b)) * at_least
        result = alive + np.where(count > 0, dropped, 0.0)
        return float(result) if result.ndim == 0 else result


def _check_fitted_purchase_model(model):
    if not isinstance(model, BetaGeoModel):
        raise TypeError(_message("not_a_purchase_model", kind=type(model).__name__))
    model._params()
    return model


# --------------------------------------------------------------------------- Gamma-Gamma


def _spend_data(x, z):
    """What the Gamma-Gamma likelihood needs: each buyer's x and mean spend z, the distinct
    frequencies with their counts, and the sums that do not depend on the parameters."""
    x_values, x_index, x_count = np.unique(x, return_inverse=True, return_counts=True)
    log_z = np.log(z)
    return {"x": x, "z": z, "n": x.size, "x_values": x_values, "x_count": x_count.astype(float),
            "sum_log_z": log_z.sum(), "sum_x_log_z": x @ log_z}


def _gamma_gamma_negative_log_likelihood(log_params, data):
    r"""Mean negative log-likelihood of the Gamma-Gamma spend model and its gradient.

    The terms :math:`\Gamma(px+q)/(\Gamma(px)\Gamma(q)) = 1/B(px, q)` and :math:`x^{px}`
    depend on the frequency only, so they are computed once per distinct frequency (``data``
    from :func:`_spend_data`); only :math:`\ln(\gamma + x\bar z)` is needed per buyer.
    """
    from scipy.special import betaln, digamma

    p, q, gamma = np.exp(log_params)
    x, z, n = data["x"], data["z"], data["n"]
    xv, count = data["x_values"], data["x_count"]
    pxv = p * xv
    log_xv = np.log(xv)
    dg = digamma(pxv + q)
    scale = gamma + x * z
    log_scale = np.log(scale)
    x_log_scale, sum_log_scale = x @ log_scale, log_scale.sum()
    log_gamma = np.log(gamma)
    # Gamma(px+q) / (Gamma(px) Gamma(q)) = 1 / B(px, q), accurate even when px is huge
    ll = (count @ (pxv * log_xv - betaln(pxv, q)) + n * q * log_gamma
          + p * data["sum_x_log_z"] - data["sum_log_z"] - p * x_log_scale - q * sum_log_scale)
    g_p = count @ (xv * (dg - digamma(pxv) + log_xv)) + data["sum_x_log_z"] - x_log_scale
    g_q = count @ dg - n * digamma(q) + n * log_gamma - sum_log_scale
    g_gamma = n * q / gamma - (p * x + q) @ (1.0 / scale)
    grad = -np.array([p * g_p, q * g_q, gamma * g_gamma]) / n
    return -ll / n, grad


def _check_spend(frequency, monetary_value):
    x = _check_frequency(frequency, minimum=1)
    z = as_float_array(monetary_value, "monetary_value")
    if np.isinf(z).any():
        raise ValueError(_message("spend_not_finite", values=_show(monetary_value)))
    if (z < 0).any():
        raise ValueError(_message("spend_negative", values=_show(monetary_value)))
    if (z == 0).any():
        raise ValueError(_message("spend_zero", values=_show(monetary_value)))
    try:
        x, z = np.broadcast_arrays(x, z)
    except ValueError:
        raise ValueError(_message("spend_lengths", x_shape=np.shape(x),
                                  z_shape=np.shape(z))) from None
    return x, z


class GammaGammaModel(Model):
    r"""The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005; Fader & Hardie 2013).

    Each purchase's spend :math:`z` varies around the customer's own mean: :math:`z \sim
    \text{gamma}(p, \nu)`; the customers' :math:`\nu` vary as :math:`\nu \sim \text{gamma}(q,
    \gamma)`. A customer with :math:`x` purchases of mean :math:`\bar z` then has

    .. math::
        f(\bar z \mid p, q, \gamma, x) = \frac{\Gamma(px+q)}{\Gamma(px)\Gamma(q)}
        \frac{\gamma^q\, x^{px}\, \bar z^{px-1}}{(\gamma + x\bar z)^{px+q}}

    Attributes
    ----------
    params_ : dict
        ``{"p", "q", "gamma"}`` after :meth:`fit`.
    log_likelihood_ : float or None
        The maximised log-likelihood (sum over customers), for the spend in the currency given;
        ``None`` for a model built with :meth:`from_params`.
    n_customers_ : int or None
        Number of repeat buyers the model was fitted on (``None`` after :meth:`from_params`).
    mean_spend_ : float
        :math:`E(Z) = p\gamma/(q-1)`, the mean spend per purchase across customers. It needs
        :math:`q > 1`: with :math:`q \le 1` the mean is infinite and ``mean_spend_`` is
        ``inf`` (a repeat buyer's :meth:`conditional_expected_spend` can still be finite).

    Notes
    -----
    * Fit on **repeat buyers only** (frequency ≥ 1) with the mean spend of their repeat
      purchases, as :func:`crmlib.calibration_summary` computes it.
    * The model assumes a customer's spend per purchase is independent of how often they buy;
      check it with :func:`spend_frequency_correlation` (a correlation near 0 is what you want).
    * Spend is divided by its mean before fitting, so the fit is the same in any currency unit;
      :math:`\gamma` and ``log_likelihood_`` are reported in the unit given. Fewer than 3 repeat
      buyers raise a ``ValueError``; a fit the data cannot identify warns
      (:class:`~crmlib.models.IdentificationWarning`).

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value curves for
    customer base analysis. *Journal of Marketing Research* 42(4), 415–430. Fader, P. S. &
    Hardie, B. G. S. (2013). The Gamma-Gamma model of monetary value (note 025,
    brucehardie.com).

    Examples
    --------
    With the published CDNOW estimates, the mean spend per purchase across customers is
    6.25 × 15.44 / (3.74 − 1) = 35.22 dollars.

    >>> spend = GammaGammaModel.from_params(p=6.25, q=3.74, gamma=15.44)
    >>> round(spend.mean_spend_, 2)
    35.22
    """

    _PARAMS = ("p", "q", "gamma")
    _FIT_CALL = "frequency, monetary_value"

    @classmethod
    def from_params(cls, *, p, q, gamma) -> GammaGammaModel:
        """A model with given parameters (e.g. published ones) instead of fitted ones."""
        model = cls._from_values([check_scalar(check_positive(v, k), k) for k, v in
                                  dict(p=p, q=q, gamma=gamma).items()])
        model.n_customers_ = None
        return model

    def fit(self, frequency, monetary_value) -> GammaGammaModel:
        """Estimate :math:`p, q, \\gamma` by maximum likelihood on repeat buyers.

        Parameters
        ----------
        frequency : array-like of int
            Repeat purchases of each customer, all at least 1.
        monetary_value : array-like
            Each customer's mean spend per repeat purchase (money), above 0.

        Returns
        -------
        GammaGammaModel
            ``self``, with ``params_``, ``log_likelihood_`` and ``n_customers_``.
        """
        x, z = _check_spend(frequency, monetary_value)
        x, z = x.ravel(), z.ravel()
        _check_enough(x.size, self, "repeat_buyers")
        # fit in units of the mean spend, so yuan, cents or any currency give the same fit:
        # gamma is money and scales with the unit; p and q are pure numbers
        unit = float(z.mean())
        scaled = z / unit
        data = _spend_data(x, scaled)
        # start from the method of moments of a single gamma: p = mean^2/var of spend, q = 2
        mean, var = scaled.mean(), scaled.var()
        p0 = mean**2 / var if var > 0 else 1.0
        start = np.log([p0, 2.0, mean / p0])
        # the density of each mean spend carries 1/unit: L(data as given) = L(scaled) / unit^n
        return _maximum_likelihood(
            self, _gamma_gamma_negative_log_likelihood, start, data, n=x.size,
            log_scale=np.log([1.0, 1.0, unit]), log_likelihood_shift=-np.log(unit) * x.size,
            observations="repeat_buyers")

    @property
    def mean_spend_(self) -> float:
        p, q, gamma = self._params()
        return p * gamma / (q - 1.0) if q > 1 else float("inf")

    def conditional_expected_spend(self, frequency, monetary_value):
        r"""Expected spend per future purchase of a customer with a known spending history.

        .. math::
            E(Z \mid p, q, \gamma, \bar z, x) = \frac{p(\gamma + x\bar z)}{px+q-1}
            = \frac{q-1}{px+q-1}\,\frac{p\gamma}{q-1} + \frac{px}{px+q-1}\,\bar z

        The posterior mean of :math:`p/\nu` given the customer's :math:`x` purchases of mean
        :math:`\bar z`. When :math:`q > 1` it is a weighted mean of the population mean
        :math:`p\gamma/(q-1)` and the customer's own mean :math:`\bar z`; the more purchases,
        the more weight on the customer's own mean (Fader, Hardie & Lee 2005, JMR, eq. 5;
        Fader & Hardie 2013).

        Parameters
        ----------
        frequency : int or array-like
            Repeat purchases :math:`x`. With 0 the answer is the population mean.
        monetary_value : float or array-like
            Mean spend of those purchases :math:`\bar z` (money); ignored when ``frequency``
            is 0.

        Returns
        -------
        float, ndarray or Series
            Expected spend per purchase (money).

        Notes
        -----
        The expectation is finite when :math:`px + q > 1`. For a repeat buyer (:math:`x \ge 1`)
        that holds for any :math:`q > 1 - p`, including :math:`q \le 1` when :math:`p \ge 1`:
        a customer's own purchases tell the model enough about them. For :math:`x = 0` it is the
        population mean, which needs :math:`q > 1` (with :math:`q \le 1` the spread of mean
        spends across customers is so wide that their average is infinite); such a request
        raises a ``ValueError`` that says so.

        Examples
        --------
        Published CDNOW parameters; a customer with 2 purchases of mean 30 dollars:
        (2.74 × 35.22 + 12.5 × 30) / (12.5 + 2.74) = 30.94.

        >>> spend = GammaGammaModel.from_params(p=6.25, q=3.74, gamma=15.44)
        >>> round(spend.conditional_expected_spend(2, 30.0), 2)
        30.94

        With :math:`q = 0.8` the population mean is infinite, but a repeat buyer's expected spend
        is not: 6.25 × (15.44 + 2 × 30) / (12.5 + 0.8 − 1) = 471.5 / 12.3 = 38.33.

        >>> heavy_tail = GammaGammaModel.from_params(p=6.25, q=0.8, gamma=15.44)
        >>> round(heavy_tail.conditional_expected_spend(2, 30.0), 2)
        38.33
        """
        p, q, gamma = self._params()
        x = _check_frequency(frequency)
        z = check_nonnegative(monetary_value, "monetary_value")
        denominator = p * x + q - 1.0
        if (denominator <= 0).any():
            smallest = float(np.min(x))
            raise ValueError(_message("spend_infinite_new" if smallest == 0 else "spend_infinite",
                                      frequency=smallest, p=p, q=q))
        value = p * (gamma + x * z) / denominator
        return as_output(value, frequency, monetary_value)


def spend_frequency_correlation(frequency, monetary_value) -> float:
    """Pearson correlation between repeat buyers' purchase counts and their mean spend.

    The Gamma-Gamma model assumes that how much a customer spends per purchase does not depend
    on how often they buy. A correlation near 0 supports the assumption; a clear one (say
    beyond ±0.3) means the spend model's predictions will be biased for heavy or light buyers.

    Parameters
    ----------
    frequency : array-like of int
        Repeat purchases, all at least 1 (repeat buyers only).
    monetary_value : array-like
        Mean spend per repeat purchase, above 0.

    Returns
    -------
    float
        Between −1 and 1.

    Examples
    --------
    >>> round(spend_frequency_correlation([1, 2, 3, 4], [10.0, 20.0, 30.0, 40.0]), 3)
    1.0
    """
    x, z = _check_spend(frequency, monetary_value)
    if x.size < 3 or x.ravel().std() == 0 or z.ravel().std() == 0:
        raise ValueError(_message("correlation_data"))
    return float(np.corrcoef(x.ravel(), z.ravel())[0, 1])


# --------------------------------------------------------------------------- model-based CLV


@shared_doc
def predicted_customer_lifetime_value(purchase_model, frequency, recency, T, expected_spend, *,
                                      profit_margin, annual_discount_rate, horizon,
                                      time_unit="W", when="end"):
    r"""Model-based CLV: expected purchases × expected spend × margin, discounted, over a horizon.

    .. math::
        \mathrm{CLV}_i = m\,\bar s_i \sum_{k=1}^{H}
        \frac{E[Y_i(k)] - E[Y_i(k-1)]}{(1+d)^{k-\delta}},
        \qquad d = (1 + i_{\text{year}})^{1/n} - 1

    where :math:`E[Y_i(k)]` is the customer's expected purchases in the next :math:`k` periods
    (:meth:`BetaGeoModel.conditional_expected_purchases`), :math:`\bar s_i` their expected
    spend per purchase (e.g. :meth:`GammaGammaModel.conditional_expected_spend`), :math:`m` the
    profit margin, :math:`n` the number of periods per year, and :math:`\delta` is 0 for
    ``when="end"`` and 1 for ``when="begin"``.

    Parameters
    ----------
    purchase_model : BetaGeoModel
        A fitted (or :meth:`~BetaGeoModel.from_params`) purchase model.
    frequency, recency, T : array-like
        The customers' histories, in ``time_unit`` (the unit the model was fitted in).
    expected_spend : float or array-like
        Money per future purchase for each customer.
    profit_margin : float
        :math:`m`, the share of spend that is profit, a fraction (0.3 for 30%).
    annual_discount_rate : float
        :math:`i_{\text{year}}`, the discount rate **per year**, a fraction (0.1 for 10%); it is
        converted to a rate per ``time_unit`` period with
        :func:`crmlib.units.discount_rate_per_period`.
    horizon : int
        :math:`H`, how many ``time_unit`` periods ahead to count (e.g. 52 weeks).
    time_unit : {"W", "D", "M", "Y"}, default "W"
        The unit of ``recency``, ``T``, ``horizon`` and of the fitted model's rate.
    when : {"end", "begin"}, default "end"
        When each period's margin is counted, as in :func:`crmlib.customer_lifetime_value`:
        ``"end"``, the first period's margin arrives one period from now (each period's
        purchases are discounted at the period's end); ``"begin"``, it is earned now (each
        period's purchases are discounted from its start, the first not at all).

    Returns
    -------
    float, ndarray or Series
        Present value of each customer's expected profit over the horizon (money).

    Notes
    -----
    With the default ``when="end"`` each period's expected purchases are discounted at the end
    of the period; ``when="begin"`` values the same purchases one period earlier, so it is
    :math:`1+d` times larger. The value is a
    *residual* CLV: the customer's future from now on, with no acquisition cost; past profit is
    not included.

    References
    ----------
    {{fader_hardie_lee_2005_rfm_clv}}

    Examples
    --------
    Without discounting the value is simply expected purchases × spend × margin: the worked
    CDNOW customer expects 1.226 purchases in 39 weeks; at 30 dollars and a 30% margin that is
    1.226 × 30 × 0.3 = 11.03.

    >>> model = BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> round(predicted_customer_lifetime_value(model, 2, 30.43, 38.86, 30.0,
    ...       profit_margin=0.3, annual_discount_rate=0.0, horizon=39), 2)
    11.03
    """
    model = _check_fitted_purchase_model(purchase_model)
    if time_unit not in TIME_UNIT_NAMES:
        options = ", ".join(repr(u) for u in TIME_UNIT_NAMES)
        raise ValueError(_message("time_unit", options=options, time_unit=time_unit))
    margin = check_rate(profit_margin, "profit_margin")
    check_choice(when, "when", TIMINGS)
    periods = check_whole_number(horizon, "horizon", minimum=1)
    rate = discount_rate_per_period(annual_discount_rate, periods_per_year(time_unit))
    spend = check_nonnegative(expected_spend, "expected_spend")
    x, tx, age = _check_history(frequency, recency, T)
    steps = np.arange(periods + 1, dtype=float)
    cumulative = model._future_purchases(steps, x[..., None], tx[..., None], age[..., None])
    per_period = np.diff(cumulative, axis=-1)
    delay = steps[1:] if when == "end" else steps[:-1]
    present = per_period @ (1.0 + rate) ** -delay
    value = margin * spend * present
    return as_output(value, frequency, recency, T, expected_spend)


# --------------------------------------------------------------------------- diagnostics


def repeat_purchase_histogram(purchase_model, frequency, T, *, max_frequency=7):
    """Customers by number of repeat purchases in the calibration period: actual and model.

    The model's count for :math:`n` purchases is :math:`\\sum_i P(X(T_i) = n)` over the
    customers' ages :math:`T_i` (:meth:`BetaGeoModel.purchase_count_probability`); the last row
    collects ``max_frequency`` or more.

    Parameters
    ----------
    purchase_model : BetaGeoModel
    frequency : array-like of int
        Repeat purchases of each customer.
    T : array-like
        Each customer's age, in the model's time unit.
    max_frequency : int, default 7
        The last, open-ended class ("7+").

    Returns
    -------
    DataFrame
        Indexed by ``"0"``, ``"1"``, …, ``"7+"``: columns ``actual`` and ``expected``
        (numbers of customers).
    """
    model = _check_fitted_purchase_model(purchase_model)
    top = check_whole_number(max_frequency, "max_frequency", minimum=1)
    x = _check_frequency(frequency).ravel()
    age = check_nonnegative(T, "T").ravel()
    if x.size != age.size:
        raise ValueError(_message("frequency_T_lengths", x_size=x.size, T_size=age.size))
    ages, counts = np.unique(age, return_counts=True)
    classes = np.arange(top)
    probabilities = model.purchase_count_probability(classes[:, None], ages[None, :])
    expected = probabilities @ counts
    expected = np.r_[expected, x.size - expected.sum()]
    actual = np.bincount(np.minimum(x, top).astype(int), minlength=top + 1)
    labels = [str(k) for k in classes] + [f"{top}+"]
    return pd.DataFrame({"actual": actual, "expected": expected},
                        index=pd.Index(labels, name="repeat purchases"))


def purchase_tracking(purchase_model, transactions, *, calibration_end, observation_end,
                      time_unit="W", customer_col="customer_id", date_col="date"):
    """Repeat purchases per period, actual against the model, over calibration and holdout.

    The model's cumulative repeat purchases at the end of period :math:`k` are
    :math:`\\sum_i E[X(t_k - s_i)]` over the customers (first purchase at :math:`s_i`), with
    :meth:`BetaGeoModel.expected_purchases`. Comparing them after ``calibration_end`` is the
    holdout test of Fader, Hardie & Lee (2005, Figure 3).

    Parameters
    ----------
    purchase_model : BetaGeoModel
        Fitted on the calibration summary of the same log, in ``time_unit``.
    transactions : DataFrame
        The purchase log.
    calibration_end, observation_end : date
        As in :func:`crmlib.calibration_summary`: customers whose first purchase is after
        ``calibration_end`` are left out; periods run to ``observation_end``.
    time_unit : {"W", "D", "M", "Y"}, default "W"
        Length of a period.
    customer_col, date_col : str
        Column names.

    Returns
    -------
    DataFrame
        Indexed by ``period`` (1, 2, … from the first purchase in the log): ``actual`` and
        ``expected`` repeat purchases in the period, ``cumulative_actual``,
        ``cumulative_expected``, and ``holdout`` (True for periods after ``calibration_end``).
    """
    model = _check_fitted_purchase_model(purchase_model)
    unit = check_time_unit(time_unit).days
    end = as_day_number(calibration_end, "calibration_end")
    stop = as_day_number(observation_end, "observation_end")
    if stop <= end:
        raise ValueError(_message("observation_order", observation_end=observation_end,
                                  calibration_end=calibration_end))
    days = purchase_days(transactions, customer_col=customer_col, date_col=date_col,
                         amount_col=None)
    customer, day, first_row, first_day = days.customer, days.day, days.start[:-1], days.first_day
    if end < day.min() or stop > day.max():
        raise ValueError(_message("outside_log", first=np.datetime64(int(day.min()), "D"),
                                  last=np.datetime64(int(day.max()), "D")))
    keep_customer = first_day <= end
    start = first_day[keep_customer].min()
    periods = int(np.ceil((stop - start + 1) / unit - 1e-9))
    repeat = np.ones(day.size, dtype=bool)
    repeat[first_row] = False
    repeat &= keep_customer[customer] & (day <= stop)
    period_of = np.floor((day[repeat] - start) / unit).astype(int)
    actual = np.bincount(period_of, minlength=periods)[:periods]

    offsets, counts = np.unique(first_day[keep_customer] - start, return_counts=True)
    ends = np.arange(1, periods + 1) * unit
    ages = np.maximum(ends[None, :] - offsets[:, None], 0.0) / unit
    cumulative_expected = counts @ model.expected_purchases(ages)
    expected = np.diff(np.r_[0.0, cumulative_expected])
    holdout = start + (np.arange(periods)) * unit > end
    table = pd.DataFrame({
        "actual": actual,
        "expected": expected,
        "cumulative_actual": np.cumsum(actual),
        "cumulative_expected": cumulative_expected,
        "holdout": holdout,
    }, index=pd.Index(np.arange(1, periods + 1), name="period"))
    table.attrs["time_unit"] = TIME_UNIT_NAMES[time_unit]
    return table


def frequency_recency_grid(purchase_model, T, *, quantity="expected_purchases", t=None,
                           max_frequency=None, recency_points=20):
    """A frequency × recency table of P(alive) or expected purchases for customers of age ``T``.

    Rows are repeat purchases 0 … ``max_frequency``; columns are recency values (mid-points of
    ``recency_points`` equal slices of :math:`(0, T]`). A customer with no repeat purchase has
    recency 0 whatever the column, so row 0 repeats one value.

    Parameters
    ----------
    purchase_model : BetaGeoModel
    T : float
        The customers' age, in the model's time unit.
    quantity : {"expected_purchases", "probability_alive"}
        What to tabulate.
    t : float, optional
        Horizon for ``"expected_purchases"`` (default: ``T``).
    max_frequency : int, optional
        Largest frequency shown (default 20).
    recency_points : int, default 20
        Number of recency columns.

    Returns
    -------
    DataFrame
        Index ``frequency``, columns the recency values (rounded to 2 decimals).
    """
    model = _check_fitted_purchase_model(purchase_model)
    if quantity not in ("expected_purchases", "probability_alive"):
        raise ValueError(_message("quantity", quantity=quantity))
    age = float(check_positive(T, "T"))
    top = check_whole_number(20 if max_frequency is None else max_frequency, "max_frequency",
                             minimum=1)
    points = check_whole_number(recency_points, "recency_points", minimum=2)
    recency = (np.arange(points) + 0.5) * age / points
    x = np.arange(top + 1, dtype=float)[:, None]
    tx = np.where(x > 0, recency[None, :], 0.0)
    x, tx = np.broadcast_arrays(x, tx)
    if quantity == "probability_alive":
        values = model.probability_alive(x, tx, age)
    else:
        horizon = age if t is None else float(_check_horizon(t))
        values = model.conditional_expected_purchases(horizon, x, tx, age)
    grid = pd.DataFrame(values, index=pd.Index(np.arange(top + 1), name="frequency"),
                        columns=pd.Index(np.round(recency, 2), name="recency"))
    grid.attrs.update({"quantity": quantity, "T": age,
                       "t": None if quantity == "probability_alive" else horizon})
    return grid


def simulate_purchase_histories(purchase_model, n_customers, T, *, seed):
    r"""Customers drawn from the BG/NBD story: what happens, including what the firm never sees.

    Each customer gets a purchase rate :math:`\lambda \sim \text{gamma}(r, \alpha)` and a
    dropout probability :math:`p \sim \text{beta}(a, b)`; they make a first purchase at time
    0, then buy at random (exponential gaps with mean :math:`1/\lambda`) and, after each
    repeat purchase, drop out with probability :math:`p`, until they drop out or time ``T`` is
    reached. No one drops out right after the first purchase: in the BG/NBD dropout follows
    repeat purchases, which is why a one-time buyer is "alive" for the model.

    Parameters
    ----------
    purchase_model : BetaGeoModel
    n_customers : int
        How many customers to draw.
    T : float
        Length of the observation, in the model's time unit.
    seed : int
        Seed of the random generator (``np.random.default_rng(seed)``), so results repeat.

    Returns
    -------
    DataFrame
        One row per event: ``customer`` (0, 1, …), ``time``, ``event`` ("first purchase",
        "repeat purchase" or "drop out": the moment right after the purchase that was the
        customer's last), and the customer's hidden ``rate`` and ``dropout_probability``.

    Examples
    --------
    >>> model = BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> events = simulate_purchase_histories(model, 3, 39.0, seed=1)
    >>> events.groupby("customer")["event"].first().tolist()
    ['first purchase', 'first purchase', 'first purchase']
    """
    model = _check_fitted_purchase_model(purchase_model)
    r, alpha, a, b = model._params()
    count = check_whole_number(n_customers, "n_customers", minimum=1)
    age = float(check_positive(T, "T"))
    rng = np.random.default_rng(seed)
    rates = rng.gamma(r, 1.0 / alpha, count)
    dropout = rng.beta(a, b, count)
    rows = []
    for customer in range(count):
        rows.append((customer, 0.0, "first purchase"))
        time = 0.0
        while True:
            time += rng.exponential(1.0 / rates[customer])
            if time > age:
                break
            rows.append((customer, time, "repeat purchase"))
            if rng.random() < dropout[customer]:
                rows.append((customer, time, "drop out"))
                break
    events = pd.DataFrame(rows, columns=["customer", "time", "event"])
    events["rate"] = rates[events["customer"]]
    events["dropout_probability"] = dropout[events["customer"]]
    events.attrs["T"] = age
    return events
