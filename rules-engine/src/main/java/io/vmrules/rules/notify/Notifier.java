package io.vmrules.rules.notify;

import java.util.List;

/**
 * Port: hands alerts to whoever routes them (Alertmanager). Implementations queue and return at
 * once: a slow or dead receiver must never delay an evaluation. What cannot be queued is dropped
 * and counted, never thrown.
 */
@FunctionalInterface
public interface Notifier {
  /** A notifier that discards everything ({@code --notifier.blackhole}, or no notifier set). */
  Notifier BLACKHOLE = alerts -> {};

  void send(List<Notification> alerts);

  /** Every notifier in {@code targets} gets every alert. */
  static Notifier fanOut(List<? extends Notifier> targets) {
    List<Notifier> copy = List.copyOf(targets);
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return alerts -> {
      for (Notifier n : copy) {
        n.send(alerts);
      }
    };
  }
}
