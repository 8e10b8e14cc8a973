package io.vmrules.rules.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8OutputTest {
  /** Writes pieces the ways a PrintWriter passes them on; the bytes must be the text's UTF-8. */
  private static void assertEncodes(List<String> pieces) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder expected = new StringBuilder();
    try (PrintWriter out = new PrintWriter(new Utf8Output(bytes))) {
      int i = 0;
      for (String piece : pieces) {
        switch (i++ % 3) {
          case 0 -> out.write(piece);
          case 1 -> out.write(piece.toCharArray());
          default -> piece.chars().forEach(out::write);
        }
        expected.append(piece);
      }
    }
    assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
  }

  @Test
  void asciiAndNonAsciiInSmallPieces() throws IOException {
    assertEncodes(List.of("a.yml:1:2: error: x", "\n", "é ü ✓ ", "😀", "ok\n"));
  }

  @Test
  void pieceLargerThanTheBufferAfterPendingText() throws IOException {
    assertEncodes(List.of("head ", "x".repeat(200_000) + "ä", "tail"));
  }

  @Test
  void surrogatePairsAcrossEveryBufferBoundary() throws IOException {
    // 😀 is two chars: runs of it, offset by one char, put a pair's halves on both sides of a
    // drain.
    String run = "😀".repeat(40_000);
    assertEncodes(List.of("a" + run, "b", run, "é".repeat(70_000), run));
  }
}
