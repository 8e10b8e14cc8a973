package io.vmrules.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vmrules.template.runtime.RenderLimits;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random mutations of real templates: parse, check and render never throw, and a render
 * either succeeds or falls back to the raw text.
 */
class TemplateFuzzTest {
  static final List<String> SEEDS =
      TemplateRenderTest.cases().map(a -> (String) a.get()[0]).toList();
  static final String ALPHABET = "{}()|$.\"`'-+ :=,\n\\*/abcdefxyz0123456789%";

  static Stream<Long> seeds() {
    return Stream.iterate(1L, s -> s + 1).limit(20);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void mutatedTemplatesNeverThrow(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 250; i++) {
      String text = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
      assertThatCode(
              () -> {
                Template.check(text, FunctionSet.vmalert());
                Template.parse("f", text, FunctionSet.prometheus())
                    .template()
                    .ifPresent(
                        t -> {
                          RenderResult r =
                              t.render(
                                  TemplateRenderTest.data(),
                                  RenderLimits.defaults().withMaxOutputChars(4096));
                          if (!r.isOk()) {
                            assertThat(r.output()).isEqualTo(text);
                          }
                        });
              })
          .as(text)
          .doesNotThrowAnyException();
    }
  }

  private static String mutate(String s, Random random) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int pos = b.length() == 0 ? 0 : random.nextInt(b.length());
      switch (random.nextInt(4)) {
        case 0 -> b.insert(pos, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 1 -> {
          if (b.length() > 0) {
            b.deleteCharAt(pos);
          }
        }
        case 2 -> b.insert(pos, b.substring(pos, Math.min(b.length(), pos + random.nextInt(12))));
        default -> {
          if (b.length() > 0) {
            b.setCharAt(pos, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          }
        }
      }
    }
    return b.toString();
  }
}
