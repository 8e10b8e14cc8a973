package io.vmrules.rules.online;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks each distinct question once per run, whichever rule asks first: rules that use the same
 * selector share its answers. At most {@code concurrency} questions are in flight. Once the
 * datasource turns out unreachable, no more questions are sent: every later one fails the same way.
 */
final class SharedAnswers implements OnlineApi {
  private final OnlineApi api;
  private final Semaphore inFlight;
  private final ConcurrentHashMap<Question, CompletableFuture<Answer>> answers =
      new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong asked = new AtomicLong();
  private final AtomicReference<OnlineException> unreachable = new AtomicReference<>();

  SharedAnswers(OnlineApi api, int concurrency) {
    this.api = api;
    this.inFlight = new Semaphore(Math.max(1, concurrency));
  }

  @Override
  public Answer ask(Question q) {
    asked.incrementAndGet();
    CompletableFuture<Answer> mine = new CompletableFuture<>();
    CompletableFuture<Answer> known = answers.putIfAbsent(q, mine);
    if (known != null) {
      return await(known);
    }
    // The asking thread sends it: waiting threads wait on a thread that is working, so no cycle.
    try {
      mine.complete(send(q));
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
    }
    return await(mine);
  }

  private Answer send(Question q) {
    OnlineException down = unreachable.get();
    if (down != null) {
      throw down;
    }
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OnlineException(OnlineException.Kind.REFUSED, "interrupted", e);
    }
    try {
      sent.incrementAndGet();
      return api.ask(q);
    } catch (OnlineException e) {
      if (e.kind() == OnlineException.Kind.UNREACHABLE) {
        unreachable.compareAndSet(null, e);
      }
      throw e;
    } finally {
      inFlight.release();
    }
  }

  private static Answer await(CompletableFuture<Answer> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OnlineException(OnlineException.Kind.REFUSED, "interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Requests sent to the datasource. */
  long sent() {
    return sent.get();
  }

  /** Questions the checks asked (sent or shared). */
  long asked() {
    return asked.get();
  }

  /** The first failure that made the datasource unreachable, or null. */
  OnlineException unreachable() {
    return unreachable.get();
  }
}
