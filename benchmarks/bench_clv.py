"""Performance figures for the customer-value core (issue: skeleton and CLV unit).

Targets: `import crmlib` < 100 ms on top of pandas (and it must not import scipy, matplotlib
or ipywidgets); CLV of 1,000,000 customers < 50 ms; median explorer update < 50 ms.

Run: .venv/bin/python benchmarks/bench_clv.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import numpy as np


def bench_import(runs: int = 9) -> None:
    """Time ``import crmlib`` inside fresh interpreters that have already imported pandas."""
    code = ("import time, pandas, sys; t = time.perf_counter(); import crmlib; "
            "print(time.perf_counter() - t); print(sorted(m for m in ('scipy', 'matplotlib', "
            "'ipywidgets') if m in sys.modules))")
    times, heavy = [], ""
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout.split("\n")
        times.append(float(out[0]))
        heavy = out[1]
    print(f"import crmlib on top of pandas: median {statistics.median(times) * 1000:.1f} ms "
          f"over {runs} fresh interpreters (target < 100 ms); heavy modules imported: {heavy}")


def bench_clv_million() -> None:
    import crmlib as crm

    rng = np.random.default_rng(0)
    margin = rng.uniform(100, 5000, 1_000_000)
    retention = rng.uniform(0.3, 0.95, 1_000_000)
    times = []
    for _ in range(15):
        start = time.perf_counter()
        crm.customer_lifetime_value(margin, retention, 0.1, acquisition_cost=800)
        times.append(time.perf_counter() - start)
    print(f"CLV of 1,000,000 customers: median {statistics.median(times) * 1000:.1f} ms "
          f"(target < 50 ms)")
    times = []
    for _ in range(15):
        start = time.perf_counter()
        crm.customer_lifetime_value(margin, retention, 0.1, horizon=10, when="begin")
        times.append(time.perf_counter() - start)
    print(f"CLV of 1,000,000 customers, 10-period horizon: median "
          f"{statistics.median(times) * 1000:.1f} ms")


def bench_explorers() -> None:
    from crmlib import widgets

    for factory, control, values in [
        (widgets.clv_explorer, "retention_rate", np.linspace(0.5, 0.95, 40)),
        (widgets.turnover_explorer, "turnover_rate", np.linspace(0.05, 0.5, 40)),
    ]:
        explorer = factory()
        times = []
        for value in values:
            start = time.perf_counter()
            explorer.controls[control].value = float(round(value, 2))
            times.append(time.perf_counter() - start)
        print(f"{factory.__name__} update: median {statistics.median(times) * 1000:.2f} ms "
              f"(target < 50 ms)")


if __name__ == "__main__":
    bench_import()
    bench_clv_million()
    bench_explorers()
