"""Shared test helpers for the CRM Course Kit."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def assert_clear_error(call, error, words, label=""):
    """``call()`` raises ``error`` and its message contains every one of ``words``.

    The check behind the bad-input tables (tests/test_*bad_input*.py): each row is
    (label, call, exception type, words the message must contain).
    """
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    for word in words:
        assert word in message, f"{label}: {word!r} not in {message!r}"
