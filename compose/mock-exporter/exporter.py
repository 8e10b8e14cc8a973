#!/usr/bin/env python3
"""Mock exporter: serves the simulated fleet of catalog.py on /metrics (default :2112).

The simulation is driven by the wall clock: each scrape first advances it to now, one simulated
second per real second, so rates and latencies move plausibly between scrapes and every scraper
sees the same numbers at the same instant.

Environment (or flags): MOCK_PORT (2112), MOCK_ADDR (0.0.0.0), MOCK_SEED (42),
MOCK_DAY_SECONDS (86400: the length of one diurnal cycle; shorten it to watch the load curve).
"""

import argparse
import os
import signal
import sys
import threading
import time

from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.core import (CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily,
                                    SummaryMetricFamily)
from prometheus_client import GCCollector, PlatformCollector, ProcessCollector

import catalog


def _fmt_bound(b):
    return "+Inf" if b == float("inf") else repr(float(b))


class SimulationCollector:
    def __init__(self, sim):
        self._sim = sim
        self._lock = threading.Lock()

    def collect(self):
        with self._lock:
            self._sim.advance_to(time.time())
            snapshot = self._sim.snapshot()
        for fam, rows in snapshot:
            name, labelnames = fam.name, list(fam.labelnames)
            if fam.kind == "counter":
                mf = CounterMetricFamily(name, fam.help, labels=labelnames)
                for labels, v in rows:
                    mf.add_metric([labels[k] for k in labelnames], v)
            elif fam.kind in ("gauge", "info"):
                mf = GaugeMetricFamily(name, fam.help, labels=labelnames)
                for labels, v in rows:
                    mf.add_metric([labels[k] for k in labelnames], v)
            elif fam.kind == "histogram":
                mf = HistogramMetricFamily(name, fam.help, labels=labelnames)
                bounds = list(fam.buckets) + [float("inf")]
                for labels, (buckets, _count, total) in rows:
                    mf.add_metric([labels[k] for k in labelnames],
                                  [(_fmt_bound(b), c) for b, c in zip(bounds, buckets)], total)
            else:
                mf = SummaryMetricFamily(name, fam.help, labels=labelnames)
                for labels, (_, count, total) in rows:
                    mf.add_metric([labels[k] for k in labelnames], count, total)
            yield mf


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=int(os.environ.get("MOCK_PORT", "2112")))
    p.add_argument("--addr", default=os.environ.get("MOCK_ADDR", "0.0.0.0"))
    p.add_argument("--seed", type=int, default=int(os.environ.get("MOCK_SEED", "42")))
    p.add_argument("--day-seconds", type=float, default=float(os.environ.get("MOCK_DAY_SECONDS", "86400")))
    p.add_argument("--print-counts", action="store_true", help="print family and series counts and exit")
    args = p.parse_args(argv)

    # Start ten minutes in the past so counters have history-like totals and the first incident comes
    # within a few minutes of start-up; align the seed's schedule with now.
    now = time.time()
    sim = catalog.build(seed=args.seed, start=now - 600.0, day_seconds=args.day_seconds)
    sim.schedule = catalog.IncidentSchedule(sim.rng, now, catalog.INCIDENT_TARGETS)
    sim.advance_to(now)
    if args.print_counts:
        print("families=%d series=%d" % (catalog.family_count(sim), catalog.series_count(sim)))
        return 0

    registry = CollectorRegistry(auto_describe=False)
    registry.register(SimulationCollector(sim))
    ProcessCollector(registry=registry)
    PlatformCollector(registry=registry)
    GCCollector(registry=registry)
    start_http_server(args.port, addr=args.addr, registry=registry)
    print("mock-exporter: %d families, %d series on http://%s:%d/metrics"
          % (catalog.family_count(sim), catalog.series_count(sim), args.addr, args.port), flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
