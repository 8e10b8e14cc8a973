package io.vmrules.rules.validate;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The findings of one rule file's text as "severity code" lines, for table-driven tests. */
final class FindingCodes {
  private FindingCodes() {}

  static List<String> of(Dialect dialect, String text) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (Finding f :
        new Validation(Validation.Options.of(dialect))
            .validate(Map.of("f.yml", text.getBytes(StandardCharsets.UTF_8)))
            .report()
            .findings()) {
      out.add(f.severity().label() + " " + f.code());
    }
    return out;
  }
}
