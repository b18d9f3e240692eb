// npm run cluster:demo: a throwaway PostgreSQL, three Tidegate instances on three ports and a round-robin proxy in
// front, so anyone can watch a cluster work: open the proxy's address, kill an instance (its pid is printed), and
// see the board carry on and another instance take over the guardrail evaluator. Ctrl-C stops and deletes it all.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { startPostgres } from "../../tests/support/postgres-cluster";
import { startRoundRobinProxy } from "./round-robin-proxy";

const PROXY_PORT = Number(process.env.PORT || 3000);
const INSTANCE_PORTS = [PROXY_PORT + 1, PROXY_PORT + 2, PROXY_PORT + 3];

async function waitHealthy(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server behind ${url} exited during start-up`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy in 120 s`);
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const pg = await startPostgres();
  const url = await pg.createDatabase("tidegate_cluster_demo");
  process.env.DATABASE_URL = url;
  process.env.TIDEGATE_DEMO = "1";
  const children: ChildProcess[] = [];
  const stopAll = () => {
    for (const c of children) c.kill("SIGTERM");
    setTimeout(() => {
      pg.stop();
      process.exit(0);
    }, 1500);
  };
  process.on("SIGINT", stopAll);
  process.on("SIGTERM", stopAll);
  try {
    const { applyMigrations } = await import("../../lib/platform/db/apply-migrations");
    await applyMigrations(url);
    if (!existsSync(".next/BUILD_ID")) {
      console.log("Building the dashboard (next build)...");
      const built = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
      if (built.status !== 0) throw new Error("next build failed");
    }
    const { seedDemo } = await import("../demo/seed");
    const { DEMO_USERS } = await import("../../lib/auth/server/demo-users");
    const { createApiToken } = await import("../../lib/auth/server/api-tokens");
    const demo = await seedDemo();
    const token = await createApiToken({ name: "cluster demo simulator", releaseId: demo.releaseId, createdBy: "demo" });
    const proxyUrl = `http://localhost:${PROXY_PORT}`;
    // One secret for all instances (required with PostgreSQL): a session signed by one is good on every other.
    const secret = randomBytes(32).toString("base64url");
    for (const [i, port] of INSTANCE_PORTS.entries()) {
      const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: String(port),
          HOST: "127.0.0.1",
          TIDEGATE_INSTANCE_ID: `node-${i + 1}`,
          NEXTAUTH_SECRET: secret,
          NEXTAUTH_URL: proxyUrl,
          TRUSTED_PROXIES: "127.0.0.1,::1,::ffff:127.0.0.1",
        },
      });
      children.push(child);
    }
    await Promise.all(INSTANCE_PORTS.map((port, i) => waitHealthy(`http://127.0.0.1:${port}`, children[i]!)));
    await startRoundRobinProxy(INSTANCE_PORTS.map((port) => ({ host: "127.0.0.1", port })), PROXY_PORT, "0.0.0.0");
    const { startSimulator } = await import("../simulator/runner");
    startSimulator({ baseUrl: proxyUrl, releaseId: demo.releaseId, token: token.token, log: (l) => console.log(l) });
    console.log(`
  Tidegate cluster demo: ${proxyUrl} (round-robin over three instances, no sticky sessions)
${INSTANCE_PORTS.map((port, i) => `    node-${i + 1}  http://127.0.0.1:${port}  pid ${children[i]!.pid}`).join("\n")}
  PostgreSQL: ${url} (deleted on exit)
  Demo release: ${proxyUrl}/releases/${demo.releaseId}

  Who leads (runs the guardrail evaluator): curl -s ${proxyUrl}/api/health  (each call may reach another instance)
  Try a failover: kill -9 <pid of the leader>; another instance takes over within seconds.

  Sign in as (demo passwords; demo mode only):
${DEMO_USERS.map((u) => `    ${u.role.padEnd(10)} ${u.email.padEnd(28)} ${u.password}`).join("\n")}
  Ctrl-C stops everything.
`);
  } catch (e) {
    console.error(`Cluster demo failed: ${(e as Error).message}`);
    for (const c of children) c.kill("SIGKILL");
    pg.stop();
    process.exit(1);
  }
}

void main();
