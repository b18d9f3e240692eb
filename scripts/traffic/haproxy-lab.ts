// A real HAProxy on loopback for the demo, the integration test and the benchmark: two tiny HTTP backends labelled
// "stable" and "canary", HAProxy balancing one backend ("app", roundrobin) over them, its runtime API on a loopback
// TCP port at level admin, and a request generator that counts which side served each request.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, Agent, type Server } from "node:http";
import { createConnection, createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const HAPROXY_BIN = process.env.HAPROXY_BIN ?? "/usr/sbin/haproxy";

export function haproxyInstalled(): boolean {
  return existsSync(HAPROXY_BIN);
}

export interface HaproxyLab {
  /** `127.0.0.1:<port>`: the runtime API (TRAFFIC_ROUTERS' runtimeApi). */
  runtimeApi: string;
  /** http://127.0.0.1:<port>: the frontend that balances over stable and canary. */
  url: string;
  backend: "app";
  /** The router entry for TRAFFIC_ROUTERS. */
  routerConfig: { haproxy: { runtimeApi: string; backend: string; stableServer: string; canaryServer: string; timeoutMs: number } };
  /** Sends one command to the runtime API and returns its answer (what an operator's `socat` would do). */
  admin(command: string): Promise<string>;
  /** Stops HAProxy (its runtime API with it): "the router cannot be reached". */
  stopHaproxy(): Promise<void>;
  /** Starts it again, from its configuration file (weights as given, else as first configured). */
  startHaproxy(weights?: { stable: number; canary: number }): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createTcpServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function label(name: string): Server {
  return createServer((req, res) => {
    req.resume();
    res.writeHead(200, { "content-type": "text/plain", "x-served-by": name, "content-length": String(name.length) });
    res.end(name);
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as { port: number }).port;
}

export async function startHaproxyLab(options: { canaryWeight?: number; stableWeight?: number } = {}): Promise<HaproxyLab> {
  const stable = label("stable");
  const canary = label("canary");
  const [stablePort, canaryPort, frontPort, apiPort] = [await listen(stable), await listen(canary), await freePort(), await freePort()];
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-haproxy-"));
  const cfg = path.join(dir, "haproxy.cfg");
  const writeConfig = (stableWeight: number, canaryWeight: number) => writeFileSync(
    cfg,
    [
      "global",
      `    stats socket ipv4@127.0.0.1:${apiPort} level admin`,
      "    maxconn 2000",
      "defaults",
      "    mode http",
      "    timeout connect 2s",
      "    timeout client 30s",
      "    timeout server 30s",
      "frontend web",
      `    bind 127.0.0.1:${frontPort}`,
      "    default_backend app",
      "backend app",
      "    balance roundrobin",
      `    server stable 127.0.0.1:${stablePort} weight ${stableWeight}`,
      `    server canary 127.0.0.1:${canaryPort} weight ${canaryWeight}`,
      "",
    ].join("\n"),
  );
  writeConfig(options.stableWeight ?? 256, options.canaryWeight ?? 0);
  const runtimeApi = `127.0.0.1:${apiPort}`;
  let child: ChildProcess | null = null;
  let output = "";

  const admin = (command: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = createConnection({ host: "127.0.0.1", port: apiPort });
      let answer = "";
      socket.setTimeout(2000, () => socket.destroy(new Error("runtime API timeout")));
      socket.on("connect", () => socket.end(`${command}\n`));
      socket.on("data", (b) => (answer += b.toString()));
      socket.on("close", () => resolve(answer));
      socket.on("error", reject);
    });

  const startHaproxy = async (weights?: { stable: number; canary: number }) => {
    if (weights) writeConfig(weights.stable, weights.canary);
    output = "";
    child = spawn(HAPROXY_BIN, ["-db", "-f", cfg], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (b) => (output += b));
    child.stderr?.on("data", (b) => (output += b));
    const until = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}): ${output.slice(0, 2000)}`);
      try {
        if ((await admin("show info")).includes("Name: HAProxy")) break;
      } catch {}
      if (Date.now() > until) throw new Error(`haproxy did not answer on ${runtimeApi}: ${output.slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stopHaproxy = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((r) => {
      c.once("exit", () => r());
      c.kill("SIGTERM");
    });
  };
  await startHaproxy();
  return {
    runtimeApi,
    url: `http://127.0.0.1:${frontPort}`,
    backend: "app",
    routerConfig: { haproxy: { runtimeApi, backend: "app", stableServer: "stable", canaryServer: "canary", timeoutMs: 2000 } },
    admin,
    stopHaproxy,
    startHaproxy,
    async close() {
      await stopHaproxy();
      await Promise.all([new Promise((r) => stable.close(r)), new Promise((r) => canary.close(r))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LoadCounts {
  stable: number;
  canary: number;
  errors: number;
  /** When (performance.now-based ms since epoch) the last canary answer arrived. */
  lastCanaryAt: number | null;
}

/**
 * Sends requests through the frontend: `concurrency` loops of one request each at a time (keep-alive). Each answer's
 * body says who served it. `paceMs` waits between a loop's requests (0: as fast as the answers come).
 */
export function startLoad(url: string, options: { concurrency?: number; paceMs?: number; limit?: number } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency ?? 4 });
  const counts: LoadCounts = { stable: 0, canary: 0, errors: 0, lastCanaryAt: null };
  let stopped = false;
  let sent = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = request(url, { agent, method: "GET" }, (res) => {
        let body = "";
        res.on("data", (b) => (body += b));
        res.on("end", () => {
          if (body === "stable") counts.stable++;
          else if (body === "canary") {
            counts.canary++;
            counts.lastCanaryAt = performance.timeOrigin + performance.now();
          } else counts.errors++;
          resolve();
        });
      });
      req.on("error", () => {
        counts.errors++;
        resolve();
      });
      req.end();
    });
  const loops = Array.from({ length: options.concurrency ?? 4 }, async () => {
    while (!stopped && (options.limit === undefined || sent < options.limit)) {
      sent++;
      await one();
      if (options.paceMs) await new Promise((r) => setTimeout(r, options.paceMs));
    }
  });
  const done = Promise.all(loops);
  return {
    counts,
    /** Counts since the last reset, then zeroed. */
    take(): LoadCounts {
      const c = { ...counts };
      counts.stable = 0;
      counts.canary = 0;
      counts.errors = 0;
      return c;
    },
    done,
    async stop() {
      stopped = true;
      await done;
      agent.destroy();
    },
  };
}
