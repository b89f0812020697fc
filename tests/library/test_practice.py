"""crmlib.practice: every function pinned to a hand-worked example (worked out in comments)."""

import math

import numpy as np
import pandas as pd
import pytest

import crmlib as crm

# --------------------------------------------------------------------------- phone and e-mail

MOBILE = "13812345678"
# Every way the kit's systems (and people) write the same Chinese mobile number.
PHONE_FORMATS = [
    "13812345678",               # digits only
    "138 1234 5678",             # spaced 3-4-4
    "138-1234-5678",             # dashed
    "138.1234.5678",             # dotted
    " 138 1234 5678 ",           # stray spaces
    "(138) 1234 5678",           # brackets
    "+86 138 1234 5678",         # +86, spaced
    "+8613812345678",            # +86, no space
    "+86-13812345678",           # +86, dash
    "(+86) 138-1234-5678",       # bracketed country code
    "0086 138 1234 5678",        # 0086, spaced
    "0086-13812345678",          # 0086, dash
    "86-138-1234-5678",          # 86 without +
    "8613812345678",             # 86 glued on
    "１３８１２３４５６７８",        # full-width digits (Chinese input method)
    "＋８６ １３８ １２３４ ５６７８",  # full-width plus and digits
    13812345678,                 # an integer
    8613812345678,               # an integer with the country code
]


@pytest.mark.parametrize("written", PHONE_FORMATS)
def test_every_phone_format_normalises_to_the_same_mobile(written):
    assert crm.normalise_phone(written) == MOBILE


@pytest.mark.parametrize("written, digits", [
    # the country code is dropped only before an 11-digit mobile number (starting with 1)
    ("021-6123 4567", "02161234567"),          # Shanghai landline: digits only
    ("+86 21 6123 4567", "862161234567"),      # landline with +86: 86 + 10 digits, kept
    ("8602161234567", "8602161234567"),        # 86 + 11 digits starting with 0: not a mobile
    ("86123456789", "86123456789"),            # 11 digits in all: no country code to drop
    ("0086 138 1234 567", "00861381234567"),   # a digit short: not a mobile, code kept
    ("+86 138 1234 56789", "86138123456789"),  # 12 digits after 86: kept whole
    ("10086", "10086"),                        # a service number
])
def test_country_code_rule_only_before_mobile_numbers(written, digits):
    assert crm.normalise_phone(written) == digits


@pytest.mark.parametrize("empty", [None, np.nan, pd.NA, float("nan"), "", "   ", "n/a", "-",
                                   "()"])
def test_empty_or_missing_phone_gives_none(empty):
    assert crm.normalise_phone(empty) is None


def test_email_is_stripped_and_lower_cased():
    assert crm.normalise_email("  Wang.Fang@Example.COM ") == "wang.fang@example.com"
    assert crm.normalise_email("li@example.com") == "li@example.com"
    # nothing else changes: dots and tags are kept
    assert crm.normalise_email("Wang.Fang+shop@example.com") == "wang.fang+shop@example.com"


@pytest.mark.parametrize("empty", [None, np.nan, pd.NA, "", "  \t "])
def test_empty_or_missing_email_gives_none(empty):
    assert crm.normalise_email(empty) is None


# --------------------------------------------------------------------------- unify_customers


def test_chain_of_links_is_one_customer():
    # A-B share a phone (two formats), B-C share an e-mail (two spellings); A and C share
    # nothing directly, yet all three are one customer.
    records = pd.DataFrame({
        "phone": ["138 1234 5678", "+86 138-1234-5678", None],
        "email": [None, "li.na@example.com", "  LI.NA@example.com"],
    }, index=["A", "B", "C"])
    assert crm.unify_customers(records).to_dict() == {"A": 0, "B": 0, "C": 0}


def test_ids_follow_first_appearance_and_late_links_merge_groups():
    records = pd.DataFrame({
        "phone": ["138 0000 0001", "139 0000 0002", None, "+86 138-0000-0001", "", None],
        "email": [None, "b@example.com", "c@example.com", "c@example.com", "  B@EXAMPLE.com",
                  None],
    })
    # row 0 starts customer 0; row 1 customer 1; row 2 looks new (only c@), but row 3 shares
    # row 0's phone and row 2's e-mail, so rows 0, 2, 3 are customer 0; row 4 shares row 1's
    # e-mail -> 1; row 5 has nothing -> a customer of its own, id 2 (the third to appear)
    assert crm.unify_customers(records).tolist() == [0, 1, 0, 0, 1, 2]


def test_a_late_record_joins_two_existing_groups():
    records = pd.DataFrame({
        "phone": ["131 1111 1111", "131-1111-1111", "132 2222 2222", "13222222222",
                  "132 2222 2222"],
        "email": [None, "x@example.com", None, None, "X@example.com"],
    })
    # rows 0-1 by phone p1, rows 2-3 by phone p2; row 4 has p2 and row 1's e-mail: one customer
    assert crm.unify_customers(records).tolist() == [0, 0, 0, 0, 0]


def test_empty_values_link_nothing():
    records = pd.DataFrame({"phone": ["", "n/a", None, "  "], "email": [None, "", "  ", np.nan]})
    assert crm.unify_customers(records).tolist() == [0, 1, 2, 3]


def test_a_phone_never_matches_an_email():
    records = pd.DataFrame({"phone": ["12345", None], "email": [None, "12345"]})
    assert crm.unify_customers(records).tolist() == [0, 1]


def test_link_by_one_key_only():
    records = pd.DataFrame({"tel": ["138 0000 0001", "13800000001", "139 0000 0002"],
                            "mail": ["a@example.com", "b@example.com", "a@example.com"]})
    # by phone: rows 0-1; by e-mail: rows 0-2; both: all three
    assert crm.unify_customers(records, phone="tel", email=None).tolist() == [0, 0, 1]
    assert crm.unify_customers(records, phone=None, email="mail").tolist() == [0, 1, 0]
    assert crm.unify_customers(records, phone="tel", email="mail").tolist() == [0, 0, 0]


def test_result_keeps_the_index_and_is_named():
    records = pd.DataFrame({"phone": ["1", "1"], "email": [None, None]}, index=[10, 20])
    ids = crm.unify_customers(records)
    assert ids.name == "customer_id" and ids.index.tolist() == [10, 20]
    assert ids.dtype == np.int64


def test_unify_agrees_with_connected_components_on_the_shipped_records():
    # An independent oracle: build the graph of equal keys and let scipy find its components.
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    records = crm.datasets.load_customer_records()
    n = len(records)
    rows, cols = [], []
    for column, normalise in (("phone", crm.normalise_phone), ("email", crm.normalise_email)):
        keys = records[column].map(normalise)
        for _, group in keys.dropna().groupby(keys.dropna()):
            first = group.index[0]
            rows += [first] * len(group)
            cols += list(group.index)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    ids = crm.unify_customers(records).to_numpy()
    # the same partition: a one-to-one map between the two labellings
    pairs = set(zip(ids, labels, strict=True))
    assert len(pairs) == len(set(ids)) == len(set(labels))
    # and the ids number the customers by first appearance
    first_seen = pd.Series(ids).drop_duplicates().tolist()
    assert first_seen == list(range(len(first_seen)))


# --------------------------------------------------------------------------- quality and views


def test_unification_quality_hand_worked():
    # true 1,1,2,3,3 given ids 0,0,0,1,2: id 0 mixes true 1 and 2 (one wrong merge); true 3 is
    # split over ids 1 and 2; true 1 has one id but shares it; nobody is exactly right
    q = crm.unification_quality([0, 0, 0, 1, 2], [1, 1, 2, 3, 3])
    assert q.to_dict() == {"records": 5, "true_customers": 3, "found_customers": 3,
                           "wrongly_merged": 1, "split": 1, "exactly_right": 0}


def test_unification_quality_perfect_and_label_names_do_not_matter():
    q = crm.unification_quality(["a", "a", "b"], [7, 7, 9])
    assert q[["wrongly_merged", "split", "exactly_right"]].tolist() == [0, 0, 2]


def _records():
    return pd.DataFrame({"source": ["till", "web", "till", "call", "web"],
                         "spend": [100, 50, 30, 0, 20]})


def test_single_customer_view_hand_worked():
    # customer 0: till 100 + web 50; customer 1: till 30 + call 0 (a service call);
    # customer 2: web 20
    view = crm.single_customer_view(_records(), [0, 0, 1, 1, 2])
    assert view.columns.tolist() == ["till", "web", "call", "systems", "total"]
    assert view.loc[0].tolist() == [100, 50, 0, 2, 150]
    assert view.loc[1].tolist() == [30, 0, 0, 2, 30]       # the call counts as a system
    assert view.loc[2].tolist() == [0, 20, 0, 1, 20]


def test_system_coverage_hand_worked():
    cover = crm.system_coverage(_records(), [0, 0, 1, 1, 2])
    # tills: customers 0 and 1 (2 of 3), see 130 of their 150 + 30 = 180
    assert cover.loc["till", "customers"] == 2
    assert cover.loc["till", "customer_share"] == pytest.approx(2 / 3)
    assert cover.loc["till", "value_share_seen"] == pytest.approx(130 / 180)
    # web: customers 0 and 2, see 70 of 150 + 20 = 170
    assert cover.loc["web", "value_share_seen"] == pytest.approx(70 / 170)
    # call centre: customer 1 only, sees 0 of 30
    assert cover.loc["call", "value_seen"] == 0
    assert cover.loc["call", "value_share_seen"] == 0


def test_system_coverage_of_a_customer_with_no_value_is_nan():
    cover = crm.system_coverage(pd.DataFrame({"source": ["call"], "spend": [0]}), [0])
    assert math.isnan(cover.loc["call", "value_share_seen"])


# --------------------------------------------------------------------------- campaign evaluation

Z_95 = 1.959964   # the 97.5% point of the standard normal (any statistics table)


def test_campaign_evaluation_hand_worked():
    # treated 10,000 with 320 responses, control 2,000 with 40; 2 yuan a contact, 150 margin
    result = crm.campaign_evaluation(10_000, 320, 2_000, 40, cost_per_contact=2,
                                     margin_per_response=150)
    p_t, p_c = 320 / 10_000, 40 / 2_000                    # 0.032 and 0.020
    assert result["response_rate_treated"] == pytest.approx(0.032)
    assert result["response_rate_control"] == pytest.approx(0.020)
    assert result["uplift"] == pytest.approx(0.012)         # 0.032 - 0.020
    assert result["lift"] == pytest.approx(1.6)             # 0.032 / 0.020
    assert result["incremental_responses"] == pytest.approx(120)     # 0.012 * 10,000
    assert result["cost"] == pytest.approx(20_000)                   # 2 * 10,000
    assert result["incremental_profit"] == pytest.approx(-2_000)     # 120 * 150 - 20,000
    assert result["roi"] == pytest.approx(-0.1)                      # -2,000 / 20,000
    assert result["cost_per_response"] == pytest.approx(62.5)        # 20,000 / 320
    assert result["cost_per_incremental_response"] == pytest.approx(20_000 / 120)  # 166.67
    # unpooled standard error: sqrt(0.032*0.968/10,000 + 0.02*0.98/2,000)
    #   = sqrt(0.0000030976 + 0.0000098) = sqrt(0.0000128976) = 0.0035913
    se = math.sqrt(p_t * (1 - p_t) / 10_000 + p_c * (1 - p_c) / 2_000)
    assert se == pytest.approx(0.0035913, abs=1e-7)
    # 95% interval: 0.012 -/+ 1.959964 * 0.0035913 = 0.012 -/+ 0.0070389
    assert result["uplift_low"] == pytest.approx(0.012 - Z_95 * se, abs=1e-6)
    assert result["uplift_high"] == pytest.approx(0.012 + Z_95 * se, abs=1e-6)
    assert result["uplift_low"] == pytest.approx(0.0049611, abs=1e-6)
    assert result["uplift_high"] == pytest.approx(0.0190389, abs=1e-6)


def test_campaign_evaluation_other_confidence_level():
    # 90%: z = 1.644854; half-width 1.644854 * 0.0035913 = 0.0059072
    result = crm.campaign_evaluation(10_000, 320, 2_000, 40, confidence=0.90)
    assert result["uplift_high"] - result["uplift"] == pytest.approx(0.0059072, abs=1e-6)


def test_campaign_evaluation_field_order():
    result = crm.campaign_evaluation(100, 10, 100, 5)
    assert result.index.tolist() == [
        "response_rate_treated", "response_rate_control", "uplift", "lift",
        "incremental_responses", "cost", "incremental_profit", "roi", "cost_per_response",
        "cost_per_incremental_response", "uplift_low", "uplift_high"]


def test_campaign_evaluation_undefined_ratios_are_nan():
    # nobody in control responded: lift undefined; free campaign: ROI undefined
    result = crm.campaign_evaluation(100, 5, 50, 0)
    assert math.isnan(result["lift"]) and math.isnan(result["roi"])
    assert result["uplift"] == pytest.approx(0.05)
    # negative uplift (3% vs 5%): no incremental response to price
    worse = crm.campaign_evaluation(100, 3, 100, 5, cost_per_contact=1, margin_per_response=10)
    assert math.isnan(worse["cost_per_incremental_response"])
    assert worse["incremental_profit"] == pytest.approx(-0.02 * 100 * 10 - 100)   # -120
    none = crm.campaign_evaluation(100, 0, 100, 0, cost_per_contact=1)
    assert math.isnan(none["cost_per_response"])
    assert none["uplift_low"] == none["uplift_high"] == 0   # no variation at all


def test_campaign_from_rates_rounds_expected_counts():
    # 1,000 x 3.2% = 32 and 200 x 2% = 4 responses
    planned = crm.campaign_from_rates(1_000, 0.032, 200, 0.02, cost_per_contact=2)
    pd.testing.assert_series_equal(
        planned, crm.campaign_evaluation(1_000, 32, 200, 4, cost_per_contact=2))
    # halves round up: 100 x 2.5% = 2.5 -> 3 (not 2, as round-half-to-even would give)
    assert crm.campaign_from_rates(100, 0.025, 100, 0.0)["response_rate_treated"] == 0.03
    # with 1,000 and 200 the same rates are indistinguishable from noise:
    # se = sqrt(0.032*0.968/1000 + 0.02*0.98/200) = sqrt(0.000030976 + 0.000098) = 0.011357;
    # 0.012 - 1.96 * 0.011357 = -0.0103 < 0
    assert planned["uplift_low"] == pytest.approx(0.012 - Z_95 * 0.0113568, abs=1e-6)
    assert planned["uplift_low"] < 0 < planned["uplift_high"]


def _contacts():
    # segment a: mailed 4 (2 bought), control 2 (0 bought);
    # segment b: mailed 3 (0 bought), control 1 (1 bought)
    return pd.DataFrame({
        "segment": ["a"] * 6 + ["b"] * 4,
        "group": ["mailed"] * 4 + ["control"] * 2 + ["mailed"] * 3 + ["control"],
        "responded": [1, 1, 0, 0, 0, 0, 0, 0, 0, 1],
        "cross_sell": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    })


def test_campaign_results_counts_rows_by_segment():
    table = crm.campaign_results(_contacts(), by="segment", cost_per_contact=1,
                                 margin_per_response=10)
    assert table.index.tolist() == ["a", "b", "all"]
    assert table.loc["a", ["treated_size", "treated_responses", "control_size",
                           "control_responses"]].tolist() == [4, 2, 2, 0]
    assert table.loc["b", ["treated_size", "treated_responses", "control_size",
                           "control_responses"]].tolist() == [3, 0, 1, 1]
    # all: mailed 7 with 2, control 3 with 1: uplift 2/7 - 1/3 = -0.0476
    assert table.loc["all", "uplift"] == pytest.approx(2 / 7 - 1 / 3)
    # segment a: uplift 0.5, 2 incremental responses x 10 - 4 x 1 = 16
    assert table.loc["a", "incremental_profit"] == pytest.approx(16)


def test_campaign_results_other_outcome_and_labels():
    contacts = _contacts().replace({"group": {"mailed": "sms", "control": "hold-out"}})
    table = crm.campaign_results(contacts, outcome="cross_sell", treated="sms",
                                 control="hold-out")
    # one cross-sale among 7 texted customers, none among 3 held out
    assert table.loc["all", "response_rate_treated"] == pytest.approx(1 / 7)
    assert table.loc["all", "response_rate_control"] == 0


def test_campaign_results_on_the_shipped_campaign_match_a_direct_count():
    mail = crm.datasets.load_campaign()
    table = crm.campaign_results(mail, by="segment")
    for segment in ("active", "lapsed", "new member"):
        rows = mail[mail["segment"] == segment]
        mailed = rows[rows["group"] == "mailed"]
        held = rows[rows["group"] == "control"]
        assert table.loc[segment, "response_rate_treated"] == pytest.approx(
            mailed["responded"].mean())
        assert table.loc[segment, "uplift"] == pytest.approx(
            mailed["responded"].mean() - held["responded"].mean())


# --------------------------------------------------------------------------- NPV and payback

FLOWS = [-500, 200, 250, 300]


def test_npv_hand_worked():
    # -500 + 200/1.1 + 250/1.1^2 + 300/1.1^3
    # = -500 + 181.818182 + 206.611570 + 225.394440 = 113.824192
    assert crm.npv(FLOWS, 0.10) == pytest.approx(113.824192, abs=1e-6)


def test_npv_without_discounting_is_the_sum_and_one_flow_is_itself():
    assert crm.npv(FLOWS, 0.0) == pytest.approx(250)
    assert crm.npv([-42], 0.3) == -42
    assert crm.npv(pd.Series(FLOWS), 0.10) == pytest.approx(113.824192, abs=1e-6)


def test_payback_hand_worked():
    # cumulative -500, -300, -50, +250: paid back in year 3, after 50 of its 300
    assert crm.payback_period(FLOWS) == pytest.approx(2 + 50 / 300)     # 2.1667


def test_discounted_payback_hand_worked():
    # discounted flows -500, 181.818, 206.612, 225.394; cumulative -500, -318.182, -111.570,
    # +113.824; 2 + 111.570/225.394 = 2.495 (111.570 * 1.331 = 148.5 = 0.495 * 300)
    assert crm.payback_period(FLOWS, discount_rate=0.10) == pytest.approx(2.495)


@pytest.mark.parametrize("flows, expected", [
    ([-500, 100, 100], None),               # never paid back
    ([100, -50, 200], 0.0),                 # nothing to pay back at t = 0
    ([0, 10], 0.0),
    ([-100, 50, 50], 2.0),                  # reaches exactly 0 at the end of year 2
    ([-100, 150, -200, 300], 100 / 150),    # the first crossing counts (0.667)
])
def test_payback_edge_cases(flows, expected):
    result = crm.payback_period(flows)
    assert result == (None if expected is None else pytest.approx(expected))


def test_business_case_hand_worked():
    # invest 60; full benefit 65 a year reached 20%, 45%, then 60%; running cost 8; 5 years
    case = crm.crm_business_case(60, 65, years=5, running_cost=8, adoption=(0.2, 0.45, 0.6))
    # 0.2*65 - 8 = 5; 0.45*65 - 8 = 21.25; 0.6*65 - 8 = 31 for years 3-5
    assert case["cash_flow"].tolist() == pytest.approx([-60, 5, 21.25, 31, 31, 31])
    assert case["benefit"].tolist() == pytest.approx([0, 13, 29.25, 39, 39, 39])
    assert case["running_cost"].tolist() == [0, 8, 8, 8, 8, 8]
    assert case["investment"].tolist() == [60, 0, 0, 0, 0, 0]
    # NPV at 10%: -60 + 5/1.1 + 21.25/1.21 + 31/1.331 + 31/1.4641 + 31/1.61051
    #   = -60 + 4.545455 + 17.561983 + 23.290759 + 21.173417 + 19.248561 = 25.820174
    assert case["cumulative_discounted_cash_flow"].iloc[-1] == pytest.approx(25.820174,
                                                                              abs=1e-5)
    # cumulative -60, -55, -33.75, -2.75, 28.25: payback 3 + 2.75/31 = 3.0887 years
    assert crm.payback_period(case["cash_flow"]) == pytest.approx(3 + 2.75 / 31)
    assert case.index.name == "year" and case.index.tolist() == [0, 1, 2, 3, 4, 5]


def test_business_case_adoption_longer_than_the_horizon_is_cut():
    case = crm.crm_business_case(10, 100, years=2, adoption=(0.1, 0.2, 0.9))
    assert case["benefit"].tolist() == pytest.approx([0, 10, 20])


def test_business_case_from_the_quick_assessment():
    budget = crm.crm_spending_assessment(
        marketing_expense=100, turnover_rate=0.30, sales_time_value=5,
        lost_referrals_value=10, target_retention_revenue=720, current_retention_revenue=700)
    case = crm.crm_business_case(100, budget["total"], years=3)
    assert case["cash_flow"].tolist() == pytest.approx([-100, 65, 65, 65])   # 30+5+10+20


# --------------------------------------------------------------------------- choosing a system

RATINGS = pd.DataFrame({"functionality": [5, 2, 4], "implementation": [1, 5, 4]},
                       index=["Alpha", "Beta", "Gamma"])
WEIGHTS = {"functionality": 0.6, "implementation": 0.4}


def test_vendor_scores_hand_worked():
    # rescaled (x-1)/4: Alpha (1, 0), Beta (0.25, 1), Gamma (0.75, 0.75)
    # Alpha 0.6; Beta 0.15 + 0.4 = 0.55; Gamma 0.45 + 0.3 = 0.75
    table = crm.vendor_scores(RATINGS, WEIGHTS)
    assert table.index.tolist() == ["Gamma", "Alpha", "Beta"]
    assert table["score"].tolist() == pytest.approx([0.75, 0.60, 0.55])
    assert table["rank"].tolist() == [1, 2, 3]


def test_vendor_scores_ties_share_a_rank_and_keep_order():
    ratings = pd.DataFrame({"f": [3, 5, 3]}, index=["x", "y", "z"])
    table = crm.vendor_scores(ratings, {"f": 1})
    assert table.index.tolist() == ["y", "x", "z"] and table["rank"].tolist() == [1, 2, 2]


def test_weight_sensitivity_hand_worked():
    # Gamma wins. Functionality (0.6), implementation held at 0.4:
    #  Beta draws level when 0.4*(1 - 0.75) + w*(0.25 - 0.75) = 0 -> w = 0.1/0.5 = 0.2
    #  Alpha draws level when 0.4*(0 - 0.75) + w*(1 - 0.75) = 0 -> w = 0.3/0.25 = 1.2
    # Implementation (0.4), functionality held at 0.6:
    #  Alpha: 0.6*(1 - 0.75) + w*(0 - 0.75) = 0 -> w = 0.15/0.75 = 0.2
    #  Beta:  0.6*(0.25 - 0.75) + w*(1 - 0.75) = 0 -> w = 0.3/0.25 = 1.2
    table = crm.weight_sensitivity(RATINGS, WEIGHTS)
    assert table.loc["functionality", ["weight", "lower_to", "raise_to"]].tolist() == \
        pytest.approx([0.6, 0.2, 1.2])
    assert table.loc["functionality", "winner_if_lowered"] == "Beta"
    assert table.loc["functionality", "winner_if_raised"] == "Alpha"
    assert table.loc["functionality", "smallest_change"] == pytest.approx(0.4)
    assert table.loc["implementation", ["lower_to", "raise_to"]].tolist() == \
        pytest.approx([0.2, 1.2])
    assert table.loc["implementation", "winner_if_lowered"] == "Alpha"
    assert table.loc["implementation", "smallest_change"] == pytest.approx(0.2)


def test_shipped_vendors_hand_worked():
    vendors = crm.datasets.crm_vendors()
    weights = crm.datasets.CRM_VENDOR_WEIGHTS
    # rescaled ratings (x-1)/4 times weights .30 .15 .15 .20 .05 .15:
    # Globe Suite   5 4 4 3 5 4: .30 + .1125 + .1125 + .10 + .05 + .1125 = .7875
    # Jiangnan Soft 4 3 4 5 2 4: .225 + .075 + .1125 + .20 + .0125 + .1125 = .7375
    # CloudDesk     3 5 3 4 3 3: .15 + .15 + .075 + .15 + .025 + .075 = .625
    # RetailPro     4 3 3 4 1 3: .225 + .075 + .075 + .15 + 0 + .075 = .600
    scores = crm.vendor_scores(vendors, weights)
    assert scores["score"].to_dict() == pytest.approx(
        {"Globe Suite": 0.7875, "Jiangnan Soft": 0.7375, "CloudDesk": 0.625,
         "RetailPro": 0.600})
    table = crm.weight_sensitivity(vendors, weights)
    # implementation raised: Jiangnan - Globe on the other criteria
    #   .30(-.25) + .15(-.25) + .15(0) + .05(-.75) + .15(0) = -.15; gap on implementation
    #   1 - .5 = .5 -> w = .15/.5 = .30 (from .20: a move of .10)
    assert table.loc["implementation", "raise_to"] == pytest.approx(0.30)
    assert table.loc["implementation", "winner_if_raised"] == "Jiangnan Soft"
    # functionality lowered: others .15(-.25) + .20(.5) + .05(-.75) = .025; gap -.25
    #   -> w = .025/.25 = .10 (from .30: a move of .20)
    assert table.loc["functionality", "lower_to"] == pytest.approx(0.10)
    # nobody beats Globe's 5 on global support, and even at weight 0 Globe still leads
    assert math.isnan(table.loc["global_support", "raise_to"])
    assert math.isnan(table.loc["global_support", "lower_to"])
    assert math.isnan(table.loc["global_support", "smallest_change"])


@pytest.mark.parametrize("ratings, weights", [
    (RATINGS, WEIGHTS),
    (crm.datasets.crm_vendors(), crm.datasets.CRM_VENDOR_WEIGHTS),
])
def test_weight_sensitivity_switch_points_really_switch(ratings, weights):
    """Just before each switch point the winner stays, just past it the named vendor wins."""
    winner = crm.vendor_scores(ratings, weights).index[0]
    table = crm.weight_sensitivity(ratings, weights)
    step = 1e-6
    for criterion, row in table.iterrows():
        for where, who, sign in (("lower_to", "winner_if_lowered", -1),
                                 ("raise_to", "winner_if_raised", +1)):
            if math.isnan(row[where]):
                continue
            before = {**weights, criterion: row[where] - sign * step}
            after = {**weights, criterion: row[where] + sign * step}
            assert crm.vendor_scores(ratings, before).index[0] == winner
            assert crm.vendor_scores(ratings, after).index[0] == row[who]


def test_crm_system_criteria_table():
    table = crm.crm_system_criterion_table()
    assert tuple(table["criterion"]) == tuple(crm.CRMSystemCriterion)
    assert len(table) == 6
    assert table["chinese"].tolist()[3] == "实施能力"
    assert set(crm.CRMSystemCriterion) == set(crm.datasets.CRM_VENDOR_WEIGHTS)


# --------------------------------------------------------------------------- signal events


def test_signal_report_hand_worked():
    people = pd.DataFrame({"customer_id": [1, 2, 3], "age": [30, 58, 61],
                           "balance": [10, 500, 50]})
    rules = pd.DataFrame({"signal": ["near retirement", "large balance"],
                          "condition": ["age >= 55", "balance > 100"],
                          "meaning": ["m1", "m2"], "action": ["a1", "a2"]})
    report = crm.signal_report(people, rules)
    # customers 2 and 3 are 55+; customer 2 also has a large balance
    assert report[["customer_id", "signal"]].values.tolist() == [
        [2, "near retirement"], [3, "near retirement"], [2, "large balance"]]
    assert report.columns.tolist() == ["customer_id", "signal", "meaning", "action"]


def test_bank_signal_report_matches_the_rules_counted_by_hand():
    bank = crm.datasets.load_bank_customers()
    report = crm.signal_report(bank)
    counts = report["signal"].value_counts()
    young = (bank["life_stage"] == "young family") & (bank["products_held"] <= 2)
    branch = (bank["preferred_channel"] == "branch") & (bank["profit"] < 0)
    assert counts["young family, few products"] == young.sum()
    assert counts["costly branch habit"] == branch.sum()
    assert set(crm.bank_signal_table()["source"]) == {"course", "kit"}


def test_criteria_and_signal_texts_follow_the_language():
    from crmlib import i18n

    english = crm.bank_signal_table()
    i18n.set_language("zh")
    try:
        chinese = crm.bank_signal_table()
        criteria = crm.crm_system_criterion_table()
    finally:
        i18n.set_language("en")
    assert chinese["signal"].tolist()[0] == "年轻家庭，持有产品少"
    assert chinese["condition"].tolist() == english["condition"].tolist()
    # the first rule follows the course's example, the other three are the kit's own
    assert chinese["source"].tolist() == ["课程", "工具包", "工具包", "工具包"]
    assert criteria["meaning"].tolist()[0] == "产品能否支持我们的业务流程？"
    # the course's own words stay Chinese in both editions
    assert criteria["chinese"].tolist() == crm.crm_system_criterion_table()["chinese"].tolist()
