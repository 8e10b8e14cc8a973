package io.vmrules.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void sortsByNameWithMetricNameFirstWhateverTheInputMap() {
    Map<String, String> unsorted = new LinkedHashMap<>();
    unsorted.put("zone", "b");
    unsorted.put("job", "api");
    unsorted.put("__name__", "up");
    Labels fromUnsorted = Labels.from(unsorted);
    Labels fromSorted = Labels.from(new TreeMap<>(unsorted));
    Labels fromSkipList = Labels.from(new ConcurrentSkipListMap<>(unsorted));

    assertThat(fromUnsorted.toString()).isEqualTo("{__name__=\"up\", job=\"api\", zone=\"b\"}");
    assertThat(fromSorted).isEqualTo(fromUnsorted).hasSameHashCodeAs(fromUnsorted);
    assertThat(fromSkipList).isEqualTo(fromUnsorted);
  }

  @Test
  void dropsEmptyAndNullValuesFromSortedAndUnsortedMaps() {
    Map<String, String> withEmpty = new HashMap<>();
    withEmpty.put("a", "1");
    withEmpty.put("b", "");
    withEmpty.put("c", null);
    withEmpty.put("d", "4");
    TreeMap<String, String> sorted = new TreeMap<>(withEmpty);

    assertThat(Labels.from(withEmpty)).isEqualTo(Labels.of("a", "1", "d", "4"));
    assertThat(Labels.from(sorted)).isEqualTo(Labels.of("a", "1", "d", "4"));
    assertThat(Labels.from(sorted).size()).isEqualTo(2);
  }

  @Test
  void onlyEmptyValuesGiveTheEmptyLabels() {
    assertThat(Labels.from(new TreeMap<>(Map.of("a", "")))).isSameAs(Labels.empty());
    assertThat(Labels.from(new HashMap<>(Map.of("a", "")))).isSameAs(Labels.empty());
    assertThat(Labels.from(new TreeMap<>())).isSameAs(Labels.empty());
  }

  @Test
  void aSortedMapWithItsOwnOrderIsResorted() {
    TreeMap<String, String> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.put("a", "1");
    reversed.put("b", "2");

    Labels labels = Labels.from(reversed);

    assertThat(labels.name(0)).isEqualTo("a");
    assertThat(labels.name(1)).isEqualTo("b");
  }

  @Test
  void builderLaterValuesWinAndEmptyRemoves() {
    Labels base = Labels.of("job", "api", "env", "dev");

    Labels built = base.toBuilder().set("env", "prod").set("job", "").set("team", "t").build();

    assertThat(built).isEqualTo(Labels.of("env", "prod", "team", "t"));
    assertThat(base.with("x", "1").get("x")).isEqualTo("1");
    assertThat(base.without("job")).isEqualTo(Labels.of("env", "dev"));
    assertThat(base.without("absent")).isSameAs(base);
  }

  @Test
  void findsValuesByBinarySearch() {
    Labels labels = Labels.of("__name__", "up", "instance", "i1", "job", "j");

    assertThat(labels.get("instance")).isEqualTo("i1");
    assertThat(labels.get("__name__")).isEqualTo("up");
    assertThat(labels.get("zone")).isNull();
  }

  @Test
  void rejectsOddNamesAndValues() {
    assertThatThrownBy(() -> Labels.of("a")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findsEveryLabelAndNoneBetweenThem() {
    Labels labels = Labels.of("b", "2", "d", "4", "f", "6", "h", "8");

    for (String[] pair : new String[][] {{"b", "2"}, {"d", "4"}, {"f", "6"}, {"h", "8"}}) {
      assertThat(labels.get(pair[0])).isEqualTo(pair[1]);
    }
    for (String absent : new String[] {"a", "c", "e", "g", "i"}) {
      assertThat(labels.get(absent)).isNull();
    }
    assertThat(Labels.empty().get("a")).isNull();
    assertThat(labels.size()).isEqualTo(4);
    assertThat(labels.name(2)).isEqualTo("f");
    assertThat(labels.value(2)).isEqualTo("6");
  }

  @Test
  void hashIsThatOfTheNamesAndValuesAsTwoArrays() {
    // series-set fingerprints that engines of a cluster compare are built from these hashes
    Labels labels = Labels.of("__name__", "up", "instance", "i1", "job", "j");
    String[] names = {"__name__", "instance", "job"};
    String[] values = {"up", "i1", "j"};

    assertThat(labels.hashCode())
        .isEqualTo(31 * java.util.Arrays.hashCode(names) + java.util.Arrays.hashCode(values));
    assertThat(Labels.empty().hashCode()).isEqualTo(31 + 1);
  }

  @Test
  void comparesNameThenValuePairByPairThenBySize() {
    Labels a1 = Labels.of("a", "1");
    Labels a2 = Labels.of("a", "2");
    Labels a1b1 = Labels.of("a", "1", "b", "1");
    Labels b0 = Labels.of("b", "0");

    assertThat(a1).isLessThan(a2).isLessThan(b0);
    assertThat(a1).isLessThan(a1b1);
    assertThat(a1b1).isLessThan(a2);
    assertThat(a1.compareTo(Labels.of("a", "1"))).isZero();
    assertThat(Labels.of("a", "1", "c", "1")).isGreaterThan(a1b1);
  }
}
