"""The mock exporter's metric catalog: what a small production fleet exposes.

Each family is declared once in a table, with the label values it fans out over and a behaviour
that says how its series move: with the diurnal load, with an incident, or slowly drifting. The
Simulation (model.py) does the arithmetic; this module only describes the fleet.
"""

import itertools
import math

from model import IncidentSchedule, Simulation

SERVICES = ("checkout", "payments", "catalog", "search", "accounts", "notifications")
ROUTES = {
    "checkout": (("POST", "/api/v1/checkout"), ("GET", "/api/v1/cart"), ("PUT", "/api/v1/cart/items")),
    "payments": (("POST", "/api/v1/payments"), ("GET", "/api/v1/payments/{id}"), ("POST", "/api/v1/refunds")),
    "catalog": (("GET", "/api/v1/products"), ("GET", "/api/v1/products/{id}"), ("GET", "/api/v1/categories")),
    "search": (("GET", "/api/v1/search"), ("GET", "/api/v1/suggest"), ("POST", "/api/v1/search/reindex")),
    "accounts": (("POST", "/api/v1/login"), ("GET", "/api/v1/me"), ("POST", "/api/v1/signup")),
    "notifications": (("POST", "/api/v1/notify"), ("GET", "/api/v1/preferences"), ("POST", "/api/v1/webhooks")),
}
# Requests per second at peak load, per service.
PEAK_RPS = {"checkout": 60, "payments": 35, "catalog": 220, "search": 140, "accounts": 80, "notifications": 45}
# Median latency in seconds, per service.
MEDIAN_LATENCY = {"checkout": 0.08, "payments": 0.12, "catalog": 0.02, "search": 0.05, "accounts": 0.03,
                  "notifications": 0.04}
STATUS_SHARE = (("200", 0.955), ("201", 0.02), ("400", 0.012), ("404", 0.01), ("500", 0.002), ("503", 0.001))
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
SIZE_BUCKETS = (100, 1000, 10000, 100000, 1000000)
POOLS = ("orders-db", "payments-db", "accounts-db")
CONSUMERS = (("order-events", "fulfilment"), ("payment-events", "ledger"), ("user-events", "crm-sync"),
             ("email-outbox", "mailer"))
CACHES = ("product-cache", "session-cache", "price-cache", "search-results")
JOBS = ("nightly-reconciliation", "sitemap-export", "stale-cart-cleanup")
PEERS = ("payments-gateway", "tax-service", "shipping-quotes", "fraud-check")
VERSION = "2.14.3"

INCIDENT_TARGETS = {
    "error_burst": SERVICES,
    "latency_spike": SERVICES,
    "db_saturation": POOLS,
    "queue_stall": tuple(g for _, g in CONSUMERS),
    "cache_stampede": CACHES,
    "gc_pressure": SERVICES,
}


# --- behaviours: functions of (sim, series) --------------------------------------------------------


def per_load(rate):
    """A counter whose rate follows the diurnal load."""
    return lambda sim, s: rate * s.base * sim.load * sim.noise(0.08)


def steady(rate):
    """A counter with a roughly constant rate."""
    return lambda sim, s: rate * s.base * sim.noise(0.05)


def level(value, swing=0.5):
    """A gauge around `value` that rises and falls with load by +-swing."""
    return lambda sim, s: value * s.base * (1.0 + swing * (sim.load - 0.6)) * sim.noise(0.02)


def drift(value, amplitude=0.1, period=3600.0):
    """A gauge that drifts slowly around `value`."""
    def fn(sim, s):
        phase = (s.base * 1000.0) % period
        return value * s.base * (1.0 + amplitude * math.sin(2 * math.pi * (sim.t + phase) / period))
    return fn


def const(value):
    return lambda sim, s: value


def growing(start, per_hour):
    """A gauge that grows steadily (disk usage, table sizes)."""
    def fn(sim, s):
        return start * s.base + per_hour * s.base * (sim.t - sim.start) / 3600.0
    return fn


def latency(rps, median, sigma=0.6, incident=None, target_label=None):
    """A histogram/summary: (observations per second, median, sigma); latency spikes x4-x8."""
    def fn(sim, s):
        m = median
        if incident is not None:
            target = s.labels.get(target_label) if target_label else None
            m *= 1.0 + 6.0 * sim.incident(incident, target)
        return (rps * s.base * sim.load * sim.noise(0.05), m * sim.noise(0.05), sigma)
    return fn


# --- the catalog ------------------------------------------------------------------------------------


class Catalog:
    def __init__(self, sim):
        self.sim = sim

    def fan(self, name, kind, help_text, dims, fn, buckets=(), base_range=(0.7, 1.3), integer=None):
        """Declare a family and one series per combination of `dims` (a tuple of (label, values))."""
        labelnames = tuple(d[0] for d in dims)
        fam = self.sim.family(name, kind, help_text, labelnames, buckets, integer)
        for combo in itertools.product(*(d[1] for d in dims)):
            self.sim.add(fam, dict(zip(labelnames, combo)), fn, base_range)
        return fam

    def one(self, name, kind, help_text, fn, **kw):
        return self.fan(name, kind, help_text, (), fn, **kw)


def build(seed=42, start=0.0, day_seconds=86400.0, step=1.0):
    sim = Simulation(seed, start, day_seconds, step)
    sim.schedule = IncidentSchedule(sim.rng, sim.t, INCIDENT_TARGETS)
    c = Catalog(sim)
    svc = ("service", SERVICES)
    _http(c, svc)
    _grpc(c)
    _db(c)
    _queues(c)
    _caches(c)
    _jvm(c, svc)
    _runtime(c, svc)
    _business(c)
    _resilience(c, svc)
    _node(c)
    _containers(c, svc)
    _ingress(c)
    _postgres(c)
    _redis(c)
    _kafka_broker(c)
    _elasticsearch(c)
    _sidecars(c)
    _platform(c)
    _meta(c, svc)
    return sim


def _http(c, svc):
    def requests(sim, s):
        svcname, status = s.labels["service"], s.labels["status"]
        share = dict(STATUS_SHARE)[status]
        burst = sim.incident("error_burst", svcname)
        if status == "500":
            share += burst * 0.15
        elif status == "503":
            share += burst * 0.08
        elif status == "200":
            share -= burst * 0.23
        return PEAK_RPS[svcname] / 3.0 * share * s.base * sim.load * sim.noise(0.06)

    fam = c.sim.family("http_requests_total", "counter", "HTTP requests served, by route and status.",
                       ("service", "method", "route", "status"))
    for name in SERVICES:
        for method, route in ROUTES[name]:
            for status, _ in STATUS_SHARE:
                c.sim.add(fam, {"service": name, "method": method, "route": route, "status": status}, requests)

    hist = c.sim.family("http_request_duration_seconds", "histogram", "HTTP request latency.",
                        ("service", "method", "route"), LATENCY_BUCKETS)
    for name in SERVICES:
        for method, route in ROUTES[name]:
            c.sim.add(hist, {"service": name, "method": method, "route": route},
                      latency(PEAK_RPS[name] / 3.0, MEDIAN_LATENCY[name], 0.7, "latency_spike", "service"))
    c.fan("http_request_size_bytes", "histogram", "HTTP request body sizes.", (svc[0:2]),
          latency(PEAK_RPS["catalog"] / 4, 800, 1.2), buckets=SIZE_BUCKETS)
    c.fan("http_response_size_bytes", "histogram", "HTTP response body sizes.", (svc[0:2]),
          latency(PEAK_RPS["catalog"] / 4, 4000, 1.4), buckets=SIZE_BUCKETS)
    c.fan("http_requests_in_flight", "gauge", "HTTP requests currently being served.", (svc,), level(12, 1.2))
    c.fan("http_server_active_connections", "gauge", "Open client connections.", (svc,), level(140, 1.0))
    c.fan("http_server_connections_total", "counter", "Accepted client connections.", (svc,), per_load(9))
    c.fan("http_server_tls_handshake_errors_total", "counter", "Failed TLS handshakes.", (svc,), steady(0.02))
    c.fan("http_client_requests_total", "counter", "Outgoing HTTP requests, by peer and outcome.",
          (("peer", PEERS), ("outcome", ("success", "client_error", "server_error", "timeout"))),
          lambda sim, s: {"success": 20, "client_error": 0.3, "server_error": 0.1, "timeout": 0.05}[
              s.labels["outcome"]] * s.base * sim.load)
    c.fan("http_client_request_duration_seconds", "histogram", "Outgoing HTTP request latency.",
          (("peer", PEERS),), latency(20, 0.09, 0.5), buckets=LATENCY_BUCKETS)
    c.fan("http_client_retries_total", "counter", "Retried outgoing requests.", (("peer", PEERS),), per_load(0.4))
    c.fan("http_client_pool_connections", "gauge", "Pooled outgoing connections.",
          (("peer", PEERS), ("state", ("active", "idle"))), level(8, 0.8))


def _grpc(c):
    methods = (("inventory.Inventory", "Reserve"), ("inventory.Inventory", "Release"),
               ("pricing.Pricing", "Quote"), ("ledger.Ledger", "Post"))
    pairs = [dict(grpc_service=a, grpc_method=b) for a, b in methods]

    def per_method(name, kind, help_text, fn, extra=(), buckets=()):
        fam = c.sim.family(name, kind, help_text, ("grpc_service", "grpc_method") + tuple(e[0] for e in extra),
                           buckets)
        for p in pairs:
            for combo in itertools.product(*(e[1] for e in extra)):
                labels = dict(p)
                labels.update(zip((e[0] for e in extra), combo))
                c.sim.add(fam, labels, fn)

    per_method("grpc_server_started_total", "counter", "RPCs started on the server.", per_load(25))
    per_method("grpc_server_handled_total", "counter", "RPCs completed on the server, by code.",
               lambda sim, s: {"OK": 25, "NOT_FOUND": 0.2, "UNAVAILABLE": 0.03, "DEADLINE_EXCEEDED": 0.02}[
                   s.labels["grpc_code"]] * s.base * sim.load,
               extra=(("grpc_code", ("OK", "NOT_FOUND", "UNAVAILABLE", "DEADLINE_EXCEEDED")),))
    per_method("grpc_server_handling_seconds", "histogram", "RPC handling latency.", latency(25, 0.015, 0.6),
               buckets=LATENCY_BUCKETS)
    per_method("grpc_server_msg_received_total", "counter", "Stream messages received.", per_load(26))
    per_method("grpc_server_msg_sent_total", "counter", "Stream messages sent.", per_load(27))
    per_method("grpc_client_started_total", "counter", "RPCs started by clients.", per_load(24))
    per_method("grpc_client_handled_total", "counter", "RPCs completed by clients.", per_load(24))
    per_method("grpc_client_handling_seconds", "histogram", "RPC latency seen by clients.",
               latency(24, 0.02, 0.6), buckets=LATENCY_BUCKETS)


def _db(c):
    pool = ("pool", POOLS)
    maxc = 40.0

    def active(sim, s):
        sat = sim.incident("db_saturation", s.labels["pool"])
        return min(maxc, round(maxc * 0.3 * s.base * sim.load * sim.noise(0.1) + sat * maxc))

    c.fan("hikaricp_connections_active", "gauge", "Connections in use.", (pool,), active)
    c.fan("hikaricp_connections_idle", "gauge", "Idle connections.", (pool,),
          lambda sim, s: max(0.0, 12.0 - 10 * sim.incident("db_saturation", s.labels["pool"])))
    c.fan("hikaricp_connections", "gauge", "Total connections.", (pool,), const(maxc))
    c.fan("hikaricp_connections_max", "gauge", "Maximum pool size.", (pool,), const(maxc))
    c.fan("hikaricp_connections_min", "gauge", "Minimum idle connections.", (pool,), const(10))
    c.fan("hikaricp_connections_pending", "gauge", "Threads waiting for a connection.", (pool,),
          lambda sim, s: round(60 * sim.incident("db_saturation", s.labels["pool"]) * sim.noise(0.2)))
    c.fan("hikaricp_connections_timeout_total", "counter", "Connection acquisitions that timed out.", (pool,),
          lambda sim, s: 4.0 * sim.incident("db_saturation", s.labels["pool"]))
    c.fan("hikaricp_connections_acquire_seconds", "summary", "Time to acquire a connection.", (pool,),
          lambda sim, s: (50 * sim.load, 0.0004 + 2.0 * sim.incident("db_saturation", s.labels["pool"]), 0.5))
    c.fan("hikaricp_connections_usage_seconds", "summary", "Time connections are held.", (pool,),
          latency(50, 0.012, 0.7))
    c.fan("hikaricp_connections_creation_seconds", "summary", "Time to open a connection.", (pool,),
          latency(0.05, 0.03, 0.3))
    ops = ("operation", ("select", "insert", "update", "delete"))
    c.fan("db_queries_total", "counter", "Queries executed.", (pool, ops), per_load(30))
    c.fan("db_query_duration_seconds", "histogram", "Query latency.", (pool, ops), latency(30, 0.004, 0.8),
          buckets=LATENCY_BUCKETS)
    c.fan("db_errors_total", "counter", "Failed queries.", (pool,), steady(0.01))
    c.fan("db_deadlocks_total", "counter", "Deadlocks detected.", (pool,), steady(0.0005))
    c.fan("db_rows_returned_total", "counter", "Rows returned by queries.", (pool,), per_load(900))
    c.fan("db_transactions_total", "counter", "Committed transactions.", (pool,), per_load(40))
    c.fan("db_rollbacks_total", "counter", "Rolled back transactions.", (pool,), per_load(0.3))
    c.fan("db_replication_lag_seconds", "gauge", "Replica lag behind the primary.", (pool,), drift(0.4, 0.8, 900))


def _queues(c):
    topic_group = [dict(topic=t, consumer_group=g) for t, g in CONSUMERS]

    def per_consumer(name, kind, help_text, fn, buckets=(), extra=()):
        fam = c.sim.family(name, kind, help_text, ("topic", "consumer_group") + tuple(e[0] for e in extra),
                           buckets)
        for tg in topic_group:
            for combo in itertools.product(*(e[1] for e in extra)):
                labels = dict(tg)
                labels.update(zip((e[0] for e in extra), combo))
                c.sim.add(fam, labels, fn)

    def consumed(sim, s):
        return 45 * s.base * sim.load * (1.0 - sim.incident("queue_stall", s.labels["consumer_group"]))

    def lag(sim, s):
        st = s.state
        produced = 45 * s.base * sim.load
        stall = sim.incident("queue_stall", s.labels["consumer_group"])
        drain = 1.0 if stall == 0 else 1.0 - stall
        st["lag"] = max(5.0 * sim.noise(0.3), st.get("lag", 20.0) + (produced - produced * 1.6 * drain)
                        * sim.step_seconds)
        return round(st["lag"])

    partitions = ("partition", ("0", "1", "2"))
    per_consumer("kafka_consumer_records_consumed_total", "counter", "Records consumed.", consumed,
                 extra=(partitions,))
    per_consumer("kafka_consumer_lag", "gauge", "Records behind the log end.", lag, extra=(partitions,))
    per_consumer("kafka_consumer_fetch_latency_seconds", "histogram", "Fetch request latency.",
                 latency(5, 0.02, 0.5), buckets=LATENCY_BUCKETS)
    per_consumer("kafka_consumer_commits_total", "counter", "Offset commits.", per_load(1))
    per_consumer("kafka_consumer_rebalances_total", "counter", "Group rebalances.", steady(0.0003))
    per_consumer("kafka_consumer_assigned_partitions", "gauge", "Assigned partitions.", const(3))
    per_consumer("queue_consumer_processing_seconds", "histogram", "Time to process one message.",
                 latency(45, 0.03, 0.7, "queue_stall", "consumer_group"), buckets=LATENCY_BUCKETS)
    per_consumer("queue_messages_redelivered_total", "counter", "Messages redelivered after a failure.",
                 per_load(0.1))
    per_consumer("queue_dead_letter_total", "counter", "Messages sent to the dead-letter topic.", steady(0.002))
    topic = ("topic", tuple(t for t, _ in CONSUMERS))
    c.fan("kafka_producer_records_sent_total", "counter", "Records produced.", (topic,), per_load(45))
    c.fan("kafka_producer_record_errors_total", "counter", "Records that failed to send.", (topic,), steady(0.005))
    c.fan("kafka_producer_request_latency_seconds", "histogram", "Produce request latency.", (topic,),
          latency(10, 0.006, 0.5), buckets=LATENCY_BUCKETS)
    c.fan("kafka_producer_batch_size_bytes", "summary", "Produce batch sizes.", (topic,), latency(10, 16000, 0.4))
    c.fan("kafka_producer_buffer_available_bytes", "gauge", "Free producer buffer.", (topic,), level(3.2e7, -0.2))


def _caches(c):
    cache = ("cache", CACHES)

    def gets(sim, s):
        stampede = sim.incident("cache_stampede", s.labels["cache"])
        hit = 0.93 * (1.0 - 0.8 * stampede)
        share = hit if s.labels["result"] == "hit" else 1.0 - hit
        return 300 * s.base * sim.load * share

    c.fan("cache_gets_total", "counter", "Cache lookups, by result.", (cache, ("result", ("hit", "miss"))), gets)
    c.fan("cache_puts_total", "counter", "Cache insertions.", (cache,),
          lambda sim, s: 25 * s.base * sim.load * (1 + 8 * sim.incident("cache_stampede", s.labels["cache"])))
    c.fan("cache_evictions_total", "counter", "Entries evicted.", (cache,), per_load(3))
    c.fan("cache_size", "gauge", "Entries in the cache.", (cache,), drift(48000, 0.05, 1800))
    c.fan("cache_size_bytes", "gauge", "Memory used by the cache.", (cache,), drift(2.1e8, 0.05, 1800))
    c.fan("cache_load_duration_seconds", "summary", "Time to load a missing entry.", (cache,),
          latency(20, 0.015, 0.6, "cache_stampede", "cache"))
    c.fan("cache_hit_ratio", "gauge", "Hit ratio over the last minute.", (cache,),
          lambda sim, s: round(0.93 * (1.0 - 0.8 * sim.incident("cache_stampede", s.labels["cache"]))
                               * sim.noise(0.01), 4))


def _jvm(c, svc):
    def heap_used(sim, s):
        gc = sim.incident("gc_pressure", s.labels["service"])
        sawtooth = (sim.t % 90.0) / 90.0
        return 1.0e9 * s.base * (0.35 + 0.3 * sawtooth + 0.3 * gc)

    area = ("area", ("heap", "nonheap"))
    c.fan("jvm_memory_used_bytes", "gauge", "Used memory.", (svc, area),
          lambda sim, s: heap_used(sim, s) if s.labels["area"] == "heap" else 1.6e8 * s.base)
    c.fan("jvm_memory_committed_bytes", "gauge", "Committed memory.", (svc, area),
          lambda sim, s: 1.6e9 if s.labels["area"] == "heap" else 1.9e8)
    c.fan("jvm_memory_max_bytes", "gauge", "Maximum memory.", (svc, area),
          lambda sim, s: 2.0e9 if s.labels["area"] == "heap" else -1)
    pool = ("pool", ("G1 Eden Space", "G1 Old Gen", "G1 Survivor Space", "Metaspace", "CodeHeap 'non-profiled nmethods'"))
    c.fan("jvm_memory_pool_used_bytes", "gauge", "Used memory per pool.", (svc, pool), drift(1.2e8, 0.3, 300))
    c.fan("jvm_memory_pool_max_bytes", "gauge", "Maximum memory per pool.", (svc, pool), const(2.5e8))
    c.fan("jvm_memory_pool_allocated_bytes_total", "counter", "Bytes allocated per pool.", (svc, pool),
          per_load(4e6))
    gc = ("gc", ("G1 Young Generation", "G1 Old Generation"))
    c.fan("jvm_gc_collection_seconds", "summary", "GC pause time.", (svc, gc),
          lambda sim, s: ((0.5 if "Young" in s.labels["gc"] else 0.01) * (1 + 4 * sim.incident(
              "gc_pressure", s.labels["service"])), 0.012 * (1 + 20 * sim.incident("gc_pressure", s.labels["service"])),
                          0.5))
    c.fan("jvm_gc_memory_allocated_bytes_total", "counter", "Bytes allocated in the young generation.", (svc,),
          per_load(6e7))
    c.fan("jvm_gc_memory_promoted_bytes_total", "counter", "Bytes promoted to the old generation.", (svc,),
          per_load(2e6))
    c.fan("jvm_gc_live_data_size_bytes", "gauge", "Old generation size after the last full GC.", (svc,),
          drift(4e8, 0.1, 1200))
    c.fan("jvm_threads_current", "gauge", "Live threads.", (svc,), level(180, 0.4))
    c.fan("jvm_threads_daemon", "gauge", "Daemon threads.", (svc,), level(150, 0.3))
    c.fan("jvm_threads_peak", "gauge", "Peak live threads.", (svc,), const(260))
    c.fan("jvm_threads_started_total", "counter", "Threads started.", (svc,), per_load(0.3))
    c.fan("jvm_threads_deadlocked", "gauge", "Deadlocked threads.", (svc,), const(0))
    c.fan("jvm_threads_state", "gauge", "Threads by state.",
          (svc, ("state", ("RUNNABLE", "BLOCKED", "WAITING", "TIMED_WAITING"))), level(40, 0.6))
    c.fan("jvm_classes_currently_loaded", "gauge", "Loaded classes.", (svc,), const(18500))
    c.fan("jvm_classes_loaded_total", "counter", "Classes loaded since start.", (svc,), steady(0.01))
    c.fan("jvm_classes_unloaded_total", "counter", "Classes unloaded since start.", (svc,), steady(0.001))
    bp = ("pool", ("direct", "mapped"))
    c.fan("jvm_buffer_pool_used_bytes", "gauge", "Buffer pool memory used.", (svc, bp), drift(3e7, 0.2, 600))
    c.fan("jvm_buffer_pool_capacity_bytes", "gauge", "Buffer pool capacity.", (svc, bp), const(6.4e7))
    c.fan("jvm_buffer_pool_used_buffers", "gauge", "Buffers in the pool.", (svc, bp), drift(120, 0.2, 600))
    c.fan("jvm_compilation_time_seconds_total", "counter", "Time spent in JIT compilation.", (svc,), steady(0.004))
    c.fan("jvm_safepoints_total", "counter", "Safepoints reached.", (svc,), per_load(2))
    c.fan("jvm_info", "gauge", "JVM version.", (svc, ("runtime", ("OpenJDK Runtime Environment",)),
                                                ("version", ("17.0.12+7",))), const(1))


def _runtime(c, svc):
    pools = ("executor", ("http-workers", "async-io", "scheduler"))
    c.fan("executor_active_threads", "gauge", "Threads running tasks.", (svc, pools), level(12, 1.2))
    c.fan("executor_pool_size_threads", "gauge", "Threads in the pool.", (svc, pools), const(64))
    c.fan("executor_pool_max_threads", "gauge", "Maximum threads.", (svc, pools), const(200))
    c.fan("executor_queued_tasks", "gauge", "Tasks waiting.", (svc, pools), level(3, 2.0))
    c.fan("executor_completed_tasks_total", "counter", "Tasks completed.", (svc, pools), per_load(80))
    c.fan("executor_rejected_tasks_total", "counter", "Tasks rejected.", (svc, pools), steady(0.0002))
    c.fan("log_events_total", "counter", "Log events, by level.",
          (svc, ("level", ("trace", "debug", "info", "warn", "error"))),
          lambda sim, s: {"trace": 0, "debug": 0, "info": 20, "warn": 0.8, "error": 0.05}[s.labels["level"]]
          * sim.load * s.base * (1 + 40 * sim.incident("error_burst", s.labels["service"])
                                 * (s.labels["level"] == "error")))
    c.fan("app_config_reloads_total", "counter", "Configuration reloads.", (svc,), steady(0.0003))
    c.fan("app_config_last_reload_successful", "gauge", "Whether the last reload succeeded.", (svc,), const(1))
    c.fan("app_feature_flag_evaluations_total", "counter", "Feature-flag evaluations.",
          (svc, ("flag", ("new-checkout", "dark-mode", "fast-search"))), per_load(40))
    c.fan("app_tls_certificate_expiry_timestamp_seconds", "gauge", "When the serving certificate expires.",
          (svc,), lambda sim, s: 1.9e9 + 1e6 * s.base)
    c.fan("app_uptime_seconds", "gauge", "Seconds since start.", (svc,), lambda sim, s: sim.t - sim.start + 3600)
    c.fan("app_scheduled_job_runs_total", "counter", "Scheduled job runs.",
          (("job_name", JOBS), ("outcome", ("success", "failure"))),
          lambda sim, s: (0.002 if s.labels["outcome"] == "success" else 0.0001) * s.base)
    c.fan("app_scheduled_job_duration_seconds", "summary", "Scheduled job duration.", (("job_name", JOBS),),
          lambda sim, s: (0.002, 40 * s.base, 0.3))
    c.fan("app_scheduled_job_last_success_timestamp_seconds", "gauge", "When the job last succeeded.",
          (("job_name", JOBS),), lambda sim, s: sim.t - (sim.t % 600))


def _business(c):
    region = ("market", ("us", "eu", "apac"))
    c.fan("orders_created_total", "counter", "Orders placed.", (region,), per_load(4))
    c.fan("orders_failed_total", "counter", "Orders that failed to place.", (region,),
          lambda sim, s: 0.04 * sim.load + 1.5 * sim.incident("error_burst", "checkout"))
    c.fan("orders_value_dollars_total", "counter", "Value of placed orders.", (region,), per_load(380),
          integer=False)
    c.fan("order_value_dollars", "histogram", "Order values.", (region,), latency(4, 65, 0.8),
          buckets=(10, 25, 50, 100, 250, 500, 1000))
    c.fan("payments_processed_total", "counter", "Payments, by method and outcome.",
          (("method", ("card", "paypal", "bank_transfer")), ("outcome", ("approved", "declined"))),
          lambda sim, s: (3 if s.labels["outcome"] == "approved" else 0.15) * s.base * sim.load)
    c.fan("refunds_issued_total", "counter", "Refunds issued.", (region,), per_load(0.1))
    c.fan("carts_abandoned_total", "counter", "Carts abandoned.", (region,), per_load(2))
    c.fan("carts_active", "gauge", "Carts with items.", (region,), level(900, 1.2))
    c.fan("signups_total", "counter", "New accounts.", (region,), per_load(0.6))
    c.fan("logins_total", "counter", "Logins, by outcome.", (region, ("outcome", ("success", "failure"))),
          lambda sim, s: (12 if s.labels["outcome"] == "success" else 0.4) * s.base * sim.load)
    c.fan("users_active", "gauge", "Users active in the last 5 minutes.", (region,), level(5200, 1.3))
    c.fan("sessions_active", "gauge", "Open sessions.", (region,), level(7800, 1.2))
    c.fan("search_queries_total", "counter", "Search queries.", (region,), per_load(45))
    c.fan("search_zero_results_total", "counter", "Searches with no result.", (region,), per_load(2))
    c.fan("notifications_sent_total", "counter", "Notifications sent, by channel.",
          (("channel", ("email", "sms", "push")),), per_load(9))
    c.fan("notifications_bounced_total", "counter", "Notifications bounced.", (("channel", ("email", "sms", "push")),),
          per_load(0.1))
    c.fan("inventory_items", "gauge", "Items in stock.", (("warehouse", ("iad", "dub", "sin")),), drift(2.4e5, 0.1))
    c.fan("inventory_low_stock_skus", "gauge", "SKUs below reorder level.", (("warehouse", ("iad", "dub", "sin")),),
          drift(40, 0.5))
    c.fan("shipments_created_total", "counter", "Shipments created.", (("warehouse", ("iad", "dub", "sin")),),
          per_load(3))
    c.fan("shipments_delayed_total", "counter", "Shipments delayed.", (("warehouse", ("iad", "dub", "sin")),),
          per_load(0.05))
    c.fan("coupons_redeemed_total", "counter", "Coupons redeemed.", (region,), per_load(0.7))
    c.fan("subscriptions_active", "gauge", "Active subscriptions.", (("plan", ("basic", "plus", "pro")),),
          growing(12000, 3))
    c.fan("subscriptions_churned_total", "counter", "Cancelled subscriptions.", (("plan", ("basic", "plus", "pro")),),
          steady(0.01))
    c.fan("revenue_dollars_total", "counter", "Recognised revenue.", (region,), per_load(350), integer=False)


def _resilience(c, svc):
    cb = ("name", PEERS)
    c.fan("resilience4j_circuitbreaker_state", "gauge", "Circuit breaker state (1 for the current one).",
          (cb, ("state", ("closed", "open", "half_open"))),
          lambda sim, s: 1.0 if s.labels["state"] == "closed" else 0.0)
    c.fan("resilience4j_circuitbreaker_calls_total", "counter", "Calls through the breaker.",
          (cb, ("kind", ("successful", "failed", "ignored", "not_permitted"))),
          lambda sim, s: {"successful": 20, "failed": 0.2, "ignored": 0.05, "not_permitted": 0}[s.labels["kind"]]
          * sim.load * s.base)
    c.fan("resilience4j_circuitbreaker_failure_rate", "gauge", "Failure rate in percent.", (cb,), drift(1, 0.5, 600))
    c.fan("resilience4j_circuitbreaker_slow_call_rate", "gauge", "Slow call rate in percent.", (cb,),
          drift(0.5, 0.5, 600))
    c.fan("resilience4j_ratelimiter_available_permissions", "gauge", "Permits left in this period.", (svc,),
          level(50, -0.6))
    c.fan("resilience4j_ratelimiter_waiting_threads", "gauge", "Threads waiting for a permit.", (svc,),
          level(0.5, 2.0))
    c.fan("resilience4j_retry_calls_total", "counter", "Calls by retry outcome.",
          (cb, ("kind", ("successful_without_retry", "successful_with_retry", "failed_with_retry"))),
          lambda sim, s: {"successful_without_retry": 20, "successful_with_retry": 0.3, "failed_with_retry": 0.02}[
              s.labels["kind"]] * sim.load)
    c.fan("resilience4j_bulkhead_available_concurrent_calls", "gauge", "Free bulkhead slots.", (cb,),
          level(20, -0.8))


def _node(c):
    node = ("node", ("ip-10-0-1-17", "ip-10-0-2-41", "ip-10-0-3-88"))
    cpu = ("cpu", ("0", "1", "2", "3"))

    def cpu_seconds(sim, s):
        mode = s.labels["mode"]
        busy = 0.55 * sim.load
        return {"user": busy * 0.7, "system": busy * 0.25, "iowait": 0.01, "irq": 0.002, "softirq": 0.01,
                "steal": 0.003, "idle": max(0.0, 1 - busy)}[mode] * sim.noise(0.05)

    c.fan("node_cpu_seconds_total", "counter", "CPU time by mode.",
          (node, cpu, ("mode", ("user", "system", "iowait", "irq", "softirq", "steal", "idle"))), cpu_seconds,
          integer=False)
    c.fan("node_load1", "gauge", "1m load average.", (node,), level(2.2, 1.2))
    c.fan("node_load5", "gauge", "5m load average.", (node,), level(2.1, 1.0))
    c.fan("node_load15", "gauge", "15m load average.", (node,), level(2.0, 0.8))
    c.fan("node_memory_MemTotal_bytes", "gauge", "Total memory.", (node,), const(1.6e10))
    c.fan("node_memory_MemAvailable_bytes", "gauge", "Available memory.", (node,), level(7e9, -0.6))
    c.fan("node_memory_Cached_bytes", "gauge", "Page cache.", (node,), drift(3e9, 0.1))
    c.fan("node_memory_Buffers_bytes", "gauge", "Buffers.", (node,), drift(2e8, 0.1))
    c.fan("node_memory_SwapFree_bytes", "gauge", "Free swap.", (node,), const(0))
    fs = ("mountpoint", ("/", "/var/lib/kubelet"))
    c.fan("node_filesystem_size_bytes", "gauge", "Filesystem size.", (node, fs), const(2.0e11))
    c.fan("node_filesystem_avail_bytes", "gauge", "Filesystem space available.", (node, fs),
          lambda sim, s: 2.0e11 * (0.55 - 0.05 * s.base) - 4e5 * (sim.t - sim.start))
    c.fan("node_filesystem_files_free", "gauge", "Free inodes.", (node, fs), drift(1.1e7, 0.01))
    dev = ("device", ("nvme0n1",))
    c.fan("node_disk_read_bytes_total", "counter", "Bytes read.", (node, dev), per_load(2e6))
    c.fan("node_disk_written_bytes_total", "counter", "Bytes written.", (node, dev), per_load(6e6))
    c.fan("node_disk_io_time_seconds_total", "counter", "Time spent doing I/O.", (node, dev), per_load(0.2),
          integer=False)
    nic = ("device", ("eth0",))
    c.fan("node_network_receive_bytes_total", "counter", "Bytes received.", (node, nic), per_load(1.8e7))
    c.fan("node_network_transmit_bytes_total", "counter", "Bytes sent.", (node, nic), per_load(2.2e7))
    c.fan("node_network_receive_drop_total", "counter", "Received packets dropped.", (node, nic), steady(0.01))
    c.fan("node_network_transmit_errs_total", "counter", "Transmit errors.", (node, nic), steady(0.001))
    c.fan("node_netstat_Tcp_CurrEstab", "gauge", "Established TCP connections.", (node,), level(900, 1.0))
    c.fan("node_context_switches_total", "counter", "Context switches.", (node,), per_load(45000))
    c.fan("node_boot_time_seconds", "gauge", "Boot time.", (node,), lambda sim, s: 1.7e9 + 86400 * s.base)
    c.fan("node_timex_offset_seconds", "gauge", "Clock offset.", (node,), drift(0.0002, 1.0, 300))


def _containers(c, svc):
    c.fan("container_cpu_usage_seconds_total", "counter", "Container CPU time.", (svc,), per_load(0.9),
          integer=False)
    c.fan("container_cpu_cfs_throttled_periods_total", "counter", "Throttled CFS periods.", (svc,), per_load(0.5))
    c.fan("container_cpu_cfs_periods_total", "counter", "CFS periods.", (svc,), steady(10))
    c.fan("container_memory_working_set_bytes", "gauge", "Working set.", (svc,), level(1.4e9, 0.3))
    c.fan("container_memory_rss", "gauge", "Resident set size.", (svc,), level(1.3e9, 0.3))
    c.fan("container_spec_memory_limit_bytes", "gauge", "Memory limit.", (svc,), const(2.5e9))
    c.fan("container_spec_cpu_quota", "gauge", "CPU quota (microseconds per period).", (svc,), const(200000))
    c.fan("kube_pod_container_status_restarts_total", "counter", "Container restarts.", (svc,), steady(0.00005))
    c.fan("kube_deployment_status_replicas_available", "gauge", "Available replicas.", (svc,), const(3))
    c.fan("kube_deployment_spec_replicas", "gauge", "Desired replicas.", (svc,), const(3))
    c.fan("kube_horizontalpodautoscaler_status_current_replicas", "gauge", "HPA current replicas.", (svc,),
          lambda sim, s: 2 + round(4 * sim.load))


def _ingress(c):
    host = ("host", ("shop.example.com", "api.example.com"))
    c.fan("nginx_ingress_controller_requests", "counter", "Requests through the ingress.",
          (host, ("status", ("2xx", "3xx", "4xx", "5xx"))),
          lambda sim, s: {"2xx": 300, "3xx": 12, "4xx": 8, "5xx": 0.4}[s.labels["status"]] * sim.load * s.base)
    c.fan("nginx_ingress_controller_request_duration_seconds", "histogram", "Ingress request latency.", (host,),
          latency(300, 0.04, 0.8), buckets=LATENCY_BUCKETS)
    c.fan("nginx_ingress_controller_bytes_sent", "counter", "Bytes sent.", (host,), per_load(9e5))
    c.fan("nginx_ingress_controller_nginx_process_connections", "gauge", "Connections by state.",
          (("state", ("active", "reading", "writing", "waiting")),), level(400, 1.0))
    c.fan("nginx_ingress_controller_ssl_expire_time_seconds", "gauge", "Certificate expiry.", (host,),
          const(1.9e9))
    c.one("nginx_ingress_controller_config_last_reload_successful", "gauge", "Last reload succeeded.", const(1))


def _postgres(c):
    db = ("datname", ("orders", "payments", "accounts"))
    c.fan("pg_up", "gauge", "Whether the database answers.", (db,), const(1))
    c.fan("pg_stat_database_numbackends", "gauge", "Backends connected.", (db,), level(35, 0.8))
    c.fan("pg_stat_database_xact_commit", "counter", "Committed transactions.", (db,), per_load(40))
    c.fan("pg_stat_database_xact_rollback", "counter", "Rolled back transactions.", (db,), per_load(0.3))
    c.fan("pg_stat_database_blks_read", "counter", "Blocks read from disk.", (db,), per_load(200))
    c.fan("pg_stat_database_blks_hit", "counter", "Blocks found in the buffer cache.", (db,), per_load(20000))
    c.fan("pg_stat_database_tup_returned", "counter", "Rows returned.", (db,), per_load(9000))
    c.fan("pg_stat_database_tup_inserted", "counter", "Rows inserted.", (db,), per_load(30))
    c.fan("pg_stat_database_deadlocks", "counter", "Deadlocks.", (db,), steady(0.0005))
    c.fan("pg_stat_database_temp_bytes", "counter", "Temporary file bytes.", (db,), per_load(2e4))
    c.fan("pg_database_size_bytes", "gauge", "Database size.", (db,), growing(4.2e10, 2e7))
    c.fan("pg_replication_lag_seconds", "gauge", "Replication lag.", (db,), drift(0.3, 0.8, 600))
    c.fan("pg_locks_count", "gauge", "Locks held, by mode.",
          (db, ("mode", ("accesssharelock", "rowexclusivelock", "exclusivelock"))), level(6, 1.0))
    c.one("pg_settings_max_connections", "gauge", "max_connections.", const(300))


def _redis(c):
    inst = ("redis", ("sessions", "cache"))
    c.fan("redis_up", "gauge", "Whether Redis answers.", (inst,), const(1))
    c.fan("redis_connected_clients", "gauge", "Connected clients.", (inst,), level(220, 0.6))
    c.fan("redis_blocked_clients", "gauge", "Blocked clients.", (inst,), const(0))
    c.fan("redis_memory_used_bytes", "gauge", "Memory used.", (inst,), drift(3.1e9, 0.05))
    c.fan("redis_memory_max_bytes", "gauge", "maxmemory.", (inst,), const(8e9))
    c.fan("redis_commands_processed_total", "counter", "Commands processed.", (inst,), per_load(5000))
    c.fan("redis_commands_duration_seconds_total", "counter", "Time spent in commands.",
          (inst, ("cmd", ("get", "set", "del", "expire", "hgetall"))), per_load(0.02), integer=False)
    c.fan("redis_keyspace_hits_total", "counter", "Keyspace hits.", (inst,), per_load(4200))
    c.fan("redis_keyspace_misses_total", "counter", "Keyspace misses.", (inst,), per_load(300))
    c.fan("redis_evicted_keys_total", "counter", "Evicted keys.", (inst,), per_load(2))
    c.fan("redis_expired_keys_total", "counter", "Expired keys.", (inst,), per_load(25))
    c.fan("redis_db_keys", "gauge", "Keys in db0.", (inst,), drift(1.2e6, 0.05))
    c.fan("redis_net_input_bytes_total", "counter", "Network bytes in.", (inst,), per_load(4e5))
    c.fan("redis_net_output_bytes_total", "counter", "Network bytes out.", (inst,), per_load(1.2e6))
    c.fan("redis_rejected_connections_total", "counter", "Rejected connections.", (inst,), steady(0.0001))
    c.fan("redis_connected_slaves", "gauge", "Connected replicas.", (inst,), const(2))


def _kafka_broker(c):
    broker = ("broker", ("0", "1", "2"))
    c.fan("kafka_server_brokertopicmetrics_messagesin_total", "counter", "Messages in.", (broker,), per_load(60))
    c.fan("kafka_server_brokertopicmetrics_bytesin_total", "counter", "Bytes in.", (broker,), per_load(6e4))
    c.fan("kafka_server_brokertopicmetrics_bytesout_total", "counter", "Bytes out.", (broker,), per_load(1.8e5))
    c.fan("kafka_server_replicamanager_underreplicatedpartitions", "gauge", "Under-replicated partitions.",
          (broker,), const(0))
    c.fan("kafka_controller_kafkacontroller_activecontrollercount", "gauge", "Active controller.", (broker,),
          lambda sim, s: 1.0 if s.labels["broker"] == "0" else 0.0)
    c.one("kafka_controller_kafkacontroller_offlinepartitionscount", "gauge", "Offline partitions.", const(0))
    c.fan("kafka_network_requestmetrics_totaltimems", "summary", "Request time in ms.",
          (broker, ("request", ("Produce", "FetchConsumer"))), latency(30, 3.0, 0.6))
    c.fan("kafka_log_log_size", "gauge", "Log size per topic.", (("topic", tuple(t for t, _ in CONSUMERS)),),
          growing(2e9, 5e7))


def _elasticsearch(c):
    c.fan("elasticsearch_cluster_health_status", "gauge", "Cluster health (1 for the current colour).",
          (("color", ("green", "yellow", "red")),), lambda sim, s: 1.0 if s.labels["color"] == "green" else 0.0)
    c.one("elasticsearch_cluster_health_number_of_nodes", "gauge", "Nodes in the cluster.", const(3))
    c.one("elasticsearch_cluster_health_active_shards", "gauge", "Active shards.", const(48))
    c.one("elasticsearch_cluster_health_unassigned_shards", "gauge", "Unassigned shards.", const(0))
    c.one("elasticsearch_indices_docs", "gauge", "Documents indexed.", growing(5.4e7, 1.5e4))
    c.one("elasticsearch_indices_search_query_total", "counter", "Search queries.", per_load(140))
    c.one("elasticsearch_indices_search_query_time_seconds", "counter", "Search query time.", per_load(3),
          integer=False)
    c.one("elasticsearch_indices_indexing_index_total", "counter", "Index operations.", per_load(30))
    c.one("elasticsearch_jvm_memory_used_bytes", "gauge", "JVM heap used.", drift(5e9, 0.2, 300))
    c.one("elasticsearch_filesystem_data_available_bytes", "gauge", "Free data disk.", growing(3e11, -2e7))


def _meta(c, svc):
    c.fan("app_build_info", "gauge", "Build information.",
          (svc, ("version", (VERSION,)), ("revision", ("9f3c2ab",))), const(1))
    c.fan("mock_incident_active", "gauge", "1 while a simulated incident of this kind hits this target.",
          (("kind", tuple(INCIDENT_TARGETS)),),
          lambda sim, s: 1.0 if any(i.kind == s.labels["kind"] for i in sim.schedule.active(sim.t)) else 0.0)


# Smaller subsystems, declared as rows: (name, kind, help, dims, behaviour).
MESH_CLUSTER = ("envoy_cluster_name", ("checkout", "payments", "catalog", "search"))
DNS_TYPE = ("type", ("A", "AAAA", "SRV"))
BUCKET = ("bucket", ("invoices", "product-images", "exports"))
IDP = ("provider", ("google", "okta"))
MC = ("memcached", ("mc-a", "mc-b"))
VHOST = ("queue", ("emails", "webhooks", "thumbnails"))
POP = ("pop", ("iad", "fra", "sin"))
MODEL = ("model", ("recs-v7", "fraud-v3"))
PIPE = ("pipeline", ("orders-to-warehouse", "clickstream", "ledger-export"))
NODEPOOL = ("nodepool", ("general", "memory-optimised"))


def _sidecars(c):
    rows = (
        ("envoy_cluster_upstream_rq_total", "counter", "Upstream requests.", (MESH_CLUSTER,), per_load(50)),
        ("envoy_cluster_upstream_rq_xx", "counter", "Upstream requests by class.",
         (MESH_CLUSTER, ("envoy_response_code_class", ("2", "4", "5"))),
         lambda sim, s: {"2": 50, "4": 0.8, "5": 0.1}[s.labels["envoy_response_code_class"]] * sim.load),
        ("envoy_cluster_upstream_rq_time", "histogram", "Upstream request time (ms).", (MESH_CLUSTER,),
         latency(50, 25, 0.7)),
        ("envoy_cluster_upstream_cx_active", "gauge", "Active upstream connections.", (MESH_CLUSTER,), level(30)),
        ("envoy_cluster_upstream_cx_connect_fail", "counter", "Upstream connect failures.", (MESH_CLUSTER,),
         steady(0.002)),
        ("envoy_cluster_upstream_rq_retry", "counter", "Upstream retries.", (MESH_CLUSTER,), per_load(0.2)),
        ("envoy_cluster_upstream_rq_timeout", "counter", "Upstream timeouts.", (MESH_CLUSTER,), per_load(0.05)),
        ("envoy_cluster_upstream_rq_pending_active", "gauge", "Pending upstream requests.", (MESH_CLUSTER,),
         level(1, 2)),
        ("envoy_cluster_membership_healthy", "gauge", "Healthy upstream hosts.", (MESH_CLUSTER,), const(3)),
        ("envoy_cluster_membership_total", "gauge", "Upstream hosts.", (MESH_CLUSTER,), const(3)),
        ("envoy_cluster_outlier_detection_ejections_active", "gauge", "Ejected hosts.", (MESH_CLUSTER,), const(0)),
        ("envoy_server_live", "gauge", "Envoy is live.", (), const(1)),
        ("envoy_server_uptime", "gauge", "Envoy uptime in seconds.", (), lambda sim, s: sim.t - sim.start + 7200),
        ("envoy_server_memory_allocated", "gauge", "Envoy heap allocated.", (), drift(5.2e7, 0.05)),
        ("envoy_http_downstream_rq_active", "gauge", "Active downstream requests.", (), level(40, 1.2)),
        ("envoy_http_downstream_cx_total", "counter", "Downstream connections.", (), per_load(8)),
        ("coredns_dns_requests_total", "counter", "DNS requests.", (DNS_TYPE,), per_load(300)),
        ("coredns_dns_responses_total", "counter", "DNS responses by rcode.",
         (("rcode", ("NOERROR", "NXDOMAIN", "SERVFAIL")),),
         lambda sim, s: {"NOERROR": 280, "NXDOMAIN": 20, "SERVFAIL": 0.05}[s.labels["rcode"]] * sim.load),
        ("coredns_dns_request_duration_seconds", "histogram", "DNS request latency.", (DNS_TYPE,),
         latency(100, 0.0008, 0.6)),
        ("coredns_cache_entries", "gauge", "Cache entries.", (("cache_type", ("success", "denial")),),
         drift(9000, 0.1)),
        ("coredns_cache_hits_total", "counter", "Cache hits.", (("cache_type", ("success", "denial")),),
         per_load(250)),
        ("coredns_cache_misses_total", "counter", "Cache misses.", (), per_load(40)),
        ("coredns_forward_requests_total", "counter", "Forwarded requests.", (), per_load(40)),
        ("coredns_panics_total", "counter", "Panics.", (), const(0)),
    )
    _rows(c, rows)


def _platform(c):
    rows = (
        ("s3_requests_total", "counter", "Object storage requests.",
         (BUCKET, ("operation", ("GetObject", "PutObject", "ListObjectsV2"))), per_load(6)),
        ("s3_request_errors_total", "counter", "Object storage errors.", (BUCKET,), steady(0.004)),
        ("s3_request_duration_seconds", "histogram", "Object storage latency.", (BUCKET,), latency(8, 0.06, 0.7)),
        ("s3_bytes_uploaded_total", "counter", "Bytes uploaded.", (BUCKET,), per_load(3e5)),
        ("s3_bytes_downloaded_total", "counter", "Bytes downloaded.", (BUCKET,), per_load(9e5)),
        ("s3_bucket_objects", "gauge", "Objects in the bucket.", (BUCKET,), growing(2e6, 500)),
        ("oidc_token_requests_total", "counter", "Token requests.", (IDP,), per_load(6)),
        ("oidc_token_errors_total", "counter", "Token request errors.", (IDP,), steady(0.003)),
        ("oidc_token_request_duration_seconds", "summary", "Token request latency.", (IDP,), latency(6, 0.09)),
        ("oidc_jwks_refreshes_total", "counter", "JWKS refreshes.", (IDP,), steady(0.003)),
        ("auth_sessions_revoked_total", "counter", "Sessions revoked.", (), per_load(0.2)),
        ("auth_mfa_challenges_total", "counter", "MFA challenges, by outcome.",
         (("outcome", ("passed", "failed")),),
         lambda sim, s: (2 if s.labels["outcome"] == "passed" else 0.08) * sim.load),
        ("memcached_current_items", "gauge", "Items stored.", (MC,), drift(3.3e5, 0.05)),
        ("memcached_current_connections", "gauge", "Open connections.", (MC,), level(140, 0.5)),
        ("memcached_commands_total", "counter", "Commands, by command and status.",
         (MC, ("command", ("get", "set")), ("status", ("hit", "miss"))), per_load(400)),
        ("memcached_current_bytes", "gauge", "Bytes stored.", (MC,), drift(1.1e9, 0.05)),
        ("memcached_limit_bytes", "gauge", "Memory limit.", (MC,), const(4e9)),
        ("memcached_items_evicted_total", "counter", "Evicted items.", (MC,), per_load(1)),
        ("memcached_up", "gauge", "Whether memcached answers.", (MC,), const(1)),
        ("rabbitmq_queue_messages_ready", "gauge", "Messages ready.", (VHOST,), level(40, 2)),
        ("rabbitmq_queue_messages_unacked", "gauge", "Messages delivered, not acknowledged.", (VHOST,), level(8, 1.5)),
        ("rabbitmq_queue_messages_published_total", "counter", "Messages published.", (VHOST,), per_load(15)),
        ("rabbitmq_queue_messages_delivered_total", "counter", "Messages delivered.", (VHOST,), per_load(15)),
        ("rabbitmq_queue_messages_acked_total", "counter", "Messages acknowledged.", (VHOST,), per_load(15)),
        ("rabbitmq_queue_messages_redelivered_total", "counter", "Messages redelivered.", (VHOST,), per_load(0.05)),
        ("rabbitmq_queue_consumers", "gauge", "Consumers.", (VHOST,), const(4)),
        ("rabbitmq_connections", "gauge", "Open connections.", (), const(36)),
        ("rabbitmq_channels", "gauge", "Open channels.", (), const(72)),
        ("rabbitmq_process_resident_memory_bytes", "gauge", "Broker memory.", (), drift(6e8, 0.05)),
        ("rabbitmq_disk_space_available_bytes", "gauge", "Broker free disk.", (), drift(8e10, 0.01)),
        ("rabbitmq_alarms_memory_used_watermark", "gauge", "Memory alarm raised.", (), const(0)),
        ("cdn_requests_total", "counter", "Edge requests.", (POP, ("cache_status", ("HIT", "MISS"))),
         lambda sim, s: (400 if s.labels["cache_status"] == "HIT" else 35) * sim.load * s.base),
        ("cdn_bytes_served_total", "counter", "Edge bytes served.", (POP,), per_load(4e7)),
        ("cdn_origin_errors_total", "counter", "Origin errors seen by the edge.", (POP,), steady(0.01)),
        ("cdn_edge_latency_seconds", "histogram", "Edge time to first byte.", (POP,), latency(400, 0.018, 0.5)),
        ("email_provider_requests_total", "counter", "Calls to the email provider.",
         (("status", ("accepted", "rejected")),),
         lambda sim, s: (6 if s.labels["status"] == "accepted" else 0.05) * sim.load),
        ("email_provider_quota_remaining", "gauge", "Emails left in today's quota.", (),
         lambda sim, s: 500000 - 5 * ((sim.t % 86400.0))),
        ("email_provider_latency_seconds", "summary", "Email provider latency.", (), latency(6, 0.2)),
        ("email_complaints_total", "counter", "Spam complaints.", (), steady(0.0005)),
        ("model_inference_requests_total", "counter", "Model inferences.", (MODEL,), per_load(70)),
        ("model_inference_duration_seconds", "histogram", "Inference latency.", (MODEL,),
         latency(70, 0.011, 0.5)),
        ("model_inference_errors_total", "counter", "Inference errors.", (MODEL,), steady(0.003)),
        ("model_loaded_version_timestamp_seconds", "gauge", "When the loaded model was trained.", (MODEL,),
         lambda sim, s: sim.start - 3 * 86400 * s.base),
        ("model_feature_store_lookup_seconds", "summary", "Feature store lookups.", (MODEL,), latency(70, 0.002)),
        ("model_prediction_score", "summary", "Scores returned.", (MODEL,), latency(70, 0.4, 0.3)),
        ("websocket_connections", "gauge", "Open websocket connections.", (), level(3000, 1.3)),
        ("websocket_messages_sent_total", "counter", "Websocket messages sent.", (), per_load(900)),
        ("websocket_messages_received_total", "counter", "Websocket messages received.", (), per_load(300)),
        ("websocket_disconnects_total", "counter", "Websocket disconnects, by reason.",
         (("reason", ("client", "idle_timeout", "server_error")),), per_load(1)),
        ("etl_pipeline_runs_total", "counter", "Pipeline runs, by outcome.",
         (PIPE, ("outcome", ("success", "failure"))),
         lambda sim, s: (0.02 if s.labels["outcome"] == "success" else 0.0005) * s.base),
        ("etl_pipeline_rows_processed_total", "counter", "Rows processed.", (PIPE,), per_load(900)),
        ("etl_pipeline_duration_seconds", "summary", "Pipeline run duration.", (PIPE,),
         lambda sim, s: (0.02, 35 * s.base, 0.4)),
        ("etl_pipeline_last_success_timestamp_seconds", "gauge", "When the pipeline last succeeded.", (PIPE,),
         lambda sim, s: sim.t - (sim.t % 60.0)),
        ("etl_pipeline_watermark_lag_seconds", "gauge", "Event-time lag.", (PIPE,), drift(45, 0.6, 900)),
        ("etl_pipeline_backlog_rows", "gauge", "Rows waiting.", (PIPE,), level(1200, 1.5)),
        ("ledger_entries_posted_total", "counter", "Ledger entries posted.", (("book", ("sales", "refunds")),),
         per_load(8)),
        ("ledger_imbalance_dollars", "gauge", "Debits minus credits.", (("book", ("sales", "refunds")),), const(0)),
        ("ledger_reconciliation_mismatches", "gauge", "Open reconciliation mismatches.", (), drift(2, 1.0, 3600)),
        ("fraud_checks_total", "counter", "Fraud checks, by verdict.",
         (("verdict", ("allow", "review", "deny")),),
         lambda sim, s: {"allow": 4, "review": 0.2, "deny": 0.05}[s.labels["verdict"]] * sim.load),
        ("fraud_check_duration_seconds", "histogram", "Fraud check latency.", (), latency(4, 0.07, 0.5)),
        ("fraud_rules_loaded", "gauge", "Fraud rules loaded.", (), const(412)),
        ("search_index_documents", "gauge", "Documents in the search index.", (), growing(1.8e6, 200)),
        ("search_index_refreshes_total", "counter", "Index refreshes.", (), steady(1)),
        ("search_index_update_lag_seconds", "gauge", "Catalog change to searchable.", (), drift(4, 0.6, 300)),
        ("search_query_duration_seconds", "histogram", "Search engine query latency.",
         (("kind", ("full_text", "facet", "suggest")),), latency(40, 0.03, 0.7, "latency_spike", None)),
        ("feature_store_online_reads_total", "counter", "Online feature reads.", (MODEL,), per_load(70)),
        ("feature_store_staleness_seconds", "gauge", "Age of the newest features.", (MODEL,), drift(120, 0.5, 900)),
        ("ab_test_exposures_total", "counter", "Experiment exposures.",
         (("experiment", ("checkout-button", "free-shipping-banner")), ("variant", ("control", "treatment"))),
         per_load(6)),
        ("ab_test_conversions_total", "counter", "Experiment conversions.",
         (("experiment", ("checkout-button", "free-shipping-banner")), ("variant", ("control", "treatment"))),
         per_load(0.4)),
        ("reviews_submitted_total", "counter", "Product reviews submitted.", (), per_load(0.3)),
        ("reviews_moderation_queue", "gauge", "Reviews waiting for moderation.", (), level(25, 1.5)),
        ("wishlist_items", "gauge", "Items on wishlists.", (), growing(8.1e5, 40)),
        ("loyalty_points_issued_total", "counter", "Loyalty points issued.", (), per_load(900)),
        ("loyalty_points_redeemed_total", "counter", "Loyalty points redeemed.", (), per_load(300)),
        ("gift_cards_issued_total", "counter", "Gift cards issued.", (), per_load(0.05)),
        ("tax_calculations_total", "counter", "Tax calculations.", (("market", ("us", "eu", "apac")),), per_load(5)),
        ("currency_rates_age_seconds", "gauge", "Age of the exchange rates.", (), lambda sim, s: sim.t % 3600.0),
        ("support_tickets_open", "gauge", "Open support tickets.", (("priority", ("low", "normal", "urgent")),),
         drift(40, 0.3, 7200)),
        ("support_tickets_created_total", "counter", "Support tickets created.", (), per_load(0.1)),
        ("webhook_deliveries_total", "counter", "Webhook deliveries, by outcome.",
         (("outcome", ("delivered", "retrying", "failed")),),
         lambda sim, s: {"delivered": 9, "retrying": 0.1, "failed": 0.01}[s.labels["outcome"]] * sim.load),
        ("webhook_delivery_duration_seconds", "histogram", "Webhook delivery latency.", (), latency(9, 0.25, 0.8)),
        ("dns_resolution_failures_total", "counter", "Resolver failures seen by services.", (), steady(0.002)),
        ("ntp_clock_skew_seconds", "gauge", "Measured clock skew.", (), drift(0.0005, 1.0, 600)),
        ("kube_node_status_condition", "gauge", "Node conditions.",
         (NODEPOOL, ("condition", ("Ready", "MemoryPressure", "DiskPressure"))),
         lambda sim, s: 1.0 if s.labels["condition"] == "Ready" else 0.0),
        ("kube_node_status_allocatable_cpu_cores", "gauge", "Allocatable CPU.", (NODEPOOL,), const(15.5)),
        ("kube_node_status_allocatable_memory_bytes", "gauge", "Allocatable memory.", (NODEPOOL,), const(6.2e10)),
        ("kube_pod_status_phase", "gauge", "Pods by phase.",
         (NODEPOOL, ("phase", ("Running", "Pending", "Failed"))),
         lambda sim, s: {"Running": 38, "Pending": 0, "Failed": 0}[s.labels["phase"]]),
        ("kube_nodepool_nodes", "gauge", "Nodes in the pool.", (NODEPOOL,), lambda sim, s: 3 + round(3 * sim.load)),
        ("certmanager_certificate_expiration_timestamp_seconds", "gauge", "Certificate expiry.",
         (("name", ("shop-tls", "api-tls")),), const(1.9e9)),
        ("certmanager_certificate_ready_status", "gauge", "Certificate ready.", (("name", ("shop-tls", "api-tls")),),
         const(1)),
    )
    _rows(c, rows)


def _rows(c, rows):
    for name, kind, help_text, dims, fn in rows:
        buckets = LATENCY_BUCKETS if kind == "histogram" else ()
        if name == "envoy_cluster_upstream_rq_time":
            buckets = (1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500)
        c.fan(name, kind, help_text, dims, fn, buckets=buckets)


def family_count(sim):
    return len(sim.families)


def series_count(sim):
    return sum(len(f.series) for f in sim.families)
