"""Headless widget tests: move every control, click every button, read the result."""

import re

import pytest

import crmlib as crm
from crmlib import widgets


def test_question_widget_check_button():
    box = crm.exercises.hotel_loyalty().widget("clv_before")
    box.answer_box.value = "7,200元"
    box.check_button.click()
    assert "Correct" in box.feedback.value
    box.answer_box.value = "9200"
    box.check_button.click()
    assert "this year" in box.feedback.value
    box.answer_box.value = "abc"
    box.check_button.click()
    assert "could not read" in box.feedback.value
    box.answer_box.value = ""
    box.check_button.click()
    assert "answer box is empty" in box.feedback.value and "..." not in box.feedback.value


def test_choice_widget_check_button():
    q = crm.exercises.ChoiceQuestion("Which?", ["a lot", "a little"], "a lot")
    box = q.widget()
    box.check_button.click()
    assert "Not attempted" in box.feedback.value
    box.answer_box.value = "a little"
    box.check_button.click()
    assert "Not this one" in box.feedback.value
    box.answer_box.value = "a lot"
    box.check_button.click()
    assert "Correct" in box.feedback.value


def test_clv_explorer_every_control():
    ex = widgets.clv_explorer(2000, 0.8, 0.0, acquisition_cost=800)
    # 2000 * 0.8 / 0.2 - 800 = 7200
    assert "7,200" in ex.result.value
    ex.controls["when"].value = "begin"          # 2000 / 0.2 - 800 = 9200
    assert "9,200" in ex.result.value
    ex.controls["margin"].value = 1000           # 1000 / 0.2 - 800 = 4200
    assert "4,200" in ex.result.value
    ex.controls["retention_rate"].value = 0.9    # 1000 / 0.1 - 800 = 9200
    assert "9,200" in ex.result.value
    ex.controls["acquisition_cost"].value = 0    # 10000
    assert "10,000" in ex.result.value
    ex.controls["discount_rate"].value = 0.1     # 1000 * 1.1 / 0.2 = 5500
    assert "5,500" in ex.result.value


def _visible(explorer) -> str:
    return re.sub(r"<[^>]+>", " ", explorer.result.value)


def test_clv_explorer_never_shows_inf_at_the_edges():
    """Issue 15 item 10: r → 1 at i = 0, r + 5 points > 1 and a discount change at i = 0 say
    what happens instead of showing inf or a silently capped lever."""
    ex = widgets.clv_explorer(1000, 0.99, 0.0)
    shown = _visible(ex)
    # now 1000 × 0.99 / 0.01 = 99,000; retention + 5 points would be 1.04 > 1: at r = 1 with
    # i = 0 the sum of margins has no limit; the discount rate is already 0
    assert "99,000" in shown
    assert "inf" not in shown and "nan" not in shown.lower()
    assert "no limit" in shown and "never leaves" in shown
    assert "already 0" in shown
    ex.controls["discount_rate"].value = 0.10
    ex.controls["retention_rate"].value = 0.97
    shown = _visible(ex)
    # retention can rise only from 0.97 to 1.00 (+3 points): 1000 × 1 / 0.1 = 10,000
    assert "only to 1.00 (+3 points)" in shown and "10,000" in shown
    assert "already 0" not in shown and "no limit" not in shown
    ex.controls["discount_rate"].value = 0.01
    assert "lowers it only to 0.00" in _visible(ex)
    ex.controls["retention_rate"].value = 0.80
    ex.controls["discount_rate"].value = 0.10
    shown = _visible(ex)
    # away from the edges nothing is capped: 1000 × 0.85 / 0.25 = 3400 (+27.5%)
    assert "+27.5%" in shown and "cannot" not in shown and "no limit" not in shown


def _latin_words(label: str) -> list[str]:
    # CLV and the symbols r and i are the formula's, the same in both editions
    return [w for w in re.findall(r"[A-Za-z]+", label) if w not in {"CLV", "r", "i"}]


def test_clv_explorer_speaks_chinese():
    from crmlib import i18n
    crm.set_language("zh")
    try:
        ex = widgets.clv_explorer(1000, 0.99, 0.0)
        title = re.sub(r"<[^>]+>", "", ex.children[0].value)
        timing = ex.controls["when"]
        labels = [title, *(c.description for c in ex.controls.values()),
                  *(label for label, _ in timing.options)]
        shown = _visible(ex)
    finally:
        i18n.set_language("en")
    for label in labels:
        assert re.search("[\u4e00-\u9fff]", label) and _latin_words(label) == [], label
    # the glossary's terms (客户保持率, 贴现率, 获取成本), one per concept
    assert ex.controls["retention_rate"].description == "客户保持率 r"
    assert ex.controls["discount_rate"].description == "贴现率 i"
    assert ex.controls["acquisition_cost"].description == "获取成本"
    # rows, headers and the edge notes (r = 0.99, i = 0): 1000 × 0.99 / 0.01 = 99,000 now
    for words in ("改进", "客户终生价值", "变化", "现在", "利润 +10%", "客户保持率 +5 个百分点",
                  "贴现率 −2 个百分点", "无上限", "不贴现", "贴现率已经是 0", "99,000"):
        assert words in shown, words
    assert _latin_words(shown) == [], shown


def test_turnover_explorer_every_control():
    ex = widgets.turnover_explorer()
    assert "-150,000,000" in ex.result.value and "45%" in ex.result.value
    ex.controls["acquisition_rate"].value = 0.45     # 1000 - 300 + 450 = 1150
    assert "1,150,000,000" in ex.result.value and "grows" in ex.result.value
    ex.controls["turnover_rate"].value = 0.1         # 1000 - 100 + 450 = 1350
    assert "+350,000,000" in ex.result.value
    ex.controls["market_growth_rate"].value = 0.2    # needed 0.1 + 0.2 = 30%
    assert "30%" in ex.result.value


def test_crm_budget_explorer_every_control():
    # lesson 01's illustration: 100 × 0.30 = 30; + 5 + 10 + (720 − 700) = 65
    ex = widgets.crm_budget_explorer()
    assert "<b>65.0</b>" in ex.result.value
    ex.controls["turnover_rate"].value = 0.15               # 15 + 5 + 10 + 20 = 50
    assert "<b>50.0</b>" in ex.result.value
    ex.controls["marketing_expense"].value = 200            # 30 + 5 + 10 + 20 = 65
    assert "<b>65.0</b>" in ex.result.value
    ex.controls["sales_time_value"].value = 15              # 30 + 15 + 10 + 20 = 75
    assert "<b>75.0</b>" in ex.result.value
    ex.controls["lost_referrals_value"].value = 40          # 30 + 15 + 40 + 20 = 105
    assert "<b>105.0</b>" in ex.result.value and "Largest component: Lost referrals" in \
        _visible(ex)
    ex.controls["target_retention_revenue"].value = 800     # gap 100: 30 + 15 + 40 + 100 = 185
    assert "<b>185.0</b>" in ex.result.value and "Revenue better retention" in _visible(ex)
    ex.controls["current_retention_revenue"].value = 900    # target below current: an error
    assert "below current_retention_revenue" in ex.result.value


@pytest.mark.parametrize("factory", [widgets.clv_explorer, widgets.turnover_explorer,
                                     widgets.crm_budget_explorer])
def test_explorers_expose_controls_and_result(factory):
    ex = factory()
    assert ex.controls and ex.result.value


def test_purchase_history_explorer_every_control():
    # published CDNOW parameters (Fader, Hardie & Lee 2005); worked customer x=2, t_x=30.43,
    # T=38.86: P(alive) = 0.73 (hand calculation in test_purchase_models), E[Y(39)] = 1.226
    model = crm.BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    ex = widgets.purchase_history_explorer(model)
    assert "<b>0.73</b>" in ex.result.value and "<b>1.23</b>" in ex.result.value
    ex.controls["T"].value = 60.0                 # a longer silence: less likely alive
    assert "<b>0.73</b>" not in ex.result.value and "29.6" in ex.result.value
    ex.controls["recency"].value = 70.0           # last purchase after the age: a clear error
    assert "recency must not exceed T" in ex.result.value
    ex.controls["recency"].value = 30.0
    ex.controls["frequency"].value = 0            # one-time buyer: alive by construction
    assert "<b>1.00</b>" in ex.result.value and "No repeat purchase" in ex.result.value


def test_crm_budget_explorer_speaks_chinese():
    # lesson 01's illustration, 30 + 5 + 10 + 20 = 65: the Chinese summary is one paragraph of
    # Chinese sentences (no space after the full stop)
    from crmlib import i18n

    i18n.set_language("zh")
    try:
        ex = widgets.crm_budget_explorer()
    finally:
        i18n.set_language("en")
    assert "合计：<b>65.0</b>（单位与输入相同）。最大的一项：用于弥补流失客户的营销费用。" in \
        ex.result.value
    assert ex.controls["turnover_rate"].description == "客户周转率"
