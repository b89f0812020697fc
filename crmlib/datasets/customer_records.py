"""Customer records of one retailer scattered over three systems (lesson 08: one customer view)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from crmlib._validation import check_whole_number
from crmlib.datasets._files import loaded_from, read_verified_csv, write_shipped_csv

#: The columns of the customer records data set.
CUSTOMER_RECORD_COLUMNS = ("record_id", "source", "name", "phone", "email", "city", "spend",
                           "true_id")

#: The three systems, with the letter their record ids start with.
RECORD_SOURCES = {"shop_till": "T", "web_shop": "W", "call_centre": "C"}

#: Which systems a customer appears in, and how often (calibrated to Sopadjieva, Dholakia &
#: Benjamin 2017: 20% store-only, 7% online-only, 73% in more than one channel).
SYSTEM_MIX = {("shop_till",): 0.20, ("web_shop",): 0.07,
              ("shop_till", "web_shop"): 0.40, ("shop_till", "call_centre"): 0.13,
              ("web_shop", "call_centre"): 0.05,
              ("shop_till", "web_shop", "call_centre"): 0.15}

# Messiness of the records (the kit's assumptions; see make_customer_records)
_CHANGED_NUMBER = 0.06      # multi-system customers whose till card still has an old number
_SHARED_PHONE = 0.03        # customers whose till card carries their partner's mobile
_SECOND_WEB_ACCOUNT = 0.05  # web customers with a second account (other e-mail, same phone)
_SECOND_TILL_CARD = 0.04    # till customers with a second membership card (same phone)
_PHONE_TYPO = 0.02          # records with one digit of the phone mistyped
_EMAIL_AT_TILL = 0.10       # till records that also hold the customer's e-mail
_EMAIL_AT_CALL = 0.30       # call-centre records that hold the customer's e-mail
_NO_PHONE = {"shop_till": 0.03, "web_shop": 0.10, "call_centre": 0.0}
_NAME_TYPO = {"shop_till": 0.08, "web_shop": 0.05, "call_centre": 0.12}
_EMAIL_VARIANT = 0.15       # e-mails typed with capitals or stray spaces

_SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"),
             ("杨", "Yang"), ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"),
             ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"),
             ("郭", "Guo"), ("何", "He"), ("林", "Lin"), ("罗", "Luo"), ("高", "Gao")]
_SURNAME_WEIGHTS = np.array([7.2, 7.0, 6.7, 5.3, 4.5, 3.1, 2.3, 2.2, 2.0, 1.8, 1.6, 1.5, 1.4,
                             1.3, 1.3, 1.2, 1.2, 1.1, 0.9, 0.9])
_GIVEN = [("芳", "Fang"), ("伟", "Wei"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"),
          ("丽", "Li"), ("强", "Qiang"), ("磊", "Lei"), ("军", "Jun"), ("洋", "Yang"),
          ("勇", "Yong"), ("艳", "Yan"), ("杰", "Jie"), ("涛", "Tao"), ("明", "Ming"),
          ("超", "Chao"), ("秀英", "Xiuying"), ("霞", "Xia"), ("平", "Ping"), ("刚", "Gang"),
          ("桂英", "Guiying"), ("建华", "Jianhua"), ("晓东", "Xiaodong"), ("海燕", "Haiyan"),
          ("志强", "Zhiqiang"), ("婷", "Ting"), ("鹏", "Peng"), ("慧", "Hui")]
#: Characters that sound alike and are confused when a name is heard or typed by pinyin.
_HOMOPHONES = {"王": "汪", "张": "章", "李": "黎", "刘": "柳", "徐": "许", "杨": "阳", "林": "琳",
               "芳": "方", "静": "晶", "丽": "莉", "伟": "炜", "敏": "民", "军": "君", "涛": "韬",
               "明": "铭", "婷": "亭", "慧": "惠", "杰": "洁", "海燕": "海艳", "建华": "剑华"}
_CITIES = ["南京", "上海", "苏州", "杭州", "无锡", "常州", "合肥", "北京"]
_CITY_WEIGHTS = np.array([0.30, 0.18, 0.14, 0.12, 0.09, 0.07, 0.05, 0.05])
_EMAIL_DOMAINS = ["example.com", "example.net", "example.org"]
_MOBILE_PREFIXES = ["133", "135", "136", "137", "138", "139", "150", "151", "152", "158",
                    "159", "177", "180", "186", "187", "188", "189", "199"]
_PHONE_FORMATS = {
    "shop_till": [("plain", 0.60), ("spaced", 0.25), ("dashed", 0.15)],
    "web_shop": [("+86 spaced", 0.30), ("+86", 0.20), ("dashed", 0.25), ("plain", 0.15),
                 ("(+86) dashed", 0.05), ("full-width", 0.05)],
    "call_centre": [("plain", 0.40), ("0086 spaced", 0.20), ("86 dashed", 0.20),
                    ("dotted", 0.10), ("+86-", 0.10)],
}
#: Median spend per year in each system (yuan) and the log-normal spread around it.
_SPEND = {"shop_till": (3000.0, 0.8), "web_shop": (1800.0, 0.8), "call_centre": (1200.0, 0.7)}
_CALL_ONLY_SERVICE = 0.40   # call-centre records with no phone order: spend 0


def _format_phone(digits: str, style: str) -> str:
    a, b, c = digits[:3], digits[3:7], digits[7:]
    return {
        "plain": digits,
        "spaced": f"{a} {b} {c}",
        "dashed": f"{a}-{b}-{c}",
        "dotted": f"{a}.{b}.{c}",
        "+86 spaced": f"+86 {a} {b} {c}",
        "+86": f"+86{digits}",
        "(+86) dashed": f"(+86) {a}-{b}-{c}",
        "full-width": digits.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "0086 spaced": f"0086 {a} {b} {c}",
        "86 dashed": f"86-{a}-{b}-{c}",
        "+86-": f"+86-{digits}",
    }[style]


def _typo_phone(digits: str, rng) -> str:
    position = int(rng.integers(3, 11))          # never the prefix
    wrong = str((int(digits[position]) + int(rng.integers(1, 10))) % 10)
    return digits[:position] + wrong + digits[position + 1:]


def _typo_name(name: str, rng) -> str:
    for original in sorted(_HOMOPHONES, key=len, reverse=True):
        if original in name and rng.random() < 0.8:
            return name.replace(original, _HOMOPHONES[original], 1)
    return name[:-1] if len(name) > 2 else name   # a character dropped


def _pinyin_name(surname: str, given: str, rng) -> str:
    style = int(rng.integers(4))
    return [f"{surname} {given}", f"{surname}{given}".lower(), f"{surname.upper()} {given}",
            f"{given} {surname}"][style]


def _email_variant(email: str, rng) -> str:
    return email.upper() if rng.random() < 0.5 else f" {email.capitalize()} "


def _choice(rng, options_with_weights):
    options = [o for o, _ in options_with_weights]
    weights = np.array([w for _, w in options_with_weights])
    return options[int(rng.choice(len(options), p=weights / weights.sum()))]


def make_customer_records(n_customers=500, *, seed=2008) -> pd.DataFrame:
    """Records of one home-appliance retailer's customers, scattered over three systems.

    The shop tills (门店收银, membership cards), the web shop (网店) and the call centre
    (呼叫中心, phone orders and service) each keep their own customer records. The same person
    appears in several systems — and sometimes twice in one — under differently written names
    and phone numbers, so that none of the systems alone can say how many customers the firm
    has or what each is worth. ``true_id`` is the hidden truth (a real firm never has it); the
    lesson uses it only to grade :func:`crmlib.unify_customers`.

    How it is generated, in order (all draws from ``np.random.default_rng(seed)``):

    1. **True customers**: a name (one of 20 common Chinese surnames, weighted by frequency,
       and one of 28 given names, so namesakes are common), a mobile number (a real mobile
       prefix and 8 random digits), an e-mail address of their own (for 60% of customers, and
       for every web customer; pinyin name plus digits, on the reserved example.com/.net/.org
       domains) and a city.
    2. **Systems** (:data:`SYSTEM_MIX`): till only 20%, web only 7%, and 73% in two or three
       systems, the shares Sopadjieva, Dholakia & Benjamin (2017) found among 46,000 shoppers
       of a US retailer (20% store-only, 7% online-only, 73% omnichannel).
    3. **One record per customer and system**, each system with its habits: names in Chinese
       characters at the tills and the call centre (a homophone or a dropped character in 8%
       and 12% of records: 王芳 → 汪芳), in characters or pinyin on the web
       (``Wang Fang``, ``wangfang``, ``WANG Fang``, ``Fang Wang``); phone numbers in the
       system's formats (tills: ``13812345678``, ``138 1234 5678``, ``138-1234-5678``; web:
       ``+86 138 1234 5678``, ``+8613812345678``, ``(+86) 138-1234-5678``, full-width digits …;
       call centre: ``0086 138 1234 5678``, ``86-138-1234-5678``, ``138.1234.5678`` …); no
       phone in 3% of till and 10% of web records; the e-mail in every web record, 10% of
       till records and 30% of call-centre records, in 15% of cases with capitals or spaces.
    4. **Traps** (the kit's assumptions, so that simple rules make both kinds of mistake):
       6% of multi-system customers changed their mobile number and the till card still has
       the old one; 3% of customers have their partner's mobile on their till card; 5% of web
       customers opened a second account with another e-mail; 4% of till customers hold a
       second card; one digit is mistyped in 2% of phone numbers.
    5. **Spend per year** in each system, log-normal: median 3,000 yuan at the tills, 1,800 on
       the web, 1,200 through the call centre (where 40% of records are service calls with no
       spend), rounded to whole yuan.

    Records are listed system by system (tills, web shop, call centre), in random order within
    each system, with ids ``T0001``, ``W0001``, ``C0001`` ….

    Parameters
    ----------
    n_customers : int, default 500
        Number of true customers.
    seed : int, default 2008
        Random seed. The shipped ``datasets/customer_records.csv`` is the default call.

    Returns
    -------
    DataFrame
        One row per record: ``record_id``, ``source`` (``shop_till``, ``web_shop``,
        ``call_centre``), ``name``, ``phone`` and ``email`` (text; missing where the system
        has none), ``city``, ``spend`` (yuan per year, int) and ``true_id`` (int).

    References
    ----------
    Sopadjieva, E., Dholakia, U. M. & Benjamin, B. (2017). A study of 46,000 shoppers shows
    that omnichannel retailing works. *Harvard Business Review*, 3 January 2017. Course
    material, ERP unit on CRM (`004`): 90% of companies cannot hold all of a customer's
    information in one place (Forrester Research, as quoted there).

    Examples
    --------
    >>> records = make_customer_records(50, seed=1)
    >>> records["true_id"].nunique(), sorted(records["source"].unique())
    (50, ['call_centre', 'shop_till', 'web_shop'])
    """
    n = check_whole_number(n_customers, "n_customers", minimum=1)
    rng = np.random.default_rng(seed)
    surname = rng.choice(len(_SURNAMES), n, p=_SURNAME_WEIGHTS / _SURNAME_WEIGHTS.sum())
    given = rng.integers(len(_GIVEN), size=n)
    prefixes = rng.choice(_MOBILE_PREFIXES, n)
    mobiles = [f"{p}{rng.integers(10**8):08d}" for p in prefixes]
    city = rng.choice(_CITIES, n, p=_CITY_WEIGHTS)
    mixes = list(SYSTEM_MIX)
    shares = np.array(list(SYSTEM_MIX.values()))
    systems = [mixes[k] for k in rng.choice(len(mixes), n, p=shares / shares.sum())]
    has_email = rng.random(n) < 0.6
    emails, taken = [], set()
    for k in range(n):
        if has_email[k] or "web_shop" in systems[k]:
            name = f"{_SURNAMES[surname[k]][1]}{_GIVEN[given[k]][1]}".lower()
            address = None
            while address is None or address in taken:   # namesakes get their own address
                local = name if rng.random() < 0.3 else f"{name}{int(rng.integers(1, 10_000))}"
                address = f"{local}@{_EMAIL_DOMAINS[int(rng.integers(3))]}"
            taken.add(address)
            emails.append(address)
        else:
            emails.append(None)
    # traps: changed numbers, a partner's phone on the till card
    changed = np.array([len(s) > 1 and "shop_till" in s for s in systems]) \
        & (rng.random(n) < _CHANGED_NUMBER)
    old_mobile = [f"{p}{rng.integers(10**8):08d}" for p in rng.choice(_MOBILE_PREFIXES, n)]
    partner = np.full(n, -1)
    sharing = np.flatnonzero(rng.random(n) < _SHARED_PHONE)
    for k in sharing:
        partner[k] = (k + 1 + int(rng.integers(n - 1))) % n if n > 1 else -1
    records = []
    for source in RECORD_SOURCES:
        for k in rng.permutation(n):
            if source not in systems[k]:
                continue
            copies = 1
            if source == "web_shop" and rng.random() < _SECOND_WEB_ACCOUNT:
                copies = 2
            if source == "shop_till" and rng.random() < _SECOND_TILL_CARD:
                copies = 2
            for copy in range(copies):
                records.append(_record(k, copy, source, rng, surname, given, mobiles, emails,
                                       city, changed, old_mobile, partner))
    table = pd.DataFrame(records, columns=list(CUSTOMER_RECORD_COLUMNS))
    counters = {source: 0 for source in RECORD_SOURCES}
    ids = []
    for source in table["source"]:
        counters[source] += 1
        ids.append(f"{RECORD_SOURCES[source]}{counters[source]:04d}")
    table["record_id"] = ids
    return table.astype({"spend": np.int64, "true_id": np.int64})


def _record(k, copy, source, rng, surname, given, mobiles, emails, city, changed, old_mobile,
            partner):
    chars = _SURNAMES[surname[k]][0] + _GIVEN[given[k]][0]
    if source == "web_shop" and rng.random() < 0.5:
        name = _pinyin_name(_SURNAMES[surname[k]][1], _GIVEN[given[k]][1], rng)
    else:
        name = _typo_name(chars, rng) if rng.random() < _NAME_TYPO[source] else chars
    # phone
    digits = mobiles[k]
    if source == "shop_till":
        if changed[k]:
            digits = old_mobile[k]
        if partner[k] >= 0:
            digits = mobiles[partner[k]]
    phone = None
    if rng.random() >= _NO_PHONE[source]:
        if rng.random() < _PHONE_TYPO:
            digits = _typo_phone(digits, rng)
        phone = _format_phone(digits, _choice(rng, _PHONE_FORMATS[source]))
    # e-mail
    email = emails[k]
    if source == "web_shop" and copy == 1:
        email = f"{email.split('@')[0]}.work@{_EMAIL_DOMAINS[int(rng.integers(3))]}"
    elif source == "shop_till" and rng.random() >= _EMAIL_AT_TILL:
        email = None
    elif source == "call_centre" and rng.random() >= _EMAIL_AT_CALL:
        email = None
    if email is not None and rng.random() < _EMAIL_VARIANT:
        email = _email_variant(email, rng)
    # spend
    median, spread = _SPEND[source]
    spend = 0 if (source == "call_centre" and rng.random() < _CALL_ONLY_SERVICE) \
        else int(round(median * np.exp(rng.normal(0.0, spread))))
    return {"record_id": "", "source": source, "name": name, "phone": phone, "email": email,
            "city": city[k], "spend": spend, "true_id": k + 1}


@loaded_from("customer_records.csv", "make_customer_records")
def load_customer_records() -> pd.DataFrame:
    """The kit's customer records from three systems, checked against their checksum.

    {{shipped_file}}

    Returns
    -------
    DataFrame
        One row per record with the columns of :data:`CUSTOMER_RECORD_COLUMNS`; ``phone``
        and ``email`` are text (missing values are NaN). A fresh copy on every call.

    Examples
    --------
    >>> records = load_customer_records()
    >>> len(records), records["true_id"].nunique()
    (968, 500)
    """
    return _load_records_cached().copy()


_RECORD_DTYPES = {"record_id": "str", "source": "str", "name": "str", "phone": "str",
                  "email": "str", "city": "str", "spend": "int64", "true_id": "int64"}


@lru_cache(maxsize=1)
def _load_records_cached() -> pd.DataFrame:
    return read_verified_csv("customer_records.csv", list(CUSTOMER_RECORD_COLUMNS),
                             dtype=_RECORD_DTYPES, keep_default_na=False, na_values=[""])


def save_customer_records(path) -> str:
    """Write ``make_customer_records()`` to ``path`` as the shipped CSV; return its SHA-256.

    For maintainers: this is how ``datasets/customer_records.csv`` was made.
    """
    return write_shipped_csv(make_customer_records(), path)
