package io.vmrules.rules.notify;

import io.vmrules.rules.eval.Alert;
import io.vmrules.rules.eval.AlertState;
import io.vmrules.rules.eval.EvaluationListener;
import io.vmrules.rules.eval.GroupEvaluation;
import io.vmrules.rules.eval.GroupSnapshot;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.RuleSnapshot;
import io.vmrules.rules.model.AlertingRuleSpec;
import io.vmrules.rules.model.GroupSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, after each group evaluation, which alerts go to the {@link Notifier}: a firing alert
 * when it starts firing and then every {@code resendDelay}; a resolved alert once. An alert that
 * was sent as firing and vanishes from its rule's state without being resolved (the rule exceeded
 * its {@code limit}, or was changed or removed by a reload) is sent as resolved once, at the
 * evaluation that no longer saw it, so Alertmanager does not wait for {@code endsAt}.
 *
 * <p>Each group's bookkeeping is touched only by the thread evaluating that group (and by {@link
 * #groupRemoved} after the group is unscheduled), as the evaluator's state is.
 *
 * <p>Differences from Prometheus: a firing alert is re-sent when {@code resendDelay} has passed
 * <em>or exactly elapsed</em> (Prometheus re-sends only strictly after, so at a 1m interval and a
 * 1m delay it re-sends every 2 minutes); {@code startsAt} is the firing time as in Prometheus.
 */
public final class AlertDispatcher implements EvaluationListener, NotificationLedger {
  private final Notifier notifier;
  private final Duration resendDelay;
  private final String externalUrl;
  private final Map<String, Map<AlertKey, Sent>> sentByGroup = new ConcurrentHashMap<>();
  // groups whose bookkeeping changed since changed() last took it
  private final Set<String> changed = ConcurrentHashMap.newKeySet();

  private record AlertKey(String rule, Labels labels) {}

  /** What was last sent for one alert, and when. */
  private record Sent(Instant at, Notification notification, boolean resolved) {}

  /**
   * @param resendDelay {@code --rule.resendDelay}
   * @param externalUrl {@code --external.url}: base of every {@code generatorURL}
   */
  public AlertDispatcher(Notifier notifier, Duration resendDelay, String externalUrl) {
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.resendDelay = Objects.requireNonNull(resendDelay, "resendDelay");
    if (resendDelay.isNegative()) {
      throw new IllegalArgumentException("resend delay must not be negative: " + resendDelay);
    }
    String base = externalUrl == null ? "" : externalUrl;
    this.externalUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  @Override
  public List<SentAlert> sent(String groupKey) {
    Map<AlertKey, Sent> sent = sentByGroup.get(groupKey);
    if (sent == null) {
      return List.of();
    }
    List<SentAlert> out = new ArrayList<>(sent.size());
    for (Map.Entry<AlertKey, Sent> e : sent.entrySet()) {
      Sent v = e.getValue();
      out.add(
          new SentAlert(
              e.getKey().rule(), e.getKey().labels(), v.at(), v.resolved(), v.notification()));
    }
    return out;
  }

  @Override
  public Optional<List<SentAlert>> changed(String groupKey) {
    return changed.remove(groupKey) ? Optional.of(sent(groupKey)) : Optional.empty();
  }

  @Override
  public void restore(String groupKey, List<SentAlert> sent) {
    Map<AlertKey, Sent> map = new HashMap<>();
    for (SentAlert a : sent) {
      map.put(new AlertKey(a.rule(), a.labels()), new Sent(a.at(), a.notification(), a.resolved()));
    }
    sentByGroup.put(groupKey, map);
    changed.remove(groupKey);
  }

  @Override
  public void evaluated(GroupSnapshot group, GroupEvaluation evaluation) {
    afterEvaluation(group.spec(), group.interval(), evaluation);
  }

  /**
   * Sends what one evaluation of {@code group} (running at {@code interval}) calls for.
   *
   * @return the alerts handed to the notifier, for tests and logging
   */
  public List<Notification> afterEvaluation(
      GroupSpec group, Duration interval, GroupEvaluation evaluation) {
    Instant ts = evaluation.slot();
    Duration validity =
        (interval.compareTo(resendDelay) > 0 ? interval : resendDelay).multipliedBy(4);
    Map<AlertKey, Sent> sent = sentByGroup.computeIfAbsent(group.key(), k -> new HashMap<>());
    Set<AlertKey> seen = new HashSet<>();
    List<Notification> out = new ArrayList<>();
    for (RuleSnapshot rule : evaluation.rules()) {
      if (!(rule.spec() instanceof AlertingRuleSpec spec)) {
        continue;
      }
      String generatorUrl = generatorUrl(spec.expr());
      for (Alert alert : rule.alerts().all()) {
        AlertKey key = new AlertKey(spec.name(), alert.labels());
        seen.add(key);
        Sent last = sent.get(key);
        if (alert.state() == AlertState.FIRING) {
          boolean due =
              last == null || last.resolved() || !ts.isBefore(last.at().plus(resendDelay));
          if (due) {
            Notification n = notification(alert, ts.plus(validity), generatorUrl);
            out.add(n);
            sent.put(key, new Sent(ts, n, false));
          }
        } else if (alert.state() == AlertState.INACTIVE && alert.resolvedAt() != null) {
          if (last == null || !last.resolved()) {
            Notification n = notification(alert, alert.resolvedAt(), generatorUrl);
            out.add(n);
            sent.put(key, new Sent(ts, n, true));
          }
        }
      }
    }
    if (resolveVanished(sent, seen, ts, out) || !out.isEmpty()) {
      changed.add(group.key());
    }
    out = withHeaders(out, group.notifierHeaders());
    if (!out.isEmpty()) {
      notifier.send(out);
    }
    return out;
  }

  /** The group is no longer evaluated: resolve what it had sent as firing, and forget it. */
  public List<Notification> groupRemoved(GroupSpec group, Instant at) {
    return groupRemoved(group.key(), at, group.notifierHeaders());
  }

  /**
   * As {@link #groupRemoved(GroupSpec, Instant)}, for the group with key {@code groupKey} whose
   * definition is gone: the notifications go without the group's notifier_headers.
   */
  public List<Notification> groupRemoved(String groupKey, Instant at) {
    return groupRemoved(groupKey, at, Map.of());
  }

  private List<Notification> groupRemoved(
      String groupKey, Instant at, Map<String, String> notifierHeaders) {
    changed.remove(groupKey);
    Map<AlertKey, Sent> sent = sentByGroup.remove(groupKey);
    if (sent == null) {
      return List.of();
    }
    List<Notification> out = new ArrayList<>();
    resolveVanished(sent, Set.of(), at, out);
    out = withHeaders(out, notifierHeaders);
    if (!out.isEmpty()) {
      notifier.send(out);
    }
    return out;
  }

  /** Forgets a group without notifying (another engine of a cluster resolves it). */
  public void forget(String groupKey) {
    changed.remove(groupKey);
    sentByGroup.remove(groupKey);
  }

  /**
   * @return whether an alert was forgotten
   */
  private boolean resolveVanished(
      Map<AlertKey, Sent> sent, Set<AlertKey> seen, Instant ts, List<Notification> out) {
    boolean removed = false;
    for (Iterator<Map.Entry<AlertKey, Sent>> it = sent.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<AlertKey, Sent> e = it.next();
      if (seen.contains(e.getKey())) {
        continue;
      }
      if (!e.getValue().resolved()) {
        Notification last = e.getValue().notification();
        out.add(
            new Notification(
                last.labels(), last.annotations(), last.startsAt(), ts, last.generatorURL()));
      }
      it.remove();
      removed = true;
    }
    return removed;
  }

  /** The group's notifier_headers, stamped when sent (they are not part of the shared state). */
  private static List<Notification> withHeaders(
      List<Notification> out, Map<String, String> headers) {
    return out.stream().map(n -> n.withHeaders(headers)).toList();
  }

  private static Notification notification(Alert alert, Instant endsAt, String generatorUrl) {
    Instant startsAt = alert.firedAt() != null ? alert.firedAt() : alert.activeAt();
    return new Notification(alert.labels(), alert.annotations(), startsAt, endsAt, generatorUrl);
  }

  /** Prometheus' form: {@code <external.url>/graph?g0.expr=<expr>&g0.tab=1}. */
  String generatorUrl(String expr) {
    return externalUrl
        + "/graph?g0.expr="
        + URLEncoder.encode(expr, StandardCharsets.UTF_8)
        + "&g0.tab=1";
  }
}
