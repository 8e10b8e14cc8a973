package io.vmrules.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SendQueueTest {
  /** An item of a coalescing queue: the key and a version. */
  record Item(String key, int version) {}

  @Test
  void fifoHandsBatchesOverAndDropsNewItemsWhenFull() {
    SendQueue<Integer> q = SendQueue.fifo(3);
    assertThat(q.add(List.of(1, 2, 3, 4))).isEqualTo(1);
    List<Integer> batch = q.next(2);
    assertThat(batch).containsExactly(1, 2);
    assertThat(q.size()).isEqualTo(1);
    assertThat(q.retry(batch, 2)).isSameAs(batch);
    assertThat(q.finished(batch)).isEqualTo(2);
    assertThat(q.clear()).isEqualTo(1);
  }

  @Test
  void coalescingKeepsTheNewestPerKeyAndEvictsTheOldestKey() {
    SendQueue<Item> q = SendQueue.coalescing(2, Item::key);
    assertThat(q.add(List.of(new Item("a", 1), new Item("b", 1)))).isZero();
    List<Item> batch = q.next(10);
    assertThat(batch).containsExactly(new Item("a", 1), new Item("b", 1));
    assertThat(q.size()).as("a batch in flight stays queued").isEqualTo(2);
    assertThat(q.add(List.of(new Item("a", 2)))).isZero();
    assertThat(q.retry(batch, 10)).containsExactly(new Item("a", 2), new Item("b", 1));
    assertThat(q.finished(batch)).as("a's newer state stays").isEqualTo(1);
    assertThat(q.add(List.of(new Item("c", 1), new Item("d", 1)))).isEqualTo(1);
    assertThat(q.next(10)).containsExactly(new Item("c", 1), new Item("d", 1));
  }
}
