r"""CRM in practice (客户关系管理实务): one view of each customer, campaigns that prove themselves,
the business case and the choice of a CRM system.

The course closes with CRM as a system. This module turns its practical questions into tested
functions:

* **One view of each customer (客户统一视图)**: records of the same person sit in several
  systems (shop tills, web shop, call centre) under different spellings and phone formats.
  :func:`unify_customers` links them by normalised phone numbers and e-mail addresses
  (:func:`normalise_phone`, :func:`normalise_email`); :func:`single_customer_view` and
  :func:`system_coverage` show what each system alone misses; :func:`unification_quality`
  grades the result against a known truth.
* **Evaluating CRM (CRM的评价)** by mail response rate, cross-selling and acquisition cost:
  :func:`campaign_evaluation` compares a contacted group with a randomised control group
  (uplift, lift, its confidence interval, incremental profit, ROI, cost per incremental
  response); :func:`campaign_results` counts the groups from one row per customer;
  :func:`campaign_from_rates` plans a test from expected rates.
* **The business case**: :func:`npv`, :func:`payback_period` and :func:`crm_business_case`.
* **Choosing a CRM system (CRM系统的选择)** on the course's six criteria
  (:func:`crm_system_criterion_table`): :func:`vendor_scores` reuses the selection unit's
  :func:`crmlib.weighted_score`, and :func:`weight_sensitivity` says how far each weight must
  move before another vendor wins.
* **Signal events (信号事件)** in a bank's customer database: rules as data
  (:func:`bank_signal_table`) turned into a prompt report (:func:`signal_report`).

Rates are fractions (0.032, not 3.2); money is in the caller's currency (yuan in the lessons);
time in periods (years in the lessons).
"""

from __future__ import annotations

import enum
import math
import numbers
import re
import unicodedata
from collections.abc import Mapping
from statistics import NormalDist

import numpy as np
import pandas as pd

from crmlib._docstrings import shared_doc
from crmlib._validation import (
    _rows,
    _show,
    check_cash_flows,
    check_columns,
    check_dataframe,
    check_discount_rate,
    check_finite,
    check_nonnegative,
    check_rate,
    check_scalar,
    check_whole_number,
    plain,
)
from crmlib.i18n import text, texts_under
from crmlib.selection import weighted_score

__all__ = [
    "CRMSystemCriterion",
    "bank_signal_table",
    "campaign_evaluation",
    "campaign_from_rates",
    "campaign_results",
    "crm_business_case",
    "crm_system_criterion_table",
    "normalise_email",
    "normalise_phone",
    "npv",
    "payback_period",
    "signal_report",
    "single_customer_view",
    "system_coverage",
    "unification_quality",
    "unify_customers",
    "vendor_scores",
    "weight_sensitivity",
]


#: This unit's error messages, from the text catalogue in the kit's language.
_error = texts_under("error.practice")


# --------------------------------------------------------------------------- one customer view

#: China's country code as it is written before a mobile number: +86, 0086 or plain 86.
_COUNTRY_CODES = ("0086", "86")
_NOT_DIGIT = re.compile(r"[^0-9]")


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def normalise_phone(phone) -> str | None:
    """A phone number as digits only, without China's country code before a mobile number.

    The rules, in order:

    1. Missing (``None``, NaN) or text with no digit at all (``""``, ``"n/a"``) gives
       ``None``: such a value links nothing.
    2. Full-width digits typed with a Chinese input method (``１３８``) become ordinary
       digits (Unicode NFKC), then every character that is not a digit 0–9 is dropped:
       spaces, ``-``, ``+``, brackets, dots.
    3. If the digits are ``0086`` or ``86`` followed by an 11-digit mobile number (one that
       starts with 1), the country code is dropped: ``+86 138 1234 5678``,
       ``0086-138-1234-5678`` and ``8613812345678`` all become ``13812345678``.

    Parameters
    ----------
    phone : str, int or None
        The phone number as the system stored it. Integers are read as their digits.

    Returns
    -------
    str or None
        The digits, or ``None`` when there are none.

    Raises
    ------
    TypeError
        For a float (a phone column read as numbers has lost its ``+`` and may show
        ``13812345678.0``: read it as text), a boolean or any other type.

    Notes
    -----
    Only the country code before a *mobile* number is dropped. A landline keeps what it has:
    ``021-6123 4567`` gives ``02161234567`` and ``+86 21 6123 4567`` gives ``862161234567``,
    so the same landline written with and without the country code does not link. Typing
    errors are not repaired: one wrong digit is a different number.

    Examples
    --------
    >>> [normalise_phone(p) for p in ["138-1234-5678", "+86 138 1234 5678",
    ...                               "0086 13812345678", "(021) 6123-4567", "", None]]
    ['13812345678', '13812345678', '13812345678', '02161234567', None, None]
    """
    if _is_missing(phone):
        return None
    if isinstance(phone, bool | np.bool_):
        raise TypeError(_error("phone_boolean", value=repr(phone)))
    if isinstance(phone, numbers.Integral):
        written = str(int(phone))
    elif isinstance(phone, str):
        written = unicodedata.normalize("NFKC", phone)
    else:
        raise TypeError(_error("phone_not_text", value=repr(plain(phone)),
                               kind=type(phone).__name__))
    digits = _NOT_DIGIT.sub("", written)
    if not digits:
        return None
    for code in _COUNTRY_CODES:
        rest = digits[len(code):]
        if digits.startswith(code) and len(rest) == 11 and rest.startswith("1"):
            return rest
    return digits


def normalise_email(email) -> str | None:
    """An e-mail address stripped of surrounding spaces and lower-cased; ``None`` if empty.

    Parameters
    ----------
    email : str or None

    Returns
    -------
    str or None

    Raises
    ------
    TypeError
        For anything other than text or a missing value.

    Notes
    -----
    Nothing else is changed: the address is not checked for an ``@``, and dots or ``+tags``
    are kept (``wang.fang@`` and ``wangfang@`` stay different).

    Examples
    --------
    >>> normalise_email("  Wang.Fang@Example.COM "), normalise_email("   ")
    ('wang.fang@example.com', None)
    """
    if _is_missing(email):
        return None
    if not isinstance(email, str):
        raise TypeError(_error("email_not_text", value=repr(plain(email)),
                               kind=type(email).__name__))
    cleaned = email.strip().lower()
    return cleaned or None


def _key_columns(records, phone, email) -> list[tuple[str, object]]:
    check_dataframe(records, "records")
    keys = [(column, normalise) for column, normalise in
            ((phone, normalise_phone), (email, normalise_email)) if column is not None]
    if not keys:
        raise ValueError(_error("no_key"))
    check_columns(records, [column for column, _ in keys], "records")
    return keys


def unify_customers(records, *, phone="phone", email="email") -> pd.Series:
    """Give records of the same customer one id: linked by equal phone numbers or e-mails.

    Two records share an id exactly when a chain of links joins them, each link an equal
    normalised phone number or an equal normalised e-mail address: if A and B share a phone
    and B and C share an e-mail, A, B and C are one customer even though A and C share
    nothing. This is the connected-components problem, solved with union–find.

    Parameters
    ----------
    records : DataFrame
        One row per record, from any number of systems.
    phone, email : str or None, default "phone", "email"
        Columns holding phone numbers and e-mail addresses (text; missing values allowed).
        ``None`` leaves that key out (link by phone only, or by e-mail only).

    Returns
    -------
    Series of int
        ``customer_id`` for every record, with ``records``' index: 0, 1, 2, … in the order in
        which each customer's first record appears.

    Notes
    -----
    Phones are compared after :func:`normalise_phone`, e-mails after
    :func:`normalise_email`; an empty or missing value links nothing. A phone number never
    matches an e-mail address. Names are not used: they carry typos and homophones
    (王芳/汪芳), and many people share one. The rule can go wrong both ways: a family sharing
    one phone becomes one "customer", and a customer who changed number and e-mail becomes
    two. Compare with a known truth using :func:`unification_quality`.

    References
    ----------
    Tarjan, R. E. (1975). Efficiency of a good but not linear set union algorithm. *Journal
    of the ACM* 22(2), 215–225. Course material, ERP unit on CRM (`004`: a single, shared
    customer view instead of data scattered over departments).

    Examples
    --------
    A and B share a phone (in two formats), B and C an e-mail (in two spellings); D has
    neither.

    >>> records = pd.DataFrame({
    ...     "phone": ["138-1234-5678", "+86 138 1234 5678", None, "139 0000 1111"],
    ...     "email": [None, "li.na@example.com", " LI.NA@example.com", "d@example.com"]},
    ...     index=list("ABCD"))
    >>> unify_customers(records).to_dict()
    {'A': 0, 'B': 0, 'C': 0, 'D': 1}
    """
    keys = _key_columns(records, phone, email)
    n = len(records)
    parent = np.arange(n)

    def find(row: int) -> int:
        root = row
        while parent[root] != root:
            root = parent[root]
        while parent[row] != root:          # path compression
            parent[row], row = root, parent[row]
        return int(root)

    for column, normalise in keys:
        first_row: dict[str, int] = {}
        for row, value in enumerate(records[column].tolist()):
            try:
                key = normalise(value)
            except TypeError as error:
                label = plain(records.index[row])
                raise TypeError(_error("record_value", column=repr(column), row=repr(label),
                                       error=error)) from None
            if key is None:
                continue
            if key in first_row:
                a, b = find(first_row[key]), find(row)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first_row[key] = row
    ids: dict[int, int] = {}
    customer = np.array([ids.setdefault(find(row), len(ids)) for row in range(n)],
                        dtype=np.int64)
    return pd.Series(customer, index=records.index, name="customer_id")


def _labels(values, name: str) -> pd.Series:
    if isinstance(values, str | bytes) or np.ndim(values) != 1:
        raise TypeError(_error("labels_not_list", name=name, value=_show(values)))
    series = pd.Series(values).reset_index(drop=True)
    if series.empty:
        raise ValueError(_error("labels_empty", name=name))
    if series.isna().any():
        raise ValueError(_error("labels_missing", name=name, count=int(series.isna().sum()),
                                positions=_rows(series.index, series.isna())))
    return series


def unification_quality(customer_id, true_id) -> pd.Series:
    """Grade a unification against the true customers: how many merged wrongly or stayed split.

    Parameters
    ----------
    customer_id : array-like or Series
        The id each record was given, e.g. by :func:`unify_customers`.
    true_id : array-like or Series
        The true customer behind each record, in the same order (known in a synthetic data
        set, or from a hand-checked sample).

    Returns
    -------
    Series
        ``records``; ``true_customers``; ``found_customers``; ``wrongly_merged`` (found
        customers that hold records of two or more true customers: over-merging, 错误合并);
        ``split`` (true customers whose records got two or more ids: missed links, 漏合并);
        ``exactly_right`` (true customers who got exactly one id that nobody else shares).

    Examples
    --------
    Records of true customers 1, 1, 2, 3, 3 given ids 0, 0, 0, 1, 2: id 0 mixes customers 1
    and 2, customer 3 is split over ids 1 and 2, nobody is exactly right.

    >>> unification_quality([0, 0, 0, 1, 2], [1, 1, 2, 3, 3]).to_dict()
    {'records': 5, 'true_customers': 3, 'found_customers': 3, 'wrongly_merged': 1, 'split': 1,
     'exactly_right': 0}
    """
    found = _labels(customer_id, "customer_id")
    truth = _labels(true_id, "true_id")
    if len(found) != len(truth):
        raise ValueError(_error("labels_lengths", found=len(found), truth=len(truth)))
    truths_per_found = truth.groupby(found.to_numpy()).nunique()
    founds_per_truth = found.groupby(truth.to_numpy()).nunique()
    clean_found = truths_per_found.index[truths_per_found == 1]
    one_id = founds_per_truth == 1
    first_id = found.groupby(truth.to_numpy()).first()
    exact = one_id & first_id.isin(clean_found)
    return pd.Series({
        "records": len(found),
        "true_customers": int(truth.nunique()),
        "found_customers": int(found.nunique()),
        "wrongly_merged": int((truths_per_found > 1).sum()),
        "split": int((founds_per_truth > 1).sum()),
        "exactly_right": int(exact.sum()),
    }, name="unification_quality")


def _records_by_customer(records, customer_id, source, value) -> pd.DataFrame:
    check_dataframe(records, "records")
    check_columns(records, [source, value], "records")
    ids = _labels(customer_id, "customer_id")
    if len(ids) != len(records):
        raise ValueError(_error("ids_per_record", records=len(records), labels=len(ids)))
    systems = _labels(records[source], f"records[{source!r}]")
    amounts = check_finite(records[value].to_numpy(dtype=float, na_value=0.0),
                           f"records[{value!r}]")
    return pd.DataFrame({"customer_id": ids.to_numpy(), "source": systems.to_numpy(),
                         "value": amounts})


def single_customer_view(records, customer_id, *, source="source", value="spend"):
    """One row per customer: their value in each system, the number of systems, the total.

    Parameters
    ----------
    records : DataFrame
        One row per record, with the system it comes from and a value (e.g. spend per year).
    customer_id : array-like or Series
        The customer of each record, in ``records``' order (e.g. from
        :func:`unify_customers`).
    source, value : str, default "source", "spend"
        Column names of the system and of the value (money; missing counts as 0).

    Returns
    -------
    DataFrame
        Indexed by ``customer_id`` (sorted): one column per system (in order of first
        appearance) with the customer's total value there (0 if they have no record there),
        ``systems`` (how many systems hold a record of the customer) and ``total`` (value
        over all systems).

    Examples
    --------
    >>> records = pd.DataFrame({"source": ["till", "web", "till"], "spend": [100, 50, 30]})
    >>> single_customer_view(records, [0, 0, 1]).to_dict("index")
    {0: {'till': 100.0, 'web': 50.0, 'systems': 2, 'total': 150.0},
     1: {'till': 30.0, 'web': 0.0, 'systems': 1, 'total': 30.0}}
    """
    frame = _records_by_customer(records, customer_id, source, value)
    order = list(dict.fromkeys(frame["source"]))
    view = frame.pivot_table(index="customer_id", columns="source", values="value",
                             aggfunc="sum", fill_value=0.0).reindex(columns=order)
    view.columns.name = None
    view["systems"] = frame.groupby("customer_id")["source"].nunique().astype(np.int64)
    view["total"] = view[order].sum(axis=1)
    return view


def system_coverage(records, customer_id, *, source="source", value="spend") -> pd.DataFrame:
    """What each system sees on its own: its share of the customers and of their value.

    A system "sees" a customer when it holds at least one of their records; it sees only the
    value recorded in it, while the customer's value is the total over all systems.

    Parameters
    ----------
    records, customer_id, source, value
        As in :func:`single_customer_view`.

    Returns
    -------
    DataFrame
        One row per system (in order of first appearance): ``customers`` (it holds a record
        of), ``customer_share`` (of all customers), ``value_seen`` (value recorded there),
        ``value_of_its_customers`` (those customers' value across all systems) and
        ``value_share_seen`` (what the system sees of its own customers' value; NaN if they
        have no value).

    Examples
    --------
    Customer 0 spends 100 at the tills and 50 on the web; customer 1 spends 30 at the tills.
    The tills see both customers but only 130 of their 180; the web shop sees one customer
    of two and 50 of that customer's 150.

    >>> records = pd.DataFrame({"source": ["till", "web", "till"], "spend": [100, 50, 30]})
    >>> system_coverage(records, [0, 0, 1])[["customers", "value_share_seen"]].round(3)
            customers  value_share_seen
    system
    till            2             0.722
    web             1             0.333
    """
    frame = _records_by_customer(records, customer_id, source, value)
    totals = frame.groupby("customer_id")["value"].sum()
    n_customers = len(totals)
    rows = {}
    for system, part in frame.groupby("source", sort=False):
        seen_customers = pd.unique(part["customer_id"])
        seen = float(part["value"].sum())
        whole = float(totals.loc[seen_customers].sum())
        rows[system] = {"customers": len(seen_customers),
                        "customer_share": len(seen_customers) / n_customers,
                        "value_seen": seen, "value_of_its_customers": whole,
                        "value_share_seen": seen / whole if whole else math.nan}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "system"
    return table


# --------------------------------------------------------------------------- campaigns


def _count(value, name: str, minimum: int) -> int:
    return check_whole_number(value, name, minimum=minimum)


def campaign_evaluation(treated_size, treated_responses, control_size, control_responses, *,
                        cost_per_contact=0.0, margin_per_response=0.0, confidence=0.95):
    r"""Evaluate a campaign against a randomised control group: uplift, its interval, profit.

    With :math:`n_t` customers contacted (the treated group), :math:`x_t` of whom responded,
    and :math:`n_c` comparable customers held back at random (the control group),
    :math:`x_c` of whom responded anyway:

    .. math::
        p_t = \frac{x_t}{n_t}, \quad p_c = \frac{x_c}{n_c}, \quad
        \text{uplift} = p_t - p_c, \quad \text{lift} = \frac{p_t}{p_c}

        \text{incremental responses} = (p_t - p_c)\,n_t, \qquad
        \text{cost} = c\,n_t, \qquad
        \text{incremental profit} = m \cdot \text{incremental responses} - \text{cost}

        \text{ROI} = \frac{\text{incremental profit}}{\text{cost}}, \qquad
        \text{uplift} \pm z_{1-\alpha/2}\sqrt{\frac{p_t(1-p_t)}{n_t}
                                               + \frac{p_c(1-p_c)}{n_c}}

    Parameters
    ----------
    treated_size, treated_responses : int
        :math:`n_t` (≥ 1) and :math:`x_t` (0 … :math:`n_t`): contacted customers and how many
        responded.
    control_size, control_responses : int
        :math:`n_c` (≥ 1) and :math:`x_c` (0 … :math:`n_c`): held-back customers and how
        many did the same without being contacted.
    cost_per_contact : float, default 0
        :math:`c`, money per contacted customer (printing and postage, an SMS).
    margin_per_response : float, default 0
        :math:`m`, the profit one response brings (money; before the campaign's cost).
    confidence : float, default 0.95
        Confidence level of the uplift interval (a fraction).

    Returns
    -------
    Series
        ``response_rate_treated`` (:math:`p_t`), ``response_rate_control`` (:math:`p_c`),
        ``uplift``, ``lift``, ``incremental_responses``, ``cost``, ``incremental_profit``,
        ``roi``, ``cost_per_response`` (cost / all treated responses: the flattering
        figure), ``cost_per_incremental_response`` (cost / incremental responses: what one
        response the campaign *caused* cost), ``uplift_low``, ``uplift_high``.

    Notes
    -----
    * A response rate alone is not an effect: some of the treated would have bought anyway,
      and the control group measures how many. Only the uplift is caused by the campaign.
    * The interval uses the normal approximation with the **unpooled** standard error (each
      group's own rate), the usual Wald interval for a difference of two proportions. It is
      reasonable when each group has at least about 10 responses and 10 non-responses; with
      fewer, or rates near 0 or 1, it is too narrow. If the interval contains 0, the data
      cannot tell the campaign's effect from chance.
    * ``lift`` is NaN when nobody in the control group responded; ``roi`` is NaN when the
      campaign cost nothing; ``cost_per_response`` and ``cost_per_incremental_response`` are
      NaN when there is nothing to divide by (no response, or no positive uplift).
    * All money figures are for the treated group only: the control group was not contacted
      and cost nothing. Responses bring the same margin in both groups.

    References
    ----------
    Course material, "客户关系管理与服务营销" (CRM的评价: mail response rate, cross-selling,
    acquisition cost). Radcliffe, N. J. & Surry, P. D. (2011). *Real-World Uplift Modelling
    with Significance-Based Uplift Trees*. Stochastic Solutions (control groups and uplift).
    Agresti, A. (2013). *Categorical Data Analysis* (3rd ed.). Wiley (the Wald interval for a
    difference of proportions).

    Examples
    --------
    10,000 mailed, 320 bought (3.2%); 2,000 held back, 40 bought (2.0%). Uplift 1.2 points,
    lift 1.6, 0.012 × 10,000 = 120 incremental sales. At 2 yuan a letter the mailing cost
    20,000; at 150 yuan margin per sale it earned 18,000: a loss of 2,000 (ROI −10%), although
    the uplift is clearly above zero (interval 0.50 to 1.90 points).

    >>> result = campaign_evaluation(10_000, 320, 2_000, 40, cost_per_contact=2,
    ...                              margin_per_response=150)
    >>> result[["uplift", "lift", "incremental_responses", "incremental_profit", "roi"]].round(4)
    uplift                      0.012
    lift                        1.600
    incremental_responses     120.000
    incremental_profit      -2000.000
    roi                        -0.100
    dtype: float64
    >>> round(float(result["uplift_low"]), 4), round(float(result["uplift_high"]), 4)
    (0.005, 0.019)
    """
    n_t = _count(treated_size, "treated_size", 1)
    x_t = _count(treated_responses, "treated_responses", 0)
    n_c = _count(control_size, "control_size", 1)
    x_c = _count(control_responses, "control_responses", 0)
    for group, responses, size in (("treated", x_t, n_t), ("control", x_c, n_c)):
        if responses > size:
            raise ValueError(_error("responses_above_size", group=group, responses=responses,
                                    size=size))
    c = check_scalar(check_nonnegative(cost_per_contact, "cost_per_contact"), "cost_per_contact")
    m = check_scalar(check_finite(margin_per_response, "margin_per_response"),
                     "margin_per_response")
    level = check_scalar(check_rate(confidence, "confidence", allow_zero=False,
                                    allow_one=False), "confidence")
    p_t, p_c = x_t / n_t, x_c / n_c
    uplift = p_t - p_c
    incremental = uplift * n_t
    cost = c * n_t
    profit = incremental * m - cost
    z = NormalDist().inv_cdf(0.5 + level / 2)
    se = math.sqrt(p_t * (1 - p_t) / n_t + p_c * (1 - p_c) / n_c)
    return pd.Series({
        "response_rate_treated": p_t,
        "response_rate_control": p_c,
        "uplift": uplift,
        "lift": p_t / p_c if p_c > 0 else math.nan,
        "incremental_responses": incremental,
        "cost": cost,
        "incremental_profit": profit,
        "roi": profit / cost if cost > 0 else math.nan,
        "cost_per_response": cost / x_t if x_t > 0 else math.nan,
        "cost_per_incremental_response": cost / incremental if incremental > 0 else math.nan,
        "uplift_low": uplift - z * se,
        "uplift_high": uplift + z * se,
    }, dtype=float)


def campaign_from_rates(treated_size, treated_rate, control_size, control_rate, **options):
    """Plan a test from expected response rates: :func:`campaign_evaluation` with whole counts.

    Before a campaign runs you know group sizes and expected rates, not counts. The expected
    number of responses in each group, rate × size, is rounded to a whole number (halves round
    up) and the result is evaluated as if observed. Use it to ask: *with these group sizes,
    would an uplift of this size be distinguishable from noise?*

    Parameters
    ----------
    treated_size, control_size : int
        Group sizes (≥ 1).
    treated_rate, control_rate : float
        Expected response rates (fractions, 0.032 for 3.2%).
    **options
        ``cost_per_contact``, ``margin_per_response``, ``confidence`` as in
        :func:`campaign_evaluation`.

    Returns
    -------
    Series
        As :func:`campaign_evaluation`.

    Examples
    --------
    The same rates as the 10,000 / 2,000 example, but only 1,000 mailed and 200 held back:
    the interval now contains 0.

    >>> small = campaign_from_rates(1_000, 0.032, 200, 0.02)
    >>> round(float(small["uplift_low"]), 3), round(float(small["uplift_high"]), 3)
    (-0.01, 0.034)
    """
    n_t = _count(treated_size, "treated_size", 1)
    n_c = _count(control_size, "control_size", 1)
    r_t = check_scalar(check_rate(treated_rate, "treated_rate"), "treated_rate")
    r_c = check_scalar(check_rate(control_rate, "control_rate"), "control_rate")
    return campaign_evaluation(n_t, math.floor(r_t * n_t + 0.5), n_c,
                               math.floor(r_c * n_c + 0.5), **options)


def _binary(values: pd.Series, name: str) -> np.ndarray:
    if values.isna().any():
        raise ValueError(_error("outcome_missing", name=name, count=int(values.isna().sum()),
                                rows=_rows(values.index, values.isna())))
    if values.dtype == bool:
        return values.to_numpy()
    uniques = set(pd.unique(values).tolist())
    if uniques <= {0, 1}:
        return values.to_numpy().astype(bool)
    raise TypeError(_error("outcome_not_binary", name=name,
                           values=", ".join(sorted(map(repr, uniques))[:5])))


def campaign_results(contacts, *, outcome="responded", group="group", treated="mailed",
                     control="control", by=None, cost_per_contact=0.0, margin_per_response=0.0,
                     confidence=0.95) -> pd.DataFrame:
    """Count a campaign's groups from one row per customer and evaluate it, overall or by segment.

    Parameters
    ----------
    contacts : DataFrame
        One row per customer in the test, with the group they were assigned to and the
        outcome (1/True if they did what the campaign asked, e.g. bought).
    outcome : str, default "responded"
        The 0/1 outcome column; use another column (e.g. ``"cross_sell"``) to evaluate a
        second outcome of the same campaign.
    group : str, default "group"
        The column naming each customer's group.
    treated, control : str, default "mailed", "control"
        The labels of the contacted group and the held-back group in ``group``.
    by : str, optional
        A segment column: one row per segment (sorted), then one for ``"all"``.
    cost_per_contact, margin_per_response, confidence
        As in :func:`campaign_evaluation`.

    Returns
    -------
    DataFrame
        One row per segment (and ``"all"``): ``treated_size``, ``treated_responses``,
        ``control_size``, ``control_responses`` and every field of
        :func:`campaign_evaluation`.

    Examples
    --------
    >>> contacts = pd.DataFrame({"group": ["mailed"] * 4 + ["control"] * 2,
    ...                          "responded": [1, 1, 0, 0, 1, 0]})
    >>> campaign_results(contacts)[["treated_responses", "uplift"]]
         treated_responses  uplift
    all                2.0     0.0
    """
    check_dataframe(contacts, "contacts")
    check_columns(contacts, [outcome, group] + ([by] if by is not None else []), "contacts")
    labels = contacts[group]
    unknown = sorted({plain(v) for v in pd.unique(labels)} - {treated, control}, key=repr)
    if unknown:
        raise ValueError(_error("unknown_groups", column=repr(group),
                                labels=", ".join(map(repr, unknown[:5])),
                                treated=repr(treated), control=repr(control)))
    hit = _binary(contacts[outcome], f"contacts[{outcome!r}]")
    is_treated = (labels == treated).to_numpy()
    segments = [("all", np.ones(len(contacts), dtype=bool))]
    if by is not None:
        values = contacts[by]
        if values.isna().any():
            raise ValueError(_error("segment_missing", column=repr(by),
                                    rows=_rows(values.index, values.isna())))
        segments = [(plain(s), (values == s).to_numpy())
                    for s in sorted(pd.unique(values), key=str)] + segments
    rows = {}
    for segment, mask in segments:
        counts = {"treated_size": int((mask & is_treated).sum()),
                  "treated_responses": int((mask & is_treated & hit).sum()),
                  "control_size": int((mask & ~is_treated).sum()),
                  "control_responses": int((mask & ~is_treated & hit).sum())}
        for name, label in (("treated", treated), ("control", control)):
            if counts[f"{name}_size"] == 0:
                raise ValueError(_error(f"segment_without_{name}", segment=repr(segment),
                                        label=repr(label)))
        result = campaign_evaluation(*counts.values(), cost_per_contact=cost_per_contact,
                                     margin_per_response=margin_per_response,
                                     confidence=confidence)
        rows[segment] = {**counts, **result.to_dict()}
    table = pd.DataFrame.from_dict(rows, orient="index").astype(float)
    table.index.name = by
    return table


# --------------------------------------------------------------------------- the business case


def npv(cash_flows, discount_rate) -> float:
    r"""Net present value of cash flows, the first one now and then one per period.

    .. math:: \mathrm{NPV} = \sum_{t=0}^{T} \frac{CF_t}{(1 + i)^t}

    Parameters
    ----------
    cash_flows : array-like or Series
        :math:`CF_0, CF_1, \dots, CF_T`: money per period; :math:`CF_0` at t = 0 (not
        discounted), usually the investment as a negative amount.
    discount_rate : float
        :math:`i` per period (a fraction, 0.1 for 10%).

    Returns
    -------
    float
        The NPV in the cash flows' currency; above 0 means the project earns more than the
        discount rate.

    Notes
    -----
    Every flow after the first falls at the *end* of its period (the ordinary annuity
    convention of finance and of :func:`crmlib.customer_lifetime_value` with
    ``when="end"``).

    References
    ----------
    Brealey, R. A., Myers, S. C. & Allen, F. (2020). *Principles of Corporate Finance* (13th
    ed.), ch. 2 and 5. McGraw-Hill.

    Examples
    --------
    −500 now, then 200, 250 and 300 at 10%: −500 + 181.82 + 206.61 + 225.39 = 113.82.

    >>> round(npv([-500, 200, 250, 300], 0.10), 2)
    113.82
    """
    flows = check_cash_flows(cash_flows)
    i = check_scalar(check_discount_rate(discount_rate), "discount_rate")
    return float(np.sum(flows / (1.0 + i) ** np.arange(flows.size)))


def payback_period(cash_flows, *, discount_rate=0.0) -> float | None:
    r"""Periods until the cumulative cash flow first reaches 0 (linear inside the period).

    With cumulative flows :math:`S_t = \sum_{s \le t} CF_s`, the payback period is the first
    :math:`t` with :math:`S_t \ge 0`, made exact inside the period by assuming the period's
    flow arrives evenly:

    .. math:: \text{payback} = (t - 1) + \frac{-S_{t-1}}{CF_t}

    Parameters
    ----------
    cash_flows : array-like or Series
        :math:`CF_0, CF_1, \dots`, as in :func:`npv` (:math:`CF_0` at t = 0).
    discount_rate : float, default 0.0
        0 gives the ordinary (undiscounted) payback period. A rate above 0 gives the
        *discounted* payback period: the same rule applied to :math:`CF_t / (1+i)^t`.

    Returns
    -------
    float or None
        Periods (0 if :math:`CF_0 \ge 0`); ``None`` if the cumulative flow never reaches 0.

    Notes
    -----
    The first crossing counts: if a later outflow (an upgrade) pulls the cumulative flow
    below 0 again, the project is not paid back for good — look at the whole cumulative
    curve. Payback ignores everything after it, so it is a measure of risk and liquidity, not
    of value: use :func:`npv` for that.

    References
    ----------
    Brealey, R. A., Myers, S. C. & Allen, F. (2020). *Principles of Corporate Finance* (13th
    ed.), ch. 5 (payback and discounted payback). McGraw-Hill.

    Examples
    --------
    Cumulative −500, −300, −50, +250: paid back during year 3, 50/300 of the way in.

    >>> round(payback_period([-500, 200, 250, 300]), 4)
    2.1667

    Discounted at 10% the flows are −500, 181.82, 206.61, 225.39; cumulative −500, −318.18,
    −111.57, +113.82; 2 + 111.57/225.39 = 2.495.

    >>> round(payback_period([-500, 200, 250, 300], discount_rate=0.10), 4)
    2.495
    >>> payback_period([-500, 100, 100]) is None
    True
    """
    flows = check_cash_flows(cash_flows)
    i = check_scalar(check_discount_rate(discount_rate), "discount_rate")
    flows = flows / (1.0 + i) ** np.arange(flows.size)
    cumulative = np.cumsum(flows)
    reached = np.flatnonzero(cumulative >= 0)
    if reached.size == 0:
        return None
    t = int(reached[0])
    if t == 0:
        return 0.0
    return float(t - 1 + (-cumulative[t - 1]) / flows[t])


def crm_business_case(investment, yearly_benefit, *, years=5, running_cost=0.0,
                      adoption=(1.0,), discount_rate=0.10) -> pd.DataFrame:
    r"""The cash flows of a CRM project, year by year, with NPV and payback read off them.

    .. math::
        CF_0 = -I, \qquad CF_t = a_t\,B - C \quad (t = 1, \dots, T)

    where :math:`I` is the investment, :math:`B` the full yearly benefit, :math:`a_t` the
    share of it reached in year :math:`t` (the system is adopted step by step) and :math:`C`
    the running cost.

    Parameters
    ----------
    investment : float
        :math:`I`, paid now (software, implementation, data clean-up, training; money ≥ 0).
    yearly_benefit : float
        :math:`B`, the benefit per year once the system is fully in use (money ≥ 0), e.g. the
        ``total`` of :func:`crmlib.crm_spending_assessment`.
    years : int, default 5
        :math:`T`, the years the business case covers.
    running_cost : float, default 0
        :math:`C`, money per year (licences, support, staff).
    adoption : sequence of float, default (1.0,)
        :math:`a_1, a_2, \dots`: fractions of the full benefit reached in years 1, 2, …; the
        last value holds for the remaining years. ``(0.3, 0.6, 0.9)`` ramps up over three
        years.
    discount_rate : float, default 0.10
        Per year, for the discounted columns.

    Returns
    -------
    DataFrame
        Indexed by ``year`` (0 … T): ``investment``, ``benefit``, ``running_cost`` (money
        amounts, positive), ``cash_flow``, ``discounted_cash_flow``,
        ``cumulative_cash_flow``, ``cumulative_discounted_cash_flow``. The last row of
        ``cumulative_discounted_cash_flow`` is the NPV (:func:`npv`).

    Notes
    -----
    The yearly benefit of the course's quick assessment is what customer turnover costs a
    firm each year; a CRM project recovers *part* of it, and only as people adopt the system
    (the course's success factors: step-by-step implementation, focus on people). Benefits
    and costs fall at the end of each year, the investment at the start.

    References
    ----------
    Course material, lecture handout (`000`), *How much can you spend on CRM? – quick
    assessment*; encyclopaedia article on CRM (`002`), seven success factors.

    Examples
    --------
    Invest 500; full benefit 300 a year, reached 2/3 in year 1 and 5/6 in year 2; no running
    cost; three years. The cash flows are the textbook −500, 200, 250, 300.

    >>> case = crm_business_case(500, 300, years=3, adoption=(2 / 3, 5 / 6, 1.0))
    >>> case["cash_flow"].round(6).tolist()
    [-500.0, 200.0, 250.0, 300.0]
    >>> round(float(case["cumulative_discounted_cash_flow"].iloc[-1]), 2)
    113.82
    """
    cost_now = check_scalar(check_nonnegative(investment, "investment"), "investment")
    benefit = check_scalar(check_nonnegative(yearly_benefit, "yearly_benefit"),
                           "yearly_benefit")
    horizon = check_whole_number(years, "years", minimum=1)
    running = check_scalar(check_nonnegative(running_cost, "running_cost"), "running_cost")
    shares = check_rate(adoption, "adoption").reshape(-1)
    i = check_scalar(check_discount_rate(discount_rate), "discount_rate")
    a = np.concatenate([[0.0], shares[:horizon],
                        np.repeat(shares[-1], max(0, horizon - shares.size))])
    year = np.arange(horizon + 1)
    table = pd.DataFrame({
        "investment": np.where(year == 0, cost_now, 0.0),
        "benefit": a * benefit,
        "running_cost": np.where(year == 0, 0.0, running),
    }, index=pd.Index(year, name="year"))
    table["cash_flow"] = table["benefit"] - table["running_cost"] - table["investment"]
    table["discounted_cash_flow"] = table["cash_flow"] / (1.0 + i) ** year
    table["cumulative_cash_flow"] = table["cash_flow"].cumsum()
    table["cumulative_discounted_cash_flow"] = table["discounted_cash_flow"].cumsum()
    return table


# --------------------------------------------------------------------------- choosing a system

#: The course's six criteria for choosing a CRM system, as column names of a ratings table.
class CRMSystemCriterion(enum.StrEnum):
    """The course's six criteria for choosing a CRM system, in the course's order.

    Members compare equal to their value (the column names of ``crm.datasets.crm_vendors()``).

    Examples
    --------
    >>> [member.value for member in CRMSystemCriterion][:2]
    ['functionality', 'architecture']
    >>> CRMSystemCriterion.FUNCTIONALITY.chinese
    '产品功能'
    """

    FUNCTIONALITY = "functionality"
    ARCHITECTURE = "architecture"
    VENDOR_MANAGEMENT = "vendor_management"
    IMPLEMENTATION = "implementation"
    GLOBAL_SUPPORT = "global_support"
    VIABILITY_FLEXIBILITY = "viability_flexibility"

    @property
    def chinese(self) -> str:
        """The criterion's name in Chinese, from the kit's text catalogue."""
        return text(f"practice.criteria.{self.value}", language="zh")

def crm_system_criterion_table() -> pd.DataFrame:
    """The course's six criteria for choosing a CRM system, with the Chinese names.

    Returns
    -------
    DataFrame
        ``criterion`` (the column name used in ratings tables), ``chinese`` (the course's own
        words), ``meaning`` (in the kit's language, :func:`crmlib.set_language`); in the
        course's order (:data:`CRMSystemCriterion`). The texts come from the kit's text
        catalogue (``practice.criteria_course`` and ``practice.criteria_meaning``).

    References
    ----------
    Course material, "客户关系管理与服务营销" (CRM系统的选择).

    Examples
    --------
    >>> crm_system_criterion_table()["chinese"].tolist()[:2]
    ['产品功能', '软件结构']
    """
    rows = [(name, text(f"practice.criteria_course.{name}", language="zh"),
             text(f"practice.criteria_meaning.{name}")) for name in CRMSystemCriterion]
    return pd.DataFrame(rows, columns=["criterion", "chinese", "meaning"])


def vendor_scores(ratings, weights: Mapping[str, float], *, scale=(1, 5)) -> pd.DataFrame:
    r"""Score every vendor with weighted criteria and rank them (1 = best).

    The score is the selection unit's :func:`crmlib.weighted_score`: each rating rescaled to
    0–1 on ``scale``, then averaged with the weights,
    :math:`s_v = \sum_k w_k\,r_{vk} / \sum_k w_k`.

    Parameters
    ----------
    ratings : DataFrame
        One row per vendor (the index names them), one column per criterion, e.g. the six of
        :data:`CRMSystemCriterion`, rated on ``scale`` (higher = better for us).
    weights : mapping of str to float
        Weight per criterion (≥ 0; normalised, so they need not sum to 1).
    scale : (low, high), default (1, 5)

    Returns
    -------
    DataFrame
        ``score`` (0–1) and ``rank`` (1 = best; equal scores share the better rank), sorted
        from best to worst (ties keep the input order).

    Examples
    --------
    >>> ratings = pd.DataFrame({"functionality": [5, 2, 4], "implementation": [1, 5, 4]},
    ...                        index=["Alpha", "Beta", "Gamma"])
    >>> vendor_scores(ratings, {"functionality": 0.6, "implementation": 0.4}).round(3)
           score  rank
    Gamma   0.75     1
    Alpha   0.60     2
    Beta    0.55     3
    """
    scores = weighted_score(_ratings(ratings), weights, scale=scale)
    table = pd.DataFrame({"score": scores,
                          "rank": scores.rank(method="min", ascending=False).astype(np.int64)})
    return table.sort_values("score", ascending=False, kind="stable")


def _ratings(ratings) -> pd.DataFrame:
    if not isinstance(ratings, pd.DataFrame):
        raise TypeError(_error("ratings_not_table", kind=type(ratings).__name__))
    return ratings


def weight_sensitivity(ratings, weights: Mapping[str, float], *,
                       scale=(1, 5)) -> pd.DataFrame:
    r"""How far each criterion's weight must move, the others held, before another vendor wins.

    With rescaled ratings :math:`r_{vj}` and weights :math:`w_j`, vendor :math:`u` draws level
    with the current winner :math:`v` when :math:`\sum_j w_j (r_{uj} - r_{vj}) = 0` (the sum of
    the weights cancels). Moving only :math:`w_k` that happens at

    .. math:: w_k^{*} = -\frac{\sum_{j \ne k} w_j\,(r_{uj} - r_{vj})}{r_{uk} - r_{vk}}

    For each criterion the nearest such :math:`w_k^{*} \ge 0` below and above the current
    weight, over all challengers, is where the winner changes.

    Parameters
    ----------
    ratings : DataFrame
        As in :func:`vendor_scores` (at least two vendors).
    weights : mapping of str to float
        The current weights.
    scale : (low, high), default (1, 5)

    Returns
    -------
    DataFrame
        One row per criterion: ``weight`` (now), ``lower_to`` and ``winner_if_lowered`` (the
        weight at which a challenger draws level when this weight is lowered, and who),
        ``raise_to`` and ``winner_if_raised`` (the same when it is raised), and
        ``smallest_change`` (the shorter of the two moves). NaN / ``None`` where no move of
        that weight (down to 0, or up without limit) changes the winner.

    Notes
    -----
    The other weights keep their values. Because weights are normalised, that is the same as
    changing this criterion's *share* of the total and scaling the other shares in
    proportion. At exactly ``lower_to`` / ``raise_to`` the two vendors tie; any step past it
    changes the winner. A small ``smallest_change`` means the decision rests on a judgement
    the committee should discuss before signing.

    References
    ----------
    Triantaphyllou, E. & Sánchez, A. (1997). A sensitivity analysis approach for some
    deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1),
    151–194.

    Examples
    --------
    Gamma (0.75) beats Alpha (0.60) and Beta (0.55). Lower the functionality weight from
    0.6 to 0.2 and Beta draws level: (0.2·0.25 + 0.4·1)/0.6 = 0.75. Raise it to 1.2 and
    Alpha does: 1.2/1.6 = 0.75.

    >>> ratings = pd.DataFrame({"functionality": [5, 2, 4], "implementation": [1, 5, 4]},
    ...                        index=["Alpha", "Beta", "Gamma"])
    >>> table = weight_sensitivity(ratings, {"functionality": 0.6, "implementation": 0.4})
    >>> table[["lower_to", "winner_if_lowered", "raise_to", "winner_if_raised"]].round(3)
                    lower_to winner_if_lowered  raise_to winner_if_raised
    criterion
    functionality        0.2              Beta       1.2            Alpha
    implementation       0.2             Alpha       1.2             Beta
    """
    table = _ratings(ratings)
    scores = weighted_score(table, weights, scale=scale)   # checks ratings, weights and scale
    if len(table) < 2:
        raise ValueError(_error("one_vendor"))
    names = list(weights)
    w = np.array([float(weights[k]) for k in names])
    rescaled = np.column_stack([weighted_score(table, {k: 1.0}, scale=scale).to_numpy()
                                for k in names])
    winner = int(np.argmax(scores.to_numpy()))
    tolerance = 1e-12
    rows = []
    for k, name in enumerate(names):
        rest = rescaled @ w - w[k] * rescaled[:, k]      # sum over j != k of w_j r_vj
        others_total = w.sum() - w[k]
        down = up = None                                # (weight, vendor position)
        for u in range(len(table)):
            gap = rescaled[u, k] - rescaled[winner, k]
            if u == winner or gap == 0:
                continue
            crossing = -(rest[u] - rest[winner]) / gap
            if gap > 0 and crossing >= w[k] - tolerance:
                if up is None or crossing < up[0]:
                    up = (max(crossing, w[k]), u)
            elif gap < 0 and crossing <= w[k] + tolerance and (
                    crossing > tolerance or (crossing >= -tolerance and others_total > 0)):
                if down is None or crossing > down[0]:
                    down = (min(max(crossing, 0.0), w[k]), u)
        moves = [w[k] - down[0]] if down else []
        moves += [up[0] - w[k]] if up else []
        rows.append({
            "criterion": name,
            "weight": w[k],
            "lower_to": down[0] if down else math.nan,
            "winner_if_lowered": plain(table.index[down[1]]) if down else None,
            "raise_to": up[0] if up else math.nan,
            "winner_if_raised": plain(table.index[up[1]]) if up else None,
            "smallest_change": min(moves) if moves else math.nan,
        })
    return pd.DataFrame(rows).set_index("criterion")


# --------------------------------------------------------------------------- signal events

#: The kit's bank signal rules: key (its texts in the catalogue, ``practice.signals.<key>``),
#: condition on the bank table, and whether it follows the course's example or is the kit's own.
_BANK_SIGNAL_RULES = [
    ("young_family", "life_stage == 'young family' and products_held <= 2", "course"),
    ("idle_balance", "balance >= 3 * annual_income and risk_preference != 'conservative'",
     "kit"),
    ("branch_habit", "preferred_channel == 'branch' and profit < 0", "kit"),
    ("retirement", "55 <= age < 65 and balance >= annual_income", "kit"),
]


@shared_doc
def bank_signal_table() -> pd.DataFrame:
    """Signal rules for the kit's bank customer data: signal, condition, meaning, action.

    The course's bank turns its customer database into a prompt report (提示报告) of
    **signal events (信号事件)**, what each signal means (信号的意义) and the action to take
    (具体的活动措施); its examples are life events — a customer who has just bought a home
    will need a consumer loan for appliances, one who has just had a child may open an
    education savings account. The kit's bank table
    (:func:`crmlib.datasets.load_bank_customers`) has no event log, so these rules read
    signals from the states it does hold. ``source`` says whether a rule follows the course's
    example or is the kit's own. The signal's name, meaning, action and source are texts of the
    kit's catalogue (``practice.signals``, ``practice.signal_sources``), in the kit's language
    (:func:`crmlib.set_language`).

    Returns
    -------
    DataFrame
        ``signal``, ``condition`` (a :meth:`pandas.DataFrame.eval` expression over the bank
        table's columns), ``meaning``, ``action``, ``source``.

    References
    ----------
    {{course_bank_signals}}

    Examples
    --------
    >>> bank_signal_table()["signal"].tolist()[0]
    'young family, few products'
    """
    rows = [(text(f"practice.signals.{key}.signal"), condition,
             text(f"practice.signals.{key}.meaning"), text(f"practice.signals.{key}.action"),
             text(f"practice.signal_sources.{source}"))
            for key, condition, source in _BANK_SIGNAL_RULES]
    return pd.DataFrame(rows, columns=["signal", "condition", "meaning", "action", "source"])


def signal_report(customers, rules=None, *, id_col="customer_id") -> pd.DataFrame:
    """The prompt report: every customer who shows a signal, with its meaning and the action.

    Parameters
    ----------
    customers : DataFrame
        One row per customer, with the columns the rules' conditions use.
    rules : DataFrame, optional
        Columns ``signal``, ``condition`` (an expression for :meth:`pandas.DataFrame.eval`
        that gives True/False per customer), ``meaning`` and ``action``. Default:
        :func:`bank_signal_table`.
    id_col : str, default "customer_id"
        The customers' id column.

    Returns
    -------
    DataFrame
        One row per customer and signal they show (a customer may show several):
        ``customer_id``, ``signal``, ``meaning``, ``action``; in rule order, then customer
        order.

    Examples
    --------
    >>> people = pd.DataFrame({"customer_id": [1, 2], "age": [30, 58]})
    >>> rules = pd.DataFrame({"signal": ["near retirement"], "condition": ["age >= 55"],
    ...                       "meaning": ["income soon from savings"], "action": ["call"]})
    >>> signal_report(people, rules)["customer_id"].tolist()
    [2]
    """
    check_dataframe(customers, "customers")
    check_columns(customers, [id_col], "customers")
    rules = bank_signal_table() if rules is None else rules
    check_dataframe(rules, "rules")
    check_columns(rules, ["signal", "condition", "meaning", "action"], "rules")
    parts = []
    for rule in rules.itertuples(index=False):
        try:
            hit = customers.eval(rule.condition)
        except Exception as error:   # pandas raises many kinds for a bad expression
            raise ValueError(_error("condition_fails", signal=repr(rule.signal),
                                    condition=repr(rule.condition), error=error)) from None
        if not (isinstance(hit, pd.Series) and pd.api.types.is_bool_dtype(hit.dtype)):
            raise TypeError(_error("condition_not_boolean", signal=repr(rule.signal),
                                   condition=repr(rule.condition)))
        chosen = customers.loc[hit.to_numpy(), id_col]
        parts.append(pd.DataFrame({"customer_id": chosen.to_numpy(), "signal": rule.signal,
                                   "meaning": rule.meaning, "action": rule.action}))
    return pd.concat(parts, ignore_index=True)
