package io.vmrules.rules.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OnDemandThreadPoolTest {
  private final OnDemandThreadPool pool = new OnDemandThreadPool();

  @AfterEach
  void shutDown() {
    pool.shutdown(false);
  }

  private void start(int threads) {
    pool.setThreadCount(threads);
    pool.setThreadNamePrefix("t");
    pool.setMakeThreadsDaemons(true);
    pool.initialize();
  }

  @Test
  void startsNoThreadUntilAJobNeedsOne() {
    start(32);

    assertThat(pool.liveThreads()).isZero();
    assertThat(pool.getPoolSize()).isEqualTo(32);
    assertThat(pool.blockForAvailableThreads()).isEqualTo(32);
  }

  @Test
  void jobsOneAfterAnotherReuseOneThread() throws Exception {
    start(32);
    for (int i = 0; i < 20; i++) {
      CountDownLatch done = new CountDownLatch(1);
      assertThat(pool.runInThread(done::countDown)).isTrue();
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      // the thread goes back to wait for work once its job has ended
      await().atMost(Duration.ofSeconds(5)).until(() -> pool.blockForAvailableThreads() == 32);
    }

    assertThat(pool.liveThreads()).isLessThanOrEqualTo(2);
  }

  @Test
  void runsAtMostThreadCountJobsAtOnceAndWaitsForAFreeOne() throws Exception {
    start(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Runnable job =
        () -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
        };
    assertThat(pool.runInThread(job)).isTrue();
    assertThat(pool.runInThread(job)).isTrue();
    await().until(() -> running.get() == 2);

    AtomicBoolean thirdStarted = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              pool.blockForAvailableThreads();
              pool.runInThread(() -> thirdStarted.set(true));
            });
    caller.start();
    caller.join(200);
    assertThat(caller.isAlive()).as("waits while both threads are busy").isTrue();
    assertThat(thirdStarted).isFalse();

    release.countDown();
    await().atMost(Duration.ofSeconds(5)).untilTrue(thirdStarted);
    assertThat(most.get()).isEqualTo(2);
    assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
        .anyMatch(n -> n.startsWith("t-"));
  }

  @Test
  void shutdownWaitsForRunningJobsAndRefusesNewOnes() throws Exception {
    start(4);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    pool.runInThread(
        () -> {
          started.countDown();
          try {
            Thread.sleep(300); // the job the shutdown must wait for
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          finished.set(true);
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    pool.shutdown(true);

    assertThat(finished).isTrue();
    assertThat(pool.runInThread(() -> {})).isFalse();
    assertThat(pool.blockForAvailableThreads()).isZero();
  }
}
