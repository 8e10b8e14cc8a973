package io.vmrules.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.model.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that cannot be read is a finding of its own; the other files are still checked. */
class UnreadableFileTest {
  @TempDir Path dir;

  @Test
  void anUnreadableFileIsReportedWithItsReasonAndTheOthersAreChecked() throws Exception {
    Path good = dir.resolve("a.yml");
    Files.writeString(
        good, "groups:\n  - name: g\n    rules:\n      - record: job:x:sum\n        expr: sum(x\n");
    Path gone = dir.resolve("gone.yml");
    Path directory = Files.createDirectory(dir.resolve("dir.yml"));
    ValidationReport report =
        new Validation(Validation.Options.of(Dialect.METRICSQL))
            .validateFiles(List.of(good, gone, directory))
            .report();
    assertThat(report.hasUnreadableFiles()).isTrue();
    assertThat(report.files()).isEqualTo(3);
    List<Finding> io = report.findings().stream().filter(f -> f.code().equals("rules.io")).toList();
    assertThat(io)
        .extracting(Finding::file)
        .containsExactlyInAnyOrder(gone.toString(), directory.toString());
    assertThat(io)
        .filteredOn(f -> f.file().equals(gone.toString()))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("no such file"));
    assertThat(report.findings())
        .anySatisfy(
            f -> {
              assertThat(f.file()).isEqualTo(good.toString());
              assertThat(f.code()).isEqualTo("promql.syntax");
            });
  }
}
