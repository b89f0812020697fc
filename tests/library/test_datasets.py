"""crmlib.datasets: real CDNOW files, checksums, clear errors for damaged files."""

import subprocess
import sys

import pandas as pd
import pytest

import crmlib as crm
from crmlib import datasets


def test_cdnow_sample_shape_and_columns():
    log = crm.datasets.load_cdnow("sample")
    # Datasheet (Fader & Hardie): 6,919 records, 2,357 customers, 1997-01-01 .. 1998-06-30
    assert len(log) == 6919
    assert log["customer_id"].nunique() == 2357
    assert list(log.columns) == ["customer_id", "date", "quantity", "amount"]
    assert log["date"].min() == pd.Timestamp("1997-01-01")
    assert log["date"].max() <= pd.Timestamp("1998-06-30")
    # first rows of the file: customer 1 bought 2 CDs for 29.33 on 1997-01-01
    first = log.iloc[0]
    assert (first["customer_id"], first["quantity"], first["amount"]) == (1, 2, 29.33)


def test_cdnow_master_shape():
    log = crm.datasets.load_cdnow("master")
    assert len(log) == 69659
    assert log["customer_id"].nunique() == 23570


def test_load_returns_a_fresh_copy():
    a = crm.datasets.load_cdnow()
    a.loc[0, "amount"] = -1
    assert crm.datasets.load_cdnow().loc[0, "amount"] == 29.33


def test_damaged_file_is_reported(fake_data_folder):
    damaged = fake_data_folder / "CDNOW_sample.txt"
    damaged.write_text("00004 0001 19970101  2   29.33\n")
    with pytest.raises(datasets.DatasetError, match="damaged or was edited"):
        datasets.load_cdnow("sample")
    damaged.unlink()
    datasets.clear_cache()
    with pytest.raises(datasets.DatasetError, match="missing"):
        datasets.load_cdnow("sample")


def test_loading_works_from_another_directory(tmp_path):
    code = "import crmlib; print(len(crmlib.datasets.load_cdnow()))"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "6919"


@pytest.mark.slow
def test_loading_works_from_a_non_editable_install(root, tmp_path):
    """Build a wheel, install it into a folder, and load the data from there (not the repo)."""
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", str(root), "-w", str(wheels)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    code = ("import crmlib, pathlib; print(pathlib.Path(crmlib.__file__).parent.parent); "
            "print(len(crmlib.datasets.load_cdnow('master'))); "
            "d = crmlib.datasets; print(min(len(d.load_bank_customers()), "
            "len(d.load_retention_series()), len(d.load_hotel_stays()), "
            "len(d.load_hotel_members()), len(d.load_customer_records()), "
            "len(d.load_campaign()), len(d.load_hotel_survey())) > 0); "
            "print(crmlib.exercises.hotel_loyalty().check('clv_before', 7200).correct)")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, "
                          f"{str(target)!r}); exec({code!r})"],
                         cwd=tmp_path, capture_output=True, text=True, check=True)
    location, rows, every_file, hotel = out.stdout.split()
    assert location == str(target)
    assert rows == "69659"
    assert every_file == "True"  # bank, Fader-Hardie, hotel, customer records, campaign,
    # hotel survey load too
    assert hotel == "True"
