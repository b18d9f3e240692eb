// Metric ingestion and guardrails on SQLite and PostgreSQL: all-or-nothing validation, tokens, automatic rollback.
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/platform/db/client";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { eventually } from "./support/poll";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";

const targets = workerTargets();

function junkSamples(seed: number, n: number) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const kinds = [
    (i: number) => ({ metric: "error_rate", value: 1.5 + i, ts: new Date().toISOString() }),
    () => ({ metric: "nope_metric", value: 1, ts: new Date().toISOString() }),
    () => ({ metric: "latency_p95_ms", value: -3, ts: new Date().toISOString() }),
    () => ({ metric: "latency_p95_ms", value: "12", ts: new Date().toISOString() }),
    () => ({ metric: "latency_p95_ms", value: null, ts: new Date().toISOString() }),
    () => ({ metric: "latency_p95_ms", value: 10, ts: "yesterday" }),
    () => ({ metric: "latency_p95_ms", value: 10, ts: new Date(Date.now() + 86_400_000).toISOString() }),
    () => ({ metric: "latency_p95_ms", value: 10, ts: new Date().toISOString(), cohort: "blue" }),
    () => ({ metric: "latency_p95_ms", value: 10, ts: new Date().toISOString(), extra: true }),
    () => ({ value: 10, ts: new Date().toISOString() }),
    () => "not an object",
    // biome-ignore lint/correctness/noPrecisionLoss: 1e309 is deliberately past the largest double (Infinity in JSON.stringify: null)
    () => ({ metric: "error_rate", value: 1e309, ts: new Date().toISOString() }),
  ];
  return Array.from({ length: n }, (_, i) => kinds[Math.floor(rand() * kinds.length)](i));
}

const good = (metric: string, value: number, agoMs = 0, cohort = "canary") => ({ metric, value, ts: new Date(Date.now() - agoMs).toISOString(), cohort });

describe.each(targets)("metrics and guardrails on $name", ({ baseUrl, databaseUrl }) => {
  const direct: Db = createDb(databaseUrl);
  afterAll(() => direct.$disconnect());

  async function tokenFor(releaseId?: string) {
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/tokens", { name: `test ${Math.random()}`, releaseId });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^tg_/);
    return { id: res.body.id as string, client: SessionClient.withToken(baseUrl, res.body.token) };
  }
  // What ingestion writes: roll-ups (samples are not kept one by one).
  const sampleCount = (releaseId: string) => direct.metricBucket.count({ where: { releaseId } });

  it("accepts a good batch with 202 and stores it in samples and roll-ups", async () => {
    const release = await createStartedRelease(baseUrl);
    const { client } = await tokenFor(release.id);
    const posted = [good("error_rate", 0.01), good("error_rate", 0.02), good("latency_p95_ms", 300, 0, "baseline")];
    const res = await client.post(`/api/releases/${release.id}/metrics`, { samples: posted });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ stored: 3 });
    // Samples are rolled up, not kept one by one; canary samples in the 10 s bucket the run began in (from START on)
    // also go to the run's partial bucket, keyed by the exact START time.
    expect(await direct.metricSample.count({ where: { releaseId: release.id } })).toBe(0);
    const startedAt = (await direct.release.findUniqueOrThrow({ where: { id: release.id } })).startedAt!;
    const firstBucketEnd = Math.floor(startedAt.getTime() / 10_000) * 10_000 + 10_000;
    const inFirstBucket = posted.filter((p) => p.cohort === "canary" && Date.parse(p.ts) >= startedAt.getTime() && Date.parse(p.ts) < firstBucketEnd);
    const partial = await direct.metricBucket.findMany({ where: { releaseId: release.id, sizeMs: 1 } });
    expect(partial.every((b) => b.start.getTime() === startedAt.getTime() && b.cohort === "canary")).toBe(true);
    expect(partial.reduce((n, b) => n + b.count, 0)).toBe(inFirstBucket.length);
    const firstRead = await (await as("viewer", baseUrl)).get(`/api/releases/${release.id}/metrics?minutes=10`);
    expect(firstRead.body.metrics.find((m: { metric: string }) => m.metric === "error_rate").current).toBeCloseTo(0.015, 6);
    const buckets = await direct.metricBucket.findMany({ where: { releaseId: release.id, metric: "error_rate", sizeMs: 10_000 } });
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(2);
    // A second batch into the same 10 s bucket merges into the same row (count, sum, min, max).
    const ts = new Date(buckets[0].start.getTime() + 5000).toISOString();
    const again = await client.post(`/api/releases/${release.id}/metrics`, {
      samples: [{ metric: "error_rate", value: 0.005, ts }, { metric: "error_rate", value: 0.05, ts }],
    });
    expect(again.status).toBe(202);
    const merged = await direct.metricBucket.findMany({ where: { releaseId: release.id, metric: "error_rate", sizeMs: 10_000, start: buckets[0].start } });
    expect(merged).toHaveLength(1);
    expect(merged[0].count).toBe(buckets[0].count + 2);
    expect(merged[0].min).toBeCloseTo(Math.min(buckets[0].min, 0.005), 9);
    expect(merged[0].max).toBeCloseTo(Math.max(buckets[0].max, 0.05), 9);
    const viewer = await as("viewer", baseUrl);
    const series = await viewer.get(`/api/releases/${release.id}/metrics?minutes=10`);
    expect(series.status).toBe(200);
    const errorRate = series.body.metrics.find((m: { metric: string }) => m.metric === "error_rate");
    expect(errorRate.current).toBeGreaterThan(0);
    expect(errorRate.points.length).toBeGreaterThan(0);
  });

  it("rejects junk batches whole, naming every bad index, and stores nothing (fuzzed)", async () => {
    const release = await createStartedRelease(baseUrl);
    const { client } = await tokenFor(release.id);
    for (let seed = 1; seed <= 25; seed++) {
      const junk = junkSamples(seed, 1 + (seed % 7));
      const goodOnes = Array.from({ length: seed % 5 }, () => good("error_rate", 0.01));
      const samples = [...goodOnes, ...junk];
      const res = await client.post(`/api/releases/${release.id}/metrics`, { samples });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe("invalid_samples");
      const indexes = new Set(res.body.error.details.errors.map((e: { index: number }) => e.index));
      for (let i = goodOnes.length; i < samples.length; i++) expect(indexes.has(i), `index ${i} of seed ${seed}`).toBe(true);
      for (let i = 0; i < goodOnes.length; i++) expect(indexes.has(i)).toBe(false);
    }
    const tooMany = await client.post(`/api/releases/${release.id}/metrics`, { samples: Array.from({ length: 10_001 }, () => good("error_rate", 0.01)) });
    expect(tooMany.status).toBe(400);
    const notJson = await client.request("POST", `/api/releases/${release.id}/metrics`, "{{{");
    expect(notJson.status).toBe(400);
    expect(await sampleCount(release.id)).toBe(0);
  });

  it("refuses invalid, revoked and wrongly scoped tokens with 401/403 and writes nothing", async () => {
    const release = await createStartedRelease(baseUrl);
    const other = await createStartedRelease(baseUrl);
    const { id, client } = await tokenFor(release.id);
    const body = { samples: [good("error_rate", 0.01)] };
    const forged = SessionClient.withToken(baseUrl, "tg_forged-token-value");
    expect((await forged.post(`/api/releases/${release.id}/metrics`, body)).status).toBe(401);
    expect((await client.post(`/api/releases/${other.id}/metrics`, body)).status).toBe(403);
    const anonymous = new SessionClient(baseUrl);
    expect((await anonymous.post(`/api/releases/${release.id}/metrics`, body)).status).toBe(401);
    const admin = await as("admin", baseUrl);
    expect((await admin.request("DELETE", `/api/tokens/${id}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100)); // past the token cache
    const revoked = await client.post(`/api/releases/${release.id}/metrics`, body);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe("unauthenticated");
    expect(await sampleCount(release.id)).toBe(0);
    expect(await sampleCount(other.id)).toBe(0);
  });

  it("rolls back exactly once when a critical breach arrives in many concurrent batches", async () => {
    const release = await createStartedRelease(
      baseUrl,
      simplePlan(4, {
        guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "rollback" }],
      }),
    );
    const { client } = await tokenFor(release.id);
    const batches = Array.from({ length: 30 }, () => ({ samples: Array.from({ length: 50 }, () => good("error_rate", 0.4)) }));
    const results = await Promise.all(batches.map((b) => client.post(`/api/releases/${release.id}/metrics`, b)));
    expect(results.every((r) => r.status === 202)).toBe(true);
    const commander = await as("commander", baseUrl);
    const after = await eventually(() => commander.get(`/api/releases/${release.id}`), (r) => r.body.status === "rolled_back");
    // The rollback ended the run, and its episode with it: a rolled-back release is not left CRITICAL.
    expect(after.body).toMatchObject({ trafficPercent: 0, alerts: [] });
    await client.post(`/api/releases/${release.id}/metrics`, { samples: [good("error_rate", 0.5)] });
    await new Promise((r) => setTimeout(r, 1500));
    const events = (await commander.get(`/api/releases/${release.id}/events`)).body.events as { type: string; actor: string; reason: string }[];
    const rollbacks = events.filter((e) => e.type === "rolled_back");
    expect(rollbacks).toHaveLength(1);
    expect(rollbacks[0].actor).toBe("guardrail");
    expect(rollbacks[0].reason).toMatch(/error_rate .*> critical 10%/);
    expect(events.filter((e) => e.type === "breach")).toHaveLength(1);
    expect(events.filter((e) => e.type === "episode_closed")).toHaveLength(1);
  });

  it("does not act on a momentary spike, but does on a breach sustained for the guardrail's period", async () => {
    const guardrails = [{ metric: "latency_p95_ms", comparator: ">" as const, warning: 600, critical: 1000, forSeconds: 300, windowSeconds: 60, onCritical: "pause" as const }];
    const release = await createStartedRelease(baseUrl, simplePlan(4, { guardrails }));
    const { client } = await tokenFor(release.id);
    const commander = await as("commander", baseUrl);
    // Ten minutes of healthy data with one bad 10 s burst two minutes ago.
    const healthy = Array.from({ length: 60 }, (_, i) => good("latency_p95_ms", i === 12 ? 5000 : 300, i * 10_000));
    expect((await client.post(`/api/releases/${release.id}/metrics`, { samples: healthy })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1500));
    const still = (await commander.get(`/api/releases/${release.id}`)).body;
    expect(still.status).toBe("running");

    // A sustained breach needs its forSeconds of real time inside the run (back-dated data cannot supply it).
    const shortSustain = [{ ...guardrails[0], forSeconds: 5, windowSeconds: 10 }];
    const other = await createStartedRelease(baseUrl, simplePlan(4, { guardrails: shortSustain }));
    const startedAt = Date.now();
    const tokenB = await tokenFor(other.id);
    let pausedBody: { status: string; trafficPercent: number } | null = null;
    for (let i = 0; i < 40 && !pausedBody; i++) {
      expect((await tokenB.client.post(`/api/releases/${other.id}/metrics`, { samples: [good("latency_p95_ms", 1500)] })).status).toBe(202);
      await new Promise((r) => setTimeout(r, 500));
      const now = (await commander.get(`/api/releases/${other.id}`)).body;
      if (now.status === "paused") pausedBody = now;
    }
    expect(pausedBody).toMatchObject({ status: "paused", trafficPercent: 25 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(5000);
  });

  it("marks a guardrail inconclusive when its data goes silent", async () => {
    const release = await createStartedRelease(
      baseUrl,
      simplePlan(4, { guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "rollback" }] }),
    );
    const commander = await as("commander", baseUrl);
    const warned = await eventually(() => commander.get(`/api/releases/${release.id}`), (r) => r.body.alerts.length > 0, 10_000);
    expect(warned.body.alerts[0]).toMatchObject({ metric: "error_rate", level: "inconclusive" });
    expect(warned.body.health).toBe("NO_DATA");
    expect(warned.body.status).toBe("running");
  });

  it("serves Prometheus metrics about releases and ingestion", async () => {
    const admin = await as("admin", baseUrl);
    const res = await admin.raw("/api/metrics");
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(text).toMatch(/^tidegate_release_status\{.*status="rolled_back"\} 1$/m);
    expect(text).toMatch(/^tidegate_ingest_samples_total [1-9]\d*$/m);
    expect(text).toMatch(/^tidegate_ingest_batches_total\{outcome="rejected"\} [1-9]\d*$/m);
  });
});

describe.each(targets)("retention on $name", ({ baseUrl, databaseUrl }) => {
  it("prunes raw samples, 10 s roll-ups and Prometheus measurements past the retention, keeps 60 s roll-ups for 30 days", async () => {
    const { pruneSamples } = await import("../lib/guardrails/server/prune-samples");
    const direct = createDb(databaseUrl);
    try {
      const release = await createStartedRelease(baseUrl);
      const now = Date.now();
      const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000);
      await direct.metricSample.createMany({
        data: [25, 23].map((h) => ({ releaseId: release.id, metric: "error_rate", cohort: "canary", value: 0.01, ts: at(h) })),
      });
      const bucket = (sizeMs: number, hoursAgo: number) => ({
        releaseId: release.id, metric: "error_rate", cohort: "canary", sizeMs, start: at(hoursAgo), count: 1, sum: 0.01, min: 0.01, max: 0.01,
      });
      await direct.metricBucket.createMany({ data: [bucket(10_000, 25), bucket(10_000, 23), bucket(60_000, 25), bucket(60_000, 31 * 24), bucket(1, 25), bucket(1, 23)] });
      const measurement = (hoursAgo: number) => ({
        id: `m-${release.id}-${hoursAgo}`, releaseId: release.id, run: 1, metric: "error_rate", scheduledAt: at(hoursAgo), state: "ok",
        canaryQuery: "q", canaryValue: 0.01, rawJson: "{}", windowSeconds: 60, condition: "> 0.1",
      });
      await direct.guardrailMeasurement.createMany({ data: [measurement(25), measurement(23)] });
      await pruneSamples(24, now, direct);
      const measurements = await direct.guardrailMeasurement.findMany({ where: { releaseId: release.id } });
      expect(measurements.map((m) => Math.round((now - m.scheduledAt.getTime()) / 3_600_000))).toEqual([23]);
      const samples = await direct.metricSample.findMany({ where: { releaseId: release.id } });
      expect(samples.map((s) => Math.round((now - s.ts.getTime()) / 3_600_000))).toEqual([23]);
      const buckets = await direct.metricBucket.findMany({ where: { releaseId: release.id }, orderBy: [{ sizeMs: "asc" }] });
      // Run-start partial buckets (sizeMs 1) go with the 10 s roll-ups.
      expect(buckets.map((b) => [b.sizeMs, Math.round((now - b.start.getTime()) / 3_600_000)])).toEqual([
        [1, 23],
        [10_000, 23],
        [60_000, 25],
      ]);
    } finally {
      await direct.$disconnect();
    }
  });
});
