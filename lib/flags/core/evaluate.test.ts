import { describe, expect, it } from "vitest";
import { PlanSchema } from "../../plans/core/plan";
import { inRollout } from "./bucketing";
import { constraintHolds, evaluateFlag, type FlagState } from "./evaluate";
import { flagShare } from "./share";
import { toUnleashFeature } from "./unleash-features";

const plan = PlanSchema.parse({
  name: "Checkout",
  service: "shop",
  version: "2.0.0",
  waves: [
    { name: "Canary", trafficPercent: 0.5 },
    { name: "Early", trafficPercent: 10 },
    { name: "All", trafficPercent: 100 },
  ],
  flags: [{ key: "new-checkout" }],
});

const state = (over: Partial<FlagState> = {}): FlagState => ({
  spec: { key: "new-checkout" },
  releaseId: "r1",
  status: "running",
  waveIndex: 1,
  waveName: "Early",
  share: 10,
  version: 3,
  ...over,
});

describe("flagShare", () => {
  it("follows the release: draft 0, running and paused at the wave, completed 100, rolled back 0", () => {
    expect(flagShare({ status: "draft", currentWaveIndex: 0, trafficPercent: 0 }, plan)).toBe(0);
    expect(flagShare({ status: "running", currentWaveIndex: 0, trafficPercent: 0.5 }, plan)).toBe(0.5);
    expect(flagShare({ status: "paused", currentWaveIndex: 1, trafficPercent: 10 }, plan)).toBe(10);
    expect(flagShare({ status: "completed", currentWaveIndex: 2, trafficPercent: 100 }, plan)).toBe(100);
    expect(flagShare({ status: "rolled_back", currentWaveIndex: 1, trafficPercent: 0 }, plan)).toBe(0);
    // Retry puts the release back at wave 1, and the flag with it.
    expect(flagShare({ status: "running", currentWaveIndex: 0, trafficPercent: 0.5 }, plan)).toBe(0.5);
    expect(flagShare({ status: "something-new", currentWaveIndex: 1, trafficPercent: 10 }, plan)).toBe(0);
  });
});

describe("plan flags", () => {
  const base = { name: "n", service: "s", version: "1", waves: [{ name: "w", trafficPercent: 100 }] };
  it("keeps plans without flags valid and unchanged", () => {
    expect(PlanSchema.parse(base).flags).toBeUndefined();
  });
  it("accepts kebab and snake keys and refuses others, and duplicates", () => {
    expect(PlanSchema.safeParse({ ...base, flags: [{ key: "new-checkout" }, { key: "search_v3" }] }).success).toBe(true);
    for (const key of ["NewCheckout", "new checkout", "-x", "a--b", "mixed-case_key", "1abc", ""]) {
      expect(PlanSchema.safeParse({ ...base, flags: [{ key }] }).success, key).toBe(false);
    }
    const dup = PlanSchema.safeParse({ ...base, flags: [{ key: "a" }, { key: "a" }] });
    expect(dup.success).toBe(false);
  });
  it("needs values that fit each constraint operator", () => {
    const withC = (c: unknown) => PlanSchema.safeParse({ ...base, flags: [{ key: "f", constraints: [c] }] }).success;
    expect(withC({ attribute: "account_age_days", operator: "gte", value: 30 })).toBe(true);
    expect(withC({ attribute: "account_age_days", operator: "gte", value: "30" })).toBe(false);
    expect(withC({ attribute: "country", operator: "in" })).toBe(false);
    expect(withC({ attribute: "country", operator: "in", values: ["DE"] })).toBe(true);
    expect(withC({ attribute: "country", operator: "like", values: ["DE"] })).toBe(false);
  });
  it("allows waves in steps of 0.001 % when the plan has flags, and nothing finer", () => {
    const waves = (p: number) => [{ name: "a", trafficPercent: p }, { name: "b", trafficPercent: 100 }];
    expect(PlanSchema.safeParse({ ...base, waves: waves(0.001), flags: [{ key: "f" }] }).success).toBe(true);
    expect(PlanSchema.safeParse({ ...base, waves: waves(0.0005), flags: [{ key: "f" }] }).success).toBe(false);
    expect(PlanSchema.safeParse({ ...base, waves: waves(0.0005) }).success).toBe(true);
  });
});

describe("evaluateFlag", () => {
  it("is DISABLED for everyone at share 0, allow-listed keys included", () => {
    const off = state({ status: "rolled_back", share: 0, spec: { key: "new-checkout", allow: ["alice"] } });
    expect(evaluateFlag(off, { targetingKey: "alice" })).toEqual({ ok: true, value: false, variant: "off", reason: "DISABLED" });
    expect(evaluateFlag(off, {})).toMatchObject({ ok: true, value: false, reason: "DISABLED" });
  });
  it("is STATIC on at 100 % without needing a key", () => {
    expect(evaluateFlag(state({ status: "completed", share: 100 }), {})).toEqual({ ok: true, value: true, variant: "on", reason: "STATIC" });
  });
  it("splits by the targeting key exactly as the bucketing does", () => {
    for (let i = 0; i < 500; i++) {
      const r = evaluateFlag(state(), { targetingKey: `user-${i}` });
      expect(r).toMatchObject({ ok: true, reason: "SPLIT", value: inRollout(`user-${i}`, "new-checkout", 10) });
    }
  });
  it("needs a targeting key (or the sticky attribute) to split, and refuses a non-string key", () => {
    expect(evaluateFlag(state(), {})).toMatchObject({ ok: false, errorCode: "TARGETING_KEY_MISSING" });
    expect(evaluateFlag(state(), { targetingKey: { id: 1 } })).toMatchObject({ ok: false, errorCode: "INVALID_CONTEXT" });
    const sticky = state({ spec: { key: "new-checkout", stickiness: "orgId" } });
    expect(evaluateFlag(sticky, { targetingKey: "u1" })).toMatchObject({ ok: false, errorCode: "TARGETING_KEY_MISSING" });
    expect(evaluateFlag(sticky, { orgId: "acme" })).toMatchObject({ ok: true, reason: "SPLIT", value: inRollout("acme", "new-checkout", 10) });
  });
  it("lets the allow-list in first, then applies constraints before the percentage", () => {
    const spec = {
      key: "new-checkout",
      allow: ["tester-1"],
      constraints: [{ attribute: "account_age_days", operator: "gte" as const, value: 30 }],
    };
    const s = state({ spec, share: 100 });
    expect(evaluateFlag(s, { targetingKey: "tester-1" })).toMatchObject({ value: true, reason: "TARGETING_MATCH" });
    expect(evaluateFlag(s, { targetingKey: "u", account_age_days: 10 })).toMatchObject({ value: false, reason: "TARGETING_MATCH" });
    expect(evaluateFlag(s, { targetingKey: "u", account_age_days: 45 })).toMatchObject({ value: true, reason: "TARGETING_MATCH" });
    expect(evaluateFlag(s, { targetingKey: "u" })).toMatchObject({ value: false, reason: "TARGETING_MATCH" });
  });
  it("implements each constraint operator", () => {
    const c = (operator: "in" | "not_in" | "eq" | "gte" | "lte", v: unknown, ctx: Record<string, unknown>) =>
      constraintHolds(Array.isArray(v) ? { attribute: "a", operator, values: v } : { attribute: "a", operator, value: v as number }, ctx);
    expect(c("in", ["DE", "FR"], { a: "DE" })).toBe(true);
    expect(c("in", ["DE", "FR"], { a: "US" })).toBe(false);
    expect(c("not_in", ["DE"], { a: "US" })).toBe(true);
    expect(c("not_in", ["DE"], {})).toBe(true);
    expect(c("eq", 3, { a: "3" })).toBe(true);
    expect(c("eq", "beta", { a: "beta" })).toBe(true);
    expect(c("gte", 30, { a: 30 })).toBe(true);
    expect(c("gte", 30, { a: "29" })).toBe(false);
    expect(c("lte", 30, { a: "abc" })).toBe(false);
    expect(c("lte", 30, { a: 1 })).toBe(true);
  });
});

describe("toUnleashFeature", () => {
  it("serves a flexibleRollout at the whole share, grouped by the flag key", () => {
    const f = toUnleashFeature(state({ share: 10.5 }), "Checkout");
    expect(f.enabled).toBe(true);
    expect(f.strategies).toEqual([
      { name: "flexibleRollout", parameters: { rollout: "10", stickiness: "default", groupId: "new-checkout" }, constraints: [] },
    ]);
    expect(toUnleashFeature(state({ share: 0, status: "rolled_back" }), "Checkout").enabled).toBe(false);
  });
  it("maps the allow-list and the constraints", () => {
    const f = toUnleashFeature(
      state({ spec: { key: "k", allow: ["a", "b"], stickiness: "orgId", constraints: [{ attribute: "targetingKey", operator: "not_in", values: ["x"] }, { attribute: "age", operator: "gte", value: 30 }] } }),
      "R",
    );
    expect(f.strategies[0]).toEqual({ name: "userWithId", parameters: { userIds: "a,b" }, constraints: [] });
    expect(f.strategies[1].parameters.stickiness).toBe("orgId");
    expect(f.strategies[1].constraints).toEqual([
      { contextName: "userId", operator: "NOT_IN", values: ["x"], caseInsensitive: false, inverted: false },
      { contextName: "age", operator: "NUM_GTE", value: "30", caseInsensitive: false, inverted: false },
    ]);
  });
});
