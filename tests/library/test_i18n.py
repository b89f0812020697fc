"""crmlib.i18n: one catalogue per language, complete in both, switched by set_language."""

import os
import subprocess
import sys

import pytest

import crmlib as crm
from crmlib import i18n


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def test_every_key_exists_in_both_languages():
    english, chinese = i18n.catalogue("en"), i18n.catalogue("zh")
    assert sorted(set(english) - set(chinese)) == []
    assert sorted(set(chinese) - set(english)) == []


def test_placeholders_match_between_languages():
    english, chinese = i18n.catalogue("en"), i18n.catalogue("zh")
    mismatched = [key for key, value in english.items() if isinstance(value, str)
                  and i18n.placeholders(value) != i18n.placeholders(chinese[key])]
    assert mismatched == []


def test_list_entries_are_lists_in_both_languages():
    english, chinese = i18n.catalogue("en"), i18n.catalogue("zh")
    assert [k for k, v in english.items() if isinstance(v, list) != isinstance(chinese[k], list)
            ] == []


def test_chinese_texts_are_chinese():
    # a text that is the same in both languages is a translation that was forgotten, unless it
    # holds no words (a placeholder alone, such as "{timing_hint}")
    english, chinese = i18n.catalogue("en"), i18n.catalogue("zh")
    same = [key for key, value in english.items() if isinstance(value, str)
            and value == chinese[key] and any(c.isalpha() for c in value.replace("{", " {")
                                              .split("{")[0])]
    assert same == []


def test_set_and_get_language():
    assert i18n.get_language() == "en"
    crm.set_language("zh")
    assert crm.get_language() == "zh"
    assert i18n.text("status.correct") == "正确"
    crm.set_language("zh_CN.UTF-8")
    assert crm.get_language() == "zh"
    crm.set_language("en")
    assert i18n.text("status.correct") == "Correct"


@pytest.mark.parametrize("bad", ["fr", "", None, 3])
def test_unknown_language_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="language must be one of"):
        crm.set_language(bad)


def test_language_from_the_environment():
    code = "import crmlib as crm; print(crm.get_language())"
    env = {**os.environ, i18n.ENV_VAR: "zh_CN"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "zh"


def test_a_missing_key_is_an_error_not_a_blank():
    with pytest.raises(KeyError, match="no text"):
        i18n.text("no.such.key")


def test_placeholders_parse_format_specs():
    assert i18n.placeholders("{a:.0%} of {b:,.0f} and {{literal}}") == {"a", "b"}


def test_a_bad_rate_error_is_chinese_in_chinese_mode():
    crm.set_language("zh")
    with pytest.raises(ValueError) as caught:
        crm.customer_lifetime_value(2000, 80)
    message = str(caught.value)
    assert "retention_rate" in message and "0.8" in message
    assert "必须在 0 到 1 之间" in message and "比率用小数表示" in message
    crm.set_language("en")
    with pytest.raises(ValueError, match="Rates are fractions: use 0.8 for 80%"):
        crm.customer_lifetime_value(2000, 80)


def test_an_unparseable_date_error_is_chinese_in_chinese_mode():
    import pandas as pd

    crm.set_language("zh")
    log = pd.DataFrame({"customer_id": [1, 2], "date": ["1997-01-01", "not a date"],
                        "amount": [10.0, 20.0]})
    with pytest.raises(ValueError, match="无法读成日期") as caught:
        crm.rfm_summary(log, as_of="1997-12-31")
    assert "'not a date'" in str(caught.value)


def test_displayed_table_headers_are_chinese_with_their_code_key():
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    table = pd.DataFrame({"gap": [-1.5], "unnamed_column": [2.0]},
                         index=pd.Index(["reliability"], name="gap"))
    try:
        crm.set_language("zh")
        html = shell.display_formatter.format(table)[0]["text/html"]
        plain = shell.display_formatter.format(table)[0]["text/plain"]
        series = shell.display_formatter.format(table["gap"])[0]["text/plain"]
        assert "差距（gap）" in html and "差距（gap）" in plain and "差距（gap）" in series
        assert "unnamed_column" in html and "reliability" in html   # data stays as it is
        assert list(table.columns) == ["gap", "unnamed_column"]     # the table itself unchanged
        crm.set_language("en")
        html = shell.display_formatter.format(table)[0]["text/html"]
        assert "差距" not in html and ">gap<" in html
    finally:
        crm.set_language("en")
        InteractiveShell.clear_instance()


def test_named_values_and_turned_tables_show_their_labels_but_data_stays():
    import pandas as pd

    named_values = pd.Series({"uplift": 0.0125, "npv": 1500.0, "kit_only_key": 1.0})
    segments = pd.Series([3, 4], index=pd.Index(["active", "uplift"], name="segment"))
    try:
        crm.set_language("zh")
        assert list(i18n.relabel(named_values).index) == ["增量效果（uplift）", "净现值（npv）",
                                                          "kit_only_key"]
        turned = i18n.relabel(pd.DataFrame({"npv": [1.0]}).T)
        assert list(turned.index) == ["净现值（npv）"]
        # an index with a name holds data: its entries stay, only its name is translated
        shown = i18n.relabel(segments)
        assert list(shown.index) == ["active", "uplift"]
        assert shown.index.name == "细分群体（segment）"
        i18n.show_header_keys(False)
        assert list(i18n.relabel(named_values).index)[:2] == ["增量效果", "净现值"]
    finally:
        i18n.show_header_keys(True)
        crm.set_language("en")
    assert list(i18n.relabel(named_values).index) == ["uplift", "npv", "kit_only_key"]


def test_a_story_table_has_its_headers_in_the_language_and_aligned():
    import pandas as pd

    table = pd.DataFrame({"room": [6, 5], "staff": [5, 6]},
                         index=pd.Index(["A", "B"], name="guest"))
    assert i18n.table_text(table).split("\n")[0].split() == ["room", "staff"]
    try:
        crm.set_language("zh")
        lines = i18n.table_text(table).split("\n")
        assert lines[0].split() == ["客房（room）", "员工（staff）"]
        assert lines[1].strip() == "客人（guest）"
        # aligned for a fixed-width font: each Chinese character takes two places, so the
        # numbers end under the last character of their header
        width = sum(2 if "\u4e00" <= ch <= "\u9fff" or ch in "（）" else 1 for ch in lines[0])
        assert width == len(lines[2])
    finally:
        crm.set_language("en")
