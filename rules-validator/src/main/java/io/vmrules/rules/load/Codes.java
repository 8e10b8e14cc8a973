package io.vmrules.rules.load;

/** Stable codes of rule-file structure findings. */
public final class Codes {
  public static final String IO = "rules.io";
  public static final String YAML = "rules.yaml";
  public static final String ENCODING = "rules.encoding";
  public static final String EMPTY_FILE = "rules.empty-file";
  public static final String TEST_FILE = "rules.test-file";
  public static final String EMPTY_GROUP = "rules.empty-group";
  public static final String MISSING_KEY = "rules.missing-key";
  public static final String BAD_TYPE = "rules.bad-type";
  public static final String BAD_VALUE = "rules.bad-value";
  public static final String DUPLICATE_KEY = "rules.duplicate-key";
  public static final String UNKNOWN_KEY = "rules.unknown-key";
  public static final String DUPLICATE_GROUP = "rules.duplicate-group";
  public static final String DURATION = "rules.duration";
  public static final String RULE_KIND = "rules.rule-kind";
  public static final String BAD_NAME = "rules.bad-name";
  public static final String RECORDING_FIELD = "rules.recording-field";
  public static final String BAD_LABEL = "rules.bad-label";
  public static final String RESERVED_LABEL = "rules.reserved-label";
  public static final String CONFLICT = "rules.conflict";

  private Codes() {}
}
