"""Data files shipped with the CRM Course Kit (installed as ``crmlib._data``).

Load them with the functions in :mod:`crmlib.datasets`, never by path.
"""
