// Plan v2 gates through the API on both stores: pre-start sign-offs with a quorum hold START, entry checklists
// hold the promotion into their wave, unowned items show as unassigned and items keep their group.
import { describe, expect, it } from "vitest";
import { as, simplePlan } from "./support/fixtures";
import { workerTargets } from "./support/targets";

const targets = workerTargets();

type Item = { id: string; text: string; waveIndex: number | null; ownerRole: string | null; gate: string; group: string | null; state: string };

describe.each(targets)("plan v2 gates on $name", ({ baseUrl }) => {
  const plan = () =>
    simplePlan(2, {
      preChecklist: [{ text: "Change ticket approved", group: "Process" }],
      preSignoffs: { roles: ["Product Manager", "Development Lead", "Operations Lead"], quorum: 2 },
      waves: [
        { name: "Pilot", trafficPercent: 10 },
        { name: "Broad", trafficPercent: 100, entryChecklist: [{ text: "Support trained", ownerRole: "Product Manager", group: "Support" }] },
      ],
    });

  it("START waits for the quorum of pre-start sign-offs; CONTINUE waits for the next wave's entry checklist", async () => {
    const admin = await as("admin", baseUrl);
    const commander = await as("commander", baseUrl);
    const approver = await as("approver", baseUrl);
    const created = await admin.post("/api/releases", plan());
    expect(created.status).toBe(201);
    const url = `/api/releases/${created.body.id}`;
    expect(created.body.preSignoffs).toEqual({ roles: ["Product Manager", "Development Lead", "Operations Lead"], quorum: 2, signoffQuorum: {}, signoffs: [] });

    const items = (await commander.get(`${url}/checklist`)).body.items as Item[];
    expect(items.map((i) => [i.text, i.waveIndex, i.ownerRole, i.gate, i.group])).toEqual([
      ["Change ticket approved", null, null, "exit", "Process"],
      ["Support trained", 1, "Product Manager", "entry", "Support"],
    ]);
    expect((await commander.patch(`${url}/checklist/${items[0].id}`, { state: "met" })).status).toBe(200);

    const noQuorum = await commander.post(`${url}/actions`, { action: "start" });
    expect(noQuorum.status).toBe(422);
    expect(noQuorum.body.error.details.unmet).toEqual([
      expect.objectContaining({ kind: "signoff", waveIndex: -1, message: expect.stringContaining("0 of the 2 needed") }),
    ]);
    // A sign-off for a role the plan does not ask for before start is refused, and writes nothing.
    const wrongRole = await approver.post(`${url}/waves/pre/signoffs`, { role: "Security", decision: "approve" });
    expect(wrongRole.status).toBe(400);
    expect((await approver.post(`${url}/waves/pre/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
    expect((await commander.post(`${url}/actions`, { action: "start" })).status).toBe(422);
    const second = await approver.post(`${url}/waves/pre/signoffs`, { role: "Operations Lead", decision: "approve" });
    expect(second.status).toBe(201);
    expect(second.body.release.gate).toEqual({ action: "start", open: true, unmet: [] });
    const started = await commander.post(`${url}/actions`, { action: "start" });
    expect(started.status).toBe(200);

    const blocked = await commander.post(`${url}/actions`, { action: "continue" });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.details.unmet).toEqual([
      expect.objectContaining({ kind: "checklist", itemId: items[1].id, message: 'Entry checklist of "Broad": "Support trained" is open (owner: Product Manager)' }),
    ]);
    expect((await approver.patch(`${url}/checklist/${items[1].id}`, { state: "met" })).status).toBe(200);
    const promoted = await commander.post(`${url}/actions`, { action: "continue" });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ currentWaveIndex: 1, trafficPercent: 100 });

    const events = (await commander.get(`${url}/events`)).body.events as { type: string; data: { waveIndex?: number; wave?: string } }[];
    expect(events.filter((e) => e.type === "signoff").map((e) => [e.data.waveIndex, e.data.wave])).toEqual([
      [-1, "Before start"],
      [-1, "Before start"],
    ]);
  });

  it("refuses pre-start sign-offs on a plan without them", async () => {
    const admin = await as("admin", baseUrl);
    const approver = await as("approver", baseUrl);
    const created = await admin.post("/api/releases", simplePlan(2));
    const res = await approver.post(`/api/releases/${created.body.id}/waves/pre/signoffs`, { role: "Product Manager", decision: "approve" });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain("no pre-start sign-offs");
  });
});
