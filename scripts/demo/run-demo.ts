// npm run demo: from a fresh clone (after npm ci), migrate the embedded database, build if needed, seed the
// demo release, start the dashboard and the traffic simulator, and print where to go and how to sign in.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

process.env.DATABASE_URL ||= "file:./data/tidegate.db";
process.env.TIDEGATE_DEMO = "1";
// The demo may call webhook receivers and checks on this machine (a local Slack stand-in, a smoke-test script).
process.env.WEBHOOK_ALLOW_HOSTS ||= "127.0.0.1,localhost";
process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = Number(process.env.PORT || 3000);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    if (child === "generated" || child === "node_modules" || child.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIfNeeded() {
  const buildId = ".next/BUILD_ID";
  const sources = ["app", "components", "lib", "public", "next.config.js", "postcss.config.mjs", "package-lock.json"];
  const stale = !existsSync(buildId) || Math.max(...sources.map(newestMtime)) > statSync(buildId).mtimeMs;
  if (!stale) return console.log("Production build is up to date.");
  console.log("Building the dashboard (next build)...");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The `tidegate` CLI runs compiled JavaScript (dist/cli): built here so the demo's first CLI call starts fast. */
function buildCli() {
  const result = spawnSync(process.execPath, ["scripts/cli/build-cli.mjs"], { stdio: "inherit" });
  if (result.status !== 0) console.log("The tidegate CLI was not built; it builds on its first run (or: npm run build:cli).");
}

async function waitHealthy(url: string, child: ReturnType<typeof spawn>) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error("the server exited during start-up");
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not become healthy in 60 s");
}

/** `--router haproxy`: a real HAProxy carries a second release's waves (scripts/demo/haproxy-demo.ts). */
const routerArg = process.argv.indexOf("--router");
const router = routerArg >= 0 ? process.argv[routerArg + 1] : undefined;
if (router !== undefined && router !== "haproxy") {
  console.error(`--router ${router ?? ""}: only "haproxy" can run here`);
  process.exit(2);
}

async function main() {
  // Before anything reads the configuration: TRAFFIC_ROUTERS names the HAProxy this run starts.
  const haproxy = router === "haproxy" ? await (await import("./haproxy-demo")).startHaproxyForDemo() : null;
  const { applyMigrations } = await import("../../lib/platform/db/apply-migrations");
  const migrated = await applyMigrations();
  console.log(`Database ${process.env.DATABASE_URL}: ${migrated.applied.length} migration(s) applied.`);
  buildIfNeeded();
  buildCli();
  const { seedDemo } = await import("./seed");
  const { DEMO_USERS } = await import("../../lib/auth/server/demo-users");
  const { createApiToken } = await import("../../lib/auth/server/api-tokens");
  const demo = await seedDemo();
  const token = await createApiToken({ name: `Demo traffic simulator (started ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC)`, releaseId: demo.releaseId, createdBy: "demo" });

  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", PORT: String(port) },
  });
  const url = `http://localhost:${port}`;
  await waitHealthy(url, server);
  let routed: { releaseId: string; load: { stop(): Promise<void> } } | null = null;
  if (haproxy) {
    const demo = await import("./haproxy-demo");
    const commander = DEMO_USERS.find((u) => u.role === "commander")!.email;
    routed = { releaseId: await demo.seedHaproxyRelease(commander), load: demo.startDemoRequests(haproxy.url) };
  }
  const { startSimulator } = await import("../simulator/runner");
  const simulator = startSimulator({ baseUrl: url, releaseId: demo.releaseId, token: token.token, log: (l) => console.log(l) });

  console.log(`
  Tidegate demo is running: ${url}
  Demo release "Batch patches v1.0.0": ${url}/releases/${demo.releaseId}
  Wall screen: ${url}/releases/${demo.releaseId}/status   Review: ${url}/releases/${demo.releaseId}/review

  Sign in as (demo passwords; demo mode only):
${DEMO_USERS.map((u) => `    ${u.role.padEnd(10)} ${u.email.padEnd(28)} ${u.password}`).join("\n")}

  The simulator sends healthy traffic; switch its scenario on the board (e.g. "error-spike") to watch a
  guardrail roll the release back on its own. Ctrl-C stops everything.
${
  routed && haproxy
    ? `
  HAProxy carries "Checkout behind HAProxy": ${url}/releases/${routed.releaseId}
    HAProxy ${haproxy.url} (backend app: stable, canary), runtime API ${haproxy.runtimeApi}; ~100 requests/s go through it.
    CONTINUE moves the weights (10 -> 25 -> 50 -> 100 %); the board's "Traffic router" panel shows the observed split.
    ROLLBACK takes the canary to 0 %. Try drift: echo "set server app/canary weight 200" | socat - TCP:${haproxy.runtimeApi}
`
    : ""
}`);
  const stop = () => {
    simulator.stop();
    void routed?.load.stop();
    void haproxy?.close();
    server.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => {
    simulator.stop();
    process.exit(code ?? 0);
  });
}

main().catch((e) => {
  console.error(`Demo failed: ${(e as Error).message}`);
  process.exit(1);
});
