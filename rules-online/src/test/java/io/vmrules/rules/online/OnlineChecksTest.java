package io.vmrules.rules.online;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.validate.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The run around the rule checks, with a fake datasource: sharing, one unreachable finding. */
class OnlineChecksTest {
  private static final Answer EMPTY = new Answer(List.of(), List.of(), 0, 0, -1, Duration.ZERO);
  private static final Answer ONE = new Answer(List.of("x"), List.of(), 1, 1, -1, Duration.ZERO);

  private static OnlineChecks.Result run(String rules, OnlineApi api, int concurrency)
      throws Exception {
    Validation.Options v =
        new Validation.Options(Dialect.METRICSQL, false, Set.of(), Duration.ofMinutes(1));
    Validation.Outcome outcome =
        new Validation(v).validate(Map.of("r.yml", rules.getBytes(StandardCharsets.UTF_8)));
    OnlineOptions o = new OnlineOptions(Duration.ofHours(1), concurrency, 100, 10_000, 200);
    return new OnlineChecks(
            api, "http://ds", o, v, InstantSource.fixed(Instant.ofEpochSecond(1_000_000_000L)))
        .check(outcome.files());
  }

  private static String rules(int n) {
    StringBuilder b = new StringBuilder("groups:\n  - name: g\n    rules:\n");
    for (int i = 0; i < n; i++) {
      b.append("      - record: r:")
          .append(i)
          .append("\n        expr: sum(up{job=\"a\"}) + ")
          .append(i)
          .append('\n');
    }
    return b.toString();
  }

  @Test
  void aDatasourceThatFailsMidRunGivesOneFindingAndNoMoreQuestions() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    OnlineApi api =
        q -> {
          if (calls.incrementAndGet() == 1) {
            return ONE; // the probe
          }
          throw new OnlineException(OnlineException.Kind.UNREACHABLE, "HTTP 502: bad gateway");
        };
    OnlineChecks.Result r = run(rules(50), api, 4);
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(OnlineCodes.UNREACHABLE);
              assertThat(f.file()).isEqualTo("http://ds");
              assertThat(f.message()).contains("HTTP 502: bad gateway");
            });
    assertThat(r.unreachable()).isTrue();
    assertThat(calls.get()).isLessThanOrEqualTo(1 + 4); // the probe, then one per thread at most
  }

  @Test
  void rulesThatShareASelectorAskAboutItOnce() throws Exception {
    Map<String, AtomicInteger> asked = new java.util.concurrent.ConcurrentHashMap<>();
    OnlineApi api =
        q -> {
          asked
              .computeIfAbsent(q.path() + " " + q.subject(), k -> new AtomicInteger())
              .incrementAndGet();
          return q.asksForValues() ? ONE : EMPTY;
        };
    OnlineChecks.Result r = run(rules(50), api, 3);
    assertThat(r.findings()).isEmpty();
    assertThat(asked.get("/api/v1/label/__name__/values up{job=\"a\"}").get()).isEqualTo(1);
    assertThat(asked.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(r.queriesSent()).isEqualTo(1 + 1 + 50); // probe, the selector, each rule's query
    assertThat(r.questions()).isEqualTo(1 + 50 + 50);
  }
}
