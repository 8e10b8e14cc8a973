package io.vmrules.rules.ui;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vmrules.promql.Dialect;
import io.vmrules.rules.api.HttpApiServer;
import io.vmrules.rules.api.Readiness;
import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.eval.GroupEvaluator;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.model.GroupSpec;
import io.vmrules.rules.model.RuleSpec;
import io.vmrules.rules.testing.FakeQuerier;
import io.vmrules.rules.testing.Specs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The web UI's server time with many rules (run by {@code scripts/bench-ui.sh}): {@code RULES}
 * rules in groups of 10, of which {@code FIRING_RULES} alerting rules have two firing alerts each,
 * the rest inactive alerting rules and recording rules. Renders each page after a warm-up and
 * prints the median and the 90th percentile of the time to render it, and of a whole request over
 * loopback (render, gzip, send), with the page's size.
 *
 * <p>Usage: {@code WebUiBench [RULES=10000] [FIRING_RULES=1000] [ROUNDS=30]}
 */
public final class WebUiBench {
  private WebUiBench() {}

  public static void main(String[] args) throws Exception {
    int rules = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int firingRules = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    List<GroupSnapshot> groups = groups(rules, firingRules);
    int alerts = 0;
    for (GroupSnapshot g : groups) {
      for (var r : g.rules()) {
        alerts += r.alerts().all().size();
      }
    }
    System.out.printf(
        Locale.ROOT, "%d rules in %d groups, %d firing alerts%n", rules, groups.size(), alerts);
    UiSettings settings =
        new UiSettings(
            "http://vmselect:8481/select/0/prometheus",
            "http://vmselect:8481/vmui",
            "http://alertmanager:9093",
            Dialect.METRICSQL,
            EvaluationSettings.defaults());
    WebUi ui =
        new WebUi(
            () -> groups, UiFixture::status, key -> 0, InstantSource.system(), settings, null);
    GroupSnapshot first = groups.get(0);
    Map<String, List<String>> rule =
        Map.of(
            "group", List.of(first.spec().name()),
            "rule", List.of(first.rules().get(0).spec().name()));
    measure("alerts page (firing+pending)", rounds, () -> ui.alertsPage(Map.of()));
    measure(
        "alerts page, search \"instance-7\"",
        rounds,
        () -> ui.alertsPage(Map.of("q", List.of("instance-7"))));
    measure("groups page (all rules)", rounds, () -> ui.groupsPage(Map.of()));
    measure("rule page", rounds, () -> ui.rulePage(rule));

    try (HttpApiServer server =
        new HttpApiServer("127.0.0.1:0", new PrometheusRegistry(), Readiness.ready())) {
      ui.mount(server::handle);
      server.start();
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port() + "/";
      for (String path : List.of("", "groups")) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept-Encoding", "gzip")
                .build();
        long[] bytes = new long[1];
        measure(
            "GET /" + path + " over loopback, gzip",
            rounds,
            () -> {
              HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
              bytes[0] = r.body().length;
              return "";
            });
        System.out.printf(Locale.ROOT, "  (%,d bytes gzipped)%n", bytes[0]);
      }
      String chromium = onPath("chromium");
      String chromedriver = onPath("chromedriver");
      if (!"0".equals(System.getProperty("bench.browser"))
          && chromium != null
          && chromedriver != null) {
        browser(base, rounds, chromium, chromedriver);
      }
    }
  }

  /**
   * In headless Chromium: how long the alerts page takes to load, and how long a search takes from
   * the keystroke to the filtered, laid-out page.
   */
  /** From setting the search box to the filtered page laid out, over a few queries. */
  private static void searchTimes(
      org.openqa.selenium.chrome.ChromeDriver chrome, String page, int rounds, String... queries) {
    double[] ms = new double[Math.max(queries.length, rounds / 3)];
    for (int i = 0; i < ms.length; i++) {
      Object took =
          chrome.executeAsyncScript(
              "var done = arguments[arguments.length - 1], q = arguments[0];"
                  + " var s = document.getElementById('search'), t = performance.now();"
                  + " s.value = q; s.dispatchEvent(new Event('input'));"
                  + " setTimeout(function () { document.body.offsetHeight;"
                  + "   requestAnimationFrame(function () { done(performance.now() - t); }); }, 0);",
              queries[i % queries.length]);
      ms[i] = ((Number) took).doubleValue();
    }
    Arrays.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "browser: search as you type on the %-12s median %6.1f ms  max %6.1f ms%n",
        page,
        ms[ms.length / 2],
        ms[ms.length - 1]);
  }

  private static String onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      java.io.File f = new java.io.File(dir, name);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  private static void browser(String base, int rounds, String chromium, String chromedriver) {
    org.openqa.selenium.chrome.ChromeOptions options =
        new org.openqa.selenium.chrome.ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
    org.openqa.selenium.chrome.ChromeDriverService service =
        new org.openqa.selenium.chrome.ChromeDriverService.Builder()
            .usingDriverExecutable(new java.io.File(chromedriver))
            .usingAnyFreePort()
            .build();
    org.openqa.selenium.chrome.ChromeDriver chrome =
        new org.openqa.selenium.chrome.ChromeDriver(service, options);
    try {
      chrome.get(base);
      Object load =
          chrome.executeScript(
              "var t = performance.getEntriesByType('navigation')[0];"
                  + " return [t.responseEnd - t.requestStart, t.domContentLoadedEventEnd, t.loadEventEnd];");
      System.out.println("browser: alerts page [response, DOMContentLoaded, load] ms = " + load);
      searchTimes(
          chrome, "alerts page", rounds, "instance-7", "benchhigh12", "team-3", "", "eks-02", "");
      chrome.get(base + "groups");
      Object groupsLoad =
          chrome.executeScript(
              "var t = performance.getEntriesByType('navigation')[0];"
                  + " return [t.responseEnd - t.requestStart, t.domContentLoadedEventEnd, t.loadEventEnd];");
      System.out.println(
          "browser: groups page [response, DOMContentLoaded, load] ms = " + groupsLoad);
      searchTimes(
          chrome,
          "groups page",
          rounds,
          "bench:rate:77",
          "benchhigh4",
          "bench-12",
          "",
          "rate(",
          "");
    } finally {
      chrome.quit();
    }
  }

  private interface Page {
    String render() throws Exception;
  }

  private static void measure(String what, int rounds, Page page) throws Exception {
    int size = 0;
    for (int i = 0; i < Math.max(5, rounds / 3); i++) {
      size = page.render().length(); // warm-up
    }
    double[] ms = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      page.render();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "%-40s median %6.1f ms  p90 %6.1f ms%s%n",
        what,
        ms[rounds / 2],
        ms[(int) (rounds * 0.9)],
        size > 0 ? String.format(Locale.ROOT, "  %,d chars", size) : "");
  }

  /** Groups of 10 rules: firing alerting rules first, then inactive ones, then recording rules. */
  static List<GroupSnapshot> groups(int rules, int firingRules) {
    FakeQuerier q = new FakeQuerier();
    List<GroupEvaluator> evaluators = new ArrayList<>();
    Instant t0 = Instant.parse("2024-05-01T12:00:00Z");
    int alerting = rules / 2;
    List<RuleSpec> current = new ArrayList<>();
    for (int i = 0; i < rules; i++) {
      String expr;
      RuleSpec spec;
      if (i < alerting) {
        expr = "bench_metric{job=\"j" + i + "\"} > 50";
        spec =
            Specs.alert(
                "BenchHigh" + i,
                expr,
                Duration.ZERO,
                Map.of("severity", "warning", "team", "team-" + (i % 7)),
                Map.of("summary", "{{ $labels.instance }} is {{ $value }}"));
        if (i < firingRules) {
          q.answer(
              expr,
              87.5,
              Labels.of(
                  "__name__",
                  "bench_metric",
                  "job",
                  "j" + i,
                  "instance",
                  "instance-" + i + "a",
                  "cluster",
                  "us-east-1-eks-01-prod",
                  "env",
                  "prod"),
              Labels.of(
                  "__name__",
                  "bench_metric",
                  "job",
                  "j" + i,
                  "instance",
                  "instance-" + i + "b",
                  "cluster",
                  "us-east-1-eks-02-prod",
                  "env",
                  "prod"));
        } else {
          q.answer(expr, List.of());
        }
      } else {
        expr = "sum(rate(bench_counter{job=\"j" + i + "\"}[1m])) by (instance)";
        spec = Specs.record("bench:rate:" + i, expr);
        q.answer(expr, 1.5, Labels.of("instance", "i" + i));
      }
      current.add(spec);
      if (current.size() == 10 || i == rules - 1) {
        GroupSpec g =
            Specs.group(
                "rules/bench-" + (evaluators.size() / 100) + ".yml",
                "bench-" + evaluators.size(),
                Duration.ofSeconds(30),
                current.toArray(RuleSpec[]::new));
        evaluators.add(GroupEvaluator.builder(g, q).build());
        current = new ArrayList<>();
      }
    }
    List<GroupSnapshot> out = new ArrayList<>();
    for (GroupEvaluator e : evaluators) {
      e.evaluate(t0);
      e.evaluate(t0.plusSeconds(30));
      out.add(e.groupSnapshot());
    }
    return out;
  }
}
