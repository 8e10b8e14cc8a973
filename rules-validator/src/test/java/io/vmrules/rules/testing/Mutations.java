package io.vmrules.rules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Rule files to start from, and the mutations the fuzz tests make of them: by bytes, by lines. */
public final class Mutations {
  private static final byte[][] TOKENS =
      Stream.of(
              ":",
              "- ",
              "  ",
              "\n",
              "\t",
              "\"",
              "'",
              "{",
              "}",
              "[",
              "]",
              "|",
              ">",
              "&a",
              "*a",
              "!!str ",
              "#",
              "%",
              "{{",
              "}}",
              "(",
              ")",
              "[5m]",
              "==",
              " by (",
              "~",
              "\u0000",
              "é",
              "\uD83D\uDE00",
              "expr: ",
              "for: 1x",
              "record: ",
              "alert: ",
              "groups:",
              "rules:",
              "<<: *a",
              "---\n",
              "...\n",
              "\\",
              "\r\n")
          .map(s -> s.getBytes(StandardCharsets.UTF_8))
          .toArray(byte[][]::new);

  private Mutations() {}

  /**
   * The rule files of the tests and the shipped rules, as bytes; without the fixtures that keep to
   * YAML forms BlockYaml leaves to snakeyaml on purpose (anchors and merge keys, tabs, several
   * documents, UTF-16), which {@link #isBlockStyle} tells apart.
   */
  public static List<byte[]> ruleFileSeeds() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (Path dir : List.of(Path.of("src/test/resources/fixtures"), Path.of("../rules"))) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f :
            files
                .filter(p -> p.toString().matches(".*\\.ya?ml") && isBlockStyle(p))
                .sorted()
                .toList()) {
          seeds.add(Files.readAllBytes(f));
        }
      }
    }
    assertThat(seeds).hasSizeGreaterThan(3);
    return seeds;
  }

  /**
   * Whether a test file keeps to the block-style YAML that BlockYaml reads (see its class comment).
   */
  public static boolean isBlockStyle(Path file) {
    String name = file.getFileName().toString();
    return !name.contains("-yaml-forms-") && !name.contains("-utf16-");
  }

  /** One to four byte flips, deletions, insertions of YAML and PromQL tokens, or a truncation. */
  public static byte[] bytes(byte[] seed, Random random) {
    byte[] out = seed;
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      int at = out.length == 0 ? 0 : random.nextInt(out.length);
      out =
          switch (random.nextInt(4)) {
            case 0 -> { // flip
              byte[] copy = out.clone();
              if (copy.length > 0) {
                copy[at] = (byte) random.nextInt(256);
              }
              yield copy;
            }
            case 1 ->
                splice(
                    out, at, Math.min(out.length, at + random.nextInt(16)), new byte[0]); // delete
            case 2 -> splice(out, at, at, TOKENS[random.nextInt(TOKENS.length)]); // insert
            default -> Arrays.copyOf(out, at); // truncate
          };
    }
    return out;
  }

  /** One to three lines indented, dedented, duplicated, removed or swapped. */
  public static byte[] lines(byte[] seed, Random random) {
    List<String> lines =
        new ArrayList<>(List.of(new String(seed, StandardCharsets.UTF_8).split("\n", -1)));
    for (int i = 1 + random.nextInt(3); i > 0 && !lines.isEmpty(); i--) {
      int a = random.nextInt(lines.size());
      int b = random.nextInt(lines.size());
      switch (random.nextInt(5)) {
        case 0 -> lines.set(a, "  " + lines.get(a)); // indent
        case 1 -> lines.set(a, lines.get(a).replaceFirst("^  ", "")); // dedent
        case 2 -> lines.add(b, lines.get(a)); // duplicate
        case 3 -> lines.remove(a);
        default -> {
          String t = lines.get(a);
          lines.set(a, lines.get(b));
          lines.set(b, t);
        }
      }
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    byte[] out = new byte[in.length - (to - from) + insert.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(in, to, out, from + insert.length, in.length - to);
    return out;
  }
}
