// The go/no-go gate through the API: checklist items and sign-offs block CONTINUE until met; overrides need a reason.
import { describe, expect, it } from "vitest";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";

const targets = workerTargets();

describe.each(targets)("go/no-go gate on $name", ({ baseUrl }) => {
  const plan = () =>
    simplePlan(2, {
      waves: [
        {
          name: "Canary",
          trafficPercent: 10,
          checklist: [
            { text: "Error budget reviewed", ownerRole: "Operations Lead" },
            { text: "Release notes drafted", ownerRole: "Product Manager", required: false },
          ],
          signoffs: ["Product Manager", "Development Lead"],
        },
        { name: "All", trafficPercent: 100 },
      ],
    });

  it("refuses CONTINUE with 422 listing every missing item and sign-off, then allows it once they are done", async () => {
    const release = await createStartedRelease(baseUrl, plan());
    const commander = await as("commander", baseUrl);
    const approver = await as("approver", baseUrl);
    const url = `/api/releases/${release.id}`;

    const refused = await commander.post(`${url}/actions`, { action: "continue" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("gates_unmet");
    const unmet = refused.body.error.details.unmet;
    expect(unmet.map((u: { kind: string }) => u.kind).sort()).toEqual(["checklist", "signoff", "signoff"]);
    expect(unmet.find((u: { kind: string }) => u.kind === "checklist")).toMatchObject({ text: "Error budget reviewed", ownerRole: "Operations Lead" });
    expect(unmet.filter((u: { kind: string }) => u.kind === "signoff").map((u: { role: string }) => u.role).sort()).toEqual(["Development Lead", "Product Manager"]);

    const items = (await approver.get(`${url}/checklist`)).body.items as { id: string; text: string; waveIndex: number; ownerRole: string; state: string }[];
    expect(items.map((i) => [i.text, i.waveIndex, i.state])).toEqual([
      ["Error budget reviewed", 0, "open"],
      ["Release notes drafted", 0, "open"],
    ]);
    const tick = await approver.patch(`${url}/checklist/${items[0].id}`, { state: "met", evidenceUrl: "https://grafana.example/d/budget" });
    expect(tick.status).toBe(200);
    expect(tick.body.item).toMatchObject({ state: "met", updatedBy: "approver@test.local", evidenceUrl: "https://grafana.example/d/budget" });

    const reject = await approver.post(`${url}/waves/0/signoffs`, { role: "Product Manager", decision: "reject", comment: "Support not trained yet" });
    expect(reject.status).toBe(201);
    const blocked = await commander.post(`${url}/actions`, { action: "continue" });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.details.unmet.find((u: { role: string }) => u.role === "Product Manager")).toMatchObject({ rejectedBy: "approver@test.local" });

    for (const role of ["Product Manager", "Development Lead"]) {
      expect((await approver.post(`${url}/waves/0/signoffs`, { role, decision: "approve" })).status).toBe(201);
    }
    const gate = (await commander.get(url)).body.gate;
    expect(gate).toMatchObject({ action: "continue", open: true, unmet: [] });
    const promoted = await commander.post(`${url}/actions`, { action: "continue" });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ currentWaveIndex: 1, trafficPercent: 100 });

    const events = (await commander.get(`${url}/events`)).body.events as { type: string; actor: string }[];
    expect(events.filter((e) => e.type === "checklist_updated")).toHaveLength(1);
    expect(events.filter((e) => e.type === "signoff")).toHaveLength(3);
  });

  it("needs a reason to override, and records the override", async () => {
    const release = await createStartedRelease(baseUrl, plan());
    const commander = await as("commander", baseUrl);
    const url = `/api/releases/${release.id}/actions`;
    const noReason = await commander.post(url, { action: "continue", override: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe("reason_required");
    const blank = await commander.post(url, { action: "continue", override: true, reason: "   " });
    expect(blank.status).toBe(400);
    const ok = await commander.post(url, { action: "continue", override: true, reason: "CVE fix must ship tonight" });
    expect(ok.status).toBe(200);
    const override = ok.body.events.find((e: { type: string }) => e.type === "override");
    expect(override).toMatchObject({ actor: "commander@test.local", reason: "CVE fix must ship tonight" });
    expect(override.data.unmet.length).toBe(3);
  });

  it("no evidence, no GO: CONTINUE and autoContinue hold until pushed canary data arrives; an override passes and is audited", async () => {
    const guarded = simplePlan(3, {
      guardrails: [{ metric: "error_rate", comparator: ">", critical: 0.05, minSamples: 3 }],
      waves: [
        { name: "Canary", trafficPercent: 10, autoContinue: true },
        { name: "Half", trafficPercent: 50 },
        { name: "All", trafficPercent: 100 },
      ],
    });
    const release = await createStartedRelease(baseUrl, guarded);
    const commander = await as("commander", baseUrl);
    const url = `/api/releases/${release.id}`;
    const refused = await commander.post(`${url}/actions`, { action: "continue" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.unmet).toEqual([
      expect.objectContaining({ kind: "evidence", metric: "error_rate", observed: 0, required: 3, message: "Not enough evidence: error_rate: no canary data in this wave" }),
    ]);
    // The schedule runs every second here: with no evidence it must not promote on its own.
    await new Promise((r) => setTimeout(r, 2500));
    const held = (await commander.get(url)).body;
    expect(held.currentWaveIndex).toBe(0);
    expect(held.gate).toMatchObject({ action: "continue", open: false });
    const admin = await as("admin", baseUrl);
    const token = await admin.post("/api/tokens", { name: `evidence ${Math.random()}`, releaseId: release.id });
    const pipeline = SessionClient.withToken(baseUrl, token.body.token);
    const push = (n: number) =>
      pipeline.post(`${url}/metrics`, { samples: Array.from({ length: n }, () => ({ metric: "error_rate", value: 0.001, ts: new Date().toISOString(), cohort: "canary" })) });
    expect((await push(2)).status).toBe(202);
    const partial = (await commander.post(`${url}/actions`, { action: "continue" })).body;
    expect(partial.error.details.unmet[0].message).toBe("Not enough evidence: error_rate: 2 of 3 samples");
    expect((await push(1)).status).toBe(202);
    // Enough evidence: the schedule promotes the autoContinue wave by itself.
    let promoted = held;
    for (let i = 0; i < 40 && promoted.currentWaveIndex === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      promoted = (await commander.get(url)).body;
    }
    expect(promoted.currentWaveIndex).toBe(1);
    // The next wave starts with no evidence again; an override with a reason passes and is recorded with the gap.
    const next = await commander.post(`${url}/actions`, { action: "continue", expectedVersion: promoted.version });
    expect(next.status).toBe(422);
    const overridden = await commander.post(`${url}/actions`, { action: "continue", override: true, reason: "Metrics pipeline down; manual checks green" });
    expect(overridden.status).toBe(200);
    const override = overridden.body.events.find((e: { type: string }) => e.type === "override");
    expect(override.data.unmet).toEqual([expect.objectContaining({ kind: "evidence", metric: "error_rate" })]);
  });

  it("validates checklist and sign-off input", async () => {
    const release = await createStartedRelease(baseUrl, plan());
    const approver = await as("approver", baseUrl);
    const url = `/api/releases/${release.id}`;
    const itemId = (await approver.get(`${url}/checklist`)).body.items[0].id;
    const cases = [
      [await approver.patch(`${url}/checklist/${itemId}`, { state: "done" }), 400],
      [await approver.patch(`${url}/checklist/${itemId}`, { state: "waived" }), 400],
      [await approver.patch(`${url}/checklist/${itemId}`, { state: "met", evidenceUrl: "javascript:alert(1)" }), 400],
      [await approver.patch(`${url}/checklist/missing`, { state: "met" }), 404],
      [await approver.post(`${url}/waves/0/signoffs`, { role: "Security", decision: "approve" }), 400],
      [await approver.post(`${url}/waves/9/signoffs`, { role: "Product Manager", decision: "approve" }), 404],
      [await approver.post(`${url}/waves/0/signoffs`, { role: "Product Manager", decision: "reject" }), 400],
    ] as const;
    for (const [res, status] of cases) expect(res.status, JSON.stringify(res.body)).toBe(status);
    const waived = await approver.patch(`${url}/checklist/${itemId}`, { state: "waived", reason: "Covered by the SLO review" });
    expect(waived.status).toBe(200);
    expect(waived.body.item).toMatchObject({ state: "waived", reason: "Covered by the SLO review" });
  });
});
