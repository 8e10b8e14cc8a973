package io.vmrules.promql.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Diagnostic;
import io.vmrules.promql.DiagnosticCode;
import io.vmrules.promql.Dialect;
import io.vmrules.promql.PromQL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalog entry, called with the fewest and with extra arguments of its declared types. */
class FunctionCatalogTest {
  private static final FunctionCatalog CATALOG = FunctionCatalog.standard();

  /** Names from VictoriaMetrics' documentation, not from our catalog: what a user may write. */
  static List<String> documentedMetricsqlFunctions() throws java.io.IOException {
    try (var in =
        FunctionCatalogTest.class.getResourceAsStream("metricsql-documented-functions.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    }
  }

  @Test
  void everyDocumentedMetricsqlFunctionIsInTheCatalog() throws Exception {
    List<String> documented = documentedMetricsqlFunctions();
    assertThat(documented).hasSizeGreaterThan(200);
    assertThat(documented)
        .allSatisfy(
            name -> assertThat(CATALOG.lookup(name, Dialect.METRICSQL)).as(name).isPresent());
  }

  static Stream<Arguments> entries() {
    List<Arguments> all = new ArrayList<>();
    for (Dialect dialect : Dialect.values()) {
      CATALOG.names(dialect).stream()
          .sorted()
          .forEach(
              name -> all.add(Arguments.of(dialect, CATALOG.lookup(name, dialect).orElseThrow())));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("entries")
  void aWellTypedCallCompiles(Dialect dialect, FunctionSignature sig) {
    for (int count : List.of(sig.minArgs(), Math.min(sig.maxArgs(), sig.minArgs() + 2))) {
      String call = call(sig, count);
      List<Diagnostic> diagnostics = PromQL.check(call, dialect).diagnostics();
      if (sig.experimental() && dialect == Dialect.PROMQL) {
        assertThat(diagnostics)
            .as(call)
            .singleElement()
            .satisfies(d -> assertThat(d.code()).isEqualTo(DiagnosticCode.EXPERIMENTAL))
            .satisfies(d -> assertThat(d.isError()).isFalse());
      } else {
        // no finding but that an argument is newer than the packaged VictoriaMetrics
        assertThat(diagnostics)
            .as("%s in %s", call, dialect)
            .allSatisfy(d -> assertThat(d.code()).isEqualTo(DiagnosticCode.NEWER_SYNTAX))
            .noneMatch(Diagnostic::isError);
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("entries")
  void oneArgumentTooManyIsAnArityError(Dialect dialect, FunctionSignature sig) {
    if (sig.maxArgs() == Integer.MAX_VALUE) {
      return;
    }
    String call = call(sig, sig.maxArgs()).replaceFirst("\\)$", sig.maxArgs() == 0 ? "1)" : ", 1)");
    assertThat(PromQL.check(call, dialect).diagnostics())
        .as(call)
        .anySatisfy(d -> assertThat(d.code()).isEqualTo(DiagnosticCode.ARITY));
  }

  @Test
  void middleRepetitionLinesUpFromBothEnds() {
    FunctionSignature quantiles = CATALOG.lookup("quantiles", Dialect.METRICSQL).orElseThrow();
    assertThat(
            List.of(
                quantiles.argType(0, 4),
                quantiles.argType(1, 4),
                quantiles.argType(2, 4),
                quantiles.argType(3, 4)))
        .containsExactly(ArgType.STRING, ArgType.SCALAR, ArgType.SCALAR, ArgType.VECTOR);
    assertThat(quantiles.minArgs()).isEqualTo(3);
  }

  @Test
  void metricsqlNamesAreCaseInsensitivePromqlNamesAreNot() {
    assertThat(CATALOG.lookup("RATE", Dialect.METRICSQL)).isPresent();
    assertThat(CATALOG.lookup("RATE", Dialect.PROMQL)).isEmpty();
  }

  @Test
  void bothCatalogsAreComplete() {
    // Prometheus 3.x has 80 functions and aggregations in all; MetricsQL well over 200.
    assertThat(CATALOG.names(Dialect.PROMQL)).hasSizeGreaterThanOrEqualTo(90);
    assertThat(CATALOG.names(Dialect.METRICSQL)).hasSizeGreaterThanOrEqualTo(200);
  }

  private static String call(FunctionSignature sig, int count) {
    return sig.exampleCall(count);
  }

  @Test
  void aPromotedFunctionSaysWhichPrometheusStillNeedsTheFlag() {
    Diagnostic promoted =
        PromQL.check("first_over_time(x[5m])", Dialect.PROMQL).diagnostics().get(0);
    assertThat(promoted.code()).isEqualTo(DiagnosticCode.EXPERIMENTAL);
    assertThat(promoted.message())
        .contains("experimental before Prometheus 3.14: older versions need --enable-feature");
    assertThat(PromQL.check("mad_over_time(x[5m])", Dialect.PROMQL).diagnostics().get(0).message())
        .contains("is experimental: Prometheus needs --enable-feature");
  }
}
