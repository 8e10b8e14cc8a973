package io.vmrules.rules.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.validate.Validation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule files varied one field at a time: promtool ({@code --dialect promql}) and vmalert ({@code
 * metricsql}) must reject exactly the files we report errors in, but for the differences listed
 * below with their reasons. Expressions are ConformanceIT's business; here they are fixed.
 */
class SchemaConformanceIT {
  /** {@code group.KEY} or {@code rule.KEY}, and a YAML value. */
  private static final String[][] VARIANTS = {
    {"group.limit", "0"},
    {"group.limit", "10"},
    {"group.limit", "-1"},
    {"group.limit", "1.5"},
    {"group.limit", "'10'"},
    {"group.limit", "abc"},
    {"group.limit", "null"},
    {"group.concurrency", "1"},
    {"group.concurrency", "0"},
    {"group.concurrency", "-2"},
    {"group.interval", "1m"},
    {"group.interval", "0"},
    {"group.interval", "null"},
    {"group.interval", "''"},
    {"group.interval", "5"},
    {"group.interval", "1.5m"},
    {"group.query_offset", "1m"},
    {"group.eval_offset", "30s"},
    {"group.type", "prometheus"},
    {"group.type", "foo"},
    {"group.type", "''"},
    {"group.labels", "{team: a}"},
    {"group.labels", "{'1bad': a}"},
    {"group.labels", "{__x: y}"},
    {"group.labels", "{a: null}"},
    {"group.labels", "{a: 1}"},
    {"group.labels", "[]"},
    {"group.params", "{nocache: ['1']}"},
    {"group.params", "{nocache: '1'}"},
    {"group.headers", "['X-A: b']"},
    {"group.headers", "{a: b}"},
    {"group.name", "''"},
    {"group.name", "null"},
    {"group.name", "123"},
    {"group.name", "'a b'"},
    {"rule.record", "a:b:c"},
    {"rule.record", "a-b"},
    {"rule.record", "'1abc'"},
    {"rule.record", "a.b"},
    {"rule.record", "''"},
    {"rule.record", "null"},
    {"rule.alert", "A"},
    {"rule.alert", "'a b'"},
    {"rule.alert", "''"},
    {"rule.alert", "null"},
    {"rule.for", "5m"},
    {"rule.for", "0"},
    {"rule.for", "-1m"},
    {"rule.for", "5"},
    {"rule.for", "null"},
    {"rule.keep_firing_for", "5m"},
    {"rule.labels", "{severity: page}"},
    {"rule.labels", "{'1bad': a}"},
    {"rule.labels", "{__name__: x}"},
    {"rule.labels", "{a: null}"},
    {"rule.labels", "{a: 1}"},
    {"rule.labels", "{alertname: x}"},
    {"rule.annotations", "{summary: x}"},
    {"rule.annotations", "{summary: null}"},
    {"rule.annotations", "{summary: 1}"},
    {"rule.annotations", "{'bad key': x}"},
    {"rule.expr", "up"},
    {"rule.expr", "1"},
    {"rule.expr", "'up{'"},
    {"rule.expr", "null"},
    {"rule.expr", "''"},
    {"rule.debug", "true"},
    {"rule.update_entries_limit", "1"},
  };

  /** Where promtool (2.42) and we part, and why we do. */
  private static final Map<String, String> PROMQL_INTENDED =
      Map.ofEntries(
          Map.entry("group.limit=-1", "a negative limit is a mistake; Prometheus reads it as none"),
          Map.entry("group.limit=1.5", "a fractional limit is a mistake; Prometheus cuts it"),
          Map.entry(
              "group.query_offset=1m",
              "Prometheus 2.53 added query_offset; the packaged promtool predates it"),
          Map.entry(
              "group.labels={team: a}",
              "Prometheus 3 added group labels; the packaged promtool predates them"),
          Map.entry("group.labels={a: null}", "as above"),
          Map.entry("group.labels={a: 1}", "as above"),
          Map.entry(
              "rule.record=null",
              "Prometheus reads YAML null as the name \"null\"; vmalert and we as no name"),
          Map.entry("rule.alert=null", "as above"));

  /** Where vmalert (1.79) and we part, and why we do. */
  private static final Map<String, String> METRICSQL_INTENDED =
      Map.ofEntries(
          Map.entry("group.limit=-1", "a negative limit is a mistake"),
          Map.entry("group.limit=1.5", "a fractional limit is a mistake"),
          Map.entry("group.concurrency=-2", "a negative concurrency is a mistake"),
          Map.entry(
              "group.labels={'1bad': a}", "label names follow Prometheus' syntax in both dialects"),
          Map.entry(
              "group.labels={__x: y}", "names starting with __ are reserved, as in Prometheus"),
          Map.entry("rule.labels={'1bad': a}", "as above"),
          Map.entry("rule.labels={__name__: x}", "as above"),
          Map.entry(
              "rule.record=a-b",
              "metric names follow Prometheus' syntax: PromQL selects others only by {__name__=...}"),
          Map.entry("rule.record='1abc'", "as above"),
          Map.entry("rule.record=a.b", "as above"),
          Map.entry(
              "group.query_offset=1m", "newer vmalert versions take Prometheus' query_offset"),
          Map.entry("group.headers=['X-A: b']", "newer vmalert versions take group headers"),
          Map.entry("rule.for=-1m", "a negative for is a mistake; vmalert reads it as 0"),
          Map.entry(
              "rule.keep_firing_for=5m",
              "vmalert 1.96 added keep_firing_for; the packaged vmalert predates it"),
          Map.entry(
              "rule.debug=true", "vmalert 1.82 added debug; the packaged vmalert predates it"),
          Map.entry(
              "rule.update_entries_limit=1", "newer vmalert versions take update_entries_limit"));

  @TempDir Path dir;

  @Test
  void promtoolRejectsExactlyWhatWeReject() throws Exception {
    List<String> disagreements =
        compare(Dialect.PROMQL, PROMQL_INTENDED, RuleFileVerdict.promtool());
    assertThat(disagreements).as("rule files promtool judges otherwise").isEmpty();
  }

  @Test
  void vmalertRejectsExactlyWhatWeReject() throws Exception {
    List<String> disagreements =
        compare(Dialect.METRICSQL, METRICSQL_INTENDED, RuleFileVerdict.vmalert());
    assertThat(disagreements).as("rule files vmalert judges otherwise").isEmpty();
  }

  /**
   * The unexplained disagreements, and, so that the list stays true, every listed one that is gone.
   */
  private List<String> compare(Dialect dialect, Map<String, String> intended, RuleFileVerdict tool)
      throws Exception {
    List<String> out = new ArrayList<>();
    Set<String> listed = new HashSet<>(intended.keySet());
    for (String[] v : VARIANTS) {
      String id = v[0] + "=" + v[1];
      String text = ruleFile(v[0], v[1]);
      Path file = dir.resolve("variant.yml");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      boolean theirs = tool.accepts(file);
      boolean ours =
          new Validation(Validation.Options.of(dialect))
                  .validate(Map.of("variant.yml", text.getBytes(StandardCharsets.UTF_8)))
                  .report()
                  .errors()
              == 0;
      if (theirs != ours && !listed.remove(id)) {
        out.add(id + ": " + (theirs ? "they accept, we reject" : "they reject, we accept"));
      }
    }
    for (String gone : listed) {
      out.add(gone + ": listed as a difference, but we agree now");
    }
    return out;
  }

  /**
   * A one-group file with an alerting rule (a recording one to vary {@code record}), one field set.
   */
  static String ruleFile(String where, String value) {
    String key = where.substring(where.indexOf('.') + 1);
    StringBuilder b = new StringBuilder("groups:\n");
    b.append("  - name: ")
        .append(key.equals("name") && where.startsWith("group") ? value : "g")
        .append('\n');
    if (where.startsWith("group") && !key.equals("name")) {
      b.append("    ").append(key).append(": ").append(value).append('\n');
    }
    b.append("    rules:\n");
    if (where.equals("rule.record")) {
      return b.append("      - record: ")
          .append(value)
          .append("\n        expr: sum by (job) (up)\n")
          .toString();
    }
    b.append("      - alert: ").append(where.equals("rule.alert") ? value : "A").append('\n');
    b.append("        expr: ").append(where.equals("rule.expr") ? value : "up == 0").append('\n');
    if (where.startsWith("rule") && !List.of("alert", "expr").contains(key)) {
      b.append("        ").append(key).append(": ").append(value).append('\n');
    }
    return b.toString();
  }
}
