// A delivery's claim, as sequences on real databases (SQLite and PostgreSQL, two connection pools: two processes'
// worth) and a real receiver on loopback: a stale sender's outcome is refused once another sender took the delivery
// over; renewal keeps a slow call from being taken over; a sender that died between its claim and its call holds the
// delivery one claim's length (15 s by default), not minutes. No durations are asserted: the tests wait and count.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../platform/db/apply-migrations";
import { createDb, type Db } from "../../platform/db/client";
import { eventually } from "../../../tests/support/poll";
import { startReceiver, type Receiver } from "../../../tests/support/webhook-receiver";
import { workerTargets } from "../../../tests/support/targets";
import { DEFAULT_CLAIM_MS } from "./delivery-claim";
import { WebhookDispatcher } from "./webhook-dispatcher";
import type { WebhookSettings } from "./webhook-settings";

const settings: WebhookSettings = {
  allowHosts: ["127.0.0.1"],
  retryScheduleMs: [50, 50],
  trafficRetryScheduleMs: [50],
  publicUrl: "http://localhost:3000",
  hookSecret: "whsec_" + Buffer.from("h".repeat(24)).toString("base64"),
  claimMs: DEFAULT_CLAIM_MS,
};
const SECRET = "whsec_" + Buffer.from("s".repeat(24)).toString("base64");
const dir = mkdtempSync(path.join(tmpdir(), "tidegate-claims-"));

async function freshPostgres(): Promise<string> {
  const base = workerTargets().find((t) => t.name === "postgres")!.databaseUrl;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS tidegate_webhook_claims WITH (FORCE)");
  await admin.query("CREATE DATABASE tidegate_webhook_claims");
  await admin.end();
  return base.replace(/\/[^/?]+(\?|$)/, "/tidegate_webhook_claims$1");
}

const databases: [string, () => Promise<string>][] = [
  ["SQLite", async () => `file:${path.join(dir, "claims.db")}`],
  ["PostgreSQL", freshPostgres],
];

/** A promise the test resolves: the receiver holds its answer until then. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(databases)("a delivery's claim on %s", (_, makeUrl) => {
  let url: string;
  let one: Db;
  let two: Db;
  let receiver: Receiver;
  let n = 0;

  beforeAll(async () => {
    url = await makeUrl();
    await applyMigrations(url);
    one = createDb(url);
    two = createDb(url);
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await receiver?.close();
    await one?.$disconnect();
    await two?.$disconnect();
  });

  /** One pending delivery, due now, to its own endpoint at `path`; every other endpoint is disabled (its rows wait). */
  async function pendingDelivery(hookPath: string) {
    n++;
    await one.webhookEndpoint.updateMany({ data: { enabled: false } });
    const endpoint = await one.webhookEndpoint.create({ data: { id: `ep_claim_${n}`, url: receiver.url(hookPath), kind: "standard", secret: SECRET, createdBy: "t" } });
    const now = new Date();
    return one.webhookDelivery.create({
      data: {
        id: `msg_claim_${n}`,
        dedupeKey: `${endpoint.id}:claims:${n}`,
        target: "webhook",
        endpointId: endpoint.id,
        releaseId: "claims",
        seq: n,
        eventType: "checklist_updated",
        payload: JSON.stringify({ type: "checklist_updated", n }),
        nextAttemptAt: now,
        eventAt: now,
      },
    });
  }
  const rowOf = (id: string) => one.webhookDelivery.findUniqueOrThrow({ where: { id } });
  const dispatcher = (client: Db, senderId: string, claimMs?: number) => new WebhookDispatcher({ client, databaseUrl: url, settings, senderId, claimMs });

  it("given a call in flight, when its claim runs out and another sender takes the delivery over, then the stale sender's outcome is refused", async () => {
    const held = gate();
    receiver.on("/stale", (count) => (count === 1 ? { status: 200, body: "from the stale sender's call", until: held.opened } : { status: 200, body: "from the new claim" }));
    const delivery = await pendingDelivery("/stale");
    const a = dispatcher(one, "a", 60_000);
    const b = dispatcher(two, "b");
    // Given: a has claimed the delivery and its call is at the receiver, unanswered.
    const sending = a.sendDue();
    await eventually(async () => receiver.of("/stale").length, (c) => c === 1, 60_000, 20);
    expect((await rowOf(delivery.id)).claimedBy).toMatch(/^a:/);
    // When: a's claim runs out (as when a sender freezes longer than its claim) and b claims and sends it.
    await eventually(
      async () => {
        await one.webhookDelivery.updateMany({ where: { id: delivery.id, claimedBy: { startsWith: "a:" } }, data: { claimedUntil: new Date(0) } });
        await b.sendDue();
        return rowOf(delivery.id);
      },
      (row) => row.status === "succeeded",
      60_000,
      50,
    );
    held.open();
    await sending;
    // Then: b's outcome stands; a's (answered later) was refused by the fence; one attempt in the log.
    const row = await rowOf(delivery.id);
    expect(row).toMatchObject({ status: "succeeded", attempts: 1, lastResponse: "from the new claim", claimedBy: null, claimedUntil: null });
    expect(await one.webhookAttempt.count({ where: { deliveryId: delivery.id } })).toBe(1);
    expect(a.stats.fenced).toBe(1);
    expect(b.stats.fenced).toBe(0);
    // The receiver saw the webhook-id twice: the repeat this guarantee allows (a sender outlived by its claim).
    expect(receiver.of("/stale").map((r) => r.headers["webhook-id"])).toEqual([delivery.id, delivery.id]);
  }, 240_000);

  it("given a call slower than its claim, when another sender keeps polling, then the renewed claim keeps the delivery with the first sender", async () => {
    const claimMs = 3000;
    const held = gate();
    receiver.on("/slow", { status: 200, until: held.opened });
    const delivery = await pendingDelivery("/slow");
    const a = dispatcher(one, "a", claimMs);
    const b = dispatcher(two, "b", claimMs);
    // Given: a's call is at the receiver, unanswered.
    const sending = a.sendDue();
    await eventually(async () => receiver.of("/slow").length, (c) => c === 1, 60_000, 20);
    const firstEnd = (await rowOf(delivery.id)).claimedUntil!.getTime();
    // When: b polls for due deliveries until well past the end of a's first claim (and a has renewed it).
    const ends = new Set<number>();
    await eventually(
      async () => {
        await b.sendDue();
        const row = await rowOf(delivery.id);
        if (row.claimedUntil) ends.add(row.claimedUntil.getTime());
        return Date.now() > firstEnd + 2 * claimMs;
      },
      (past) => past,
      120_000,
      100,
    );
    held.open();
    await sending;
    // Then: one call, by a, recorded once; b never called; a's claim was moved on meanwhile (renewed).
    expect(receiver.of("/slow")).toHaveLength(1);
    expect(ends.size).toBeGreaterThan(1);
    expect(b.stats.calls).toBe(0);
    expect(a.stats.fenced).toBe(0);
    expect(await rowOf(delivery.id)).toMatchObject({ status: "succeeded", attempts: 1, claimedBy: null });
    expect(await one.webhookAttempt.count({ where: { deliveryId: delivery.id } })).toBe(1);
  }, 240_000);

  it("given a sender that died between its claim and its call, when another sender polls, then the delivery is sent once its (default, 15 s) claim runs out, not minutes later", async () => {
    receiver.on("/orphan", { status: 200 });
    const delivery = await pendingDelivery("/orphan");
    // Given: a claims with the production default and dies (no call, no renewal, no release).
    const a = dispatcher(one, "a");
    const claim = await a.claimDue();
    expect(claim?.rows.map((r) => r.id)).toEqual([delivery.id]);
    expect((await rowOf(delivery.id)).claimedBy).toBe(claim!.token);
    // When: b polls every quarter second; Then: it sends the delivery, once, well before a 5-minute claim would end.
    const b = dispatcher(two, "b");
    const row = await eventually(
      async () => {
        await b.sendDue();
        return rowOf(delivery.id);
      },
      (r) => r.status === "succeeded",
      120_000,
      250,
    );
    expect(row).toMatchObject({ attempts: 1, claimedBy: null });
    expect(receiver.of("/orphan")).toHaveLength(1);
    expect(b.stats.calls).toBe(1);
    expect(a.stats.calls).toBe(0);
  }, 240_000);
});
