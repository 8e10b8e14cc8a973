package io.vmrules.rules.testing;

import io.vmrules.rules.notify.Notification;
import io.vmrules.rules.notify.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every batch it is given. */
public final class RecordingNotifier implements Notifier {
  private final List<List<Notification>> batches = new CopyOnWriteArrayList<>();

  @Override
  public void send(List<Notification> alerts) {
    batches.add(List.copyOf(alerts));
  }

  public List<List<Notification>> batches() {
    return List.copyOf(batches);
  }

  public List<Notification> all() {
    List<Notification> out = new ArrayList<>();
    batches.forEach(out::addAll);
    return out;
  }

  public void clear() {
    batches.clear();
  }
}
