"""Simulation behind the mock exporter: a small production fleet whose metrics move plausibly.

The model knows nothing about prometheus_client: it advances in fixed steps of simulated time and
keeps, for every series, a float (counters, gauges) or cumulative bucket counts (histograms). Given
the same seed, start time and number of steps it produces exactly the same numbers.

What moves:
- load: a diurnal curve (trough at simulated midnight, peak at noon) with per-step noise;
- incidents: a seeded schedule of error bursts, latency spikes, DB pool saturation, queue consumer
  stalls, cache stampedes and GC pressure, each with a ramp-in and ramp-out so rates and latencies
  cross alert thresholds, stay there for minutes and come back.
"""

import math
import random
from dataclasses import dataclass, field

# One minute of ramp at both ends of an incident.
RAMP_SECONDS = 45.0

INCIDENT_KINDS = (
    "error_burst",      # 5xx share of one service jumps to 10-30 %
    "latency_spike",    # request latency of one service x4-x8
    "db_saturation",    # one connection pool exhausted: pending threads, acquire timeouts
    "queue_stall",      # one consumer group stops consuming: lag grows, then drains
    "cache_stampede",   # one cache's hit ratio collapses
    "gc_pressure",      # long GC pauses, heap near max
)


@dataclass(frozen=True)
class Incident:
    kind: str
    target: str
    start: float
    end: float

    def intensity(self, t):
        """0 outside the incident, ramps to 1 within RAMP_SECONDS of both edges."""
        if t <= self.start or t >= self.end:
            return 0.0
        return min(1.0, (t - self.start) / RAMP_SECONDS, (self.end - t) / RAMP_SECONDS)


class IncidentSchedule:
    """An endless seeded sequence of incidents, generated lazily as simulated time advances."""

    def __init__(self, rng, start, targets, first_after=(60.0, 150.0), gap=(240.0, 720.0),
                 duration=(150.0, 420.0)):
        self._rng = rng
        self._targets = targets
        self._gap = gap
        self._duration = duration
        self._next_start = start + rng.uniform(*first_after)
        self.incidents = []

    def _extend_to(self, t):
        while self._next_start <= t + 1.0:
            kind = INCIDENT_KINDS[self._rng.randrange(len(INCIDENT_KINDS))]
            target = self._rng.choice(self._targets[kind])
            duration = self._rng.uniform(*self._duration)
            self.incidents.append(Incident(kind, target, self._next_start, self._next_start + duration))
            self._next_start += duration + self._rng.uniform(*self._gap)

    def active(self, t):
        self._extend_to(t)
        # Old incidents are kept (the gauge mock_incident_active shows each kind/target once).
        return [i for i in self.incidents if i.start < t < i.end]

    def intensity(self, t, kind, target=None):
        self._extend_to(t)
        best = 0.0
        for i in reversed(self.incidents):
            if i.end < t - 3600:
                break
            if i.kind == kind and (target is None or i.target == target):
                best = max(best, i.intensity(t))
        return best


def lognormal_cdf(x, median, sigma):
    if x <= 0:
        return 0.0
    return 0.5 * (1.0 + math.erf(math.log(x / median) / (sigma * math.sqrt(2.0))))


@dataclass
class Series:
    """One time series: `fn(sim, series)` gives a rate (counter), a value (gauge) or, for histograms
    and summaries, a tuple (observations per second, median, sigma)."""
    labels: dict
    fn: object
    base: float = 1.0          # per-series scale drawn from the seeded RNG
    value: float = 0.0         # counter total or gauge value; summary/histogram count
    total: float = 0.0         # histogram/summary sum
    buckets: list = field(default_factory=list)  # cumulative, one per finite bound, then +Inf
    state: dict = field(default_factory=dict)


@dataclass
class Family:
    name: str
    kind: str                  # counter | gauge | histogram | summary | info
    help: str
    labelnames: tuple
    buckets: tuple = ()        # finite upper bounds, ascending
    integer: bool = True       # counters/histogram counts exposed as whole numbers
    series: list = field(default_factory=list)


class Simulation:
    def __init__(self, seed=42, start=0.0, day_seconds=86400.0, step=1.0):
        self.seed = seed
        self.rng = random.Random(seed)
        self.start = float(start)
        self.t = float(start)
        self.day_seconds = float(day_seconds)
        self.step_seconds = float(step)
        self.families = []
        self._by_name = {}
        self.load = self._load_at(self.t)
        self.schedule = None   # set by the catalog, which knows the targets

    # --- building -----------------------------------------------------------------------------

    def family(self, name, kind, help_text, labelnames=(), buckets=(), integer=None):
        if name in self._by_name:
            raise ValueError("duplicate metric family " + name)
        if integer is None:
            integer = not any(u in name for u in ("_seconds", "_dollars", "_ratio", "_celsius"))
        fam = Family(name, kind, help_text, tuple(labelnames), tuple(buckets), integer)
        self.families.append(fam)
        self._by_name[name] = fam
        return fam

    def add(self, fam, labels, fn, base_range=(0.7, 1.3)):
        if tuple(labels) != fam.labelnames:
            raise ValueError("%s: labels %s, expected %s" % (fam.name, list(labels), fam.labelnames))
        s = Series(dict(labels), fn, base=self.rng.uniform(*base_range))
        if fam.kind == "histogram":
            s.buckets = [0.0] * (len(fam.buckets) + 1)
        fam.series.append(s)
        return s

    def get(self, name):
        return self._by_name[name]

    # --- driving ------------------------------------------------------------------------------

    def _load_at(self, t):
        tod = ((t % self.day_seconds) / self.day_seconds)
        # 0.25 at midnight, 0.95 at noon, with a small second hump in the evening.
        return 0.6 - 0.35 * math.cos(2 * math.pi * tod) + 0.05 * math.sin(4 * math.pi * tod)

    def noise(self, spread=0.05):
        return max(0.0, self.rng.gauss(1.0, spread))

    def incident(self, kind, target=None):
        return self.schedule.intensity(self.t, kind, target) if self.schedule else 0.0

    def advance_to(self, t):
        while self.t + self.step_seconds <= t:
            self.step()

    def step(self):
        dt = self.step_seconds
        self.t += dt
        self.load = self._load_at(self.t) * self.noise(0.03)
        for fam in self.families:
            kind = fam.kind
            for s in fam.series:
                if kind == "counter":
                    s.value += max(0.0, s.fn(self, s)) * dt
                elif kind == "gauge" or kind == "info":
                    s.value = s.fn(self, s)
                else:
                    rate, median, sigma = s.fn(self, s)
                    n = max(0.0, rate) * dt
                    if n <= 0:
                        continue
                    s.value += n
                    s.total += n * median * math.exp(sigma * sigma / 2.0)
                    if kind == "histogram":
                        for i, le in enumerate(fam.buckets):
                            s.buckets[i] += n * lognormal_cdf(le, median, sigma)
                        s.buckets[-1] += n

    # --- reading ------------------------------------------------------------------------------

    def snapshot(self):
        """[(family, [(labels, value-or-(buckets, count, sum))])] with integer rounding applied.

        Counts are floored, which keeps them monotone over time and cumulative across buckets
        (a floor of a non-decreasing sequence is non-decreasing), and the +Inf bucket equals the
        count because both are the floor of the same float."""
        out = []
        for fam in self.families:
            rows = []
            for s in fam.series:
                if fam.kind in ("counter",):
                    v = math.floor(s.value) if fam.integer else round(s.value, 6)
                    rows.append((s.labels, v))
                elif fam.kind in ("gauge", "info"):
                    rows.append((s.labels, round(s.value, 6)))
                elif fam.kind == "histogram":
                    b = [math.floor(x) for x in s.buckets]
                    rows.append((s.labels, (b, b[-1], round(s.total, 6))))
                else:
                    rows.append((s.labels, ([], math.floor(s.value), round(s.total, 6))))
            out.append((fam, rows))
        return out
