package io.vmrules.template.value;

import java.util.List;
import java.util.Optional;

/** A value that templates see as a Go struct: fields by name, printed as {@code {f1 f2}}. */
public interface GoStruct {
  /** The Go type name, for {@code %T} and error messages. */
  String goTypeName();

  /** The field's value, or empty when the struct has no such field. */
  Optional<Object> field(String name);

  /** Field values in declaration order, for {@code %v}. */
  List<Object> printedFields();

  /** Whether Go holds it by pointer, which {@code %v} prints as {@code &{…}}. */
  default boolean printedAsPointer() {
    return false;
  }
}
