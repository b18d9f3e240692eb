// Tidegate flags as an Unleash client-API document, so any Unleash SDK buckets exactly as Tidegate does. Pure.
import type { Constraint } from "./flag-spec";
import type { FlagState } from "./evaluate";

export interface UnleashConstraint {
  contextName: string;
  operator: "IN" | "NOT_IN" | "NUM_EQ" | "NUM_GTE" | "NUM_LTE";
  values?: string[];
  value?: string;
  caseInsensitive: boolean;
  inverted: boolean;
}

export interface UnleashStrategy {
  name: "userWithId" | "flexibleRollout";
  parameters: Record<string, string>;
  constraints: UnleashConstraint[];
}

export interface UnleashFeature {
  name: string;
  description: string;
  type: "release";
  project: "default";
  enabled: boolean;
  stale: false;
  impressionData: false;
  strategies: UnleashStrategy[];
  variants: [];
}

/** OpenFeature's targetingKey is what Unleash SDKs call userId. */
const contextName = (attribute: string) => (attribute === "targetingKey" ? "userId" : attribute);

function toUnleashConstraint(c: Constraint): UnleashConstraint {
  const base = { contextName: contextName(c.attribute), caseInsensitive: false, inverted: false };
  switch (c.operator) {
    case "in":
      return { ...base, operator: "IN", values: c.values!.map(String) };
    case "not_in":
      return { ...base, operator: "NOT_IN", values: c.values!.map(String) };
    case "eq":
      return typeof c.value === "number"
        ? { ...base, operator: "NUM_EQ", value: String(c.value) }
        : { ...base, operator: "IN", values: [String(c.value)] };
    case "gte":
      return { ...base, operator: "NUM_GTE", value: String(c.value) };
    case "lte":
      return { ...base, operator: "NUM_LTE", value: String(c.value) };
  }
}

/**
 * Unleash rollouts are whole percentages, so a fractional share is served rounded down: an Unleash SDK then gives
 * the flag to a subset of Tidegate's cohort (never to someone Tidegate would leave out).
 */
export function toUnleashFeature(flag: FlagState, releaseName: string): UnleashFeature {
  const strategies: UnleashStrategy[] = [];
  if (flag.spec.allow?.length) {
    strategies.push({ name: "userWithId", parameters: { userIds: flag.spec.allow.join(",") }, constraints: [] });
  }
  strategies.push({
    name: "flexibleRollout",
    parameters: {
      rollout: String(Math.floor(Math.min(100, Math.max(0, flag.share)))),
      stickiness: flag.spec.stickiness ? contextName(flag.spec.stickiness) : "default",
      groupId: flag.spec.key,
    },
    constraints: (flag.spec.constraints ?? []).map(toUnleashConstraint),
  });
  return {
    name: flag.spec.key,
    description: flag.spec.description ?? `Follows release "${releaseName}"`,
    type: "release",
    project: "default",
    enabled: flag.share > 0,
    stale: false,
    impressionData: false,
    strategies,
    variants: [],
  };
}
