// The importer on small documents written for the purpose: each rule that makes a question, and the shapes of plans
// other teams write (day ramps, stage lines, alert rules, fenced templates).
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../core/plan";
import { applyAnswers, parsePath } from "./apply-answers";
import { importMarkdownPlan } from "./import-plan";

const md = (...lines: string[]) => lines.join("\n");
const fieldsAsked = (markdown: string) => importMarkdownPlan(markdown).questions.map((q) => q.field);

describe("importMarkdownPlan on small documents", () => {
  it("reads a timed ramp ('Day 1: 25% ... Day 4: 100%') with each day-stage lasting until the next", () => {
    const r = importMarkdownPlan(md("# Search v2 (v2.1.0)", "**Service:** search", "## Rollout schedule", "- Day 1: 25%", "- Day 2: 50%", "- Day 4: 100%"));
    const plan = PlanSchema.parse(r.plan);
    expect(plan.service).toBe("search");
    expect(plan.version).toBe("2.1.0");
    expect(plan.waves.map((w) => [w.name, w.trafficPercent, w.bakeSeconds])).toEqual([
      ["Day 1", 25, 86400],
      ["Day 2", 50, 2 * 86400],
      ["Day 4", 100, 0],
    ]);
    expect(r.sources["waves[1].bakeSeconds"]).toEqual({ fromLine: 5, toLine: 6 });
  });

  it("asks for the version and the service when the document names neither", () => {
    const r = importMarkdownPlan(md("# Rollout", "## Wave 1 (100%)", "**Duration:** 1h"));
    expect(r.questions.filter((q) => q.blocking).map((q) => q.field)).toEqual(["version", "service"]);
    expect(PlanSchema.safeParse(r.plan).success).toBe(true);
  });

  it("asks for a stage's percentage and duration when it gives none", () => {
    const r = importMarkdownPlan(md("# X v1.0", "**Service:** x", "## Wave 1: Canary (5%)", "**Duration:** 2h", "## Wave 2: Everyone"));
    expect(r.questions.map((q) => [q.field, q.blocking, q.proposed])).toEqual([
      ["waves[1].bakeSeconds", false, 3600],
      ["waves[1].trafficPercent", true, 100],
    ]);
  });

  it("asks about a duration given as a range, proposing the shorter stay", () => {
    const r = importMarkdownPlan(md("# X v1.0", "**Service:** x", "## Wave 1 (50%)", "**Decision Window:** 3-5 days", "## Wave 2 (100%)", "**Duration:** 1 day"));
    const q = r.questions.find((q) => q.field === "waves[0].bakeSeconds")!;
    expect(q).toMatchObject({ proposed: 3 * 86400, blocking: false, source: { fromLine: 4, toLine: 4 } });
    expect(q.excerpt).toContain("3-5 days");
  });

  it("asks which percentile a latency threshold means", () => {
    const r = importMarkdownPlan(md("# X v1.0", "**Service:** x", "## Wave 1 (100%)", "## Thresholds", "| Metric | Critical |", "|--|--|", "| Latency | > 800ms |"));
    expect(r.questions.find((q) => q.field === "guardrails[0].metric")).toMatchObject({ blocking: true, proposed: "latency_p95_ms" });
  });

  it("asks when a rollback trigger contradicts the thresholds table", () => {
    const r = importMarkdownPlan(
      md("# X v1.0", "**Service:** x", "## Wave 1 (100%)", "**Rollback Trigger:**", "- Error rate > 8% for 5min", "## Thresholds", "| Metric | Critical |", "|--|--|", "| Error rate | > 10% |"),
    );
    expect(r.questions.find((q) => q.field === "guardrails[0].critical")).toMatchObject({ blocking: true, proposed: 0.1, source: { fromLine: 5, toLine: 5 } });
  });

  it("asks for the action when nothing says what a critical breach does", () => {
    expect(fieldsAsked(md("# X v1.0", "**Service:** x", "## Wave 1 (100%)", "| Metric | Critical |", "|--|--|", "| CPU | > 90% |"))).toContain("guardrails[0].onCritical");
  });

  it("turns Prometheus alert rules into guardrails with their duration and action", () => {
    const r = importMarkdownPlan(
      md(
        "# X v1.0",
        "**Service:** x",
        "## Wave 1 (100%)",
        "## Alert rules",
        "```yaml",
        "- alert: HighErrorRate",
        "  expr: job:error_ratio:rate5m > 0.05",
        "  for: 10m",
        "  labels:",
        "    severity: critical",
        "    action: rollback",
        "```",
      ),
    );
    expect(PlanSchema.parse(r.plan).guardrails).toEqual([
      { metric: "error_rate", comparator: ">", critical: 0.05, forSeconds: 600, onCritical: "rollback", windowSeconds: 60 },
    ]);
    expect(r.sources["guardrails[0]"]).toEqual({ fromLine: 6, toLine: 11 });
    expect(r.unmapped).toEqual([]);
  });

  it("does not read a fenced Markdown template as plan content", () => {
    const r = importMarkdownPlan(
      md("# X v1.0", "**Service:** x", "## Wave 1 (100%)", "## Template for other teams", "```markdown", "## Wave 7 (30%)", "- [ ] template item", "```"),
    );
    expect(r.plan.waves).toHaveLength(1);
    expect(r.unmapped.map((u) => u.heading)).toEqual(["Template for other teams"]);
  });

  it("reads a stage's shell block as its steps, and a rollback section without subsections as one level", () => {
    const r = importMarkdownPlan(
      md("# X v1.0", "**Service:** x", "## Wave 1 (100%)", "**Steps:**", "```bash", "# Enable the flag", "flagctl on x", "```", "## Rollback", "1. Turn the flag off", "2. Confirm errors drop"),
    );
    const plan = PlanSchema.parse(r.plan);
    expect(plan.waves[0].checklist).toEqual([{ text: "Enable the flag: flagctl on x", required: false, group: "Steps" }]);
    expect(plan.rollback!.levels).toEqual([
      { name: "Rollback", scope: "flag", steps: [{ text: "Turn the flag off" }, { text: "Confirm errors drop" }] },
    ]);
  });

  it("turns what still fails the schema into a blocking question instead of failing", () => {
    const r = importMarkdownPlan(md("# X v1.0", "**Service:** x", "## Wave 1 (50%)", "**Duration:** 1h", "## Wave 2 (20%)", "**Duration:** 1h"));
    expect(r.questions.find((q) => q.field === "waves[1].trafficPercent")).toMatchObject({ blocking: true, source: { fromLine: 5, toLine: 5 } });
  });
});

describe("importMarkdownPlan on whole-plan sections", () => {
  it("reads a top-level rollback triggers section, numbered rollback levels and a timed post-launch phase", () => {
    const r = importMarkdownPlan(
      md(
        "# Payments v3.2.0",
        "**Service:** payments",
        "## Wave 1 (100%)",
        "**Duration:** 2h",
        "## Rollback Triggers",
        "- Critical security vulnerability discovered",
        "- Data corruption detected -> rollback level 2",
        "- Error rate > 5% for 10 min",
        "## Rollback Procedure",
        "### Level 1: Flag off (< 30 s)",
        "1. Turn the flag off",
        "### Level 2: Redeploy (< 1 hour)",
        "1. Deploy the previous build",
        "## Post-Launch Monitoring, first 72 hours",
        "- [ ] Watch the dashboards",
      ),
    );
    const plan = PlanSchema.parse(r.plan);
    expect(plan.triggers).toEqual([
      { name: "Critical security vulnerability discovered", action: "rollback" },
      { name: "Data corruption detected", action: "rollback", level: 2 },
    ]);
    expect(plan.guardrails).toMatchObject([{ metric: "error_rate", critical: 0.05, forSeconds: 600, onCritical: "rollback" }]);
    expect(plan.rollback!.levels.map((l) => [l.name, l.scope, l.objectiveSeconds])).toEqual([
      ["Level 1: Flag off", "flag", 30],
      ["Level 2: Redeploy", "release", 3600],
    ]);
    expect(plan.hypercare).toMatchObject({ durationSeconds: 72 * 3600, checklist: [{ text: "Watch the dashboards" }] });
    expect(r.sources["triggers[1]"]).toEqual({ fromLine: 7, toLine: 7 });
    expect(r.sources["hypercare.durationSeconds"]).toEqual({ fromLine: 14, toLine: 14 });
    expect(r.unmapped).toEqual([]);
  });
});

describe("applyAnswers", () => {
  it("parses field paths", () => {
    expect(parsePath("waves[1].checklist[12].ownerRole")).toEqual(["waves", 1, "checklist", 12, "ownerRole"]);
    expect(parsePath("rollback.levels[0].objectiveSeconds")).toEqual(["rollback", "levels", 0, "objectiveSeconds"]);
  });

  it("writes an answer to every target and removes a field declined with null", () => {
    const r = importMarkdownPlan(md("# X v1.0", "**Service:** x", "## Wave 1 (100%)", "**Duration:** 1h", "**Go/No-Go:**", "- a", "- b", "## Rollback", "1. undo"));
    const owners = r.questions.find((q) => q.field === "waves[0].checklist[*].ownerRole")!;
    const objective = r.questions.find((q) => q.field === "rollback.levels[0].objectiveSeconds")!;
    const plan = PlanSchema.parse(applyAnswers(r.plan, r.questions, { [owners.id]: "SRE", [objective.id]: 600 }));
    expect(plan.waves[0].checklist.map((i) => i.ownerRole)).toEqual(["SRE", "SRE"]);
    expect(plan.rollback!.levels[0].objectiveSeconds).toBe(600);
    const declined = PlanSchema.parse(applyAnswers(r.plan, r.questions, { [objective.id]: null }));
    expect(declined.rollback!.levels[0].objectiveSeconds).toBeUndefined();
  });
});
