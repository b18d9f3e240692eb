import spec03 from "@unleash/client-specification/specifications/03-gradual-rollout-user-id-strategy.json";
import spec04 from "@unleash/client-specification/specifications/04-gradual-rollout-session-id-strategy.json";
import spec05 from "@unleash/client-specification/specifications/05-gradual-rollout-random-strategy.json";
import spec10 from "@unleash/client-specification/specifications/10-flexible-rollout-strategy.json";
import spec12 from "@unleash/client-specification/specifications/12-custom-stickiness.json";
import { describe, expect, it } from "vitest";
import { prng } from "../../guardrails/core/test-prng";
import { inRollout, shareInSteps, unleashBucket } from "./bucketing";

// The conformance cases every Unleash SDK passes, evaluated with Tidegate's bucketing instead of an SDK.

interface SpecStrategy {
  name: string;
  parameters?: Record<string, string>;
}
interface SpecFeature {
  name: string;
  enabled: boolean;
  strategies: SpecStrategy[];
}
interface SpecContext {
  userId?: string;
  sessionId?: string;
  properties?: Record<string, string>;
  [k: string]: unknown;
}

let randomCounter = 0;
const randomKey = () => `random-${++randomCounter}-${Math.random()}`;

function stickinessKey(stickiness: string, ctx: SpecContext): string | undefined {
  if (stickiness === "default") return ctx.userId || ctx.sessionId || randomKey();
  if (stickiness === "random") return randomKey();
  const top = ctx[stickiness];
  return typeof top === "string" ? top : ctx.properties?.[stickiness];
}

function strategyOn(s: SpecStrategy, feature: string, ctx: SpecContext): boolean {
  const p = s.parameters ?? {};
  switch (s.name) {
    case "default":
      return true;
    case "gradualRolloutUserId":
      return !!ctx.userId && inRollout(ctx.userId, p.groupId ?? feature, Number(p.percentage));
    case "gradualRolloutSessionId":
      return !!ctx.sessionId && inRollout(ctx.sessionId, p.groupId ?? feature, Number(p.percentage));
    case "gradualRolloutRandom":
      return inRollout(randomKey(), p.groupId ?? feature, Number(p.percentage));
    case "flexibleRollout": {
      const key = stickinessKey(p.stickiness ?? "default", ctx);
      return !!key && inRollout(key, p.groupId ?? feature, Number(p.rollout));
    }
    default:
      throw new Error(`strategy ${s.name} is outside the gradual-rollout cases`);
  }
}

const SPECS = [
  ["03 gradual rollout user id", spec03],
  ["04 gradual rollout session id", spec04],
  ["05 gradual rollout random", spec05],
  ["10 flexible rollout", spec10],
  ["12 custom stickiness", spec12],
] as const;

describe.each(SPECS)("Unleash client specification %s", (_name, json) => {
  const spec = json as unknown as {
    state: { features: SpecFeature[] };
    tests: { description: string; context: SpecContext; toggleName: string; expectedResult: boolean }[];
  };
  it.each(spec.tests.map((t) => [t.description, t] as const))("%s", (_d, t) => {
    const feature = spec.state.features.find((f) => f.name === t.toggleName)!;
    const on = feature.enabled && feature.strategies.some((s) => strategyOn(s, feature.name, t.context));
    expect(on).toBe(t.expectedResult);
  });
});

describe("inRollout", () => {
  it("is exactly Unleash's bucket <= p at every whole percentage", () => {
    const rand = prng(7);
    for (let i = 0; i < 5000; i++) {
      const key = `user-${Math.floor(rand() * 1e9)}`;
      const p = Math.floor(rand() * 101);
      expect(inRollout(key, "checkout-v2", p)).toBe(p > 0 && unleashBucket(key, "checkout-v2") <= p);
    }
  });

  it("is monotonic: a key in at p stays in at every higher p (property over random keys and rising shares)", () => {
    const rand = prng(42);
    for (let i = 0; i < 3000; i++) {
      const key = `k${Math.floor(rand() * 1e12).toString(36)}`;
      const flag = rand() < 0.5 ? "new-checkout" : "search_v3";
      let p = 0;
      let wasIn = false;
      while (p < 100) {
        // Rising steps from 0.001 % to whole percents, mixing fractional and whole shares.
        p = Math.min(100, p + (rand() < 0.3 ? Math.floor(rand() * 20) + 1 : Math.ceil(rand() * 3000) / 1000));
        const isIn = inRollout(key, flag, p);
        if (wasIn) expect(isIn, `${key} left ${flag} when the share rose to ${p}%`).toBe(true);
        wasIn = isIn;
      }
      expect(wasIn).toBe(true);
    }
  });

  it("refines only inside the boundary bucket: 10.5 % is 10 % plus part of bucket 11", () => {
    const rand = prng(3);
    let inAt10 = 0;
    let inAt105 = 0;
    let extraFromOtherBuckets = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const key = `u${Math.floor(rand() * 1e12)}`;
      const a = inRollout(key, "f", 10);
      const b = inRollout(key, "f", 10.5);
      if (a) inAt10++;
      if (b) inAt105++;
      if (b && !a && unleashBucket(key, "f") !== 11) extraFromOtherBuckets++;
      if (a) expect(b).toBe(true);
    }
    expect(extraFromOtherBuckets).toBe(0);
    expect(inAt10 / n).toBeGreaterThan(0.095);
    expect(inAt10 / n).toBeLessThan(0.105);
    // Half a bucket more: about 0.5 % of keys, within sampling noise.
    expect((inAt105 - inAt10) / n).toBeGreaterThan(0.0035);
    expect((inAt105 - inAt10) / n).toBeLessThan(0.0065);
  });

  it("gives a 0.001 % share to about one key in 100,000 and none at 0", () => {
    let hits = 0;
    const n = 1_000_000;
    for (let i = 0; i < n; i++) {
      if (inRollout(`user-${i}`, "tiny", 0.001)) hits++;
      if (i < 10_000) expect(inRollout(`user-${i}`, "tiny", 0)).toBe(false);
    }
    expect(hits).toBeGreaterThan(0);
    expect(hits).toBeLessThan(40);
  });

  it("rounds shares to thousandths of a percent", () => {
    expect(shareInSteps(10.5)).toBe(10_500);
    expect(shareInSteps(0.001)).toBe(1);
    expect(shareInSteps(0.0004)).toBe(0);
    expect(shareInSteps(150)).toBe(100_000);
    expect(shareInSteps(Number.NaN)).toBe(0);
  });
});
