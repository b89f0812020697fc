"""crmlib.rfm: hand-worked logs, the real CDNOW log against a hand-written pandas computation."""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm


def _log():
    return pd.DataFrame({
        "customer_id": [1, 1, 2, 1, 3],
        "date": pd.to_datetime(["2024-03-01 09:00", "2024-03-01 17:30", "2024-03-03",
                                "2024-03-05", "2024-03-10"], format="ISO8601"),
        "amount": [10.0, 5.0, 20.0, 7.5, 0.0],
    })


def test_rfm_summary_hand_worked():
    summary = crm.rfm_summary(_log(), as_of="2024-03-10")
    # 1: last 5 March -> 5 days; two distinct days (1 and 5 March); 10 + 5 + 7.5 = 22.5
    # 2: 3 March -> 7 days; one day; 20.   3: bought on as_of -> 0 days; 0 spent
    assert summary.index.name == "customer_id"
    assert summary.to_dict("index") == {
        1: {"recency": 5, "frequency": 2, "monetary": 22.5},
        2: {"recency": 7, "frequency": 1, "monetary": 20.0},
        3: {"recency": 0, "frequency": 1, "monetary": 0.0},
    }


@pytest.mark.parametrize("dates", [
    ["2024-03-01 09:00", "2024-03-01 17:30", "2024-03-03 12:00", "2024-03-05 08:15",
     "2024-03-10 20:00"],
    [20240301, 20240301, 20240303, 20240305, 20240310],
], ids=["text", "YYYYMMDD numbers"])
def test_rfm_summary_reads_dates_as_every_purchase_log_function_does(dates):
    # the hand-worked log above, with its dates as text or YYYYMMDD numbers: the same table
    summary = crm.rfm_summary(_log().assign(date=dates), as_of="2024-03-10")
    assert summary.to_dict("index") == {
        1: {"recency": 5, "frequency": 2, "monetary": 22.5},
        2: {"recency": 7, "frequency": 1, "monetary": 20.0},
        3: {"recency": 0, "frequency": 1, "monetary": 0.0},
    }


def test_rfm_summary_default_as_of_is_last_date_and_custom_columns():
    log = _log().rename(columns={"customer_id": "cid", "date": "day", "amount": "yuan"})
    summary = crm.rfm_summary(log, customer_col="cid", date_col="day", amount_col="yuan")
    assert summary["recency"].tolist() == [5, 7, 0]          # as_of = 2024-03-10
    assert summary.index.name == "cid"


def test_rfm_summary_text_ids_are_sorted():
    log = _log().assign(customer_id=["b", "b", "a", "b", "c"])
    summary = crm.rfm_summary(log, as_of="2024-03-11")
    assert summary.index.tolist() == ["a", "b", "c"]
    assert summary.loc["a", "recency"] == 8 and summary.loc["b", "frequency"] == 2


def test_rfm_summary_sparse_integer_ids():
    # ids far apart take the general path: same answer
    log = _log().assign(customer_id=[10**12, 10**12, 5, 10**12, 7])
    summary = crm.rfm_summary(log)
    assert summary.index.tolist() == [5, 7, 10**12]
    assert summary.loc[10**12, "monetary"] == 22.5


@pytest.mark.parametrize("kind", ["sample", "master"])
def test_rfm_summary_matches_hand_written_pandas_on_cdnow(kind):
    log = crm.datasets.load_cdnow(kind)
    as_of = pd.Timestamp("1998-06-30")       # end of the CDNOW observation period
    # The hand-written computation, step by step:
    last = log.groupby("customer_id")["date"].max()
    recency = (as_of - last).dt.days
    frequency = log.drop_duplicates(["customer_id", "date"]).groupby("customer_id").size()
    monetary = log.groupby("customer_id")["amount"].sum()
    expected = pd.DataFrame({"recency": recency, "frequency": frequency, "monetary": monetary})
    summary = crm.rfm_summary(log, as_of=as_of)
    pd.testing.assert_frame_equal(summary, expected, check_dtype=False)
    assert summary["recency"].dtype == np.int64 and summary["frequency"].dtype == np.int64


def test_cdnow_sample_first_customer():
    # CDNOW_sample.txt, customer 1: records on 1997-01-01 (29.33), 1997-01-18 (29.73),
    # 1997-08-02 (14.96), 1997-12-12 (26.48) dollars
    summary = crm.rfm_summary(crm.datasets.load_cdnow("sample"), as_of="1998-06-30")
    # 1997-12-12 to 1998-06-30: 19 + 31 + 28 + 31 + 30 + 31 + 30 = 200 days
    recency, frequency, monetary = summary.loc[1]
    assert (recency, frequency) == (200, 4)
    assert monetary == pytest.approx(29.33 + 29.73 + 14.96 + 26.48)   # 100.50


def test_rfm_scores_hand_worked():
    summary = pd.DataFrame({"recency": [3, 40, 10, 200, 90], "frequency": [9, 1, 4, 1, 2],
                            "monetary": [500.0, 20.0, 150.0, 35.0, 60.0]})
    scores = crm.rfm_scores(summary)
    # recency: customers with a longer recency than each: 4, 2, 3, 0, 1 -> 1 + floor(5k/5)
    assert scores["R"].tolist() == [5, 3, 4, 1, 2]
    # frequency: strictly lower: 4, 0, 3, 0, 2 -> 5, 1, 4, 1, 3 (the two 1s tie)
    assert scores["F"].tolist() == [5, 1, 4, 1, 3]
    assert scores["M"].tolist() == [5, 1, 4, 2, 3]
    assert scores["cell"].tolist() == ["555", "311", "444", "112", "233"]


def test_rfm_scores_bins_and_ties():
    summary = pd.DataFrame({"recency": np.arange(10), "frequency": [1] * 6 + [2, 2, 3, 4],
                            "monetary": np.arange(10.0)})
    scores = crm.rfm_scores(summary, bins=2)
    # recency 0..9: longer than k-th are 9..0 customers -> 1 + floor(2 * worse / 10)
    assert scores["R"].tolist() == [2] * 5 + [1] * 5
    # frequency: six 1s -> worse 0 -> 1; the 2s: 6 worse -> 1 + floor(12/10) = 2
    assert scores["F"].tolist() == [1] * 6 + [2, 2, 2, 2]
    assert scores["cell"].iloc[0] == "211"


def test_rfm_segments_rules_cover_every_cell_once():
    grid = pd.DataFrame([(r, f) for r in range(1, 6) for f in range(1, 6)], columns=["R", "F"])
    names = crm.rfm_segments(grid)
    assert set(names) == set(crm.RFMSegment)
    expected = {(5, 5): "champions", (4, 4): "champions", (3, 5): "loyal",
                (4, 2): "potential loyalists", (5, 1): "new customers",
                (3, 1): "needs attention", (3, 3): "needs attention", (2, 3): "at risk",
                (1, 5): "at risk", (2, 2): "hibernating", (1, 1): "hibernating"}
    for (r, f), segment in expected.items():
        assert names[(grid["R"] == r) & (grid["F"] == f)].item() == segment, (r, f)
    table = crm.rfm_segment_table()
    assert table["segment"].tolist() == list(crm.RFMSegment)


def test_rfm_on_cdnow_half_bought_once():
    summary = crm.rfm_summary(crm.datasets.load_cdnow("sample"))
    scores = crm.rfm_scores(summary)
    once = summary["frequency"] == 1
    assert (scores.loc[once, "F"] == 1).all()
    # more than half bought on one day only, so the next F score is 3 (worse > 50%)
    assert once.mean() > 0.5
    assert scores.loc[summary["frequency"] == 2, "F"].unique().tolist() == [3]


def test_rfm_segments_have_the_glossarys_chinese_names():
    # docs/glossary.md, lesson 04
    assert {s.value: s.chinese for s in crm.RFMSegment} == {
        "champions": "冠军客户", "loyal": "忠诚客户", "potential loyalists": "潜在忠诚客户",
        "new customers": "新客户", "needs attention": "需要关注的客户",
        "at risk": "有流失风险的客户", "hibernating": "沉睡客户"}


def test_rfm_segment_table_speaks_the_kits_language():
    table = crm.rfm_segment_table().set_index("segment")
    assert table.loc["champions", "description"] == "bought recently and often"
    crm.set_language("zh")
    try:
        chinese = crm.rfm_segment_table().set_index("segment")
    finally:
        crm.set_language("en")
    assert chinese.loc["champions", "description"] == "最近买过，而且经常买"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text)
               for text in chinese[["description", "action"]].to_numpy().ravel())
    # the rules (score ranges) and the segment keys do not change with the language
    assert chinese[["R", "F"]].equals(table[["R", "F"]])
