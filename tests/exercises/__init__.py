"""The exercise tests are a package so that their conftest.py (the English-after fixture) is
imported as ``exercises.conftest``: without this file pytest imports it as ``conftest`` too, and
``from conftest import ...`` (the helpers in tests/conftest.py) would find this folder's instead.
"""
