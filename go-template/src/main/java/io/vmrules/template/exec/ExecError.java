package io.vmrules.template.exec;

/** Why a render stopped, at an offset in the template text (-1 when not tied to a place). */
public final class ExecError extends RuntimeException {
  private final int offset;

  public ExecError(int offset, String message) {
    super(message, null, false, false);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
