// Starts the real production server (server.ts over the `next build` output) on a free port, for tests and benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./free-port";

/** Relative to the repository root, where the server runs (as server.ts is). */
const EXIT_WITH_PARENT = "./tests/support/exit-with-parent.mjs";

export interface ServerProcess {
  baseUrl: string;
  port: number;
  /** Resolves with the exit code (null when killed by a signal) once the process ends. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
  output(): string;
  /** The process id (fault tests send it SIGKILL, SIGSTOP, SIGCONT). */
  pid: number;
}

export async function startServer(env: Record<string, string>, fixedPort?: number, startTimeoutMs = 60_000): Promise<ServerProcess> {
  const port = fixedPort ?? (await freePort());
  // A test that times out never reaches its afterAll, and vitest ends its worker without the worker's exit handlers:
  // exit-with-parent.mjs ends the server with the process that started it (over the IPC channel), so no server
  // outlives its test and loads the machine for the rest of a parallel run.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "--import", EXIT_WITH_PARENT, "server.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXTAUTH_URL: `http://localhost:${port}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  child.channel?.unref();
  let log = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in ${startTimeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    port,
    exited,
    output: () => log,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
