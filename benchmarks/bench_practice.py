"""Benchmark: crmlib.unify_customers on about 100,000 records from three systems.

A firm's record tables are far larger than the lesson's 963 records. This script generates
records of 50,000 customers with :func:`crmlib.datasets.make_customer_records` (about 96,000
records), then times ``unify_customers`` (normalising every phone and e-mail, union–find in
Python) against a baseline that gets the same partition from already-normalised keys with
scipy's connected components. It checks that both give the same customers and exits 1 if
``unify_customers`` takes longer than the target.

Usage: .venv/bin/python benchmarks/bench_practice.py [--customers N] [--repeats K]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import crmlib as crm

TARGET_SECONDS = 5.0   # for ~100,000 records: a nightly job, not an interactive one


def baseline(records: pd.DataFrame) -> np.ndarray:
    """Components of the graph of equal keys, with keys normalised beforehand (not timed)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(records)
    rows, cols = [], []
    for column in ("phone_key", "email_key"):
        codes, uniques = pd.factorize(records[column])      # missing keys get code -1
        rows_with_key = np.flatnonzero(codes >= 0)
        first = np.full(len(uniques), n)
        np.minimum.at(first, codes[rows_with_key], rows_with_key)
        rows.append(rows_with_key)
        cols.append(first[codes[rows_with_key]])
    rows, cols = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(rows.size), (rows, cols)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def best_of(repeats, call):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    records = crm.datasets.make_customer_records(args.customers, seed=1).reset_index(drop=True)
    keyed = records.assign(phone_key=records["phone"].map(crm.normalise_phone),
                           email_key=records["email"].map(crm.normalise_email))
    ours, ids = best_of(args.repeats, lambda: crm.unify_customers(records))
    theirs, labels = best_of(args.repeats, lambda: baseline(keyed))
    same = len(set(zip(ids, labels, strict=True))) == ids.nunique() == len(set(labels))
    print(f"records: {len(records):,}; customers found: {ids.nunique():,} "
          f"(true: {records['true_id'].nunique():,})")
    print(f"unify_customers (normalise + union-find): {ours:.2f} s")
    print(f"scipy connected_components on pre-normalised keys: {theirs:.2f} s")
    print(f"same partition: {same}; target: unify_customers under {TARGET_SECONDS:.0f} s")
    return 0 if same and ours <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
