package io.vmrules.rules.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.testsupport.Golden;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebUiTest {
  private final WebUi ui = UiFixture.webUi(null);

  private static Map<String, List<String>> rule(String group, String rule) {
    return Map.of("group", List.of(group), "rule", List.of(rule));
  }

  @Test
  void labelValuesHoldingMarkupAreShownAsTextOnEveryPage() {
    List<String> pages =
        List.of(
            ui.alertsPage(Map.of()),
            ui.alertsPage(Map.of("q", List.of("<script>"))),
            ui.rulePage(rule("node", "InstanceDown")),
            ui.groupsPage(Map.of("q", List.of("\"><script>"))),
            ui.rulePage(rule("other <&>", "Broken")));
    for (String page : pages) {
      assertThat(page).doesNotContain("<script>alert").doesNotContain("<b>entity");
      // the only script element is the page's own
      assertThat(page.split("<script", -1)).hasSize(2);
    }
    assertThat(pages.get(0))
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("b&#39;&quot;&amp;");
    assertThat(pages.get(1)).contains("value=\"&lt;script&gt;\"");
    assertThat(pages.get(4)).contains("other &lt;&amp;&gt;").contains("&lt;b&gt;entity");
  }

  @Test
  void alertsPageShowsFiringAndPendingRulesUntilAskedForInactiveOnes() {
    String page = ui.alertsPage(Map.of());
    assertThat(page).contains(">InstanceDown</a>").contains(">HighErrorRate</a>");
    assertThat(page).doesNotContain(">Quiet</a>").contains("2 firing").contains("1 pending");
    assertThat(page).contains(">1 rule failing</a>");
    String inactive = ui.alertsPage(Map.of("state", List.of("inactive")));
    assertThat(inactive).contains(">Quiet</a>").doesNotContain(">InstanceDown</a>");
  }

  @Test
  void alertsPageSearchNarrowsToMatchingLabelsOrNames() {
    String page = ui.alertsPage(Map.of("q", List.of("a:9100")));
    assertThat(page).contains("a:9100").doesNotContain("b&#39;").doesNotContain("HighErrorRate<");
    assertThat(ui.alertsPage(Map.of("q", List.of("higherror"))))
        .contains(">HighErrorRate</a>")
        .doesNotContain(">InstanceDown</a>");
  }

  @Test
  void linksGoToTheRulePageVmuiAndAPrefilledSilence() {
    String page = ui.alertsPage(Map.of());
    assertThat(page)
        .contains("href=\"rule?group=node&amp;file=rules%2Fnode.yml&amp;rule=InstanceDown\"")
        .contains("href=\"http://vm:8428/vmui/#/?g0.expr=up%20%3D%3D%200&amp;g0.range_input=1h")
        .contains(
            "href=\"http://alertmanager:9093/#/silences/new?filter=%7Balertgroup%3D%22node%22%2C%20"
                + "alertname%3D%22InstanceDown%22%2C%20instance%3D%22a%3A9100%22");
  }

  @Test
  void rulePageShowsTheHistoryNewestFirstWithACurlPerEvaluation() {
    String page = ui.rulePage(rule("node", "InstanceDown"));
    assertThat(page).contains("Last 20 evaluations");
    int newest = page.indexOf("2024-05-01 12:01:00Z");
    int oldest = page.indexOf("2024-05-01 12:00:00Z");
    assertThat(newest).isPositive().isLessThan(oldest);
    assertThat(page)
        .contains("curl -s &#39;http://vm:8428/api/v1/query&#39; --data-urlencode &#39;query=up ==")
        .contains("time=1714564860.000");
    assertThat(ui.rulePage(rule("node", "Nope"))).isNull();
  }

  @Test
  void groupsPageFiltersByHealth() {
    String err = ui.groupsPage(Map.of("health", List.of("err")));
    assertThat(err).contains(">Broken</a>").doesNotContain(">InstanceDown</a>");
    String all = ui.groupsPage(Map.of());
    assertThat(all)
        .contains("<span class=\"fn\">rate</span>")
        .contains("<span class=\"metric\">errors_total</span>")
        .contains(">never:evaluated</a>");
  }

  @Test
  void pagesMatchTheirGoldenFiles() {
    Golden.assertMatches("ui/alerts.html", ui.alertsPage(Map.of()));
    Golden.assertMatches("ui/groups.html", ui.groupsPage(Map.of()));
    Golden.assertMatches("ui/rule.html", ui.rulePage(rule("node", "InstanceDown")));
    Golden.assertMatches("ui/status.html", ui.statusPage());
  }

  @Test
  void firingRulesComeFirstThenPendingEachInFileOrder() {
    var q = new io.vmrules.rules.testing.FakeQuerier();
    q.answer("a", 1, io.vmrules.rules.eval.Labels.of("x", "1"));
    var spec =
        io.vmrules.rules.testing.Specs.group(
            "g",
            io.vmrules.rules.testing.Specs.alert(
                "PendingFirst", "a", java.time.Duration.ofHours(1)),
            io.vmrules.rules.testing.Specs.alert("FiringSecond", "a", java.time.Duration.ZERO),
            io.vmrules.rules.testing.Specs.alert("FiringThird", "a", java.time.Duration.ZERO));
    var evaluator = io.vmrules.rules.eval.GroupEvaluator.builder(spec, q).build();
    evaluator.evaluate(UiFixture.T0);
    String page =
        AlertsPage.render(
            List.of(evaluator.groupSnapshot()),
            UiFixture.NOW,
            AlertsPage.Filter.of(List.of(), ""),
            UiFixture.settings());
    assertThat(page.indexOf(">FiringSecond<"))
        .isPositive()
        .isLessThan(page.indexOf(">FiringThird<"));
    assertThat(page.indexOf(">FiringThird<")).isLessThan(page.indexOf(">PendingFirst<"));
  }
}
