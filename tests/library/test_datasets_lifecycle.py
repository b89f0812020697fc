"""The lifecycle unit's data: Fader-Hardie series, synthetic hotel members, datasheets."""

import re
import subprocess
import sys

import pandas as pd

import crmlib as crm
from crmlib import datasets

FILES = ["fader_hardie_retention.csv", "hotel_loyalty_stays.csv", "hotel_loyalty_members.csv"]


def test_retention_series_is_table_1_of_fader_hardie_2007():
    series = crm.datasets.load_retention_series()
    assert list(series.columns) == ["year", "regular", "high_end"]
    assert series["year"].tolist() == list(range(13))
    # Table 1 of Fader & Hardie (2007), typed in from the paper
    assert series["regular"].tolist() == [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207,
                                          194, 183, 173]
    assert series["high_end"].tolist() == [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445,
                                           427, 409, 394]


def test_hotel_files_are_exactly_what_make_hotel_loyalty_generates(root):
    for name, text in datasets.hotel._hotel_loyalty_files().items():
        assert (root / "datasets" / name).read_text(encoding="utf-8") == text, name


def test_hotel_loaders_match_the_generator():
    stays, members = crm.datasets.make_hotel_loyalty()
    pd.testing.assert_frame_equal(crm.datasets.load_hotel_stays(), stays, check_dtype=False)
    loaded = crm.datasets.load_hotel_members()
    pd.testing.assert_frame_equal(loaded, members, check_dtype=False)
    assert len(stays) == 37085 and members["customer_id"].tolist() == list(range(1, 1501))
    assert stays["date"].max() <= pd.Timestamp("2024-12-31")


def test_make_hotel_loyalty_is_seeded():
    a, _ = crm.datasets.make_hotel_loyalty(40, seed=7)
    b, _ = crm.datasets.make_hotel_loyalty(40, seed=7)
    c, _ = crm.datasets.make_hotel_loyalty(40, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_every_new_file_has_a_datasheet_with_its_checksum(root):
    sheets = {"fader_hardie_retention.csv": "fader_hardie_retention.md",
              "hotel_loyalty_stays.csv": "hotel_loyalty.md",
              "hotel_loyalty_members.csv": "hotel_loyalty.md"}
    for name in FILES:
        sheet = (root / "datasets" / sheets[name]).read_text(encoding="utf-8")
        assert datasets.CHECKSUMS[name] in sheet, name
        for heading in ("Source", "Licence", "Checksum"):
            assert re.search(heading, sheet, re.IGNORECASE), (name, heading)


def test_loaders_return_fresh_copies():
    stays = crm.datasets.load_hotel_stays()
    stays.loc[0, "amount"] = -1
    assert crm.datasets.load_hotel_stays().loc[0, "amount"] >= 0


def test_loading_works_from_another_directory(tmp_path):
    code = ("import crmlib; print(len(crmlib.datasets.load_hotel_stays()), "
            "crmlib.datasets.load_retention_series()['regular'].iloc[-1])")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split() == ["37085", "173"]
