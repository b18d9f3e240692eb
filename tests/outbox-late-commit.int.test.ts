// A late commit is delivered, never skipped (issue 21). Two real instances on one real PostgreSQL; a failpoint
// holds one command's transaction open for 10 s after it appended its event through the real write path, while
// later commands commit on both instances. Consumers read below the oldest running transaction, so they stall
// behind it (nothing after it goes out while it is open) and, once it commits, deliver everything: every event's
// webhook reaches a local receiver, and every connected socket.io client gets every event, in order, exactly once.
// (Before, a position left uncommitted for 2 s was taken for a rollback and passed: this event was lost.)
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/platform/db/client";
import { startInstance, type Instance } from "./support/cluster-instances";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { freshPostgresDatabase } from "./support/postgres-database";
import { startReceiver, type Receiver } from "./support/webhook-receiver";

const HOLD_MS = 10_000;
const HOLD_REASON = "held open by the outbox test";
type Ev = { seq: number; type: string; releaseId: string };

/** Retries an assertion until it holds or `ms` pass; the last failure is the one reported. */
async function eventually(check: () => Promise<void>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}


/** A live client recording every raw push (duplicates included) of one release. */
async function watcher(baseUrl: string, token: string, releaseId: string, afterSeq: number) {
  const pushes: number[] = [];
  const socket: Socket = connect(baseUrl, { path: "/socket.io", auth: { token }, transports: ["websocket"] });
  socket.on("release:event", (e: Ev) => {
    if (e.releaseId === releaseId) pushes.push(e.seq);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () =>
      socket.emit("subscribe", { releaseId, afterSeq }, (ack: { ok: boolean; events?: Ev[] }) => {
        if (!ack.ok) reject(new Error(JSON.stringify(ack)));
        else {
          pushes.push(...(ack.events ?? []).map((e) => e.seq));
          resolve();
        }
      }),
    );
    socket.once("connect_error", reject);
  });
  return { baseUrl, releaseId, pushes, close: () => socket.close() };
}

describe("a command's transaction held open 10 s while later ones commit (PostgreSQL, two instances)", () => {
  let url: string;
  let direct: Db;
  let nodes: Instance[] = [];
  let receiver: Receiver;
  const sockets: Awaited<ReturnType<typeof watcher>>[] = [];

  beforeAll(async () => {
    url = await freshPostgresDatabase("tidegate_outbox_late");
    direct = createDb(url);
    receiver = await startReceiver();
    receiver.on("/hook", { status: 200 });
    const env = { TIDEGATE_FAILPOINT: `hold_transaction:${HOLD_MS}:${HOLD_REASON}`, WEBHOOK_ALLOW_HOSTS: "127.0.0.1" };
    nodes = await Promise.all(["A", "B"].map((id) => startInstance(url, id, env)));
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(nodes.map((n) => n.server.stop()));
    await receiver?.close();
    await direct?.$disconnect();
  });

  it("delivers every event's webhook and every push, in order and once, including the late commit's", async () => {
    const [a, b] = nodes as [Instance, Instance];
    const admin = await as("admin", a.baseUrl);
    expect((await admin.post("/api/webhooks", { url: receiver.url("/hook") })).status).toBe(201);
    const token = (await admin.post("/api/tokens", { name: "outbox watcher" })).body.token as string;
    const held = await createStartedRelease(a.baseUrl);
    const busy = await createStartedRelease(b.baseUrl);
    for (const node of nodes) {
      sockets.push(await watcher(node.baseUrl, token, held.id, held.lastSeq), await watcher(node.baseUrl, token, busy.id, busy.lastSeq));
    }
    const act = async (baseUrl: string, releaseId: string, action: string, reason?: string) =>
      (await as("commander", baseUrl)).post(`/api/releases/${releaseId}/actions`, { action, reason });

    // The held command: its event and outbox message are written, then its transaction stays open (pg_sleep).
    const startedAt = Date.now();
    const heldCommand = act(a.baseUrl, held.id, "pause", HOLD_REASON);
    const sleeper = async () => (await direct.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'`))[0]!.n;
    await eventually(async () => expect(await sleeper()).toBe(1), 5_000);

    // Later commands commit meanwhile, on both instances, and a release is created.
    for (let i = 0; i < 6; i++) {
      const res = await act(i % 2 ? b.baseUrl : a.baseUrl, busy.id, i % 2 ? "resume" : "pause");
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const created = (await admin.post("/api/releases", { ...simplePlan(), name: "Created during the hold" })).body as { id: string };
    const committedMeanwhile = await direct.releaseEvent.count({ where: { releaseId: busy.id, seq: { gt: busy.lastSeq } } });
    expect(committedMeanwhile).toBe(6);
    // Consumers stall behind the open transaction: what committed after it is not out yet.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(Date.now() - startedAt).toBeLessThan(HOLD_MS);
    expect(sockets.flatMap((s) => s.pushes)).toEqual([]);
    expect(receiver.of("/hook").filter((r) => JSON.parse(r.body).data.event.releaseId === busy.id && JSON.parse(r.body).data.event.seq > busy.lastSeq)).toEqual([]);

    const heldAnswer = await heldCommand;
    expect(heldAnswer.status, JSON.stringify(heldAnswer.body)).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(HOLD_MS);

    // Every socket gets every event of its release after the point it subscribed: in seq order, exactly once.
    const expectedOf = async (releaseId: string, afterSeq: number) =>
      (await direct.releaseEvent.findMany({ where: { releaseId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" } })).map((e) => e.seq);
    const heldSeqs = await expectedOf(held.id, held.lastSeq);
    const busySeqs = await expectedOf(busy.id, busy.lastSeq);
    expect(heldSeqs).toHaveLength(1);
    expect(busySeqs).toHaveLength(6);
    const committedAt = Date.now();
    await eventually(async () => {
      for (const s of sockets) expect(s.pushes, `${s.baseUrl} ${s.releaseId}`).toEqual(s.releaseId === held.id ? heldSeqs : busySeqs);
    }, 15_000).catch((e) => {
      console.log(JSON.stringify({ held: held.id, busy: busy.id, nodes: nodes.map((n) => n.baseUrl), sockets: sockets.map((s) => [s.baseUrl, s.releaseId, s.pushes]) }));
      for (const n of nodes) console.log(n.id, n.server.output().split("\n").filter((l) => !l.includes('"kind":"webhook"')).slice(-60).join("\n"));
      throw e;
    });
    console.log(`after the held transaction committed, every socket on both instances had all events in ${Date.now() - committedAt} ms`);

    // Every event since the endpoint exists reaches the receiver, each exactly once (one webhook-id, one call).
    const all = await direct.releaseEvent.findMany({ where: { releaseId: { in: [held.id, busy.id, created.id] } } });
    await eventually(async () => {
      const got = receiver.of("/hook").map((r) => {
        const { event } = JSON.parse(r.body).data as { event: Ev };
        return `${event.releaseId}:${event.seq}`;
      });
      expect([...got].sort()).toEqual(all.map((e) => `${e.releaseId}:${e.seq}`).sort());
    }, 15_000);
    console.log(`... and the receiver had all ${all.length} webhooks ${Date.now() - committedAt} ms after it`);
    const ids = receiver.of("/hook").map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length);
    // Nothing more arrives later (no duplicate from a second pass or the other instance).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(receiver.of("/hook")).toHaveLength(all.length);
    for (const s of sockets) expect(s.pushes).toEqual(s.releaseId === held.id ? heldSeqs : busySeqs);
  });
});
