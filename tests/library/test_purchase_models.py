"""crmlib.purchase_models pinned to the published CDNOW results.

Sources:
* FHL 2005 = Fader, Hardie & Lee (2005), "Counting your customers" the easy way: an alternative
  to the Pareto/NBD model, Marketing Science 24(2), 275-284: Section 7 (CDNOW 1/10 sample,
  2357 customers, 39-week calibration ending 1997-09-30, holdout weeks 40-78).
* FHL 2005 JMR = Fader, Hardie & Lee (2005), RFM and CLV: using iso-value curves for customer
  base analysis, Journal of Marketing Research 42(4), 415-430; Fader & Hardie (2013), The
  Gamma-Gamma model of monetary value (note 025, brucehardie.com).
"""

import numpy as np
import pandas as pd
import pytest
from scipy.special import hyp2f1

import crmlib as crm
from crmlib.purchase_models import (
    _aggregate_history,
    _bgnbd_negative_log_likelihood,
    _gamma_gamma_negative_log_likelihood,
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
        data = {"x": x, "z": z, "log_x": np.log(x), "log_z": np.log(z)}
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
    with pytest.raises(RuntimeError, match="not fitted"):
        crm.BetaGeoModel().expected_purchases(10)
    with pytest.raises(RuntimeError, match="not fitted"):
        crm.GammaGammaModel().conditional_expected_spend(2, 30.0)
    assert repr(crm.BetaGeoModel()) == "BetaGeoModel()"
