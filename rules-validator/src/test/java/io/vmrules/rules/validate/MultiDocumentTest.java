package io.vmrules.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.LoadedGroup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files of several YAML documents ({@code ---}), which concatenated rule files and rules served
 * over HTTP hold: vmalert (since v1.104) reads every document and refuses the file when any is
 * invalid or two groups share a name; promtool reads the first only. The cases follow the
 * multi-document files of vmalert's own tests ({@code app/vmalert/config/testdata/rules}).
 */
class MultiDocumentTest {
  private static final String A =
      "groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: down\n";
  private static final String B =
      "groups:\n  - name: b\n    rules:\n      - record: job:up:sum\n        expr: sum(up)\n";

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # case                     | dialect   | text                          | groups | findings
      two documents              | METRICSQL | A---\\nB                        | a,b    | none
      leading and trailing empty | METRICSQL | \\n---\\nA---\\ngroups:\\n---\\n  | a      | none
      empty mapping between      | METRICSQL | A---\\n{}\\n---\\nB             | a,b    | none
      only empty documents       | METRICSQL | ---\\n---\\ngroups:\\n          | -      | warning rules.empty-file@1:1
      duplicate across documents | METRICSQL | A---\\nA                        | a,a    | error rules.duplicate-group@10:5,error rules.duplicate-rule@12:9
      unknown key in the second  | METRICSQL | A---\\nBfoo: 1\\n               | a,b    | error rules.unknown-key@14:1
      invalid second document    | METRICSQL | A---\\n[a, b\\n                 | -      | error rules.yaml@10:1
      promql reads the first     | PROMQL    | A---\\nB                        | a      | warning rules.yaml@9:1
      promql, invalid second     | PROMQL    | A---\\n[a, b\\n                 | a      | warning rules.yaml@10:1
      """)
  void documents(String name, Dialect dialect, String text, String groups, String expected)
      throws Exception {
    String yaml = text.replace("\\n", "\n").replace("A", A).replace("B", B);
    Validation.Outcome result =
        new Validation(Validation.Options.of(dialect))
            .validate(Map.of("f.yml", yaml.getBytes(StandardCharsets.UTF_8)));
    List<String> actual = new ArrayList<>();
    for (Finding f : result.report().findings()) {
      actual.add(f.severity().label() + " " + f.code() + "@" + f.line() + ":" + f.column());
    }
    List<String> names = new ArrayList<>();
    for (LoadedGroup g : result.files().get(0).groups()) {
      names.add(g.spec().name());
    }
    assertThat(actual)
        .as(name)
        .containsExactly(expected.equals("none") ? new String[0] : expected.split(","));
    assertThat(names)
        .as(name)
        .containsExactly(groups.equals("-") ? new String[0] : groups.split(","));
  }
}
