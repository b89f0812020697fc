r"""One contract for every model crmlib fits to data: the estimator base.

:class:`~crmlib.ShiftedBetaGeometric`, :class:`~crmlib.CurveFitProjection`,
:class:`~crmlib.BetaGeoModel` and :class:`~crmlib.GammaGammaModel` all behave the same way
(scikit-learn's conventions):

* ``Model(...)`` stores settings only; ``model.fit(data)`` learns the parameters and returns the
  model, so ``Model().fit(data).params_`` reads in one line.
* ``Model.from_params(...)`` builds a model from given parameters (published estimates, a
  what-if) without data.
* ``params_`` holds the parameters by name (a dict of floats).
* ``log_likelihood_`` is the maximised log-likelihood of the data the model was fitted to, in
  the data's own units (weeks or days, dollars or cents: the value is that of the data as given,
  even though the fit rescales internally). A model built with ``from_params`` has seen no data
  and has no likelihood: its ``log_likelihood_`` is ``None`` on every model, never ``nan``
  (``None`` fails loudly in arithmetic; ``nan`` would spread silently through a comparison).
* ``summary()`` is a table indexed by parameter with columns ``estimate``, ``std_error``,
  ``lower_95`` and ``upper_95``: how precisely the data pin each parameter down. It needs a fit
  to data; a ``from_params`` model raises :class:`NotFittedError`.
* Using a model before it is fitted (or built with ``from_params``) raises
  :class:`NotFittedError`, which is both a ``ValueError`` and an ``AttributeError`` as in
  scikit-learn, so ``hasattr(model, "mean_spend_")`` is simply ``False``.
* A fit the data cannot support is never returned silently: it raises (too few observations to
  estimate the parameters at all) or warns with an :class:`IdentificationWarning` (a parameter
  that ran to the edge of the search, a flat log-likelihood).

Standard errors
---------------
For the maximum-likelihood models the covariance of the estimates is the inverse of the
observed information, the Hessian of the negative log-likelihood at the maximum (Cramér-Rao;
Greene 2012, ch. 14). crmlib maximises over :math:`\phi = \ln\theta` (so the
parameters stay positive) and takes the Hessian there, by forward differences of the analytic
gradient; at the maximum, :math:`\mathrm{Var}(\hat\theta) = \hat\theta^2\,\mathrm{Var}(\hat\phi)`
exactly (the delta method is exact here because the gradient is zero). The 95% interval is
computed on the same log scale, :math:`\hat\theta\,e^{\pm 1.96\,\mathrm{se}/\hat\theta}`: it never
includes impossible values below 0 and is close to :math:`\hat\theta \pm 1.96\,\mathrm{se}` when
the parameter is well determined. For CDNOW's sample this gives the standard errors lifetimes
reports (a = 0.79 ± 0.19, b = 2.43 ± 0.71). A parameter that ended at the edge of the search
gets no standard error (``nan``); the others are then conditional on it.

References
----------
Greene, W. H. (2012). *Econometric Analysis*, 7th ed., Pearson, ch. 14 (the asymptotic
covariance of the maximum-likelihood estimator).
Pedregosa, F. et al. (2011). Scikit-learn: machine learning in Python. *JMLR* 12, 2825–2830
(the estimator conventions: ``fit`` returns ``self``, learned attributes end in ``_``).
"""

from __future__ import annotations

import warnings
from statistics import NormalDist

import numpy as np
import pandas as pd

from crmlib.i18n import text

__all__ = ["IdentificationWarning", "Model", "NotFittedError"]

#: Two-sided 95% quantile of the standard normal distribution, 1.959963984540054.
Z_95 = NormalDist().inv_cdf(0.975)

#: A parameter is weakly identified when its 95% interval spans more than this factor
#: (upper end / lower end): the data cannot tell the value from one a hundred times larger.
WEAK_IDENTIFICATION_RATIO = 100.0

#: Step, in log-parameter space, of the forward differences that give the Hessian (relative
#: error about 1e-6 on the standard errors of CDNOW's BG/NBD fit).
_HESSIAN_STEP = 1e-6


class NotFittedError(ValueError, AttributeError):
    """A model was used before it was fitted to data (or built with ``from_params``).

    A subclass of both ``ValueError`` and ``AttributeError``, as scikit-learn's
    ``NotFittedError``: ``except ValueError`` catches it, and ``hasattr(model, "params_")``-style
    checks on derived attributes simply return ``False``.

    Examples
    --------
    >>> import crmlib as crm
    >>> model = crm.GammaGammaModel()
    >>> hasattr(model, "mean_spend_")  # an AttributeError ...
    False
    >>> try:
    ...     model.mean_spend_
    ... except ValueError as error:  # ... and a ValueError
    ...     print(str(error).split(":")[0])
    This GammaGammaModel is not fitted yet
    """


class IdentificationWarning(UserWarning):
    """The data cannot pin down a fitted model's parameters: read them with care.

    Raised as a warning when a parameter ended at the edge of the search (the likelihood keeps
    rising towards a value the model cannot take), when the log-likelihood is flat in some
    direction, or when a 95% interval spans more than a factor of
    :data:`WEAK_IDENTIFICATION_RATIO`. The fit is returned, but its parameters (and anything
    read from them) are not supported by the data.
    """


def numerical_hessian(gradient, point, gradient_at_point, step=_HESSIAN_STEP) -> np.ndarray:
    """Hessian by forward differences of an analytic ``gradient`` at ``point``, symmetrised.

    ``gradient(x)`` returns the gradient vector at ``x``; ``gradient_at_point`` is its value at
    ``point`` (the optimiser returns it), so the Hessian costs one gradient per parameter.
    """
    point = np.asarray(point, dtype=float)
    rows = [(gradient(point + step * e) - gradient_at_point) / step for e in np.eye(point.size)]
    hessian = np.array(rows)
    return (hessian + hessian.T) / 2


def _describe(names, values) -> str:
    """``r = 0.243, alpha = 4.41 and a = 0.793`` (the joining words in the kit's language)."""
    parts = [f"{name} = {value:.3g}" for name, value in zip(names, values)]
    if len(parts) == 1:
        return parts[0]
    return (text("warning.models.list_separator").join(parts[:-1])
            + text("warning.models.list_last") + parts[-1])


def _warning(key: str, names, values, **texts) -> str:
    """An identification warning in the kit's language, for one parameter or several."""
    number = "one" if len(names) == 1 else "many"
    return text(f"warning.models.{key}.{number}", parameters=_describe(names, values),
                **texts).rstrip()


def log_scale_covariance(what, names, log_params, hessian, at_bound, *, n_observations,
                         observations="customers", hint="", stacklevel=2):
    """Covariance of the log-parameters from the Hessian of the negative log-likelihood.

    Warns with :class:`IdentificationWarning` when a parameter ended at the search limit
    (``at_bound``), when the Hessian of the free parameters is not positive definite (a flat
    log-likelihood) or when a 95% interval spans more than :data:`WEAK_IDENTIFICATION_RATIO`.
    Rows and columns of parameters at the limit are ``nan``.

    Parameters
    ----------
    what : str
        The model's name in messages ("BG/NBD").
    names : sequence of str
        Parameter names, in the order of ``log_params``.
    log_params : ndarray
        The estimates, on the log scale.
    hessian : ndarray
        Hessian of the negative log-likelihood (total, not per observation) in log-parameters.
    at_bound : ndarray of bool
        Parameters that ended at the search limit.
    n_observations : int
        How many ``observations`` the model was fitted to, for the messages.
    observations : str
        What was observed, in the kit's language ("customers", "repeat buyers"): the caller
        looks it up in the text catalogue.
    hint : str
        What to do about it, specific to the model, in the kit's language.
    stacklevel : int
        Passed to :func:`warnings.warn`: the frame of the caller's ``fit(...)`` call, counted
        from this function's caller.

    Returns
    -------
    ndarray
        The covariance matrix of the log-parameters.
    """
    fitted_on = text("warning.models.fitted_on", model=what, n=n_observations,
                     observations=observations)
    stacklevel += 1
    names = list(names)
    values = np.exp(log_params)
    k = len(names)
    covariance = np.full((k, k), np.nan)
    if at_bound.any():
        bound = [i for i in range(k) if at_bound[i]]
        warnings.warn(_warning("at_limit", [names[i] for i in bound], values[bound],
                               fitted_on=fitted_on, hint=hint),
                      IdentificationWarning, stacklevel=stacklevel)
    free = np.flatnonzero(~at_bound)
    if free.size == 0:
        return covariance
    block = hessian[np.ix_(free, free)]
    eigenvalues = np.linalg.eigvalsh(block) if np.all(np.isfinite(block)) else np.array([-1.0])
    if eigenvalues.min() <= 1e-10 * max(abs(eigenvalues).max(), 1e-300):
        warnings.warn(text("warning.models.flat", fitted_on=fitted_on, hint=hint).rstrip(),
                      IdentificationWarning, stacklevel=stacklevel)
        return covariance
    covariance[np.ix_(free, free)] = np.linalg.inv(block)
    with np.errstate(over="ignore"):
        spread = np.exp(2 * Z_95 * np.sqrt(np.diag(covariance)[free]))
    weak = free[spread > WEAK_IDENTIFICATION_RATIO]
    if weak.size:
        warnings.warn(_warning("weak", [names[i] for i in weak], values[weak],
                               fitted_on=fitted_on, hint=hint, ratio=WEAK_IDENTIFICATION_RATIO),
                      IdentificationWarning, stacklevel=stacklevel)
    return covariance


class Model:
    """Base of crmlib's fitted models: parameters by name, not-fitted errors, ``summary()``.

    Subclasses set ``_PARAMS`` (parameter names in order) and ``_FIT_CALL`` (the arguments of
    ``fit``, for messages), implement ``fit`` (ending with :meth:`_set_fit`) and ``from_params``
    (calling :meth:`_from_values`). See the module docstring for the contract.
    """

    _PARAMS: tuple[str, ...] = ()
    _FIT_CALL = "..."

    # ------------------------------------------------------------------ storing results

    def _set_fit(self, values, *, log_likelihood, covariance):
        """Store a fit to data: parameters, log-likelihood and the estimates' covariance."""
        self.params_ = {name: float(value) for name, value in zip(self._PARAMS, values)}
        self.log_likelihood_ = None if log_likelihood is None else float(log_likelihood)
        self._covariance = None if covariance is None else np.asarray(covariance, dtype=float)
        return self

    @classmethod
    def _from_values(cls, values, **settings):
        """A model with given parameter values and no data: ``log_likelihood_`` is None."""
        model = cls(**settings)
        return model._set_fit(values, log_likelihood=None, covariance=None)

    # ------------------------------------------------------------------ using results

    def _check_fitted(self):
        if not hasattr(self, "params_"):
            raise NotFittedError(text("error.models.not_fitted", model_class=type(self).__name__,
                                      fit_call=self._FIT_CALL))

    def _params(self) -> tuple[float, ...]:
        """The parameters in ``_PARAMS`` order; raises :class:`NotFittedError` before a fit."""
        self._check_fitted()
        return tuple(self.params_[name] for name in self._PARAMS)

    def _interval(self, estimate, std_error):
        """95% interval on the log scale (the parameters are positive): θ·exp(±1.96 se/θ)."""
        with np.errstate(invalid="ignore", over="ignore"):
            factor = np.exp(Z_95 * std_error / estimate)
        return estimate / factor, estimate * factor

    def summary(self) -> pd.DataFrame:
        """The estimates with their standard errors and 95% intervals.

        Returns
        -------
        DataFrame
            Indexed by ``parameter``; columns ``estimate``, ``std_error`` (from the inverse
            Hessian of the log-likelihood at the estimates), ``lower_95`` and ``upper_95``.
            See the Notes of :mod:`crmlib.models` for how they are computed.

        Raises
        ------
        NotFittedError
            Before :meth:`fit`, and for a model built with ``from_params``: standard errors come
            from the data's likelihood, and such a model has seen no data.
        """
        self._check_fitted()
        if self._covariance is None:
            raise NotFittedError(text("error.models.summary_needs_fit",
                                      model_class=type(self).__name__, fit_call=self._FIT_CALL))
        estimate = np.array(self._params(), dtype=float)
        with np.errstate(invalid="ignore"):
            std_error = np.sqrt(np.diag(self._covariance))
        lower, upper = self._interval(estimate, std_error)
        return pd.DataFrame({"estimate": estimate, "std_error": std_error, "lower_95": lower,
                             "upper_95": upper},
                            index=pd.Index(list(self._PARAMS), name="parameter"))

    def _repr_settings(self) -> list[str]:
        """Settings shown first in the repr (e.g. a curve's kind)."""
        return []

    def __repr__(self) -> str:
        shown = self._repr_settings()
        if hasattr(self, "params_"):
            shown += [f"{k}={v:.4g}" for k, v in self.params_.items()]
        return f"{type(self).__name__}({', '.join(shown)})"
