// The safety core through the HTTP API, on SQLite and PostgreSQL: the six holes of the safety-core issue, each a
// scenario that failed before and must hold now.
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/platform/db/client";
import type { PlanInput } from "../lib/plans/core/plan";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { eventually } from "./support/poll";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";

const targets = workerTargets();

const sample = (metric: string, value: number, agoMs = 0) => ({ metric, value, ts: new Date(Date.now() - agoMs).toISOString(), cohort: "canary" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Ev = { type: string; actor: string; reason: string | null; data: Record<string, unknown> };

describe.each(targets)("safety core on $name", ({ baseUrl, databaseUrl }) => {
  const direct: Db = createDb(databaseUrl);
  afterAll(() => direct.$disconnect());

  async function pusher(releaseId: string) {
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/tokens", { name: `pusher ${Math.random()}`, releaseId });
    expect(res.status).toBe(201);
    const client = SessionClient.withToken(baseUrl, res.body.token);
    return (samples: unknown[]) => client.post(`/api/releases/${releaseId}/metrics`, { samples });
  }
  const eventsOf = async (id: string): Promise<Ev[]> => (await (await as("viewer", baseUrl)).get(`/api/releases/${id}/events`)).body.events;
  const typesOf = async (id: string) => (await eventsOf(id)).map((e) => e.type);
  const releaseOf = async (id: string) => (await (await as("viewer", baseUrl)).get(`/api/releases/${id}`)).body;

  /** Pushes the value every 300 ms until the probe accepts the release (or times out). */
  async function pushUntil(push: (s: unknown[]) => Promise<unknown>, id: string, value: number, accept: (r: any) => boolean, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await push([sample("error_rate", value)]);
      const r = await releaseOf(id);
      if (accept(r)) return r;
      if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify({ status: r.status, alerts: r.alerts })}`);
      await sleep(300);
    }
  }

  const guarded = (onCritical: "pause" | "rollback", forSeconds = 0): PlanInput =>
    simplePlan(4, { guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds, windowSeconds: 10, onCritical }] });

  it("1. rolls back again after a commander retries into a persisting fault", async () => {
    const release = await createStartedRelease(baseUrl, guarded("rollback"));
    const push = await pusher(release.id);
    await pushUntil(push, release.id, 0.5, (r) => r.status === "rolled_back");
    const commander = await as("commander", baseUrl);
    const retried = await commander.post(`/api/releases/${release.id}/actions`, { action: "retry", reason: "try again" });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ status: "running", alerts: [] });
    await pushUntil(push, release.id, 0.5, (r) => r.status === "rolled_back");
    const types = await typesOf(release.id);
    expect(types.filter((t) => t === "rolled_back")).toHaveLength(2);
    expect(types.filter((t) => t === "episode_closed")).toHaveLength(2);
    const afterRetry = types.slice(types.indexOf("retried"));
    expect(afterRetry).toEqual(expect.arrayContaining(["retried", "breach", "rolled_back", "episode_closed"]));
    const alerts = await direct.alert.findMany({ where: { releaseId: release.id }, orderBy: { openedAt: "asc" } });
    expect(alerts.filter((a) => a.level === "critical").map((a) => a.run)).toEqual([1, 2]);
    expect(alerts.every((a) => a.closedAt !== null)).toBe(true);
  });

  it("2. pauses again after a human resume into a persisting critical breach; the refused attempt is audited", async () => {
    const release = await createStartedRelease(baseUrl, guarded("pause"));
    const commander = await as("commander", baseUrl);
    const url = `/api/releases/${release.id}/actions`;
    expect((await commander.post(url, { action: "pause", reason: "looking at logs" })).status).toBe(200);
    const push = await pusher(release.id);
    await pushUntil(push, release.id, 0.5, (r) => r.alerts.some((a: { level: string; actedAt: string | null }) => a.level === "critical"));
    const refused = await eventually(() => eventsOf(release.id), (list) => list.some((e) => e.type === "guardrail_action_refused"));
    expect(refused.find((e) => e.type === "guardrail_action_refused")).toMatchObject({
      actor: "guardrail",
      data: { metric: "error_rate", action: "pause", refusal: { code: "invalid_transition" } },
    });
    // Resume is gated on the open critical breach, like CONTINUE.
    const gated = await commander.post(url, { action: "resume" });
    expect(gated.status).toBe(422);
    expect(gated.body.error.code).toBe("gates_unmet");
    expect(gated.body.error.details.unmet[0]).toMatchObject({ kind: "breach", metric: "error_rate" });
    const resumed = await commander.post(url, { action: "resume", override: true, reason: "fix deployed, watching" });
    expect(resumed.status).toBe(200);
    expect(resumed.body.events.map((e: Ev) => e.type)).toEqual(["override", "resumed"]);
    const paused = await pushUntil(push, release.id, 0.5, (r) => r.status === "paused");
    expect(paused.status).toBe("paused");
    const list = await eventsOf(release.id);
    const last = list.filter((e) => e.type === "paused").at(-1)!;
    expect(last).toMatchObject({ actor: "guardrail", data: { metric: "error_rate", automatic: true } });
    // Logged once per episode, not once per pass.
    expect(list.filter((e) => e.type === "guardrail_action_refused")).toHaveLength(1);
  });

  it("4. applies a PAUSE sent while an approver ticks items, and a ROLLBACK while the guardrail writes breach events", async () => {
    const plan = simplePlan(4, {
      waves: [
        {
          name: "Canary",
          trafficPercent: 10,
          checklist: Array.from({ length: 6 }, (_, i) => ({ text: `Check ${i}`, ownerRole: "Operations Lead" })),
        },
        { name: "All", trafficPercent: 100 },
      ],
    });
    const release = await createStartedRelease(baseUrl, plan);
    const view = await releaseOf(release.id);
    const approver = await as("approver", baseUrl);
    const commander = await as("commander", baseUrl);
    // The commander opened PAUSE at this version; meanwhile the approver ticks every item.
    const ticks = view.waves[0].checklist.map((item: { id: string }) =>
      approver.patch(`/api/releases/${release.id}/checklist/${item.id}`, { state: "met" }),
    );
    const pause = commander.post(`/api/releases/${release.id}/actions`, { action: "pause", expectedVersion: view.version, reason: "hold" });
    const [paused, ...ticked] = await Promise.all([pause, ...ticks]);
    expect(ticked.map((t) => t.status)).toEqual(Array(6).fill(200));
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect((await releaseOf(release.id)).status).toBe("paused");
    // A RESUME decided on the paused state still applies after more ticks: ticks are not what it decided on.
    const item = view.waves[0].checklist[0].id as string;
    expect((await approver.patch(`/api/releases/${release.id}/checklist/${item}`, { state: "open" })).status).toBe(200);
    const resumed = await commander.post(`/api/releases/${release.id}/actions`, { action: "resume", expectedVersion: paused.body.version });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    // But a RESUME decided before the pause is stale: the status moved since.
    expect((await commander.post(`/api/releases/${release.id}/actions`, { action: "pause" })).status).toBe(200);
    const staleResume = await commander.post(`/api/releases/${release.id}/actions`, { action: "resume", expectedVersion: paused.body.version });
    expect(staleResume.status).toBe(409);

    // ROLLBACK opened while an error spike climbs: the guardrail's breach events bump the version first.
    const spiking = await createStartedRelease(baseUrl, guarded("pause", 3600));
    const seen = await releaseOf(spiking.id);
    const push = await pusher(spiking.id);
    await pushUntil(push, spiking.id, 0.5, (r) => r.version > seen.version && r.alerts.length > 0);
    const rollback = await commander.post(`/api/releases/${spiking.id}/actions`, { action: "rollback", expectedVersion: seen.version, reason: "errors climbing" });
    expect(rollback.status, JSON.stringify(rollback.body)).toBe(200);
    expect(rollback.body.status).toBe("rolled_back");
    // CONTINUE decided on an older state is still a conflict.
    const stale = await commander.post(`/api/releases/${spiking.id}/actions`, { action: "retry", expectedVersion: seen.version });
    expect(stale.status).toBe(409);
  });

  it("5. does not act on a batch of back-dated critical samples right after START", async () => {
    const release = await createStartedRelease(baseUrl, guarded("rollback", 300));
    const push = await pusher(release.id);
    // Five minutes of critical data up to now, all but the last instant from before START.
    const backDated = Array.from({ length: 32 }, (_, i) => sample("error_rate", 0.9, i * 10_000));
    expect((await push(backDated)).status).toBe(202);
    await sleep(2500);
    const after = await releaseOf(release.id);
    expect(after.status).toBe("running");
    const list = await eventsOf(release.id);
    expect(list.map((e) => e.type)).not.toContain("rolled_back");
    // The one sample time-stamped inside the run may open a breach, but it has not been critical for 5 minutes.
    for (const breach of list.filter((e) => e.type === "breach")) expect(breach.reason).toMatch(/not yet the 5m required to act/);
  });

  it("6. meets a metric-bound pre-deployment item from healthy data, so START opens", async () => {
    const admin = await as("admin", baseUrl);
    const created = await admin.post(
      "/api/releases",
      simplePlan(3, { preChecklist: [{ text: "Error rate below 2% before we start", ownerRole: "Operations Lead", metric: { metric: "error_rate", comparator: "<", threshold: 0.02 } }] }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const commander = await as("commander", baseUrl);
    const blocked = await commander.post(`/api/releases/${id}/actions`, { action: "start" });
    expect(blocked.status).toBe(422);
    const push = await pusher(id);
    const met = await pushUntil(push, id, 0.005, (r) => r.preChecklist[0].state === "met");
    expect(met.preChecklist[0]).toMatchObject({ state: "met", updatedBy: "guardrail" });
    const started = await commander.post(`/api/releases/${id}/actions`, { action: "start" });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    // The first command also makes its sender the release's commander (issue 15), audited.
    expect(started.body.events.map((e: Ev) => e.type)).toEqual(["started", "commander_changed"]);
  });

  it("writes only typed events, each with its outbox message in the same transaction", async () => {
    const release = await createStartedRelease(baseUrl, guarded("rollback"));
    const push = await pusher(release.id);
    await pushUntil(push, release.id, 0.5, (r) => r.status === "rolled_back");
    const rows = await direct.releaseEvent.findMany({ where: { releaseId: release.id }, orderBy: { seq: "asc" } });
    const outbox = await direct.outboxMessage.findMany({ where: { releaseId: release.id }, orderBy: { position: "asc" } });
    expect(outbox.map((m) => m.seq)).toEqual(rows.map((r) => r.seq));
    expect(outbox.map((m) => JSON.parse(m.payload).type)).toEqual(rows.map((r) => r.type));
  });

  it("3. never answers GET with a version that did not commit, over 1,000 reads during in-flight commands and ingests", async () => {
    const release = await createStartedRelease(baseUrl, simplePlan(20, { guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.5, forSeconds: 0, windowSeconds: 10, onCritical: "notify" }] }));
    const commander = await as("commander", baseUrl);
    const viewer = await as("viewer", baseUrl);
    const push = await pusher(release.id);
    const url = `/api/releases/${release.id}/actions`;
    let writing = true;
    const commands = (async () => {
      for (let i = 0; i < 18; i++) {
        await Promise.all([
          commander.post(url, { action: "continue", expectedVersion: (await releaseOf(release.id)).version }),
          commander.post(url, { action: "continue" }),
          push([sample("error_rate", i % 2 ? 0.9 : 0.01)]),
        ]);
        await commander.post(url, { action: "pause", reason: "p" });
        await commander.post(url, { action: "resume" });
      }
      writing = false;
    })();
    const seen: { version: number; status: string; wave: number }[] = [];
    const reader = async () => {
      while (writing || seen.length < 1000) {
        const r = (await viewer.get(`/api/releases/${release.id}`)).body;
        seen.push({ version: r.version, status: r.status, wave: r.currentWaveIndex });
        if (!writing && seen.length >= 1000) break;
      }
    };
    await Promise.all([commands, reader(), reader(), reader(), reader()]);
    expect(seen.length).toBeGreaterThanOrEqual(1000);
    // The committed state at every version, from the audit log.
    const list = await direct.releaseEvent.findMany({ where: { releaseId: release.id }, orderBy: { seq: "asc" } });
    const committed = new Map<number, { status: string; wave: number }>();
    let state = { status: "draft", wave: 0 };
    for (const e of list) {
      const after = e.afterJson ? JSON.parse(e.afterJson) : null;
      if (after) state = { status: after.status, wave: after.currentWaveIndex };
      committed.set(e.version, { ...state });
    }
    const wrong = seen.filter((v) => {
      const c = committed.get(v.version);
      return !c || c.status !== v.status || c.wave !== v.wave;
    });
    expect(wrong).toEqual([]);
  });
});
