"""Performance figures for the service unit (lesson 07): the Erlang C queue and its explorer.

Targets: erlang_c with 500 servers < 1 ms; servers_needed for an offered load of 480 (about
500 servers) < 5 ms; the staffing plan of the branch's week (56 hours) < 50 ms; median queue
explorer update < 50 ms.

Run: .venv/bin/python benchmarks/bench_service.py
"""

from __future__ import annotations

import statistics
import time


def _median_ms(call, runs: int = 25) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_queue() -> None:
    import crmlib as crm

    for servers in (5, 50, 500, 5000):
        load = 0.96 * servers
        ms = _median_ms(lambda: crm.erlang_c(load, 1.0, servers))
        print(f"erlang_c, {servers} servers (load {load:g}): median {ms:.3f} ms"
              + (" (target < 1 ms)" if servers == 500 else ""))
    ms = _median_ms(lambda: crm.servers_needed(480, 1.0, max_wait=0.1, target=0.95))
    print(f"servers_needed, load 480 -> {crm.servers_needed(480, 1.0, max_wait=0.1, target=0.95)}"
          f" servers: median {ms:.3f} ms (target < 5 ms)")


def bench_staffing_plan() -> None:
    import crmlib as crm

    week = crm.datasets.load_branch_arrivals()
    hourly = week.groupby(["weekday", week["start"].dt.hour], sort=False)["arrivals"].sum()
    ms = _median_ms(lambda: crm.staffing_plan(hourly, 10.0, max_wait=0.25, target=0.95), 9)
    print(f"staffing_plan of the branch's week ({len(hourly)} hours): median {ms:.1f} ms "
          "(target < 50 ms)")


def bench_explorer() -> None:
    from crmlib import widgets

    explorer = widgets.queue_explorer()
    times = []
    for value in list(range(20, 50)) + list(range(50, 20, -1)):
        start = time.perf_counter()
        explorer.controls["arrivals_per_hour"].value = value
        times.append(time.perf_counter() - start)
    print(f"queue_explorer update: median {statistics.median(times) * 1000:.2f} ms "
          "(target < 50 ms)")


if __name__ == "__main__":
    bench_queue()
    bench_staffing_plan()
    bench_explorer()
