package io.vmrules.rules.schedule;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.spi.ThreadPool;

/**
 * Quartz's thread pool, with threads started when a slot needs one and ended after a minute idle.
 * Quartz's {@code SimpleThreadPool} starts all {@code threadCount} threads up front, and {@code
 * --evaluationThreads} defaults to 32 while group evaluations (a few milliseconds each, spread over
 * the interval) rarely overlap: at 1k rules in 100 groups two or three threads do the work, and
 * each idle thread costs its stack and bookkeeping. At most {@code threadCount} jobs run at once,
 * as with Quartz's pool.
 *
 * <p>Quartz builds it by class name and sets its properties ({@code
 * org.quartz.threadPool.threadCount}, {@code .threadNamePrefix}, {@code .makeThreadsDaemons})
 * through the setters.
 */
public final class OnDemandThreadPool implements ThreadPool {
  private static final long KEEP_ALIVE_SECONDS = 60;

  private final Object lock = new Object();
  private int threadCount = 1;
  private String threadNamePrefix = "eval";
  private boolean makeThreadsDaemons;
  private ThreadPoolExecutor executor;
  private int busy;
  private boolean shutdown;

  public void setThreadCount(int threadCount) {
    if (threadCount < 1) {
      throw new IllegalArgumentException("threadCount must be at least 1, got " + threadCount);
    }
    this.threadCount = threadCount;
  }

  public void setThreadNamePrefix(String threadNamePrefix) {
    this.threadNamePrefix = threadNamePrefix;
  }

  public void setMakeThreadsDaemons(boolean makeThreadsDaemons) {
    this.makeThreadsDaemons = makeThreadsDaemons;
  }

  @Override
  public void initialize() {
    AtomicInteger n = new AtomicInteger();
    String prefix = threadNamePrefix;
    boolean daemons = makeThreadsDaemons;
    // Not capped here: the count of running jobs is (below). A thread that has just finished a job
    // but not yet gone back to wait for the next cannot take one, so the executor may briefly need
    // a thread more than jobs run.
    executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
              t.setDaemon(daemons);
              return t;
            });
  }

  /** Waits until a job may start; the number that may (0 once shut down). */
  @Override
  public int blockForAvailableThreads() {
    synchronized (lock) {
      while (busy >= threadCount && !shutdown) {
        waitQuietly();
      }
      return shutdown ? 0 : threadCount - busy;
    }
  }

  /** Runs {@code job} once fewer than {@code threadCount} run; false once shut down. */
  @Override
  public boolean runInThread(Runnable job) {
    synchronized (lock) {
      while (busy >= threadCount && !shutdown) {
        waitQuietly();
      }
      if (shutdown) {
        return false;
      }
      busy++;
    }
    try {
      executor.execute(
          () -> {
            try {
              job.run();
            } finally {
              finished();
            }
          });
    } catch (RuntimeException e) {
      finished();
      throw e;
    }
    return true;
  }

  private void finished() {
    synchronized (lock) {
      busy--;
      lock.notifyAll();
    }
  }

  private void waitQuietly() {
    try {
      lock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a thread", e);
    }
  }

  /** Refuses new jobs; with {@code waitForJobsToComplete}, returns when the running ones ended. */
  @Override
  public void shutdown(boolean waitForJobsToComplete) {
    synchronized (lock) {
      shutdown = true;
      lock.notifyAll();
    }
    if (executor == null) {
      return;
    }
    executor.shutdown();
    if (waitForJobsToComplete) {
      try {
        while (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
          // a job still runs
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public int getPoolSize() {
    return threadCount;
  }

  /** Threads started and not yet ended (idle ones included). */
  int liveThreads() {
    return executor == null ? 0 : executor.getPoolSize();
  }

  @Override
  public void setInstanceId(String schedInstId) {}

  @Override
  public void setInstanceName(String schedName) {}
}
