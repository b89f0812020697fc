"""Performance of the prediction unit, measured in one run (targets from issue 5).

* BG/NBD fit on the CDNOW sample (2,357 customers; target < 20 ms) and on the full CDNOW
  master log (23,570 customers; target < 100 ms), against a plain scipy reference written
  here the way typical code does it: the per-customer log-likelihood summed over every
  customer, parameters on the log scale, scipy.optimize.minimize with Nelder-Mead.
* calibration_summary of a 1,000,000-row purchase log (target < 0.5 s), against a plain pandas
  groupby computing the same columns.

Every figure is the best wall-clock time of several repeats (the median in brackets, then the
best CPU time of this process); the machine may be busy with other work, so the best is the
fairest figure of what the code costs.

Usage: .venv/bin/python benchmarks/bench_prediction.py
"""

from __future__ import annotations

import os
import statistics
import time

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gammaln

import crmlib as crm


def timed(func, repeats):
    """Best and median wall-clock time, and best CPU time of this process (less sensitive to
    other programs competing for the cores)."""
    times, cpu, result = [], [], None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), statistics.median(times), min(cpu), result


def reference_bgnbd_fit(frequency, recency, age):
    """The plain way: per-customer log-likelihood (FHL 2005 eq. 6), Nelder-Mead, log-params."""
    x, tx, T = (np.asarray(v, dtype=float) for v in (frequency, recency, age))

    def negative_log_likelihood(log_params):
        r, alpha, a, b = np.exp(log_params)
        a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
        a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
        a3 = -(r + x) * np.log(alpha + T)
        a4 = np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + tx)
        total = a1 + a2 + np.where(x > 0, np.logaddexp(a3, a4), a3)
        return -total.sum()

    result = minimize(negative_log_likelihood, np.zeros(4), method="Nelder-Mead",
                      options={"maxiter": 20_000, "xatol": 1e-6, "fatol": 1e-6})
    return dict(zip(["r", "alpha", "a", "b"], np.exp(result.x))), -result.fun


def reference_summary(log, calibration_end):
    """The plain pandas way: one row per customer and day, then a groupby per customer."""
    end = pd.Timestamp(calibration_end)
    days = (log[log["date"] <= end].groupby(["customer_id", "date"], as_index=False)["amount"]
            .sum())
    first = days.groupby("customer_id")["date"].transform("min")
    days["repeat_amount"] = days["amount"].where(days["date"] > first, 0.0)
    per = days.groupby("customer_id").agg(first=("date", "min"), last=("date", "max"),
                                          days=("date", "size"),
                                          repeat_amount=("repeat_amount", "sum"))
    frequency = per["days"] - 1
    return pd.DataFrame({
        "frequency": frequency,
        "recency": (per["last"] - per["first"]).dt.days / 7,
        "T": (end - per["first"]).dt.days / 7,
        "monetary_value": (per["repeat_amount"] / frequency).where(frequency > 0, 0.0),
    })


def synthetic_log(rows=1_000_000, customers=100_000, seed=2024):
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, customers, rows)
    start = np.datetime64("2022-01-01")
    offsets = rng.integers(0, 730, rows)
    return pd.DataFrame({"customer_id": ids,
                         "date": (start + offsets.astype("timedelta64[D]")).astype(
                             "datetime64[us]"),
                         "amount": np.round(rng.gamma(2.0, 20.0, rows), 2)})


def main():
    print(f"machine: {os.cpu_count()} cores; numpy {np.__version__}, pandas {pd.__version__}")
    print("\nBG/NBD fit (calibration ending 1997-09-30, weeks)")
    print(f"{'data':<10}{'customers':>10}{'crmlib ms':>24}{'plain scipy ms':>24}{'ratio':>8}"
          f"{'LL crmlib':>12}{'LL plain':>12}")
    for kind, target in (("sample", 0.020), ("master", 0.100)):
        summary = crm.calibration_summary(crm.datasets.load_cdnow(kind),
                                          calibration_end="1997-09-30")
        args = (summary["frequency"], summary["recency"], summary["T"])
        crm.BetaGeoModel().fit(*args)  # warm up: scipy import
        best, median, cpu, model = timed(lambda: crm.BetaGeoModel().fit(*args), 15)
        ref_best, ref_median, ref_cpu, (ref_params, ref_ll) = timed(
            lambda: reference_bgnbd_fit(*args), 3)
        status = "ok" if best < target else "MISSED"
        crmlib_ms = f"{best * 1e3:.1f} ({median * 1e3:.1f}; {cpu * 1e3:.1f})"
        plain_ms = f"{ref_best * 1e3:.0f} ({ref_median * 1e3:.0f}; {ref_cpu * 1e3:.0f})"
        print(f"{kind:<10}{len(summary):>10,}{crmlib_ms:>24}{plain_ms:>24}{ref_best / best:>7.0f}x"
              f"{model.log_likelihood_:>12.2f}{ref_ll:>12.2f}"
              f"   target < {target * 1e3:.0f} ms: {status}")
        gap = max(abs(model.params_[k] / ref_params[k] - 1) for k in ref_params)
        print(f"{'':<10}crmlib {model}; largest relative gap to the plain fit {gap:.1e}")

    print("\ncalibration_summary of a 1,000,000-row log (100,000 customers, 2 years)")
    log = synthetic_log()
    crm.calibration_summary(log.head(1000), calibration_end="2023-01-01")  # warm up
    best, median, cpu, summary = timed(
        lambda: crm.calibration_summary(log, calibration_end="2023-06-30",
                                        observation_end="2023-12-31"), 5)
    ref_best, ref_median, ref_cpu, reference = timed(
        lambda: reference_summary(log, "2023-06-30"), 3)
    same = np.allclose(summary[["frequency", "recency", "T", "monetary_value"]].to_numpy(),
                       reference.loc[summary.index].to_numpy())
    status = "ok" if best < 0.5 else "MISSED"
    print(f"crmlib {best:.3f} s ({median:.3f}; {cpu:.3f}) with holdout columns; plain pandas "
          f"groupby {ref_best:.3f} s ({ref_median:.3f}; {ref_cpu:.3f}) without; ratio "
          f"{ref_best / best:.1f}x; "
          f"same numbers: {same}; target < 0.5 s: {status}")


if __name__ == "__main__":
    main()
