// Freezes, release windows and quarantines against the real server (issue 25): a freeze refuses forward steps with
// `frozen` and lets stop commands through, an admin breaks it for one command with a reason (audited, on the report),
// a plan window outside its hours refuses the same, automatic promotion waits for the freeze to end, and a rolled-back
// version is refused START with `quarantined` until an admin lifts it. Every freeze here names a service of its own,
// so other files sharing this worker's servers are never held.
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../lib/platform/db/client";
import { as, simplePlan } from "./support/fixtures";
import { eventually } from "./support/poll";
import { workerTargets } from "./support/targets";
import { WEEKDAYS } from "../lib/freezes/core/windows";

const targets = workerTargets();
const sqlite = targets.find((t) => t.name === "sqlite")!;
const unique = () => Math.random().toString(36).slice(2, 8);
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

type EventRow = { type: string; actor: string; reason: string | null; data: Record<string, unknown> };

async function newRelease(baseUrl: string, service: string, overrides: Record<string, unknown> = {}) {
  const admin = await as("admin", baseUrl);
  const created = await admin.post("/api/releases", simplePlan(3, { service, ...overrides }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; version: number };
}

async function freeze(baseUrl: string, service: string, reason = "Black Friday", extra: Record<string, unknown> = {}) {
  const admin = await as("admin", baseUrl);
  const res = await admin.post("/api/freezes", { from: inMinutes(-1), to: inMinutes(60), reason, services: [service], ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; to: string };
}

const act = async (baseUrl: string, role: "commander" | "admin", id: string, body: Record<string, unknown>) => (await as(role, baseUrl)).post(`/api/releases/${id}/actions`, body);
const eventsOf = async (baseUrl: string, id: string) => ((await (await as("viewer", baseUrl)).get(`/api/releases/${id}/events`)).body.events as EventRow[]);

describe("freezes on sqlite", () => {
  const { baseUrl } = sqlite;

  it("only admins declare freezes (403), and a freeze's times are checked (400)", async () => {
    const commander = await as("commander", baseUrl);
    const refused = await commander.post("/api/freezes", { from: inMinutes(0), to: inMinutes(60), reason: "mine" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    const admin = await as("admin", baseUrl);
    const backwards = await admin.post("/api/freezes", { from: inMinutes(60), to: inMinutes(0), reason: "backwards", services: [`svc-${unique()}`] });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.issues).toEqual([expect.objectContaining({ path: "to" })]);
  });

  it("given a freeze: START and CONTINUE and RESUME are refused with frozen; PAUSE, STEP BACK and ROLLBACK go through", async () => {
    const service = `svc-${unique()}`;
    const draft = await newRelease(baseUrl, service);
    const running = await newRelease(baseUrl, service);
    expect((await act(baseUrl, "commander", running.id, { action: "start" })).status).toBe(200);
    expect((await act(baseUrl, "commander", running.id, { action: "continue" })).status).toBe(200);
    const f = await freeze(baseUrl, service);

    const start = await act(baseUrl, "commander", draft.id, { action: "start" });
    expect(start.status).toBe(409);
    expect(start.body.error.code).toBe("frozen");
    expect(start.body.error.message).toContain("Black Friday (admin@test.local)");
    expect(start.body.error.details.freeze).toMatchObject({ freezeId: f.id, reason: "Black Friday", by: "admin@test.local", until: f.to });
    // The board shows it as a gate line and a banner's data.
    const view = (await (await as("viewer", baseUrl)).get(`/api/releases/${draft.id}`)).body;
    expect(view.gate.unmet[0]).toMatchObject({ kind: "freeze", freezeId: f.id });
    expect(view.frozen).toMatchObject({ source: "freeze", reason: "Black Friday", until: f.to });

    const cont = await act(baseUrl, "commander", running.id, { action: "continue" });
    expect([cont.status, cont.body.error.code]).toEqual([409, "frozen"]);
    // An override is for gates, not for freezes.
    const overridden = await act(baseUrl, "commander", running.id, { action: "continue", override: true, reason: "ship it" });
    expect([overridden.status, overridden.body.error.code]).toEqual([409, "frozen"]);

    expect((await act(baseUrl, "commander", running.id, { action: "pause", reason: "hold" })).status).toBe(200);
    const resume = await act(baseUrl, "commander", running.id, { action: "resume" });
    expect([resume.status, resume.body.error.code]).toEqual([409, "frozen"]);
    const stepBack = await act(baseUrl, "commander", running.id, { action: "step_back", reason: "lower" });
    expect(stepBack.status, JSON.stringify(stepBack.body)).toBe(200);
    const rollback = await act(baseUrl, "commander", running.id, { action: "rollback", reason: "bad" });
    expect(rollback.status, JSON.stringify(rollback.body)).toBe(200);
    const retry = await act(baseUrl, "commander", running.id, { action: "retry" });
    expect([retry.status, retry.body.error.code]).toEqual([409, "frozen"]);
    const types = (await eventsOf(baseUrl, running.id)).map((e) => e.type);
    expect(types.filter((t) => ["started", "promoted", "paused", "stepped_back", "rolled_back", "retried", "resumed"].includes(t))).toEqual([
      "started",
      "promoted",
      "paused",
      "stepped_back",
      "rolled_back",
    ]);
  });

  it("breaking a freeze: admins only, with a reason (400 without); audited as freeze_broken and on the report; ending it is audited", async () => {
    const service = `svc-${unique()}`;
    const draft = await newRelease(baseUrl, service);
    const f = await freeze(baseUrl, service, "Quarter close");

    const byCommander = await act(baseUrl, "commander", draft.id, { action: "start", breakFreeze: { reason: "urgent" } });
    expect(byCommander.status).toBe(403);
    const noReason = await act(baseUrl, "admin", draft.id, { action: "start", breakFreeze: { reason: " " } });
    expect(noReason.status).toBe(400);
    const missing = await act(baseUrl, "admin", draft.id, { action: "start", breakFreeze: {} });
    expect(missing.status).toBe(400);
    const broken = await act(baseUrl, "admin", draft.id, { action: "start", breakFreeze: { reason: "security fix CVE-2026-1" } });
    expect(broken.status, JSON.stringify(broken.body)).toBe(200);
    expect(broken.body.events.map((e: EventRow) => e.type)).toEqual(["freeze_broken", "started", "commander_changed"]);
    expect(broken.body.events[0]).toMatchObject({
      actor: "admin@test.local",
      reason: "security fix CVE-2026-1",
      data: { action: "start", source: "freeze", freezeId: f.id, freezeReason: "Quarter close", freezeBy: "admin@test.local" },
    });
    // The next command is held again: a break is for one command.
    const next = await act(baseUrl, "commander", draft.id, { action: "continue" });
    expect([next.status, next.body.error.code]).toEqual([409, "frozen"]);

    const report = (await (await as("viewer", baseUrl)).get(`/api/releases/${draft.id}/report`)).body;
    expect(report.freezeBreaks).toEqual([expect.objectContaining({ action: "start", by: "admin@test.local", reason: "security fix CVE-2026-1", freezeReason: "Quarter close" })]);
    expect(report.scorecard.lines).toContainEqual(expect.objectContaining({ label: "Freezes broken", actual: "1", met: false }));

    const admin = await as("admin", baseUrl);
    expect((await admin.request("DELETE", `/api/freezes/${f.id}`, {})).status).toBe(400);
    expect((await (await as("commander", baseUrl)).request("DELETE", `/api/freezes/${f.id}`, { reason: "x" })).status).toBe(403);
    const ended = await admin.request("DELETE", `/api/freezes/${f.id}`, { reason: "close done early" });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ state: "ended", endedBy: "admin@test.local", endReason: "close done early" });
    expect((await admin.request("DELETE", `/api/freezes/${f.id}`, { reason: "again" })).status).toBe(409);
    expect((await admin.get("/api/freezes")).body.freezes.map((x: { id: string }) => x.id)).not.toContain(f.id);
    expect((await act(baseUrl, "commander", draft.id, { action: "continue" })).status).toBe(200);

    const audit = (await admin.get(`/api/audit?targetType=freeze&limit=50`)).body.entries as { action: string; target: { id: string }; data: Record<string, unknown> }[];
    const mine = audit.filter((e) => e.target.id === f.id).map((e) => [e.action, e.data.reason]);
    expect(mine).toEqual([
      ["freeze.ended", "close done early"],
      ["freeze.created", "Quarter close"],
    ]);
  });

  it("a plan window outside its hours refuses START and CONTINUE with frozen, naming when it opens", async () => {
    // A window on the day after tomorrow only (UTC): never open now.
    const day = WEEKDAYS[(new Date().getUTCDay() + 2) % 7];
    const draft = await newRelease(baseUrl, `svc-${unique()}`, { windows: { timeZone: "UTC", allow: [{ days: [day], from: "09:00", to: "16:00" }] } });
    const start = await act(baseUrl, "commander", draft.id, { action: "start" });
    expect([start.status, start.body.error.code]).toEqual([409, "frozen"]);
    expect(start.body.error.details.freeze).toMatchObject({ source: "window", freezeId: null });
    const opens = new Date(start.body.error.details.freeze.until);
    expect(opens.getUTCHours()).toBe(9);
    expect(WEEKDAYS[opens.getUTCDay()]).toBe(day);
    // An admin breaks the window for START; CONTINUE is held again.
    expect((await act(baseUrl, "admin", draft.id, { action: "start", breakFreeze: { reason: "hotfix" } })).status).toBe(200);
    const cont = await act(baseUrl, "commander", draft.id, { action: "continue" });
    expect([cont.status, cont.body.error.code]).toEqual([409, "frozen"]);
  });

  it("given a running wave with autoContinue: it holds during the freeze and promotes itself once the freeze ends", async () => {
    const service = `svc-${unique()}`;
    const f = await freeze(baseUrl, service, "Launch day");
    const release = await newRelease(baseUrl, service, {
      waves: [
        { name: "Canary", trafficPercent: 10, bakeSeconds: 1, autoContinue: true },
        { name: "All", trafficPercent: 100 },
      ],
    });
    expect((await act(baseUrl, "admin", release.id, { action: "start", breakFreeze: { reason: "start the canary only" } })).status).toBe(200);
    // Well past the bake time, several schedule ticks: still in the canary, the freeze named as its gate.
    await new Promise((r) => setTimeout(r, 3500));
    const held = (await (await as("viewer", baseUrl)).get(`/api/releases/${release.id}`)).body;
    expect(held.currentWaveIndex).toBe(0);
    expect(held.gate.unmet.map((u: { kind: string }) => u.kind)).toEqual(["freeze"]);
    expect((await (await as("admin", baseUrl)).request("DELETE", `/api/freezes/${f.id}`, { reason: "launch went fine" })).status).toBe(200);
    const promoted = await eventually(
      () => eventsOf(baseUrl, release.id),
      (events) => events.some((e) => e.type === "completed" || e.type === "promoted"),
      15_000,
      250,
    );
    const auto = promoted.find((e) => e.type === "promoted" || e.type === "completed")!;
    expect(auto.actor).toBe("schedule");
  });

  it("a freeze on one environment holds that stage of a programme and lets the other stage go on", async () => {
    const service = `svc-${unique()}`;
    const n = unique();
    const release = await newRelease(baseUrl, service, {
      waves: undefined,
      tracks: [
        { key: "staging", name: "Staging", environment: `staging-${n}`, waves: [{ name: "Staging half", trafficPercent: 50 }, { name: "Staging all", trafficPercent: 100 }] },
        { key: "prod", name: "Prod", environment: `prod-${n}`, waves: [{ name: "Prod canary", trafficPercent: 10 }, { name: "Prod all", trafficPercent: 100 }] },
      ],
    });
    expect((await act(baseUrl, "commander", release.id, { action: "start", track: "staging" })).status).toBe(200);
    expect((await act(baseUrl, "commander", release.id, { action: "start", track: "prod" })).status).toBe(200);
    const f = await freeze(baseUrl, service, "Prod incident review", { environments: [`prod-${n}`] });

    const prod = await act(baseUrl, "commander", release.id, { action: "continue", track: "prod" });
    expect([prod.status, prod.body.error.code]).toEqual([409, "frozen"]);
    expect(prod.body.error.details.freeze).toMatchObject({ freezeId: f.id, reason: "Prod incident review" });
    const staging = await act(baseUrl, "commander", release.id, { action: "continue", track: "staging" });
    expect(staging.status, JSON.stringify(staging.body)).toBe(200);
    const view = staging.body as { frozen: unknown; tracks: { key: string; frozen: { freezeId: string } | null }[] };
    expect(view.tracks.map((t) => [t.key, t.frozen?.freezeId ?? null])).toEqual([["staging", null], ["prod", f.id]]);
    // Not every track is held, so the release as a whole is not shown frozen.
    expect(view.frozen).toBeNull();
    expect((await act(baseUrl, "commander", release.id, { action: "pause", track: "prod", reason: "hold" })).status).toBe(200);
    expect((await act(baseUrl, "commander", release.id, { action: "rollback", track: "prod", reason: "bad" })).status).toBe(200);
  });

  it("a release policy's allowed windows refuse START outside them with frozen, naming the policy and when they open", async () => {
    const service = `svc-${unique()}`;
    const admin = await as("admin", baseUrl);
    const day = (new Date().getUTCDay() + 2) % 7;
    const policy = await admin.post("/api/policies", { name: `hours-${unique()}`, match: { service }, allowedWindows: [{ days: [day], from: "09:00", to: "16:00" }] });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    try {
      const draft = await newRelease(baseUrl, service);
      const start = await act(baseUrl, "commander", draft.id, { action: "start" });
      expect([start.status, start.body.error.code]).toEqual([409, "frozen"]);
      expect(start.body.error.message).toContain(`Outside the release windows of policy "${policy.body.name}"`);
      expect(start.body.error.details.freeze).toMatchObject({ source: "window", policy: policy.body.name });
      const opens = new Date(start.body.error.details.freeze.until);
      expect([opens.getUTCDay(), opens.getUTCHours()]).toEqual([day, 9]);
      // PAUSE and ROLLBACK are never held: an admin breaks the window for START (audited), then the commander stops it.
      expect((await act(baseUrl, "admin", draft.id, { action: "start", breakFreeze: { reason: "hotfix" } })).status).toBe(200);
      expect((await act(baseUrl, "commander", draft.id, { action: "pause", reason: "hold" })).status).toBe(200);
      expect((await act(baseUrl, "commander", draft.id, { action: "rollback", reason: "stop" })).status).toBe(200);
      expect((await eventsOf(baseUrl, draft.id)).filter((e) => e.type === "freeze_broken").map((e) => e.data.source)).toEqual(["window"]);
    } finally {
      await admin.delete(`/api/policies/${policy.body.id}`);
    }
  });
});

describe.each(targets)("quarantine on $name", ({ baseUrl, databaseUrl }) => {
  const direct = createDb(databaseUrl);
  afterAll(() => direct.$disconnect());

  it("given a rollback: a new release of the same service and version is refused START with quarantined until an admin lifts it; a new version is not held", async () => {
    const service = `svc-${unique()}`;
    const first = await newRelease(baseUrl, service, { version: "3.1.0" });
    expect((await act(baseUrl, "commander", first.id, { action: "start" })).status).toBe(200);
    const rolledBack = await act(baseUrl, "commander", first.id, { action: "rollback", reason: "checkout errors" });
    expect(rolledBack.status).toBe(200);
    // The quarantine is written with the rollback: the same version of the release, one transaction.
    const written = rolledBack.body.events as (EventRow & { version: number })[];
    const rollbackEvent = written.find((e) => e.type === "rolled_back")!;
    const quarantinedEvent = written.find((e) => e.type === "quarantined")!;
    expect(quarantinedEvent).toMatchObject({ actor: "commander@test.local", reason: "checkout errors", data: { service, version: "3.1.0" } });
    expect(quarantinedEvent.version).toBe(rollbackEvent.version);
    const row = await direct.quarantine.findUnique({ where: { id: quarantinedEvent.data.quarantineId as string } });
    expect(row).toMatchObject({ service, serviceVersion: "3.1.0", releaseId: first.id, rolledBackBy: "commander@test.local", liftedAt: null });

    const listed = (await (await as("viewer", baseUrl)).get(`/api/quarantines?service=${service}`)).body.quarantines;
    expect(listed).toEqual([expect.objectContaining({ id: row!.id, releaseId: first.id, reason: "checkout errors" })]);

    const again = await newRelease(baseUrl, service, { version: "3.1.0" });
    const refused = await act(baseUrl, "commander", again.id, { action: "start" });
    expect([refused.status, refused.body.error.code]).toEqual([409, "quarantined"]);
    expect(refused.body.error.details.quarantine).toMatchObject({ quarantineId: row!.id, releaseId: first.id, by: "commander@test.local", reason: "checkout errors" });
    expect(refused.body.error.message).toContain(first.id === refused.body.error.details.quarantine.releaseId ? "was rolled back in" : "");
    // No override passes it, and no break of a freeze either.
    const overridden = await act(baseUrl, "admin", again.id, { action: "start", override: true, reason: "sure", breakFreeze: { reason: "sure" } });
    expect([overridden.status, overridden.body.error.code]).toEqual([409, "quarantined"]);
    expect((await (await as("viewer", baseUrl)).get(`/api/releases/${again.id}`)).body.quarantined).toMatchObject({ quarantineId: row!.id });

    // Another version of the service is not held.
    const newer = await newRelease(baseUrl, service, { version: "3.1.1" });
    expect((await act(baseUrl, "commander", newer.id, { action: "start" })).status).toBe(200);

    // Lifting: admins only, with a reason; audited.
    expect((await (await as("commander", baseUrl)).post(`/api/quarantines/${row!.id}/lift`, { reason: "fixed" })).status).toBe(403);
    const admin = await as("admin", baseUrl);
    expect((await admin.post(`/api/quarantines/${row!.id}/lift`, {})).status).toBe(400);
    const lifted = await admin.post(`/api/quarantines/${row!.id}/lift`, { reason: "the database was at fault, not 3.1.0" });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    expect(lifted.body).toMatchObject({ liftedBy: "admin@test.local", liftReason: "the database was at fault, not 3.1.0" });
    expect((await admin.post(`/api/quarantines/${row!.id}/lift`, { reason: "twice" })).status).toBe(409);
    const audit = (await admin.get(`/api/audit?targetType=quarantine&limit=50`)).body.entries as { action: string; target: { id: string }; data: Record<string, unknown> }[];
    expect(audit.filter((e) => e.target.id === row!.id)).toEqual([
      expect.objectContaining({ action: "quarantine.lifted", data: { service, version: "3.1.0", releaseId: first.id, reason: "the database was at fault, not 3.1.0" } }),
    ]);

    expect((await act(baseUrl, "commander", again.id, { action: "start" })).status).toBe(200);
  });
});
