package io.vmrules.rules.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmrules.rules.eval.EvaluationSettings;
import io.vmrules.rules.run.EngineConfig;
import io.vmrules.rules.run.RuleEngine;
import io.vmrules.rules.testing.TestRules;
import io.vmrules.testsupport.ExternalTool;
import io.vmrules.testsupport.FreePort;
import io.vmrules.testsupport.VictoriaMetricsProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web UI in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver},
 * driven by Selenium), the engine evaluating against a real VictoriaMetrics: a firing rule, a
 * pending rule and a failing one (its group's {@code limit} is exceeded). Asserts what a person
 * sees, and saves a screenshot of every page under {@code target/screenshots/}; with {@code
 * -Dwebui.docs=true} they also replace the README's pictures in {@code docs/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserIT {
  private static final String USER = "ops";
  private static final String PASSWORD = "s3cret-pw";
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final Path SHOTS = Path.of("target/screenshots");

  private static VictoriaMetricsProcess vm;
  private static RuleEngine engine;
  private static ChromeDriver browser;
  private static String base; // with credentials, for the browser
  private static String plain; // without
  private static String alertmanager;

  @BeforeAll
  static void start() throws Exception {
    ExternalTool chromium = ExternalTool.require("chromium");
    ExternalTool chromedriver = ExternalTool.require("chromedriver");
    vm = VictoriaMetricsProcess.start();
    vm.importPrometheus(
        "ui_up{job=\"api\",instance=\"instance-a\"} 0\n"
            + "ui_up{job=\""
            + SCRIPT.replace("\"", "\\\"")
            + "\",instance=\"instance-b\"} 0\n"
            + "ui_up{job=\"db\",instance=\"instance-c\"} 1\n");
    // relative, as an operator's --rule usually is (and as the screenshots show it)
    Path dir = Files.createDirectories(Path.of("target/webui-it"));
    Path rules = dir.resolve("rules.yml");
    Files.writeString(
        rules,
        """
        groups:
          - name: web
            interval: 1s
            rules:
              - alert: TargetDown
                expr: ui_up == 0
                labels:
                  severity: page
                annotations:
                  summary: "{{ $labels.instance }} is down"
              - alert: TargetDownForLong
                expr: ui_up == 0
                for: 1h
              - alert: NeverFires
                expr: ui_up > 5
              - record: job:ui_up:sum
                expr: sum(ui_up) by (job)
          - name: limited
            interval: 1s
            limit: 1
            rules:
              - alert: TooManyDown
                expr: ui_up == 0
        """);
    TestRules loaded = TestRules.load(rules);
    alertmanager = "http://127.0.0.1:" + FreePort.pick();
    EngineConfig config =
        EngineConfig.builder(
                new EvaluationSettings(Map.of(), "http://engine", Duration.ofMinutes(1)), vm.url())
            .datasource(vm.url(), null, Duration.ofSeconds(5))
            .notifier(alertmanager, null)
            .http("127.0.0.1:0", new EngineConfig.BasicCredentials(USER, PASSWORD))
            .ui(
                new EngineConfig.Ui(
                    vm.url() + "/vmui",
                    "rules it",
                    Map.of("--httpAuth.password", "<secret>", "--datasource.url", vm.url())))
            .build();
    engine = new RuleEngine(config);
    engine.start(loaded.files(), loaded.groups());
    int port = engine.http().port();
    plain = "http://127.0.0.1:" + port + "/";
    base = "http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/";
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                engine.snapshots().stream()
                    .allMatch(g -> g.rules().stream().allMatch(r -> r.history().size() >= 3)));

    chromiumPath = chromium.path();
    chromedriverPath = chromedriver.path();
    browser = chrome(true);
    Files.createDirectories(SHOTS);
  }

  private static Path chromiumPath;
  private static Path chromedriverPath;

  /** Headless Chromium at a desktop size, light theme, with or without JavaScript. */
  private static ChromeDriver chrome(boolean javascript) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromiumPath.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--force-prefers-color-scheme=light");
    if (!javascript) {
      options.setExperimentalOption(
          "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriverPath.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (engine != null) {
      engine.close();
    }
    if (vm != null) {
      vm.close();
    }
  }

  private static void open(String path) {
    browser.get(base + path);
  }

  /** Saves the page under target/screenshots/; with -Dwebui.docs=true, the README's too. */
  private static void screenshot(String name) throws Exception {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    if (Boolean.getBoolean("webui.docs") && DOCS.contains(name)) {
      Files.copy(
          shot, Path.of("../docs/web-ui-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The pictures the README shows. */
  private static final List<String> DOCS = List.of("alerts", "groups", "rule", "status");

  private static List<WebElement> visible(String css) {
    return browser.findElements(By.cssSelector(css)).stream()
        .filter(WebElement::isDisplayed)
        .toList();
  }

  private static List<String> visibleRuleNames() {
    return visible("section.rule h2 a").stream().map(WebElement::getText).toList();
  }

  @Test
  @Order(1)
  void everyPageAndTheRuleApiNeedTheCredentials() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path :
        List.of(
            "",
            "groups",
            "rule?group=web&rule=TargetDown",
            "status",
            "ui/app.js",
            "api/v1/rule?group=web&rule=TargetDown")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(plain + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }
    browser.get(plain);
    assertThat(browser.findElements(By.cssSelector("section.rule"))).isEmpty();
  }

  @Test
  @Order(2)
  void alertsPageShowsFiringAndPendingRulesWithTheirAlerts() throws Exception {
    open("");
    assertThat(browser.getTitle()).isEqualTo("Alerts · vmrules");
    assertThat(visibleRuleNames()).containsExactly("TargetDown", "TargetDownForLong");
    WebElement firing = browser.findElement(By.cssSelector("section.rule.firing"));
    assertThat(firing.findElement(By.cssSelector("h2 .state")).getText()).isEqualTo("firing");
    assertThat(firing.findElements(By.cssSelector("tr.alert.firing"))).hasSize(2);
    assertThat(browser.findElement(By.cssSelector("section.rule.pending h2 .state")).getText())
        .isEqualTo("pending");
    // the failing rule is not an alert, but the page says it fails and links to it
    WebElement failing = browser.findElement(By.id("failing"));
    assertThat(failing.getText()).isEqualTo("1 rule failing");
    assertThat(failing.getAttribute("href")).endsWith("/groups?health=err");
    // the label value is text on the page, and no script ran
    assertThat(firing.getText()).contains("job=" + SCRIPT).contains("instance-a is down");
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
    assertThat(
            browser
                .findElement(By.cssSelector("section.rule.firing td time"))
                .getAttribute("title"))
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
    // links: the rule page, vmui, a prefilled silence
    String ruleHref = firing.findElement(By.cssSelector("h2 a")).getAttribute("href");
    assertThat(ruleHref)
        .isEqualTo(
            plain.replace("http://", "http://" + USER + ":" + PASSWORD + "@")
                + "rule?group=web&file="
                + java.net.URLEncoder.encode(
                    engine.snapshots().get(0).spec().file(),
                    java.nio.charset.StandardCharsets.UTF_8)
                + "&rule=TargetDown");
    assertThat(firing.findElement(By.cssSelector("a.vmui")).getAttribute("href"))
        .startsWith(vm.url() + "/vmui/#/?g0.expr=ui_up%20%3D%3D%200");
    assertThat(firing.findElement(By.cssSelector("a.silence")).getAttribute("href"))
        .startsWith(alertmanager + "/#/silences/new?filter=%7Balertgroup%3D%22web%22");
    assertThat(browser.findElement(By.id("json-link")).getAttribute("href"))
        .endsWith("/api/v1/alerts");
    screenshot("alerts");
  }

  @Test
  @Order(3)
  void searchAndStateFiltersNarrowWhatIsShown() throws Exception {
    open("");
    WebElement search = browser.findElement(By.id("search"));
    search.sendKeys("instance-b");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(visible("tr.alert")).hasSize(2); // one firing, one pending
              assertThat(visible("tr.alert").get(0).getText()).contains("instance-b");
            });
    search.clear();
    search.sendKeys("fornlong"); // matches nothing
    await().untilAsserted(() -> assertThat(visible("section.rule")).isEmpty());
    assertThat(browser.findElement(By.id("none")).isDisplayed()).isTrue();
    search.clear();
    search.sendKeys("ForLong");
    await()
        .untilAsserted(() -> assertThat(visibleRuleNames()).containsExactly("TargetDownForLong"));
    assertThat(browser.getCurrentUrl()).contains("q=ForLong");

    open("");
    browser.findElement(By.cssSelector("input[value=inactive]")).click(); // reloads the page
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(browser.getCurrentUrl()).contains("state=inactive"));
    assertThat(visibleRuleNames()).contains("NeverFires", "TargetDown");
    browser.findElement(By.cssSelector("input[value=firing]")).click();
    await().untilAsserted(() -> assertThat(browser.getCurrentUrl()).doesNotContain("firing"));
    assertThat(visibleRuleNames()).contains("NeverFires").doesNotContain("TargetDown");
    screenshot("alerts-filtered");
  }

  @Test
  @Order(4)
  void rulePageShowsTheDefinitionAlertsAndHistory() throws Exception {
    open("");
    browser.findElement(By.linkText("TargetDown")).click();
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("TargetDown");
    assertThat(browser.findElement(By.cssSelector("pre.expr")).getText()).isEqualTo("ui_up == 0");
    assertThat(visible("table.alerts tbody tr")).hasSize(2);
    List<WebElement> history = visible("#history tbody tr");
    assertThat(history.size()).isBetween(3, 20);
    List<WebElement> cells = history.get(0).findElements(By.tagName("td"));
    assertThat(cells.get(2).getText()).isEqualTo("2"); // samples
    assertThat(cells.get(3).getText()).isEqualTo("ok 2 firing, 0 pending");
    cells.get(4).findElement(By.tagName("summary")).click();
    assertThat(cells.get(4).findElement(By.tagName("code")).getText())
        .startsWith("curl -s '" + vm.url() + "/api/v1/query' --data-urlencode 'query=ui_up == 0'");
    assertThat(cells.get(4).findElement(By.tagName("button")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("json-link")).getAttribute("href"))
        .contains("/api/v1/rule?group=web&");
    screenshot("rule");

    browser.get(browser.findElement(By.id("json-link")).getAttribute("href"));
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains("\"history\":[{\"time\":")
        .contains("\"name\":\"TargetDown\"");
  }

  @Test
  @Order(5)
  void groupsPageShowsHealthAndFiltersFailingRules() throws Exception {
    open("groups");
    assertThat(visible("section.group h2").stream().map(WebElement::getText))
        .containsExactly("web", "limited");
    assertThat(visible("tr.rule-row")).hasSize(5);
    assertThat(browser.findElement(By.cssSelector("tr.rule-row.err")).getText())
        .contains("TooManyDown")
        .contains("limit");
    assertThat(browser.findElement(By.cssSelector("tr.rule-row .expr .metric")).getText())
        .isEqualTo("ui_up");
    screenshot("groups");
    browser.findElement(By.cssSelector("select[name=health] option[value=err]")).click();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(browser.getCurrentUrl()).contains("health=err"));
    assertThat(
            visible("tr.rule-row").stream()
                .map(r -> r.findElement(By.cssSelector("a.name")).getText()))
        .containsExactly("TooManyDown");
    browser.findElement(By.id("search")).sendKeys("sum(");
    await().untilAsserted(() -> assertThat(visible("tr.rule-row")).isEmpty());
  }

  @Test
  @Order(6)
  void statusPageShowsVersionFlagsFilesAndQueues() throws Exception {
    open("status");
    String text = browser.findElement(By.tagName("main")).getText();
    assertThat(text).contains("rules it").contains("--httpAuth.password <secret>");
    assertThat(text).doesNotContain(PASSWORD);
    assertThat(visible("#files tbody tr")).hasSize(1);
    assertThat(visible("#files td.hash").get(0).getText()).matches("[0-9a-f]{64}");
    assertThat(visible("#notifiers tbody tr").get(0).getText()).startsWith(alertmanager);
    screenshot("status");
  }

  @Test
  @Order(7)
  void darkThemeFollowsTheSystemSetting() throws Exception {
    open("");
    Object light = browser.executeScript("return getComputedStyle(document.body).backgroundColor");
    browser.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    Object dark = browser.executeScript("return getComputedStyle(document.body).backgroundColor");
    assertThat(light).isEqualTo("rgb(255, 255, 255)");
    assertThat(dark).isEqualTo("rgb(20, 24, 28)");
    screenshot("alerts-dark");
  }

  @Test
  @Order(8)
  void autoRefreshIsOffUntilToggledAndPausesWhileTheUserReads() {
    open("");
    WebElement toggle = browser.findElement(By.id("autorefresh"));
    assertThat(toggle.isDisplayed()).isTrue();
    assertThat(toggle.isSelected()).isFalse();
    toggle.click(); // a click is activity: the refresh waits
    assertThat(browser.findElement(By.id("refresh-state")).getText())
        .isEqualTo("(paused while you read)");
    toggle.click();
    assertThat(browser.findElement(By.id("refresh-state")).getText()).isEmpty();
  }

  @Test
  @Order(9)
  void withoutJavaScriptTheFiltersAreAFormTheServerApplies() throws Exception {
    ChromeDriver plainBrowser = chrome(false);
    try {
      plainBrowser.get(base);
      assertThat(plainBrowser.findElements(By.cssSelector("section.rule"))).hasSize(2);
      assertThat(plainBrowser.findElement(By.cssSelector(".refresh")).isDisplayed()).isFalse();
      plainBrowser.findElement(By.id("search")).sendKeys("ForLong");
      plainBrowser.findElement(By.cssSelector("#filter button[type=submit]")).click();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(plainBrowser.getCurrentUrl()).contains("q=ForLong"));
      assertThat(
              plainBrowser.findElements(By.cssSelector("section.rule h2 a")).stream()
                  .map(WebElement::getText))
          .containsExactly("TargetDownForLong");
      plainBrowser.get(base + "groups?health=err");
      assertThat(
              plainBrowser.findElements(By.cssSelector("tr.rule-row a.name")).stream()
                  .map(WebElement::getText))
          .containsExactly("TooManyDown");
    } finally {
      plainBrowser.quit();
    }
  }
}
