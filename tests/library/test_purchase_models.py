"""crmlib.purchase_models pinned to the published CDNOW results.

Sources:
* FHL 2005 = Fader, Hardie & Lee (2005), "Counting your customers" the easy way: an alternative
  to the Pareto/NBD model, Marketing Science 24(2), 275-284: Section 7 (CDNOW 1/10 sample,
  2357 customers, 39-week calibration ending 1997-09-30, holdout weeks 40-78).
* FHL 2005 JMR = Fader, Hardie & Lee (2005), RFM and CLV: using iso-value curves for customer
  base analysis, Journal of Marketing Research 42(4), 415-430; Fader & Hardie (2013), The
  Gamma-Gamma model of monetary value (note 025, brucehardie.com).
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.special import hyp2f1

import crmlib as crm
from crmlib.purchase_models import (
    _aggregate_history,
    _bgnbd_negative_log_likelihood,
    _gamma_gamma_negative_log_likelihood,
    _spend_data,
)

PUBLISHED = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}  # FHL 2005, Section 7


@pytest.fixture(scope="module")
def log():
    return crm.datasets.load_cdnow("sample")


@pytest.fixture(scope="module")
def summary(log):
    return crm.calibration_summary(log, calibration_end="1997-09-30",
                                   observation_end="1998-06-30")


@pytest.fixture(scope="module")
def model(summary):
    return crm.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])


@pytest.fixture(scope="module")
def published():
    return crm.BetaGeoModel.from_params(**PUBLISHED)


# --------------------------------------------------------------------------- published numbers


def test_bgnbd_estimates_fhl_2005(model):
    # FHL 2005, Section 7 / Figure 1: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4
    assert {k: round(v, 3) for k, v in model.params_.items()} == PUBLISHED
    assert round(model.log_likelihood_, 1) == -9582.4
    assert model.n_customers_ == 2357


def test_worked_conditional_expectation_fhl_2005(model, published):
    # FHL 2005 (and their spreadsheet): x = 2, t_x = 30.43, T = 38.86 -> E[Y(39)] = 1.226
    assert round(published.conditional_expected_purchases(39, 2, 30.43, 38.86), 3) == 1.226
    assert round(model.conditional_expected_purchases(39, 2, 30.43, 38.86), 3) == 1.226


def test_expected_purchases_fader_hardie_bgnbd_spreadsheet(model):
    # E[X(t)] in Fader & Hardie's BG/NBD spreadsheet for CDNOW (the values lifetimes' test suite
    # also pins): t = 1/7, 1, 3, 31.8571, 32, 78 weeks.
    t = np.array([0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0])
    sheet = np.array([0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576])
    np.testing.assert_allclose(model.expected_purchases(t), sheet, atol=1e-3)


def test_probability_alive_hand_calculation(published):
    # P(alive) = 1 / (1 + a/(b+x-1) * ((alpha+T)/(alpha+t_x))^(r+x))
    # = 1 / (1 + 0.793/3.426 * (43.274/34.844)^2.243) = 1 / (1 + 0.23147 * 1.62580) = 0.72657
    assert published.probability_alive(2, 30.43, 38.86) == pytest.approx(0.72657, abs=2e-5)
    assert published.probability_alive(0, 0.0, 38.86) == 1.0


def test_histogram_fit_chi_square_fhl_2005(model, summary):
    # FHL 2005, Section 7: the model's calibration-period histogram (0, 1, ..., 6, 7+ repeat
    # purchases) fits with chi-square(3) = 4.82.
    table = crm.repeat_purchase_histogram(model, summary["frequency"], summary["T"])
    assert list(table.index) == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    assert table["actual"].tolist() == np.bincount(np.minimum(summary["frequency"], 7)).tolist()
    assert table["expected"].sum() == pytest.approx(2357)
    chi_square = ((table["actual"] - table["expected"]) ** 2 / table["expected"]).sum()
    assert round(chi_square, 2) == 4.82


def test_holdout_fhl_2005(model, summary, log):
    # FHL 2005, Section 7: cumulative repeat sales at week 78 under-forecast by about 4%; the
    # 1411 customers with no repeat purchase make 334/1411 = 0.24 purchases each in weeks
    # 40-78 and the model expects 0.23; the correlation between conditional expectations and
    # actual holdout purchases is 0.626 (Table 3 reports it with the Pareto/NBD's 0.630).
    tracking = crm.purchase_tracking(model, log, calibration_end="1997-09-30",
                                     observation_end="1998-06-30")
    assert len(tracking) == 78 and tracking["holdout"].sum() == 39
    assert tracking.loc[39, "cumulative_actual"] == summary["frequency"].sum()
    assert tracking.loc[78, "cumulative_actual"] == (summary["frequency"].sum()
                                                     + summary["frequency_holdout"].sum())
    shortfall = 1 - tracking.loc[78, "cumulative_expected"] / tracking.loc[78, "cumulative_actual"]
    assert round(shortfall, 2) == 0.04
    expected = model.conditional_expected_purchases(39, summary["frequency"], summary["recency"],
                                                    summary["T"])
    zero = summary["frequency"] == 0
    assert round(expected[zero].mean(), 2) == 0.23
    assert round(summary.loc[zero, "frequency_holdout"].mean(), 2) == 0.24
    assert round(np.corrcoef(expected, summary["frequency_holdout"])[0, 1], 3) == 0.626


def test_gamma_gamma_estimates_fhl_2005_jmr(summary):
    # FHL 2005 JMR and Fader & Hardie (2013): p = 6.25, q = 3.74, gamma = 15.44 on the 946
    # repeat buyers; the note's spreadsheet maximises the log-likelihood at -4055.9177.
    repeat = summary[summary["frequency"] > 0]
    spend = crm.GammaGammaModel().fit(repeat["frequency"], repeat["monetary_value"])
    assert {k: round(v, 2) for k, v in spend.params_.items()} == {"p": 6.25, "q": 3.74,
                                                                 "gamma": 15.44}
    assert spend.log_likelihood_ == pytest.approx(-4055.9177, abs=1e-3)
    assert spend.n_customers_ == 946


# --------------------------------------------------------------------------- hand calculations


def test_conditional_expected_spend_hand_calculation():
    spend = crm.GammaGammaModel.from_params(p=6.25, q=3.74, gamma=15.44)
    # population mean p*gamma/(q-1) = 96.5/2.74 = 35.2190; x = 2, mean 30:
    # weight on own mean = 12.5/(12.5 + 2.74) = 0.82021; 0.17979*35.2190 + 0.82021*30 = 30.9383
    assert spend.mean_spend_ == pytest.approx(96.5 / 2.74)
    assert spend.conditional_expected_spend(2, 30.0) == pytest.approx(30.9383, abs=1e-4)
    assert spend.conditional_expected_spend(0, 0.0) == pytest.approx(96.5 / 2.74)


def test_clv_without_discounting_is_purchases_times_spend_times_margin(published):
    value = crm.predicted_customer_lifetime_value(published, 2, 30.43, 38.86, 30.0,
                                                  profit_margin=0.3, annual_discount_rate=0.0,
                                                  horizon=39)
    purchases = published.conditional_expected_purchases(39, 2, 30.43, 38.86)
    assert value == pytest.approx(purchases * 30.0 * 0.3)


def test_clv_one_period_discounting_by_hand(published):
    # one week ahead, annual rate 10%: weekly rate 1.1**(7/365.25) - 1; CLV = m*s*E[Y(1)]/(1+d)
    weekly = 1.1 ** (7 / 365.25) - 1
    value = crm.predicted_customer_lifetime_value(published, 2, 30.43, 38.86, 30.0,
                                                  profit_margin=0.3, annual_discount_rate=0.1,
                                                  horizon=1, time_unit="W")
    purchases = published.conditional_expected_purchases(1, 2, 30.43, 38.86)
    assert value == pytest.approx(0.3 * 30.0 * purchases / (1 + weekly))


def test_clv_when_begin_counts_the_first_period_undiscounted(published):
    # two weeks ahead at 10% a year: "end" discounts week k's purchases by (1+d)^k, "begin" by
    # (1+d)^(k-1), as crm.customer_lifetime_value does with the first margin
    weekly = 1.1 ** (7 / 365.25) - 1
    first = published.conditional_expected_purchases(1, 2, 30.43, 38.86)
    second = published.conditional_expected_purchases(2, 2, 30.43, 38.86) - first
    values = {when: crm.predicted_customer_lifetime_value(
        published, 2, 30.43, 38.86, 30.0, profit_margin=0.3, annual_discount_rate=0.1,
        horizon=2, when=when) for when in ("end", "begin")}
    assert values["end"] == pytest.approx(9.0 * (first / (1 + weekly) + second / (1 + weekly) ** 2))
    assert values["begin"] == pytest.approx(9.0 * (first + second / (1 + weekly)))
    with pytest.raises(ValueError, match="when must be one of"):
        crm.predicted_customer_lifetime_value(published, 2, 30.43, 38.86, 30.0,
                                              profit_margin=0.3, annual_discount_rate=0.1,
                                              horizon=2, when="now")


def test_clv_keeps_the_customer_index_and_discounting_lowers_it(model, summary):
    head = summary.head(50)
    spend = np.full(50, 35.0)
    plain = crm.predicted_customer_lifetime_value(
        model, head["frequency"], head["recency"], head["T"], spend, profit_margin=0.3,
        annual_discount_rate=0.0, horizon=52)
    discounted = crm.predicted_customer_lifetime_value(
        model, head["frequency"], head["recency"], head["T"], spend, profit_margin=0.3,
        annual_discount_rate=0.15, horizon=52)
    assert isinstance(discounted, pd.Series)
    assert list(discounted.index) == list(head.index)
    assert (discounted < plain).all() and (discounted > 0).all()


def test_spend_frequency_correlation_hand_example():
    # x = 1, 2, 3 and spend 30, 10, 20: deviations from the means (2 and 20) are -1, 0, 1 and
    # 10, -10, 0; sum of products -10, sums of squares 2 and 200: -10 / sqrt(2 * 200) = -0.5
    assert crm.spend_frequency_correlation([1, 2, 3], [30.0, 10.0, 20.0]) == pytest.approx(-0.5)


# --------------------------------------------------------------------------- properties


def _simulate(params, ages, rng):
    """Purchase histories drawn from the BG/NBD story itself (an independent check)."""
    n = ages.size
    rate = rng.gamma(params["r"], 1.0 / params["alpha"], n)
    dropout = rng.beta(params["a"], params["b"], n)
    time, last = np.zeros(n), np.zeros(n)
    count = np.zeros(n, dtype=int)
    active = np.ones(n, dtype=bool)
    while active.any():
        idx = np.flatnonzero(active)
        time[idx] += rng.exponential(1.0 / rate[idx])
        bought = time[idx] <= ages[idx]
        buyers = idx[bought]
        count[buyers] += 1
        last[buyers] = time[buyers]
        active[idx[~bought]] = False
        active[buyers[rng.random(buyers.size) < dropout[buyers]]] = False
    return count, last


def test_expected_purchases_and_histogram_match_a_simulation(published):
    rng = np.random.default_rng(2005)
    ages = np.full(200_000, 39.0)
    count, _ = _simulate(PUBLISHED, ages, rng)
    assert count.mean() == pytest.approx(published.expected_purchases(39.0), rel=0.02)
    shares = np.bincount(count, minlength=5)[:5] / count.size
    model_shares = published.purchase_count_probability(np.arange(5), 39.0)
    np.testing.assert_allclose(shares, model_shares, atol=0.004)


def test_fit_recovers_the_parameters_of_simulated_customers():
    rng = np.random.default_rng(11)
    truth = {"r": 0.5, "alpha": 6.0, "a": 0.8, "b": 3.0}
    ages = rng.uniform(26.0, 52.0, 20_000)
    count, last = _simulate(truth, ages, rng)
    fitted = crm.BetaGeoModel().fit(count, last, ages).params_
    for name, value in truth.items():
        assert fitted[name] == pytest.approx(value, rel=0.15), name


def test_fit_is_deterministic_and_independent_of_the_time_unit(log, model):
    days = crm.calibration_summary(log, calibration_end="1997-09-30", time_unit="D")
    by_day = crm.BetaGeoModel().fit(days["frequency"], days["recency"], days["T"])
    again = crm.calibration_summary(log, calibration_end="1997-09-30")
    assert crm.BetaGeoModel().fit(again["frequency"], again["recency"],
                                  again["T"]).params_ == model.params_
    assert by_day.params_["alpha"] == pytest.approx(7 * model.params_["alpha"], rel=1e-4)
    for name in ("r", "a", "b"):
        assert by_day.params_[name] == pytest.approx(model.params_[name], rel=1e-4)
    assert by_day.conditional_expected_purchases(273, 2, 213, 272) == pytest.approx(
        model.conditional_expected_purchases(39, 2, 213 / 7, 272 / 7), rel=1e-4)


@pytest.mark.parametrize("x, t_x, T, t", [(0, 0.0, 38.86, 39.0), (2, 30.43, 38.86, 39.0),
                                          (7, 29.43, 38.86, 10.0), (1, 5.0, 20.0, 52.0)])
def test_conditional_expectation_equals_the_untransformed_formula(published, x, t_x, T, t):
    # FHL 2005 eq. 10 exactly as printed (no Euler transformation), for moderate values
    r, alpha, a, b = PUBLISHED.values()
    numerator = (a + b + x - 1) / (a - 1) * (
        1 - ((alpha + T) / (alpha + T + t)) ** (r + x)
        * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)))
    denominator = 1 + (x > 0) * a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)
    assert published.conditional_expected_purchases(t, x, t_x, T) == pytest.approx(
        numerator / denominator, rel=1e-9)


def test_heavy_buyers_and_a_equal_to_one_stay_finite():
    model = crm.BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    heavy = model.conditional_expected_purchases(52, 300, 38.0, 39.0)
    assert np.isfinite(heavy) and heavy > 0
    one = crm.BetaGeoModel.from_params(r=0.243, alpha=4.414, a=1.0, b=2.426)
    near = crm.BetaGeoModel.from_params(r=0.243, alpha=4.414, a=1.0 + 1e-4, b=2.426)
    assert one.expected_purchases(39.0) == pytest.approx(near.expected_purchases(39.0), rel=1e-3)


def test_consistency_between_predictions(published):
    t = np.array([0.0, 1.0, 10.0, 39.0])
    np.testing.assert_allclose(published.conditional_expected_purchases(t, 0, 0.0, 0.0),
                               published.expected_purchases(t))
    assert published.expected_purchases(0.0) == 0.0
    # P(X(t) = n) sums to 1 and its mean is E[X(t)]
    n = np.arange(400)
    p = published.purchase_count_probability(n, 39.0)
    assert p.sum() == pytest.approx(1.0, abs=1e-9)
    assert (n * p).sum() == pytest.approx(published.expected_purchases(39.0), rel=1e-6)
    # a longer silence makes a frequent buyer less likely to be alive
    alive = published.probability_alive(5, 10.0, np.array([12.0, 20.0, 40.0]))
    assert np.all(np.diff(alive) < 0)


@pytest.mark.parametrize("which", ["bgnbd", "gamma_gamma"])
def test_analytic_gradient_matches_finite_differences(summary, which):
    if which == "bgnbd":
        data = _aggregate_history(summary["frequency"].to_numpy(float),
                                  summary["recency"].to_numpy(), summary["T"].to_numpy())
        func, point = _bgnbd_negative_log_likelihood, np.log([0.3, 5.0, 0.9, 2.0])
    else:
        repeat = summary[summary["frequency"] > 0]
        x, z = repeat["frequency"].to_numpy(float), repeat["monetary_value"].to_numpy()
        data = _spend_data(x, z)
        func, point = _gamma_gamma_negative_log_likelihood, np.log([5.0, 3.0, 12.0])
    _, gradient = func(point, data)
    step = 1e-6
    numeric = [(func(point + step * e, data)[0] - func(point - step * e, data)[0]) / (2 * step)
               for e in np.eye(point.size)]
    np.testing.assert_allclose(gradient, numeric, rtol=1e-5, atol=1e-8)


def test_series_in_series_out(model, summary):
    alive = model.probability_alive(summary["frequency"], summary["recency"], summary["T"])
    assert isinstance(alive, pd.Series) and alive.index.equals(summary.index)
    assert ((alive > 0) & (alive <= 1)).all()
    assert (alive[summary["frequency"] == 0] == 1.0).all()


def test_frequency_recency_grid(model):
    grid = crm.frequency_recency_grid(model, 38.86, quantity="probability_alive",
                                      max_frequency=10, recency_points=8)
    assert grid.shape == (11, 8)
    assert (grid.loc[0] == 1.0).all()
    assert grid.to_numpy().min() > 0 and grid.to_numpy().max() <= 1
    # for a given frequency, a more recent last purchase means more likely alive
    assert (np.diff(grid.loc[1:].to_numpy(), axis=1) > 0).all()
    purchases = crm.frequency_recency_grid(model, 38.86, t=39.0, max_frequency=10)
    assert purchases.loc[10].iloc[-1] > purchases.loc[1].iloc[-1]


def test_unfitted_models_say_so():
    with pytest.raises(crm.NotFittedError, match=r"not fitted yet: call \.fit\(frequency"):
        crm.BetaGeoModel().expected_purchases(10)
    with pytest.raises(crm.NotFittedError, match="GammaGammaModel.from_params"):
        crm.GammaGammaModel().conditional_expected_spend(2, 30.0)
    with pytest.raises(crm.NotFittedError):
        crm.BetaGeoModel().summary()
    assert repr(crm.BetaGeoModel()) == "BetaGeoModel()"
    # as in scikit-learn: a ValueError and an AttributeError, so hasattr() says False
    assert issubclass(crm.NotFittedError, ValueError)
    assert issubclass(crm.NotFittedError, AttributeError)
    assert not hasattr(crm.GammaGammaModel(), "mean_spend_")


def test_from_params_models_have_no_likelihood_and_no_summary(published):
    spend = crm.GammaGammaModel.from_params(p=6.25, q=3.74, gamma=15.44)
    for model in (published, spend):
        assert model.log_likelihood_ is None and model.n_customers_ is None
        with pytest.raises(crm.NotFittedError, match="from_params"):
            model.summary()


# --------------------------------------------------------------------------- standard errors


def _bgnbd_log_likelihood_fhl_2005(params, x, t_x, T):
    """FHL 2005, eq. 6, summed over customers: written here from the paper, not from crmlib."""
    from scipy.special import betaln, gammaln

    r, alpha, a, b = params
    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    alive = betaln(a, b + x) - betaln(a, b) + common - (r + x) * np.log(alpha + T)
    dropped = (betaln(a + 1, b + np.maximum(x, 1) - 1) - betaln(a, b) + common
               - (r + x) * np.log(alpha + t_x))
    return np.sum(np.where(x > 0, np.logaddexp(alive, dropped), alive))


def _gamma_gamma_log_likelihood(params, x, z):
    """Fader & Hardie (2013), the density of a customer's mean spend, summed over customers."""
    from scipy.special import gammaln

    p, q, gamma = params
    return np.sum(gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(gamma)
                  + p * x * np.log(x) + (p * x - 1) * np.log(z)
                  - (p * x + q) * np.log(gamma + x * z))


def _inverse_hessian_standard_errors(log_likelihood, point, step=1e-4):
    """sqrt(diag(inverse of minus the Hessian)), the Hessian by central second differences in
    the natural parameters (relative steps), at the estimates."""
    return np.sqrt(np.diag(_inverse_hessian(log_likelihood, point, step)))


def _inverse_hessian(log_likelihood, point, step=1e-4):
    point = np.asarray(point, dtype=float)
    k = point.size
    h = step * point
    hessian = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            ei, ej = h[i] * np.eye(k)[i], h[j] * np.eye(k)[j]
            hessian[i, j] = (log_likelihood(point + ei + ej) - log_likelihood(point + ei - ej)
                             - log_likelihood(point - ei + ej)
                             + log_likelihood(point - ei - ej)) / (4 * h[i] * h[j])
    return np.linalg.inv(-hessian)


def test_bgnbd_standard_errors_are_an_independent_numerical_hessian_fhl_2005(model, summary):
    table = model.summary()
    assert list(table.columns) == ["estimate", "std_error", "lower_95", "upper_95"]
    assert list(table.index) == ["r", "alpha", "a", "b"] and table.index.name == "parameter"
    x, t_x, T = (summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    expected = _inverse_hessian_standard_errors(
        lambda p: _bgnbd_log_likelihood_fhl_2005(p, x, t_x, T), table["estimate"])
    np.testing.assert_allclose(table["std_error"], expected, rtol=1e-4)


def test_mean_dropout_probability_is_far_better_determined_than_a_and_b(model, summary):
    # lesson 05: a/(a+b) = 0.25 +- 0.02 while a and b alone have relative errors of 23-29%.
    # Delta method with the independent Hessian: gradient of a/(a+b) is (b, -a)/(a+b)^2.
    x, t_x, T = (summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    estimates = np.array(list(model.params_.values()))
    covariance = _inverse_hessian(lambda p: _bgnbd_log_likelihood_fhl_2005(p, x, t_x, T),
                                  estimates)
    _, _, a, b = estimates
    gradient = np.array([0.0, 0.0, b, -a]) / (a + b) ** 2
    std_error = np.sqrt(gradient @ covariance @ gradient)
    assert (round(a / (a + b), 2), round(std_error, 2)) == (0.25, 0.02)
    relative = model.summary()["std_error"] / model.summary()["estimate"]
    assert relative["a"] > 0.2 and relative["b"] > 0.2 and std_error / (a / (a + b)) < 0.1


def test_bgnbd_standard_errors_match_lifetimes_on_cdnow(model):
    # lifetimes' Quickstart (docs/Quickstart.md, BetaGeoFitter on the same 2357 customers):
    # se(coef) r 0.012557, alpha 0.378221, a 0.185719, b 0.705345 (a = 0.79 +- 0.19 and
    # b = 2.43 +- 0.71: the dropout parameters are only weakly identified)
    lifetimes = {"r": 0.012557, "alpha": 0.378221, "a": 0.185719, "b": 0.705345}
    std_error = model.summary()["std_error"]
    for name, value in lifetimes.items():
        assert std_error[name] == pytest.approx(value, rel=2e-3), name
    # the 95% interval is computed on the log scale: a x exp(+-1.96 se / a)
    a, se = model.params_["a"], std_error["a"]
    assert model.summary().loc["a", "lower_95"] == pytest.approx(a * np.exp(-1.959964 * se / a))
    assert model.summary().loc["a", "upper_95"] == pytest.approx(a * np.exp(1.959964 * se / a))


def test_gamma_gamma_standard_errors_are_an_independent_numerical_hessian(summary):
    repeat = summary[summary["frequency"] > 0]
    spend = crm.GammaGammaModel().fit(repeat["frequency"], repeat["monetary_value"])
    table = spend.summary()
    x, z = repeat["frequency"].to_numpy(dtype=float), repeat["monetary_value"].to_numpy()
    expected = _inverse_hessian_standard_errors(lambda p: _gamma_gamma_log_likelihood(p, x, z),
                                                table["estimate"])
    np.testing.assert_allclose(table["std_error"], expected, rtol=1e-4)


# --------------------------------------------------------------------------- identification


MILLISECONDS_PER_WEEK = 7 * 24 * 60 * 60 * 1000


def test_bgnbd_fit_in_milliseconds_is_the_weekly_fit(model, summary):
    # issue 9: recency and T in milliseconds used to end at alpha = e^20 with r = 0.128. A time
    # unit changes alpha only (alpha is a time): r, a, b stay, alpha scales by the unit
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fine = crm.BetaGeoModel().fit(summary["frequency"],
                                      summary["recency"] * MILLISECONDS_PER_WEEK,
                                      summary["T"] * MILLISECONDS_PER_WEEK)
    for name in ("r", "a", "b"):
        assert fine.params_[name] == pytest.approx(model.params_[name], rel=1e-4), name
    assert fine.params_["alpha"] == pytest.approx(model.params_["alpha"] * MILLISECONDS_PER_WEEK,
                                                  rel=1e-4)
    # FHL 2005's worked customer keeps P(alive) = 0.727
    alive = fine.probability_alive(2, 30.43 * MILLISECONDS_PER_WEEK, 38.86 * MILLISECONDS_PER_WEEK)
    assert round(alive, 3) == 0.727
    # the log-likelihood is that of the data as given: each repeat purchase's time density is
    # per millisecond instead of per week, so LL falls by (repeat purchases) x ln(ms per week)
    shift = summary["frequency"].sum() * np.log(MILLISECONDS_PER_WEEK)
    assert fine.log_likelihood_ == pytest.approx(model.log_likelihood_ - shift, rel=1e-9)
    np.testing.assert_allclose(fine.summary()["std_error"] / fine.summary()["estimate"],
                               model.summary()["std_error"] / model.summary()["estimate"],
                               rtol=1e-3)


def test_gamma_gamma_fit_in_hundred_millionths_is_the_dollar_fit(summary):
    # issue 9: spend x 1e8 used to end at gamma = e^20. p and q are pure numbers; gamma is money
    repeat = summary[summary["frequency"] > 0]
    dollars = crm.GammaGammaModel().fit(repeat["frequency"], repeat["monetary_value"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scaled = crm.GammaGammaModel().fit(repeat["frequency"], repeat["monetary_value"] * 1e8)
    for name in ("p", "q"):
        assert scaled.params_[name] == pytest.approx(dollars.params_[name], rel=1e-4), name
    assert scaled.params_["gamma"] == pytest.approx(dollars.params_["gamma"] * 1e8, rel=1e-4)
    assert scaled.log_likelihood_ == pytest.approx(
        dollars.log_likelihood_ - len(repeat) * np.log(1e8), rel=1e-9)


def test_published_cdnow_fits_give_no_identification_warning(summary):
    repeat = summary[summary["frequency"] > 0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        crm.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
        crm.GammaGammaModel().fit(repeat["frequency"], repeat["monetary_value"])


def test_bgnbd_on_three_customers_is_refused(summary):
    # issue 9: BG/NBD on 3 customers returned r = 3.4e7 without a word
    three = summary.head(3)
    with pytest.raises(ValueError, match="at least 4 customers; got 3"):
        crm.BetaGeoModel().fit(three["frequency"], three["recency"], three["T"])


@pytest.mark.parametrize("n", [5, 10, 20, 100])
def test_bgnbd_on_a_handful_of_customers_warns(summary, n):
    few = summary.head(n)
    with pytest.warns(crm.IdentificationWarning, match=f"BG/NBD fit on {n} customers"):
        crm.BetaGeoModel().fit(few["frequency"], few["recency"], few["T"])


@pytest.mark.parametrize("n", [1, 2])
def test_gamma_gamma_on_one_or_two_buyers_is_refused(summary, n):
    few = summary[summary["frequency"] > 0].head(n)
    with pytest.raises(ValueError, match=f"at least 3 repeat buyers; got {n}"):
        crm.GammaGammaModel().fit(few["frequency"], few["monetary_value"])


@pytest.mark.parametrize("n", [3, 5, 10, 20])
def test_gamma_gamma_on_a_handful_of_buyers_warns(summary, n):
    # issue 9: Gamma-Gamma on 1-5 customers returned p = 1e4-1e6 without a word
    few = summary[summary["frequency"] > 0].head(n)
    with pytest.warns(crm.IdentificationWarning, match=f"Gamma-Gamma fit on {n} repeat buyers"):
        fitted = crm.GammaGammaModel().fit(few["frequency"], few["monetary_value"])
    assert fitted.n_customers_ == n


def test_a_parameter_at_the_search_limit_is_named_and_has_no_standard_error(summary):
    few = summary.head(20)
    with pytest.warns(crm.IdentificationWarning, match="ended at the search limit"):
        fitted = crm.BetaGeoModel().fit(few["frequency"], few["recency"], few["T"])
    table = fitted.summary()
    assert table.loc["a", "estimate"] == pytest.approx(np.exp(-20.0), rel=1e-5)  # the limit
    assert np.isnan(table.loc["a", ["std_error", "lower_95", "upper_95"]]).all()
    assert table[["std_error"]].drop(index="a").notna().all().all()


def test_expected_spend_of_a_repeat_buyer_is_finite_when_q_is_below_one():
    # issue 9: q = 0.8 (an infinite population mean) used to refuse every customer. For a repeat
    # buyer E(Z | x, zbar) = p (gamma + x zbar) / (p x + q - 1):
    # x = 2, zbar = 30: 6.25 x (15.44 + 60) / (12.5 - 0.2) = 471.5 / 12.3 = 38.333
    spend = crm.GammaGammaModel.from_params(p=6.25, q=0.8, gamma=15.44)
    assert spend.conditional_expected_spend(2, 30.0) == pytest.approx(471.5 / 12.3)
    assert spend.mean_spend_ == float("inf")
    # the population mean (x = 0) still needs q > 1, and the error says so
    with pytest.raises(ValueError, match="needs q > 1"):
        spend.conditional_expected_spend(0, 0.0)
    # and p x + q > 1 is the condition: p = 0.1, q = 0.8, x = 1 gives 0.9 < 1
    with pytest.raises(ValueError, match="p·frequency \\+ q > 1"):
        crm.GammaGammaModel.from_params(p=0.1, q=0.8, gamma=15.44).conditional_expected_spend(
            1, 30.0)
