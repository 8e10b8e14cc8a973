package io.vmrules.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders 10 000 typical annotations (parsed once, as the evaluator caches them) and prints the
 * time per batch. Run: {@code scripts/template-bench.sh}. Not a test: JIT warm-up makes the first
 * batches slower, the figure to quote is the steady one.
 */
public final class TemplateBenchmark {
  private TemplateBenchmark() {}

  public static void main(String[] args) {
    String[] texts = {
      "{{ $labels.instance }} of job {{ $labels.job }} is down",
      "CPU usage is {{ $value | humanizePercentage }} on {{ $labels.instance }}",
      "Disk {{ $labels.device }} will be full in {{ $value | humanizeDuration }} ({{ printf \"%.2f\" $value }}s)",
      "{{ if gt $value 100.0 }}High{{ else }}Low{{ end }} latency: {{ humanize $value }}s at {{ $labels.env }}",
      "{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}",
    };
    List<Template> templates = new ArrayList<>();
    for (String t : texts) {
      templates.add(Template.parse("bench", t, FunctionSet.prometheus()).template().orElseThrow());
    }
    List<AlertTemplateData> data = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      data.add(
          AlertTemplateData.of(
              Map.of(
                  "instance",
                  "host-" + i + ".example.com:9100",
                  "job",
                  "node",
                  "env",
                  "prod",
                  "device",
                  "sda" + i),
              1234.5678 * i + 0.25));
    }
    int n = 10_000;
    for (int round = 0; round < 8; round++) {
      long start = System.nanoTime();
      long chars = 0;
      for (int i = 0; i < n; i++) {
        chars +=
            templates.get(i % templates.size()).render(data.get(i % data.size())).output().length();
      }
      long micros = (System.nanoTime() - start) / 1000;
      System.out.printf(
          "round %d: %d annotations in %.1f ms (%.2f µs each, %d chars)%n",
          round, n, micros / 1000.0, micros / (double) n, chars);
    }
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Template.parse("bench", texts[i % texts.length], FunctionSet.prometheus());
    }
    System.out.printf("parse: %d templates in %.1f ms%n", n, (System.nanoTime() - start) / 1e6);
  }
}
