package io.vmrules.template;

import io.vmrules.template.funcs.Builtins;
import io.vmrules.template.funcs.PrometheusFunctions;
import io.vmrules.template.funcs.VmalertFunctions;
import io.vmrules.template.runtime.FunctionLookup;
import io.vmrules.template.runtime.TemplateFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions and predeclared variables a template may use: Go's built-ins plus a dialect's
 * additions. Immutable; {@link #with} gives a copy with one more function (or a replacement).
 */
public final class FunctionSet implements FunctionLookup {
  private static final List<String> PROMETHEUS_VARIABLES =
      List.of("$labels", "$externalLabels", "$externalURL", "$value");
  private static final List<String> VMALERT_VARIABLES =
      List.of(
          "$labels",
          "$externalLabels",
          "$externalURL",
          "$value",
          "$expr",
          "$activeAt",
          "$for",
          "$interval",
          "$alertID",
          "$groupID",
          "$type",
          "$isPartial");

  private final Map<String, TemplateFunction> functions;
  private final Set<String> variables;

  private FunctionSet(Map<String, TemplateFunction> functions, Set<String> variables) {
    this.functions = Map.copyOf(functions);
    this.variables = Set.copyOf(variables);
  }

  /** Go's built-ins only, no predeclared variables. */
  public static FunctionSet builtins() {
    return of(Builtins.all(), List.of());
  }

  /** What Prometheus alert and label templates see. */
  public static FunctionSet prometheus() {
    return of(PrometheusFunctions.all(), PROMETHEUS_VARIABLES);
  }

  /** What vmalert templates see: Prometheus' functions and variables plus vmalert's. */
  public static FunctionSet vmalert() {
    Map<String, TemplateFunction> all = new LinkedHashMap<>();
    for (TemplateFunction f : PrometheusFunctions.all()) {
      all.put(f.name(), f);
    }
    for (TemplateFunction f : VmalertFunctions.all()) {
      all.put(f.name(), f);
    }
    return of(List.copyOf(all.values()), VMALERT_VARIABLES);
  }

  private static FunctionSet of(List<TemplateFunction> extra, List<String> variables) {
    Map<String, TemplateFunction> all = new LinkedHashMap<>();
    for (TemplateFunction f : Builtins.all()) {
      all.put(f.name(), f);
    }
    for (TemplateFunction f : extra) {
      all.put(f.name(), f);
    }
    return new FunctionSet(all, Set.copyOf(variables));
  }

  public FunctionSet with(TemplateFunction function) {
    Map<String, TemplateFunction> all = new LinkedHashMap<>(functions);
    all.put(function.name(), function);
    return new FunctionSet(all, variables);
  }

  @Override
  public Optional<TemplateFunction> function(String name) {
    return Optional.ofNullable(functions.get(name));
  }

  public boolean has(String name) {
    return functions.containsKey(name);
  }

  public Set<String> functionNames() {
    return new TreeSet<>(functions.keySet());
  }

  /** Variables usable without a declaration, with their {@code $}. */
  public Set<String> variables() {
    return variables;
  }
}
