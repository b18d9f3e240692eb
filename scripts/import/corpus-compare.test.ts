import { describe, expect, it } from "vitest";
import {
  alignPhases,
  canonicalThreshold,
  checkboxLines,
  expectedPhases,
  isHeldOut,
  metricKind,
  normalizeName,
  type Phase,
  sameName,
  scoreAsks,
  scoreCheckboxes,
  scoreGuardrails,
  scorePhases,
  scoreTracks,
} from "./corpus-compare";
import { guardrailsOf, tracksOf } from "./plan-structure";

const phase = (name: string | null, percent: number | null, durationSeconds: number | null = null): Phase => ({ track: "t", name, percent, durationSeconds });

describe("normalizeName", () => {
  it("ignores case, emphasis, punctuation and a leading enumeration", () => {
    expect(normalizeName("## 3) **Mark the database** as read-only")).toBe("mark the database as read only");
    expect(sameName("Step 2: Validation", "validation")).toBe(true);
    expect(sameName("Phase II - Staged Rollout", "Staged rollout")).toBe(true);
    expect(sameName("Stage B: 25% of users", "25% of users")).toBe(true);
    expect(sameName("1. Deploying a Rollout", "Deploying a rollout")).toBe(true);
  });
  it("keeps words that are names, not enumerations", () => {
    expect(sameName("Canary", "Early adopters")).toBe(false);
    expect(normalizeName("Ring 0")).toBe("ring 0");
    expect(sameName(null, null)).toBe(false);
    expect(sameName("", "")).toBe(false);
  });
});

describe("alignPhases and scorePhases", () => {
  it("pairs by name or percentage in order, so an extra phase does not shift the rest", () => {
    const want = [phase("Canary", 5), phase(null, 25), phase("All", 100)];
    const got = [phase("Preparation", 1), phase("canary", 10), phase("Wave 2", 25), phase("Everyone", 100)];
    expect(alignPhases(want, got)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    const s = scorePhases(want, got);
    expect(s.found).toEqual({ right: 3, total: 3 });
    expect(s.percentages).toEqual({ right: 2, total: 3 });
    expect(s.names).toEqual({ right: 1, total: 2 });
  });
  it("counts a phase once even when the importer repeats it, and never pairs out of order", () => {
    const want = [phase("A", null), phase("B", null)];
    const got = [phase("B", null), phase("A", null), phase("A", null)];
    expect(alignPhases(want, got)).toHaveLength(1);
  });
  it("calls a duration off by a unit factor a unit error, not a miss of another kind", () => {
    const s = scorePhases([phase(null, 10, 600)], [phase(null, 10, 10)]);
    expect(s.durations).toEqual({ right: 0, total: 1 });
    expect(s.durationUnitErrors).toBe(1);
  });
  it("pairs a phase with neither name nor share by its place, preferring the one with its duration", () => {
    // A preview stage the document gives no name or share, then the switch to everyone.
    const want = [phase(null, null, 300), phase(null, 100)];
    const got = [phase("Warm-up", 30, 60), phase("Preview", 50, 300), phase("Promotion", 100)];
    expect(alignPhases(want, got)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(scorePhases(want, got).found).toEqual({ right: 2, total: 2 });
  });
  it("never pairs an anonymous wave with a step track, nor lets it take a phase a named one matches", () => {
    const step = { ...phase("Migrate the database", null), step: true };
    expect(alignPhases([phase(null, null)], [step])).toEqual([]);
    const want = [phase(null, null), phase("Canary", 5)];
    const got = [phase("Canary", 5)];
    expect(alignPhases(want, got)).toEqual([[1, 0]]);
  });
  it("treats a step track as one phase named after the track", () => {
    expect(
      expectedPhases([
        { name: "Setup", kind: "step", after: null, waves: [{ name: null, percent: null, durationSeconds: null }] },
        { name: "Ramp", kind: "ramp", after: "Setup", waves: [{ name: null, percent: 50, durationSeconds: null }, { name: null, percent: 100, durationSeconds: null }] },
      ]).map((p) => [p.name, p.percent]),
    ).toEqual([
      ["Setup", null],
      [null, 50],
      [null, 100],
    ]);
  });
});

describe("scoreAsks", () => {
  const ramp = (name: string) => ({ name, kind: "ramp" as const, after: null, flags: [], waves: [] });
  const wantCoarse = { name: "Slow canary", kind: "ramp" as const, after: null, waves: [], asksAboutWaves: true };
  it("is right when a question is about the waves of the track the document's ramp overflows", () => {
    expect(scoreAsks([wantCoarse], [ramp("Other"), ramp("Slow canary")], ["tracks[1].waves"])).toEqual({ right: 1, total: 1 });
    expect(scoreAsks([wantCoarse], [ramp("Other"), ramp("Slow canary")], ["tracks[0].waves", "tracks[1].flags[0].key"])).toEqual({ right: 0, total: 1 });
    expect(scoreAsks([wantCoarse], [ramp("Slow canary")], ["waves[3].bakeSeconds"])).toEqual({ right: 1, total: 1 });
  });
  it("expects nothing of tracks that fit", () => {
    expect(scoreAsks([{ ...wantCoarse, asksAboutWaves: undefined }], [ramp("Slow canary")], [])).toEqual({ right: 0, total: 0 });
  });
});

describe("scoreGuardrails", () => {
  it("matches by metric kind, direction and threshold in one scale", () => {
    const s = scoreGuardrails(
      [
        { metric: "error_rate", comparator: ">", threshold: 0.02, unit: "ratio" },
        { metric: "latency_p99_ms", comparator: ">", threshold: 500, unit: "ms" },
      ],
      [
        { metric: "error_rate_percent", comparator: ">=", threshold: 2, unit: "percent" },
        { metric: "request_duration_p99_seconds", comparator: ">", threshold: 0.5, unit: "seconds" },
      ],
    );
    expect(s.right).toEqual({ right: 2, total: 2 });
    expect(s.unitErrors).toBe(0);
  });
  it("reports a threshold read in the wrong unit as a unit error", () => {
    const s = scoreGuardrails(
      [
        { metric: "error_rate", comparator: ">", threshold: 0.02, unit: "ratio" },
        { metric: "latency_p95_ms", comparator: ">", threshold: 500, unit: "ms" },
      ],
      [
        { metric: "error_rate", comparator: ">", threshold: 2, unit: "ratio" },
        { metric: "latency_p95_ms", comparator: ">", threshold: 500000, unit: "ms" },
        { metric: "cpu", comparator: ">", threshold: 0.9, unit: "other" },
      ],
    );
    expect(s.right.right).toBe(0);
    expect(s.unitErrors).toBe(2);
    expect(s.extra).toBe(1);
  });
  it("does not match a rule watching the other direction", () => {
    const s = scoreGuardrails([{ metric: "success_rate", comparator: "<", threshold: 0.99, unit: "ratio" }], [{ metric: "success_rate", comparator: ">", threshold: 0.99, unit: "ratio" }]);
    expect(s.right.right).toBe(0);
  });
  it("knows metric kinds and scales", () => {
    expect(metricKind("p95_latency_ms")).toBe("latency_p95");
    expect(metricKind("latency_p95")).toBe("latency_p95");
    expect(metricKind("http_5xx_rate")).toBe("error_rate");
    expect(metricKind("request_success_rate")).toBe("success_rate");
    expect(canonicalThreshold(99, "percent")).toBeCloseTo(0.99);
    expect(canonicalThreshold(0.5, "seconds")).toBe(500);
  });
});

describe("scoreTracks", () => {
  it("needs the name, the kind and the track it starts after", () => {
    const s = scoreTracks(
      [
        { name: "Dark deploy", kind: "step", after: null, waves: [] },
        { name: "Search", kind: "ramp", after: "Dark deploy", flag: "search-v2", waves: [] },
        { name: "Cleanup", kind: "step", after: "Search", waves: [] },
      ],
      [
        { name: "dark deploy", kind: "step", after: null, flags: [], waves: [] },
        { name: "Search", kind: "ramp", after: "Dark deploy", flags: ["search_v2"], waves: [] },
        { name: "Cleanup", kind: "step", after: null, flags: [], waves: [] },
      ],
    );
    expect(s.right).toEqual({ right: 2, total: 3 });
    expect(s.flags).toEqual({ right: 1, total: 1 });
  });
});

describe("checkboxes", () => {
  const doc = ["# Plan", "- [ ] Enable the flag on staging", "  - [x] Tell support", "* [ ] Remove the flag", "- not a box"].join("\n");
  it("finds task-list items, nested and ticked ones included", () => {
    expect(checkboxLines(doc).map((b) => b.line)).toEqual([2, 3, 4]);
  });
  it("keeps a box found in the plan or inside an unmapped section, capped at the expected count", () => {
    const boxes = checkboxLines(doc);
    expect(scoreCheckboxes(boxes, ["Enable the flag on **staging**"], [{ fromLine: 4, toLine: 4 }], 3)).toEqual({ right: 2, total: 3 });
    expect(scoreCheckboxes(boxes, [], [{ fromLine: 1, toLine: 5 }], 2)).toEqual({ right: 2, total: 2 });
  });
});

describe("plan structure", () => {
  it("reads a plan without tracks as one ramp under the plan's name", () => {
    const tracks = tracksOf({ name: "Checkout v2", waves: [{ name: "Canary", trafficPercent: 5, bakeSeconds: 3600 }], flags: [{ key: "checkout-v2" }] });
    expect(tracks).toEqual([{ name: "Checkout v2", kind: "ramp", after: null, flags: ["checkout-v2"], waves: [{ name: "Canary", percent: 5, durationSeconds: 3600 }] }]);
  });
  it("reads tracks with after resolved to the earlier track's name, and guardrails with their unit", () => {
    const plan = {
      name: "Programme",
      guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.02 }],
      metrics: [{ key: "p99", unit: "ms" }],
      tracks: [
        { key: "dark", name: "Dark deploy", kind: "step" },
        { key: "search", name: "Search", after: { track: "dark", when: "completed" }, waves: [{ name: "All", trafficPercent: 100, bakeSeconds: 0, guardrails: [{ metric: "p99", comparator: ">", critical: 800 }] }] },
      ],
    };
    expect(tracksOf(plan).map((t) => [t.name, t.kind, t.after])).toEqual([
      ["Dark deploy", "step", null],
      ["Search", "ramp", "Dark deploy"],
    ]);
    expect(guardrailsOf(plan)).toEqual([
      { metric: "error_rate", comparator: ">", threshold: 0.02, unit: "ratio" },
      { metric: "p99", comparator: ">", threshold: 800, unit: "ms" },
    ]);
  });
});

describe("isHeldOut", () => {
  it("holds out the documents from the renewed set on, not the multiples of 3 that were looked at", () => {
    expect(["001-a", "003-b", "039-c", "055-f", "056-g", "063-h", "064-i", "071-j", "072-k", "079-l", "080-m", "088-n", "095-o", "096-p", "111-q", "112-r"].map(isHeldOut)).toEqual([false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, true]);
  });
});
