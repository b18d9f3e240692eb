// kill -9 between commit and publish loses no live event: the server is killed right after a command commits
// (before anything reaches a socket), restarted on the same port and database, and a reconnecting client ends
// with every committed event exactly once; the outbox dispatcher delivers what was pending.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, it } from "vitest";
import { EventSequencer } from "../lib/realtime/client/event-sequencer";
import { createDb } from "../lib/platform/db/client";
import { emptyPostgresDatabase } from "./support/postgres-database";
import { prepareDatabase } from "./support/global-setup";
import { startServer, type ServerProcess } from "./support/server-process";
import { SessionClient } from "./support/session-client";
import { simplePlan } from "./support/fixtures";
import { describeEachAtOnce } from "./support/targets";
import { TEST_PASSWORD, TEST_USERS } from "./support/test-users";

const dir = mkdtempSync(path.join(tmpdir(), "tidegate-crash-"));
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function databaseFor(name: "sqlite" | "postgres"): Promise<string> {
  if (name === "sqlite") return `file:${path.join(dir, "crash.db")}`;
  return emptyPostgresDatabase("tidegate_crash");
}

type Ev = { seq: number; type: string };
/** As for the cluster's instances (tests/support/cluster-instances.ts): several cold starts at once on two cores. */
const START_TIMEOUT_MS = 180_000;

// The two databases' crashes run at the same time (each its own server, port and database); the test's own expect
// tells the two running tests apart.
describeEachAtOnce(["sqlite", "postgres"] as const, "crash between commit and publish on $name", (name) => {
  it("delivers every committed event exactly once to a client that reconnects after kill -9", async ({ expect }) => {
    const url = await databaseFor(name);
    await prepareDatabase(url);
    const env = { NEXTAUTH_SECRET: "integration-test-secret-0123456789", DATABASE_URL: url, TIDEGATE_FAILPOINT: "crash_after_commit:paused" };
    // Both databases' servers start at once, beside the other files' work: allow a loaded machine's cold start.
    const first = await startServer(env, undefined, START_TIMEOUT_MS);
    servers.push(first);
    const admin = new SessionClient(first.baseUrl);
    expect(await admin.signIn(TEST_USERS.admin.email, TEST_PASSWORD)).toBe(true);
    const commander = new SessionClient(first.baseUrl);
    expect(await commander.signIn(TEST_USERS.commander.email, TEST_PASSWORD)).toBe(true);
    const created = await admin.post("/api/releases", simplePlan(4));
    const id = created.body.id as string;
    const token = (await admin.post("/api/tokens", { name: "crash watcher" })).body.token as string;

    // A live client, ordering events like the board does: each seq applied once, resubscribing on reconnect.
    const sequencer = new EventSequencer<Ev>(0);
    const applied: number[] = [];
    const socket: Socket = connect(first.baseUrl, { path: "/socket.io", auth: { token }, transports: ["websocket"], reconnectionDelay: 200, reconnectionDelayMax: 500 });
    const take = (events: Ev[]) => applied.push(...sequencer.accept(events).map((e) => e.seq));
    socket.on("release:event", (e: Ev) => take([e]));
    socket.on("connect", () => socket.emit("subscribe", { releaseId: id, afterSeq: sequencer.lastSeq }, (ack: { ok: boolean; events?: Ev[] }) => take(ack.events ?? [])));
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const url0 = `/api/releases/${id}/actions`;
    expect((await commander.post(url0, { action: "start" })).status).toBe(200);
    expect((await commander.post(url0, { action: "continue" })).status).toBe(200);

    // Delivery follows the commit (on PostgreSQL, once the snapshot horizon passes it): wait for the live events, so
    // what the crash below withholds is the pause alone.
    for (const until = Date.now() + 10_000; applied.length < 4 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    // The PAUSE commits, then the process dies before publishing it (and before answering).
    const crashed = await commander.post(url0, { action: "pause", reason: "crash now" }).catch((e: Error) => e);
    expect(crashed).toBeInstanceOf(Error);
    expect(await first.exited).toBeNull(); // killed by a signal
    const direct = createDb(url);
    const lastSeq = (await direct.release.findUniqueOrThrow({ where: { id } })).lastSeq;
    expect(lastSeq).toBe(5); // created, started, commander_changed (the first command claims it), promoted, paused: the pause committed
    expect(applied).toEqual([1, 2, 3, 4]); // the pause was never published

    const second = await startServer({ ...env, TIDEGATE_FAILPOINT: "" }, first.port, START_TIMEOUT_MS);
    servers.push(second);
    const deadline = Date.now() + 20_000;
    while (applied.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    // After the restart the outbox dispatcher delivered what was pending: its cursor passed the pause.
    const pending = await direct.outboxMessage.findFirstOrThrow({ where: { releaseId: id, seq: 5 } });
    await expect
      .poll(async () => (await direct.outboxCursor.findFirst({ where: { consumer: { startsWith: "live:" } } }))?.position ?? 0, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(pending.position);
    // More commands after recovery arrive once each, in order.
    const commander2 = new SessionClient(second.baseUrl);
    expect(await commander2.signIn(TEST_USERS.commander.email, TEST_PASSWORD)).toBe(true);
    expect((await commander2.post(url0, { action: "resume" })).status).toBe(200);
    await expect.poll(() => applied.length, { timeout: 5_000 }).toBe(6);
    expect(applied).toEqual([1, 2, 3, 4, 5, 6]);
    socket.close();
    await direct.$disconnect();
  }, 480_000); // two cold starts of its own, each allowed START_TIMEOUT_MS
});
