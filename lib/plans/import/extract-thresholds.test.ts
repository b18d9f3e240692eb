// Threshold tables: every cell form teams write, the comparator's direction, relative rows and warning-only rows.
import { describe, expect, it } from "vitest";
import { parseMarkdown, tablesIn } from "./document";
import { extractThresholdRows, isThresholdTable } from "./extract-thresholds";

const rowsOf = (md: string) => {
  const doc = parseMarkdown(md.split("\n"));
  return tablesIn(doc, 1, doc.lines.length).flatMap(extractThresholdRows);
};

describe("extractThresholdRows", () => {
  it("reads Metric / Target / Warning / Critical with units and directions", () => {
    const rows = rowsOf(
      [
        "| Metric | Target | Warning | Critical |",
        "|---|---|---|---|",
        "| Error Rate | < 2% | > 5% | > 10% |",
        "| Success Rate | > 98% | < 95% | < 90% |",
        "| P99 Latency | < 500ms | > 800ms | > 1500ms |",
        "| Invariant Violations | 0 | > 5 | > 10 |",
      ].join("\n"),
    );
    expect(rows.map(({ metric, comparator, target, warning, critical, line }) => ({ metric, comparator, target, warning, critical, line }))).toEqual([
      { metric: "error_rate", comparator: ">", target: 0.02, warning: 0.05, critical: 0.1, line: 3 },
      { metric: "success_rate", comparator: "<", target: 0.98, warning: 0.95, critical: 0.9, line: 4 },
      { metric: "latency_p99_ms", comparator: ">", target: 500, warning: 800, critical: 1500, line: 5 },
      { metric: "invariant_violations", comparator: ">", target: 0, warning: 5, critical: 10, line: 6 },
    ]);
  });

  it("reads Baseline / +50% rows as relative to the baseline", () => {
    const [row] = rowsOf("| Metric | Target | Warning | Critical |\n|--|--|--|--|\n| Memory (MB) | Baseline | +50% | +100% |");
    expect(row).toMatchObject({ metric: "memory_mb", relativeTo: "baseline", target: 0, warning: 0.5, critical: 1, comparator: ">" });
  });

  it("takes the direction from the target when the critical cell has no sign", () => {
    const [row] = rowsOf("| Signal | Healthy | Rollback |\n|--|--|--|\n| Error rate | < 1% | 3% |");
    expect(row).toMatchObject({ metric: "error_rate", comparator: ">", target: 0.01, critical: 0.03 });
  });

  it("keeps a warning-only row, flags a latency without percentile, slugs unknown metrics", () => {
    const rows = rowsOf("| Metric | Warning |\n|--|--|\n| Latency | > 300ms |\n| Queue depth | > 1000 |");
    expect(rows[0]).toMatchObject({ metric: "latency_p95_ms", percentileUnspecified: true, warning: 300 });
    expect(rows[0].critical).toBeUndefined();
    expect(rows[1]).toMatchObject({ metric: "queue_depth", knownMetric: false, warning: 1000 });
  });

  it("ignores tables that hold no thresholds", () => {
    const doc = parseMarkdown("| Name | Email |\n|--|--|\n| Ann | a@x |".split("\n"));
    expect(tablesIn(doc, 1, 3).filter(isThresholdTable)).toEqual([]);
  });
});
