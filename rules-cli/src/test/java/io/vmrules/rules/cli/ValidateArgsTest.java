package io.vmrules.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.rules.report.ReportFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The plain-command-line parser of {@code rules validate} against picocli's: where it gives an
 * answer it is picocli's answer, and it leaves everything else (help, errors, rare forms) to
 * picocli.
 */
class ValidateArgsTest {
  @ParameterizedTest(name = "[{index}] validate {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # arguments after 'validate' (space-separated)            | plain parser answers
          rules/                                                     | true
          a.yml b.yml c/                                             | true
          --dialect promql a.yml                                     | true
          --dialect=PromQL a.yml                                     | true
          a.yml --dialect METRICSQL                                  | true
          --format json a.yml                                        | true
          --format=Sarif --strict a.yml                              | true
          --strict a.yml --disable lint.counter-without-rate         | true
          --disable a,b --disable=c a.yml                            | true
          -- --strict a.yml                                         | true
          --dialect promql -- -a.yml                                 | true
          --help                                                     | false
          -h a.yml                                                   | false
          --version                                                  | false
          a.yml -V                                                   | false
          --strict --strict a.yml                                    | false
          --dialect promql --dialect metricsql a.yml                 | false
          --dialect sql a.yml                                        | false
          --format xml a.yml                                         | false
          --format                                                   | false
          --disable a,,b a.yml                                       | false
          --disable= a.yml                                           | false
          --dialect --strict a.yml                                   | false
          --unknown a.yml                                            | false
          --datasource.url http://127.0.0.1:8428 a.yml               | false
          --online.stats a.yml                                       | false
          -x a.yml                                                   | false
          @args.txt                                                  | false
          --strict                                                   | false
          --format json                                              | false
          ''                                                         | false
          """)
  void answersOnlyWhatPicocliWouldAnswerTheSameWay(String line, boolean answers) {
    String[] args = argv(line);
    ValidateArgs plain = ValidateArgs.parsePlain(args);
    if (!answers) {
      assertThat(plain).isNull();
      return;
    }
    assertThat(plain).isNotNull();
    CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
    ValidateCommand command = (ValidateCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(plain).isEqualTo(command.args());
  }

  @ParameterizedTest(name = "[{index}] validate {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a.yml                                          | METRICSQL | TEXT  | false | ''
          --dialect promql --format junit a.yml          | PROMQL    | JUNIT | false | ''
          --strict --disable x,y --disable z a.yml       | METRICSQL | TEXT  | true  | x y z
          """)
  void readsTheValues(
      String line, Dialect dialect, ReportFormat format, boolean strict, String disabled) {
    ValidateArgs plain = ValidateArgs.parsePlain(argv(line));
    assertThat(plain.dialect()).isEqualTo(dialect);
    assertThat(plain.format()).isEqualTo(format);
    assertThat(plain.strict()).isEqualTo(strict);
    assertThat(plain.disabled())
        .isEqualTo(disabled.isEmpty() ? List.of() : List.of(disabled.split(" ")));
    assertThat(plain.paths()).containsExactly("a.yml");
  }

  private static String[] argv(String line) {
    List<String> args = new java.util.ArrayList<>(List.of("validate"));
    if (line.isEmpty()) {
      args.add(""); // one empty argument
    } else {
      args.addAll(List.of(line.trim().split(" +")));
    }
    return args.toArray(String[]::new);
  }
}
