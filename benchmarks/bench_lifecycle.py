"""Performance figures for the customer lifecycle unit (issue 3).

Targets: acquisition-cohort table of a 1,000,000-row purchase log < 1 s (month and week
periods, input checks included); sBG fit < 50 ms. Also reported, without a target: cohort
survival on the same log, stage classification and the monthly stage history of the shipped
hotel data (lesson 03's heaviest cell).

Every line gives the median and best wall-clock time and the best CPU time of this process over
several runs (the machine may be shared, so CPU time is the steadier figure); targets are
checked against the median.

Run: .venv/bin/python benchmarks/bench_lifecycle.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import pandas as pd


def _timed(function, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU time (this process) of each run."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def _report(label: str, timing, target: float | None = None) -> None:
    """Median and best wall-clock time and best CPU time, in ms; the target is on the median."""
    wall, cpu = timing
    median, best, best_cpu = (statistics.median(wall) * 1000, min(wall) * 1000,
                              min(cpu) * 1000)
    goal = "" if target is None else f"  target < {target:g} ms: " \
        f"{'met' if median < target else 'MISSED'}"
    print(f"{label}: median {median:.1f} ms, best {best:.1f} ms, best CPU {best_cpu:.1f} ms "
          f"({len(wall)} runs){goal}")


def million_row_log(seed: int = 0) -> pd.DataFrame:
    """1,000,000 purchases by 100,000 customers over three years (datetime64 dates)."""
    rng = np.random.default_rng(seed)
    n = 1_000_000
    days = rng.integers(0, 3 * 365, n)
    return pd.DataFrame({
        "customer_id": rng.integers(0, 100_000, n),
        "date": pd.Timestamp("2021-01-01") + pd.to_timedelta(days, unit="D"),
        "amount": rng.gamma(2.0, 40.0, n).round(2),
    })


def bench_cohorts() -> None:
    import crmlib as crm

    log = million_row_log()
    crm.cohort_table(log)  # warm-up (first use of pandas' hash tables)
    for unit in ("M", "W"):
        _report(f"cohort_table, 1,000,000 rows, time_unit={unit!r}",
                _timed(lambda u=unit: crm.cohort_table(log, time_unit=u), 7), target=1000)
    _report("cohort_survival, 1,000,000 rows, time_unit='M'",
            _timed(lambda: crm.cohort_survival(log), 7))
    text_ids = log.assign(customer_id="c" + log["customer_id"].astype(str))
    _report("cohort_table, 1,000,000 rows, text customer ids",
            _timed(lambda: crm.cohort_table(text_ids), 3), target=1000)


def bench_sbg() -> None:
    import crmlib as crm

    high_end = [1000, 869, 743, 653, 593, 551, 517, 491]
    start = time.perf_counter()
    crm.ShiftedBetaGeometric().fit(high_end)  # includes importing scipy.optimize
    print(f"sBG fit, first call in this process (imports scipy.optimize): "
          f"{(time.perf_counter() - start) * 1000:.1f} ms")
    _report("sBG fit, Fader-Hardie high end, years 0-7",
            _timed(lambda: crm.ShiftedBetaGeometric().fit(high_end), 50), target=50)
    regular = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
    _report("sBG fit, Fader-Hardie regular, years 0-12",
            _timed(lambda: crm.ShiftedBetaGeometric().fit(regular), 50), target=50)


def bench_stages() -> None:
    import crmlib as crm

    stays = crm.datasets.load_hotel_stays()
    _report(f"classify_stages, hotel data ({len(stays):,} stays)",
            _timed(lambda: crm.classify_stages(stays, "2024-12-31"), 7))
    _report("stage_history, hotel data, monthly (108 checkpoints)",
            _timed(lambda: crm.stage_history(stays), 5))
    log = million_row_log()
    _report("classify_stages, 1,000,000 rows", _timed(lambda: crm.classify_stages(log), 3))


if __name__ == "__main__":
    import os

    print(f"machine: {os.cpu_count()} cores; numpy {np.__version__}, pandas {pd.__version__}")
    bench_cohorts()
    bench_sbg()
    bench_stages()
