// Three real Tidegate instances on one real PostgreSQL: live pushes cross instances exactly once and in order,
// conflicting commands apply once wherever they land, one guardrail evaluator acts on a breach ingested anywhere,
// a killed leader is replaced within the lease, and a frozen old leader is fenced when it wakes up.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanInput } from "../lib/plans/core/plan";
import { createDb, type Db } from "../lib/platform/db/client";
import { health, killHard, restartInstance, startInstance, thaw, waitForLeader, type Instance } from "./support/cluster-instances";
import { as, simplePlan } from "./support/fixtures";
import { freshPostgresDatabase } from "./support/postgres-database";
import { eventually } from "./support/poll";
import { SessionClient } from "./support/session-client";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Ev = { seq: number; type: string; actor: string; releaseId: string };


const guarded = (forSeconds: number, service = "test-service"): PlanInput =>
  simplePlan(4, { service, guardrails: [{ metric: "error_rate", comparator: ">", warning: 0.05, critical: 0.1, forSeconds, windowSeconds: 10, onCritical: "rollback" }] });
const sample = (value: number) => ({ metric: "error_rate", value, ts: new Date().toISOString(), cohort: "canary" });

/** A live client on one instance, recording every raw push (duplicates included) for one release. */
async function watcher(baseUrl: string, token: string, releaseId: string, afterSeq: number) {
  const pushes: number[] = [];
  const arrivedAt = new Map<number, number>();
  const socket: Socket = connect(baseUrl, { path: "/socket.io", auth: { token }, transports: ["websocket"] });
  socket.on("release:event", (e: Ev) => {
    if (e.releaseId !== releaseId) return;
    pushes.push(e.seq);
    arrivedAt.set(e.seq, performance.now());
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
  return { pushes, arrivedAt, close: () => socket.close() };
}

describe("three instances on one PostgreSQL", () => {
  let url: string;
  let direct: Db;
  let nodes: Instance[] = [];
  let readToken: string;

  beforeAll(async () => {
    url = await freshPostgresDatabase("tidegate_cluster");
    direct = createDb(url);
    nodes = await Promise.all(["A", "B", "C"].map((id) => startInstance(url, id)));
    readToken = (await (await as("admin", nodes[0]!.baseUrl)).post("/api/tokens", { name: "cluster watcher" })).body.token;
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.server.stop()));
    await direct?.$disconnect();
  });

  const eventsOf = async (id: string) => direct.releaseEvent.findMany({ where: { releaseId: id }, orderBy: { seq: "asc" } });
  const countOf = async (id: string, type: string) => (await eventsOf(id)).filter((e) => e.type === type).length;
  async function pusherVia(instances: Instance[], releaseId: string) {
    const admin = await as("admin", instances[0]!.baseUrl);
    const token = (await admin.post("/api/tokens", { name: `pusher ${Math.random()}`, releaseId })).body.token as string;
    let turn = 0;
    // Round robin over the given instances; a dead one is skipped (its batch goes to the next).
    return async (value: number) => {
      for (let tries = 0; tries < instances.length; tries++) {
        const target = instances[turn++ % instances.length]!;
        const res = await SessionClient.withToken(target.baseUrl, token).post(`/api/releases/${releaseId}/metrics`, { samples: [sample(value)] }).catch(() => null);
        if (res?.status === 202 || res?.status === 200) return target.id;
      }
      throw new Error("no instance took the batch");
    };
  }
  async function created(plan: PlanInput, via = nodes[0]!) {
    const res = await (await as("admin", via.baseUrl)).post("/api/releases", plan);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; version: number; lastSeq: number };
  }

  it("reports each instance's id and exactly one leader in /api/health", async () => {
    const all = await Promise.all(nodes.map(health));
    expect(all.map((h) => h?.cluster.instance)).toEqual(["A", "B", "C"]);
    expect(all.filter((h) => h?.cluster.leader)).toHaveLength(1);
  });

  it("sums flag evaluations and SDKs served by every instance on the board's flags panel, whichever instance answers", async () => {
    const flag = `cluster-flag-${Date.now()}`;
    const release = await created({ ...simplePlan(2), waves: [{ name: "Half", trafficPercent: 50 }, { name: "All", trafficPercent: 100 }], flags: [{ key: flag }] });
    const admin = await as("admin", nodes[0]!.baseUrl);
    expect((await (await as("commander", nodes[0]!.baseUrl)).post(`/api/releases/${release.id}/actions`, { action: "start" })).status).toBe(200);
    const sdk = (await admin.post("/api/tokens", { name: "cluster sdk", kind: "sdk" })).body.token as string;
    // Two apps: one calling A (60 users), one calling B (40 users), as a load balancer would spread them. Every
    // answer is counted here, the first ones that wait for the flag to be served included: an instance that learned
    // of the release before its start answers DISABLED (off) for a moment, which counts as an evaluation but not as
    // a sample of the running wave (the share's change starts the samples over).
    const told = { on: 0, off: 0 };
    const toldAny = { on: 0, off: 0 };
    const evaluate = async (node: Instance, app: string, user: string) => {
      const res = await fetch(`${node.baseUrl}/ofrep/v1/evaluate/flags/${flag}`, {
        method: "POST",
        headers: { authorization: `Bearer ${sdk}`, "content-type": "application/json", "user-agent": app },
        body: JSON.stringify({ context: { targetingKey: user } }),
      });
      const answer = (await res.json()) as { reason?: string; value?: boolean };
      if (answer.reason === "SPLIT") told[answer.value ? "on" : "off"]++;
      if (typeof answer.value === "boolean") toldAny[answer.value ? "on" : "off"]++;
      return answer;
    };
    for (const [node, app] of [[nodes[0]!, "app-on-a"], [nodes[1]!, "app-on-b"]] as const) {
      expect((await eventually(() => evaluate(node, app, "first-user"), (a) => a.reason === "SPLIT", 5_000)).reason).toBe("SPLIT");
    }
    for (let i = 0; i < 60; i++) await evaluate(nodes[0]!, "app-on-a", `user-${i}`);
    for (let i = 60; i < 100; i++) await evaluate(nodes[1]!, "app-on-b", `user-${i}`);
    expect(told.on + told.off).toBe(102);

    // C served none of them; within a report interval (5 s) its panel shows all of them and both apps, and so does
    // every instance (A and B add their own live counts to the others' reports).
    const panel = async (node: Instance) => (await SessionClient.withToken(node.baseUrl, readToken).get(`/api/releases/${release.id}/flags`)).body;
    for (const node of [nodes[2]!, nodes[0]!, nodes[1]!]) {
      const view = await eventually(() => panel(node), (b) => b.flags[0].evaluations.on + b.flags[0].evaluations.off >= toldAny.on + toldAny.off, 20_000);
      expect(view.flags[0].evaluations).toEqual({ on: toldAny.on, off: toldAny.off, errors: 0 });
      expect(view.flags[0].samples).toBe(102);
      expect(view.flags[0].observedPercent).toBeCloseTo((100 * told.on) / 102, 5);
      expect(view.sdks.ofrep).toBe(2);
    }
  });

  it("pushes a command applied on A to sockets on B and C exactly once, in order", async () => {
    const release = await created(simplePlan(4));
    // A's own dashboard is the single-instance baseline, measured in the same run.
    const watchers = await Promise.all(nodes.map((n) => watcher(n.baseUrl, readToken, release.id, release.lastSeq)));
    const commander = await as("commander", nodes[0]!.baseUrl);
    const url0 = `/api/releases/${release.id}/actions`;
    const behindA: number[] = [];
    const commands = ["start", ...Array.from({ length: 10 }, () => ["pause", "resume"]).flat()];
    for (const action of commands) {
      const res = await commander.post(url0, { action, reason: "cluster test" });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const last = res.body.lastSeq as number;
      await eventually(async () => watchers.every((w) => w.arrivedAt.has(last)), Boolean, 10_000, 5);
      const onA = watchers[0]!.arrivedAt.get(last)!;
      behindA.push(Math.max(...watchers.slice(1).map((w) => w.arrivedAt.get(last)!)) - onA);
    }
    const lastSeq = (await eventsOf(release.id)).at(-1)!.seq;
    const expected = Array.from({ length: lastSeq - release.lastSeq }, (_, i) => release.lastSeq + 1 + i);
    await sleep(1500); // anything pushed twice (a late poll, a notification) would arrive by now
    for (const w of watchers) {
      expect(w.pushes).toEqual(expected);
      w.close();
    }
    behindA.sort((a, b) => a - b);
    console.log(`B and C see A's commands after A's own sockets by: median ${behindA[behindA.length >> 1]!.toFixed(1)} ms, max ${behindA.at(-1)!.toFixed(1)} ms`);
  });

  it("applies concurrent conflicting commands sent to different instances once (409 for the rest)", async () => {
    const release = await created(simplePlan(4));
    const commanders = await Promise.all(nodes.map((n) => as("commander", n.baseUrl)));
    const started = await commanders[0]!.post(`/api/releases/${release.id}/actions`, { action: "start", expectedVersion: release.version });
    expect(started.status).toBe(200);
    for (const action of ["continue", "rollback"]) {
      const version = (await direct.release.findUniqueOrThrow({ where: { id: release.id } })).version;
      const answers = await Promise.all(
        commanders.map((c) => c.post(`/api/releases/${release.id}/actions`, { action, expectedVersion: version, reason: "race" })),
      );
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.error.code).toBe("version_conflict");
    }
    expect(await countOf(release.id, "promoted")).toBe(1);
    expect(await countOf(release.id, "rolled_back")).toBe(1);
    const events = await eventsOf(release.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it("acts exactly once on a sustained breach ingested through B and C (the two followers)", async () => {
    const { leader } = await waitForLeader(nodes);
    const followers = nodes.filter((n) => n !== leader);
    const release = await created(guarded(1), followers[0]);
    const commander = await as("commander", followers[1]!.baseUrl);
    expect((await commander.post(`/api/releases/${release.id}/actions`, { action: "start" })).status).toBe(200);
    const push = await pusherVia(followers, release.id);
    const deadline = Date.now() + 20_000;
    while ((await countOf(release.id, "rolled_back")) === 0) {
      if (Date.now() > deadline) throw new Error("the breach was never acted on");
      await push(0.5);
      await sleep(150);
    }
    // The breach goes on after the rollback, through both followers, for a few more passes of every instance.
    for (let i = 0; i < 15; i++) {
      await push(0.5);
      await sleep(150);
    }
    const events = await eventsOf(release.id);
    expect(events.filter((e) => e.type === "rolled_back")).toHaveLength(1);
    expect(events.filter((e) => e.type === "rolled_back")[0]!.actor).toBe("guardrail");
    expect(events.filter((e) => e.type === "breach")).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it("after kill -9 of the leader during a sustained breach, another instance takes over within 15 s and acts once", async () => {
    const { leader, epoch } = await waitForLeader(nodes);
    const survivors = nodes.filter((n) => n !== leader);
    const release = await created(guarded(6), survivors[0]);
    const commander = await as("commander", survivors[0]!.baseUrl);
    expect((await commander.post(`/api/releases/${release.id}/actions`, { action: "start" })).status).toBe(200);
    const push = await pusherVia(survivors, release.id);
    // The breach opens (the leader writes it), then the leader dies before the 6 s it must last.
    const opened = Date.now() + 15_000;
    while ((await countOf(release.id, "breach")) === 0) {
      if (Date.now() > opened) throw new Error("the breach never opened");
      await push(0.5);
      await sleep(150);
    }
    killHard(leader);
    const killedAt = Date.now();
    await leader.server.exited;
    let next: { leader: Instance; epoch: number } | null = null;
    const pushing = (async () => {
      while ((await countOf(release.id, "rolled_back")) === 0 && Date.now() - killedAt < 30_000) {
        await push(0.5);
        await sleep(150);
      }
    })();
    next = await waitForLeader(survivors, 20_000);
    const takeoverMs = Date.now() - killedAt;
    await pushing;
    console.log(`leader ${leader.id} killed: ${next.leader.id} took over in ${takeoverMs} ms (epoch ${epoch} -> ${next.epoch})`);
    expect(takeoverMs).toBeLessThanOrEqual(15_000);
    expect(next.epoch).toBeGreaterThan(epoch);
    const events = await eventsOf(release.id);
    expect(events.filter((e) => e.type === "rolled_back")).toHaveLength(1);
    expect(events.filter((e) => e.type === "breach")).toHaveLength(1);
    // The killed instance comes back as a follower.
    nodes[nodes.indexOf(leader)] = await restartInstance(leader);
    const after = await waitForLeader(nodes);
    expect(after.leader.id).toBe(next.leader.id);
  });

  it("refuses a revoked token and a disabled person on every instance within 2 s", async () => {
    const admin = await as("admin", nodes[0]!.baseUrl);
    const made = (await admin.post("/api/tokens", { name: "revoked elsewhere" })).body as { id: string; token: string };
    // B and C have the token cached (valid) and a socket open on C.
    for (const n of nodes.slice(1)) expect((await SessionClient.withToken(n.baseUrl, made.token).get("/api/releases")).status).toBe(200);
    const socket: Socket = connect(nodes[2]!.baseUrl, { path: "/socket.io", auth: { token: made.token }, transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const ended = new Promise<number>((resolve) => socket.once("session:ended", () => resolve(Date.now())));
    const revokedAt = Date.now();
    expect((await admin.request("DELETE", `/api/tokens/${made.id}`)).status).toBe(200);
    await eventually(() => SessionClient.withToken(nodes[1]!.baseUrl, made.token).get("/api/releases"), (r) => r.status === 401, 2_000, 20);
    expect((await ended) - revokedAt).toBeLessThanOrEqual(2_000);
    socket.close();

    const email = `disabled-${Date.now()}@test.local`;
    const person = await admin.post("/api/users", { email, password: "correct-horse-battery", role: "viewer" });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    const onB = new SessionClient(nodes[1]!.baseUrl);
    expect(await onB.signIn(email, "correct-horse-battery")).toBe(true);
    expect((await onB.get("/api/releases")).status).toBe(200);
    const disabledAt = Date.now();
    expect((await admin.patch(`/api/users/${person.body.id}`, { disabled: true })).status).toBe(200);
    await eventually(() => onB.get("/api/releases"), (r) => r.status === 401, 2_000, 20);
    expect(Date.now() - disabledAt).toBeLessThanOrEqual(2_000);
  });

  it("refuses to start on PostgreSQL without NEXTAUTH_SECRET, saying why", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: "1" }; // never listened on: it stops before
    delete env.NEXTAUTH_SECRET;
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(log).toContain("NEXTAUTH_SECRET is required when DATABASE_URL is PostgreSQL");
  });

  /**
   * Restarts the cluster as a leader with `failpoint` and one follower, starts a release with a critical guardrail
   * and pushes breaching samples through the follower until the leader has frozen itself (SIGSTOP).
   */
  async function freezeLeaderOnBreach(failpoint: string, leaderName: string, followerName: string) {
    await Promise.all(nodes.map((n) => n.server.stop()));
    const frozenOne = await startInstance(url, leaderName, { TIDEGATE_FAILPOINT: failpoint });
    nodes = [frozenOne];
    const first = await waitForLeader([frozenOne]);
    const other = await startInstance(url, followerName);
    nodes.push(other);
    const release = await created(guarded(0), other);
    const commander = await as("commander", other.baseUrl);
    expect((await commander.post(`/api/releases/${release.id}/actions`, { action: "start" })).status).toBe(200);
    const push = await pusherVia([other], release.id);
    const stateOf = () => readFileSync(`/proc/${frozenOne.server.pid}/stat`, "utf8").split(") ")[1]![0];
    while (stateOf() !== "T") {
      await push(0.5);
      await sleep(100);
    }
    return { frozenOne, other, first, release, push, frozenAt: Date.now() };
  }

  it("fences an old leader frozen past its lease: the new leader acts, the old one's write is refused when it resumes", async () => {
    // An instance that freezes itself (SIGSTOP) right before its guardrail action, as a long pause would.
    const { frozenOne, other, first, release, push, frozenAt } = await freezeLeaderOnBreach("freeze_before_guardrail_action", "F", "G");
    expect(await countOf(release.id, "rolled_back")).toBe(0);
    // G takes over once the frozen leader's session has been silent past the lease, and acts.
    const second = await waitForLeader([other], 20_000);
    console.log(`leader F frozen: G took over in ${Date.now() - frozenAt} ms (epoch ${first.epoch} -> ${second.epoch})`);
    expect(Date.now() - frozenAt).toBeLessThanOrEqual(15_000);
    while ((await countOf(release.id, "rolled_back")) === 0) {
      if (Date.now() - frozenAt > 30_000) throw new Error("the new leader never acted");
      await push(0.5);
      await sleep(150);
    }
    const before = (await eventsOf(release.id)).length;
    thaw(frozenOne);
    await eventually(async () => frozenOne.server.output(), (log) => log.includes("fenced: write of an old leader refused"), 15_000);
    const refusal = frozenOne.server.output().split("\n").find((l) => l.includes("fenced: write of an old leader refused"))!;
    expect(JSON.parse(refusal)).toMatchObject({ epoch: first.epoch, current: second.epoch });
    await sleep(1000);
    const events = await eventsOf(release.id);
    expect(events).toHaveLength(before);
    expect(events.filter((e) => e.type === "rolled_back")).toHaveLength(1);
    // The woken instance knows it no longer leads; G still does.
    await eventually(() => health(frozenOne), (h) => h?.cluster.leader === false, 10_000);
    expect((await health(other))?.cluster.leader).toBe(true);
  });

  it("a leader frozen inside a fenced write does not block the takeover: PostgreSQL ends its idle transaction", async () => {
    // Frozen right after its fence check took the lease row FOR SHARE: the takeover's epoch bump must wait for that
    // transaction, which only idle_in_transaction_session_timeout ends (without it, no instance would ever lead again).
    const { frozenOne, other, first, release, push, frozenAt } = await freezeLeaderOnBreach("freeze_inside_fenced_write", "H", "J");
    const second = await waitForLeader([other], 20_000);
    console.log(`leader H frozen inside a fenced write: J took over in ${Date.now() - frozenAt} ms (epoch ${first.epoch} -> ${second.epoch})`);
    expect(Date.now() - frozenAt).toBeLessThanOrEqual(15_000);
    while ((await countOf(release.id, "rolled_back")) === 0) {
      if (Date.now() - frozenAt > 30_000) throw new Error("the new leader never acted");
      await push(0.5);
      await sleep(150);
    }
    const before = (await eventsOf(release.id)).length;
    // Requests that reach it while it sleeps are served when it wakes, while its own backlog runs: a sign-in, a create
    // and a command, each answered as on any day (tests/postgres-busy-pool.int.test.ts: a busy pool waits, not fails).
    const woken = (async () => {
      const admin = await as("admin", frozenOne.baseUrl);
      const made = await admin.post("/api/releases", simplePlan(3, { service: "after-freeze" }));
      const started = made.status === 201 ? await admin.post(`/api/releases/${made.body.id}/actions`, { action: "start", expectedVersion: made.body.version }) : made;
      return { made, started };
    })();
    await sleep(500);
    thaw(frozenOne);
    const { made, started } = await woken;
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    // Its transaction was ended while it slept: nothing of it commits, and it learns it no longer leads.
    await eventually(() => health(frozenOne), (h) => h?.cluster.leader === false, 15_000);
    await sleep(1000);
    const events = await eventsOf(release.id);
    expect(events).toHaveLength(before);
    expect(events.filter((e) => e.type === "rolled_back")).toHaveLength(1);
    expect((await health(other))?.cluster.leader).toBe(true);
  });
});
