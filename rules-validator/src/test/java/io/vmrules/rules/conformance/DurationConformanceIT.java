package io.vmrules.rules.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group intervals written every which way: promtool must accept exactly the ones {@link
 * DurationText#prometheus} reads, and vmalert exactly the ones {@link DurationText#vmalert} reads.
 * Known forms plus strings made of the syntaxes' pieces at random.
 */
class DurationConformanceIT {
  private static final List<String> KNOWN =
      List.of(
          "0",
          "00",
          "0s",
          "000ms",
          "5m",
          "1h30m",
          "1y2w",
          "5ms",
          "1m5ms",
          "01m",
          "1y1y",
          "1m1h",
          "5ms1s",
          "1.5m",
          "5",
          "-5m",
          "5M",
          "5mi",
          "292y",
          "293y",
          "106752d",
          "9223372036854ms",
          "9223372036855ms",
          "99999999999999999999y",
          "1.5",
          "-5",
          "1e3",
          "+5",
          "1.",
          ".5",
          "1_0",
          "-0",
          "nan",
          "inf",
          "Inf",
          "1e400",
          "0x10",
          "0x1p4",
          "5i",
          "0.5s",
          "1h-5m",
          "-.5m",
          "5.m",
          ".5m",
          "5K",
          "5S",
          "1h30",
          "30m1",
          "+5m",
          "1_000s",
          "5.5.5",
          "1000y");
  private static final String[] PIECES = {
    "0", "1", "5", "00", ".", "-", "+", "e3", "_", "m", "s", "ms", "h", "d", "w", "y", "i", "M",
    "x", "inf", "nan",
  };

  @TempDir Path dir;

  @Test
  void promtoolReadsIntervalsAsWeDo() throws Exception {
    List<String> disagreements =
        disagreements(text -> DurationText.prometheus(text).ok(), RuleFileVerdict.promtool());
    assertThat(disagreements).as("intervals promtool reads otherwise").isEmpty();
  }

  @Test
  void vmalertReadsIntervalsAsWeDo() throws Exception {
    List<String> disagreements =
        disagreements(text -> DurationText.vmalert(text).ok(), RuleFileVerdict.vmalert());
    assertThat(disagreements).as("intervals vmalert reads otherwise").isEmpty();
  }

  private List<String> disagreements(Predicate<String> ours, RuleFileVerdict tool)
      throws Exception {
    Set<String> texts = new LinkedHashSet<>(KNOWN);
    Random random = new Random(11);
    while (texts.size() < KNOWN.size() + 60) {
      StringBuilder b = new StringBuilder();
      for (int p = 1 + random.nextInt(4); p > 0; p--) {
        b.append(PIECES[random.nextInt(PIECES.length)]);
      }
      texts.add(b.toString());
    }
    List<String> out = new ArrayList<>();
    for (String text : texts) {
      Path file = dir.resolve("interval.yml");
      Files.writeString(
          file,
          "groups:\n  - name: g\n    interval: \""
              + text
              + "\"\n    rules:\n"
              + "      - record: job:up:sum\n        expr: sum by (job) (up)\n");
      boolean theirs = tool.accepts(file);
      if (theirs != ours.test(text)) {
        out.add(
            "\"" + text + "\": " + (theirs ? "they accept, we reject" : "they reject, we accept"));
      }
    }
    return out;
  }
}
