// The admin audit log against the real server, on SQLite and PostgreSQL: every admin action done through the API
// appears in GET /api/audit with its actor, target and data, no secret value is anywhere in the answer, non-admins
// are refused, a bad query gets the house error shape, and paging serves every row exactly once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/platform/db/client";
import { as } from "./support/fixtures";
import { SessionClient } from "./support/session-client";
import { TEST_USERS } from "./support/test-users";
import { workerTargets } from "./support/targets";

const targets = workerTargets();
const unique = () => Math.random().toString(36).slice(2, 8);

type Entry = { id: number; at: string; actor: { id: string; label: string }; action: string; target: { type: string; id: string }; data: Record<string, unknown> };
type Page = { entries: Entry[]; nextCursor: string | null };

describe.each(targets)("admin audit log on $name", ({ baseUrl, databaseUrl }) => {
  const direct: Db = createDb(databaseUrl);
  afterAll(() => direct.$disconnect());
  /** Every secret value the actions below produce or send: none may appear in an audit answer. */
  const secrets: string[] = [];
  const since = new Date(Date.now() - 1000).toISOString();
  const ids = { token: "", user: "", endpoint: "", delivery: "" };
  const slackKey = `SLACKKEY${unique()}${unique()}`;
  const password = `pw-${randomUUID()}`;
  const email = `audited-${unique()}@test.local`;
  let tokenName = "";

  const audit = async (query = "") => (await as("admin", baseUrl)).get<Page>(`/api/audit${query ? `?${query}` : ""}`);
  const allSince = async (extra = "") => {
    const res = await audit(`since=${encodeURIComponent(since)}&limit=200${extra}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.entries;
  };

  beforeAll(async () => {
    const admin = await as("admin", baseUrl);
    // API tokens: created (its value shown once) and revoked.
    tokenName = `audited-${unique()}`;
    const token = await admin.post("/api/tokens", { name: tokenName, scopes: ["read"] });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    ids.token = token.body.id;
    secrets.push(token.body.token);
    expect((await admin.delete(`/api/tokens/${ids.token}`)).status).toBe(200);
    // A person: created, re-roled, disabled.
    const user = await admin.post("/api/users", { email, password, role: "viewer" });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    ids.user = user.body.id;
    secrets.push(password);
    expect((await admin.patch(`/api/users/${ids.user}`, { role: "approver" })).status).toBe(200);
    expect((await admin.patch(`/api/users/${ids.user}`, { disabled: true })).status).toBe(200);
    // A webhook endpoint (a Slack URL carries its key in the path): created, secret rotated, a delivery replayed, deleted.
    const endpoint = await admin.post("/api/webhooks", { url: `https://hooks.slack.com/services/T0/B0/${slackKey}`, kind: "slack", events: ["paused"] });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    ids.endpoint = endpoint.body.id;
    secrets.push(endpoint.body.secret, slackKey);
    const rotated = await admin.post(`/api/webhooks/${ids.endpoint}/rotate-secret`);
    expect(rotated.status).toBe(200);
    secrets.push(rotated.body.secret);
    // A failed delivery to replay (written directly: this server may not call loopback, and Slack is not reachable).
    ids.delivery = `msg_${randomUUID().replaceAll("-", "")}`;
    await direct.webhookDelivery.create({
      data: {
        id: ids.delivery,
        dedupeKey: ids.delivery,
        target: "endpoint",
        endpointId: ids.endpoint,
        releaseId: "rel_audit",
        seq: 7,
        eventType: "paused",
        payload: JSON.stringify({ type: "paused", data: {} }),
        status: "failed",
        attempts: 1,
        nextAttemptAt: new Date(Date.now() + 3_600_000),
        eventAt: new Date(),
      },
    });
    const replayed = await admin.post(`/api/webhooks/${ids.endpoint}/deliveries/${ids.delivery}/replay`);
    expect(replayed.status, JSON.stringify(replayed.body)).toBe(200);
    expect((await admin.delete(`/api/webhooks/${ids.endpoint}`)).status).toBe(200);
  });

  it("shows each admin action with its actor and target, newest first", async () => {
    const entries = await allSince();
    const admin = await direct.user.findUniqueOrThrow({ where: { email: TEST_USERS.admin.email } });
    const mine = entries.filter((e) => Object.values(ids).includes(e.target.id)).reverse();
    expect(mine.map((e) => [e.action, e.target.type, e.target.id])).toEqual([
      ["api_token.created", "api_token", ids.token],
      ["api_token.revoked", "api_token", ids.token],
      ["user.created", "user", ids.user],
      ["user.role_changed", "user", ids.user],
      ["user.disabled", "user", ids.user],
      ["webhook_endpoint.created", "webhook_endpoint", ids.endpoint],
      ["webhook_endpoint.secret_rotated", "webhook_endpoint", ids.endpoint],
      ["webhook_delivery.replayed", "webhook_delivery", ids.delivery],
      ["webhook_endpoint.deleted", "webhook_endpoint", ids.endpoint],
    ]);
    for (const e of mine) expect(e.actor).toEqual({ id: admin.id, label: TEST_USERS.admin.email });
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    const data = Object.fromEntries(mine.map((e) => [e.action, e.data]));
    expect(data["api_token.created"]).toEqual({ name: tokenName, scopes: ["read"], releaseId: null, service: null, expiresAt: null });
    expect(data["user.created"]).toEqual({ email, role: "viewer", signoffRoles: [] });
    expect(data["user.role_changed"]).toEqual({ email, from: "viewer", to: "approver" });
    expect(data["webhook_endpoint.created"]).toMatchObject({ urlOrigin: "https://hooks.slack.com", kind: "slack", events: ["paused"] });
    expect(data["webhook_delivery.replayed"]).toEqual({ endpointId: ids.endpoint, eventType: "paused", releaseId: "rel_audit", seq: 7 });
  });

  it("never holds a secret value: token, webhook secrets, password, the Slack key", async () => {
    const res = await audit(`since=${encodeURIComponent(since)}&limit=200`);
    const text = JSON.stringify(res.body);
    expect(secrets.length).toBe(5);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/whsec_|tg_[A-Za-z0-9_-]{20}/);
  });

  it("filters by action, actor, target and time", async () => {
    const byAction = await allSince("&action=user.disabled");
    expect(byAction.length).toBeGreaterThan(0);
    expect(byAction.every((e) => e.action === "user.disabled")).toBe(true);
    const byTarget = await allSince(`&target=${ids.token}`);
    expect(byTarget.map((e) => e.action)).toEqual(["api_token.revoked", "api_token.created"]);
    const byType = await allSince("&targetType=webhook_delivery");
    expect(byType.map((e) => e.target.id)).toContain(ids.delivery);
    const byLabel = await allSince(`&actor=${encodeURIComponent(TEST_USERS.admin.email)}`);
    const admin = await direct.user.findUniqueOrThrow({ where: { email: TEST_USERS.admin.email } });
    const byId = await allSince(`&actor=${admin.id}`);
    expect(byId.map((e) => e.id)).toEqual(byLabel.map((e) => e.id));
    expect((await allSince("&actor=nobody@test.local")).length).toBe(0);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await audit(`since=${encodeURIComponent(future)}`)).body.entries).toEqual([]);
    const until = await audit(`until=${encodeURIComponent(since)}&target=${ids.token}`);
    expect(until.body.entries).toEqual([]);
  });

  it("pages through every row exactly once, in order", async () => {
    const all = await allSince();
    expect(all.length).toBeGreaterThanOrEqual(9);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: Page } = await audit(`since=${encodeURIComponent(since)}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.entries.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.entries.map((e) => e.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(all.map((e) => e.id));
    expect(new Set(seen).size).toBe(seen.length);
    // One row more than asked tells whether another page exists: no empty last page.
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it("is for admins only: 401 without a session, 403 for every other role and for an API token", async () => {
    const anonymous = await new SessionClient(baseUrl).get("/api/audit");
    expect(anonymous.status).toBe(401);
    for (const role of ["viewer", "approver", "commander"] as const) {
      const res = await (await as(role, baseUrl)).get("/api/audit");
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    const token = await (await as("admin", baseUrl)).post("/api/tokens", { name: `reader-${unique()}`, scopes: ["read"] });
    const byToken = await fetch(`${baseUrl}/api/audit`, { headers: { authorization: `Bearer ${token.body.token}` } });
    expect(byToken.status).toBe(403);
  });

  it("refuses a bad query with 400 in the house error shape", async () => {
    for (const query of ["limit=201", "limit=0", "limit=many", "cursor=abc", "action=user.exploded", "since=yesterday", "until=2026-13-01", "bogus=1", `since=${encodeURIComponent(new Date().toISOString())}&until=2020-01-01T00:00:00Z`]) {
      const res = await (await as("admin", baseUrl)).get(`/api/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toMatchObject({ code: "invalid_request" });
      expect(typeof res.body.error.message).toBe("string");
      expect(Array.isArray(res.body.error.details.issues), query).toBe(true);
      expect(res.body.error.details.issues[0]).toHaveProperty("path");
    }
  });
});
