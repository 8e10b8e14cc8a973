package io.vmrules.rules.load;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * The YAML documents of a rule file's text, as node trees with marks: which reader reads them
 * ({@link BlockYaml}, the fast path for the block style rule files are written in, or snakeyaml for
 * everything else and for errors), and how plain scalars get their tags in both.
 */
final class YamlDocuments {
  /**
   * Whether {@code c} may start one of YAML's implicitly typed scalars, in any schema (1.1 words
   * included): {@code 0123456789+-.$~<=!tTfFnNyYoO}. A switch: asked for every plain scalar of
   * every file, and String.indexOf runs a chain of calls on C1.
   */
  private static boolean mayBeTyped(char c) {
    return switch (c) {
      case '0',
              '1',
              '2',
              '3',
              '4',
              '5',
              '6',
              '7',
              '8',
              '9',
              '+',
              '-',
              '.',
              '$',
              '~',
              '<',
              '=',
              '!',
              't',
              'T',
              'f',
              'F',
              'n',
              'N',
              'y',
              'Y',
              'o',
              'O' ->
          true;
      default -> false;
    };
  }

  /** The default schema, with a shortcut for the plain scalars that can only be strings. */
  private static final Schema SCHEMA = stringShortcut(LoadSettings.builder().build().getSchema());

  private YamlDocuments() {}

  /**
   * The schema's resolver tries a regex per plain scalar (null, bool, int, float, ${ENV}). A scalar
   * that starts with none of the characters those forms can start with is a string, and most values
   * of a rule file (names, expressions, templates) are such: answer them directly.
   */
  private static Schema stringShortcut(Schema base) {
    ScalarResolver resolver = base.getScalarResolver();
    // Short plain scalars repeat (keys, severities, durations): their tags are remembered.
    Map<String, Tag> known = new ConcurrentHashMap<>();
    ScalarResolver fast =
        (value, implicit) -> {
          if (!implicit) {
            return Tag.STR;
          }
          if (!value.isEmpty() && !mayBeTyped(value.charAt(0))) {
            return Tag.STR;
          }
          if (value.length() > 16) {
            return resolver.resolve(value, true);
          }
          Tag tag = known.get(value);
          if (tag == null) {
            tag = resolver.resolve(value, true);
            if (known.size() < 4096) {
              known.put(value, tag);
            }
          }
          return tag;
        };
    return new Schema() {
      @Override
      public ScalarResolver getScalarResolver() {
        return fast;
      }

      @Override
      public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        return base.getSchemaTagConstructors();
      }
    };
  }

  /**
   * The fast path can be switched off ({@code -Dvmrules.blockYaml=false}, e.g. in {@code
   * RULES_JAVA_OPTS}), so that a suspected bug in it can be told apart from one elsewhere in one
   * run.
   */
  static final boolean BLOCK_YAML = !"false".equals(System.getProperty("vmrules.blockYaml"));

  /**
   * The YAML documents of a file, the first {@code max} at most: read by {@link BlockYaml} when the
   * file keeps to the block style rule files are written in, else by snakeyaml, which throws {@link
   * YamlEngineException} for invalid YAML.
   */
  static List<Node> documents(String file, String text, int max) {
    List<Node> docs = BLOCK_YAML ? BlockYaml.read(file, text, scalarResolver()) : null;
    return docs != null ? docs : snakeyamlDocuments(file, text, max);
  }

  /** How plain scalars get their tags (string, int, bool...), for both readers. */
  static ScalarResolver scalarResolver() {
    return SCHEMA.getScalarResolver();
  }

  /** Where the first document ends (the start of a "---" line before {@code before}), or -1. */
  static int firstDocumentEnd(String text, int before) {
    int at = text.indexOf("\n---");
    while (at >= 0 && at < before) {
      int after = at + 4;
      if (after >= text.length() || Character.isWhitespace(text.charAt(after))) {
        return at + 1;
      }
      at = text.indexOf("\n---", after);
    }
    return -1;
  }

  /** The one document of {@code text}, or null when it is not valid YAML either. */
  static Node firstDocument(String text) {
    try {
      List<Node> docs = snakeyamlDocuments("", text, 1);
      return docs.isEmpty() ? null : docs.get(0);
    } catch (YamlEngineException e) {
      return null;
    }
  }

  /** The first {@code max} documents as snakeyaml reads them. */
  static List<Node> snakeyamlDocuments(String file, String text, int max) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(true)
            .setMaxAliasesForCollections(100)
            .setCodePointLimit(Integer.MAX_VALUE)
            .setSchema(SCHEMA)
            .build();
    Iterator<Node> it = new Compose(settings).composeAllFromString(text).iterator();
    List<Node> docs = new ArrayList<>(Math.min(max, 4));
    while (docs.size() < max && it.hasNext()) {
      docs.add(it.next());
    }
    return docs;
  }
}
