// Incidents and post-rollout reports on SQLite and PostgreSQL, against the real server: an incident opens with the
// rollback that caused it, edits are audited and checked for staleness, and the report's JSON says what happened.
import { describe, expect, it } from "vitest";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { eventually } from "./support/poll";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";

const targets = workerTargets();
const sample = (metric: string, value: number, cohort: "canary" | "baseline" = "canary", aheadMs = 0) => ({ metric, value, ts: new Date(Date.now() + aheadMs).toISOString(), cohort });
type Ev = { seq: number; type: string; actor: string; reason: string | null; data: Record<string, unknown> };

describe.each(targets)("incidents and reports on $name", ({ baseUrl }) => {
  async function pusher(releaseId: string) {
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/tokens", { name: `report pusher ${Math.random()}`, releaseId });
    expect(res.status).toBe(201);
    const client = SessionClient.withToken(baseUrl, res.body.token);
    return async (samples: unknown[]) => expect((await client.post(`/api/releases/${releaseId}/metrics`, { samples })).status).toBe(202);
  }
  const eventsOf = async (id: string): Promise<Ev[]> => (await (await as("viewer", baseUrl)).get(`/api/releases/${id}/events`)).body.events;

  it("reports a completed rollout: waves, who promoted and why, gates, sign-offs, metrics and scorecard", async () => {
    const admin = await as("admin", baseUrl);
    const plan = simplePlan(3, {
      guardrails: [{ metric: "error_rate", comparator: ">", target: 0.01, warning: 0.05, critical: 0.1, forSeconds: 60, windowSeconds: 60, onCritical: "rollback" }],
    });
    plan.waves[0] = { ...plan.waves[0], checklist: [{ text: "Smoke tests pass", ownerRole: "QA" }], signoffs: ["Product Manager"] };
    const created = await admin.post("/api/releases", plan);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const commander = await as("commander", baseUrl);
    expect((await commander.post(`/api/releases/${id}/actions`, { action: "start", reason: "go" })).status).toBe(200);
    const push = await pusher(id);
    await push([sample("error_rate", 0.004), sample("error_rate", 0.006), sample("error_rate", 0.005, "baseline")]);

    const item = (await commander.get(`/api/releases/${id}/checklist`)).body.items.find((c: { text: string }) => c.text === "Smoke tests pass");
    expect((await commander.request("PATCH", `/api/releases/${id}/checklist/${item.id}`, { state: "met", reason: "run 4812 green" })).status).toBe(200);
    const approver = await as("approver", baseUrl);
    expect((await approver.post(`/api/releases/${id}/waves/0/signoffs`, { role: "Product Manager", decision: "approve", comment: "looks good" })).status).toBe(201);
    for (const [i, reason] of ["wave 1 clean", "wave 2 clean", "done"].entries()) {
      // No evidence, no GO: each later wave needs its own canary data before CONTINUE. Time-stamped in the next 10 s
      // bucket, so the report (which reads 10 s buckets) does not count it in the wave before.
      if (i > 0) await push([sample("error_rate", 0.005, "canary", 10_000)]);
      const res = await commander.post(`/api/releases/${id}/actions`, { action: "continue", reason });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    const res = await commander.get(`/api/releases/${id}/report`);
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report).toMatchObject({ releaseId: id, status: "completed", live: false, runs: 1 });
    expect(report.outcome).toMatch(/reached 100% of traffic through 3 waves .* with no rollback\.$/);
    expect(report.waves.map((w: { index: number; leftBy: { how: string; reason: string } }) => [w.index, w.leftBy.how, w.leftBy.reason])).toEqual([
      [0, "promoted", "wave 1 clean"],
      [1, "promoted", "wave 2 clean"],
      [2, "completed", "done"],
    ]);
    const first = report.waves[0];
    expect(first.enteredBy).toMatchObject({ how: "started", actor: "commander@test.local", reason: "go" });
    expect(first.leftBy.actor).toBe("commander@test.local");
    expect(first.gates).toEqual([expect.objectContaining({ text: "Smoke tests pass", state: "met", by: "commander@test.local", reason: "run 4812 green" })]);
    expect(first.signoffs).toEqual([expect.objectContaining({ role: "Product Manager", decision: "approve", by: "approver@test.local", comment: "looks good" })]);
    const metric = first.metrics[0];
    expect(metric).toMatchObject({ metric: "error_rate", level: "ok", samples: 2 });
    expect(metric.canaryMean).toBeCloseTo(0.005, 6);
    expect(metric.baselineMean).toBeCloseTo(0.005, 6);
    expect(metric.worst).toBeCloseTo(0.005, 6);
    expect(report.breaches).toEqual([]);
    expect(report.incidents).toEqual([]);
    expect(report.scorecard.lines[0]).toMatchObject({ label: "Rollbacks", actual: "0", met: true });
    expect(report.scorecard.lines).toContainEqual(expect.objectContaining({ label: 'Wave 1 "Wave 1": worst Error rate', met: true }));

    // The Markdown form, by query and by Accept header.
    const md = await commander.raw(`/api/releases/${id}/report?format=markdown`);
    expect(md.headers.get("content-type")).toContain("text/markdown");
    const text = await md.text();
    expect(text).toContain(`# Post-rollout report: ${plan.name} ${plan.version}`);
    expect(text).toContain("- Left: promoted by commander@test.local");
    expect(text).toContain('"wave 1 clean"');
    const byAccept = await commander.raw(`/api/releases/${id}/report`, { headers: { accept: "text/markdown" } });
    expect(await byAccept.text()).toBe(text);

    // Lessons and action items: audited, stale writes refused with nothing written, viewers refused.
    const lessons = await commander.request("PUT", `/api/releases/${id}/report/lessons`, { text: "Bake longer at 33%.", expectedVersion: 0 });
    expect(lessons.status).toBe(200);
    expect(lessons.body.lessons).toMatchObject({ text: "Bake longer at 33%.", version: 1, updatedBy: "commander@test.local" });
    const stale = await approver.request("PUT", `/api/releases/${id}/report/lessons`, { text: "overwrite", expectedVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    const viewer = await as("viewer", baseUrl);
    expect((await viewer.request("PUT", `/api/releases/${id}/report/lessons`, { text: "x", expectedVersion: 1 })).status).toBe(403);
    const added = await approver.post(`/api/releases/${id}/report/action-items`, { text: "Alert on p99 too", owner: "ops@example.com", dueDate: "2026-12-15" });
    expect(added.status).toBe(201);
    const bad = await approver.post(`/api/releases/${id}/report/action-items`, { text: "x", owner: "y", dueDate: "2026-02-30" });
    expect(bad.status).toBe(400);
    const done = await approver.request("PATCH", `/api/releases/${id}/report/action-items/${added.body.actionItem.id}`, { expectedVersion: 1, done: true });
    expect(done.status).toBe(200);
    const after = (await commander.get(`/api/releases/${id}/report`)).body;
    expect(after.lessons.text).toBe("Bake longer at 33%.");
    expect(after.actionItems).toEqual([expect.objectContaining({ text: "Alert on p99 too", owner: "ops@example.com", dueDate: "2026-12-15", done: true, version: 2 })]);
    const types = (await eventsOf(id)).map((e) => e.type);
    expect(types.filter((t) => ["report_lessons_updated", "action_item_added", "action_item_updated"].includes(t))).toEqual([
      "report_lessons_updated",
      "action_item_added",
      "action_item_updated",
    ]);
  });

  it("opens an incident with a guardrail rollback, and reports the rolled-back release", async () => {
    const release = await createStartedRelease(
      baseUrl,
      simplePlan(4, { guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds: 0, windowSeconds: 10, onCritical: "rollback" }] }),
    );
    const push = await pusher(release.id);
    const viewer = await as("viewer", baseUrl);
    await eventually(
      async () => {
        await push([sample("error_rate", 0.5), sample("error_rate", 0.01, "baseline")]);
        return viewer.get(`/api/releases/${release.id}`);
      },
      (r) => r.body.status === "rolled_back",
      20_000,
    );
    const events = await eventsOf(release.id);
    const rolled = events.find((e) => e.type === "rolled_back")!;
    const opened = events.find((e) => e.type === "incident_opened")!;
    // Same transaction: the incident's event follows the rollback in the same commit (one version).
    expect(opened.seq).toBeGreaterThan(rolled.seq);
    expect((opened as Ev & { version: number }).version).toBe((rolled as Ev & { version: number }).version);
    expect(opened.data).toMatchObject({ trigger: "guardrail", severity: "P1", metric: "error_rate", level: "critical", affectedPercent: 25, run: 1 });

    const list = await viewer.get(`/api/releases/${release.id}/incidents`);
    expect(list.status).toBe(200);
    expect(list.body.incidents).toHaveLength(1);
    const incident = list.body.incidents[0];
    expect(incident).toMatchObject({ status: "investigating", severity: "P1", trigger: "guardrail", affectedPercent: 25, contact: "commander@test.local", version: 1 });
    expect(incident.title).toMatch(/error_rate critical breach, rolled back at 25% traffic/);
    // It started with the breach, not with the silence before the first sample.
    expect(incident.startedAt).toBe((events.find((e) => e.type === "breach") as Ev & { at: string }).at);
    // The timeline is the log: detected -> mitigated -> closed by rollback (not "recovered") -> opened, in seq order.
    const expected = events.filter((e) => ["breach", "escalated", "rolled_back", "episode_closed", "incident_opened"].includes(e.type)).map((e) => e.seq);
    expect(incident.timeline.map((t: { seq: number }) => t.seq)).toEqual(expected);
    expect(incident.timeline.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(["detected", "mitigated", "closed_by_rollback", "opened"]));
    expect(incident.timeline.map((t: { kind: string }) => t.kind)).not.toContain("recovered");

    // Commanders edit it; a stale edit is a 409 that writes nothing; a viewer is refused.
    const commander = await as("commander", baseUrl);
    const path = `/api/releases/${release.id}/incidents/${incident.id}`;
    const edited = await commander.request("PATCH", path, { expectedVersion: 1, status: "resolved", severity: "P2", reason: "fixed config" });
    expect(edited.status).toBe(200);
    expect(edited.body.incident).toMatchObject({ status: "resolved", severity: "P2", version: 2 });
    expect(edited.body.incident.resolvedAt).not.toBeNull();
    const stale = await commander.request("PATCH", path, { expectedVersion: 1, title: "late" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.title).toBe(incident.title);
    expect((await viewer.request("PATCH", path, { expectedVersion: 2, title: "nope" })).status).toBe(403);
    const update = (await eventsOf(release.id)).filter((e) => e.type === "incident_updated");
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({ actor: "commander@test.local", reason: "fixed config" });
    expect(update[0].data.changes).toEqual([
      { field: "status", from: "investigating", to: "resolved" },
      { field: "severity", from: "P1", to: "P2" },
    ]);
    const md = await viewer.raw(`${path}?format=markdown`);
    const text = await md.text();
    expect(md.headers.get("content-type")).toContain("text/markdown");
    expect(text).toContain("**Status:** Resolved");
    expect(text).toContain("**Affected users:** up to 25% of traffic");
    expect(text).toMatch(/\*\*mitigated\*\*: guardrail rolled back \(25% → 0% traffic\)/);

    const report = (await viewer.get(`/api/releases/${release.id}/report`)).body;
    expect(report).toMatchObject({ status: "rolled_back", live: false });
    expect(report.outcome).toMatch(/was rolled back by the guardrail \(error_rate\) from wave 1 of 4 "Wave 1" at 25% traffic: error_rate/);
    expect(report.waves).toHaveLength(1);
    expect(report.waves[0].leftBy).toMatchObject({ how: "rolled_back", actor: "guardrail", automatic: true });
    expect(report.breaches).toEqual([expect.objectContaining({ metric: "error_rate", level: "critical", acted: "guardrail rolled back", wave: "Wave 1" })]);
    expect(report.breaches[0].evidence).toMatch(/error_rate/);
    expect(report.incidents.map((i: { id: string }) => i.id)).toEqual([incident.id]);
    expect(report.waves[0].metrics[0]).toMatchObject({ metric: "error_rate", level: "critical" });
    expect(report.scorecard).toMatchObject({ rollbacks: 1, automaticRollbacks: 1 });
    expect(report.scorecard.lines[0]).toMatchObject({ label: "Rollbacks", met: false });
  });

  it("opens a P3 incident on a commander's rollback with no alert, with the commander as contact", async () => {
    const release = await createStartedRelease(baseUrl, simplePlan(3));
    const commander = await as("commander", baseUrl);
    const res = await commander.post(`/api/releases/${release.id}/actions`, { action: "rollback", reason: "support tickets spiking" });
    expect(res.status).toBe(200);
    const incidents = (await commander.get(`/api/releases/${release.id}/incidents`)).body.incidents;
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ trigger: "manual_rollback", severity: "P3", contact: "commander@test.local", metric: null, affectedPercent: 33 });
    expect(incidents[0].impact).toContain("Reason given: support tickets spiking.");
    // A live report exists for a draft too.
    const admin = await as("admin", baseUrl);
    const draft = await admin.post("/api/releases", simplePlan(2));
    const report = await admin.get(`/api/releases/${draft.body.id}/report`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ status: "draft", live: true, waves: [] });
    expect((await admin.get("/api/releases/nope/report")).status).toBe(404);
  });
});
