package io.vmrules.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
  @Test
  void computesOnceWhileTheEntryIsHeld() {
    BoundedCache<String, Integer> cache = new BoundedCache<>(8);
    AtomicInteger calls = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      assertThat(cache.get("a", k -> calls.incrementAndGet())).isEqualTo(1);
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void staysBoundedAndKeepsWhatIsInUse() {
    BoundedCache<Integer, Integer> cache = new BoundedCache<>(100);
    AtomicInteger hotComputed = new AtomicInteger();
    for (int i = 0; i < 10_000; i++) {
      cache.get(i, k -> k * 2);
      cache.get(-1, k -> hotComputed.incrementAndGet());
      assertThat(cache.size()).isLessThanOrEqualTo(100);
    }
    assertThat(hotComputed).as("a key used all along survives every rotation").hasValue(1);
    assertThat(cache.get(9_999, k -> -1)).isEqualTo(19_998);
    assertThat(cache.get(0, k -> -1)).as("long unused: evicted, computed again").isEqualTo(-1);
  }

  @Test
  void isSafeUnderConcurrentUse() {
    BoundedCache<Integer, Integer> cache = new BoundedCache<>(64);
    IntStream.range(0, 200_000)
        .parallel()
        .forEach(
            i -> {
              int k = i % 500;
              assertThat(cache.get(k, x -> x + 1)).isEqualTo(k + 1);
            });
    // each generation may overshoot by one entry per thread that raced past its size check
    assertThat(cache.size())
        .isLessThanOrEqualTo(64 + 2 * Runtime.getRuntime().availableProcessors());
  }

  @Test
  void refusesNullValuesAndTinyCapacities() {
    assertThatThrownBy(() -> new BoundedCache<>(1)).isInstanceOf(IllegalArgumentException.class);
    BoundedCache<String, String> cache = new BoundedCache<>(4);
    assertThatThrownBy(() -> cache.get("x", k -> null)).isInstanceOf(NullPointerException.class);
  }
}
