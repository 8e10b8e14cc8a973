package io.vmrules.rules.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  @Test
  void notReadyUntilMarkedAndWhileAConditionFails() {
    Readiness r = new Readiness();
    assertThat(r.answer()).isEqualTo(new Readiness.Answer(503, "not ready\n"));
    r.markReady();
    AtomicBoolean store = new AtomicBoolean(true);
    r.requireAlso(store::get);
    assertThat(r.answer()).isEqualTo(new Readiness.Answer(200, "OK\n"));
    store.set(false);
    assertThat(r.answer().status()).isEqualTo(503);
  }

  @Test
  void notesAreAskedAtEveryAnswerAndFollowTheStatusLine() {
    Readiness r = Readiness.ready();
    List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
    r.noteAlso(() -> List.copyOf(notes));
    assertThat(r.answer().body()).isEqualTo("OK\n");
    notes.add("rule files differ from the cluster's: 1 group(s) …: g1");
    assertThat(r.answer())
        .isEqualTo(
            new Readiness.Answer(
                200, "OK\nrule files differ from the cluster's: 1 group(s) …: g1\n"));
  }
}
