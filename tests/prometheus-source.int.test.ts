// Prometheus-sourced guardrails against a REAL Prometheus (/usr/bin/prometheus) scraping a prom-client exporter, both
// started here on loopback ports with throwaway directories, and the real production server: a failing canary is
// rolled back with the query and value in the audit event; an empty result, a PromQL error, a timeout (Prometheus
// frozen with SIGSTOP) and a stopped Prometheus are each no_data / query_error, never a pass or a rollback; several
// series are refused by name.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanInput } from "../lib/plans/core/plan";
import { as, simplePlan } from "./support/fixtures";
import { startExporter, type ExporterProcess } from "./support/exporter-process";
import { prepareDatabase } from "./support/global-setup";
import { eventually } from "./support/poll";
import { startPrometheus, type PrometheusServer } from "./support/prometheus-server";
import { startServer, type ServerProcess } from "./support/server-process";

const ERROR_RATIO = 'sum(rate(app_errors_total{cohort="canary"}[{{window}}])) / sum(rate(app_requests_total{cohort="canary"}[{{window}}]))';

let dir: string;
let exporter: ExporterProcess;
let prometheus: PrometheusServer;
let server: ServerProcess;


beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tidegate-prom-int-"));
  exporter = await startExporter();
  prometheus = await startPrometheus([exporter.target]);
  const databaseUrl = `file:${path.join(dir, "prom.db")}`;
  await prepareDatabase(databaseUrl);
  server = await startServer({
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: "integration-test-secret-0123456789",
    PROMETHEUS_URL: prometheus.url,
    PROMETHEUS_ALLOWED_NETWORKS: "loopback",
    GUARDRAIL_TICK_MS: "1000",
    LOGIN_MAX_FAILURES_PER_ADDRESS: "1000",
  });
  // Enough scrapes for a 10 s rate() to have two points.
  await eventually(
    () => fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent("count_over_time(app_requests_total[10s])")}`).then((r) => r.json()),
    (b) => Number(b.data?.result?.[0]?.value?.[1] ?? 0) >= 3,
    30_000,
    500,
  );
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await prometheus?.stop();
  exporter?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function pulledPlan(canary: string, extra: Record<string, unknown> = {}): PlanInput {
  return simplePlan(3, {
    guardrails: [
      { metric: "error_rate", comparator: ">", critical: 0.1, windowSeconds: 10, forSeconds: 2, onCritical: "rollback", source: { prometheus: { canary, intervalSeconds: 1, timeoutSeconds: 1 } }, ...extra },
    ],
  } as Partial<PlanInput>);
}

async function startRelease(plan: PlanInput) {
  const admin = await as("admin", server.baseUrl);
  const created = await admin.post("/api/releases", plan);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const commander = await as("commander", server.baseUrl);
  const started = await commander.post(`/api/releases/${created.body.id}/actions`, { action: "start", expectedVersion: created.body.version });
  expect(started.status).toBe(200);
  return created.body.id as string;
}

type Measurement = { state: string; reason: string | null; canaryQuery: string; canaryValue: number | null; level: string | null; sentence: string | null; raw: unknown };

async function measurements(id: string): Promise<Measurement[]> {
  const admin = await as("admin", server.baseUrl);
  const res = await admin.get(`/api/releases/${id}/guardrails/error_rate/measurements`);
  expect(res.status).toBe(200);
  return res.body.measurements;
}

async function release(id: string) {
  const admin = await as("admin", server.baseUrl);
  return (await admin.get(`/api/releases/${id}`)).body;
}

async function events(id: string) {
  const admin = await as("admin", server.baseUrl);
  return (await admin.get(`/api/releases/${id}/events`)).body.events as { type: string; data: Record<string, unknown> }[];
}

const control = (query: string) => exporter.control(query);

/** Waits until `n` pulls in a row have the state, then checks nothing passed and nothing rolled back. */
async function expectFailingPulls(id: string, state: "no_data" | "query_error", n = 3) {
  const list = await eventually(() => measurements(id), (m) => m.length >= n && m.slice(0, n).every((x) => x.state === state), 20_000, 250);
  for (const m of list.filter((x) => x.state !== "ok")) {
    expect(m.canaryValue).toBeNull();
    expect(m.level === null || m.level === "inconclusive").toBe(true);
  }
  const r = await release(id);
  expect(r.status).toBe("running");
  expect((await events(id)).map((e) => e.type)).not.toContain("rolled_back");
  return list;
}

describe("Prometheus-sourced guardrails against a real Prometheus", () => {
  it("rolls back a canary whose exporter starts failing, and the audit event carries the resolved query and value", async () => {
    await control("cohort=canary&errorRate=0");
    const id = await startRelease(pulledPlan(ERROR_RATIO));
    const healthy = await eventually(() => measurements(id), (m) => m.length >= 2 && m[0].state === "ok" && m[0].level === "ok", 20_000, 250);
    expect(healthy[0].canaryQuery).toBe('sum(rate(app_errors_total{cohort="canary"}[10s])) / sum(rate(app_requests_total{cohort="canary"}[10s]))');
    expect(healthy[0].canaryValue).toBe(0);
    expect(healthy[0].sentence).toContain("within limits");

    await control("cohort=canary&errorRate=0.5");
    const r = await eventually(() => release(id), (x) => x.status === "rolled_back", 40_000, 250);
    expect(r.status).toBe("rolled_back");
    const rolledBack = (await events(id)).find((e) => e.type === "rolled_back")!;
    const evidence = rolledBack.data.evidence as { source: string; query: string; values: { canary: number }; sentence: string; raw: { canary: { value: string }[] } };
    expect(rolledBack.data).toMatchObject({ automatic: true, metric: "error_rate" });
    expect(evidence.source).toBe("prometheus");
    expect(evidence.query).toBe(healthy[0].canaryQuery);
    expect(evidence.values.canary).toBeGreaterThan(0.1);
    expect(Number(evidence.raw.canary[0].value)).toBeCloseTo(evidence.values.canary, 12);
    expect(evidence.sentence).toMatch(/^error_rate \d+(\.\d+)?% > critical 10%/);
    const breach = (await events(id)).find((e) => e.type === "breach")!;
    expect((breach.data.evidence as { query: string }).query).toBe(healthy[0].canaryQuery);
    await control("cohort=canary&errorRate=0");
  });

  it("no evidence, no GO for pulled metrics: CONTINUE is refused until the pulls have brought the guardrail's minimum", async () => {
    await control("cohort=canary&errorRate=0");
    // An earlier test's errors stay in the 10 s rate() window for a while: start only once the canary reads healthy.
    const healthyNow = `sum(rate(app_errors_total{cohort="canary"}[10s])) / sum(rate(app_requests_total{cohort="canary"}[10s]))`;
    await eventually(
      () => fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(healthyNow)}`).then((r) => r.json()),
      (b) => b.data?.result?.[0] !== undefined && Number(b.data.result[0].value[1]) === 0,
      30_000,
      500,
    );
    const id = await startRelease(pulledPlan(ERROR_RATIO, { minSamples: 4 }));
    const commander = await as("commander", server.baseUrl);
    const early = await release(id);
    const refused = await commander.post(`/api/releases/${id}/actions`, { action: "continue", expectedVersion: early.version });
    expect(refused.status).toBe(422);
    // Before the first pull lands the metric is held by "no data to judge" (named once); after it, by too little evidence.
    const held = refused.body.error.details.unmet.find((u: { metric?: string }) => u.metric === "error_rate");
    expect(["evidence", "breach"]).toContain(held.kind);
    if (held.kind === "evidence") {
      expect(held).toMatchObject({ required: 4 });
      expect(held.observed).toBeLessThan(4);
    }
    // One pull a second: four healthy pulls later the gate opens, and CONTINUE goes through.
    const ready = await eventually(() => release(id), (x) => x.gate?.open === true, 20_000, 250);
    const promoted = await commander.post(`/api/releases/${id}/actions`, { action: "continue", expectedVersion: ready.version });
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
  });

  it("an empty result is no_data, never a pass or a rollback, and holds CONTINUE", async () => {
    const id = await startRelease(pulledPlan('sum(rate(app_requests_total{cohort="nobody"}[{{window}}]))'));
    const list = await expectFailingPulls(id, "no_data", 4);
    expect(list[0].reason).toContain("no series");
    const r = await eventually(() => release(id), (x) => (x.gate?.unmet ?? []).some((u: { message: string }) => u.message.startsWith("No data to judge")), 20_000, 250);
    expect(r.health).not.toBe("HEALTHY");
    const commander = await as("commander", server.baseUrl);
    const refused = await commander.post(`/api/releases/${id}/actions`, { action: "continue", expectedVersion: r.version });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("gates_unmet");
  });

  it("a query Prometheus cannot execute (HTTP 422) is query_error with Prometheus' own message", async () => {
    // Valid syntax, so the dry run lets it through; both sides hold two series for the empty match group.
    const id = await startRelease(pulledPlan("app_requests_total / on() app_requests_total"));
    const list = await expectFailingPulls(id, "query_error", 3);
    expect(list[0].reason).toMatch(/^canary: Prometheus refused the query \(HTTP 422, execution\): .*duplicate series/);
  });

  it("plan validation rejects a PromQL syntax error with Prometheus' message (dry run)", async () => {
    const admin = await as("admin", server.baseUrl);
    const res = await admin.post("/api/releases", pulledPlan("sum(rate(app_requests_total[1m]"));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.issues[0].path).toBe("guardrails.0.source.prometheus.canary");
    expect(res.body.error.message).toMatch(/Prometheus rejects this query: .*bad_data.*parse error/);
  });

  it("a query returning several series is refused with a message naming them", async () => {
    const id = await startRelease(pulledPlan("sum by (cohort) (rate(app_requests_total[{{window}}]))"));
    const list = await expectFailingPulls(id, "query_error", 3);
    expect(list[0].reason).toMatch(/returned 2 series \(\{cohort="(baseline|canary)"\}, \{cohort="(baseline|canary)"\}\); aggregate them/);
  });

  it("pushes for a pulled guardrail are refused (a guardrail uses pulls or pushes); other metrics still push", async () => {
    const id = await startRelease(pulledPlan(ERROR_RATIO));
    const admin = await as("admin", server.baseUrl);
    const token = (await admin.post("/api/tokens", { name: `push ${id}`, releaseId: id })).body.token as string;
    const push = (metric: string) =>
      fetch(`${server.baseUrl}/api/releases/${id}/metrics`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ samples: [{ metric, value: 0.5, ts: new Date().toISOString() }] }),
      });
    const refused = await push("error_rate");
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body.error.code).toBe("invalid_samples");
    expect(body.error.details.errors[0]).toMatchObject({ index: 0, field: "metric" });
    expect(body.error.message).toContain('metric "error_rate" is pulled from Prometheus');
    expect((await push("success_rate")).status).toBe(202);
  });

  it("a refused private address is a query_error naming the variable that allows it", async () => {
    const id = await startRelease(
      simplePlan(3, {
        guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.1, windowSeconds: 10, forSeconds: 2, onCritical: "rollback", source: { prometheus: { url: "http://10.255.255.1:9090", canary: "vector(1)", intervalSeconds: 1 } } }],
      } as Partial<PlanInput>),
    );
    const list = await expectFailingPulls(id, "query_error", 2);
    expect(list[0].reason).toContain("PROMETHEUS_ALLOWED_NETWORKS");
  });

  it("a frozen Prometheus (timeout) and then a stopped one (connection refused) are query_error, never a pass or a rollback", async () => {
    const id = await startRelease(pulledPlan(ERROR_RATIO));
    await eventually(() => measurements(id), (m) => m.length >= 2 && m[0].state === "ok", 20_000, 250);
    // The canary is failing while Prometheus cannot be asked: no rollback may come from stale data either.
    prometheus.freeze();
    await control("cohort=canary&errorRate=0.9");
    const frozen = await expectFailingPulls(id, "query_error", 3);
    expect(frozen[0].reason).toMatch(/did not answer within 1000 ms \(timeout\)/);
    // Killed while frozen, so it never answers the queued queries with the failing canary's data.
    prometheus.kill();
    const list = await eventually(() => measurements(id), (m) => /connection refused/.test(m[0]?.reason ?? ""), 20_000, 250);
    expect(list[0].state).toBe("query_error");
    await expectFailingPulls(id, "query_error", 3);
    await control("cohort=canary&errorRate=0");
  });
});
