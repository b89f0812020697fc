"""crmlib.retention_projection pinned to Fader & Hardie (2007, 2010) and hand calculations."""

import math
import warnings

import numpy as np
import pytest

import crmlib as crm
from crmlib import CurveFitProjection, ShiftedBetaGeometric

# Fader & Hardie (2007), "How to project customer retention", J. Interactive Marketing 21(1),
# Table 1: survivors per 1,000 customers, years 0-12.
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]
# Published sBG estimates from years 0-7 (Fader & Hardie 2007, section 3 and Appendix B).
PUBLISHED = {"regular": (0.704, 1.182), "high_end": (0.668, 3.806)}
SERIES = {"regular": REGULAR, "high_end": HIGH_END}


@pytest.mark.parametrize("segment", ["regular", "high_end"])
def test_sbg_estimates_match_the_paper_to_three_decimals(segment):
    model = ShiftedBetaGeometric().fit(SERIES[segment][:8])
    alpha, beta = PUBLISHED[segment]
    assert round(model.params_["alpha"], 3) == alpha
    assert round(model.params_["beta"], 3) == beta
    assert model.n_periods_ == 7


def _log_likelihood_eq_b3(alpha, beta, survivors):
    """Eq. B3 written out with the paper's P(T=t) recursion (eq. 7) and S(t) = 1 - sum P."""
    p = [alpha / (alpha + beta)]
    for t in range(2, len(survivors)):
        p.append(p[-1] * (beta + t - 2) / (alpha + beta + t - 1))
    lost = [survivors[t - 1] - survivors[t] for t in range(1, len(survivors))]
    return (sum(n * math.log(pt) for n, pt in zip(lost, p, strict=True))
            + survivors[-1] * math.log(1 - sum(p)))


@pytest.mark.parametrize("segment", ["regular", "high_end"])
def test_log_likelihood_is_eq_b3_at_the_estimates(segment):
    model = ShiftedBetaGeometric().fit(SERIES[segment][:8])
    by_hand = _log_likelihood_eq_b3(model.params_["alpha"], model.params_["beta"],
                                    SERIES[segment][:8])
    assert model.log_likelihood_ == pytest.approx(by_hand, rel=1e-10)
    # the maximum: the published (rounded) parameters give a slightly lower value
    assert model.log_likelihood_ >= _log_likelihood_eq_b3(*PUBLISHED[segment],
                                                          SERIES[segment][:8])


def test_high_end_log_likelihood_matches_appendix_b():
    # Fader & Hardie (2007), Appendix B spreadsheet for the high-end segment: LL = -1611.2
    model = ShiftedBetaGeometric().fit(HIGH_END[:8])
    assert round(model.log_likelihood_, 1) == -1611.2


@pytest.mark.parametrize("segment", ["regular", "high_end"])
def test_projection_years_8_to_12_follow_eq_8_with_the_published_parameters(segment):
    alpha, beta = PUBLISHED[segment]
    survival, expected = 1.0, {}
    for t in range(1, 13):  # S(t) = prod r_i, r_i = (beta + i - 1) / (alpha + beta + i - 1)
        survival *= (beta + t - 1) / (alpha + beta + t - 1)
        expected[t] = 1000 * survival
    model = ShiftedBetaGeometric().fit(SERIES[segment][:8])
    got = model.project(np.arange(8, 13))
    np.testing.assert_allclose(got, [expected[t] for t in range(8, 13)], rtol=2e-3)


def test_year_12_errors_are_the_papers_2_and_4_percent():
    # "the sBG ... year-12 survival ... off by only 4% and 2%" (high end and regular)
    regular = ShiftedBetaGeometric().fit(REGULAR[:8]).project(12)
    high_end = ShiftedBetaGeometric().fit(HIGH_END[:8]).project(12)
    assert round(100 * (regular - 173) / 173) == -2
    assert round(100 * (high_end - 394) / 394) == -4


def test_naive_curves_reproduce_the_papers_fit_and_failure():
    # Fader & Hardie (2007), section 2, high-end segment, years 0-7: R^2 of 0.922 (linear),
    # 0.998 (quadratic) and 0.963 (exponential); year-12 survival underestimated by 81%
    # (linear) and 30% (exponential), overestimated by 92% (quadratic).
    fits = {kind: CurveFitProjection(kind).fit(HIGH_END[:8])
            for kind in ("linear", "quadratic", "exponential")}
    assert round(fits["linear"].r_squared_, 3) == 0.922
    assert round(fits["quadratic"].r_squared_, 3) == 0.998
    # our ln-scale R^2 is 0.9637: the paper prints 0.963 (truncated, or on another scale)
    assert fits["exponential"].r_squared_ == pytest.approx(0.963, abs=1e-3)
    errors = {kind: round(100 * (fit.project(12) - 394) / 394) for kind, fit in fits.items()}
    assert errors == {"linear": -81, "quadratic": 92, "exponential": -30}


def test_linear_projection_by_hand():
    # survivors 100, 80, 60: the line is 100 - 20 t, so period 6 projects -20 (left as is)
    line = CurveFitProjection("linear").fit([100, 80, 60])
    assert line.project(6) == pytest.approx(-20)
    assert line.r_squared_ == pytest.approx(1.0)
    # constant retention 0.5: ln S = ln 100 + t ln 0.5 exactly
    curve = CurveFitProjection("exponential").fit([100, 50, 25])
    assert curve.project(4) == pytest.approx(100 * 0.5**4)


def test_compare_and_errors_tables():
    table = crm.compare_retention_projections(HIGH_END)
    assert list(table.columns) == ["actual", "calibration", "sBG", "linear", "exponential"]
    assert table["calibration"].sum() == 8
    errors = crm.projection_errors(table)
    assert list(errors.index) == [8, 9, 10, 11, 12]
    assert (errors["sBG"].abs() < errors["exponential"].abs()).all()
    assert (errors["sBG"].abs() < errors["linear"].abs()).all()
    longer = crm.compare_retention_projections(HIGH_END, horizon=20)
    assert np.isnan(longer.loc[20, "actual"]) and longer.loc[20, "linear"] < 0


# --------------------------------------------------------------------------- model quantities

def test_retention_rises_with_tenure_and_starts_at_one_minus_mean_churn():
    model = ShiftedBetaGeometric.from_params(0.704, 1.182)
    r = model.retention(np.arange(1, 13))
    assert np.all(np.diff(r) > 0)
    # r_1 = beta / (alpha + beta) = 1.182 / 1.886
    assert r[0] == pytest.approx(1.182 / 1.886)
    assert model.mean_churn_probability() == pytest.approx(0.704 / 1.886)


def test_survival_retention_and_lost_share_agree():
    model = ShiftedBetaGeometric.from_params(0.668, 3.806)
    t = np.arange(0, 13)
    survival = model.survival(t)
    assert survival[0] == 1.0
    np.testing.assert_allclose(crm.survival_from_retention(model.retention(t[1:])), survival)
    np.testing.assert_allclose(model.lost_in_period(t[1:]), survival[:-1] - survival[1:])
    # P(T=1) = alpha / (alpha + beta) by hand
    assert model.lost_in_period(1) == pytest.approx(0.668 / 4.474)


def test_del_and_derl_without_discounting_by_hand():
    # alpha = 3, beta = 8. Posterior after n-1 renewals: beta(3, 8 + n - 1);
    # E[(1 - theta) / theta] = (beta + n - 1) / (alpha - 1).
    model = ShiftedBetaGeometric.from_params(3.0, 8.0)
    assert model.discounted_expected_residual_lifetime(0.0, renewals=[0, 1, 4]).tolist() == \
        pytest.approx([8 / 2, 9 / 2, 12 / 2])
    # expected lifetime counting the first period: E[1 / theta] = (alpha+beta-1)/(alpha-1) = 5
    assert model.discounted_expected_lifetime(0.0) == pytest.approx(10 / 2)


def test_derl_is_the_discounted_sum_of_conditional_survival():
    # Fader & Hardie (2010), eq. 6: DERL = sum_{t>=n} S(t)/S(n-1) / (1+d)^(t-n)
    model = ShiftedBetaGeometric.from_params(0.668, 3.806)
    d, n = 0.10, 4
    t = np.arange(n, n + 3000)
    survival = model.survival(np.arange(0, n + 3000))
    by_sum = np.sum(survival[t] / survival[n - 1] / (1 + d) ** (t - n))
    assert model.discounted_expected_residual_lifetime(d, renewals=n - 1) == pytest.approx(
        by_sum, rel=1e-9)
    # DEL = sum_t S(t)/(1+d)^t = 1 + DERL(no renewals) / (1 + d)
    assert model.discounted_expected_lifetime(d) == pytest.approx(
        1 + model.discounted_expected_residual_lifetime(d) / (1 + d))


def test_derl_rises_with_renewals():
    model = ShiftedBetaGeometric().fit(REGULAR[:8])
    values = model.discounted_expected_residual_lifetime(0.1, renewals=np.arange(10))
    assert np.all(np.diff(values) > 0)


def test_homogeneous_limit_is_the_constant_retention_formula():
    # alpha, beta -> infinity with alpha / (alpha + beta) = 0.2: everyone churns with 0.2.
    # DERL -> r (1 + d) / (1 + d - r) = 0.8 x 1.1 / 0.3 = 2.9333 (payment now + discounted
    # future).
    model = ShiftedBetaGeometric.from_params(2e6, 8e6)
    assert model.discounted_expected_residual_lifetime(0.1) == pytest.approx(0.88 / 0.3,
                                                                              rel=1e-5)


@pytest.mark.parametrize("when, by_hand", [("end", 100 * 0.8 / 0.3),     # m r / (1 + i - r)
                                           ("begin", 100 * 1.1 / 0.3)])  # m (1 + i) / (1 + i - r)
def test_sbg_clv_of_a_constant_retention_cohort_is_the_closed_form(when, by_hand):
    # alpha / (alpha + beta) = 0.2 with alpha + beta large: every customer churns with 0.2, so
    # the sBG value is Gupta & Lehmann's closed form, 266.67 ("end") or 366.67 ("begin"), in
    # the meaning crm.customer_lifetime_value gives `when`.
    model = ShiftedBetaGeometric.from_params(2e7, 8e7)
    assert round(by_hand, 2) == {"end": 266.67, "begin": 366.67}[when]
    assert model.customer_lifetime_value(100, 0.1, when=when) == pytest.approx(by_hand, abs=0.005)
    assert crm.customer_lifetime_value(100, 0.8, 0.1, when=when) == pytest.approx(by_hand)
    # an active customer of such a cohort is worth the same whatever their past renewals
    np.testing.assert_allclose(model.residual_value(100, 0.1, [0, 1, 5], when=when),
                               by_hand, atol=0.005)


def test_sbg_value_defaults_to_the_timing_of_customer_lifetime_value():
    import inspect

    default = inspect.signature(crm.customer_lifetime_value).parameters["when"].default
    model = ShiftedBetaGeometric.from_params(3.0, 8.0)
    for method in (model.customer_lifetime_value, model.residual_value):
        assert inspect.signature(method).parameters["when"].default == default
    assert model.customer_lifetime_value(100, 0.1) == model.customer_lifetime_value(
        100, 0.1, when=default)


def test_clv_and_residual_value():
    model = ShiftedBetaGeometric.from_params(3.0, 8.0)
    # alpha = 3, beta = 8, no discounting: E[lifetime] = (alpha + beta - 1)/(alpha - 1) = 5
    # payments counting the one on acquisition; "end" leaves that one out: 100 x 4 - 50
    assert model.customer_lifetime_value(100, 0.0, acquisition_cost=50) == pytest.approx(350)
    assert model.customer_lifetime_value(100, 0.0, when="begin",
                                         acquisition_cost=50) == pytest.approx(450)
    # one renewal made: (beta + 1)/(alpha - 1) = 4.5 further payments; "begin" adds this one
    assert model.residual_value(100, 0.0, renewals=1) == pytest.approx(450)
    assert model.residual_value(100, 0.0, renewals=1, when="begin") == pytest.approx(550)
    # Fader & Hardie (2010) value the same margins at the renewal decision: margin x DERL =
    # (1 + d) x residual_value(when="end")
    fitted = ShiftedBetaGeometric().fit(HIGH_END[:8])
    np.testing.assert_allclose(
        100 * fitted.discounted_expected_residual_lifetime(0.1, [0, 3]),
        1.1 * fitted.residual_value(100, 0.1, [0, 3]))
    # with no renewals the residual value is the new customer's CLV
    for when in ("end", "begin"):
        assert fitted.residual_value(100, 0.1, when=when) == pytest.approx(
            fitted.customer_lifetime_value(100, 0.1, when=when))


def test_sbg_value_rejects_an_unknown_timing():
    model = ShiftedBetaGeometric.from_params(3.0, 8.0)
    with pytest.raises(ValueError, match="when must be one of 'end', 'begin'; got 'start'"):
        model.customer_lifetime_value(100, 0.1, when="start")
    with pytest.raises(ValueError, match="when"):
        model.residual_value(100, 0.1, when="start")


def test_fit_accepts_shares_as_well_as_counts():
    counts = ShiftedBetaGeometric().fit(REGULAR[:8])
    shares = ShiftedBetaGeometric().fit(np.array(REGULAR[:8]) / 1000)
    assert shares.params_["alpha"] == pytest.approx(counts.params_["alpha"], rel=1e-6)
    assert shares.log_likelihood_ == pytest.approx(counts.log_likelihood_ / 1000, rel=1e-6)


def test_constant_retention_data_warn_and_keep_the_mean():
    survivors = 1000 * 0.8 ** np.arange(8)
    with pytest.warns(crm.IdentificationWarning, match="heterogeneity"):
        model = ShiftedBetaGeometric().fit(survivors)
    assert model.summary()["std_error"].isna().all()
    assert model.mean_churn_probability() == pytest.approx(0.2, abs=1e-4)


def test_published_data_fit_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ShiftedBetaGeometric().fit(REGULAR)
        ShiftedBetaGeometric().fit(HIGH_END)


def test_unfitted_model_says_what_to_do():
    for call in (lambda: ShiftedBetaGeometric().survival(3),
                 lambda: CurveFitProjection().project(3),
                 lambda: ShiftedBetaGeometric().summary()):
        with pytest.raises(crm.NotFittedError, match=r"not fitted yet: call \.fit\(survivors\)"):
            call()
    assert "alpha=0.704" in repr(ShiftedBetaGeometric.from_params(0.704, 1.182))
    assert repr(CurveFitProjection("exponential")) == "CurveFitProjection('exponential')"


# --------------------------------------------------------------------------- one model contract


def test_from_params_models_have_no_likelihood_and_no_summary():
    for model in (ShiftedBetaGeometric.from_params(0.704, 1.182),
                  CurveFitProjection.from_params("linear", a=1000.0, b=-80.0)):
        assert model.log_likelihood_ is None
        with pytest.raises(crm.NotFittedError, match="from_params"):
            model.summary()


def _numerical_standard_errors(log_likelihood, point, step=1e-4):
    """Standard errors from the inverse of a central-difference Hessian of ``log_likelihood``."""
    point = np.asarray(point, dtype=float)
    k = point.size
    hessian = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            hi, hj = step * point[i] * np.eye(k)[i], step * point[j] * np.eye(k)[j]
            hessian[i, j] = (log_likelihood(point + hi + hj) - log_likelihood(point + hi - hj)
                             - log_likelihood(point - hi + hj)
                             + log_likelihood(point - hi - hj)) / (4 * step**2 * point[i]
                                                                  * point[j])
    return np.sqrt(np.diag(np.linalg.inv(-hessian)))


@pytest.mark.parametrize("segment", ["regular", "high_end"])
def test_sbg_standard_errors_are_the_inverse_hessian_of_eq_b3(segment):
    model = ShiftedBetaGeometric().fit(SERIES[segment][:8])
    table = model.summary()
    assert list(table.columns) == ["estimate", "std_error", "lower_95", "upper_95"]
    assert list(table.index) == ["alpha", "beta"] and table.index.name == "parameter"
    estimates = table["estimate"].to_numpy()
    expected = _numerical_standard_errors(
        lambda p: _log_likelihood_eq_b3(p[0], p[1], SERIES[segment][:8]), estimates)
    np.testing.assert_allclose(table["std_error"], expected, rtol=1e-4)
    # the 95% interval is estimate x exp(+-1.96 se / estimate) (log scale, stays above 0)
    factor = np.exp(1.959964 * expected / estimates)
    np.testing.assert_allclose(table["lower_95"], estimates / factor, rtol=1e-4)
    np.testing.assert_allclose(table["upper_95"], estimates * factor, rtol=1e-4)


def test_sbg_summary_needs_counts_not_shares():
    shares = ShiftedBetaGeometric().fit(np.array(REGULAR[:8]) / 1000)
    with pytest.raises(ValueError, match="counts of customers"):
        shares.summary()


def test_sbg_warns_when_three_years_cannot_pin_alpha_and_beta_down():
    # high-end years 0-3 fit alpha = 4.6, beta = 29: the ratio is known, the scale is not (the
    # 95% interval of alpha runs from about 0.07 to 290)
    with pytest.warns(crm.IdentificationWarning, match="hardly determine alpha = 4.64"):
        model = ShiftedBetaGeometric().fit(HIGH_END[:4])
    assert model.summary().loc["alpha", "upper_95"] / model.summary().loc["alpha",
                                                                          "lower_95"] > 100


def test_linear_curve_standard_errors_are_ordinary_least_squares_by_hand():
    # y = 10, 8, 7, 3 at t = 0..3: slope b = sum((t - 1.5)(y - 7)) / sum((t - 1.5)^2)
    # = (-1.5*3 - 0.5*1 + 0.5*0 + 1.5*-4) / 5 = -11 / 5 = -2.2; a = 7 - (-2.2)(1.5) = 10.3.
    # residuals: 10 - 10.3, 8 - 8.1, 7 - 5.9, 3 - 3.7 = -0.3, -0.1, 1.1, -0.7; RSS = 1.8;
    # s^2 = 1.8 / 2 = 0.9; se(b) = sqrt(0.9 / 5) = 0.4243; se(a) = sqrt(0.9 (1/4 + 1.5^2/5))
    # = sqrt(0.9 x 0.7) = 0.7937; t(0.975, 2 df) = 4.3027.
    line = CurveFitProjection("linear").fit([10, 8, 7, 3])
    table = line.summary()
    np.testing.assert_allclose(table["estimate"], [10.3, -2.2])
    np.testing.assert_allclose(table["std_error"], [math.sqrt(0.63), math.sqrt(0.18)])
    np.testing.assert_allclose(table["upper_95"] - table["estimate"],
                               4.302653 * table["std_error"], rtol=1e-6)
    # Gaussian log-likelihood at the fit: -n/2 (ln(2 pi RSS / n) + 1)
    assert line.log_likelihood_ == pytest.approx(-2 * (math.log(2 * math.pi * 1.8 / 4) + 1))
    assert line.params_ == pytest.approx({"a": 10.3, "b": -2.2})
    np.testing.assert_allclose(line.coef_, [-2.2, 10.3])


def test_curve_through_every_point_has_no_standard_errors():
    quadratic = CurveFitProjection("quadratic").fit([1000, 800, 700])
    with pytest.warns(crm.IdentificationWarning, match="passes exactly"):
        table = quadratic.summary()
    assert table[["std_error", "lower_95", "upper_95"]].isna().all().all()


def test_curve_from_params_projects_and_checks_its_coefficients():
    curve = CurveFitProjection.from_params("exponential", a=math.log(1000), b=math.log(0.8))
    assert curve.project(2) == pytest.approx(640.0)
    assert curve.survival(2) == pytest.approx(0.64)
    with pytest.raises(ValueError, match="quadratic"):
        CurveFitProjection.from_params("linear", a=1000.0, b=-80.0, c=1.0)


def test_dataset_loader_gives_the_same_series():
    series = crm.datasets.load_retention_series()
    assert series["regular"].tolist() == REGULAR
    assert series["high_end"].tolist() == HIGH_END
