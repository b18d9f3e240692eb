// The HTTPRoute rules without a server: where the two backends are, the one patch, and what counts as confirmed.
import { describe, expect, it } from "vitest";
import { confirmationOf, type HttpRouteLike, locateBackends, weightsOf, weightsPatch } from "./route-weights";

const target = { namespace: "shop", route: "checkout", rule: 0, stableBackend: "v1", canaryBackend: "v2" };
const cond = (type: string, status: string, observedGeneration: number, reason = type) => ({ type, status, reason, observedGeneration });

function route(overrides: Partial<HttpRouteLike> = {}): HttpRouteLike {
  return {
    metadata: { resourceVersion: "42", generation: 3 },
    spec: { rules: [{ backendRefs: [{ name: "other", kind: "Service" }, { name: "v1", weight: 90 }, { name: "v2" }] }] },
    status: { parents: [{ parentRef: { name: "edge" }, conditions: [cond("Accepted", "True", 3), cond("ResolvedRefs", "True", 3)] }] },
    ...overrides,
  };
}

describe("an HTTPRoute's two weights", () => {
  it("finds the two Service backends by name, and an absent weight is 1", () => {
    const at = locateBackends(route(), target);
    expect(at).toEqual({ ok: true, stableIndex: 1, canaryIndex: 2 });
    expect(weightsOf(route(), target, { stableIndex: 1, canaryIndex: 2 })).toEqual({ stable: 90, canary: 1 });
  });

  it("does not take a non-Service backend of the same name", () => {
    const r = route({ spec: { rules: [{ backendRefs: [{ name: "v1" }, { name: "v2", kind: "ServiceImport", group: "multicluster.x-k8s.io" }] }] } });
    expect(locateBackends(r, target)).toEqual({ ok: false, message: 'HTTPRoute shop/checkout rule 0 has no canary backend "v2" among its backendRefs (v1, v2)' });
  });

  it("patches with the read resourceVersion, tests both names, sets both weights, nothing else", () => {
    expect(weightsPatch(route(), target, { stableIndex: 1, canaryIndex: 2 }, { stable: 900_000, canary: 100_000 })).toEqual([
      { op: "replace", path: "/metadata/resourceVersion", value: "42" },
      { op: "test", path: "/spec/rules/0/backendRefs/1/name", value: "v1" },
      { op: "test", path: "/spec/rules/0/backendRefs/2/name", value: "v2" },
      { op: "add", path: "/spec/rules/0/backendRefs/1/weight", value: 900_000 },
      { op: "add", path: "/spec/rules/0/backendRefs/2/weight", value: 100_000 },
    ]);
  });

  it("is confirmed only when every parent accepted and resolved the current generation", () => {
    expect(confirmationOf(route())).toEqual({ confirmed: true });
    expect(confirmationOf(route({ status: { parents: [] } })).confirmed).toBe(false);
    const twoParents = route({
      status: {
        parents: [
          { parentRef: { name: "edge" }, conditions: [cond("Accepted", "True", 3), cond("ResolvedRefs", "True", 3)] },
          { parentRef: { name: "internal", namespace: "infra" }, conditions: [cond("Accepted", "True", 2), cond("ResolvedRefs", "True", 2)] },
        ],
      },
    });
    expect(confirmationOf(twoParents)).toEqual({
      confirmed: false,
      detail: "route status for parent infra/internal: Accepted observed generation 2, the route is at 3 (controller has not caught up)",
    });
    const unresolved = route({ status: { parents: [{ parentRef: { name: "edge" }, conditions: [cond("Accepted", "True", 3), cond("ResolvedRefs", "False", 3, "BackendNotFound")] }] } });
    expect(confirmationOf(unresolved)).toEqual({ confirmed: false, detail: "route status ResolvedRefs=False for parent edge: BackendNotFound" });
    const noResolvedRefs = route({ status: { parents: [{ parentRef: { name: "edge" }, conditions: [cond("Accepted", "True", 3)] }] } });
    expect(confirmationOf(noResolvedRefs).detail).toBe("route status for parent edge has no ResolvedRefs condition yet");
  });
});
