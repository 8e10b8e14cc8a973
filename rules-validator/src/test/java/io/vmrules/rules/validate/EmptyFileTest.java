package io.vmrules.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files without rules: promtool and vmalert load an empty file, {@code groups: []} and {@code {}}
 * (what jsonnet mixins write when a mixin has no rules), so they are warnings at most; a mapping of
 * other keys is not a rule file. (Not fixtures: BlockYamlTest wants every fixture in block style.)
 */
class EmptyFileTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      empty file        | ''           | warning rules.empty-file
      empty mapping     | '{}'         | warning rules.empty-file
      empty mapping, comment | '# no rules\n{}\n' | warning rules.empty-file
      empty group list  | 'groups: []' | none
      null groups       | 'groups:'    | warning rules.empty-file
      other keys        | 'foo: 1'     | error rules.missing-key,error rules.unknown-key
      rules test file   | 'rule_files: [a.yml]\ntests: []' | warning rules.test-file
      tests alone       | 'tests: []'  | error rules.missing-key,error rules.unknown-key
      """)
  void findings(String name, String text, String expected) throws Exception {
    List<String> actual = FindingCodes.of(Dialect.METRICSQL, text.replace("\\n", "\n"));
    assertThat(actual)
        .as(name)
        .containsExactly(expected.equals("none") ? new String[0] : expected.split(","));
  }
}
