// Prometheus-style alert rules in YAML: fields, block scalars, severity, action, units of latency histograms.
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./document";
import { extractAlertRules, looksLikeAlertRules } from "./extract-alert-rules";
import { importMarkdownPlan } from "./import-plan";

const RULES = [
  "```yaml",
  "groups:",
  "  - name: rollout",
  "    rules:",
  "      - alert: HighErrorRate",
  '        expr: sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05',
  "        for: 10m",
  "        labels:",
  "          severity: critical",
  "          action: rollback",
  "      - alert: SlowP95",
  "        expr: |",
  "          histogram_quantile(0.95,",
  "            sum(rate(http_request_duration_seconds_bucket[5m])) by (le)) > 0.8",
  "        for: 5m",
  "        labels:",
  "          severity: warning",
  "```",
].join("\n");

describe("extractAlertRules", () => {
  it("reads each rule with its lines, duration, severity and action", () => {
    const block = parseMarkdown(RULES.split("\n")).codeBlocks[0];
    expect(looksLikeAlertRules(block)).toBe(true);
    const [errors, latency] = extractAlertRules(block);
    expect(errors).toMatchObject({
      name: "HighErrorRate",
      fromLine: 5,
      toLine: 10,
      forSeconds: 600,
      severity: "critical",
      action: "rollback",
      metric: "error_rate",
      comparator: ">",
      threshold: 0.05,
    });
    // A histogram quantile is in seconds; Tidegate's latency metrics are milliseconds.
    expect(latency).toMatchObject({ name: "SlowP95", forSeconds: 300, severity: "warning", metric: "latency_p95_ms", threshold: 800, toLine: 17 });
    expect(latency.action).toBeUndefined();
  });

  it("does not take a shell block or prose YAML for alert rules", () => {
    const doc = parseMarkdown(["```bash", "alert: x", "expr: y", "```", "```yaml", "name: app", "```"].join("\n").split("\n"));
    expect(doc.codeBlocks.map(looksLikeAlertRules)).toEqual([false, false]);
  });

  it("keeps a rule whose expression it cannot read, without a threshold", () => {
    const block = parseMarkdown(["```yaml", "- alert: Weird", "  expr: absent(up)", "```"].join("\n").split("\n")).codeBlocks[0];
    const [rule] = extractAlertRules(block);
    expect(rule.name).toBe("Weird");
    expect(rule.threshold).toBeUndefined();
  });
});

describe("a range check on a metric template", () => {
  const fence = "```";
  const md = (bucket: string, divide: string, max: string) =>
    [
      "# Orders canary",
      "",
      `${fence}yaml`,
      "kind: MetricTemplate",
      "metadata:",
      "  name: api-latency",
      "spec:",
      "  query: |",
      `    histogram_quantile(0.95, sum(rate(http_${bucket}_bucket[1m])) by (le))${divide}`,
      fence,
      "",
      `${fence}yaml`,
      "analysis:",
      "  metrics:",
      "  - name: api-latency",
      "    templateRef:",
      "      name: api-latency",
      "    thresholdRange:",
      `      max: ${max}`,
      fence,
    ].join("\n");
  const latency = (text: string) => (importMarkdownPlan(text).plan.guardrails as { metric: string; critical: number }[] | undefined)?.find((g) => g.metric.startsWith("latency"));

  it("takes the percentile and unit the template queries", () => {
    expect(latency(md("request_duration_seconds", "", "0.3"))).toMatchObject({ metric: "latency_p95_ms", critical: 300 });
    expect(latency(md("request_duration_milliseconds", "", "300"))).toMatchObject({ metric: "latency_p95_ms", critical: 300 });
    expect(latency(md("request_duration_milliseconds", " / 1000", "0.3"))).toMatchObject({ metric: "latency_p95_ms", critical: 300 });
  });
});
