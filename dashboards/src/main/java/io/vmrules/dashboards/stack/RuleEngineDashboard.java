package io.vmrules.dashboards.stack;

import static io.vmrules.dashboards.stack.Common.GREEN;
import static io.vmrules.dashboards.stack.Common.RED;
import static io.vmrules.dashboards.stack.Common.YELLOW;
import static io.vmrules.dashboards.stack.Q.increase;
import static io.vmrules.dashboards.stack.Q.job;
import static io.vmrules.dashboards.stack.Q.rate;
import static io.vmrules.dashboards.stack.Q.sel;

import io.vmrules.dashboards.build.DashboardBuilder;
import io.vmrules.dashboards.build.PanelBuilder;
import io.vmrules.dashboards.build.TargetBuilder;
import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.FieldCustom;
import io.vmrules.dashboards.model.Thresholds;
import io.vmrules.dashboards.model.Unit;
import io.vmrules.dashboards.model.ValueMapping;
import io.vmrules.dashboards.model.Variable;
import io.vmrules.dashboards.stack.Metrics.Engine;
import io.vmrules.dashboards.stack.Metrics.Jobs;
import io.vmrules.promql.Dialect;

/** Our own rule engine, from its self-metrics (design §6). */
public final class RuleEngineDashboard {
  private RuleEngineDashboard() {}

  public static final String UID = "vmrules-rule-engine";

  private static final String INSTANCE = "instance=~\"$instance\"";
  private static final String GROUP = "group=~\"$group\"";

  public static Dashboard build() {
    return DashboardBuilder.create(UID, "Rule engine")
        .description("The vmrules engine: evaluation, alerts, notifications and remote write")
        .tags(Common.TAG, "vmrules")
        .dialect(Dialect.PROMQL)
        .variable(Common.datasource())
        .variable(
            Variable.query(
                "instance",
                "Instance",
                Common.DS,
                "label_values(" + Engine.ITERATIONS + ", instance)",
                true,
                true))
        .variable(
            Variable.query(
                "group",
                "Group",
                Common.DS,
                "label_values(" + Engine.ITERATIONS + "{" + INSTANCE + "}, group)",
                true,
                true))
        .link(Common.stackLinks())
        .row("Health")
        .add(
            PanelBuilder.stat("Engine up")
                .description(
                    "Whether the engine answers its /metrics scrape. Red (DOWN): no rules are evaluated "
                        + "and no alerts are sent; check the rules-engine service and its logs.")
                .unit(Unit.NONE)
                .thresholds(Thresholds.absolute(RED, 1, GREEN))
                .mapping(ValueMapping.binary("DOWN", RED, "UP", GREEN))
                .target(
                    TargetBuilder.query("min(" + sel("up", job(Jobs.RULES_ENGINE)) + ")")
                        .instant()),
            PanelBuilder.stat("Last reload")
                .description(
                    "Whether the last configuration reload succeeded. Red (FAILED): the engine keeps the "
                        + "previous rules; run `rules validate` on the rule files and fix the errors.")
                .unit(Unit.NONE)
                .thresholds(Thresholds.absolute(RED, 1, GREEN))
                .mapping(ValueMapping.binary("FAILED", RED, "OK", GREEN))
                .target(
                    TargetBuilder.query("min(" + sel(Engine.RELOAD_SUCCESSFUL, INSTANCE) + ")")
                        .instant()),
            PanelBuilder.stat("Config age")
                .description(
                    "Time since the last successful reload. Informational: a very old config after a "
                        + "deploy means the reload did not happen.")
                .unit(Unit.DURATION_SECONDS)
                .target(
                    TargetBuilder.query(
                            "time() - max(" + sel(Engine.RELOAD_SUCCESS_TIME, INSTANCE) + ")")
                        .instant()),
            PanelBuilder.stat("Firing alerts")
                .description(
                    "Alerts the engine holds in the firing state. Red: see the table of alerts in "
                        + "Alertmanager.")
                .unit(Unit.NONE)
                .thresholds(Thresholds.absolute(GREEN, 1, RED))
                .target(
                    TargetBuilder.query(
                            "sum("
                                + sel(Engine.ALERTS, INSTANCE, "state=\"firing\"")
                                + ") or vector(0)")
                        .instant()),
            PanelBuilder.stat("Evaluation errors")
                .description(
                    "Rule evaluations failing per second. Red above zero: a rule's query errors or "
                        + "yields duplicate label sets; see the errors-by-rule panel.")
                .unit(Unit.OPS_PER_SEC)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .query(
                    "sum("
                        + rate(sel(Engine.EVALUATION_ERRORS, INSTANCE, GROUP))
                        + ") or vector(0)",
                    "errors/s"),
            PanelBuilder.stat("Remote-write queue")
                .description(
                    "Samples waiting to be remote-written. Yellow above 1000, red above 10000: "
                        + "vminsert is slow or down and recorded series will arrive late or be dropped.")
                .unit(Unit.SHORT)
                .thresholds(Thresholds.absolute(GREEN, 1000, YELLOW, 10000, RED))
                .query("sum(" + sel(Engine.RW_QUEUE_SIZE, INSTANCE) + ")", "queued"))
        .row("Evaluation")
        .add(
            PanelBuilder.timeseries("Iterations by group")
                .description(
                    "Group evaluations per second. Each group should run steadily at 1/interval.")
                .unit(Unit.OPS_PER_SEC)
                .size(8, 8)
                .query(
                    "sum by (group) (" + rate(sel(Engine.ITERATIONS, INSTANCE, GROUP)) + ")",
                    "{{group}}"),
            PanelBuilder.timeseries("Missed iterations")
                .description(
                    "Evaluations skipped because the previous one was still running. Red above zero: "
                        + "the group is slower than its interval; split it or raise the interval.")
                .unit(Unit.SHORT)
                .size(8, 8)
                .thresholds(Thresholds.absolute(GREEN, 1, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "sum by (group) ("
                        + increase(sel(Engine.ITERATIONS_MISSED, INSTANCE, GROUP))
                        + ")",
                    "{{group}}"),
            PanelBuilder.timeseries("Iteration duration p99")
                .description(
                    "99th percentile time to evaluate each group. Red above 10s: close to a typical "
                        + "interval; find the slow rule's query.")
                .unit(Unit.SECONDS)
                .size(8, 8)
                .thresholds(Thresholds.absolute(GREEN, 10, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "histogram_quantile(0.99, sum by (group, le) ("
                        + rate(sel(Engine.ITERATION_DURATION_BUCKET, INSTANCE, GROUP))
                        + "))",
                    "{{group}}"),
            PanelBuilder.heatmap("Iteration duration distribution", Unit.SECONDS)
                .description(
                    "How long group evaluations take, as a heatmap of the duration histogram. A band "
                        + "moving up means evaluations are getting slower.")
                .unit(Unit.SECONDS)
                .target(
                    TargetBuilder.query(
                            "sum by (le) ("
                                + increase(sel(Engine.ITERATION_DURATION_BUCKET, INSTANCE, GROUP))
                                + ")")
                        .legend("{{le}}")
                        .heatmap()),
            PanelBuilder.timeseries("Errors by rule")
                .description(
                    "Evaluation errors per second by rule (top 10). Each line is a rule to fix: run it "
                        + "in vmui to see the error.")
                .unit(Unit.OPS_PER_SEC)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .query(
                    "topk(10, sum by (group, rule) ("
                        + rate(sel(Engine.EVALUATION_ERRORS, INSTANCE, GROUP))
                        + "))",
                    "{{group}}/{{rule}}"))
        .row("Alerts and notifications")
        .add(
            PanelBuilder.timeseries("Alerts by state")
                .description(
                    "Pending and firing alerts over time, stacked. Many pending alerts that never fire "
                        + "mean flapping rules: tune their `for`.")
                .unit(Unit.SHORT)
                .size(8, 8)
                .custom(FieldCustom.Graph.lines().stacked())
                .query("sum by (state) (" + sel(Engine.ALERTS, INSTANCE) + ")", "{{state}}"),
            PanelBuilder.timeseries("Notifications sent")
                .description("Alert notifications sent per second to each Alertmanager.")
                .unit(Unit.OPS_PER_SEC)
                .size(8, 8)
                .query(
                    "sum by (notifier) (" + rate(sel(Engine.NOTIFICATIONS_SENT, INSTANCE)) + ")",
                    "{{notifier}}"),
            PanelBuilder.timeseries("Notification errors")
                .description(
                    "Failed notifications per second. Red above zero: Alertmanager is unreachable or "
                        + "rejects alerts, so nobody is paged; check Alertmanager.")
                .unit(Unit.OPS_PER_SEC)
                .size(8, 8)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "sum by (notifier) ("
                        + rate(sel(Engine.NOTIFICATION_ERRORS, INSTANCE))
                        + ") or vector(0)",
                    "{{notifier}}"))
        .row("Remote write")
        .add(
            PanelBuilder.timeseries("Samples sent and dropped")
                .description(
                    "Recorded samples and alert series written per second, and those dropped. Drops "
                        + "(red) are lost recording results: fix vminsert or grow the queue.")
                .unit(Unit.ROWS_PER_SEC)
                .thresholds(Thresholds.absolute(GREEN, 0.001, RED))
                .query("sum(" + rate(sel(Engine.RW_SAMPLES_SENT, INSTANCE)) + ")", "sent")
                .query("sum(" + rate(sel(Engine.RW_SAMPLES_DROPPED, INSTANCE)) + ")", "dropped"),
            PanelBuilder.timeseries("Queue size")
                .description(
                    "Samples waiting in the remote-write queue. Red above 10000: the queue is filling; "
                        + "when full, samples are dropped.")
                .unit(Unit.SHORT)
                .thresholds(Thresholds.absolute(GREEN, 10000, RED))
                .custom(FieldCustom.Graph.lines().thresholdLines())
                .query(
                    "sum by (instance) (" + sel(Engine.RW_QUEUE_SIZE, INSTANCE) + ")",
                    "{{instance}}"))
        .build();
  }
}
