package io.vmrules.rules.load;

import io.vmrules.promql.LineMap;
import io.vmrules.rules.model.Finding;
import io.vmrules.rules.model.Finding.Level;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * A rule file's bytes as the text the YAML readers get, read as promtool reads them: UTF-8, or
 * UTF-16 after a byte order mark; a UTF-8 byte order mark dropped; tabs at line ends made spaces.
 */
final class RuleFileText {
  private RuleFileText() {}

  /** The text, or the {@code rules.encoding} error that stops the file. */
  sealed interface Decoded {
    record Text(String text) implements Decoded {}

    record Unreadable(Finding error) implements Decoded {}
  }

  static Decoded decode(String file, byte[] bytes) {
    String text;
    try {
      text = utf16(bytes);
      if (text == null) {
        text = utf8(bytes);
      }
    } catch (MalformedInputException e) {
      int offset = firstBadByte(bytes);
      String prefix = new String(bytes, 0, offset, StandardCharsets.UTF_8);
      LineMap lines = new LineMap(prefix);
      return new Decoded.Unreadable(
          new Finding(
              file,
              lines.line(prefix.length()),
              lines.column(prefix.length()),
              Level.ERROR,
              Codes.ENCODING,
              "",
              "",
              "file is not valid UTF-8 (bad byte 0x"
                  + String.format("%02x", bytes[offset] & 0xff)
                  + " at byte offset "
                  + offset
                  + ")"));
    } catch (CharacterCodingException e) {
      return new Decoded.Unreadable(
          new Finding(file, 1, 1, Level.ERROR, Codes.ENCODING, "", "", "file is not valid UTF-8"));
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    return new Decoded.Text(trailingTabsToSpaces(text));
  }

  /**
   * A file that starts with a UTF-16 byte order mark, decoded (promtool reads such files); else
   * null.
   */
  private static String utf16(byte[] bytes) {
    if (bytes.length >= 2
        && (((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff)
            || ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe))) {
      return new String(bytes, StandardCharsets.UTF_16); // reads and drops the mark
    }
    return null;
  }

  /**
   * Tabs after the last character of a line become spaces: Go's YAML library takes them ({@code
   * labels:<TAB>}), snakeyaml refuses them. Same length, so every position stays.
   */
  static String trailingTabsToSpaces(String text) {
    int tab = text.indexOf('\t');
    if (tab < 0) {
      return text;
    }
    char[] cs = text.toCharArray();
    for (int i = tab; i < cs.length; i++) {
      if (cs[i] != '\t') {
        continue;
      }
      int j = i;
      while (j < cs.length && (cs[j] == '\t' || cs[j] == ' ')) {
        j++;
      }
      if (j == cs.length || cs[j] == '\n' || cs[j] == '\r') {
        for (int k = i; k < j; k++) {
          cs[k] = ' ';
        }
      }
      i = j - 1;
    }
    return new String(cs);
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    // Fast path: the lenient decoder (vectorised for ASCII) only writes U+FFFD for bad input, so a
    // result without one is the strict result; a file with U+FFFD takes the strict path.
    String lenient = new String(bytes, StandardCharsets.UTF_8);
    if (lenient.indexOf('\uFFFD') < 0) {
      return lenient;
    }
    return strictDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  private static CharsetDecoder strictDecoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Offset of the first byte of the first malformed sequence (where a strict decoder stops). */
  private static int firstBadByte(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    strictDecoder().decode(in, CharBuffer.allocate(bytes.length + 1), true);
    return Math.min(in.position(), bytes.length - 1);
  }
}
