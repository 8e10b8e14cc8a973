package io.vmrules.rules.online;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.LoadedGroup;
import io.vmrules.rules.model.LoadedRule;
import io.vmrules.rules.model.RecordingRuleSpec;
import io.vmrules.rules.validate.Validation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The online checks of {@code rules validate --datasource.url}: asks the datasource, for every rule
 * of a Prometheus-type group that compiled, whether it can ever work. Rules are checked {@code
 * concurrency} at a time; every distinct question is asked once and its answer shared between rules
 * ({@link SharedAnswers}). Findings are warnings (errors under {@code --strict}); a datasource that
 * cannot be reached gives one {@code online.unreachable} error instead.
 */
public final class OnlineChecks {
  /** What a run found and what it cost. */
  public record Result(
      List<Finding> findings,
      List<RuleStats> stats,
      int rulesChecked,
      long questions,
      long queriesSent,
      Duration took) {
    public Result {
      findings = List.copyOf(findings);
      stats = List.copyOf(stats);
    }

    /** Whether the datasource could not be reached (exit status 2). */
    public boolean unreachable() {
      for (Finding f : findings) {
        if (f.code().equals(OnlineCodes.UNREACHABLE)) {
          return true;
        }
      }
      return false;
    }
  }

  private final OnlineApi api;
  private final String datasource;
  private final OnlineOptions options;
  private final Validation.Options validation;
  private final InstantSource clock;

  /**
   * @param datasource the datasource URL as messages show it (without credentials)
   */
  public OnlineChecks(
      OnlineApi api,
      String datasource,
      OnlineOptions options,
      Validation.Options validation,
      InstantSource clock) {
    this.api = api;
    this.datasource = datasource;
    this.options = options;
    this.validation = validation;
    this.clock = clock;
  }

  public Result check(List<LoadedFile> files) throws InterruptedException {
    long started = System.nanoTime();
    SharedAnswers shared = new SharedAnswers(api, options.concurrency());
    Run run = new Run(shared, clock.instant(), files);
    try {
      shared.ask(run.instant("1", Map.of(), Map.of(), 0, false));
    } catch (OnlineException e) {
      return unreachable(e, shared, started);
    }
    List<RuleCheck> checks = new ArrayList<>();
    for (LoadedFile file : files) {
      for (LoadedGroup g : file.groups()) {
        String type = g.spec().type();
        if ("graphite".equals(type) || "vlogs".equals(type)) {
          continue; // Graphite and LogsQL: not a Prometheus API's questions
        }
        for (LoadedRule r : g.rules()) {
          checks.add(new RuleCheck(run, g.spec(), r));
        }
      }
    }
    List<Finding> findings = new ArrayList<>();
    List<RuleStats> stats = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.concurrency(), r -> new Thread(null, r, "online", 1L << 26));
    try {
      List<Future<RuleCheck.Outcome>> futures = new ArrayList<>(checks.size());
      for (RuleCheck c : checks) {
        futures.add(pool.submit(c::check));
      }
      for (Future<RuleCheck.Outcome> f : futures) {
        try {
          RuleCheck.Outcome o = f.get();
          findings.addAll(o.findings());
          if (o.stats() != null) {
            stats.add(o.stats());
          }
        } catch (ExecutionException e) {
          if (e.getCause() instanceof OnlineException oe
              && oe.kind() == OnlineException.Kind.UNREACHABLE) {
            continue; // reported once, below
          }
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (shared.unreachable() != null) {
      return unreachable(shared.unreachable(), shared, started);
    }
    List<Finding> kept = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (!validation.disabled().contains(f.code())) {
        kept.add(validation.strict() ? f.asError() : f);
      }
    }
    return new Result(
        kept,
        stats,
        checks.size(),
        shared.asked(),
        shared.sent(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private Result unreachable(OnlineException e, SharedAnswers shared, long started) {
    Finding f =
        new Finding(
            datasource,
            1,
            1,
            Finding.Level.ERROR,
            OnlineCodes.UNREACHABLE,
            "",
            "",
            "cannot check the rules online against "
                + datasource
                + ": "
                + e.getMessage()
                + " (no online check ran)");
    return new Result(
        List.of(f),
        List.of(),
        0,
        shared.asked(),
        shared.sent(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** What the rule checks of one run share: the questions' time range, options, names recorded. */
  final class Run {
    final SharedAnswers api;
    final Instant now;
    final Set<String> recorded = new HashSet<>();
    private final String start;
    private final String end;

    Run(SharedAnswers api, Instant now, List<LoadedFile> files) {
      this.api = api;
      this.now = Instant.ofEpochSecond(now.getEpochSecond());
      this.end = Long.toString(this.now.getEpochSecond());
      this.start = Long.toString(this.now.minus(options.lookback()).getEpochSecond());
      for (LoadedFile f : files) {
        for (LoadedGroup g : f.groups()) {
          for (LoadedRule r : g.rules()) {
            if (r.spec() instanceof RecordingRuleSpec rec) {
              recorded.add(rec.name());
            }
          }
        }
      }
    }

    OnlineOptions options() {
      return options;
    }

    Dialect dialect() {
      return validation.dialect();
    }

    Duration defaultInterval() {
      return validation.defaultInterval();
    }

    Set<String> disabled() {
      return validation.disabled();
    }

    /** Values of {@code label} on series matching {@code match} (all series when null). */
    Question labelValues(
        String label,
        String match,
        Map<String, List<String>> params,
        Map<String, String> headers,
        int keep) {
      Map<String, List<String>> p = new TreeMap<>(params);
      if (match != null) {
        p.put("match[]", List.of(match));
      }
      p.put("start", List.of(start));
      p.put("end", List.of(end));
      return new Question(
          "/api/v1/label/" + URLEncoder.encode(label, StandardCharsets.UTF_8) + "/values",
          p,
          headers,
          keep);
    }

    Question instant(
        String query,
        Map<String, List<String>> params,
        Map<String, String> headers,
        int keep,
        boolean trace) {
      Map<String, List<String>> p = new TreeMap<>(params);
      p.put("query", List.of(query));
      p.put("time", List.of(end));
      if (trace) {
        p.put("trace", List.of("1"));
      }
      return new Question("/api/v1/query", p, headers, keep);
    }

    /**
     * A range query over the lookback at {@code step}, its end aligned to the step (as
     * VictoriaMetrics aligns it), with at most 11,000 points a series (Prometheus' limit).
     */
    Question range(
        String query,
        Duration step,
        Map<String, List<String>> params,
        Map<String, String> headers,
        int keep) {
      long stepSeconds =
          Math.max(
              Math.max(1, step.toSeconds()), (options.lookback().toSeconds() + 10_999) / 11_000);
      long last = Math.floorDiv(now.getEpochSecond(), stepSeconds) * stepSeconds;
      long first = last - Math.floorDiv(options.lookback().toSeconds(), stepSeconds) * stepSeconds;
      Map<String, List<String>> p = new TreeMap<>(params);
      p.put("query", List.of(query));
      p.put("start", List.of(Long.toString(first)));
      p.put("end", List.of(Long.toString(last)));
      p.put("step", List.of(Long.toString(stepSeconds)));
      p.put("trace", List.of("1"));
      return new Question("/api/v1/query_range", p, headers, keep);
    }
  }
}
