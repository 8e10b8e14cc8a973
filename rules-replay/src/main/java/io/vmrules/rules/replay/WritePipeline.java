package io.vmrules.rules.replay;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes on a thread of their own, so the next rule's query runs while the last rule's results go
 * out (as vmalert's queue does), with at most {@code depth} writes in flight. The replay thread
 * {@link #drain drains} before anything that needs the writes done: a rule that reads them, the end
 * of a window; a write's failure comes out there.
 */
final class WritePipeline implements AutoCloseable {
  private record Pending(Future<?> future, ReplayRule rule, long points) {}

  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "replay-write");
            t.setDaemon(true);
            return t;
          });
  private final Deque<Pending> pending = new ArrayDeque<>();
  private final int depth;

  WritePipeline(int depth) {
    this.depth = depth;
  }

  /**
   * Queues {@code write} of {@code points} of {@code rule}'s results; waits while {@code depth} are
   * in flight.
   */
  void submit(ReplayRule rule, long points, Runnable write) {
    while (pending.size() >= depth) {
      complete(pending.removeFirst());
    }
    pending.addLast(new Pending(executor.submit(write), rule, points));
  }

  /** Waits for every queued write; rethrows the first failure. */
  void drain() {
    while (!pending.isEmpty()) {
      complete(pending.removeFirst());
    }
  }

  private static void complete(Pending p) {
    try {
      p.future().get();
      p.rule().samplesWritten += p.points();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    for (Pending p : pending) {
      p.future().cancel(true);
    }
    pending.clear();
    executor.shutdownNow();
  }
}
