package io.vmrules.rules.conformance;

import io.vmrules.testsupport.ExternalTool;
import java.nio.file.Path;

/** Whether a real tool accepts a rule file: its exit status, for the tests that vary one field. */
interface RuleFileVerdict {
  boolean accepts(Path file) throws Exception;

  static RuleFileVerdict promtool() {
    ExternalTool promtool = ExternalTool.require("promtool");
    return file -> promtool.run("check", "rules", file.toString()).exitCode() == 0;
  }

  static RuleFileVerdict vmalert() {
    ExternalTool vmalert = ExternalTool.require("vmalert");
    return file -> vmalert.run("-dryRun", "-rule=" + file, "-loggerLevel=ERROR").exitCode() == 0;
  }
}
