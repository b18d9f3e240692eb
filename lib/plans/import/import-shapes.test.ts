// The four shapes of document issue 22 names, written as teams write them (prose, tables, checkboxes, code), and
// the plan structure each must import as: phases with a flag config and a schedule in code; beta phases with
// duration and audience headings; a programme of steps and flag-ramped features; two ramps one after the other.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../core/plan";
import { importMarkdownPlan } from "./import-plan";
import { programmeProblems } from "./programme-contract.test-support";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
type AnyPlan = Record<string, any>;

describe("(a) phases with a flag configuration and a daily schedule in code", () => {
  const r = importMarkdownPlan(fixture("shape-a-flagged-launch.md"));
  const plan = PlanSchema.parse(r.plan);

  it("gives the internal phase, the 10 % flag phase, then 25/50/75/100 a day apart", () => {
    expect(plan.waves.map((w) => [w.name, w.trafficPercent, w.bakeSeconds])).toEqual([
      ["Internal Testing", 5, 7 * 86400],
      ["Limited Release", 10, 14 * 86400],
      ["Full Release: Day 1", 25, 86400],
      ["Full Release: Day 2", 50, 86400],
      ["Full Release: Day 3", 75, 86400],
      ["Full Release: Day 4", 100, 0],
    ]);
    // The internal phase states no share: the proposal sits below the next phase's and is asked, blocking.
    expect(r.questions.find((q) => q.field === "waves[0].trafficPercent")).toMatchObject({ blocking: true, proposed: 5 });
  });

  it("reads the JSON flag config: key, and the targeting criteria as constraints", () => {
    expect(plan.flags).toEqual([
      {
        key: "smart-replies",
        constraints: [
          { attribute: "country", operator: "in", values: ["US", "CA"] },
          { attribute: "plan", operator: "eq", value: "pro" },
          { attribute: "app_version", operator: "gte", value: 412 },
        ],
      },
    ]);
    expect(r.sources["waves[1].trafficPercent"]).toBeDefined();
  });

  it("makes each phase's success criteria its go/no-go items and its failure criteria its guardrails and triggers", () => {
    expect(plan.waves[0].checklist.map((i) => i.text)).toEqual([
      "No P1/P2 bugs open against Smart Replies",
      "Suggestion acceptance rate above 10% among staff",
      "Support team briefed on the feature",
    ]);
    expect(plan.waves[0].checklist.every((i) => i.ownerRole === undefined)).toBe(true);
    expect(plan.waves[0].guardrails).toMatchObject([{ metric: "error_rate", comparator: ">", critical: 0.01, forSeconds: 900, onCritical: "rollback" }]);
    expect(plan.waves[0].triggers?.map((t) => t.name)).toEqual(["Crash reports mentioning reply-suggester"]);
    expect(plan.waves[1].checklist.find((i) => i.metric)).toMatchObject({ metric: { metric: "latency_p95_ms", comparator: "<", threshold: 300 } });
    expect(plan.waves[1].guardrails).toMatchObject([{ metric: "error_rate", critical: 0.02, forSeconds: 1800 }]);
    // The full-release phase's failure criterion guards each of its daily stages.
    for (const w of plan.waves.slice(2)) expect(w.guardrails).toMatchObject([{ metric: "error_rate", critical: 0.02, forSeconds: 1800 }]);
  });
});

describe("(b) four beta phases with Duration and Target Users headings", () => {
  const r = importMarkdownPlan(fixture("shape-b-beta-programme.md"));
  const plan = PlanSchema.parse(r.plan);

  it("names the waves after the phases, with shares from Target Users (a range proposes its low end and asks)", () => {
    expect(plan.waves.map((w) => [w.name, w.trafficPercent, w.unit])).toEqual([
      ["Internal/Dogfooding", 1, "users"],
      ["Limited Beta", 5, "users"],
      ["Open Beta", 25, "users"],
      ["General Availability", 100, "users"],
    ]);
    const range = r.questions.find((q) => q.field === "waves[1].trafficPercent")!;
    expect(range).toMatchObject({ proposed: 5 });
    expect(range.excerpt).toContain("5-10%");
  });

  it("takes bake and deadline from the durations: a range proposes its low end and asks, a single one is exact", () => {
    expect(plan.waves.map((w) => [w.bakeSeconds, w.maxSeconds])).toEqual([
      [7 * 86400, 10 * 86400],
      [7 * 86400, 10 * 86400],
      [14 * 86400, undefined],
      [7 * 86400, 10 * 86400],
    ]);
    expect(r.questions.find((q) => q.field === "waves[0].bakeSeconds")).toMatchObject({ proposed: 7 * 86400, blocking: false });
    expect(r.questions.some((q) => q.field === "waves[2].bakeSeconds")).toBe(false);
  });

  it("turns each phase's success criteria into its go/no-go items, with no invented owner", () => {
    expect(plan.waves.map((w) => w.checklist.length)).toEqual([3, 2, 2, 2]);
    expect(plan.waves[0].checklist[0]).toMatchObject({ text: expect.stringContaining("Search satisfaction survey"), group: "Success Criteria" });
    expect(plan.waves.flatMap((w) => w.checklist).every((i) => i.ownerRole === undefined)).toBe(true);
  });

  it("turns each phase's failure criteria into that wave's guardrails with their duration", () => {
    expect(plan.waves.map((w) => w.guardrails.map((g) => [g.metric, g.critical, g.forSeconds]))).toEqual([
      [["error_rate", 0.01, 1800]],
      [["error_rate", 0.02, 7200], ["latency_p95_ms", 400, 3600]],
      [["error_rate", 0.05, 14400]],
      [],
    ]);
    expect(plan.guardrails).toEqual([]);
    // A failure criterion no metric measures is a trigger a person declares.
    expect(plan.waves[0].triggers?.map((t) => t.name)).toEqual(["Any result shown from a workspace the user cannot access"]);
  });
});

describe("(c) a programme: dark deploy, migration, three features each ramped by its own flag", () => {
  const r = importMarkdownPlan(fixture("shape-c-ledger-programme.md"));
  const plan = r.plan as AnyPlan;

  it("is a valid programme", () => {
    expect(programmeProblems(plan)).toEqual([]);
  });

  it("gives step, step, then three ramps in document order, each after the one before", () => {
    expect(plan.tracks.map((t: AnyPlan) => [t.key, t.kind, t.after ?? null])).toEqual([
      ["dark-deploy", "step", null],
      ["database-migration", "step", { track: "dark-deploy", when: "completed" }],
      ["batched-postings", "ramp", { track: "database-migration", when: "completed" }],
      ["idempotency-keys", "ramp", { track: "batched-postings", when: "completed" }],
      ["multi-currency-postings", "ramp", { track: "idempotency-keys", when: "completed" }],
    ]);
    expect(plan.tracks[0].checklist.map((i: AnyPlan) => i.text)).toContain("All flags confirmed OFF in the flag console");
    expect(plan.tracks[0].bakeSeconds).toBe(86400);
    expect(plan.tracks[1].checklist).toHaveLength(3);
  });

  it("ramps each feature by its own flag over operations, 5 -> 25 -> 50 (-> 100)", () => {
    const ramps = plan.tracks.slice(2);
    expect(ramps.map((t: AnyPlan) => t.flags.map((f: AnyPlan) => f.key))).toEqual([["ledger-batched-postings"], ["ledger-idempotency"], ["ledger-multi-currency"]]);
    expect(ramps[2].flags[0].constraints).toEqual([{ attribute: "region", operator: "in", values: ["eu-west-1", "us-east-1"] }]);
    for (const t of ramps) {
      expect(t.waves.map((w: AnyPlan) => w.trafficPercent)).toEqual([5, 25, 50, 100]);
      expect(t.waves.every((w: AnyPlan) => w.unit === "operations")).toBe(true);
    }
    expect(ramps[0].waves.map((w: AnyPlan) => w.bakeSeconds)).toEqual([2 * 86400, 2 * 86400, 3 * 86400, 0]);
    // The third feature's document stops at 50 %: the 100 % stage is a proposal, asked.
    expect(r.questions.find((q) => q.field === "tracks[4].waves[3]")).toMatchObject({ blocking: true });
  });

  it("reads the alert rule's error_rate > 2 as 2 % because the document says its thresholds are percent", () => {
    expect(plan.guardrails).toEqual([{ metric: "error_rate", comparator: ">", critical: 0.02, forSeconds: 600, onCritical: "rollback" }]);
    expect(r.questions.some((q) => q.field === "guardrails[0].critical")).toBe(false);
  });
});

describe("(d) two ramps, the second after the first, with a latency alert annotated in ms", () => {
  const r = importMarkdownPlan(fixture("shape-d-two-tracks.md"));
  const plan = r.plan as AnyPlan;

  it("is a valid programme of two ramp tracks, installation after search", () => {
    expect(programmeProblems(plan)).toEqual([]);
    expect(plan.tracks.map((t: AnyPlan) => [t.key, t.name, t.kind, t.after ?? null])).toEqual([
      ["search-migration", "Search migration", "ramp", null],
      ["installation", "Installation", "ramp", { track: "search-migration", when: "completed" }],
    ]);
    expect(plan.tracks[0].waves.map((w: AnyPlan) => [w.name, w.trafficPercent, w.bakeSeconds])).toEqual([
      ["Canary", 10, 4 * 3600],
      ["Early", 25, 86400],
      ["Half", 50, 86400],
      ["Full", 100, 0],
    ]);
    expect(plan.tracks[1].waves.map((w: AnyPlan) => w.trafficPercent)).toEqual([10, 50, 75, 100]);
    expect(r.sources["tracks[1].waves[0].trafficPercent"]).toBeDefined();
  });

  it("reads histogram_quantile(0.95, ...) > 150 with the annotation 'p95 > 150ms' as latency_p95_ms 150", () => {
    expect(plan.guardrails).toEqual([{ metric: "latency_p95_ms", comparator: ">", critical: 150, forSeconds: 300, onCritical: "rollback" }]);
  });
});

describe("units are never guessed silently", () => {
  const rule = (expr: string, extra: string[] = [], prose = "") =>
    importMarkdownPlan(["# X v1.0", "**Service:** x", "## Wave 1 (100%)", "## Alerts", prose, "```yaml", "- alert: A", `  expr: ${expr}`, "  for: 5m", "  labels:", "    severity: critical", ...extra, "```"].join("\n"));

  it("asks about a ratio threshold above 1 when the document does not say percent, proposing the percent reading", () => {
    const r = rule("error_rate > 2");
    expect(r.questions.find((q) => q.field === "guardrails[0].critical")).toMatchObject({ blocking: true, proposed: 0.02 });
    expect(PlanSchema.safeParse(r.plan).success).toBe(true);
  });

  it("takes an error rate above 100 out of the draft and asks, proposing nothing", () => {
    const r = rule("error_rate > 150", [], "Thresholds are in percent.");
    expect((r.plan.guardrails as unknown[]).length).toBe(0);
    expect(r.questions.find((q) => /can never fire/.test(q.question))).toMatchObject({ blocking: true, proposed: null, targets: [] });
    expect(PlanSchema.safeParse(r.plan).success).toBe(true);
  });

  it("takes a latency unit from the series name, and asks when nothing gives it", () => {
    expect((rule("histogram_quantile(0.99, rate(api_latency_ms_bucket[5m])) > 300").plan.guardrails as AnyPlan[])[0]).toMatchObject({ metric: "latency_p99_ms", critical: 300 });
    const unknown = rule("histogram_quantile(0.95, rate(api_duration_bucket[5m])) > 0.5");
    expect(unknown.questions.find((q) => q.field === "guardrails[0].critical")).toMatchObject({ blocking: true, proposed: 500 });
  });

  it("takes a latency threshold of 10 minutes out of the draft as one that can never fire", () => {
    const r = rule("histogram_quantile(0.95, rate(api_duration_seconds_bucket[5m])) > 600");
    expect((r.plan.guardrails as unknown[]).length).toBe(0);
    expect(PlanSchema.safeParse(r.plan).success).toBe(true);
  });
});

describe("schedules in manifests and procedures without stages", () => {
  it("reads Flagger's stepWeight up to maxWeight, each held for the interval, then promotion", () => {
    const r = importMarkdownPlan(["# Checkout canary v3.1.0", "**Service:** checkout", "## Analysis", "```yaml", "analysis:", "  interval: 2m", "  threshold: 5", "  maxWeight: 30", "  stepWeight: 10", "```"].join("\n"));
    const plan = PlanSchema.parse(r.plan);
    expect(plan.waves.map((w) => [w.trafficPercent, w.bakeSeconds])).toEqual([[10, 120], [20, 120], [30, 120], [100, 0]]);
  });

  it("reads Argo Rollouts' setWeight steps with their pauses", () => {
    const r = importMarkdownPlan(["# Web v2.0.0", "**Service:** web", "## Strategy", "```yaml", "strategy:", "  canary:", "    steps:", "    - setWeight: 5", "    - pause: {duration: 1h}", "    - setWeight: 40", "    - pause: {}", "```"].join("\n"));
    expect(PlanSchema.parse(r.plan).waves.map((w) => [w.trafficPercent, w.bakeSeconds])).toEqual([[5, 3600], [40, 0], [100, 0]]);
  });

  it("makes a release procedure with no stages a programme of steps, in order", () => {
    const r = importMarkdownPlan(
      ["# Release 4.2", "## Owners", "- Release captain: Ana", "## Prepare", "- [ ] Cut the branch", "- [ ] Freeze merges", "## Build", "1. Tag the commit", "2. Build images", "## Publish", "- [ ] Push images", "- [ ] Announce"].join("\n"),
    );
    const plan = r.plan as AnyPlan;
    expect(programmeProblems(plan)).toEqual([]);
    expect(plan.tracks.map((t: AnyPlan) => [t.name, t.kind, t.checklist.length, t.after?.track ?? null])).toEqual([
      ["Prepare", "step", 2, null],
      ["Build", "step", 2, "prepare"],
      ["Publish", "step", 2, "build"],
    ]);
    expect(r.questions.some((q) => q.field === "waves")).toBe(false);
  });
});

describe("analysis metrics with threshold ranges", () => {
  it("reads the entry's comments for the unit: percentage (0-100) and milliseconds", () => {
    const r = importMarkdownPlan(
      ["# Api v1.4.0", "**Service:** api", "## Canary", "```yaml", "analysis:", "  interval: 1m", "  maxWeight: 20", "  stepWeight: 10", "  metrics:", "  - name: error-rate", "    # percentage (0-100)", "    thresholdRange:", "      max: 1", "  - name: request-duration", "    # P99 in milliseconds", "    thresholdRange:", "      max: 450", "```"].join("\n"),
    );
    expect(PlanSchema.parse(r.plan).guardrails.map((g) => [g.metric, g.comparator, g.critical])).toEqual([
      ["error_rate", ">", 0.01],
      ["latency_p99_ms", ">", 450],
    ]);
  });

  it("keeps a ratio written as a ratio when the annotation gives the percent beside it", () => {
    const r = importMarkdownPlan(["# X v1.0", "**Service:** x", "## Wave 1 (100%)", "```yaml", "- alert: E", "  expr: error_rate > 0.02", "  labels:", "    severity: critical", "  annotations:", '    summary: "error rate above 2%"', "```"].join("\n"));
    expect((r.plan.guardrails as AnyPlan[])[0]).toMatchObject({ metric: "error_rate", critical: 0.02 });
  });
});
