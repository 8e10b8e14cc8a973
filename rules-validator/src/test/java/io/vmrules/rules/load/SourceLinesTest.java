package io.vmrules.rules.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmrules.promql.Dialect;
import io.vmrules.promql.LineMap;
import io.vmrules.rules.model.LoadedFile;
import io.vmrules.rules.model.SourceLines;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lines view over a file's text, and the loader's decoding fast path. */
class SourceLinesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"", "a", "a\n", "a\nb", "a\r\nb\r\n", "\n\n", "a\r", "a\rb\n", "\r\n", "x\n\r\ny"})
  void linesAreTheTextSplitAtLineEnds(String text) {
    assertThat(new SourceLines(text, new LineMap(text))).containsExactly(text.split("\r?\n", -1));
  }

  @Test
  void randomTextsSplitTheSameWay() {
    Random random = new Random(7);
    char[] alphabet = {'a', ' ', '\n', '\r', '#', 'é'};
    for (int n = 0; n < 2000; n++) {
      StringBuilder b = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        b.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String text = b.toString();
      assertThat(new SourceLines(text, new LineMap(text)))
          .as(text)
          .containsExactly(text.split("\r?\n", -1));
    }
  }

  @Test
  void replacementCharacterInValidUtf8IsNotAnEncodingError() {
    String yaml =
        "groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: up{x=\"\uFFFD\"}\n";
    LoadedFile file =
        new RuleFileLoader(Dialect.PROMQL).load("f.yml", yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(file.findings()).isEmpty();
    assertThat(file.groups().get(0).rules().get(0).spec().expr()).isEqualTo("up{x=\"\uFFFD\"}");
    assertThat(file.lines()).hasSize(6).element(4).asString().contains("\uFFFD");
  }

  @Test
  void invalidUtf8IsReportedAtTheBadByte() {
    byte[] bytes = "groups:\n  - name: \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    LoadedFile file = new RuleFileLoader(Dialect.PROMQL).load("f.yml", bytes);
    assertThat(file.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("rules.encoding");
              assertThat(List.of(f.line(), f.column())).containsExactly(2, 11);
            });
  }
}
