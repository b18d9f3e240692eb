// Every API route and the socket.io connection, as anonymous, viewer, approver, commander and admin:
// the status each gets, and that refused calls wrote nothing. Also CSRF and login throttling.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { createDb, type Db } from "../lib/platform/db/client";
import { createUser } from "../lib/auth/server/create-user";
import { as, createStartedRelease, simplePlan } from "./support/fixtures";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";
import type { TestRole } from "./support/test-users";

const targets = workerTargets();
type Who = "anonymous" | TestRole;
const WHO: Who[] = ["anonymous", "viewer", "approver", "commander", "admin"];

describe.each(targets)("authorization on $name", ({ baseUrl, databaseUrl }) => {
  const direct: Db = createDb(databaseUrl);
  afterAll(() => direct.$disconnect());
  let releaseId = "";
  let itemId = "";
  let tokenId = "";

  beforeAll(async () => {
    const plan = simplePlan(3, {
      waves: [
        { name: "Canary", trafficPercent: 10, checklist: [{ text: "Dashboards ready", ownerRole: "Operations Lead" }], signoffs: ["Product Manager"] },
        { name: "Half", trafficPercent: 50 },
        { name: "All", trafficPercent: 100 },
      ],
    });
    const release = await createStartedRelease(baseUrl, plan);
    releaseId = release.id;
    itemId = (await (await as("viewer", baseUrl)).get(`/api/releases/${releaseId}/checklist`)).body.items[0].id;
    tokenId = (await (await as("admin", baseUrl)).post("/api/tokens", { name: "authz", releaseId })).body.id;
  });

  async function client(who: Who) {
    return who === "anonymous" ? new SessionClient(baseUrl) : as(who, baseUrl);
  }

  async function snapshot() {
    const [releases, events, tokens, samples, signoffs, items, users] = await Promise.all([
      direct.release.count(),
      // This release's events only: releases other test files left running keep writing guardrail events meanwhile.
      direct.releaseEvent.count({ where: { releaseId } }),
      direct.apiToken.count({ where: { revokedAt: null } }),
      direct.metricBucket.count(),
      direct.signoff.count(),
      direct.checklistItem.findMany({ where: { releaseId }, select: { state: true } }),
      direct.user.count(),
    ]);
    return { releases, events, tokens, samples, signoffs, items, users };
  }

  // [method, path, body, expected status per caller]; a 2xx for a mutating route is followed by a reset.
  const routes = (): [string, string, unknown, Record<Who, number>][] => [
    ["GET", "/api/me", undefined, { anonymous: 401, viewer: 200, approver: 200, commander: 200, admin: 200 }],
    ["GET", "/api/releases", undefined, { anonymous: 401, viewer: 200, approver: 200, commander: 200, admin: 200 }],
    ["POST", "/api/releases", simplePlan(2), { anonymous: 401, viewer: 403, approver: 403, commander: 403, admin: 201 }],
    ["GET", `/api/releases/${releaseId}`, undefined, { anonymous: 401, viewer: 200, approver: 200, commander: 200, admin: 200 }],
    ["GET", `/api/releases/${releaseId}/events`, undefined, { anonymous: 401, viewer: 200, approver: 200, commander: 200, admin: 200 }],
    ["GET", `/api/releases/${releaseId}/checklist`, undefined, { anonymous: 401, viewer: 200, approver: 200, commander: 200, admin: 200 }],
    ["GET", `/api/releases/${releaseId}/metrics`, undefined, { anonymous: 401, viewer: 200, approver: 200, commander: 200, admin: 200 }],
    ["GET", `/api/releases/${releaseId}/simulator`, undefined, { anonymous: 401, viewer: 200, approver: 200, commander: 200, admin: 200 }],
    ["GET", "/api/metrics", undefined, { anonymous: 401, viewer: 200, approver: 200, commander: 200, admin: 200 }],
    ["POST", `/api/releases/${releaseId}/actions`, { action: "pause" }, { anonymous: 401, viewer: 403, approver: 403, commander: 200, admin: 200 }],
    ["PATCH", `/api/releases/${releaseId}/checklist/${itemId}`, { state: "met" }, { anonymous: 401, viewer: 403, approver: 200, commander: 200, admin: 200 }],
    ["POST", `/api/releases/${releaseId}/waves/0/signoffs`, { role: "Product Manager", decision: "approve" }, { anonymous: 401, viewer: 403, approver: 201, commander: 403, admin: 403 }],
    ["POST", `/api/releases/${releaseId}/metrics`, { samples: [{ metric: "error_rate", value: 0.01, ts: new Date().toISOString() }] }, { anonymous: 401, viewer: 403, approver: 403, commander: 403, admin: 403 }],
    ["PUT", `/api/releases/${releaseId}/simulator`, { scenario: "healthy" }, { anonymous: 401, viewer: 403, approver: 403, commander: 200, admin: 200 }],
    ["PATCH", `/api/releases/${releaseId}/alerts/none`, { acknowledged: true }, { anonymous: 401, viewer: 403, approver: 403, commander: 404, admin: 404 }],
    ["GET", "/api/tokens", undefined, { anonymous: 401, viewer: 403, approver: 403, commander: 403, admin: 200 }],
    ["POST", "/api/tokens", { name: "x" }, { anonymous: 401, viewer: 403, approver: 403, commander: 403, admin: 201 }],
    ["DELETE", `/api/tokens/${tokenId}`, undefined, { anonymous: 401, viewer: 403, approver: 403, commander: 403, admin: 200 }],
    ["GET", "/api/users", undefined, { anonymous: 401, viewer: 403, approver: 403, commander: 403, admin: 200 }],
    ["GET", "/api/audit", undefined, { anonymous: 401, viewer: 403, approver: 403, commander: 403, admin: 200 }],
    ["POST", "/api/users", { email: "new-person@test.local", password: "a-long-password", role: "viewer" }, { anonymous: 401, viewer: 403, approver: 403, commander: 403, admin: 201 }],
  ];

  it("answers every route with the right status for every role, and refused calls write nothing", async () => {
    for (const who of WHO) {
      const c = await client(who);
      for (const [method, path, body, expected] of routes()) {
        const before = await snapshot();
        const res = await c.request(method, path, body);
        expect(res.status, `${who} ${method} ${path}: ${JSON.stringify(res.body)}`).toBe(expected[who]);
        if (res.status === 401 || res.status === 403) {
          expect(res.body.error.code).toBe(res.status === 401 ? "unauthenticated" : "forbidden");
          expect(await snapshot(), `${who} ${method} ${path} wrote something`).toEqual(before);
        }
        if (res.status < 300 && method !== "GET") await undo(method, path, res.body);
      }
    }
  });

  async function undo(method: string, path: string, body: { id?: string }) {
    const admin = await as("admin", baseUrl);
    if (path.endsWith("/actions")) await admin.post(path, { action: "resume" });
    if (path.includes("/checklist/")) await admin.patch(path, { state: "open" });
    if (path.endsWith("/signoffs")) await (await as("approver", baseUrl)).post(path, { role: "Product Manager", decision: "withdraw" });
    if (path === "/api/tokens" && method === "POST") await admin.request("DELETE", `/api/tokens/${body.id}`);
    if (path.startsWith("/api/tokens/")) tokenId = (await admin.post("/api/tokens", { name: "authz", releaseId })).body.id;
    if (path === "/api/users") await direct.user.delete({ where: { email: "new-person@test.local" } });
  }

  it("refuses a cross-site POST without the CSRF token, and accepts our own", async () => {
    const commander = await as("commander", baseUrl);
    const before = await snapshot();
    const forged = await commander.post(`/api/releases/${releaseId}/actions`, { action: "pause" }, { origin: "http://evil.example", "x-csrf-token": "" });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe("csrf_failed");
    const noToken = await commander.post(`/api/releases/${releaseId}/actions`, { action: "pause" }, { "x-csrf-token": "" });
    expect(noToken.status).toBe(403);
    const wrongToken = await commander.post(`/api/releases/${releaseId}/actions`, { action: "pause" }, { "x-csrf-token": "0".repeat(64) });
    expect(wrongToken.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    const sameOrigin = await commander.post(`/api/releases/${releaseId}/actions`, { action: "pause" }, { origin: baseUrl, "x-csrf-token": "" });
    expect(sameOrigin.status).toBe(200);
    const withToken = await commander.post(`/api/releases/${releaseId}/actions`, { action: "resume" });
    expect(withToken.status).toBe(200);
  });

  it("throttles repeated failed logins per account with a generic answer", async () => {
    const email = `throttle-${Math.random().toString(36).slice(2)}@test.local`;
    await createUser(direct, { email, password: "the-right-password", role: "viewer" });
    for (let i = 0; i < 5; i++) expect(await new SessionClient(baseUrl).signIn(email, "a-wrong-password")).toBe(false);
    expect(await new SessionClient(baseUrl).signIn(email, "the-right-password")).toBe(false);
    expect(await new SessionClient(baseUrl).signIn("nobody@test.local", "whatever-password")).toBe(false);
    expect(await direct.loginAttempt.count({ where: { key: `account:${email}` } })).toBe(5);
  });

  it("authenticates socket.io connections and subscriptions", async () => {
    const open = (headers: Record<string, string>, auth?: Record<string, string>) =>
      new Promise<{ ok: boolean; socket: ReturnType<typeof connect>; error?: string }>((resolve) => {
        const socket = connect(baseUrl, { transports: ["websocket"], extraHeaders: headers, auth, reconnection: false });
        socket.on("connect", () => resolve({ ok: true, socket }));
        socket.on("connect_error", (e) => resolve({ ok: false, socket, error: e.message }));
      });
    const subscribe = (socket: ReturnType<typeof connect>, payload: unknown) =>
      new Promise<{ ok: boolean; events?: unknown[]; error?: { code: string } }>((resolve) => socket.emit("subscribe", payload, resolve));

    const anonymous = await open({});
    expect(anonymous).toMatchObject({ ok: false, error: "unauthenticated" });
    anonymous.socket.close();

    const viewer = await open({ cookie: (await as("viewer", baseUrl)).cookieHeader() });
    expect(viewer.ok).toBe(true);
    const backlog = await subscribe(viewer.socket, { releaseId, afterSeq: 0 });
    expect(backlog.ok).toBe(true);
    expect((backlog.events as { seq: number }[])[0].seq).toBe(1);
    expect((await subscribe(viewer.socket, { releaseId: "missing", afterSeq: 0 })).error?.code).toBe("not_found");
    expect((await subscribe(viewer.socket, { bogus: 1 })).error?.code).toBe("invalid_request");
    viewer.socket.close();

    const other = await createStartedRelease(baseUrl);
    const token = (await (await as("admin", baseUrl)).post("/api/tokens", { name: "scoped", releaseId })).body.token;
    const machine = await open({}, { token });
    expect(machine.ok).toBe(true);
    expect((await subscribe(machine.socket, { releaseId, afterSeq: 0 })).ok).toBe(true);
    expect((await subscribe(machine.socket, { releaseId: other.id, afterSeq: 0 })).error?.code).toBe("forbidden");
    expect((await subscribe(machine.socket, { all: true })).error?.code).toBe("forbidden");
    machine.socket.close();
  });
});
