// Ownership is a rule (issue 15, item 6) through the real server on SQLite and PostgreSQL: owners tick their items
// and the commander or an admin on their behalf (recorded); sign-offs open when their wave is next; RETRY reopens the
// go/no-go decisions of the waves it runs again; the commander is an explicit role, handed over and audited.
import { describe, expect, it } from "vitest";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { workerTargets } from "./support/targets";

const targets = workerTargets();
type Ev = { type: string; actor: string; reason: string | null; data: Record<string, unknown> };

describe.each(targets)("ownership on $name", ({ baseUrl }) => {
  const eventsOf = async (id: string): Promise<Ev[]> => (await (await as("viewer", baseUrl)).get(`/api/releases/${id}/events`)).body.events;
  const plan = () =>
    simplePlan(2, {
      waves: [
        {
          name: "Pilot",
          trafficPercent: 50,
          signoffs: ["Product Manager"],
          checklist: [
            { text: "Pen test passed", ownerRole: "Security" },
            { text: "Runbook linked" },
            { text: "Dashboards green", ownerRole: "Operations Lead" },
          ],
        },
        { name: "All", trafficPercent: 100, signoffs: ["Product Manager"] },
      ],
    });
  const itemsOf = async (id: string) =>
    (await (await as("viewer", baseUrl)).get(`/api/releases/${id}/checklist`)).body.items as { id: string; text: string; state: string }[];

  it("owners tick their items; the commander and admins on their behalf, recorded; others are refused and nothing is written", async () => {
    const release = await createStartedRelease(baseUrl, plan());
    const url = `/api/releases/${release.id}`;
    const [pen, runbook, dashboards] = await itemsOf(release.id);
    const approver = await as("approver", baseUrl);
    const commander = await as("commander", baseUrl);
    const admin = await as("admin", baseUrl);

    const ownerTick = await approver.patch(`${url}/checklist/${dashboards.id}`, { state: "met" });
    expect(ownerTick.status).toBe(200);
    expect(ownerTick.body.events[0].data).toMatchObject({ as: "owner", onBehalfOf: null });

    const before = (await eventsOf(release.id)).length;
    const notOwner = await approver.patch(`${url}/checklist/${pen.id}`, { state: "met" });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error.message).toBe('"Pen test passed": Only its owner (Security), the commander (commander@test.local) or an admin may change this item');
    const unowned = await approver.patch(`${url}/checklist/${runbook.id}`, { state: "met" });
    expect(unowned.status).toBe(403);
    expect((await eventsOf(release.id)).length).toBe(before);

    const onBehalf = await commander.patch(`${url}/checklist/${pen.id}`, { state: "met", reason: "Security lead confirmed by phone" });
    expect(onBehalf.status).toBe(200);
    expect(onBehalf.body.events[0]).toMatchObject({ actor: "commander@test.local", data: { as: "commander", onBehalfOf: "Security" } });
    const byAdmin = await admin.patch(`${url}/checklist/${runbook.id}`, { state: "met" });
    expect(byAdmin.body.events[0].data).toMatchObject({ as: "admin", onBehalfOf: "commander" });
  });

  it("sign-offs open only when their wave is next: never in advance, never after the wave", async () => {
    const release = await createStartedRelease(baseUrl, simplePlan(2, { waves: [{ name: "Pilot", trafficPercent: 50, signoffs: ["Product Manager"] }, { name: "All", trafficPercent: 100, signoffs: ["Product Manager"] }] }));
    const url = `/api/releases/${release.id}`;
    const approver = await as("approver", baseUrl);
    const ahead = await approver.post(`${url}/waves/1/signoffs`, { role: "Product Manager", decision: "approve" });
    expect(ahead.status).toBe(409);
    expect(ahead.body.error).toMatchObject({ code: "signoff_not_open", message: "Sign-offs for wave 2 open when that wave is running (they decide whether to leave it)" });
    expect((await approver.post(`${url}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
    expect((await (await as("commander", baseUrl)).post(`${url}/actions`, { action: "continue" })).status).toBe(200);
    const after = await approver.post(`${url}/waves/0/signoffs`, { role: "Product Manager", decision: "withdraw" });
    expect(after.status).toBe(409);
    expect(after.body.error.message).toContain("past that wave");
    expect((await approver.post(`${url}/waves/1/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
  });

  it("RETRY reopens the manual items and sign-offs of the waves it runs again, and says how many", async () => {
    const release = await createStartedRelease(baseUrl, plan());
    const url = `/api/releases/${release.id}`;
    const approver = await as("approver", baseUrl);
    const commander = await as("commander", baseUrl);
    const [, , dashboards] = await itemsOf(release.id);
    expect((await approver.patch(`${url}/checklist/${dashboards.id}`, { state: "met" })).status).toBe(200);
    expect((await approver.post(`${url}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" })).status).toBe(201);
    expect((await commander.post(`${url}/actions`, { action: "rollback", reason: "errors" })).status).toBe(200);
    const retried = await commander.post(`${url}/actions`, { action: "retry" });
    expect(retried.status).toBe(200);
    expect(retried.body.events[0]).toMatchObject({ type: "retried", data: { reopenedItems: 1, reopenedSignoffs: 1 } });
    expect(retried.body.waves[0].signoffs).toEqual([]);
    expect(retried.body.waves[0].checklist.find((c: { id: string }) => c.id === dashboards.id)).toMatchObject({ state: "open", reason: "Reopened: retry runs this wave again" });
  });

  it("the commander is the first person to command, changes only by a hand-over, and every change is audited", async () => {
    const release = await createStartedRelease(baseUrl, simplePlan(2));
    const url = `/api/releases/${release.id}`;
    const commander = await as("commander", baseUrl);
    const admin = await as("admin", baseUrl);
    expect((await eventsOf(release.id)).find((e) => e.type === "commander_changed")).toMatchObject({
      actor: "commander@test.local",
      data: { from: null, to: "commander@test.local", how: "first_command" },
    });
    // Another person pressing a button does not become the commander.
    expect((await admin.post(`${url}/actions`, { action: "pause", reason: "hold" })).status).toBe(200);
    expect((await commander.get(url)).body.commander).toBe("commander@test.local");

    expect((await commander.post(`${url}/commander`, { to: "viewer@test.local" })).status).toBe(400);
    const handed = await commander.post(`${url}/commander`, { to: "admin@test.local", reason: "end of my shift" });
    expect(handed.status).toBe(200);
    expect(handed.body.release.commander).toBe("admin@test.local");
    expect(handed.body.events[0]).toMatchObject({ type: "commander_changed", actor: "commander@test.local", reason: "end of my shift", data: { from: "commander@test.local", to: "admin@test.local", how: "handed_over" } });
    // The former commander no longer holds the role.
    const refused = await commander.post(`${url}/commander`, { to: "commander@test.local" });
    expect(refused.status).toBe(403);
    // An admin may reassign it (an absent commander).
    const back = await admin.post(`${url}/commander`, { to: "commander@test.local" });
    expect(back.body.events[0].data).toMatchObject({ how: "handed_over" });
  });

  it("a pipeline's token starts a release without becoming its commander; the first person who acts does", async () => {
    const admin = await as("admin", baseUrl);
    const created = await admin.post("/api/tokens", { name: `pipeline-${Date.now()}`, scopes: ["pipeline"] });
    expect(created.status).toBe(201);
    const post = (path: string, body: unknown) =>
      fetch(baseUrl + path, { method: "POST", headers: { authorization: `Bearer ${created.body.token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const release = await (await post("/api/releases", simplePlan(2))).json();
    expect((await post(`/api/releases/${release.id}/actions`, { action: "start", reason: "deploy job 41" })).status).toBe(200);
    const commander = await as("commander", baseUrl);
    expect((await commander.get(`/api/releases/${release.id}`)).body.commander).toBeNull();
    expect((await eventsOf(release.id)).map((e) => e.type)).toEqual(["created", "started"]);
    // The person who acts next takes command (and may then tick unowned items, hand over...).
    expect((await commander.post(`/api/releases/${release.id}/actions`, { action: "pause", reason: "looking" })).status).toBe(200);
    expect((await commander.get(`/api/releases/${release.id}`)).body.commander).toBe("commander@test.local");
    expect((await eventsOf(release.id)).map((e) => e.type)).toEqual(["created", "started", "paused", "commander_changed"]);
  });
});
