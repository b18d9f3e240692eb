// Behind a reverse proxy (TRUSTED_PROXIES): the client address comes from X-Forwarded-For, so one noisy client cannot
// throttle everyone behind the proxy, and a browser that signed in before gets through an address that is throttled.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../lib/platform/db/client";
import { createUser } from "../lib/auth/server/create-user";
import { prepareDatabase } from "./support/global-setup";
import { startServer, type ServerProcess } from "./support/server-process";
import { SessionClient } from "./support/session-client";

describe("sign-in behind a trusted proxy", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-proxy-"));
  const url = `file:${path.join(dir, "proxy.db")}`;
  let server: ServerProcess;

  beforeAll(async () => {
    await prepareDatabase(url);
    const direct = createDb(url);
    for (const who of ["alice", "bob"]) await createUser(direct, { email: `${who}@proxy.local`, password: "the-right-password", role: "viewer" });
    await createUser(direct, { email: "carol@proxy.local", password: "the-right-password", role: "commander" });
    await direct.$disconnect();
    server = await startServer({
      NEXTAUTH_SECRET: "integration-test-secret-0123456789",
      DATABASE_URL: url,
      TRUSTED_PROXIES: "127.0.0.1,::1",
      LOGIN_MAX_FAILURES_PER_ADDRESS: "3",
    });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A browser behind the proxy at `address`. */
  function browser(address: string) {
    const client = new SessionClient(server.baseUrl);
    const raw = client.raw.bind(client);
    client.raw = (p, init = {}) => raw(p, { ...init, headers: { ...((init.headers as Record<string, string> | undefined) ?? {}), "x-forwarded-for": address } });
    return client;
  }

  it("throttles the noisy address only, and lets a known browser through it", async () => {
    const alice = browser("198.51.100.10");
    expect(await alice.signIn("alice@proxy.local", "the-right-password")).toBe(true); // alice's browser is now known

    const noisy = browser("198.51.100.66");
    for (const who of ["alice", "bob", "carol"]) expect(await noisy.signIn(`${who}@proxy.local`, "a-wrong-password")).toBe(false);
    // The noisy address is throttled, even with the right password...
    expect(await browser("198.51.100.66").signIn("bob@proxy.local", "the-right-password")).toBe(false);
    // ...but the people behind the same proxy at other addresses are not.
    expect(await browser("198.51.100.11").signIn("bob@proxy.local", "the-right-password")).toBe(true);

    // And a browser that signed in to its account before gets through the throttled address.
    const jar = (alice as unknown as { jar: Map<string, string> }).jar;
    for (const name of [...jar.keys()]) if (name.endsWith("session-token")) jar.delete(name);
    const aliceOnNoisyWifi = browser("198.51.100.66");
    (aliceOnNoisyWifi as unknown as { jar: Map<string, string> }).jar = jar;
    expect(await aliceOnNoisyWifi.signIn("alice@proxy.local", "the-right-password")).toBe(true);
  });

  it("believes X-Forwarded-Host from the proxy for the same-origin check", async () => {
    const carol = browser("198.51.100.13");
    expect(await carol.signIn("carol@proxy.local", "the-right-password")).toBe(true);
    const change = (origin: string) =>
      carol.request("PUT", "/api/releases/no-such-release/simulator", { scenario: "healthy" }, { origin, "x-forwarded-host": "tidegate.example", "x-csrf-token": "" });
    // The proxy serves tidegate.example: the browser's Origin matches the forwarded host, so the change passes the
    // CSRF check without a token and reaches the route (which has no such release).
    const same = await change("https://tidegate.example");
    expect(same.status, JSON.stringify(same.body)).toBe(404);
    const forged = await change("https://evil.example");
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe("csrf_failed");
  });
});
