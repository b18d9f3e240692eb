import { describe, expect, it } from "vitest";
import { describeBinding, matchesFilter, metricBinding, ownerRolesOf, progressOf, type ChecklistItemView } from "./review-checklist";
import type { ReleaseView } from "./types";

const item = (over: Partial<ChecklistItemView>): ChecklistItemView =>
  ({ id: "i", waveIndex: 0, text: "t", ownerRole: "PM", required: true, state: "open", metric: null, ...over }) as ChecklistItemView;

describe("review checklist", () => {
  it("filters by owner and by state; 'needs action' is a required item that is open or not met", () => {
    const open = item({ state: "open" });
    const notMet = item({ state: "not_met", ownerRole: "Ops" });
    const optional = item({ state: "open", required: false });
    const waived = item({ state: "waived" });
    expect([open, notMet, optional, waived].filter((i) => matchesFilter(i, { owner: "", state: "needs_action" }))).toEqual([open, notMet]);
    expect([open, notMet, waived].filter((i) => matchesFilter(i, { owner: "PM", state: "all" }))).toEqual([open, waived]);
    expect(matchesFilter(waived, { owner: "PM", state: "waived" })).toBe(true);
    expect(matchesFilter(waived, { owner: "Ops", state: "waived" })).toBe(false);
  });

  it("reads a metric binding in the metric's own unit", () => {
    expect(describeBinding(metricBinding(item({ metric: { metric: "latency_p95_ms", comparator: "<", threshold: 500 } }))!)).toBe("P95 latency < 500 ms");
    expect(describeBinding(metricBinding(item({ metric: { metric: "error_rate", comparator: "<", threshold: 0.05 } }))!)).toBe("Error rate < 5.00%");
    expect(metricBinding(item({ metric: null }))).toBeNull();
  });

  it("lists owners once in plan order and counts waived as done", () => {
    const view = { preChecklist: [item({ ownerRole: "Dev" })], waves: [{ checklist: [item({ ownerRole: "PM" }), item({ ownerRole: "Dev" })] }] } as unknown as ReleaseView;
    expect(ownerRolesOf(view)).toEqual(["Dev", "PM"]);
    expect(progressOf([item({ state: "met" }), item({ state: "waived" }), item({}), item({ required: false, state: "met" })])).toEqual({ done: 2, required: 3 });
  });
});
