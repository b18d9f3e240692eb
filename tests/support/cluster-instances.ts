// Several Tidegate instances (the real production server) on one PostgreSQL database, for cluster tests and the
// cluster benchmark: start, find the leader, kill, freeze, restart on the same port and instance id.
import { startServer, type ServerProcess } from "./server-process";

export interface Instance {
  id: string;
  server: ServerProcess;
  baseUrl: string;
  env: Record<string, string>;
}

export interface Health {
  status: string;
  cluster: { instance: string; leader: boolean; epoch: number | null; leaderSince: string | null };
}

/** Several instances start (and restart) at once on a shared 2-core machine: allow more than one cold start's time. */
const START_TIMEOUT_MS = 180_000;

export const CLUSTER_SECRET = "cluster-test-secret-0123456789";

export async function startInstance(databaseUrl: string, id: string, env: Record<string, string> = {}, port?: number): Promise<Instance> {
  const full = { NEXTAUTH_SECRET: CLUSTER_SECRET, DATABASE_URL: databaseUrl, TIDEGATE_INSTANCE_ID: id, GUARDRAIL_TICK_MS: "1000", LOGIN_MAX_FAILURES_PER_ADDRESS: "1000", ...env };
  const server = await startServer(full, port, START_TIMEOUT_MS);
  return { id, server, baseUrl: server.baseUrl, env: full };
}

/** Restarts an instance that was killed, on its port and with its id (its outbox cursor resumes). */
export async function restartInstance(instance: Instance): Promise<Instance> {
  const server = await startServer(instance.env, instance.server.port, START_TIMEOUT_MS);
  return { ...instance, server };
}

export async function health(instance: Instance): Promise<Health | null> {
  try {
    const res = await fetch(`${instance.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
    return (await res.json()) as Health;
  } catch {
    return null;
  }
}

/** Waits until exactly one of the instances says it leads, and returns it. */
export async function waitForLeader(instances: Instance[], timeoutMs = 30_000): Promise<{ leader: Instance; epoch: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await Promise.all(instances.map(health));
    const leading = instances.filter((_, i) => all[i]?.cluster.leader);
    if (leading.length === 1) return { leader: leading[0]!, epoch: all[instances.indexOf(leading[0]!)]!.cluster.epoch! };
    if (Date.now() > deadline) throw new Error(`no single leader in ${timeoutMs} ms: ${JSON.stringify(all.map((h) => h?.cluster))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const killHard = (instance: Instance) => process.kill(instance.server.pid, "SIGKILL");

export const thaw = (instance: Instance) => process.kill(instance.server.pid, "SIGCONT");
