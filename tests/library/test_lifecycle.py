"""crmlib.lifecycle: every stage rule and pattern rule on hand-made purchase histories.

Dates are written as days after BASE so each window can be checked by hand. Default rules:
ended after 365 days without a purchase; exploration while tenure < 90 days or fewer than 3
purchase days; decline when inactive > 90 days or spend in the last 180 days < 0.5 x the 180
days before; formation while tenure < 365 days or recent spend > 1.5 x previous; else stability.
"""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from crmlib import LifecyclePattern, LifecycleStage

BASE = pd.Timestamp("2020-01-01")


def day(n):
    return BASE + pd.Timedelta(days=n)


def log_of(histories):
    """{customer: [(day, amount), ...]} -> a purchase log."""
    rows = [(customer, day(d), float(amount)) for customer, purchases in histories.items()
            for d, amount in purchases]
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"])


def monthly(first, last, amount=100.0, step=30):
    return [(d, amount) for d in range(first, last + 1, step)]


def stage_of(histories, as_of_day, **rules):
    table = crm.classify_stages(log_of(histories), day(as_of_day), **rules)
    return {customer: str(stage) for customer, stage in table["stage"].items()}


# --------------------------------------------------------------------------- rule 1: ended

def test_rule1_ended_after_more_than_365_days_without_a_purchase():
    history = {"a": monthly(0, 600)}  # last purchase on day 600
    assert stage_of(history, 600 + 366)["a"] == "ended"
    # exactly 365 days is not yet "more than 365": the customer is declining (inactive > 90)
    assert stage_of(history, 600 + 365)["a"] == "decline"


def test_rule1_threshold_is_a_parameter():
    history = {"a": monthly(0, 600)}
    assert stage_of(history, 600 + 200, lost_after_days=180)["a"] == "ended"


# --------------------------------------------------------------------------- rule 2: exploration

def test_rule2_exploration_while_tenure_below_90_days():
    # weekly purchases for 89 days: plenty of purchases, but a customer for only 89 days
    history = {"a": monthly(0, 84, step=7)}
    assert stage_of(history, 89)["a"] == "exploration"
    assert stage_of(history, 90)["a"] == "formation"  # tenure 90, 13 purchase days


def test_rule2_exploration_with_fewer_than_3_purchase_days():
    # two purchase days over 200 days, the last 60 days ago: still trying the firm out
    history = {"a": [(0, 50), (140, 50)]}
    assert stage_of(history, 200)["a"] == "exploration"
    # a third purchase day moves the customer on
    history["a"].append((190, 50))
    assert stage_of(history, 200)["a"] == "formation"


def test_rule2_several_purchases_on_one_day_count_as_one_purchase_day():
    history = {"a": [(0, 10), (0, 20), (0, 30), (100, 40), (100, 50)]}
    table = crm.classify_stages(log_of(history), day(120))
    assert table.loc["a", "purchase_days"] == 2
    assert table.loc["a", "stage"] == "exploration"
    assert table.loc["a", "recent_spend"] == pytest.approx(10 + 20 + 30 + 40 + 50)


# --------------------------------------------------------------------------- rule 3: decline

def test_rule3_decline_after_more_than_90_days_inactive():
    history = {"a": monthly(0, 600)}  # last purchase day 600
    assert stage_of(history, 690)["a"] == "stability"  # 90 days: not yet
    assert stage_of(history, 691)["a"] == "decline"


def test_rule3_decline_when_recent_spend_falls_below_half():
    # as of day 610: recent window (430, 610] holds days 450..600 (6 purchases), previous
    # window (250, 430] holds days 270..420 (6 purchases at 100 = 600).
    falling = monthly(0, 420) + monthly(450, 600, amount=45)   # recent 6 x 45 = 270 < 300
    steady = monthly(0, 420) + monthly(450, 600, amount=55)    # recent 6 x 55 = 330 >= 300
    stages = stage_of({"falling": falling, "steady": steady}, 610)
    assert stages == {"falling": "decline", "steady": "stability"}


def test_rule3_windows_and_spend_by_hand():
    table = crm.classify_stages(log_of({"a": monthly(0, 420) + monthly(450, 600, amount=45)}),
                                day(610))
    row = table.loc["a"]
    assert row["recent_spend"] == pytest.approx(6 * 45)
    assert row["previous_spend"] == pytest.approx(6 * 100)
    assert row["tenure_days"] == 610 and row["days_since_last"] == 10
    assert row["rule"] == 3


# --------------------------------------------------------------------------- rule 4: formation

def test_rule4_formation_while_tenure_below_365_days():
    history = {"a": monthly(0, 330)}
    assert stage_of(history, 340)["a"] == "formation"   # tenure 340
    history = {"a": monthly(0, 360)}
    assert stage_of(history, 365)["a"] == "stability"   # tenure 365, steady spend


def test_rule4_formation_when_recent_spend_grows_by_more_than_half():
    # recent 6 x 160 = 960 > 1.5 x 600 = 900: still growing although a customer for 610 days
    growing = monthly(0, 420) + monthly(450, 600, amount=160)
    flat = monthly(0, 420) + monthly(450, 600, amount=140)   # 840 <= 900
    assert stage_of({"g": growing, "f": flat}, 610) == {"f": "stability", "g": "formation"}


# --------------------------------------------------------------------------- rule 5: stability

def test_rule5_stability_for_an_established_steady_customer():
    table = crm.classify_stages(log_of({"a": monthly(0, 600)}), day(610))
    assert table.loc["a", "stage"] == LifecycleStage.STABILITY
    assert table.loc["a", "rule"] == 5
    assert "steady" in table.loc["a", "reason"]


# --------------------------------------------------------------------------- as_of and output

def test_purchases_after_as_of_are_not_seen_and_later_customers_are_left_out():
    log = log_of({"a": monthly(0, 600), "late": [(700, 10)]})
    table = crm.classify_stages(log, day(300))
    assert list(table.index) == ["a"]
    assert table.loc["a", "last_purchase"] == day(300)
    assert table.loc["a", "stage"] == "formation"


def test_as_of_defaults_to_the_last_purchase_date():
    log = log_of({"a": monthly(0, 600), "b": [(0, 10)]})
    table = crm.classify_stages(log)
    assert table.loc["a", "days_since_last"] == 0
    assert table.loc["b", "stage"] == "ended"  # 600 days without a purchase


def test_every_rule_has_a_reason_naming_its_thresholds():
    histories = {"ended": [(0, 10)], "exploring": [(590, 10)], "declining": monthly(0, 480),
                 "forming": monthly(300, 600), "stable": monthly(0, 600)}
    table = crm.classify_stages(log_of(histories), day(600))
    assert table["stage"].astype(str).to_dict() == {
        "declining": "decline", "ended": "ended", "exploring": "exploration",
        "forming": "formation", "stable": "stability"}
    assert table["rule"].to_dict() == {"declining": 3, "ended": 1, "exploring": 2,
                                       "forming": 4, "stable": 5}
    assert "365" in table.loc["ended", "reason"]
    assert "90" in table.loc["declining", "reason"] and "0.5" in table.loc["declining", "reason"]
    assert list(table["stage"].cat.categories) == ["exploration", "formation", "stability",
                                                   "decline", "ended"]


def test_custom_column_names():
    log = log_of({"a": monthly(0, 600)}).rename(columns={"customer_id": "member",
                                                         "date": "stay", "amount": "yuan"})
    table = crm.classify_stages(log, day(610), customer_col="member", date_col="stay",
                                amount_col="yuan")
    assert table.index.name == "member" and table.loc["a", "stage"] == "stability"


# --------------------------------------------------------------------------- paths

def test_stage_path_goes_through_every_stage_in_order():
    # three purchases in the first 60 days, then monthly to day 700, then silence
    history = {"a": [(0, 50), (20, 50), (40, 50)] + monthly(70, 700)}
    path = crm.stage_path(log_of(history), "a", end=day(1200))
    stages = path["stage"].astype(str).tolist()
    sequence = [s for k, s in enumerate(stages) if k == 0 or s != stages[k - 1]]
    assert sequence == ["exploration", "formation", "stability", "decline", "ended"]
    # checkpoints are month ends, the last one the end date itself
    assert path["as_of"].iloc[0] == pd.Timestamp("2020-01-31")
    assert path["as_of"].iloc[-1] == day(1200)


def test_stage_history_weekly_checkpoints_are_sundays():
    history = crm.stage_history(log_of({"a": [(0, 10)]}), time_unit="W", end=day(20))
    # 2020-01-01 was a Wednesday: Sundays 5, 12, 19 January, then the end date (21 January)
    assert history["as_of"].dt.strftime("%m-%d").tolist() == ["01-05", "01-12", "01-19",
                                                               "01-21"]


def test_stage_history_matches_classify_stages_at_each_checkpoint():
    log = crm.datasets.load_cdnow()
    history = crm.stage_history(log)
    at = pd.Timestamp("1997-09-30")
    expected = crm.classify_stages(log, at)["stage"]
    got = history[history["as_of"] == at].set_index("customer_id")["stage"]
    pd.testing.assert_series_equal(got, expected, check_names=False)


# --------------------------------------------------------------------------- patterns

def test_each_pattern_on_a_hand_made_history():
    histories = {
        # one purchase, never back: never left exploration
        "abort": [(0, 80)],
        # monthly for 150 days: formation (tenure >= 90, 6 purchase days), then silence
        # before tenure reaches 365 -> never stable
        "midway": monthly(0, 150),
        # monthly for 500 days: stable from tenure 365 until ~90 days after day 500
        # (about 7 months < 730 days)
        "premature": monthly(0, 500),
        # monthly for 1,200 days: stable from day 365 to ~day 1,290 (about 30 months)
        "long": monthly(0, 1200),
        # still buying at the end
        "active": monthly(0, 1800),
    }
    patterns = crm.lifecycle_patterns(log_of(histories), end=day(1800))
    assert patterns.loc["abort", "pattern"] == LifecyclePattern.EARLY_ABORT
    assert patterns.loc["midway", "pattern"] == LifecyclePattern.MIDWAY_TERMINATION
    assert patterns.loc["premature", "pattern"] == LifecyclePattern.PREMATURE_EXIT
    assert patterns.loc["long", "pattern"] == LifecyclePattern.LONG_TERM
    assert pd.isna(patterns.loc["active", "pattern"])
    assert patterns["status"].to_dict() == {"abort": "ended", "active": "active",
                                            "long": "ended", "midway": "ended",
                                            "premature": "ended"}
    assert patterns.loc["midway", "highest_stage"] == "formation"
    assert patterns.loc["abort", "days_in_stability"] == 0
    assert 180 < patterns.loc["premature", "days_in_stability"] < 730
    assert patterns.loc["long", "days_in_stability"] >= 730


def test_long_term_threshold_is_a_parameter():
    log = log_of({"premature": monthly(0, 500)})
    assert crm.lifecycle_patterns(log, end=day(1200), long_term_days=90).loc[
        "premature", "pattern"] == "long_term"


def test_days_in_stability_counts_checkpoints_times_the_spacing():
    patterns = crm.lifecycle_patterns(log_of({"p": monthly(0, 500)}), end=day(1200))
    stable = crm.stage_history(log_of({"p": monthly(0, 500)}), end=day(1200))
    months = int((stable["stage"] == "stability").sum())
    assert patterns.loc["p", "days_in_stability"] == pytest.approx(months * 365.25 / 12)


# --------------------------------------------------------------------------- definitions

def test_stage_and_pattern_definitions_follow_the_course():
    assert [s.chinese for s in LifecycleStage] == ["考察期", "形成期", "稳定期", "退化期"]
    assert [p.chinese for p in LifecyclePattern] == ["早期流产型", "中途夭折型", "提前退出型",
                                                     "长久保持型"]
    assert [s.order for s in LifecycleStage] == [0, 1, 2, 3]
    table = crm.stage_table()
    assert list(table.index) == ["exploration", "formation", "stability", "decline"]
    assert list(table.columns) == ["name", "chinese", "metaphor", "metaphor_chinese", "features",
                                   "aim", "customer_contribution", "strategy"]
    assert table["metaphor_chinese"].tolist() == ["相亲", "恋爱", "结婚", "离婚"]
    assert table.notna().all().all()
    assert LifecycleStage.STABILITY.strategy == table.loc["stability", "strategy"]
    patterns = crm.pattern_table()
    assert patterns["highest_stage"].tolist() == ["exploration", "formation", "stability",
                                                  "stability"]
    assert LifecycleStage("decline") is LifecycleStage.DECLINE
    assert LifecycleStage.DECLINE == "decline"


# --------------------------------------------------------------------------- profit curve

def test_profit_curve_by_hand():
    curve = crm.lifecycle_profit_curve(exploration_periods=2, formation_periods=2,
                                       stability_periods=3, decline_periods=2,
                                       exploration_profit=-50, peak_profit=200,
                                       discount_rate=0.1)
    # -50, -50 | 100, 200 | 200, 200, 200 | 100, 0
    assert curve["profit"].tolist() == [-50, -50, 100, 200, 200, 200, 200, 100, 0]
    assert curve["stage"].astype(str).tolist() == ["exploration"] * 2 + ["formation"] * 2 + [
        "stability"] * 3 + ["decline"] * 2
    expected = sum(p / 1.1**t for t, p in enumerate([-50, -50, 100, 200, 200, 200, 200, 100, 0]))
    assert curve["cumulative_value"].iloc[-1] == pytest.approx(expected)
    assert curve.attrs["pattern"] == "premature_exit"  # 3 stable periods < 4


def test_profit_curve_patterns_from_durations():
    def pattern(**durations):
        return crm.lifecycle_profit_curve(**durations).attrs["pattern"]

    assert pattern(formation_periods=0, stability_periods=0, decline_periods=0) == "early_abort"
    assert pattern(formation_periods=3, stability_periods=0) == "midway_termination"
    assert pattern(stability_periods=2) == "premature_exit"
    assert pattern(stability_periods=8) == "long_term"
    # an early abort is a loss: one period of investment and nothing back
    curve = crm.lifecycle_profit_curve(formation_periods=0, stability_periods=0, decline_periods=0)
    assert curve["cumulative_value"].iloc[-1] == pytest.approx(-100)


# --------------------------------------------------------------------------- shipped data

def test_hotel_members_show_every_stage_and_every_pattern():
    stays = crm.datasets.load_hotel_stays()
    stages = crm.classify_stages(stays, "2024-12-31")["stage"].value_counts()
    assert (stages > 20).all(), stages
    patterns = crm.lifecycle_patterns(stays)["pattern"].value_counts()
    assert set(patterns.index) == {p.value for p in LifecyclePattern}
    assert (patterns > 50).all(), patterns


def test_rules_mostly_recover_the_planned_patterns_of_ended_hotel_members():
    stays, members = crm.datasets.load_hotel_stays(), crm.datasets.load_hotel_members()
    found = crm.lifecycle_patterns(stays)
    ended = found["status"] == "ended"
    planned = members.set_index("customer_id")["pattern"]
    agreement = np.mean(found.loc[ended, "pattern"] == planned[ended])
    assert agreement > 0.8
