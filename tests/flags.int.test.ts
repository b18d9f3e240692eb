// Flags over OFREP and the Unleash client API, on SQLite and PostgreSQL, against the real production server, with
// the real npm clients: unleash-client and @openfeature/server-sdk + @openfeature/ofrep-provider.
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { OpenFeature } from "@openfeature/server-sdk";
import { Unleash } from "unleash-client";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../lib/platform/db/client";
import { as, simplePlan } from "./support/fixtures";
import { SessionClient } from "./support/session-client";
import { workerTargets } from "./support/targets";

const targets = workerTargets();

/** Retries an assertion until it holds or `ms` pass; the last failure is the one reported. */
async function eventually(check: () => Promise<void>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const uniq = () => Math.random().toString(36).slice(2, 8);

async function sdkKey(baseUrl: string, scope: { releaseId?: string; service?: string } = {}) {
  const admin = await as("admin", baseUrl);
  const res = await admin.post("/api/tokens", { name: `sdk ${uniq()}`, kind: "sdk", ...scope });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.token).toMatch(/^tg_sdk_/);
  return res.body.token as string;
}

async function ofrep(baseUrl: string, key: string | null, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** Runs `fn` over items with at most `n` in flight. */
async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

describe.each(targets)("flags on $name", ({ baseUrl, databaseUrl }) => {
  const direct: Db = createDb(databaseUrl);
  const unleashClients: Unleash[] = [];
  afterAll(async () => {
    for (const u of unleashClients) u.destroy();
    await OpenFeature.close();
    await direct.$disconnect();
  });

  async function createFlagged(flags: unknown[], waves = [10, 25, 50, 100]) {
    const admin = await as("admin", baseUrl);
    const plan = { ...simplePlan(), waves: waves.map((trafficPercent, i) => ({ name: `Wave ${i + 1}`, trafficPercent })), flags };
    const res = await admin.post("/api/releases", plan);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; version: number };
  }

  async function act(releaseId: string, action: string) {
    const commander = await as("commander", baseUrl);
    const res = await commander.post(`/api/releases/${releaseId}/actions`, { action, reason: `flags test ${action}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return Date.now();
  }

  it("unleash-client agrees with OFREP for 10,000 random keys at every wave and after a rollback", async () => {
    const flag = `new-checkout-${uniq()}`;
    const release = await createFlagged([{ key: flag }]);
    const key = await sdkKey(baseUrl);
    const unleash = new Unleash({
      url: `${baseUrl}/api/`,
      appName: "flags-int-test",
      instanceId: `int-${uniq()}`,
      refreshInterval: 100,
      metricsInterval: 1000,
      customHeaders: { Authorization: key },
    });
    unleashClients.push(unleash);
    unleash.on("error", () => {});
    await new Promise<void>((resolve) => unleash.once("synchronized", () => resolve()));

    const keys = Array.from({ length: 10_000 }, (_, i) => `${i}-${Math.random().toString(36).slice(2)}`);
    const rolloutSeen = () => unleash.getFeatureToggleDefinition(flag)?.strategies?.[0]?.parameters?.rollout;
    const enabledSeen = () => unleash.getFeatureToggleDefinition(flag)?.enabled;

    async function compare(expectedShare: number) {
      const answers = await pool(keys, 64, async (k) => ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: k } }));
      let on = 0;
      for (let i = 0; i < keys.length; i++) {
        const a = answers[i];
        expect(a.status).toBe(200);
        const viaUnleash = unleash.isEnabled(flag, { userId: keys[i] });
        expect(viaUnleash, `key ${keys[i]} at ${expectedShare}%`).toBe(a.body.value);
        if (a.body.value) on++;
      }
      return on / keys.length;
    }

    // Draft: off for everyone, on both protocols (once the new release reached the flag store: one poll).
    await eventually(async () => expect(enabledSeen()).toBe(false), 3000);
    expect((await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: "x" } })).body).toMatchObject({ value: false, reason: "DISABLED" });

    const waves = [10, 25, 50, 100];
    for (let w = 0; w < waves.length; w++) {
      const movedAt = await act(release.id, w === 0 ? "start" : "continue");
      // OFREP follows within a second of the committed change.
      await eventually(async () => {
        const r = await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: "probe" } });
        expect(r.body.metadata?.waveIndex).toBe(w);
        expect(r.body.metadata?.sharePercent).toBe(waves[w]);
      }, 1000);
      expect(Date.now() - movedAt).toBeLessThan(1000);
      await eventually(async () => expect(rolloutSeen()).toBe(String(waves[w])), 5000);
      const share = await compare(waves[w]);
      expect(Math.abs(share * 100 - waves[w])).toBeLessThan(waves[w] === 100 ? 0.001 : 2.5);
    }
    // Completed at 100 %: rollback is no longer possible, so roll back a second release mid-way.
    const flag2 = `search-${uniq()}`;
    const r2 = await createFlagged([{ key: flag2 }]);
    await act(r2.id, "start");
    await act(r2.id, "continue");
    await eventually(async () => expect(unleash.getFeatureToggleDefinition(flag2)?.strategies?.[0]?.parameters?.rollout).toBe("25"), 5000);
    const onBefore = keys.filter((k) => unleash.isEnabled(flag2, { userId: k })).length;
    expect(onBefore).toBeGreaterThan(1500);
    const rolledAt = await act(r2.id, "rollback");
    await eventually(async () => {
      const r = await ofrep(baseUrl, key, `/${flag2}`, { context: { targetingKey: "probe" } });
      expect(r.body).toMatchObject({ value: false, reason: "DISABLED", metadata: { releaseStatus: "rolled_back" } });
    }, 1000);
    expect(Date.now() - rolledAt).toBeLessThan(1000);
    await eventually(async () => expect(unleash.getFeatureToggleDefinition(flag2)?.enabled).toBe(false), 5000);
    const after = await pool(keys, 64, async (k) => ofrep(baseUrl, key, `/${flag2}`, { context: { targetingKey: k } }));
    for (let i = 0; i < keys.length; i++) {
      expect(after[i].body.value).toBe(false);
      expect(unleash.isEnabled(flag2, { userId: keys[i] })).toBe(false);
    }
    // The SDK's own metrics reach Tidegate's exposure counts (202 from /api/client/metrics).
    await eventually(async () => {
      const text = await (await as("viewer", baseUrl)).get("/api/metrics");
      expect(String(text.body)).toMatch(new RegExp(`tidegate_flag_evaluations_total\\{flag="${flag}",variant="on"\\} [1-9]`));
    }, 5000);
  }, 480_000); // 60,000 OFREP requests and as many SDK evaluations; minutes when other work shares the 2 cores

  it("serves a new draft's flag as soon as its create is answered, and a moved share as soon as the command is", async () => {
    const key = await sdkKey(baseUrl);
    // Before, a draft answered FLAG_NOT_FOUND until the next version poll (up to 250 ms): now the create waits for
    // this instance's flag store (the committed signal), so the very next evaluation finds it. Ten in a row, so a
    // lucky poll cannot pass for it.
    for (let i = 0; i < 10; i++) {
      const flag = `fresh-${uniq()}`;
      await createFlagged([{ key: flag }]);
      const r = await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: "x" } });
      expect(r.body, `draft ${i}`).toMatchObject({ value: false, reason: "DISABLED" });
    }
    const flag = `fresh-moved-${uniq()}`;
    const release = await createFlagged([{ key: flag }]);
    await act(release.id, "start");
    const r = await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: "probe" } });
    expect(r.body.metadata).toMatchObject({ waveIndex: 0, sharePercent: 10 });
  });

  it("gives an Unleash SDK a subset of the OFREP cohort at a fractional wave, and allow-lists and constraints on both", async () => {
    const flag = `beta-${uniq()}`;
    const release = await createFlagged(
      [{ key: flag, allow: ["tester-1", "tester-2"], constraints: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }] }],
      [10.5, 100],
    );
    const key = await sdkKey(baseUrl, { releaseId: release.id });
    await act(release.id, "start");
    const unleash = new Unleash({ url: `${baseUrl}/api/`, appName: "flags-int-frac", refreshInterval: 100, disableMetrics: true, customHeaders: { Authorization: key } });
    unleashClients.push(unleash);
    unleash.on("error", () => {});
    await new Promise<void>((resolve) => unleash.once("synchronized", () => resolve()));
    await eventually(async () => expect(unleash.getFeatureToggleDefinition(flag)?.enabled).toBe(true), 3000);

    for (const tester of ["tester-1", "tester-2"]) {
      expect((await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: tester, country: "US" } })).body).toMatchObject({ value: true, reason: "TARGETING_MATCH" });
      expect(unleash.isEnabled(flag, { userId: tester, properties: { country: "US" } })).toBe(true);
    }
    expect((await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: "u1", country: "US" } })).body).toMatchObject({ value: false, reason: "TARGETING_MATCH" });
    const keys = Array.from({ length: 3000 }, (_, i) => `frac-${i}-${uniq()}`);
    const answers = await pool(keys, 64, (k) => ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: k, country: "DE" } }));
    let ofrepOn = 0;
    for (let i = 0; i < keys.length; i++) {
      const viaUnleash = unleash.isEnabled(flag, { userId: keys[i], properties: { country: "DE" } });
      if (viaUnleash) expect(answers[i].body.value, keys[i]).toBe(true);
      if (answers[i].body.value) ofrepOn++;
      expect(answers[i].body.reason).toBe("SPLIT");
    }
    expect(ofrepOn).toBeGreaterThan(200);
  });

  it("answers OFREP with the protocol's shapes: reasons, metadata, errors, bulk with ETag and 304", async () => {
    const flag = `shape-${uniq()}`;
    const release = await createFlagged([{ key: flag, description: "shape test" }], [30, 100]);
    const key = await sdkKey(baseUrl);
    await act(release.id, "start");
    await eventually(async () => expect((await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: "a" } })).body.reason).toBe("SPLIT"), 1000);

    const ok = await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: "user-1" } });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body).sort()).toEqual(["key", "metadata", "reason", "value", "variant"]);
    expect(ok.body.metadata).toEqual({ releaseId: release.id, release: expect.any(String), releaseStatus: "running", wave: "Wave 1", waveIndex: 0, sharePercent: 30 });
    // The plain path is answered on a fast route; a query string rides along it and percent-encoding takes the
    // general one: all say the same, and an encoded unknown key is named decoded.
    const spelled = `/${encodeURIComponent(flag).replace(/-/g, "%2D")}`;
    for (const path of [`/${flag}?from=test`, spelled]) {
      expect(await ofrep(baseUrl, key, path, { context: { targetingKey: "user-1" } }), path).toEqual({ ...ok, headers: expect.anything() });
    }
    expect(await ofrep(baseUrl, key, "/no%2Dsuch", { context: { targetingKey: "a" } })).toMatchObject({ status: 404, body: { key: "no-such", errorCode: "FLAG_NOT_FOUND" } });

    expect(await ofrep(baseUrl, key, `/no-such-flag`, { context: { targetingKey: "a" } })).toMatchObject({
      status: 404,
      body: { key: "no-such-flag", errorCode: "FLAG_NOT_FOUND" },
    });
    expect(await ofrep(baseUrl, key, `/${flag}`, { context: {} })).toMatchObject({ status: 400, body: { key: flag, errorCode: "TARGETING_KEY_MISSING" } });
    expect(await ofrep(baseUrl, key, `/${flag}`, { context: [1, 2] })).toMatchObject({ status: 400, body: { key: flag, errorCode: "INVALID_CONTEXT" } });
    expect(await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: { nested: 1 } } })).toMatchObject({ status: 400, body: { errorCode: "INVALID_CONTEXT" } });
    expect(await ofrep(baseUrl, key, `/${flag}`, "{not json")).toMatchObject({ status: 400, body: { key: flag, errorCode: "PARSE_ERROR" } });
    const big = await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: "a", junk: "x".repeat(200_000) } });
    expect(big).toMatchObject({ status: 413, body: { key: flag, errorCode: "PARSE_ERROR" } });

    // Bulk: every flag this key sees, failures inline, ETag and 304 until something moves.
    const bulk = await ofrep(baseUrl, key, "", { context: { targetingKey: "user-1" } });
    expect(bulk.status).toBe(200);
    const mine = bulk.body.flags.find((f: { key: string }) => f.key === flag);
    expect(mine).toEqual(ok.body);
    const etag = bulk.headers.get("etag")!;
    expect(etag).toBeTruthy();
    const again = await ofrep(baseUrl, key, "", { context: { targetingKey: "user-1" } }, { "if-none-match": etag });
    expect(again.status).toBe(304);
    const otherUser = await ofrep(baseUrl, key, "", { context: { targetingKey: "user-2" } }, { "if-none-match": etag });
    expect(otherUser.status).toBe(200);
    const missing = await ofrep(baseUrl, key, "", { context: {} });
    expect(missing.body.flags.find((f: { key: string }) => f.key === flag)).toMatchObject({ key: flag, errorCode: "TARGETING_KEY_MISSING" });
    expect(await ofrep(baseUrl, key, "", "[]")).toMatchObject({ status: 400, body: { errorCode: "PARSE_ERROR" } });
    await act(release.id, "continue");
    await eventually(async () => {
      const moved = await ofrep(baseUrl, key, "", { context: { targetingKey: "user-1" } }, { "if-none-match": etag });
      expect(moved.status).toBe(200);
      expect(moved.body.flags.find((f: { key: string }) => f.key === flag)).toMatchObject({ value: true, reason: "STATIC" });
    }, 1000);
  });

  it("authenticates with SDK keys only, keeps them to their scope and to the flag endpoints, and writes nothing on bad input", async () => {
    const flag = `auth-${uniq()}`;
    const release = await createFlagged([{ key: flag }], [50, 100]);
    const other = await createFlagged([{ key: `other-${uniq()}` }], [50, 100]);
    await act(release.id, "start");
    const key = await sdkKey(baseUrl);
    const scoped = await sdkKey(baseUrl, { releaseId: other.id });
    const admin = await as("admin", baseUrl);
    const api = (await admin.post("/api/tokens", { name: `api ${uniq()}` })).body.token as string;
    await eventually(async () => expect((await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: "a" } })).status).toBe(200), 1000);

    expect((await ofrep(baseUrl, null, `/${flag}`, { context: { targetingKey: "a" } })).status).toBe(401);
    expect((await ofrep(baseUrl, "tg_sdk_not-a-real-key", `/${flag}`, { context: { targetingKey: "a" } })).status).toBe(401);
    expect((await ofrep(baseUrl, api, `/${flag}`, { context: { targetingKey: "a" } })).status).toBe(403);
    expect((await ofrep(baseUrl, scoped, `/${flag}`, { context: { targetingKey: "a" } }))).toMatchObject({ status: 404, body: { errorCode: "FLAG_NOT_FOUND" } });
    expect((await ofrep(baseUrl, scoped, "", { context: { targetingKey: "a" } })).body.flags.map((f: { key: string }) => f.key)).not.toContain(flag);
    // X-API-Key works as the OFREP spec allows.
    expect((await ofrep(baseUrl, null, `/${flag}`, { context: { targetingKey: "a" } }, { "x-api-key": key })).status).toBe(200);
    // An SDK key is good for flags and nothing else.
    const sdkClient = SessionClient.withToken(baseUrl, key);
    expect((await sdkClient.get("/api/releases")).status).toBe(403);
    expect((await sdkClient.post(`/api/releases/${release.id}/metrics`, { samples: [] })).status).toBe(403);
    expect((await sdkClient.get("/api/tokens")).status).toBe(403);
    const unleashNoKey = await fetch(`${baseUrl}/api/client/features`);
    expect(unleashNoKey.status).toBe(401);
    const unleashApiToken = await fetch(`${baseUrl}/api/client/features`, { headers: { authorization: api } });
    expect(unleashApiToken.status).toBe(403);

    // Bad input of every kind: nothing is written, and the server stays up.
    const before = { releases: await direct.release.count(), events: await direct.releaseEvent.count(), tokens: await direct.apiToken.count() };
    const junk = ["", "null", "[]", '{"context":"x"}', '{"context":{"targetingKey":[]}}', "\u0000\u0001", "{".repeat(10_000), JSON.stringify({ context: { a: "x".repeat(70_000) } })];
    for (const body of junk) {
      const r = await ofrep(baseUrl, key, `/${flag}`, body);
      expect([200, 400, 413]).toContain(r.status);
      const b = await ofrep(baseUrl, key, "", body);
      expect([200, 400, 413]).toContain(b.status);
    }
    const metricsJunk = await fetch(`${baseUrl}/api/client/metrics`, { method: "POST", headers: { authorization: key, "content-type": "application/json" }, body: '{"bucket":{"toggles":{"x":{"yes":-1}}}}' });
    expect(metricsJunk.status).toBe(400);
    expect({ releases: await direct.release.count(), events: await direct.releaseEvent.count(), tokens: await direct.apiToken.count() }).toEqual(before);
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  });

  it("shows planned and observed share on the board API, and calls it drift when apps do not follow", async () => {
    const flag = `exposure-${uniq()}`;
    const release = await createFlagged([{ key: flag }], [50, 100]);
    const key = await sdkKey(baseUrl);
    await act(release.id, "start");
    await eventually(async () => expect((await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: "a" } })).body.reason).toBe("SPLIT"), 1000);
    const viewer = await as("viewer", baseUrl);
    const panel = async () => (await viewer.get(`/api/releases/${release.id}/flags`)).body.flags[0];
    // Counts start over at each change of share: wait until the start has been seen, then evaluate 1,000 users.
    await eventually(async () => expect((await panel()).plannedPercent).toBe(50), 1000);
    const before = (await panel()).samples;
    await pool(Array.from({ length: 1000 }, (_, i) => `exp-${i}`), 32, (k) => ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: k } }));
    const seen = await panel();
    expect(seen.samples - before).toBe(1000);
    expect(Math.abs(seen.observedPercent - 50)).toBeLessThan(6);
    expect(seen.drift).toBe("ok");
    expect(seen.evaluationsPerMinute).toBeGreaterThanOrEqual(1000);

    // Roll back, then an app that did not follow reports it still gave the flag to users: drift.
    await act(release.id, "rollback");
    await eventually(async () => expect((await panel()).plannedPercent).toBe(0), 1000);
    expect((await panel()).drift).toBe("too_few");
    const metrics = await fetch(`${baseUrl}/api/client/metrics`, {
      method: "POST",
      headers: { authorization: key, "content-type": "application/json" },
      body: JSON.stringify({ appName: "stale-app", instanceId: "s1", bucket: { start: new Date().toISOString(), stop: new Date().toISOString(), toggles: { [flag]: { yes: 40, no: 60, variants: {} } } } }),
    });
    expect(metrics.status).toBe(202);
    expect(await panel()).toMatchObject({ plannedPercent: 0, drift: "drift", samples: 100 });
    expect((await viewer.get(`/api/releases/${release.id}/flags`)).body.sdks.unleash).toBeGreaterThanOrEqual(1);
  });

  it("refuses a flag key that an active release already moves", async () => {
    const flag = `dup-${uniq()}`;
    await createFlagged([{ key: flag }]);
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/releases", { ...simplePlan(), flags: [{ key: flag }] });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "flag_key_in_use", details: { clashes: [{ key: flag }] } });
  });

  it("lets exactly one of many concurrent creates claim a flag key (raced for real)", async () => {
    const flag = `race-${uniq()}`;
    const admin = await as("admin", baseUrl);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => admin.post("/api/releases", { ...simplePlan(), name: `race ${i}`, flags: [{ key: flag }] })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const holders = await direct.release.findMany({ where: { flagKeys: { contains: flag } }, select: { id: true } });
    expect(holders).toHaveLength(1);
  });

  it("refuses a RETRY while another active release has claimed its flag since the rollback", async () => {
    const flag = `retry-${uniq()}`;
    const first = await createFlagged([{ key: flag }]);
    await act(first.id, "start");
    await act(first.id, "rollback");
    const second = await createFlagged([{ key: flag }]);
    const commander = await as("commander", baseUrl);
    const retry = await commander.post(`/api/releases/${first.id}/actions`, { action: "retry", reason: "flags test retry" });
    expect(retry.status, JSON.stringify(retry.body)).toBe(409);
    expect(retry.body.error).toMatchObject({ code: "flag_key_in_use", details: { clashes: [{ key: flag, releaseId: second.id }] } });
    expect((await direct.release.findUnique({ where: { id: first.id } }))?.status).toBe("rolled_back");
  });

  it("serves the Unleash client API with ETag/304, and accepts register and metrics with 202", async () => {
    const key = await sdkKey(baseUrl);
    // Other test files change flags on this server meanwhile: a changed document must come with a new ETag, and an
    // unchanged one is answered 304.
    let notModified = false;
    for (let attempt = 0; attempt < 20 && !notModified; attempt++) {
      const first = await fetch(`${baseUrl}/api/client/features`, { headers: { authorization: key } });
      expect(first.status).toBe(200);
      const doc = await first.json();
      expect(doc.version).toBe(2);
      expect(Array.isArray(doc.features)).toBe(true);
      const etag = first.headers.get("etag")!;
      const second = await fetch(`${baseUrl}/api/client/features`, { headers: { authorization: key, "if-none-match": etag } });
      if (second.status === 304) notModified = true;
      else {
        expect(second.status).toBe(200);
        expect(second.headers.get("etag")).not.toBe(etag);
      }
    }
    expect(notModified).toBe(true);
    const reg = await fetch(`${baseUrl}/api/client/register`, {
      method: "POST",
      headers: { authorization: key, "content-type": "application/json" },
      body: JSON.stringify({ appName: "raw", instanceId: "i1", sdkVersion: "raw:1", strategies: ["flexibleRollout"], started: new Date().toISOString(), interval: 1000 }),
    });
    expect(reg.status).toBe(202);
  });

  it("works with @openfeature/server-sdk and @openfeature/ofrep-provider, including the error cases", async () => {
    const flag = `of-${uniq()}`;
    const release = await createFlagged([{ key: flag }], [40, 100]);
    const key = await sdkKey(baseUrl);
    await act(release.id, "start");
    const domain = `tidegate-${uniq()}`;
    await OpenFeature.setProviderAndWait(domain, new OFREPProvider({ baseUrl, headers: [["Authorization", `Bearer ${key}`]] }));
    const client = OpenFeature.getClient(domain);
    await eventually(async () => expect((await client.getBooleanDetails(flag, false, { targetingKey: "a" })).reason).toBe("SPLIT"), 1000);
    let on = 0;
    for (let i = 0; i < 300; i++) {
      const d = await client.getBooleanDetails(flag, false, { targetingKey: `user-${i}` });
      const raw = await ofrep(baseUrl, key, `/${flag}`, { context: { targetingKey: `user-${i}` } });
      expect(d.value).toBe(raw.body.value);
      expect(d.flagMetadata).toMatchObject({ releaseId: release.id, waveIndex: 0 });
      if (d.value) on++;
    }
    expect(on).toBeGreaterThan(60);
    const unknown = await client.getBooleanDetails("no-such-flag", true, { targetingKey: "a" });
    expect(unknown).toMatchObject({ value: true, errorCode: "FLAG_NOT_FOUND", reason: "ERROR" });
    const noKey = await client.getBooleanDetails(flag, true, {});
    expect(noKey).toMatchObject({ value: true, errorCode: "TARGETING_KEY_MISSING", reason: "ERROR" });
    const wrongType = await client.getStringDetails(flag, "fallback", { targetingKey: "a" });
    expect(wrongType).toMatchObject({ value: "fallback", errorCode: "TYPE_MISMATCH" });

    const badDomain = `bad-${uniq()}`;
    await OpenFeature.setProviderAndWait(badDomain, new OFREPProvider({ baseUrl, headers: [["Authorization", "Bearer tg_sdk_wrong"]] }));
    const bad = await OpenFeature.getClient(badDomain).getBooleanDetails(flag, true, { targetingKey: "a" });
    expect(bad.value).toBe(true);
    expect(bad.reason).toBe("ERROR");
    expect(bad.errorCode).toBeDefined();
  });
});
