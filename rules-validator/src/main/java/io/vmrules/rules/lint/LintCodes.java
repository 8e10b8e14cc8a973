package io.vmrules.rules.lint;

/** The stable codes of lint findings (and of the cross-rule checks). */
public final class LintCodes {
  public static final String RATE_NON_COUNTER = "lint.rate-non-counter";
  public static final String COUNTER_WITHOUT_RATE = "lint.counter-without-rate";
  public static final String ALERT_NO_CONDITION = "lint.alert-no-condition";
  public static final String HISTOGRAM_WITHOUT_LE = "lint.histogram-without-le";
  public static final String REGEX_PLAIN_STRING = "lint.regex-plain-string";
  public static final String REGEX_NEVER_MATCHES = "lint.regex-never-matches";
  public static final String RATE_WINDOW = "lint.rate-window";
  public static final String FOR_SHORTER_THAN_INTERVAL = "lint.for-shorter-than-interval";
  public static final String RECORD_NAME = "lint.record-name";
  public static final String ALERT_ANNOTATIONS = "lint.alert-annotations";
  public static final String CROSS_GROUP_DEPENDENCY = "lint.cross-group-dependency";
  public static final String LABEL_TEMPLATE_VALUE = "lint.label-template-value";
  public static final String TEMPLATE_LABEL_MISSING = "lint.template-label-missing";
  public static final String DUPLICATE_RULE = "rules.duplicate-rule";
  public static final String RECORDING_CYCLE = "rules.recording-cycle";

  private LintCodes() {}
}
