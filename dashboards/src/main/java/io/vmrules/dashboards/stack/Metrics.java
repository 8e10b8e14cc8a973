package io.vmrules.dashboards.stack;

/**
 * Every metric name the stack's dashboards query, in one place: the components' own names
 * (VictoriaMetrics, vmagent, blackbox, Prometheus), the engine's self-metrics (design §6, prefix
 * {@code vmrules_}) and the recording rules shipped in {@code rules/}.
 */
public final class Metrics {
  private Metrics() {}

  public static final String UP = "up";
  public static final String ALERTS = "ALERTS";

  /** Scrape jobs of vmagent-monitoring and of the vmagents' self-scrape. */
  public static final class Jobs {
    private Jobs() {}

    public static final String VMAGENT = "vmagent";
    public static final String VMINSERT = "vminsert";
    public static final String VMSELECT = "vmselect";
    public static final String VMSTORAGE = "vmstorage";
    public static final String RULES_ENGINE = "rules-engine";
  }

  /** vmagent (scraping and remote write). */
  public static final class Vmagent {
    private Vmagent() {}

    public static final String SCRAPED_SAMPLES = "vm_promscrape_scraped_samples_sum";
    public static final String SCRAPES_FAILED = "vm_promscrape_scrapes_failed_total";
    public static final String TARGETS = "vm_promscrape_targets";
    public static final String ROWS_SENT = "vmagent_remotewrite_block_size_rows_sum";
    public static final String REQUESTS = "vmagent_remotewrite_requests_total";
    public static final String PENDING_BYTES = "vmagent_remotewrite_pending_data_bytes";
    public static final String SAMPLES_DROPPED = "vmagent_remotewrite_samples_dropped_total";
    public static final String RETRIES = "vmagent_remotewrite_retries_count_total";
    public static final String SEND_DURATION = "vmagent_remotewrite_send_duration_seconds_total";
    public static final String QUEUE_BYTES_PENDING = "vm_persistentqueue_bytes_pending";
  }

  /** VictoriaMetrics cluster components (vminsert, vmselect, vmstorage). */
  public static final class Vm {
    private Vm() {}

    public static final String ROWS_INSERTED = "vm_rows_inserted_total";
    public static final String RPC_ROWS_SENT = "vm_rpc_rows_sent_total";
    public static final String STORAGE_REACHABLE = "vm_rpc_vmstorage_is_reachable";
    public static final String ROWS_INCOMPLETELY_REPLICATED =
        "vm_rpc_rows_incompletely_replicated_total";
    public static final String HTTP_REQUESTS = "vm_http_requests_total";
    public static final String HTTP_ERRORS = "vm_http_request_errors_total";
    public static final String REQUEST_DURATION = "vm_request_duration_seconds";
    public static final String PARTIAL_RESULTS = "vm_partial_results_total";
    public static final String CONCURRENT_SELECTS = "vm_concurrent_select_current";
    public static final String SLOW_QUERIES = "vm_slow_queries_total";
    public static final String FREE_DISK = "vm_free_disk_space_bytes";
    public static final String DATA_SIZE = "vm_data_size_bytes";
    public static final String ROWS_ADDED = "vm_rows_added_to_storage_total";
    public static final String CACHE_ENTRIES = "vm_cache_entries";

    /** {@code vm_cache_entries{type=...}} that counts series active in the last hour. */
    public static final String ACTIVE_SERIES_CACHE = "storage/hour_metric_ids";
  }

  /** Process metrics every Go and Java exporter here exposes. */
  public static final class ProcessMetrics {
    private ProcessMetrics() {}

    public static final String CPU_SECONDS = "process_cpu_seconds_total";
    public static final String RESIDENT_MEMORY = "process_resident_memory_bytes";
  }

  /** blackbox-exporter probes, labelled source_region/target_region by the probing vmagent. */
  public static final class Probe {
    private Probe() {}

    public static final String SUCCESS = "probe_success";
    public static final String DURATION = "probe_duration_seconds";
    public static final String HTTP_PHASE_DURATION = "probe_http_duration_seconds";
    public static final String HTTP_STATUS = "probe_http_status_code";
  }

  /** The rule engine's self-metrics (design §6). */
  public static final class Engine {
    private Engine() {}

    public static final String ITERATIONS = "vmrules_group_iterations_total";
    public static final String ITERATIONS_MISSED = "vmrules_group_iterations_missed_total";
    public static final String ITERATION_DURATION_BUCKET =
        "vmrules_group_iteration_duration_seconds_bucket";
    public static final String EVALUATION_ERRORS = "vmrules_rule_evaluation_errors_total";
    public static final String ALERTS = "vmrules_alerts";
    public static final String NOTIFICATIONS_SENT = "vmrules_notifications_sent_total";
    public static final String NOTIFICATION_ERRORS = "vmrules_notification_errors_total";
    public static final String RW_SAMPLES_SENT = "vmrules_remote_write_samples_sent_total";
    public static final String RW_SAMPLES_DROPPED = "vmrules_remote_write_samples_dropped_total";
    public static final String RW_QUEUE_SIZE = "vmrules_remote_write_queue_size";
    public static final String RELOAD_SUCCESSFUL = "vmrules_config_last_reload_successful";
    public static final String RELOAD_SUCCESS_TIME =
        "vmrules_config_last_reload_success_timestamp_seconds";
  }

  /** The legacy Prometheus remote-write receiver. */
  public static final class Prometheus {
    private Prometheus() {}

    public static final String HTTP_REQUESTS = "prometheus_http_requests_total";
    public static final String WRITE_HANDLER = "/api/v1/write";
    public static final String HEAD_SERIES = "prometheus_tsdb_head_series";
    public static final String SAMPLES_APPENDED = "prometheus_tsdb_head_samples_appended_total";
    public static final String OUT_OF_ORDER = "prometheus_tsdb_out_of_order_samples_total";
    public static final String OUT_OF_BOUNDS = "prometheus_tsdb_out_of_bound_samples_total";
    public static final String BUILD_INFO = "prometheus_build_info";
  }

  /** Recording rules shipped in {@code rules/stack-recording.yml}. */
  public static final class Recorded {
    private Recorded() {}

    public static final String HTTP_REQUESTS_RATE = "cluster_service:http_requests:rate5m";
    public static final String HTTP_ERRORS_RATE = "cluster_service:http_errors:rate5m";
    public static final String HTTP_P99 = "cluster_service:http_request_duration_seconds:p99_5m";
    public static final String PROBE_SUCCESS_AVG = "source_target:probe_success:avg5m";
  }
}
