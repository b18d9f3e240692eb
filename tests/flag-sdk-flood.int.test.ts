// Outside input must not grow the server without bound: a flood of Unleash registrations and metrics with new app
// and instance names, and OFREP calls with new User-Agents, through the real server's flag endpoints. The SDK map
// stays at its cap, the evictions show in /api/metrics, and the resident memory does not follow the flood
// (before the cap, 50,000 registrations took it from 378 to 542 MB).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SDKS } from "../lib/flags/server/exposure";
import { as } from "./support/fixtures";
import { prepareDatabase } from "./support/global-setup";
import { startServer, type ServerProcess } from "./support/server-process";

// A server of its own: the resident memory measured must be this flood's, not that of other files sharing a worker's.
let dir: string;
let server: ServerProcess;
const target = { get baseUrl() { return server.baseUrl; } };
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tidegate-flood-"));
  const databaseUrl = `file:${path.join(dir, "flood.db")}`;
  await prepareDatabase(databaseUrl);
  server = await startServer({ DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "integration-test-secret-0123456789", LOGIN_MAX_FAILURES_PER_ADDRESS: "1000" });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});
const REGISTRATIONS = 50_000;
/** The flood stops here however far it got: the machine is shared, and past the cap more says nothing new. */
const BUDGET_MS = 150_000;

async function pool(total: number, n: number, deadline: number, fn: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < total && Date.now() < deadline) await fn(next++);
    }),
  );
  return Math.min(next, total);
}

async function metrics(baseUrl: string) {
  const text = String((await (await as("viewer", baseUrl)).get("/api/metrics")).body);
  const value = (name: string, label = "") => {
    const line = text.split("\n").find((l) => l.startsWith(name) && l.includes(label) && !l.startsWith("#"));
    return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : Number.NaN;
  };
  return {
    tracked: value("tidegate_flag_sdks_tracked"),
    capacity: value("tidegate_flag_sdk_evictions_total", 'reason="capacity"'),
    worker: value("tidegate_flag_sdk_evictions_total", 'reason="worker"'),
    connected: value("tidegate_flag_sdks_connected", 'protocol="unleash"') + value("tidegate_flag_sdks_connected", 'protocol="ofrep"'),
    rss: value("process_resident_memory_bytes"),
  };
}

describe("a flood of SDK names", () => {
  it(`keeps the SDK map at ${MAX_SDKS} and the memory flat through ${REGISTRATIONS} registrations and new User-Agents`, async () => {
    const { baseUrl } = target;
    const admin = await as("admin", baseUrl);
    const res = await admin.post("/api/tokens", { name: `flood ${Date.now()}`, kind: "sdk" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const key = res.body.token as string;
    const before = await metrics(baseUrl);
    expect(before.tracked).toBeLessThanOrEqual(MAX_SDKS);

    const deadline = Date.now() + BUDGET_MS;
    const started = Date.now();
    const run = `${Date.now().toString(36)}`;
    // Mostly registrations; every 10th a metrics report with a new app name, every 10th an OFREP call with a new agent.
    const call = async (i: number) => {
      const r =
        i % 10 === 3
          ? await fetch(`${baseUrl}/ofrep/v1/evaluate/flags`, {
              method: "POST",
              headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "user-agent": `flood-agent/${run}-${i} ${"x".repeat(300)}` },
              body: '{"context":{"targetingKey":"u"}}',
            })
          : await fetch(`${baseUrl}/api/client/${i % 10 === 7 ? "metrics" : "register"}`, {
              method: "POST",
              headers: { authorization: key, "content-type": "application/json" },
              body: JSON.stringify(
                i % 10 === 7
                  ? { appName: `app-${run}-${i}`, instanceId: `m-${i}`, bucket: { start: new Date().toISOString(), stop: new Date().toISOString(), toggles: {} } }
                  : { appName: `app-${run}-${i}`, instanceId: `inst-${i}`, sdkVersion: `flood:${i}`, strategies: [], started: new Date().toISOString(), interval: 15000 },
              ),
            });
      await r.arrayBuffer();
      expect(r.status).toBeLessThan(300);
    };
    // Two halves of distinct names: RSS after the first half is the heap's working size under this load; a map that
    // grows with names keeps climbing through the second half, a bounded one does not.
    const half = REGISTRATIONS / 2;
    const first = await pool(half, 32, deadline, call);
    await new Promise((r) => setTimeout(r, 1500));
    const middle = await metrics(baseUrl);
    const second = await pool(half, 32, deadline, (i) => call(half + i));
    const sent = first + second;
    const seconds = (Date.now() - started) / 1000;
    // The cap must have been exercised several times over for the numbers below to mean anything.
    expect(sent).toBeGreaterThan(3 * MAX_SDKS);
    // The worker hands its sightings over once a second; on a busy machine the last few drains take longer.
    let after = await metrics(baseUrl);
    // OFREP notes a client at most once a second per connection (ofrep.ts), so only the Unleash calls (9 in 10) are sure
    // to be new instances each.
    const unleashCalls = sent - Math.ceil((sent - 3) / 10);
    for (let waited = 0; waited < 20_000 && after.capacity - before.capacity + (after.worker - before.worker) < unleashCalls - MAX_SDKS; waited += 500) {
      await new Promise((r) => setTimeout(r, 500));
      after = await metrics(baseUrl);
    }
    const mb = (b: number) => (b / 2 ** 20).toFixed(0);
    console.log(
      `flood: ${sent} calls in ${seconds.toFixed(1)} s; SDKs tracked ${before.tracked} -> ${middle.tracked} -> ${after.tracked}; evicted capacity +${after.capacity - before.capacity}, worker +${after.worker - before.worker}; RSS ${mb(before.rss)} -> ${mb(middle.rss)} (half) -> ${mb(after.rss)} MB`,
    );
    expect(middle.tracked).toBeLessThanOrEqual(MAX_SDKS);
    expect(after.tracked).toBeLessThanOrEqual(MAX_SDKS);
    expect(after.connected).toBeLessThanOrEqual(MAX_SDKS);
    // Every new name beyond the cap was let go, and counted.
    expect(after.capacity - before.capacity + (after.worker - before.worker)).toBeGreaterThanOrEqual(unleashCalls - MAX_SDKS);
    // The unbounded map grew by 164 MB over 50,000 names, about 80 MB a half and rising. Bounded, the second half only
    // lets the heap settle under the load (seen: +37 MB on a machine at load 25, the first half +74 MB from cold).
    expect(after.rss - middle.rss).toBeLessThan(60 * 2 ** 20);
  }, 300_000);
});
