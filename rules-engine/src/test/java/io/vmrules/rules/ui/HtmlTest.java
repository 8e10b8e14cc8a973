package io.vmrules.rules.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesTextAndAttributeValues() {
    String html =
        new Html()
            .el("td", "<script>alert(1)</script>", "title", "\"><img src=x onerror=alert(1)>")
            .toString();
    assertThat(html)
        .isEqualTo(
            "<td title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">"
                + "&lt;script&gt;alert(1)&lt;/script&gt;</td>");
  }

  @Test
  void leavesOutNullAttributesAndWritesBooleanOnesBare() {
    assertThat(new Html().empty("input", "checked", "", "value", null, "name", "").toString())
        .isEqualTo("<input checked name=\"\">");
  }

  @Test
  void colouredExpressionsEscapeStrings() {
    assertThat(ExprHtml.colour("up{job=\"<a>\"}"))
        .isEqualTo(
            "<span class=\"metric\">up</span>{<span class=\"label\">job</span>"
                + "<span class=\"op\">=</span><span class=\"str\">&quot;&lt;a&gt;&quot;</span>}");
  }
}
