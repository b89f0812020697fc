"""Headless tests of the selection explorers: move every control, read the result."""

import re

import pandas as pd
import pytest

import crmlib as crm
from crmlib import widgets


def _row(result_html, account):
    """The table row of one account, as text without tags."""
    match = re.search(rf"<tr><td>{re.escape(account)}</td>(.*?)</tr>", result_html)
    return re.sub(r"<[^>]+>", " ", match.group(1))


def test_cheverton_explorer_threshold():
    ex = widgets.cheverton_explorer()
    assert "0</b> account(s) changed" in ex.result.value
    ex.controls["threshold"].value = 0.65
    # Sunrise Schools (0.6375, 0.625) drops from key to opportunistic; Northgate Steel
    # (0.625, 0.25) from key development to opportunistic: key 2, key dev 2, maint 3, opp 5
    assert "2</b> account(s) changed" in ex.result.value
    assert "was key" in _row(ex.result.value, "Sunrise Schools Group")
    assert "opportunistic" in _row(ex.result.value, "Northgate Steel")


def test_cheverton_explorer_attractiveness_weights():
    ex = widgets.cheverton_explorer()
    for name in ex.controls:
        if name.startswith("attractiveness: ") and name != "attractiveness: volume":
            ex.controls[name].value = 0.0
    # only volume counts: attractiveness = (volume - 1) / 4. Northgate 5 -> 1.00;
    # Redwood Insurance 3 -> 0.50 (high, strength 0.775): maintenance -> key
    assert "1.00" in _row(ex.result.value, "Northgate Steel")
    assert "was maintenance" in _row(ex.result.value, "Redwood Insurance")
    assert "1</b> account(s) changed" in ex.result.value


def test_cheverton_explorer_strength_weights():
    ex = widgets.cheverton_explorer()
    for name in ex.controls:
        if name.startswith("strength: ") and name != "strength: share_of_wallet":
            ex.controls[name].value = 0.0
    # only share of wallet: (rating - 1) / 4. Lotus Hotels 2 -> 0.25; Green Valley 5 -> 1.00
    assert "1.00" in _row(ex.result.value, "Green Valley Farms")
    assert "0.25" in _row(ex.result.value, "Lotus Hotels")


def test_cheverton_explorer_every_control_changes_the_result():
    ex = widgets.cheverton_explorer()
    for name, control in ex.controls.items():
        before = ex.result.value
        control.value = 0.05 if control.value > 0.5 else 0.95
        assert ex.result.value != before, name


def test_cheverton_explorer_all_weights_zero_shows_the_error():
    ex = widgets.cheverton_explorer()
    for name, control in ex.controls.items():
        if name.startswith("strength: "):
            control.value = 0.0
    assert "⚠️" in ex.result.value and "weights are all 0" in ex.result.value


def test_value_matrix_explorer_every_control():
    bank = crm.datasets.load_bank_customers()
    ex = widgets.value_matrix_explorer(bank)

    def high_end(cq, pq):   # counted directly with pandas
        return int(((bank["profit"] >= bank["profit"].quantile(cq))
                    & (bank["potential_profit"] >= bank["potential_profit"].quantile(pq))).sum())

    assert f">{high_end(0.5, 0.5):,}<" in ex.result.value
    ex.controls["current_quantile"].value = 0.8
    assert f">{high_end(0.8, 0.5):,}<" in ex.result.value
    ex.controls["potential_quantile"].value = 0.2
    assert f">{high_end(0.8, 0.2):,}<" in ex.result.value


@pytest.mark.parametrize("factory", [widgets.cheverton_explorer, widgets.value_matrix_explorer])
def test_selection_explorers_expose_controls_and_result(factory):
    ex = factory()
    assert ex.controls and ex.result.value and callable(ex.update)


def test_cheverton_explorer_custom_accounts():
    accounts = pd.DataFrame({"size": [5, 1], "fit": [5, 1]}, index=["Big", "Small"])
    ex = widgets.cheverton_explorer(accounts, {"size": 1}, {"fit": 1})
    assert "Big" in ex.result.value and "key" in _row(ex.result.value, "Big")
    assert "opportunistic" in _row(ex.result.value, "Small")


def test_explorers_speak_chinese(chinese):
    ex = widgets.cheverton_explorer()
    assert "切维顿矩阵" in ex.children[0].value
    assert ex.controls["threshold"].description == "得分达到多少为“高”"
    assert ex.controls["attractiveness: volume"].description == "吸引力：volume"
    ex.controls["threshold"].value = 0.65
    # Sunrise Schools drops from key to opportunistic (see the English test above)
    row = _row(ex.result.value, "Sunrise Schools Group")
    assert "机会主义客户" in row and "原为关键客户（最有价值）" in row
    assert "<b>2</b> 个客户换了象限" in ex.result.value
    bank = widgets.value_matrix_explorer()
    assert "<th>层级</th>" in bank.result.value and "投入" in bank.result.value
    assert "高端客户" in bank.result.value
