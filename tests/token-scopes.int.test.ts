// API token scopes against the real server: every route and the socket subscription, for a token of each scope
// (and limited to a service or a release), the status each gets, and that refused calls wrote nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { createDb, type Db } from "../lib/platform/db/client";
import { as, simplePlan } from "./support/fixtures";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";

const targets = workerTargets();

const KINDS = ["ingest", "read", "legacy", "sdk", "pipelineA", "pipelineAll", "readReleaseA"] as const;
type Kind = (typeof KINDS)[number];
const unique = () => Math.random().toString(36).slice(2, 8);

describe.each(targets)("token scopes on $name", ({ baseUrl, databaseUrl }) => {
  const direct: Db = createDb(databaseUrl);
  afterAll(() => direct.$disconnect());
  const serviceA = `svc-a-${unique()}`;
  const serviceB = `svc-b-${unique()}`;
  let releaseA = "";
  let releaseB = "";
  let itemId = "";
  const tokens = {} as Record<Kind, string>;
  const names = {} as Record<Kind, string>;

  async function startedRelease(service: string) {
    const admin = await as("admin", baseUrl);
    const plan = simplePlan(3, {
      service,
      waves: [
        { name: "Canary", trafficPercent: 10, checklist: [{ text: "Dashboards ready", ownerRole: "Operations Lead" }], signoffs: ["Product Manager"] },
        { name: "Half", trafficPercent: 50 },
        { name: "All", trafficPercent: 100 },
      ],
    });
    const created = await admin.post("/api/releases", plan);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const started = await (await as("commander", baseUrl)).post(`/api/releases/${created.body.id}/actions`, { action: "start" });
    expect(started.status).toBe(200);
    return created.body.id as string;
  }

  beforeAll(async () => {
    releaseA = await startedRelease(serviceA);
    releaseB = await startedRelease(serviceB);
    itemId = (await (await as("viewer", baseUrl)).get(`/api/releases/${releaseA}/checklist`)).body.items[0].id;
    const admin = await as("admin", baseUrl);
    const asks: Record<Kind, Record<string, unknown>> = {
      ingest: { scopes: ["ingest"] },
      read: { scopes: ["read"] },
      legacy: {},
      sdk: { kind: "sdk" },
      pipelineA: { scopes: ["pipeline"], service: serviceA },
      pipelineAll: { scopes: ["pipeline"] },
      readReleaseA: { scopes: ["read"], releaseId: releaseA },
    };
    for (const kind of KINDS) {
      names[kind] = `${kind}-${unique()}`;
      const res = await admin.post("/api/tokens", { name: names[kind], ...asks[kind] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      tokens[kind] = res.body.token;
    }
  });

  async function snapshot() {
    const [releases, eventsA, eventsB, tokenCount, signoffs, items, users] = await Promise.all([
      direct.release.count(),
      direct.releaseEvent.count({ where: { releaseId: releaseA } }),
      direct.releaseEvent.count({ where: { releaseId: releaseB } }),
      direct.apiToken.count(),
      direct.signoff.count(),
      direct.checklistItem.findMany({ where: { releaseId: releaseA }, select: { state: true } }),
      direct.user.count(),
    ]);
    return { releases, eventsA, eventsB, tokenCount, signoffs, items, users };
  }

  const sample = () => ({ samples: [{ metric: "error_rate", value: 0.01, ts: new Date().toISOString() }] });
  //                                   ingest read legacy sdk pipeA pipeAll readRelA
  const statuses = (...s: number[]) => Object.fromEntries(KINDS.map((k, i) => [k, s[i]])) as Record<Kind, number>;
  const routes = (): [string, string, unknown, Record<Kind, number>][] => [
    ["GET", "/api/me", undefined, statuses(403, 200, 200, 403, 200, 200, 200)],
    ["GET", "/api/releases", undefined, statuses(403, 200, 200, 403, 200, 200, 200)],
    ["POST", "/api/releases", simplePlan(2, { service: serviceA }), statuses(403, 403, 403, 403, 201, 201, 403)],
    ["POST", "/api/releases", simplePlan(2, { service: serviceB }), statuses(403, 403, 403, 403, 403, 201, 403)],
    ["GET", `/api/releases/${releaseA}`, undefined, statuses(403, 200, 200, 403, 200, 200, 200)],
    ["GET", `/api/releases/${releaseB}`, undefined, statuses(403, 200, 200, 403, 403, 200, 403)],
    ["GET", `/api/releases/${releaseA}/events`, undefined, statuses(403, 200, 200, 403, 200, 200, 200)],
    ["GET", `/api/releases/${releaseB}/events`, undefined, statuses(403, 200, 200, 403, 403, 200, 403)],
    ["GET", `/api/releases/${releaseA}/checklist`, undefined, statuses(403, 200, 200, 403, 200, 200, 200)],
    ["GET", `/api/releases/${releaseA}/metrics`, undefined, statuses(403, 200, 200, 403, 200, 200, 200)],
    ["GET", `/api/releases/${releaseA}/source`, undefined, statuses(403, 404, 404, 403, 404, 404, 404)],
    ["GET", `/api/releases/${releaseA}/flags`, undefined, statuses(403, 200, 200, 403, 200, 200, 200)],
    ["GET", `/api/releases/${releaseA}/simulator`, undefined, statuses(403, 200, 200, 403, 200, 200, 200)],
    ["POST", `/api/releases/${releaseA}/actions`, { action: "pause", reason: "scope check" }, statuses(403, 403, 403, 403, 200, 200, 403)],
    ["POST", `/api/releases/${releaseB}/actions`, { action: "pause", reason: "scope check" }, statuses(403, 403, 403, 403, 403, 200, 403)],
    ["POST", `/api/releases/${releaseA}/actions`, { action: "continue", override: true, reason: "push it" }, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["PATCH", `/api/releases/${releaseA}/checklist/${itemId}`, { state: "met" }, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["POST", `/api/releases/${releaseA}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" }, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["PUT", `/api/releases/${releaseA}/simulator`, { scenario: "healthy" }, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["PATCH", `/api/releases/${releaseA}/alerts/none`, { acknowledged: true }, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["GET", "/api/tokens", undefined, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["POST", "/api/tokens", { name: "sneaky", scopes: ["pipeline"] }, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["DELETE", "/api/tokens/none", undefined, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["GET", "/api/users", undefined, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["GET", "/api/audit", undefined, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["POST", "/api/users", { email: "sneaky@test.local", password: "a-long-password", role: "admin" }, statuses(403, 403, 403, 403, 403, 403, 403)],
    ["GET", "/api/metrics", undefined, statuses(403, 200, 200, 403, 403, 200, 403)],
    ["POST", `/api/releases/${releaseA}/metrics`, sample(), statuses(202, 403, 202, 403, 403, 403, 403)],
    ["POST", `/api/releases/${releaseB}/metrics`, sample(), statuses(202, 403, 202, 403, 403, 403, 403)],
  ];

  it("answers every route with the right status for every scope, and refused calls write nothing", async () => {
    for (const kind of KINDS) {
      const client = SessionClient.withToken(baseUrl, tokens[kind]);
      for (const [method, path, body, expected] of routes()) {
        const before = await snapshot();
        const res = await client.request(method, path, body);
        expect(res.status, `${kind} ${method} ${path}: ${JSON.stringify(res.body)}`).toBe(expected[kind]);
        if (res.status === 403) {
          expect(res.body.error.code).toBe("forbidden");
          expect(await snapshot(), `${kind} ${method} ${path} wrote something`).toEqual(before);
        }
        if (res.status === 200 && path.endsWith("/actions")) {
          // The audit log names the token as the actor; then a commander resumes for the next caller.
          const last = await direct.releaseEvent.findFirst({ where: { releaseId: res.body.id }, orderBy: { seq: "desc" } });
          expect(last?.actor).toBe(`token:${names[kind]}`);
          expect((await (await as("commander", baseUrl)).post(path, { action: "resume" })).status).toBe(200);
        }
      }
    }
  });

  it("lists only what a limited token may see", async () => {
    const list = async (kind: Kind) =>
      ((await SessionClient.withToken(baseUrl, tokens[kind]).get("/api/releases")).body.releases as { id: string; service: string }[]).map((r) => r);
    expect(new Set((await list("pipelineA")).map((r) => r.service))).toEqual(new Set([serviceA]));
    expect((await list("readReleaseA")).map((r) => r.id)).toEqual([releaseA]);
    const all = (await list("read")).map((r) => r.id);
    expect(all).toContain(releaseA);
    expect(all).toContain(releaseB);
    const me = await SessionClient.withToken(baseUrl, tokens.pipelineA).get("/api/me");
    expect(me.body.token).toEqual({ name: names.pipelineA, scopes: ["pipeline"], releaseId: null, service: serviceA });
    expect(me.body.permissions).toEqual(["read", "create", "steer"]);
  });

  it("checks every socket subscription against the token's scope", async () => {
    const open = (token: string) =>
      new Promise<ReturnType<typeof connect>>((resolve, reject) => {
        const socket = connect(baseUrl, { transports: ["websocket"], auth: { token }, reconnection: false });
        socket.on("connect", () => resolve(socket));
        socket.on("connect_error", reject);
      });
    const subscribe = (socket: ReturnType<typeof connect>, payload: unknown) =>
      new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => socket.emit("subscribe", payload, resolve));
    const expected: Record<Kind, [boolean, boolean, boolean]> = {
      ingest: [false, false, false],
      read: [true, true, true],
      legacy: [true, true, true],
      sdk: [false, false, false],
      pipelineA: [true, false, false],
      pipelineAll: [true, true, true],
      readReleaseA: [true, false, false],
    };
    for (const kind of KINDS) {
      const socket = await open(tokens[kind]);
      const answers = [
        await subscribe(socket, { releaseId: releaseA, afterSeq: 0 }),
        await subscribe(socket, { releaseId: releaseB, afterSeq: 0 }),
        await subscribe(socket, { all: true }),
      ];
      expect(answers.map((a) => a.ok), kind).toEqual(expected[kind]);
      for (const a of answers.filter((x) => !x.ok)) expect(a.error?.code).toBe("forbidden");
      socket.close();
    }
  });

  it("takes scopes or the older kind, refuses contradictions, and shows scopes in the list", async () => {
    const admin = await as("admin", baseUrl);
    const before = await direct.apiToken.count();
    for (const bad of [
      { name: "x", scopes: ["sdk", "read"] },
      { name: "x", kind: "sdk", scopes: ["read"] },
      { name: "x", kind: "api", scopes: ["sdk"] },
      { name: "x", scopes: [] },
      { name: "x", scopes: ["admin"] },
      { name: "x", scopes: ["pipeline"], service: serviceA, releaseId: releaseA },
    ]) {
      const res = await admin.post("/api/tokens", bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
    expect(await direct.apiToken.count()).toBe(before);
    const sdk = await admin.post("/api/tokens", { name: `sdk-${unique()}`, scopes: ["sdk"] });
    expect(sdk.body).toMatchObject({ kind: "sdk", scopes: ["sdk"] });
    expect(sdk.body.token).toMatch(/^tg_sdk_/);
    const plain = await admin.post("/api/tokens", { name: `plain-${unique()}` });
    expect(plain.body).toMatchObject({ kind: "api", scopes: ["ingest", "read"] });
    const listed = (await admin.get("/api/tokens")).body.tokens as { name: string; scopes: string[]; service: string | null }[];
    expect(listed.find((t) => t.name === names.pipelineA)).toMatchObject({ scopes: ["pipeline"], service: serviceA });
  });
});
