// Reading and writing two backendRefs' weights in one rule of an HTTPRoute, as plain data: which JSON Patch changes
// exactly those two weights, what the route says it serves, and whether its controller has accepted the current spec.
// Pure (no I/O), so the rules are tested without a server.
import "server-only";
import type { RouterWeights } from "../../core/router";
import { shareOf } from "../../core/weights";

/** Gateway API: a backendRef without `weight` weighs 1 (HTTPBackendRef.weight, default 1). */
export const DEFAULT_BACKEND_WEIGHT = 1;
/** Gateway API: `weight` is int32 in 0..1,000,000 (CRD `maximum: 1000000`). */
export const MAX_BACKEND_WEIGHT = 1_000_000;

export interface RouteTarget {
  namespace: string;
  route: string;
  rule: number;
  stableBackend: string;
  canaryBackend: string;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

export interface HttpRouteLike {
  metadata?: { resourceVersion?: string; generation?: number; name?: string; namespace?: string };
  spec?: { rules?: { backendRefs?: { name?: string; kind?: string; group?: string; weight?: number }[] }[] };
  status?: { parents?: { parentRef?: { name?: string; namespace?: string }; controllerName?: string; conditions?: Condition[] }[] };
}

export type Located = { ok: true; stableIndex: number; canaryIndex: number } | { ok: false; message: string };

const isServiceRef = (ref: { kind?: string; group?: string }) => (ref.kind ?? "Service") === "Service" && (ref.group ?? "") === "";

/** Where the two named backends sit in the rule, or why the route cannot serve this target. */
export function locateBackends(route: HttpRouteLike, target: RouteTarget): Located {
  const where = `HTTPRoute ${target.namespace}/${target.route}`;
  const rules = route.spec?.rules ?? [];
  const rule = rules[target.rule];
  if (!rule) return { ok: false, message: `${where} has no rule ${target.rule} (it has ${rules.length})` };
  const refs = rule.backendRefs ?? [];
  const find = (name: string) => refs.findIndex((r) => r.name === name && isServiceRef(r));
  const stableIndex = find(target.stableBackend);
  const canaryIndex = find(target.canaryBackend);
  const missing = [stableIndex < 0 ? `stable backend "${target.stableBackend}"` : null, canaryIndex < 0 ? `canary backend "${target.canaryBackend}"` : null].filter(Boolean);
  if (missing.length > 0) {
    const names = refs.map((r) => r.name).join(", ") || "none";
    return { ok: false, message: `${where} rule ${target.rule} has no ${missing.join(" and no ")} among its backendRefs (${names})` };
  }
  return { ok: true, stableIndex, canaryIndex };
}

/**
 * The one write: a JSON Patch that carries the resourceVersion it was computed from (the API server applies the patch
 * to the stored object, then refuses with 409 Conflict when the result's resourceVersion is not the stored one),
 * checks that the two indexes still name the two backends (a failed `test` is 422), and sets their weights. Nothing else in the route is touched: other rules, other backendRefs, filters, matches.
 */
export function weightsPatch(route: HttpRouteLike, target: RouteTarget, at: { stableIndex: number; canaryIndex: number }, weights: RouterWeights) {
  const base = `/spec/rules/${target.rule}/backendRefs`;
  return [
    { op: "replace", path: "/metadata/resourceVersion", value: route.metadata?.resourceVersion ?? "" },
    { op: "test", path: `${base}/${at.stableIndex}/name`, value: target.stableBackend },
    { op: "test", path: `${base}/${at.canaryIndex}/name`, value: target.canaryBackend },
    // `add` on an object member sets it whether or not the backendRef wrote its weight (absent means 1).
    { op: "add", path: `${base}/${at.stableIndex}/weight`, value: weights.stable },
    { op: "add", path: `${base}/${at.canaryIndex}/weight`, value: weights.canary },
  ];
}

/** The two weights as the route holds them (absent weight: 1). */
export function weightsOf(route: HttpRouteLike, target: RouteTarget, at: { stableIndex: number; canaryIndex: number }): RouterWeights {
  const refs = route.spec?.rules?.[target.rule]?.backendRefs ?? [];
  return { stable: refs[at.stableIndex]?.weight ?? DEFAULT_BACKEND_WEIGHT, canary: refs[at.canaryIndex]?.weight ?? DEFAULT_BACKEND_WEIGHT };
}

/**
 * Confirmed: every parent (Gateway) the route's controller reports on shows Accepted=True and ResolvedRefs=True, each
 * observed at the route's current generation. A condition from an older generation says nothing about these weights.
 */
export function confirmationOf(route: HttpRouteLike): { confirmed: boolean; detail?: string } {
  const generation = route.metadata?.generation;
  const parents = route.status?.parents ?? [];
  if (parents.length === 0) return { confirmed: false, detail: "route status names no parent Gateway yet: no controller has accepted the route" };
  for (const parent of parents) {
    const who = parent.parentRef?.name ? `parent ${parent.parentRef.namespace ? `${parent.parentRef.namespace}/` : ""}${parent.parentRef.name}` : "a parent";
    for (const type of ["Accepted", "ResolvedRefs"] as const) {
      const c = (parent.conditions ?? []).find((x) => x.type === type);
      if (!c) return { confirmed: false, detail: `route status for ${who} has no ${type} condition yet` };
      if (generation !== undefined && c.observedGeneration !== generation) {
        return {
          confirmed: false,
          detail: `route status for ${who}: ${type} observed generation ${c.observedGeneration ?? "none"}, the route is at ${generation} (controller has not caught up)`,
        };
      }
      if (c.status !== "True") {
        return { confirmed: false, detail: `route status ${type}=${c.status ?? "Unknown"} for ${who}${c.reason ? `: ${c.reason}` : ""}${c.message ? ` (${c.message})` : ""}` };
      }
    }
  }
  return { confirmed: true };
}

export { shareOf };
