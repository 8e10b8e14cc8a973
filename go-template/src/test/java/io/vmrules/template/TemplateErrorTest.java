package io.vmrules.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.template.runtime.QueryFunction;
import io.vmrules.template.runtime.RenderLimits;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** (template, error code, line:column) for static problems, and render failures. */
class TemplateErrorTest {
  static Stream<Arguments> checkCases() {
    return Stream.of(
        Arguments.of("{{ $labels.x ", TemplateError.SYNTAX, "1:14", "unclosed action"),
        Arguments.of("a\n  {{ if true }}x", TemplateError.SYNTAX, "2:17", "unexpected EOF"),
        Arguments.of("{{ end }}", TemplateError.SYNTAX, "1:4", "unexpected {{end}}"),
        Arguments.of("{{ else }}", TemplateError.SYNTAX, "1:4", "unexpected {{else}}"),
        Arguments.of("{{ \"abc }}", TemplateError.SYNTAX, "1:4", "unterminated quoted string"),
        Arguments.of("{{ 3x }}", TemplateError.SYNTAX, "1:4", "bad number syntax"),
        Arguments.of("{{ if }}{{ end }}", TemplateError.SYNTAX, "1:7", "missing value for if"),
        Arguments.of("{{ break }}", TemplateError.SYNTAX, "1:4", "{{break}} outside {{range}}"),
        Arguments.of(
            "{{ 1 | 2 }}",
            TemplateError.SYNTAX,
            "1:8",
            "non executable command in pipeline stage 2"),
        Arguments.of("{{ ( 1 }}", TemplateError.SYNTAX, "1:8", "unclosed left paren"),
        Arguments.of("{{ /* x */ }}", TemplateError.SYNTAX, "1:4", "unexpected"),
        Arguments.of("{{/* x }}", TemplateError.SYNTAX, "1:3", "unclosed comment"),
        Arguments.of("{{ \"a\".b }}", TemplateError.SYNTAX, "1:7", "unexpected . after term"),
        Arguments.of(
            "x {{ humanise $value }}",
            TemplateError.UNKNOWN_FUNCTION,
            "1:6",
            "function \"humanise\" not defined"),
        Arguments.of(
            "{{ $labels.job }}\n{{ $lables.job }}",
            TemplateError.UNDEFINED_VARIABLE,
            "2:4",
            "undefined variable \"$lables\""),
        Arguments.of(
            "{{ $x = 1 }}", TemplateError.UNDEFINED_VARIABLE, "1:4", "undefined variable \"$x\""),
        Arguments.of(
            "{{ define \"t\" }}{{ $labels }}{{ end }}",
            TemplateError.UNDEFINED_VARIABLE,
            "1:20",
            "undefined variable \"$labels\""),
        Arguments.of(
            "{{ humanize }}",
            TemplateError.ARITY,
            "1:4",
            "wrong number of args for humanize: want 1 got 0"),
        Arguments.of(
            "{{ $value | humanize 2 }}",
            TemplateError.ARITY,
            "1:13",
            "wrong number of args for humanize: want 1 got 2"),
        Arguments.of("{{ label \"x\" }}", TemplateError.ARITY, "1:4", "want 2 got 1"),
        Arguments.of("{{ printf }}", TemplateError.ARITY, "1:4", "want at least 1 got 0"),
        Arguments.of(
            "{{ template \"nope\" }}",
            TemplateError.UNDEFINED_TEMPLATE,
            "1:4",
            "template \"nope\" not defined"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checkCases")
  void checkReportsCodeAndPosition(String text, String code, String position, String message) {
    Template.Check check = Template.check(text, FunctionSet.prometheus());
    assertThat(check.errors()).isNotEmpty();
    TemplateError e = check.errors().get(0);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.line() + ":" + e.column()).isEqualTo(position);
    assertThat(e.message()).contains(message);
  }

  @Test
  void collectsEveryUnknownNameInOneCheck() {
    Template.Check check =
        Template.check("{{ foo }} {{ $bar }} {{ baz 1 }}", FunctionSet.prometheus());
    assertThat(check.errors())
        .extracting(TemplateError::code)
        .containsExactly(
            TemplateError.UNKNOWN_FUNCTION,
            TemplateError.UNDEFINED_VARIABLE,
            TemplateError.UNKNOWN_FUNCTION);
  }

  @Test
  void vmalertKnowsItsOwnFunctionsAndVariables() {
    assertThat(
            Template.check(
                    "{{ now | formatTime \"15:04\" }} {{ jsonEscape $expr }}",
                    FunctionSet.vmalert())
                .errors())
        .isEmpty();
    assertThat(Template.check("{{ jsonEscape $expr }}", FunctionSet.prometheus()).errors())
        .extracting(TemplateError::code)
        .containsExactly(TemplateError.UNKNOWN_FUNCTION, TemplateError.UNDEFINED_VARIABLE);
  }

  @Test
  void factsNameTheValueAndTheLabelsRead() {
    TemplateFacts f =
        Template.check(
                "{{ $labels.job }} {{ .Labels.instance }} {{ index $labels \"pod\" }} {{ humanize $value }} {{ .Value }}"
                    + "{{ range query \"up\" }}{{ .Labels.other }}{{ .Value }}{{ end }}{{ with .Labels }}{{ .ignored }}{{ end }}",
                FunctionSet.prometheus())
            .facts();
    assertThat(f.labelRefs())
        .extracting(TemplateFacts.LabelRef::name)
        .containsExactly("job", "instance", "pod");
    assertThat(f.valueOffsets()).hasSize(2);
    assertThat(Template.check("{{ $labels.job }}", FunctionSet.prometheus()).facts().usesValue())
        .isFalse();
  }

  static Stream<Arguments> renderFailures() {
    return Stream.of(
        Arguments.of("{{ index (query \"up\") 5 }}", "error calling index: index out of range: 5"),
        Arguments.of(
            "{{ query \"none\" | first }}",
            "error calling first: first() called on vector with no elements"),
        Arguments.of("{{ query \"fail\" }}", "error calling query: datasource down"),
        Arguments.of("{{ eq $value 1 }}", "error calling eq: incompatible types for comparison"),
        Arguments.of("{{ title $value }}", "wrong type for value; expected string; got float64"),
        Arguments.of(
            "{{ humanize \"abc\" }}", "strconv.ParseFloat: parsing \"abc\": invalid syntax"),
        Arguments.of("{{ nil }}", "nil is not a command"),
        Arguments.of("{{ $labels.job.x }}", "can't evaluate field x in type string"),
        Arguments.of("{{ reReplaceAll \"(\" \"\" \"x\" }}", "error parsing regexp"),
        Arguments.of("{{ template \"missing\" }}", "template \"missing\" not defined"),
        Arguments.of(
            "{{ define \"r\" }}{{ template \"r\" }}{{ end }}{{ template \"r\" }}",
            "exceeded maximum template depth"),
        Arguments.of("{{ range 1000000 }}x{{ end }}", "range iterations exceed the limit"),
        Arguments.of(
            "{{ range 3 }}{{ query \"up\" }}{{ query \"up\" }}{{ end }}", "too many queries"),
        Arguments.of(
            "{{ $x := \"aaaaaaaaaaaaaaaa\" }}{{ range 20 }}{{ $x = print $x $x }}{{ end }}",
            "exceeds the output limit"),
        Arguments.of(
            "{{ printf \"%999999999d\" 1 }}{{ printf \"%999999999d\" 1 }}",
            "output exceeds the limit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderFailures")
  void renderFailureFallsBackToTheRawText(String text, String message) {
    QueryFunction q =
        expr ->
            switch (expr) {
              case "up" -> TemplateRenderTest.UP;
              case "fail" -> throw new IllegalStateException("datasource down");
              default -> List.of();
            };
    Template t = Template.parse("t", text, FunctionSet.prometheus()).template().orElseThrow();
    RenderResult r =
        t.render(AlertTemplateData.of(Map.of("job", "x"), 1).withQuery(q), RenderLimits.defaults());
    assertThat(r.isOk()).isFalse();
    assertThat(r.output()).isEqualTo(text);
    assertThat(r.error().orElseThrow().message()).contains(message).startsWith("template: t:");
  }
}
