// The go/no-go gate through the API: checklist items and sign-offs block CONTINUE until met; overrides need a reason.
import { describe, expect, it } from "vitest";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
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
