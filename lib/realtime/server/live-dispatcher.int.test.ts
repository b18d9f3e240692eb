// The live dispatcher on a real PostgreSQL, racing real transactions: positions are handed out at insert, not at
// commit, so a later message can commit first. The dispatcher must deliver in position order, wait for a hole
// while its writer may still commit, and pass a hole left by a rollback. Delivery is observed by a real
// socket.io client of a real socket.io server.
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
  // Start the dispatcher's cursor at the current end of the outbox.
  kickLiveDispatcher();
  await liveDispatcherIdle();
});

afterAll(async () => {
  client.close();
  io.close();
  await db().release.delete({ where: { id: RELEASE } });
  await db().$disconnect();
});

const message = (seq: number) => ({ releaseId: RELEASE, seq, topic: LIVE_EVENT_TOPIC, payload: JSON.stringify({ releaseId: RELEASE, seq }) });

async function dispatchFor(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    kickLiveDispatcher();
    await liveDispatcherIdle();
    await sleep(50);
  }
}

describe("live outbox dispatcher on PostgreSQL", () => {
  it("waits for an earlier position that commits later, then delivers both in order", async () => {
    let inserted!: () => void;
    const insertedEarlier = new Promise<void>((r) => (inserted = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = db().$transaction(async (tx) => {
      await tx.outboxMessage.create({ data: message(1) });
      inserted();
      await gate;
    });
    await insertedEarlier;
    await db().outboxMessage.create({ data: message(2) }); // a later position, committed first
    await dispatchFor(500);
    expect(received).toEqual([]); // position 2 is held back behind the open hole
    release();
    await slow;
    await dispatchFor(300);
    await expect.poll(() => received).toEqual([1, 2]);
  });

  it("passes a hole left by a rolled-back writer after the wait, without losing what follows", async () => {
    await db()
      .$transaction(async (tx) => {
        await tx.outboxMessage.create({ data: message(3) });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await db().outboxMessage.create({ data: message(4) });
    await dispatchFor(3000);
    await expect.poll(() => received).toEqual([1, 2, 4]);
  });
});
