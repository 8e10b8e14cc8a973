package io.vmrules.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryingSenderTest {
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();

  private final RetryingSender.Listener counts =
      new RetryingSender.Listener() {
        @Override
        public void sent(int items) {
          sent.addAndGet(items);
        }

        @Override
        public void requestFailed() {
          failed.incrementAndGet();
        }

        @Override
        public void dropped(int items) {
          dropped.addAndGet(items);
        }

        @Override
        public void queueSize(int items) {}
      };

  /** A peer that answers from a script, then accepts everything; records each batch. */
  static final class ScriptedPeer implements RetryingSender.Transport<Integer> {
    final List<RetryingSender.Attempt> script;
    final List<List<Integer>> batches = new ArrayList<>();

    ScriptedPeer(RetryingSender.Attempt... script) {
      this.script = new ArrayList<>(List.of(script));
    }

    @Override
    public synchronized RetryingSender.Attempt send(List<Integer> batch) {
      batches.add(List.copyOf(batch));
      return script.isEmpty() ? RetryingSender.Attempt.SENT : script.remove(0);
    }

    @Override
    public void cancel() {}

    synchronized List<List<Integer>> batches() {
      return List.copyOf(batches);
    }
  }

  private RetryingSender<Integer> sender(
      ScriptedPeer peer, Duration giveUpAfter, boolean oneTryWhenClosing) {
    return new RetryingSender<>(
        "test",
        "test-sender",
        SendQueue.fifo(100),
        new RetryingSender.Policy(
            2,
            Duration.ZERO,
            new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)),
            giveUpAfter,
            oneTryWhenClosing,
            Duration.ofSeconds(5)),
        peer,
        counts);
  }

  @Test
  void retriesTheSameBatchThenSendsTheRestInOrder() {
    ScriptedPeer peer =
        new ScriptedPeer(RetryingSender.Attempt.retry("503"), RetryingSender.Attempt.retry("429"));
    RetryingSender<Integer> s = sender(peer, null, false);
    s.start();
    s.offer(List.of(1, 2, 3));
    await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() == 3);
    assertThat(peer.batches())
        .containsExactly(List.of(1, 2), List.of(1, 2), List.of(1, 2), List.of(3));
    assertThat(failed.get()).isEqualTo(2);
    s.close();
    assertThat(dropped.get()).isZero();
  }

  @Test
  void aRejectedBatchIsDroppedAndCounted() {
    ScriptedPeer peer = new ScriptedPeer(RetryingSender.Attempt.rejected("400"));
    RetryingSender<Integer> s = sender(peer, null, false);
    s.start();
    s.offer(List.of(1, 2, 3));
    await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() == 1);
    assertThat(dropped.get()).isEqualTo(2);
    s.close();
  }

  @Test
  void givesUpAfterTheRetryDuration() {
    RetryingSender.Attempt[] failures = new RetryingSender.Attempt[1000];
    java.util.Arrays.fill(failures, RetryingSender.Attempt.retry("down"));
    RetryingSender<Integer> s = sender(new ScriptedPeer(failures), Duration.ofMillis(50), false);
    s.start();
    s.offer(List.of(1, 2));
    await().atMost(Duration.ofSeconds(10)).until(() -> dropped.get() == 2);
    s.close();
  }

  @Test
  void closeSendsWhatIsQueuedAndRefusesMore() {
    ScriptedPeer peer = new ScriptedPeer();
    RetryingSender<Integer> s = sender(peer, null, false);
    s.offer(List.of(1, 2, 3)); // queued before the thread starts
    s.start();
    s.close();
    assertThat(sent.get()).isEqualTo(3);
    assertThat(s.offer(List.of(4))).isEqualTo(1);
    assertThat(dropped.get()).isEqualTo(1);
  }
}
