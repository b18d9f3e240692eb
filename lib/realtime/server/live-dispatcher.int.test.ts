// The live dispatcher on a real PostgreSQL, racing real transactions: positions are handed out at insert, not at
// commit, so a later message can commit first. The dispatcher reads only below the oldest running transaction: it
// must hold later messages back while an earlier writer is open (however long), deliver both in order once it
// commits, and not stall on a writer that rolled back. Delivery is observed by a real socket.io client of a real
// socket.io server.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerTargets } from "../../../tests/support/targets";

const pgUrl = workerTargets().find((t) => t.name === "postgres")!.databaseUrl;
// db() reads DATABASE_URL when it first creates the client: point this process at PostgreSQL before any use.
process.env.DATABASE_URL = pgUrl;

const { db } = await import("../../platform/db/client");
const { attachRealtime, releaseRoom } = await import("./publish");
const { kickLiveDispatcher, liveDispatcherIdle } = await import("./live-dispatcher");
const { LIVE_EVENT_TOPIC } = await import("../../platform/outbox/append-events");
type Tx = import("../../platform/db/client").Tx;

const RELEASE = `outbox-race-${Date.now()}`;
let http: HttpServer;
let io: Server;
let client: Socket;
const received: number[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  http = createServer();
  io = new Server(http);
  io.on("connection", (s) => void s.join(releaseRoom(RELEASE)));
  attachRealtime(io);
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
  client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ["websocket"] });
  client.on("release:event", (e: { seq: number }) => received.push(e.seq));
  await new Promise<void>((r) => client.once("connect", () => r()));
  await db().release.create({
    data: { id: RELEASE, name: "n", service: "s", serviceVersion: "1", planJson: "{}", status: "running", createdBy: "t" },
  });
  // Start the dispatcher's cursor after everything already final.
  kickLiveDispatcher();
  await liveDispatcherIdle();
});

afterAll(async () => {
  client.close();
  io.close();
  await db().release.delete({ where: { id: RELEASE } });
  await db().$disconnect();
});

/** A message as append-events writes it, stamped with its transaction's id. */
const write = (tx: Tx, seq: number) =>
  tx.$executeRawUnsafe(
    `INSERT INTO "OutboxMessage" ("releaseId", "seq", "topic", "payload", "txid") VALUES ($1, $2, $3, $4, pg_current_xact_id()::text::bigint)`,
    RELEASE,
    seq,
    LIVE_EVENT_TOPIC,
    JSON.stringify({ releaseId: RELEASE, seq }),
  );

async function dispatchFor(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    kickLiveDispatcher();
    await liveDispatcherIdle();
    await sleep(50);
  }
}

describe("live outbox dispatcher on PostgreSQL", () => {
  it("holds later commits back behind an open writer for longer than the old 2 s gap wait, then delivers all in order", async () => {
    let inserted!: () => void;
    const insertedEarlier = new Promise<void>((r) => (inserted = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = db().$transaction(
      async (tx) => {
        await write(tx, 1);
        inserted();
        await gate;
      },
      { timeout: 20_000 },
    );
    await insertedEarlier;
    await db().$transaction((tx) => write(tx, 2)); // a later transaction, committed first
    await db().$transaction((tx) => write(tx, 3));
    await dispatchFor(3_000);
    expect(received).toEqual([]); // 2 and 3 wait for 1's transaction, which may still commit
    release();
    await slow;
    await dispatchFor(300);
    await expect.poll(() => received).toEqual([1, 2, 3]);
  });

  it("does not stall on a writer that rolled back, and loses nothing after it", async () => {
    await db()
      .$transaction(async (tx) => {
        await write(tx, 4);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await db().$transaction((tx) => write(tx, 5));
    const started = Date.now();
    await expect.poll(async () => {
      kickLiveDispatcher();
      await liveDispatcherIdle();
      return received;
    }, { interval: 20 }).toEqual([1, 2, 3, 5]);
    expect(Date.now() - started).toBeLessThan(1_000); // no gap wait: a rolled-back transaction is below the horizon
  });
});
