"""Fixtures for the exercise tests (helpers are in tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _english_after():
    """Every exercise test leaves the kit in English, whatever language it switched to."""
    yield
    from crmlib import i18n

    i18n.set_language("en")
