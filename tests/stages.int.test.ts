// Issue 25, stages, against the real production server on SQLite and PostgreSQL: a release through staging -> eu ->
// us. us cannot open before eu completed and soaked; a critical breach in eu's soak blocks promotion to us; an
// admin's promotion approval into an environment with approvers is recorded; the long-poll wait returns when a stage
// opens; environments are admin-only and audited.
import { describe, expect, it } from "vitest";
import { as } from "./support/fixtures";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";

const targets = workerTargets();
const uniq = () => Math.random().toString(36).slice(2, 8);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(check: () => Promise<T>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await sleep(100);
    }
  }
}

const stage = (key: string, name: string, environment: string, percents: number[], extra: Record<string, unknown> = {}) => ({
  key,
  name,
  environment,
  waves: percents.map((trafficPercent) => ({ name: `${name} ${trafficPercent}%`, trafficPercent })),
  ...extra,
});

interface StageView {
  key: string;
  status: string;
  waitingFor?: string;
  promotionBlocked: string | null;
  approvals: { by: string; role: string }[];
}

describe.each(targets)("stages on $name", ({ baseUrl }) => {
  async function act(id: string, action: string, track?: string, extra: Record<string, unknown> = {}) {
    const commander = await as("commander", baseUrl);
    return commander.post(`/api/releases/${id}/actions`, { action, ...(track ? { track } : {}), reason: `stages test ${action}`, ...extra });
  }
  async function ok(id: string, action: string, track?: string) {
    const res = await act(id, action, track);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { tracks: StageView[] };
  }
  const stageOf = (view: { tracks: StageView[] }, key: string) => view.tracks.find((t) => t.key === key)!;

  /** Three environments; "us-<n>" needs one approval from an admin or a "release-manager". */
  async function environments() {
    const admin = await as("admin", baseUrl);
    const n = uniq();
    const names = { staging: `staging-${n}`, eu: `eu-${n}`, us: `us-${n}` };
    for (const [i, name] of Object.values(names).entries()) {
      const res = await admin.post("/api/environments", { name, region: name.split("-")[0], order: i, router: "haproxy", ...(name === names.us ? { approverRoles: ["release-manager"] } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    return names;
  }

  async function create(envs: { staging: string; eu: string; us: string }, soakSeconds = 2, guarded = false) {
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/releases", {
      name: `Checkout stages ${uniq()}`,
      service: "checkout",
      version: "3.1",
      ...(guarded ? { guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.05, forSeconds: 0, windowSeconds: 10, onCritical: "notify", minSamples: 1 }] } : {}),
      tracks: [
        stage("staging", "Staging", envs.staging, [100], { soakSeconds: 1 }),
        stage("eu", "EU", envs.eu, [50, 100], { after: { track: "staging" }, soakSeconds }),
        stage("us", "US", envs.us, [100], { after: { track: "eu" } }),
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  it("environments are declared by admins only, listed, changed and audited", async () => {
    const name = `ring-${uniq()}`;
    const commander = await as("commander", baseUrl);
    expect((await commander.post("/api/environments", { name })).status).toBe(403);
    const admin = await as("admin", baseUrl);
    const bad = await admin.post("/api/environments", { name: "EU West!" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeTruthy();
    const created = await admin.post("/api/environments", { name, region: "eu-west-1", order: 3, router: "gateway-api", approverRoles: ["release-manager"], requiredApprovals: 1 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await admin.post("/api/environments", { name })).status).toBe(409);
    const changed = await admin.patch(`/api/environments/${name}`, { region: "eu-central-1" });
    expect(changed.body).toMatchObject({ name, region: "eu-central-1", order: 3, approverRoles: ["release-manager"] });
    const list = await (await as("viewer", baseUrl)).get("/api/environments");
    expect(list.body.environments.some((e: { name: string }) => e.name === name)).toBe(true);
    const audit = await admin.get(`/api/audit?targetType=environment&target=${name}`);
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    const actions = (audit.body.entries ?? audit.body.events ?? []).map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["environment.created", "environment.updated"]));
    expect((await admin.delete(`/api/environments/${name}`)).status).toBe(200);
  });

  it("staging -> eu -> us: us waits for eu's soak and an approval; the approval is recorded; the wait returns when us opens", async () => {
    const envs = await environments();
    const id = await create(envs, 3);
    await ok(id, "start", "staging");
    await ok(id, "continue", "staging");
    // eu cannot open before staging's 1 s soak is over.
    // (On a slow machine the second may have passed already.)
    const early = await act(id, "start", "eu");
    if (early.status !== 200) {
      expect(early.body.error.code).toBe("track_waiting");
      await eventually(async () => expect((await act(id, "start", "eu")).status).toBe(200));
    }
    await ok(id, "continue", "eu");
    let view = await ok(id, "continue", "eu");
    expect(stageOf(view, "eu").status).toBe("completed");

    // us: eu soaks for 3 s; meanwhile a CI system waits on it.
    const refused = await act(id, "start", "us");
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "track_waiting" });
    expect(refused.body.error.message).toMatch(/^US: waiting for EU soak \(\d s\)$/);
    const ci = await as("viewer", baseUrl);
    const short = await ci.post(`/api/releases/${id}/stages/us/wait?timeout=1`, {});
    expect(short.body).toMatchObject({ done: false, exitCode: 4, outcome: "timeout" });
    const waiting = ci.post(`/api/releases/${id}/stages/us/wait?timeout=30`, {});

    // After the soak, us waits for its environment's approval; an approver without the role may not give it.
    await eventually(async () => {
      const res = await act(id, "start", "us");
      expect(res.body.error?.message).toMatch(/waiting for promotion approval/);
    });
    const approver = await as("approver", baseUrl);
    const notAllowed = await approver.post(`/api/releases/${id}/stages/us/approve`, { comment: "looks fine" });
    expect(notAllowed.status).toBe(403);
    const admin = await as("admin", baseUrl);
    const approved = await admin.post(`/api/releases/${id}/stages/us/approve`, { comment: "EU clean for the soak" });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body.events.map((e: { type: string }) => e.type)).toEqual(["promotion_approved"]);
    expect((await admin.post(`/api/releases/${id}/stages/us/approve`, {})).status).toBe(409);

    view = await ok(id, "start", "us");
    expect(stageOf(view, "us").status).toBe("running");
    const answer = await waiting;
    expect(answer.body).toMatchObject({ done: true, exitCode: 0, outcome: "open", stage: { key: "us", status: "running" } });

    const events = (await admin.get(`/api/releases/${id}/events`)).body.events as { type: string; actor: string; reason: string | null; data: Record<string, unknown> }[];
    const approval = events.find((e) => e.type === "promotion_approved")!;
    expect(approval).toMatchObject({ reason: "EU clean for the soak", data: { stage: "us", environment: envs.us, role: "admin" } });
  });

  it("autoPromote opens a stage by itself (the schedule job) once the soak before it passed", async () => {
    const envs = await environments();
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/releases", {
      name: `Checkout auto ${uniq()}`,
      service: "checkout",
      version: "3.2",
      tracks: [
        stage("eu", "EU", envs.eu, [100], { soakSeconds: 1 }),
        stage("staging-next", "EU canary", envs.staging, [100], { after: { track: "eu" }, autoPromote: true }),
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id as string;
    await ok(id, "start", "eu");
    await ok(id, "continue", "eu");
    await eventually(async () => {
      const view = (await admin.get(`/api/releases/${id}`)).body as { tracks: StageView[] };
      expect(stageOf(view, "staging-next").status).toBe("running");
    });
    const events = (await admin.get(`/api/releases/${id}/events`)).body.events as { type: string; actor: string; data: { track?: string } }[];
    expect(events.find((e) => e.type === "started" && e.data.track === "staging-next")?.actor).toBe("schedule");
  });

  it("a critical breach during eu's soak pauses promotion to us; a rollback of eu says so and asks about staging", async () => {
    const envs = await environments();
    const id = await create(envs, 30, true);
    const admin = await as("admin", baseUrl);
    const token = (await admin.post("/api/tokens", { name: `pusher ${uniq()}`, releaseId: id })).body.token as string;
    const pusher = SessionClient.withToken(baseUrl, token);
    // Each wave needs canary evidence before CONTINUE: a healthy sample first.
    const healthy = () => pusher.post(`/api/releases/${id}/metrics`, { samples: [{ metric: "error_rate", value: 0.001, cohort: "canary", ts: new Date().toISOString() }] });
    await ok(id, "start", "staging");
    await healthy();
    await ok(id, "continue", "staging");
    await eventually(async () => expect((await act(id, "start", "eu")).status).toBe(200));
    for (let i = 0; i < 2; i++) {
      await healthy();
      await ok(id, "continue", "eu");
    }
    // A bad error rate while eu soaks.
    const blocked = await eventually(async () => {
      await pusher.post(`/api/releases/${id}/metrics`, { samples: [{ metric: "error_rate", value: 0.2, cohort: "canary", ts: new Date().toISOString() }] });
      const view = (await admin.get(`/api/releases/${id}`)).body as { tracks: StageView[] };
      expect(stageOf(view, "us").promotionBlocked).toMatch(/critical breach of error_rate during EU's soak/);
      return view;
    }, 45_000);
    expect(stageOf(blocked, "us").waitingFor).toMatch(/critical breach/);
    const refused = await act(id, "start", "us");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("promotion_blocked");
    // A waiting CI system hears it cannot happen (exit 5, as `tidegate wait` for an unreachable condition).
    const answer = await (await as("viewer", baseUrl)).post(`/api/releases/${id}/stages/us/wait?timeout=5`, {});
    expect(answer.body).toMatchObject({ done: true, exitCode: 5, outcome: "blocked" });

    const rolled = await act(id, "rollback", "eu");
    expect(rolled.status, JSON.stringify(rolled.body)).toBe(200);
    const paused = rolled.body.events.find((e: { type: string }) => e.type === "promotion_paused");
    expect(paused.data).toMatchObject({ stage: "eu", downstream: ["us"], upstream: ["staging"], rollbackUpstream: "ask" });
  });
});
