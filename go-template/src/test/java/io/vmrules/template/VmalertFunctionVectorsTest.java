package io.vmrules.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expectations of vmalert's own function tests ({@code app/vmalert/templates/template_test.go}
 * in VictoriaMetrics), rendered through our vmalert function set: the packaged vmalert is too old
 * to judge formatTime, now and several escapes, so its current tests are the reference.
 */
class VmalertFunctionVectorsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '^',
      textBlock =
          """
      {{ title "foo bar" }}                          | Foo Bar
      {{ toUpper "foo" }}{{ toLower "FOO" }}          | FOOfoo
      {{ pathEscape "foo/bar\\n+baz" }}               | foo%2Fbar%0A+baz
      {{ queryEscape "foo+bar\\n+baz" }}              | foo%2Bbar%0A%2Bbaz
      {{ jsonEscape "foo{bar=\\"baz\\"}\\n + 1" }}    | "foo{bar=\\"baz\\"}\\n + 1"
      {{ quotesEscape "foo{bar=\\"baz\\"}\\n + 1" }}  | foo{bar=\\"baz\\"}\\n + 1
      {{ htmlEscape "foo < 10" }}                     | foo &lt; 10
      {{ crlfEscape "foo\\nbar\\rx" }}                | foo\\nbar\\rx
      {{ stripPort "foo" }} {{ stripPort "foo:1234" }} | foo foo
      {{ stripDomain "foo.bar.baz" }} {{ stripDomain "foo.bar:123" }} | foo foo:123
      {{ humanize1024 0 }} {{ humanize1024 127087 }} {{ humanize1024 130137088 }} | 0 124.1ki 124.1Mi
      {{ humanize1024 143087241460908556288.0 }}      | 124.1Ei
      {{ humanize1024 153638755637364377925883789312.0 }} | 1.271e+05Yi
      {{ humanize1024 "+Inf" }} {{ humanize1024 "NaN" }} | +Inf NaN
      {{ humanize 127087 }} {{ humanize 136458627186688 }} | 127.1k 136.5T
      {{ humanizeDuration 1 }} {{ humanizeDuration 0.2 }} | 1s 200ms
      {{ humanizeDuration 42000 }}, {{ humanizeDuration 16790555 }} | 11h 40m 0s, 194d 8h 2m 35s
      {{ humanizePercentage 1 }} {{ humanizePercentage 0.8 }} {{ humanizePercentage 0.015 }} | 100% 80% 1.5%
      {{ humanizeTimestamp 1679055557 }}              | 2023-03-17 12:19:17 +0000 UTC
      {{ formatTime "2006-01-02T15:04:05Z07:00" 1679055557.0 }} | 2023-03-17T12:19:17Z
      {{ formatTime "02 Jan 06 15:04 MST" 1679055557 }} | 17 Mar 23 12:19 UTC
      {{ match "a.+b" "acsdb" }} {{ match "abc" "def" }} | true false
      """)
  void rendersAsVmalertsTestsExpect(String template, String expected) {
    Template.Parsed parsed = Template.parse("t", template, FunctionSet.vmalert());
    assertThat(parsed.errors()).isEmpty();
    RenderResult result =
        parsed.template().orElseThrow().render(AlertTemplateData.of(java.util.Map.of(), 0));
    assertThat(result.error()).isEmpty();
    assertThat(result.output()).isEqualTo(expected);
  }
}
