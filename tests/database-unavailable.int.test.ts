// While PostgreSQL is down, requests answer 503 database_unavailable with Retry-After (not 500 internal), so agents
// and pipelines back off and retry; when it is back, the server recovers by itself.
import { randomUUID } from "node:crypto";
import { get as httpGet } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../lib/auth/server/api-tokens";
import { createDb } from "../lib/platform/db/client";
import { prepareDatabase } from "./support/global-setup";
import { eventually } from "./support/poll";
import { startPostgres, type PostgresCluster } from "./support/postgres-cluster";
import { startServer, type ServerProcess } from "./support/server-process";

describe("database outage on postgres", () => {
  let pg: PostgresCluster;
  let server: ServerProcess;
  const token = `tg_${randomUUID().replace(/-/g, "")}`;

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase("tidegate_outage");
    await prepareDatabase(url);
    const direct = createDb(url);
    await direct.apiToken.create({ data: { id: randomUUID(), name: "outage", tokenHash: hashToken(token), createdBy: "test" } });
    await direct.$disconnect();
    server = await startServer({ NEXTAUTH_SECRET: "integration-test-secret-0123456789", DATABASE_URL: url });
  });

  afterAll(async () => {
    await server?.stop();
    pg?.stop();
  });

  it("logs a malformed path it refuses as one JSON line", async () => {
    const status = await new Promise<number>((resolve, reject) =>
      httpGet(`${server.baseUrl}/api/releases/%ZZ`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on("error", reject),
    );
    expect(status).toBe(400);
    // The log line reaches the pipe a moment after the response: wait for it rather than race it.
    const refusedLine = /"msg":"request refused","method":"GET","path":"\/api\/releases\/%ZZ","status":400,"code":"invalid_path"/;
    await eventually(async () => server.output(), (out) => refusedLine.test(out), 5_000, 50);
    expect(server.output()).toMatch(refusedLine);
  });

  const get = (path: string) => fetch(server.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });

  it("answers 503 database_unavailable with Retry-After while PostgreSQL is down, then recovers by itself", async () => {
    expect((await get("/api/releases")).status).toBe(200);
    pg.pause();
    try {
      await new Promise((r) => setTimeout(r, 2500)); // past the token cache
      for (const path of ["/api/releases", "/api/releases/some-id", "/api/metrics"]) {
        const res = await get(path);
        expect(res.status, path).toBe(503);
        expect(res.headers.get("retry-after"), path).toMatch(/^\d+$/);
        expect((await res.json()).error.code, path).toBe("database_unavailable");
      }
      const ingest = await fetch(`${server.baseUrl}/api/releases/some-id/metrics`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ samples: [] }),
      });
      expect(ingest.status).toBe(503);
      expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(503);
    } finally {
      pg.resume();
    }
    await eventually(() => get("/api/releases").then((r) => r.status), (s) => s === 200, 30_000, 250);
    await eventually(async () => server.output(), (out) => out.includes('"msg":"database unavailable"'), 5_000, 50);
  });
});
