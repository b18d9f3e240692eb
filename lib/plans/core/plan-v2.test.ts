// Plan format v2: every v1 plan stays valid, the new fields parse with their rules, the JSON Schema is generated
// from the zod schema.
import { describe, expect, it } from "vitest";
import { PlanSchema } from "./plan";
import { planJsonSchema } from "./plan-json-schema";

const v1 = () => ({
  name: "Checkout",
  service: "checkout",
  version: "2.0.0",
  guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.1 }],
  waves: [
    { name: "Canary", trafficPercent: 10 },
    { name: "Full", trafficPercent: 100 },
  ],
});

describe("plan format v2", () => {
  it("accepts the v2 fields together", () => {
    const plan = PlanSchema.parse({
      ...v1(),
      preChecklist: [{ text: "Backups verified", ownerRole: "Ops", group: "Infrastructure" }],
      guardrails: [
        { metric: "error_rate", comparator: ">", critical: 0.05, levels: [{ threshold: 0.02, forSeconds: 180, action: "notify" }] },
        { metric: "latency_p95_ms", comparator: ">", critical: 0.2, relativeTo: "previous_wave", relativeMode: "ratio" },
      ],
      waves: [
        { name: "Internal", trafficPercent: 5, unit: "servers", audience: "5% of servers", maxSeconds: 3600, autoContinue: true },
        { name: "Beta", trafficPercent: 10, unit: "users", audience: "internal team + 10-20 beta testers", triggers: [{ name: "Data corruption detected", level: 2 }] },
        { name: "Full", trafficPercent: 100, unit: "users", entryChecklist: [{ text: "Support trained", ownerRole: "Support" }] },
      ],
      triggers: [{ name: "Critical security vulnerability discovered", action: "rollback" }],
      rollback: {
        levels: [
          { name: "Flag off", scope: "flag", objectiveSeconds: 30, steps: [{ text: "Disable flag", command: "flagctl off x" }] },
          {
            name: "Redeploy",
            steps: [{ text: "Deploy previous build", ownerRole: "Ops" }],
            verification: { metric: "throughput_rps", comparator: "<", threshold: 1, withinSeconds: 900 },
          },
        ],
      },
      hypercare: { durationSeconds: 14 * 86400, checklist: [{ text: "Lessons learned", ownerRole: "PM" }] },
      preSignoffs: { roles: ["CISO", "Product Manager", "Ops"], quorum: 2 },
      metrics: [{ key: "queue_depth", label: "Queue depth", unit: "jobs", watchOnly: true }],
    });
    expect(plan.waves[1].triggers).toEqual([{ name: "Data corruption detected", action: "rollback", level: 2 }]);
    expect(plan.rollback!.levels[1].scope).toBe("release");
    expect(plan.guardrails[0].levels![0]).toEqual({ threshold: 0.02, forSeconds: 180, action: "notify" });
    expect(plan.metrics![0].watchOnly).toBe(true);
  });

  it("lets percentages restart in another unit but not fall within one", () => {
    const ok = PlanSchema.safeParse({
      ...v1(),
      waves: [
        { name: "Hosts", trafficPercent: 50, unit: "servers" },
        { name: "Users", trafficPercent: 10, unit: "users" },
        { name: "All", trafficPercent: 100, unit: "users" },
      ],
    });
    expect(ok.success).toBe(true);
    const bad = PlanSchema.safeParse({
      ...v1(),
      waves: [
        { name: "A", trafficPercent: 50, unit: "users" },
        { name: "B", trafficPercent: 60, unit: "servers" },
        { name: "C", trafficPercent: 40, unit: "users" },
        { name: "D", trafficPercent: 100, unit: "users" },
      ],
    });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["waves.2.trafficPercent"]);
  });

  it("refuses a trigger pointing at a missing rollback level and a quorum larger than its roles", () => {
    const r = PlanSchema.safeParse({
      ...v1(),
      triggers: [{ name: "Data corruption", level: 3 }],
      rollback: { levels: [{ name: "Flag off" }] },
      preSignoffs: { roles: ["A"], quorum: 2 },
    });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join("."))).toEqual(["preSignoffs.quorum", "triggers.0.level"]);
  });
});

describe("planJsonSchema", () => {
  it("is generated from the zod schema: v2 fields present, input defaults optional, no extra keys allowed", () => {
    const schema = planJsonSchema() as any;
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.required).toEqual(["name", "service", "version"]);
    // Issue 22: a plan has waves (one implicit track) or tracks.
    expect(schema.anyOf).toEqual([{ required: ["waves"] }, { required: ["tracks"] }]);
    expect(schema.properties.tracks.items.required).toEqual(["key", "name"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["preChecklist", "guardrails", "waves", "triggers", "rollback", "hypercare", "preSignoffs", "metrics"]),
    );
    const wave = schema.properties.waves.items;
    expect(wave.required).toEqual(["name", "trafficPercent"]);
    expect(wave.properties.unit.enum).toEqual(["users", "requests", "servers", "operations"]);
    expect(JSON.stringify(schema)).toContain('"step_back"');
  });
});
