package io.vmrules.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.template.runtime.QuerySample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** (template, expected output) with a fixed alert: the language, Go's fmt and the functions. */
class TemplateRenderTest {
  static final Map<String, String> LABELS =
      Map.of("instance", "web-1.example.com:9100", "job", "node", "env", "prod");
  static final List<QuerySample> UP =
      List.of(
          new QuerySample(Map.of("__name__", "up", "instance", "b:1", "job", "x"), 0),
          new QuerySample(Map.of("__name__", "up", "instance", "a:1", "job", "x"), 1));

  static AlertTemplateData data() {
    return AlertTemplateData.of(LABELS, 1234.5678)
        .withExternal(Map.of("region", "eu"), "https://prom.example.com/prefix")
        .withQuery(expr -> expr.equals("up") ? UP : List.of())
        .withAlert(
            "up == 0",
            Instant.parse("2024-03-01T12:30:45.5Z"),
            Duration.ofMinutes(5),
            42,
            7,
            "prometheus",
            false);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // text, actions, trimming, comments
        Arguments.of("plain text", "plain text"),
        Arguments.of("{{ $labels.instance }} is down", "web-1.example.com:9100 is down"),
        Arguments.of("a  {{- \"b\" -}}  c", "abc"),
        Arguments.of("a {{- /* gone */ -}} b", "ab"),
        Arguments.of("{{/* c */}}x", "x"),
        Arguments.of("{{ .Labels.job }}/{{ .Value }}", "node/1234.5678"),
        Arguments.of("{{ $labels.missing }}|", "|"),
        Arguments.of("{{ (args 1).missing }}", "<no value>"),
        Arguments.of("{{ $ := 1 }}", ""),
        // literals and Go printing
        Arguments.of(
            "{{ 42 }} {{ 4.50 }} {{ 1e6 }} {{ 0x1F }} {{ 'a' }} {{ true }} {{ `raw\\n` }}",
            "42 4.5 1e+06 31 97 true raw\\n"),
        Arguments.of("{{ \"\\u00e9\\t\" | printf \"%q\" }}", "\"é\\t\""),
        Arguments.of("{{ $value }}", "1234.5678"),
        Arguments.of("{{ $labels }}", "map[env:prod instance:web-1.example.com:9100 job:node]"),
        // variables
        Arguments.of("{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "2"),
        Arguments.of(
            "{{ $x := \"a\" }}{{ if true }}{{ $x := \"b\" }}{{ $x }}{{ end }}{{ $x }}", "ba"),
        Arguments.of("{{ with $.Labels }}{{ .env }}{{ end }}", "prod"),
        // control flow
        Arguments.of("{{ if gt $value 1000.0 }}big{{ else }}small{{ end }}", "big"),
        Arguments.of("{{ if eq 1 2 }}a{{ else if eq 1 1 }}b{{ else }}c{{ end }}", "b"),
        Arguments.of("{{ with \"\" }}x{{ else }}empty{{ end }}", "empty"),
        Arguments.of("{{ with $labels.env }}{{ . }}{{ end }}", "prod"),
        Arguments.of(
            "{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}",
            "env=prod;instance=web-1.example.com:9100;job=node;"),
        Arguments.of(
            "{{ range $i, $s := query \"up\" }}{{ $i }}:{{ .Labels.instance }}={{ .Value }} {{ end }}",
            "0:b:1=0 1:a:1=1 "),
        Arguments.of("{{ range query \"none\" }}x{{ else }}no data{{ end }}", "no data"),
        Arguments.of(
            "{{ range $k, $x := (args 1 2 3 4) }}{{ if eq $x 2 }}{{ continue }}{{ end }}{{ if eq $x 4 }}{{ break }}{{ end }}{{ $x }}{{ end }}",
            "13"),
        Arguments.of("{{ range 3 }}{{ . }}{{ end }}", "012"),
        Arguments.of(
            "{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" $labels.job }}", "[node]"),
        Arguments.of("{{ block \"b\" 5 }}<{{ . }}>{{ end }}", "<5>"),
        Arguments.of("{{ tmpl \"t\" 3 }}{{ define \"t\" }}t{{ . }}{{ end }}", "t3"),
        // built-ins
        Arguments.of("{{ and 1 0 2 }} {{ or 0 \"\" \"x\" }} {{ not 0 }}", "0 x true"),
        Arguments.of(
            "{{ len \"héllo\" }} {{ len $labels }} {{ index $labels \"job\" }} {{ index (args 5) \"arg0\" }}",
            "6 3 node 5"),
        Arguments.of("{{ slice \"abcdef\" 1 3 }}", "bc"),
        Arguments.of("{{ print 1 2 \"a\" \"b\" 3 }}|{{ println 1 \"a\" }}", "1 2ab3|1 a\n"),
        Arguments.of(
            "{{ eq \"a\" \"b\" \"a\" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ ge \"b\" \"a\" }}",
            "true true true true true"),
        Arguments.of("{{ html \"<a href='x'>&\\\"\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;&#34;"),
        Arguments.of("{{ js \"it's <b>\" }}", "it\\'s \\u003Cb\\u003E"),
        Arguments.of("{{ urlquery \"a b&c\" }}", "a+b%26c"),
        // printf with Go's verbs
        Arguments.of(
            "{{ printf \"%.2f|%5.1f|%-6.1f|%06.2f|%+.1e\" 3.14159 2.25 2.5 -1.5 12345.678 }}",
            "3.14|  2.2|2.5   |-01.50|+1.2e+04"),
        Arguments.of(
            "{{ printf \"%d|%5d|%-5d|%05d|%x|%X|%o|%b|%c|%q|%U\" 42 42 42 -42 255 255 8 5 65 65 65 }}",
            "42|   42|42   |-0042|ff|FF|10|101|A|'A'|U+0041"),
        Arguments.of(
            "{{ printf \"%s|%10s|%-4s|%.2s|%q|%x|%v|%t\" \"go\" \"right\" \"l\" \"trunc\" \"q\\\"\" \"hi\" 1.0 true }}",
            "go|     right|l   |tr|\"q\\\"\"|6869|1|true"),
        Arguments.of(
            "{{ printf \"%g|%g|%g|%G|%v|%v\" 100000.0 1000000.0 0.0001 1e-7 0.1 123456789.0 }}",
            "100000|1e+06|0.0001|1E-07|0.1|1.23456789e+08"),
        Arguments.of("{{ printf \"%d %s\" $value 1 }}", "%!d(float64=1234.5678) %!s(int=1)"),
        Arguments.of(
            "{{ printf \"%d %d\" 1 }}|{{ printf \"%d\" 1 2 }}|{{ printf \"%%|%T|%T\" $labels nil }}",
            "1 %!d(MISSING)|1%!(EXTRA int=2)|%|map[string]string|<nil>"),
        Arguments.of(
            "{{ printf \"%[2]d %[1]d\" 1 2 }}|{{ printf \"%*d\" 4 7 }}|{{ printf \"%v\" nil }}",
            "2 1|   7|<nil>"),
        Arguments.of(
            "{{ printf \"%.3g|%.10g|%e|%f\" 2.0 0.1 0.0 -0.0 }}", "2|0.1|0.000000e+00|-0.000000"),
        // Prometheus functions
        Arguments.of(
            "{{ humanize 1234567.0 }} {{ humanize 0.000123 }} {{ humanize 0 }} {{ humanize \"2048\" }} {{ humanize 1e30 }}",
            "1.235M 123u 0 2.048k 1e+06Y"),
        Arguments.of(
            "{{ humanize1024 1048576.0 }} {{ humanize1024 0.5 }} {{ humanize1024 1023 }}",
            "1Mi 0.5 1023"),
        Arguments.of(
            "{{ humanizeDuration 90061.5 }} {{ humanizeDuration 3725 }} {{ humanizeDuration 61 }} {{ humanizeDuration 1.5 }} {{ humanizeDuration 0.0015 }} {{ humanizeDuration 0 }} {{ humanizeDuration -3725 }}",
            "1d 1h 1m 1s 1h 2m 5s 1m 1s 1.5s 1.5ms 0s -1h 2m 5s"),
        Arguments.of("{{ humanizePercentage 0.12345 }} {{ humanizePercentage 1 }}", "12.35% 100%"),
        Arguments.of(
            "{{ humanizeTimestamp 1435065584.128 }} {{ humanizeTimestamp 0 }}",
            "2015-06-23 13:19:44.128 +0000 UTC 1970-01-01 00:00:00 +0000 UTC"),
        Arguments.of(
            "{{ (toTime 1435065584).Format \"2006-01-02T15:04:05Z07:00 Mon Jan _2 3PM\" }} {{ (toTime 1).Unix }}",
            "2015-06-23T13:19:44Z Tue Jun 23 1PM 1"),
        Arguments.of("{{ toTime 1.5 }}", "1970-01-01 00:00:01.5 +0000 UTC"),
        Arguments.of(
            "{{ toDuration 90.5 }} {{ toDuration 0.0015 }} {{ (toDuration 3600).Hours }}",
            "1m30.5s 1.5ms 1"),
        Arguments.of(
            "{{ title \"hello wORLD foo_bar a-b\" }} {{ toUpper \"ab\" }} {{ toLower \"AB\" }}",
            "Hello WORLD Foo_bar A-B AB ab"),
        Arguments.of(
            "{{ match \"^web-[0-9]\" $labels.instance }} {{ reReplaceAll \"(.*):(\\\\d+)\" \"$2/$1\" \"h:80\" }} {{ reReplaceAll \"a*\" \"-\" \"baaac\" }}",
            "true 80/h -b-c-"),
        Arguments.of(
            "{{ reReplaceAll \"(?P<host>[^:]+):.*\" \"${host}!\" \"h:80\" }} {{ reReplaceAll \"x\" \"$1y\" \"x\" }}",
            "h! "),
        Arguments.of(
            "{{ with query \"up\" }}{{ . | first | label \"instance\" }} {{ . | first | value }} {{ (. | sortByLabel \"instance\" | first).Labels.instance }}{{ end }}",
            "b:1 0 a:1"),
        Arguments.of("{{ first (query \"up\") }}", "{map[__name__:up instance:b:1 job:x] 0}"),
        Arguments.of("{{ args 1 \"a\" }}", "map[arg0:1 arg1:a]"),
        Arguments.of("{{ safeHtml \"<b>\" }}", "<b>"),
        Arguments.of(
            "{{ stripPort \"h.example.com:9100\" }} {{ stripPort \"[::1]:80\" }} {{ stripPort \"nohost\" }}",
            "h.example.com ::1 nohost"),
        Arguments.of(
            "{{ stripDomain \"h.example.com:9100\" }} {{ stripDomain \"10.0.0.1:80\" }} {{ stripDomain \"h.example.com\" }}",
            "h:9100 10.0.0.1:80 h"),
        Arguments.of("{{ parseDuration \"1h30m\" }} {{ parseDuration \"1500ms\" }}", "5400 1.5"),
        Arguments.of(
            "{{ externalURL }} {{ pathPrefix }}", "https://prom.example.com/prefix /prefix"),
        Arguments.of(
            "{{ graphLink \"rate(x[5m]) > 1\" }} {{ tableLink \"up\" }}",
            "/graph?g0.expr=rate%28x%5B5m%5D%29+%3E+1&g0.tab=0 /graph?g0.expr=up&g0.tab=1"),
        Arguments.of("{{ urlQueryEscape \"a/b c\" }}", "a%2Fb+c"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersLikeGo(String text, String expected) {
    Template.Parsed parsed = Template.parse("t", text, FunctionSet.prometheus());
    assertThat(parsed.errors()).isEmpty();
    RenderResult result = parsed.template().orElseThrow().render(data());
    assertThat(result.error()).isEmpty();
    assertThat(result.output()).isEqualTo(expected);
  }

  static Stream<Arguments> vmalertCases() {
    return Stream.of(
        Arguments.of("{{ jsonEscape \"a\\\"b\\n<\" }}", "\"a\\\"b\\n\\u003c\""),
        Arguments.of("{{ quotesEscape \"say \\\"hi\\\"\" }}", "say \\\"hi\\\""),
        Arguments.of("{{ htmlEscape \"<a>&\" }}", "&lt;a&gt;&amp;"),
        Arguments.of("{{ crlfEscape \"a\\r\\nb\" }}", "a\\r\\nb"),
        Arguments.of("{{ pathEscape \"a b/c\" }} {{ queryEscape \"a b/c\" }}", "a%20b%2Fc a+b%2Fc"),
        Arguments.of("{{ parseDurationTime \"1.5h\" }} {{ parseDuration \"-1m\" }}", "1h30m0s -60"),
        Arguments.of(
            "{{ $for }} {{ $alertID }} {{ $expr }} {{ $type }} {{ $isPartial }}",
            "5m0s 42 up == 0 prometheus false"),
        // formatTime and now as vmalert's own tests have them (app/vmalert/templates)
        Arguments.of(
            "{{ 1679055557 | formatTime \"2006-01-02T15:04:05Z07:00\" }}"
                + " {{ formatTime \"2006-01-02T15:04:05\" 1679055557 }}"
                + " {{ \"1679055557.9\" | formatTime \"02 Jan 06 15:04 MST\" }}",
            "2023-03-17T12:19:17Z 2023-03-17T12:19:17 17 Mar 23 12:19 UTC"),
        Arguments.of("{{ now | printf \"%T\" }} {{ gt now 1.7e9 }}", "float64 true"),
        Arguments.of("{{ $interval }} {{ .Interval }}", "0s 0s"),
        Arguments.of(
            "{{ $activeAt.Format \"15:04:05.000\" }} {{ $externalLabels.region }} {{ $externalURL }}",
            "12:30:45.500 eu https://prom.example.com/prefix"),
        Arguments.of("{{ strvalue (first (query \"up\")) }}", "up"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vmalertCases")
  void rendersVmalertFunctions(String text, String expected) {
    Template.Parsed parsed = Template.parse("t", text, FunctionSet.vmalert());
    assertThat(parsed.errors()).isEmpty();
    RenderResult result = parsed.template().orElseThrow().render(data());
    assertThat(result.error()).isEmpty();
    assertThat(result.output()).isEqualTo(expected);
  }
}
