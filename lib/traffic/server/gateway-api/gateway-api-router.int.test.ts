// The Gateway API router against the fake Kubernetes API server (tests/support/fake-kube-api.ts), through the real
// @kubernetes/client-node and a kubeconfig file: exact weights in one write, nothing else in the route touched, 409
// retries, read-back confirmed only by a current status, drift visible, rollback in one write, refusals as RouterError.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from "@kubernetes/client-node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeKubeApi, startFakeKubeApi } from "../../../../tests/support/fake-kube-api";
import { RouterError, type TrafficRouter } from "../../core/router";
import { weightsForShare } from "../../core/weights";
import { createGatewayApiRouter, GatewayApiRouterConfigSchema, MAX_WRITE_ATTEMPTS } from "./index";

const NS = "shop";

/** A route with more than the router's business: a second rule, a third backend, filters and matches. */
function checkoutRoute() {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "checkout", namespace: NS, labels: { app: "checkout" } },
    spec: {
      parentRefs: [{ name: "edge", namespace: "infra" }],
      hostnames: ["shop.example.com"],
      rules: [
        {
          matches: [{ path: { type: "PathPrefix", value: "/static" } }],
          backendRefs: [{ name: "static", port: 80, weight: 1 }],
        },
        {
          matches: [{ path: { type: "PathPrefix", value: "/checkout" } }],
          filters: [{ type: "RequestHeaderModifier", requestHeaderModifier: { add: [{ name: "x-route", value: "checkout" }] } }],
          backendRefs: [
            { name: "checkout-v1", port: 8080, weight: 100 },
            { name: "checkout-mirror", port: 8080, weight: 0 },
            { name: "checkout-v2", port: 8080 },
          ],
        },
      ],
    },
  };
}

const config = { namespace: NS, route: "checkout", rule: 1, stableBackend: "checkout-v1", canaryBackend: "checkout-v2" };

describe("Gateway API HTTPRoute router", () => {
  let fake: FakeKubeApi;
  let dir: string;
  let kubeconfig: string;
  const routers: TrafficRouter[] = [];
  const router = (overrides: Partial<typeof config> & { kubeconfig?: string } = {}) => {
    const r = createGatewayApiRouter({ kubeconfig, ...config, ...overrides });
    routers.push(r);
    return r;
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "tidegate-kube-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    fake = await startFakeKubeApi({ routes: [checkoutRoute()] });
    kubeconfig = fake.writeKubeconfig(path.join(dir, "kubeconfig"));
  });
  afterEach(async () => {
    await Promise.all(routers.splice(0).map((r) => r.close()));
    await fake.close();
  });

  it("validates its configuration: rule defaults to 0, names are Kubernetes names", () => {
    expect(GatewayApiRouterConfigSchema.parse({ namespace: "shop", route: "checkout", stableBackend: "a", canaryBackend: "b" }).rule).toBe(0);
    expect(GatewayApiRouterConfigSchema.safeParse({ ...config, namespace: "Shop" }).success).toBe(false);
    expect(GatewayApiRouterConfigSchema.safeParse({ ...config, extra: 1 }).success).toBe(false);
    expect(() => createGatewayApiRouter({ kubeconfig, ...config, canaryBackend: "checkout-v1" })).toThrow(RouterError);
  });

  it("sets a wave's share exactly in one JSON Patch, touching nothing but the two weights", async () => {
    const before = fake.get(NS, "checkout");
    const r = router();
    expect(r.kind).toBe("gatewayApi");
    expect(r.maxWeight).toBe(1_000_000);
    const { weights } = weightsForShare(12.3456, r.maxWeight);
    await r.setWeights(weights);

    const writes = fake.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: "PATCH", contentType: "application/json-patch+json", status: 200 });
    expect(writes[0]!.body.filter((op: { op: string }) => op.op !== "test").map((op: { path: string }) => op.path)).toEqual([
      "/metadata/resourceVersion",
      "/spec/rules/1/backendRefs/0/weight",
      "/spec/rules/1/backendRefs/2/weight",
    ]);

    const after = fake.get(NS, "checkout");
    expect(after.spec.rules[1].backendRefs[0].weight).toBe(876_544);
    expect(after.spec.rules[1].backendRefs[2].weight).toBe(123_456);
    // Everything else is as it was: the other rule, the third backend, matches, filters, hostnames, labels.
    const strip = (route: typeof before) => {
      const copy = structuredClone(route);
      copy.spec.rules[1].backendRefs[0].weight = "x";
      copy.spec.rules[1].backendRefs[2].weight = "x";
      return { spec: copy.spec, labels: copy.metadata.labels };
    };
    expect(strip(after)).toEqual(strip(before));
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));

    const read = await r.readWeights();
    expect(read).toEqual({ weights: { stable: 876_544, canary: 123_456 }, canaryPercent: expect.closeTo(12.3456, 9), confirmed: true });
    expect(await r.observedSplit()).toBeNull();
  });

  it("is not confirmed until the controller reports Accepted and ResolvedRefs for the current generation", async () => {
    fake.setController({ mode: "manual" });
    const r = router();
    expect((await r.readWeights()).confirmed).toBe(true); // the seeded route was reconciled at generation 1
    await r.setWeights({ stable: 900_000, canary: 100_000 });
    const lagging = await r.readWeights();
    expect(lagging.weights).toEqual({ stable: 900_000, canary: 100_000 });
    expect(lagging.confirmed).toBe(false);
    expect(lagging.detail).toMatch(/observed generation 1, the route is at 2/);

    fake.setController({ accepted: { status: "False", reason: "NotAllowedByListeners", message: "no listener allows this route" } });
    fake.reconcile(NS, "checkout");
    const refused = await r.readWeights();
    expect(refused.confirmed).toBe(false);
    expect(refused.detail).toMatch(/Accepted=False for parent infra\/edge: NotAllowedByListeners/);

    fake.setController({ accepted: { status: "True", reason: "Accepted" }, resolvedRefs: { status: "False", reason: "BackendNotFound", message: "service checkout-v2 not found" } });
    fake.reconcile(NS, "checkout");
    expect((await r.readWeights()).detail).toMatch(/ResolvedRefs=False .*BackendNotFound/);

    fake.setController({ resolvedRefs: { status: "True", reason: "ResolvedRefs" } });
    fake.reconcile(NS, "checkout");
    const confirmed = await r.readWeights();
    expect(confirmed.confirmed).toBe(true);
    expect(confirmed.detail).toBeUndefined();
  });

  it("waits for a controller that lags: unconfirmed until its status write lands, then confirmed", async () => {
    const r = router();
    fake.holdController();
    await r.setWeights({ stable: 750_000, canary: 250_000 });
    const early = await r.readWeights();
    expect(early).toMatchObject({ weights: { stable: 750_000, canary: 250_000 }, confirmed: false });
    setTimeout(() => fake.releaseController(), 50);
    const deadline = Date.now() + 10_000;
    while (!(await r.readWeights()).confirmed && Date.now() < deadline) await new Promise((s) => setTimeout(s, 20));
    expect((await r.readWeights()).confirmed).toBe(true);
  });

  it("retries a write that met someone else's change (409) with the route read again, within a bound", async () => {
    const r = router();
    fake.raceNextWrites(2);
    await r.setWeights({ stable: 500_000, canary: 500_000 });
    expect(fake.writes().map((w) => w.status)).toEqual([409, 409, 200]);
    expect(fake.get(NS, "checkout").metadata.labels["example.net/touched"]).toBeDefined(); // the other writer's change survives
    expect((await r.readWeights()).weights).toEqual({ stable: 500_000, canary: 500_000 });

    fake.raceNextWrites(MAX_WRITE_ATTEMPTS + 5);
    const refused = await r.setWeights({ stable: 0, canary: 1_000_000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RouterError);
    expect((refused as RouterError).code).toBe("conflict");
    expect(fake.writes().length).toBe(3 + MAX_WRITE_ATTEMPTS);
    expect((await r.readWeights()).weights).toEqual({ stable: 500_000, canary: 500_000 });
  });

  it("re-reads when the backendRefs moved between its read and its write (the patch's name test fails, 422)", async () => {
    const r = router();
    fake.raceNextWrites(1, (route) => route.spec.rules[1].backendRefs.reverse());
    await r.setWeights({ stable: 800_000, canary: 200_000 });
    const writes = fake.writes();
    expect(writes.map((w) => w.status)).toEqual([422, 200]);
    const refs = fake.get(NS, "checkout").spec.rules[1].backendRefs;
    expect(refs.map((b: { name: string; weight?: number }) => [b.name, b.weight])).toEqual([
      ["checkout-v2", 200_000],
      ["checkout-mirror", 0],
      ["checkout-v1", 800_000],
    ]);
  });

  it("shows drift: weights someone else wrote are what readWeights reports", async () => {
    const r = router();
    await r.setWeights({ stable: 900_000, canary: 100_000 });
    fake.editWeights(NS, "checkout", 1, { "checkout-v1": 50, "checkout-v2": 50 });
    const read = await r.readWeights();
    expect(read.weights).toEqual({ stable: 50, canary: 50 });
    expect(read.canaryPercent).toBe(50);
    expect(read.confirmed).toBe(true);
  });

  it("rolls back in one write, and a repeated rollback writes nothing", async () => {
    const r = router();
    await r.setWeights(weightsForShare(25, r.maxWeight).weights);
    const writesBefore = fake.writes().length;
    await r.setWeights(weightsForShare(0, r.maxWeight).weights);
    expect(fake.writes().length).toBe(writesBefore + 1);
    const read = await r.readWeights();
    expect(read).toMatchObject({ weights: { stable: 1_000_000, canary: 0 }, canaryPercent: 0, confirmed: true });
    await r.setWeights(weightsForShare(0, r.maxWeight).weights);
    expect(fake.writes().length).toBe(writesBefore + 1);
  });

  it("refuses as RouterError: bad credentials (401), an unreachable server, an unknown route, rule or backend, a weight out of range", async () => {
    const badConfig = fake.writeKubeconfig(path.join(dir, "bad-kubeconfig"), "wrong-token");
    const denied = await router({ kubeconfig: badConfig }).readWeights().catch((e: unknown) => e as RouterError);
    expect(denied).toBeInstanceOf(RouterError);
    expect(denied).toMatchObject({ code: "refused", message: expect.stringMatching(/401/) });
    expect(await router({ kubeconfig: badConfig }).setWeights({ stable: 1, canary: 1 }).catch((e: unknown) => (e as RouterError).code)).toBe("refused");

    expect(await router({ route: "payments" }).readWeights().catch((e: unknown) => (e as RouterError).code)).toBe("invalid");
    const noRule = (await router({ rule: 7 }).readWeights().catch((e: unknown) => e)) as RouterError;
    expect(noRule.message).toMatch(/has no rule 7 \(it has 2\)/);
    const noBackend = await router({ canaryBackend: "checkout-v3" }).setWeights({ stable: 1, canary: 1 }).catch((e: unknown) => e as RouterError);
    expect(noBackend).toMatchObject({ code: "invalid", message: expect.stringMatching(/no canary backend "checkout-v3" among its backendRefs \(checkout-v1, checkout-mirror, checkout-v2\)/) });
    expect(await router().setWeights({ stable: 0, canary: 2_000_000 }).catch((e: unknown) => (e as RouterError).code)).toBe("invalid");
    expect(fake.writes()).toHaveLength(0);

    const live = router();
    await fake.close();
    const started = Date.now();
    const unreachable = (await live.readWeights().catch((e: unknown) => e)) as RouterError;
    expect(unreachable).toBeInstanceOf(RouterError);
    expect(unreachable.code).toBe("unreachable");
    expect(Date.now() - started).toBeLessThan(5_500);
    fake = await startFakeKubeApi(); // for afterEach
  });

  it("the fake API server holds to the CRD and the API conventions: 422 Invalid, 409 Conflict, a watch stream", async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const api = kc.makeApiClient(CustomObjectsApi);
    const ref = { group: "gateway.networking.k8s.io", version: "v1", namespace: NS, plural: "httproutes", name: "checkout" };
    const merge = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);

    const events: { type: string; weight: unknown }[] = [];
    const watch = await new Watch(kc).watch(
      `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes`,
      { fieldSelector: "metadata.name=checkout" },
      (type, obj) => events.push({ type, weight: obj.spec.rules[1].backendRefs[2].weight }),
      () => {},
    );

    const tooHeavy = { spec: { rules: [checkoutRoute().spec.rules[0], { backendRefs: [{ name: "checkout-v1", port: 8080, weight: 2_000_000 }] }] } };
    const invalid = await api.patchNamespacedCustomObject({ ...ref, body: tooHeavy }, merge).catch((e: { code: number; body: string }) => e);
    expect(invalid.code).toBe(422);
    expect(JSON.parse((invalid as { body: string }).body)).toMatchObject({ kind: "Status", reason: "Invalid", message: expect.stringMatching(/should be less than or equal to 1000000/) });
    const tooMany = { spec: { rules: [{ backendRefs: Array.from({ length: 17 }, (_, i) => ({ name: `b${i}`, port: 80 })) }] } };
    expect((await api.patchNamespacedCustomObject({ ...ref, body: tooMany }, merge).catch((e: { code: number }) => e)).code).toBe(422);
    const noPort = { spec: { rules: [{ backendRefs: [{ name: "b" }] }] } };
    expect((await api.patchNamespacedCustomObject({ ...ref, body: noPort }, merge).catch((e: { code: number }) => e)).code).toBe(422);

    const stale = await api.patchNamespacedCustomObject({ ...ref, body: { metadata: { resourceVersion: "1" }, spec: { hostnames: ["x.example.com"] } } }, merge).catch((e: { code: number; body: string }) => e);
    expect(stale.code).toBe(409);
    expect(JSON.parse((stale as { body: string }).body)).toMatchObject({ reason: "Conflict", code: 409 });

    const current = await api.getNamespacedCustomObject(ref);
    const unconditional = { ...current, metadata: { ...current.metadata, resourceVersion: undefined } };
    expect((await api.replaceNamespacedCustomObject({ ...ref, body: unconditional }).catch((e: { code: number }) => e)).code).toBe(422);

    await router().setWeights({ stable: 600_000, canary: 400_000 });
    const deadline = Date.now() + 10_000;
    while (!events.some((e) => e.type === "MODIFIED" && e.weight === 400_000) && Date.now() < deadline) await new Promise((s) => setTimeout(s, 10));
    watch.abort();
    expect(events[0]).toEqual({ type: "ADDED", weight: undefined });
    expect(events).toContainEqual({ type: "MODIFIED", weight: 400_000 });
  });
});
