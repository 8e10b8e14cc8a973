package io.vmrules.promql.types;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.Suggestions;
import io.vmrules.promql.ValueType;
import io.vmrules.promql.types.FunctionSignature.Occurrence;
import io.vmrules.promql.types.FunctionSignature.Param;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every PromQL and MetricsQL function and aggregation, read once from {@code functions.tsv}: data,
 * not code, so following a new Prometheus or VictoriaMetrics release is a table edit.
 */
public final class FunctionCatalog {
  private static final FunctionCatalog STANDARD = load("functions.tsv");

  /** The flag of a function Prometheus promoted: experimental-before-3.14 (stable since 3.14). */
  private static final String STABLE_SINCE = "experimental-before-";

  private final Map<String, FunctionSignature> promql;
  private final Map<String, FunctionSignature> metricsql;

  private FunctionCatalog(
      Map<String, FunctionSignature> promql, Map<String, FunctionSignature> metricsql) {
    this.promql = Map.copyOf(promql);
    this.metricsql = Map.copyOf(metricsql);
  }

  public static FunctionCatalog standard() {
    return STANDARD;
  }

  /**
   * MetricsQL functions VictoriaMetrics defines as built-in WITH templates, which it looks up as
   * written ({@code Alias(x, "a")} is an unknown function there, {@code Rate(x[5m])} is not).
   */
  private static final Set<String> METRICSQL_TEMPLATES =
      Set.of("alias", "median_over_time", "range_median", "ru", "ttf");

  /** PromQL names are case-sensitive; MetricsQL names are not, but for its built-in templates. */
  public Optional<FunctionSignature> lookup(String name, Dialect dialect) {
    return Optional.ofNullable(find(name, dialect));
  }

  /**
   * {@link #lookup} without the {@code Optional}, for the compiler's hot paths: every call and
   * aggregation of every rule asks, and without escape analysis (validate runs on C1) each answer
   * was an allocation.
   */
  public FunctionSignature find(String name, Dialect dialect) {
    if (dialect == Dialect.PROMQL) {
      return promql.get(name);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.equals(name) && METRICSQL_TEMPLATES.contains(lower)) {
      return null;
    }
    return metricsql.get(lower);
  }

  public Set<String> names(Dialect dialect) {
    return (dialect == Dialect.PROMQL ? promql : metricsql).keySet();
  }

  public Optional<String> closest(String name, Dialect dialect) {
    return Suggestions.closest(name, names(dialect));
  }

  static FunctionCatalog load(String resource) {
    Map<String, FunctionSignature> promql = new HashMap<>();
    Map<String, FunctionSignature> metricsql = new HashMap<>();
    try (InputStream in = FunctionCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int lineNo = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        if (cols.length != 6) {
          throw new IllegalStateException(
              resource + ":" + lineNo + ": expected 6 columns, got " + cols.length);
        }
        FunctionSignature sig =
            new FunctionSignature(
                cols[0],
                cols[1].equals("aggregation"),
                returnType(cols[3]),
                params(cols[4]),
                cols[5].startsWith("experimental"),
                cols[5].startsWith(STABLE_SINCE) ? cols[5].substring(STABLE_SINCE.length()) : null);
        if ((cols[2].contains("P") && promql.put(sig.name(), sig) != null)
            || (cols[2].contains("M") && metricsql.put(sig.name(), sig) != null)) {
          throw new IllegalStateException(
              resource + ":" + lineNo + ": " + sig.name() + " defined twice");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FunctionCatalog(promql, metricsql);
  }

  private static ValueType returnType(String s) {
    return switch (s) {
      case "scalar" -> ValueType.SCALAR;
      case "vector" -> ValueType.INSTANT_VECTOR;
      default -> throw new IllegalStateException("unknown return type " + s);
    };
  }

  private static List<Param> params(String spec) {
    List<Param> params = new ArrayList<>();
    if (spec.isEmpty()) {
      return params;
    }
    for (String p : spec.split(",")) {
      char last = p.charAt(p.length() - 1);
      Occurrence occurrence =
          switch (last) {
            case '?' -> Occurrence.OPTIONAL;
            case '*' -> Occurrence.ZERO_OR_MORE;
            case '+' -> Occurrence.ONE_OR_MORE;
            default -> Occurrence.ONCE;
          };
      String type = occurrence == Occurrence.ONCE ? p : p.substring(0, p.length() - 1);
      params.add(new Param(ArgType.valueOf(type.toUpperCase(Locale.ROOT)), occurrence));
    }
    return params;
  }
}
