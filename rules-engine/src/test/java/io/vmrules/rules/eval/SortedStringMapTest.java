package io.vmrules.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SortedStringMapTest {
  @Test
  void iteratesInKeyOrderWhateverTheInputOrder() {
    Map<String, String> in = new LinkedHashMap<>();
    in.put("summary", "s");
    in.put("description", "d");
    in.put("runbook", "r");

    SortedStringMap m = SortedStringMap.copyOf(in);

    assertThat(new ArrayList<>(m.keySet())).containsExactly("description", "runbook", "summary");
    assertThat(new ArrayList<>(m.values())).containsExactly("d", "r", "s");
  }

  @Test
  void equalsAndHashesAsOtherMapsWithTheSameEntries() {
    Map<String, String> tree = new TreeMap<>(Map.of("a", "1", "b", "2"));
    SortedStringMap m = SortedStringMap.copyOf(Map.of("b", "2", "a", "1"));

    assertThat(m).isEqualTo(tree).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(tree).isEqualTo(m);
    assertThat(m).hasSameHashCodeAs(tree);
    assertThat(m).isNotEqualTo(Map.of("a", "1"));
    assertThat(m.toString()).isEqualTo("{a=1, b=2}");
  }

  @Test
  void aCopyOfACopyIsTheSameInstanceAndEmptyIsShared() {
    SortedStringMap m = SortedStringMap.copyOf(Map.of("a", "1"));

    assertThat(SortedStringMap.copyOf(m)).isSameAs(m);
    assertThat(SortedStringMap.copyOf(Map.of())).isSameAs(SortedStringMap.copyOf(new HashMap<>()));
    assertThat(SortedStringMap.copyOf(Map.of())).isEmpty();
  }

  @Test
  void isImmutableAndRefusesNullKeys() {
    SortedStringMap m = SortedStringMap.copyOf(Map.of("a", "1"));

    assertThatThrownBy(() -> m.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.keySet().iterator().remove())
        .isInstanceOf(UnsupportedOperationException.class);
    Map<String, String> withNullKey = new HashMap<>();
    withNullKey.put(null, "1");
    assertThatThrownBy(() -> SortedStringMap.copyOf(withNullKey))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void keepsNullValuesAsTheTreeMapCopyDid() {
    Map<String, String> in = new HashMap<>();
    in.put("a", null);

    SortedStringMap m = SortedStringMap.copyOf(in);

    assertThat(m).containsKey("a").hasSize(1);
    assertThat(m.get("a")).isNull();
  }

  /** Held to TreeMap, the structure it replaces, on random maps of 0–12 entries. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void behavesAsATreeMapOnRandomMaps(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      TreeMap<String, String> tree = new TreeMap<>();
      int n = random.nextInt(13);
      for (int i = 0; i < n; i++) {
        tree.put(key(random), "v" + random.nextInt(100));
      }
      Map<String, String> input = random.nextBoolean() ? new HashMap<>(tree) : tree;

      SortedStringMap m = SortedStringMap.copyOf(input);

      assertThat(m).isEqualTo(tree).hasSameHashCodeAs(tree).hasSize(tree.size());
      assertThat(new ArrayList<>(m.entrySet())).isEqualTo(new ArrayList<>(tree.entrySet()));
      List<String> probes = new ArrayList<>(tree.keySet());
      for (int i = 0; i < 5; i++) {
        probes.add(key(random));
      }
      for (String k : probes) {
        assertThat(m.get(k)).as(k).isEqualTo(tree.get(k));
        assertThat(m.containsKey(k)).as(k).isEqualTo(tree.containsKey(k));
      }
      assertThat(((Map<?, ?>) m).get((Object) 42)).isNull();
    }
  }

  private static String key(Random random) {
    return "k" + (char) ('a' + random.nextInt(26)) + random.nextInt(3);
  }
}
