"""The lesson 08 data sets: reproducible, checked, and true to what their datasheets promise."""

import pandas as pd
import pytest

import crmlib as crm
from crmlib import datasets


@pytest.fixture(scope="module")
def records():
    return datasets.load_customer_records()


@pytest.fixture(scope="module")
def mail():
    return datasets.load_campaign()


SHIPPED = [  # (file, loader, generator, writer)
    ("customer_records.csv", datasets.load_customer_records, datasets.make_customer_records,
     datasets.save_customer_records),
    ("campaign_mailing.csv", datasets.load_campaign, datasets.make_campaign,
     datasets.save_campaign),
]


@pytest.mark.parametrize("filename, load, make, save", SHIPPED, ids=[s[0] for s in SHIPPED])
def test_shipped_file_is_the_generator_output(filename, load, make, save, tmp_path):
    pd.testing.assert_frame_equal(load(), make())
    assert save(tmp_path / filename) == datasets.CHECKSUMS[filename]


@pytest.mark.parametrize("filename, load, make, save", SHIPPED, ids=[s[0] for s in SHIPPED])
def test_damaged_file_is_reported(filename, load, make, save, fake_data_folder):
    (fake_data_folder / filename).write_text("record_id\nT0001\n")
    with pytest.raises(datasets.DatasetError, match="damaged or was edited"):
        load()


# --------------------------------------------------------------------------- customer records


def test_records_columns_and_types(records):
    assert tuple(records.columns) == datasets.CUSTOMER_RECORD_COLUMNS
    assert records["record_id"].is_unique
    assert set(records["source"]) == set(datasets.RECORD_SOURCES)
    for source, letter in datasets.RECORD_SOURCES.items():
        assert records.loc[records["source"] == source, "record_id"].str.startswith(letter).all()
    assert records["phone"].dropna().map(type).eq(str).all()   # text, never numbers
    assert (records["spend"] >= 0).all()


def test_records_system_mix_matches_the_omnichannel_study(records):
    # Sopadjieva, Dholakia & Benjamin (2017): 20% store-only, 7% online-only, 73% several
    # channels; the datasheet quotes 22.2%, 5.6% and 72.2% for this file
    systems = records.groupby("true_id")["source"].agg(lambda s: tuple(sorted(set(s))))
    assert (systems == ("shop_till",)).mean() == pytest.approx(0.20, abs=0.03)
    assert (systems == ("web_shop",)).mean() == pytest.approx(0.07, abs=0.02)
    assert (systems.map(len) > 1).mean() == pytest.approx(0.73, abs=0.03)


def test_records_hold_every_kind_of_trap(records):
    phones = records["phone"].dropna()
    assert phones.str.startswith("+86").any() and phones.str.startswith("0086").any()
    assert phones.str.startswith("86-").any() and phones.str.contains("１").any()
    assert phones.str.contains(" ").any() and phones.str.contains(r"\.").any()
    emails = records["email"].dropna()
    assert (emails != emails.str.strip().str.lower()).any()         # capitals or spaces
    # namesakes: one name, several true customers
    assert (records.groupby("name")["true_id"].nunique() > 1).any()
    # one customer, several spellings of the name
    assert (records.groupby("true_id")["name"].nunique() > 1).mean() > 0.3
    # some true customers have two records in one system
    assert records.groupby(["true_id", "source"]).size().max() == 2


def test_linking_rules_make_mistakes_of_both_kinds(records):
    ids = crm.unify_customers(records)
    quality = crm.unification_quality(ids, records["true_id"])
    assert quality["true_customers"] == 500
    assert quality["wrongly_merged"] > 0 and quality["split"] > 0
    # ...but most customers come out right (the datasheet: 414 of 500)
    assert quality["exactly_right"] / quality["true_customers"] > 0.75


def test_records_load_returns_a_fresh_copy(records):
    records.loc[0, "name"] = "changed"
    assert datasets.load_customer_records().loc[0, "name"] != "changed"


# --------------------------------------------------------------------------- campaign


def test_campaign_design(mail):
    assert tuple(mail.columns) == datasets.CAMPAIGN_COLUMNS
    assert len(mail) == 20_000 and mail["customer_id"].is_unique
    # exact segment shares, exactly 20% held back in each segment
    shares = mail["segment"].value_counts(normalize=True)
    assert shares.to_dict() == pytest.approx(datasets.CAMPAIGN_SEGMENTS)
    held = (mail["group"] == "control").groupby(mail["segment"]).mean()
    assert held.tolist() == pytest.approx([0.2, 0.2, 0.2])
    # cross-sell only with a purchase; amounts only with a purchase
    assert (mail["cross_sell"] <= mail["responded"]).all()
    assert ((mail["amount"] > 0) == (mail["responded"] == 1)).all()


def test_mailed_response_rate_matches_the_dma_figures(mail):
    # DMA 2010 Response Rate Report: letters to a house list 3.42%, to a prospect list 1.38%
    mailed = mail[mail["group"] == "mailed"]
    assert mailed["responded"].mean() == pytest.approx(0.0342, abs=0.004)
    new = mailed[mailed["segment"] == "new member"]
    assert new["responded"].mean() == pytest.approx(0.0138, abs=0.004)


def test_campaign_rates_hold_roughly_for_other_seeds():
    for seed in (1, 2):
        other = datasets.make_campaign(seed=seed)
        result = crm.campaign_results(other)
        assert result.loc["all", "response_rate_treated"] == pytest.approx(0.0336, abs=0.004)
        assert result.loc["all", "uplift"] == pytest.approx(0.0122, abs=0.005)


# --------------------------------------------------------------------------- vendors


def test_vendor_table():
    vendors = datasets.crm_vendors()
    assert vendors.index.is_unique and len(vendors) == 4
    ratings = vendors[list(crm.CRMSystemCriterion)]
    assert ratings.isin(range(1, 6)).all().all()
    assert sum(datasets.CRM_VENDOR_WEIGHTS.values()) == pytest.approx(1.0)
    assert (vendors[["investment", "running_cost"]] > 0).all().all()
