// Two webhook dispatchers racing on one PostgreSQL database (two processes' worth: separate connection pools),
// over the same outbox: every (endpoint, event) is delivered exactly once, never twice, none lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { applyMigrations } from "../../platform/db/apply-migrations";
import { createDb, type Db } from "../../platform/db/client";
import { LIVE_EVENT_TOPIC } from "../../platform/outbox/append-events";
import { startReceiver, type Receiver } from "../../../tests/support/webhook-receiver";
import { WebhookDispatcher } from "./webhook-dispatcher";
import type { WebhookSettings } from "./webhook-settings";
import { workerTargets } from "../../../tests/support/targets";

const base = workerTargets().find((t) => t.name === "postgres")!.databaseUrl;
const url = base.replace(/\/[^/?]+(\?|$)/, "/tidegate_webhook_race$1");
let receiver: Receiver;
let one: Db;
let two: Db;
const RELEASE = "race-release";
const EVENTS = 60;
const ENDPOINTS = 3;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS tidegate_webhook_race");
  await admin.query("CREATE DATABASE tidegate_webhook_race");
  await admin.end();
  await applyMigrations(url);
  receiver = await startReceiver();
  receiver.on("/race", { status: 200, delayMs: 5 });
  one = createDb(url);
  two = createDb(url);
  await one.release.create({ data: { id: RELEASE, name: "Race", service: "svc", serviceVersion: "1", planJson: JSON.stringify({ waves: [{ name: "W1", trafficPercent: 100, signoffs: [] }] }), status: "running", createdBy: "t" } });
  for (let i = 0; i < ENDPOINTS; i++) {
    await one.webhookEndpoint.create({ data: { id: `ep_race_${i}`, url: receiver.url("/race"), kind: "standard", secret: "whsec_" + Buffer.from("s".repeat(24)).toString("base64"), createdBy: "t" } });
  }
});

afterAll(async () => {
  await receiver?.close();
  await one?.$disconnect();
  await two?.$disconnect();
});

const settings: WebhookSettings = {
  allowHosts: ["127.0.0.1"],
  retryScheduleMs: [50, 50],
  trafficRetryScheduleMs: [50],
  publicUrl: "http://localhost:3000",
  hookSecret: "whsec_" + Buffer.from("h".repeat(24)).toString("base64"),
  claimMs: 15_000,
};

/** As append-events writes it: stamped with the writing transaction's id (consumers read below the horizon). */
const writeMessage = (seq: number, event: unknown) =>
  one.$executeRawUnsafe(
    `INSERT INTO "OutboxMessage" ("releaseId", "seq", "topic", "payload", "txid") VALUES ($1, $2, $3, $4, pg_current_xact_id()::text::bigint)`,
    RELEASE,
    seq,
    LIVE_EVENT_TOPIC,
    JSON.stringify(event),
  );

describe("webhook dispatch on PostgreSQL", () => {
  it("two dispatchers at once send each (endpoint, event) exactly once", async () => {
    const a = new WebhookDispatcher({ client: one, databaseUrl: url, settings, senderId: "a" });
    const b = new WebhookDispatcher({ client: two, databaseUrl: url, settings, senderId: "b" });
    await Promise.all([a.run(), b.run()]); // both start their cursor at the end of the (empty) outbox
    let writing = true;
    const writer = (async () => {
      for (let seq = 1; seq <= EVENTS; seq++) {
        const event = { releaseId: RELEASE, seq, version: seq, type: "checklist_updated", actor: "t", actorRole: null, reason: null, at: new Date().toISOString(), before: null, after: null, data: {} };
        await writeMessage(seq, event);
      }
      writing = false;
    })();
    // Both dispatchers poll as hard as they can while events are written.
    const spin = (d: WebhookDispatcher) => (async () => {
      while (writing) await d.run();
      for (let i = 0; i < 5; i++) await d.run();
    })();
    await Promise.all([writer, spin(a), spin(b), spin(a), spin(b)]);
    await Promise.all([a.run(), b.run()]);
    const ids = receiver.of("/race").map((r) => r.headers["webhook-id"] as string);
    expect(ids).toHaveLength(EVENTS * ENDPOINTS);
    expect(new Set(ids).size).toBe(EVENTS * ENDPOINTS);
    const rows = await one.webhookDelivery.findMany({ where: { releaseId: RELEASE } });
    expect(rows).toHaveLength(EVENTS * ENDPOINTS);
    expect(rows.every((r) => r.status === "succeeded" && r.attempts === 1)).toBe(true);
    // Both took part (the race was real), and every attempt was logged once.
    expect(a.stats.calls).toBeGreaterThan(0);
    expect(b.stats.calls).toBeGreaterThan(0);
    expect(a.stats.calls + b.stats.calls).toBe(EVENTS * ENDPOINTS);
    expect(await one.webhookAttempt.count()).toBe(EVENTS * ENDPOINTS);
  });

  it("senders racing for the same due deliveries claim each one once", async () => {
    const a = new WebhookDispatcher({ client: one, databaseUrl: url, settings, senderId: "a" });
    const b = new WebhookDispatcher({ client: two, databaseUrl: url, settings, senderId: "b" });
    const before = receiver.of("/race").length;
    const first = 1000;
    for (let seq = first; seq < first + EVENTS; seq++) {
      const event = { releaseId: RELEASE, seq, version: seq, type: "checklist_updated", actor: "t", actorRole: null, reason: null, at: new Date().toISOString(), before: null, after: null, data: {} };
      await writeMessage(seq, event);
    }
    // Both fan out the same messages at once (unique keys keep one row each) ...
    await Promise.all([a.fanOut(), b.fanOut(), a.fanOut(), b.fanOut()]);
    expect(await one.webhookDelivery.count({ where: { releaseId: RELEASE, status: "pending" } })).toBe(EVENTS * ENDPOINTS);
    // ... then eight senders read the same due rows and race to claim them.
    await Promise.all([a.sendDue(), b.sendDue(), a.sendDue(), b.sendDue(), a.sendDue(), b.sendDue(), a.sendDue(), b.sendDue()]);
    await Promise.all([a.run(), b.run()]);
    const ids = receiver.of("/race").slice(before).map((r) => r.headers["webhook-id"] as string);
    expect(new Set(ids).size).toBe(EVENTS * ENDPOINTS);
    expect(ids).toHaveLength(EVENTS * ENDPOINTS);
    expect(a.stats.calls + b.stats.calls).toBe(EVENTS * ENDPOINTS);
  });
});
