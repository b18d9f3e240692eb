// The words a plan already uses, offered as suggestions in the plan form: roles (owners and sign-offs anywhere in
// the plan) and metric keys (built-in, catalogued, and watched by a guardrail).
import { BUILT_IN_METRICS } from "@/lib/plans/core/plan";

const METRIC_KEY = /^[a-z][a-z0-9_]*$/;

function walk(node: unknown, visit: (key: string, value: unknown) => void) {
  if (Array.isArray(node)) for (const item of node) walk(item, visit);
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      visit(key, value);
      walk(value, visit);
    }
  }
}

export function planVocabulary(plan: unknown): { roles: string[]; metrics: string[] } {
  const roles = new Set<string>();
  const metrics = new Set<string>(BUILT_IN_METRICS);
  walk(plan, (key, value) => {
    if (key === "ownerRole" && typeof value === "string" && value.trim()) roles.add(value.trim());
    if ((key === "signoffs" || key === "roles") && Array.isArray(value)) for (const r of value) if (typeof r === "string" && r.trim()) roles.add(r.trim());
    if (key === "metric" && typeof value === "string" && METRIC_KEY.test(value)) metrics.add(value);
    if (key === "metrics" && Array.isArray(value)) {
      for (const m of value) {
        const k = (m as { key?: unknown } | null)?.key;
        if (typeof k === "string" && METRIC_KEY.test(k)) metrics.add(k);
      }
    }
  });
  return { roles: [...roles].sort(), metrics: [...metrics].sort() };
}
