package io.vmrules.template.runtime;

import java.util.Optional;

/**
 * Where the interpreter finds a template's functions by name. {@code FunctionSet} is the one the
 * facade hands it; the interpreter needs no more than this, so it does not depend on the facade.
 */
public interface FunctionLookup {
  Optional<TemplateFunction> function(String name);
}
