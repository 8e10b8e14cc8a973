package io.vmrules.rules.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender thread over a bounded {@link SendQueue}, for the peers {@code rules run} pushes to
 * (Alertmanager, remote write): {@link #offer} never blocks; the thread takes batches of up to
 * {@code maxBatch} items (waiting up to {@code linger} for a full one), hands each to the {@link
 * Transport}, and retries what the peer may accept later with the {@link Backoff}, until delivered
 * or, with {@code giveUpAfter}, until that time has passed since the first try.
 *
 * <p>Construction starts nothing; {@link #start} starts the thread. {@link #close} stops taking
 * items and lets the thread deliver what is queued for at most {@code closeTimeout}: a batch that
 * fails then is tried once more at once (the wait is cut short), and with {@code oneTryWhenClosing}
 * given up after that. When the deadline passes with the thread still in a request, the request is
 * cancelled, the thread interrupted, its batch dropped and counted; the thread does not outlive
 * {@code close()}.
 */
public final class RetryingSender<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingSender.class);

  /** What became of one request. */
  public enum Outcome {
    SENT,
    /** Connection error, 429, 5xx: the same batch may go through later. */
    RETRY,
    /** Any other refusal: retrying cannot help. */
    REJECTED
  }

  /** An outcome and, unless sent, what went wrong (for the log). */
  public record Attempt(Outcome outcome, String problem) {
    public static final Attempt SENT = new Attempt(Outcome.SENT, "");

    public static Attempt retry(String problem) {
      return new Attempt(Outcome.RETRY, problem);
    }

    public static Attempt rejected(String problem) {
      return new Attempt(Outcome.REJECTED, problem);
    }
  }

  /** Sends one batch to the peer; the adapter's HTTP. */
  public interface Transport<T> {
    Attempt send(List<T> batch);

    /** Cancels the request in flight, if any: socket reads do not heed interrupts. */
    void cancel();

    static <T> Transport<T> of(Function<List<T>, Attempt> send, Runnable cancel) {
      return new Transport<>() {
        @Override
        public Attempt send(List<T> batch) {
          return send.apply(batch);
        }

        @Override
        public void cancel() {
          cancel.run();
        }
      };
    }
  }

  /** The adapter's metrics, in items and requests. */
  public interface Listener {
    void sent(int items);

    void requestFailed();

    void dropped(int items);

    void queueSize(int items);
  }

  /** Batching, retry and shutdown settings. {@code giveUpAfter} null: retry until delivered. */
  public record Policy(
      int maxBatch,
      Duration linger,
      Backoff backoff,
      Duration giveUpAfter,
      boolean oneTryWhenClosing,
      Duration closeTimeout) {
    public Policy {
      if (maxBatch < 1) {
        throw new IllegalArgumentException("batch size must be at least 1: " + maxBatch);
      }
      Objects.requireNonNull(linger, "linger");
      Objects.requireNonNull(backoff, "backoff");
      Objects.requireNonNull(closeTimeout, "closeTimeout");
    }
  }

  private final String name;
  private final SendQueue<T> queue;
  private final Policy policy;
  private final Transport<T> transport;
  private final Listener listener;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean closing;
  private long closeDeadline;

  /** Set when close() gave up waiting: the thread drops what it holds and stops at once. */
  private volatile boolean abandoned;

  /**
   * @param name what logs call the peer ({@code notifier http://am:9093})
   * @param threadName the sender thread's name
   */
  public RetryingSender(
      String name,
      String threadName,
      SendQueue<T> queue,
      Policy policy,
      Transport<T> transport,
      Listener listener) {
    this.name = name;
    this.queue = Objects.requireNonNull(queue);
    this.policy = Objects.requireNonNull(policy);
    this.transport = Objects.requireNonNull(transport);
    this.listener = Objects.requireNonNull(listener);
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /**
   * Queues {@code items}; returns how many were dropped (the queue's bound, or all of them once
   * closing), already counted.
   */
  public int offer(List<T> items) {
    if (items.isEmpty()) {
      return 0;
    }
    int dropped;
    int size;
    lock.lock();
    try {
      dropped = closing ? items.size() : queue.add(items);
      if (!closing) {
        changed.signalAll();
      }
      size = queue.size();
    } finally {
      lock.unlock();
    }
    listener.queueSize(size);
    if (dropped > 0) {
      listener.dropped(dropped);
    }
    return dropped;
  }

  /** Items waiting, the batch being sent included where the queue keeps it. */
  public int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (true) {
      List<T> batch;
      try {
        batch = take();
      } catch (InterruptedException e) {
        return;
      }
      if (batch == null) {
        return;
      }
      deliver(batch);
      if (abandoned) {
        return;
      }
    }
  }

  /** The next batch: waits for an item, then up to {@code linger} for more; null: stop. */
  private List<T> take() throws InterruptedException {
    lock.lock();
    try {
      while (queue.size() == 0 && !closing) {
        changed.await();
      }
      long lingerNanos = policy.linger().toNanos();
      long until = System.nanoTime() + lingerNanos;
      while (!closing && queue.size() < policy.maxBatch() && lingerNanos > 0) {
        lingerNanos = changed.awaitNanos(until - System.nanoTime());
      }
      if (queue.size() == 0 || abandoned || (closing && closeDeadline - System.nanoTime() <= 0)) {
        return null;
      }
      return queue.next(policy.maxBatch());
    } finally {
      lock.unlock();
    }
  }

  private void deliver(List<T> batch) {
    long giveUpAt =
        policy.giveUpAfter() == null ? 0 : System.nanoTime() + policy.giveUpAfter().toNanos();
    int failures = 0;
    while (true) {
      Attempt attempt;
      try {
        attempt = transport.send(batch);
      } catch (RuntimeException e) {
        attempt = Attempt.rejected(e.toString());
      }
      if (attempt.outcome() == Outcome.SENT) {
        finish(batch);
        listener.sent(batch.size());
        return;
      }
      listener.requestFailed();
      if (abandoned) {
        drop(batch, "close() timed out");
        return;
      }
      if (attempt.outcome() == Outcome.REJECTED) {
        LOG.error("{}: {}; dropping {} items", name, attempt.problem(), batch.size());
        finish(batch);
        listener.dropped(batch.size());
        return;
      }
      failures++;
      Duration delay = policy.backoff().delay(failures);
      boolean closingNow = isClosing();
      if ((policy.giveUpAfter() != null && System.nanoTime() + delay.toNanos() - giveUpAt > 0)
          || (closingNow && policy.oneTryWhenClosing() && failures > 1)) {
        LOG.error("{}: {}; dropping {} items", name, attempt.problem(), batch.size());
        finish(batch);
        listener.dropped(batch.size());
        return;
      }
      LOG.warn("{}: {}; retrying {} items in {}", name, attempt.problem(), batch.size(), delay);
      if (!awaitRetry(delay)) {
        drop(batch, "close() deadline passed");
        return;
      }
      batch = retryBatch(batch);
      if (batch.isEmpty()) {
        return;
      }
    }
  }

  private List<T> retryBatch(List<T> batch) {
    lock.lock();
    try {
      return queue.retry(batch, policy.maxBatch());
    } finally {
      lock.unlock();
    }
  }

  private boolean isClosing() {
    lock.lock();
    try {
      return closing;
    } finally {
      lock.unlock();
    }
  }

  /** Waits before a retry, cut short by close(); false once the close deadline has passed. */
  private boolean awaitRetry(Duration delay) {
    lock.lock();
    try {
      boolean wasClosing = closing;
      long nanos = delay.toNanos();
      while (nanos > 0 && !abandoned) {
        if (closing) {
          long left = closeDeadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          if (!wasClosing) {
            return true; // close() began: one more try now
          }
          nanos = Math.min(nanos, left);
        }
        nanos = changed.awaitNanos(nanos);
      }
      return !abandoned && (!closing || closeDeadline - System.nanoTime() > 0);
    } catch (InterruptedException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** The batch is done: a coalescing queue lets its items go. */
  private void finish(List<T> batch) {
    int size;
    lock.lock();
    try {
      queue.finished(batch);
      changed.signalAll();
      size = queue.size();
    } finally {
      lock.unlock();
    }
    listener.queueSize(size);
  }

  /**
   * Gives the batch in hand up: what left the queue with it is dropped, the rest close() counts.
   */
  private void drop(List<T> batch, String why) {
    int gone;
    lock.lock();
    try {
      gone = queue.finished(batch);
    } finally {
      lock.unlock();
    }
    if (gone > 0) {
      listener.dropped(gone);
      LOG.warn("{}: {}: dropped {} items in hand", name, why, gone);
    }
  }

  /**
   * Stops taking items and delivers what is queued for at most the close timeout; then cancels the
   * request in flight and stops the thread. What is left is counted as dropped.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      closeDeadline = System.nanoTime() + policy.closeTimeout().toNanos();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (thread.isAlive()) {
      try {
        thread.join(policy.closeTimeout().toMillis() + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (thread.isAlive()) {
      abandoned = true;
      transport.cancel();
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(1)); // a cancelled request returns at once
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int left;
    lock.lock();
    try {
      left = queue.clear();
    } finally {
      lock.unlock();
    }
    if (left > 0) {
      listener.dropped(left);
      LOG.warn("{}: {} items not delivered at shutdown", name, left);
    }
  }
}
