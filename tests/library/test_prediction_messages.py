"""The errors and warnings of the purchase models and the estimator base speak the kit's language:
every message in ``crmlib/text/<lang>/errors_prediction.toml`` is reached by a call, in English and
in Chinese, and says what its template says (the same placeholders filled in both languages)."""

import string
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from crmlib import i18n, models

MODEL = crm.BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
SPEND = crm.GammaGammaModel.from_params(p=6.25, q=3.74, gamma=15.44)
LOG = pd.DataFrame({"customer_id": [1, 1, 2, 2],
                    "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-15",
                                            "2024-03-01"]),
                    "amount": [10.0, 20.0, 30.0, 40.0]})


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _fake_minimize(fun, success=False, jac=1.0):
    """scipy.optimize.minimize replaced by a result that did not converge."""
    def minimize(objective, start, **kwargs):
        return SimpleNamespace(x=np.asarray(start, dtype=float), fun=fun, success=success,
                               jac=np.full(len(start), jac), message="ABNORMAL")
    return minimize


def _fit_with(monkeypatch, fake):
    import scipy.optimize
    monkeypatch.setattr(scipy.optimize, "minimize", fake)
    return crm.BetaGeoModel().fit([1, 2, 0, 3, 1], [5.0, 8.0, 0.0, 9.0, 2.0], [10.0] * 5)


def _series(values):
    return pd.Series(values, index=pd.Index([11, 12], name="customer_id"))


# (catalogue key under error.purchase_models / error.models, the call that raises it, error)
RAISED = [
    ("purchase_models.at_customer", lambda mp: MODEL.probability_alive(
        _series([1, 1]), _series([5.0, 12.0]), _series([10.0, 10.0])), ValueError),
    ("purchase_models.at_position", lambda mp: MODEL.probability_alive(
        [1, 1], [5.0, 12.0], [10.0, 10.0]), ValueError),
    ("purchase_models.one_column", lambda mp: MODEL.probability_alive(
        pd.DataFrame({"x": [1]}), [1.0], [2.0]), TypeError),
    ("purchase_models.one_column_T", lambda mp: MODEL.probability_alive(
        [1], [1.0], pd.DataFrame({"T": [2.0]})), TypeError),
    ("purchase_models.whole_frequency", lambda mp: MODEL.probability_alive(1.5, 1.0, 2.0),
     ValueError),
    ("purchase_models.minimum_frequency", lambda mp: crm.GammaGammaModel().fit(
        [0, 1, 2], [10.0, 20.0, 30.0]), ValueError),
    ("purchase_models.history_lengths", lambda mp: MODEL.probability_alive(
        [1, 2], [1.0, 2.0, 3.0], [5.0, 5.0]), ValueError),
    ("purchase_models.recency_above_T", lambda mp: MODEL.probability_alive(1, 12.0, 10.0),
     ValueError),
    ("purchase_models.recency_zero", lambda mp: MODEL.probability_alive(2, 0.0, 10.0),
     ValueError),
    ("purchase_models.recency_without_repeat",
     lambda mp: MODEL.probability_alive(0, 3.0, 10.0), ValueError),
    ("purchase_models.no_convergence",
     lambda mp: _fit_with(mp, _fake_minimize(np.nan)), RuntimeError),
    ("purchase_models.no_convergence_gradient",
     lambda mp: _fit_with(mp, _fake_minimize(1.0)), RuntimeError),
    ("purchase_models.too_few", lambda mp: crm.BetaGeoModel().fit(
        [1, 2, 0], [5.0, 8.0, 0.0], [10.0] * 3), ValueError),
    ("purchase_models.no_repeat_buyers", lambda mp: crm.BetaGeoModel().fit(
        [0] * 5, [0.0] * 5, [10.0] * 5), ValueError),
    ("purchase_models.not_a_purchase_model", lambda mp: crm.predicted_customer_lifetime_value(
        SPEND, 1, 5.0, 10.0, 30.0, profit_margin=0.3, annual_discount_rate=0.1, horizon=52),
     TypeError),
    ("purchase_models.spend_not_finite", lambda mp: crm.GammaGammaModel().fit(
        [1, 2, 3], [10.0, np.inf, 30.0]), ValueError),
    ("purchase_models.spend_negative", lambda mp: crm.GammaGammaModel().fit(
        [1, 2, 3], [10.0, -5.0, 30.0]), ValueError),
    ("purchase_models.spend_zero", lambda mp: crm.GammaGammaModel().fit(
        [1, 2, 3], [10.0, 0.0, 30.0]), ValueError),
    ("purchase_models.spend_lengths", lambda mp: crm.GammaGammaModel().fit(
        [1, 2, 3], [10.0, 20.0]), ValueError),
    # p·x + q − 1 = 0.1 + 0.8 − 1 < 0 for x = 1; the population mean (x = 0) needs q > 1
    ("purchase_models.spend_infinite", lambda mp: crm.GammaGammaModel.from_params(
        p=0.1, q=0.8, gamma=15.44).conditional_expected_spend(1, 30.0), ValueError),
    ("purchase_models.spend_infinite_new", lambda mp: crm.GammaGammaModel.from_params(
        p=6.25, q=0.8, gamma=15.44).conditional_expected_spend(0, 0.0), ValueError),
    ("purchase_models.correlation_data",
     lambda mp: crm.spend_frequency_correlation([1, 2], [10.0, 20.0]), ValueError),
    ("purchase_models.time_unit", lambda mp: crm.predicted_customer_lifetime_value(
        MODEL, 1, 5.0, 10.0, 30.0, profit_margin=0.3, annual_discount_rate=0.1, horizon=52,
        time_unit="weeks"), ValueError),
    ("purchase_models.frequency_T_lengths",
     lambda mp: crm.repeat_purchase_histogram(MODEL, [1, 2], [10.0]), ValueError),
    ("purchase_models.observation_order", lambda mp: crm.purchase_tracking(
        MODEL, LOG, calibration_end="2024-02-01", observation_end="2024-01-20"), ValueError),
    ("purchase_models.outside_log", lambda mp: crm.purchase_tracking(
        MODEL, LOG, calibration_end="2024-01-20", observation_end="2024-06-30"), ValueError),
    ("purchase_models.quantity",
     lambda mp: crm.frequency_recency_grid(MODEL, 10.0, quantity="alive"), ValueError),
    ("models.not_fitted", lambda mp: crm.BetaGeoModel().expected_purchases(1.0), ValueError),
    ("models.summary_needs_fit", lambda mp: MODEL.summary(), ValueError),
]


def _literal(key: str, language: str) -> str:
    """The longest piece of a template's fixed text: the message must contain it."""
    template = i18n.catalogue(language)[key]
    pieces = [literal for literal, *_ in string.Formatter().parse(template)]
    return max(pieces, key=len).strip()


def _message_keys(prefix: str) -> set[str]:
    english = i18n.catalogue("en")
    return {key.removeprefix("error.") for key in english
            if key.startswith(prefix) and isinstance(english[key], str)}


def test_every_error_message_is_reached_by_a_call():
    reached = {key for key, _, _ in RAISED}
    expected = (_message_keys("error.purchase_models.") | _message_keys("error.models.")) - {
        key for key in _message_keys("error.purchase_models.")
        if key.split(".")[1] in ("observations", "identification_hint")}
    assert reached == expected


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("key, call, error", RAISED, ids=[key for key, _, _ in RAISED])
def test_errors_in_the_kits_language(key, call, error, language, monkeypatch):
    crm.set_language(language)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", crm.IdentificationWarning)
        with pytest.raises(error) as caught:
            call(monkeypatch)
    message = str(caught.value)
    assert _literal(f"error.{key}", language) in message, message
    if language == "zh":
        assert any("\u4e00" <= c <= "\u9fff" for c in message), message


def test_a_not_fitted_error_is_both_value_and_attribute_error_in_chinese():
    crm.set_language("zh")
    model = crm.GammaGammaModel()
    assert not hasattr(model, "mean_spend_")
    with pytest.raises(crm.NotFittedError, match="还没有拟合"):
        model.mean_spend_


# --- the identification warnings: each form, in both languages -------------------------------

def _covariance(at_bound, hessian, language):
    crm.set_language(language)
    names = ("r", "alpha", "a", "b")
    with pytest.warns(crm.IdentificationWarning) as caught:
        models.log_scale_covariance(
            "BG/NBD", names, np.zeros(4), hessian, np.asarray(at_bound),
            n_observations=1234, observations=i18n.text(
                "error.purchase_models.observations.customers"),
            hint=i18n.text("error.purchase_models.identification_hint.BetaGeoModel"))
    return [str(w.message) for w in caught]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_identification_warnings_in_the_kits_language(language):
    words = {"en": ("BG/NBD fit on 1,234 customers", " and ", "this parameter",
                    "these parameters", "flat", "this estimate", "these estimates"),
             "zh": ("用 1,234 位客户拟合的 BG/NBD 模型", "和", "这个参数", "这些参数", "平的",
                    "这个估计值", "这些估计值")}[language]
    fitted_on, joined, one, many, flat, one_estimate, many_estimates = words
    # one parameter at the limit (the others identified), then two
    one_limit = _covariance([False, False, True, False], np.eye(4) * 1e4, language)
    assert fitted_on in one_limit[0] and one in one_limit[0]
    two_limits = _covariance([False, False, True, True], np.eye(4) * 1e4, language)
    assert many in two_limits[0] and joined in two_limits[0]
    # a flat log-likelihood: a zero eigenvalue
    assert flat in _covariance([False] * 4, np.diag([1e4, 1e4, 1e4, 0.0]), language)[0]
    # weak identification: a standard error of 2 on the log scale spans e^(2 × 1.96 × 2) ≈ 2500
    weak_one = _covariance([False] * 4, np.diag([1e4, 1e4, 1e4, 0.25]), language)
    assert one_estimate in weak_one[0]
    weak_two = _covariance([False] * 4, np.diag([1e4, 1e4, 0.25, 0.25]), language)
    assert many_estimates in weak_two[0] and joined in weak_two[0]
