// The tidegate CLI (bin/tidegate.mjs, as installed) against the real server, with a pipeline token: create and
// steer releases of its service, `wait` exit codes, `watch` printing events as they happen, and refusals outside
// the token's service that write nothing.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "../lib/platform/db/client";
import { EXIT } from "../lib/cli/exit-codes";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { describeEachAtOnce, workerTargets } from "./support/targets";

const targets = workerTargets();
const BIN = path.resolve(import.meta.dirname, "../bin/tidegate.mjs");
const unique = () => Math.random().toString(36).slice(2, 8);

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves with the first stdout line that matches (already printed or still to come). */
  line(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
}

function start(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const waiters: (() => void)[] = [];
  child.stdout?.on("data", (d) => {
    out += d;
    for (const w of waiters) w();
  });
  child.stderr?.on("data", (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    line: (match, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const look = () => {
          const hit = out.split("\n").find(match);
          if (hit !== undefined) {
            clearTimeout(timer);
            resolve(hit);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => reject(new Error(`no matching line in ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
        if (!look()) waiters.push(() => void look());
      }),
  };
}

async function run(args: string[], env: Record<string, string>) {
  const p = start(args, env);
  const code = await p.exited;
  return { code, stdout: p.stdout().trim(), stderr: p.stderr().trim() };
}

// The two databases run at the same time (each its own server); the tests on each run in order.
describeEachAtOnce(targets, "tidegate CLI on $name", ({ baseUrl, databaseUrl }) => {
  const direct: Db = createDb(databaseUrl);
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-cli-"));
  afterAll(async () => {
    await direct.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });
  const service = `checkout-${unique()}`;
  const tokenName = `deploy-bot-${unique()}`;
  let env: Record<string, string> = {};

  const planFile = (overrides: Parameters<typeof simplePlan>[1] = {}, waves = 3) => {
    const file = path.join(dir, `plan-${unique()}.json`);
    writeFileSync(file, JSON.stringify(simplePlan(waves, { service, ...overrides })));
    return file;
  };
  const createStarted = async () => {
    const created = await run(["create", "--plan", planFile(), "--start", "--quiet"], env);
    expect(created.code, created.stderr).toBe(0);
    return created.stdout;
  };

  beforeAll(async () => {
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/tokens", { name: tokenName, scopes: ["pipeline"], service });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    env = { TIDEGATE_URL: baseUrl, TIDEGATE_TOKEN: res.body.token };
  });

  it("creates, continues to completion while `wait --until completed` runs, and exits 0; the audit names the token", async () => {
    const id = await createStarted();
    const waiting = start(["wait", id, "--until", "completed", "--timeout", "2m"], env);
    // wave 1 -> 2 -> 3 -> completed
    for (const step of ["wave 2/3", "wave 3/3", "COMPLETED"]) {
      const r = await run(["continue", id, "--reason", "canary healthy"], env);
      expect(r.code, r.stderr).toBe(EXIT.ok);
      expect(r.stdout).toContain(step);
    }
    expect(await waiting.exited).toBe(EXIT.ok);
    expect(waiting.stdout()).toContain("completed");
    const events = await direct.releaseEvent.findMany({ where: { releaseId: id }, orderBy: { seq: "asc" } });
    // A pipeline's token never claims the release: its commander is the first person who acts (issue 15).
    expect(events.map((e) => e.type)).toEqual(["created", "started", "promoted", "promoted", "completed"]);
    expect(new Set(events.map((e) => e.actor))).toEqual(new Set([`token:${tokenName}`]));
    expect(events.filter((e) => e.type === "promoted" || e.type === "completed").every((e) => e.reason === "canary healthy")).toBe(true);
    // Waiting on a release that already completed answers at once.
    expect((await run(["wait", id, "--until", "completed"], env)).code).toBe(EXIT.ok);
    expect((await run(["wait", id, "--until", "rolled_back"], env)).code).toBe(EXIT.unreachable);
  });

  it("exits non-zero when the release is rolled back while waiting, and times out with its own code", async () => {
    const id = await createStarted();
    const waiting = start(["--json", "wait", id, "--until", "completed", "--timeout", "2m"], env);
    const timingOut = start(["wait", id, "--until", "wave:3", "--timeout", "2s"], env);
    expect(await timingOut.exited).toBe(EXIT.timeout);
    expect(timingOut.stderr()).toContain("timed out");
    const rolled = await run(["rollback", id, "--reason", "error spike on checkout"], env);
    expect(rolled.code, rolled.stderr).toBe(EXIT.ok);
    expect(rolled.stdout).toContain("ROLLED BACK");
    expect(await waiting.exited).toBe(EXIT.rolledBack);
    const verdict = JSON.parse(waiting.stdout().trim());
    expect(verdict).toMatchObject({ reached: false, exitCode: EXIT.rolledBack, release: { id, status: "rolled_back" } });
    // It says who rolled back and why, so the pipeline's log explains the failure.
    expect(verdict.message).toContain(`by token:${tokenName}: error spike on checkout`);
    expect((await run(["wait", id, "--until", "rolled_back"], env)).code).toBe(EXIT.ok);
    // A command the state machine refuses is exit 6, with the server's reason.
    const refused = await run(["continue", id], env);
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.stderr).toMatch(/Cannot continue/);
  });

  it("watch prints each event as it happens, in order, once", async () => {
    const id = await createStarted();
    const watching = start(["--json", "watch", id, "--history", "5"], env);
    const seen = (type: string) => watching.line((l) => l.includes(`"type":"${type}"`));
    await seen("started"); // the history first
    for (const [command, type] of [["pause", "paused"], ["resume", "resumed"], ["continue", "promoted"]] as const) {
      const before = watching.stdout();
      expect(before).not.toContain(`"type":"${type}"`);
      const r = await run([command, id, "--reason", `watch ${command}`], env);
      expect(r.code, r.stderr).toBe(EXIT.ok);
      const line = JSON.parse(await seen(type));
      expect(line).toMatchObject({ releaseId: id, type, actor: `token:${tokenName}`, reason: `watch ${command}` });
    }
    watching.child.kill("SIGINT");
    expect(await watching.exited).toBe(EXIT.ok);
    const seqs = watching
      .stdout()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).seq as number);
    expect(seqs).toEqual([1, 2, 3, 4, 5]); // no commander_changed: a token never claims the release

    // The human form says who did what.
    const human = start(["watch", id, "--history", "1"], env);
    expect(await human.line((l) => l.includes("#5"))).toMatch(new RegExp(`#5  token:${tokenName}  promoted to wave 2`));
    human.child.kill("SIGINT");
    await human.exited;
  });

  it("refuses releases outside the token's service with exit 7 and writes nothing", async () => {
    const foreign = await createStartedRelease(baseUrl, simplePlan(3, { service: `other-${unique()}` }));
    const before = { releases: await direct.release.count(), events: await direct.releaseEvent.count({ where: { releaseId: foreign.id } }) };
    const otherPlan = path.join(dir, "other.json");
    writeFileSync(otherPlan, JSON.stringify(simplePlan(3, { service: `other-${unique()}` })));
    const create = await run(["create", "--plan", otherPlan], env);
    expect(create.code).toBe(EXIT.auth);
    expect(create.stderr).toMatch(/may not create/);
    for (const command of ["continue", "pause", "rollback"]) {
      const r = await run([command, foreign.id, "--reason", "not mine"], env);
      expect(r.code, `${command}: ${r.stderr}`).toBe(EXIT.auth);
    }
    expect((await run(["status", foreign.id], env)).code).toBe(EXIT.auth);
    expect((await run(["wait", foreign.id, "--until", "completed", "--timeout", "5s"], env)).code).toBe(EXIT.auth);
    expect({ releases: await direct.release.count(), events: await direct.releaseEvent.count({ where: { releaseId: foreign.id } }) }).toEqual(before);
    // Its own service's releases are listed; the foreign one is not.
    const listed = JSON.parse((await run(["--json", "status"], env)).stdout).releases as { service: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((r) => r.service === service)).toBe(true);
  });

  it("sends the version it decided on: a stale one is refused with exit 6; bad usage is exit 2", async () => {
    const id = await createStarted();
    const stale = await run(["continue", id, "--expected-version", "1"], env);
    expect(stale.code).toBe(EXIT.refused);
    expect(stale.stderr).toMatch(/acted first|version/);
    expect((await run(["continue", id, "--bogus"], env)).code).toBe(EXIT.usage);
    expect((await run(["wait", id, "--until", "soon"], env)).code).toBe(EXIT.usage);
    expect((await run(["status"], { ...env, TIDEGATE_TOKEN: "" })).code).toBe(EXIT.usage);
    expect((await run(["status"], { ...env, TIDEGATE_TOKEN: "tg_not-a-token" })).code).toBe(EXIT.auth);
    expect((await run(["create", "--plan", path.join(dir, "missing.json")], env)).code).toBe(EXIT.usage);
  });
});
