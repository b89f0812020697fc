"""Every student-facing sentence by key, in English or Chinese: the kit's text catalogue.

Exercise prompts, hints and feedback, widget labels, plot labels and the errors a student meets
are looked up by key (``text("feedback.empty_box")``) in one catalogue per language, so code
never builds sentences and one library serves both editions of the lessons.

The catalogue of a language is every TOML file in ``crmlib/text/<language>/`` (TOML is read by
the standard library, takes comments and multi-line strings, and shows a translator the English
and Chinese files side by side). A table ``[hotel_loyalty.clv_before]`` with ``prompt = "…"``
gives the key ``hotel_loyalty.clv_before.prompt``; a file's name is only for the translator
(keys are global, and a key defined in two files is an error). Texts are :meth:`str.format`
templates: ``"{margin:,.0f} yuan"``; a literal brace is written ``{{``. Both languages must
have the same keys and the same placeholders (``tests/library/test_i18n.py`` checks it).

The language is English unless ``crm.set_language("zh")`` is called or the environment variable
``CRMLIB_LANG`` is ``zh`` (also accepted: ``zh_CN``, ``zh-CN.UTF-8``, ``chinese``) when crmlib is
imported.

Tables a notebook displays show their headers in the current language too
(:func:`display_label`): in Chinese, "差距（gap）".

Examples
--------
>>> from crmlib.i18n import text
>>> text("status.correct", language="en"), text("status.correct", language="zh")
('Correct', '正确')
>>> text("units.yuan", language="zh")
'元'
"""

from __future__ import annotations

import enum
import os
import string
import sys
import tomllib
from functools import lru_cache
from importlib import resources

#: The languages the kit speaks: code → name.
LANGUAGES = {"en": "English", "zh": "中文"}
#: The environment variable read at import for the starting language.
ENV_VAR = "CRMLIB_LANG"
_ALIASES = {"english": "en", "chinese": "zh", "中文": "zh", "cn": "zh"}


def _normalise(language) -> str | None:
    if not isinstance(language, str):
        return None
    code = language.strip().lower().split(".")[0].replace("-", "_")
    code = _ALIASES.get(code, code)
    code = code.split("_")[0]
    return code if code in LANGUAGES else None


_state = {"language": _normalise(os.environ.get(ENV_VAR, "")) or "en"}


def set_language(language: str) -> None:
    """Speak ``language`` from now on: ``"en"`` (English) or ``"zh"`` (中文).

    Feedback, prompts, widget labels, plot labels and error messages created after the call
    use it; a check already shown keeps its words until it is checked again.

    Raises
    ------
    ValueError
        For a language the kit does not have.
    """
    code = _normalise(language)
    if code is None:
        options = ", ".join(f"{key!r} ({name})" for key, name in LANGUAGES.items())
        raise ValueError(f"language must be one of {options}; got {language!r}.")
    _state["language"] = code
    _register_table_display()


def get_language() -> str:
    """The language the kit speaks now: ``"en"`` or ``"zh"``."""
    return _state["language"]


def _flatten(table: dict, prefix: str, out: dict, source: str) -> None:
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            _flatten(value, f"{key}.", out, source)
        else:
            if key in out:
                raise ValueError(f"text key {key!r} is defined twice (again in {source}).")
            out[key] = value


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict:
    """Every text of ``language``, by dotted key (a fresh read of the TOML files, cached)."""
    code = _normalise(language)
    if code is None:
        raise ValueError(f"no catalogue for language {language!r}; the kit has "
                         f"{', '.join(LANGUAGES)}.")
    folder = resources.files("crmlib") / "text" / code
    out: dict = {}
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".toml"):
            _flatten(tomllib.loads(entry.read_text(encoding="utf-8")), "", out, entry.name)
    return out


def _template(key: str, language: str | None):
    code = _normalise(language) if language is not None else get_language()
    found = catalogue(code or "en").get(key)
    if found is None and code != "en":
        found = catalogue("en").get(key)   # a key added in English first still shows
    if found is None:
        raise KeyError(f"no text {key!r} in the kit's catalogue")
    return found


def has_text(key: str, language: str | None = None) -> bool:
    """Whether the catalogue (of ``language``, else the current one, else English) has ``key``."""
    try:
        _template(key, language)
    except KeyError:
        return False
    return True


def text(key: str, /, language: str | None = None, **values) -> str:
    """The text ``key`` in the current language (or ``language``), filled in with ``values``.

    Raises
    ------
    KeyError
        If neither the language's catalogue nor the English one has ``key``.
    """
    template = _template(key, language)
    if not isinstance(template, str):
        raise TypeError(f"text {key!r} is a list; use text_list()")
    return template.format(**values)


def texts_under(prefix: str):
    """:func:`text` for the keys below ``prefix``: a unit's lookup of its own messages.

    ``_error = texts_under("error.rfm")`` makes ``_error("empty", name="x")`` the same as
    ``text("error.rfm.empty", name="x")``, in the current language.

    Examples
    --------
    >>> texts_under("status")("correct", language="zh")
    '正确'
    """
    def lookup(key: str, /, language: str | None = None, **values) -> str:
        return text(f"{prefix}.{key}", language=language, **values)

    lookup.__doc__ = f"The text ``{prefix}.<key>`` from the catalogue, in the kit's language."
    return lookup


class CatalogueEnum(enum.StrEnum):
    """A category whose members' names in both languages are in the text catalogue.

    A subclass names its vocabulary, ``class RFMSegment(CatalogueEnum, vocabulary="rfm_segment")``,
    and each member's names are then the catalogue's ``vocab.<vocabulary>.<key>.label``, where
    the key is the member's name in lower case (``AT_RISK`` → ``at_risk``).
    """

    def __init_subclass__(cls, vocabulary: str | None = None, **options):
        super().__init_subclass__(**options)
        if vocabulary is not None:
            cls._vocabulary_key = vocabulary

    @property
    def _key(self) -> str:
        """The member's key in the text catalogue: ``"key_development"``."""
        return self.name.lower()

    @property
    def chinese(self) -> str:
        """The course's Chinese term, from the kit's text catalogue (``vocab.<vocabulary>``)."""
        return text(f"vocab.{self._vocabulary_key}.{self._key}.label", language="zh")


def text_list(key: str, language: str | None = None) -> list[str]:
    """A list-valued entry (e.g. the synonyms of an option), or ``[]`` when there is none."""
    try:
        found = _template(key, language)
    except KeyError:
        return []
    return list(found) if isinstance(found, list) else [found]


def all_languages_text(key: str) -> list[str]:
    """The text ``key`` in every language that has it (to accept answers in either)."""
    found = []
    for code in LANGUAGES:
        value = catalogue(code).get(key)
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found.extend(value)
    return found


def placeholders(template: str) -> set[str]:
    """The field names a template fills in: ``"{a:.0%} of {b}"`` → ``{"a", "b"}``."""
    return {field.split(".")[0].split("[")[0]
            for _, field, _, _ in string.Formatter().parse(template) if field}


# --------------------------------------------------------------------------- table headers


_HEADER_KEYS = {"shown": True}


def show_header_keys(shown: bool = True) -> None:
    """Whether Chinese table headers carry their code key in brackets (default: yes).

    A student's notebook shows ``"计划前 CLV（clv_before）"`` so that the key to type is in
    sight; a deck for the room may show ``"计划前 CLV"`` alone, which leaves wide tables room.
    """
    _HEADER_KEYS["shown"] = bool(shown)


def display_label(label):
    """A table header as the current language shows it.

    In English a header is the column's name, the key students type in code (``"clv_before"``).
    In Chinese it is the Chinese name with that key in brackets (``"计划前 CLV（clv_before）"``),
    so a student reads the table in Chinese and still sees what to type. Headers without a
    Chinese name in the catalogue (``columns.<name>``) stay as they are.
    """
    if not isinstance(label, str) or get_language() == "en":
        return label
    chinese = catalogue(get_language()).get(f"columns.{label}")
    if not isinstance(chinese, str):
        return label
    return f"{chinese}（{label}）" if _HEADER_KEYS["shown"] else chinese


def relabel(table):
    """A DataFrame or Series with its headers (column names, index and series names) in the
    current language (:func:`display_label`).

    Values stay: they are data. Index entries stay too, except in an index without a name whose
    entries are column keys: the named values a function returns as a Series
    (``campaign_evaluation``) or a table turned on its side (``.T``) show their labels like
    headers. An index with a name (``segment``, ``stage``) holds data and stays.
    """
    import pandas as pd

    if isinstance(table, pd.DataFrame):
        shown = table.rename(columns=display_label)
        shown.columns.names = [display_label(n) for n in table.columns.names]
    else:
        shown = table.rename(display_label(table.name))
    index = table.index
    if index.nlevels == 1 and index.name is None and index.dtype != "category" and \
            any(isinstance(entry, str) for entry in index):
        shown.index = pd.Index([display_label(entry) for entry in index])
    shown.index.names = [display_label(n) for n in table.index.names]
    return shown


def table_text(table, **options) -> str:
    """A table as plain text for an exercise's story: headers in the current language
    (:func:`relabel`), columns aligned for Chinese characters, which take two places in a
    fixed-width font. ``options`` go to ``DataFrame.to_string``."""
    import pandas as pd

    with pd.option_context("display.unicode.east_asian_width", True):
        return relabel(table).to_string(**options)


def _register_table_display() -> None:
    """In a notebook, show every displayed table's headers in the current language."""
    ipython = sys.modules.get("IPython")   # never imported here: outside IPython, no shell
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return
    import pandas as pd

    html = shell.display_formatter.formatters["text/html"]
    plain = shell.display_formatter.formatters["text/plain"]
    for kind in (pd.DataFrame, pd.Series):
        html.type_printers.pop(kind, None)
        plain.type_printers.pop(kind, None)
    if get_language() == "en":
        return
    html.for_type(pd.DataFrame, lambda table: relabel(table)._repr_html_())
    for kind in (pd.DataFrame, pd.Series):
        plain.for_type(kind, lambda table, printer, cycle: printer.text(repr(relabel(table))))
