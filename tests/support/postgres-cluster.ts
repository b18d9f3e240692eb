// A throwaway PostgreSQL cluster on a free loopback port, for tests and benchmarks; stopped afterwards.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export interface PostgresCluster {
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** Stops the server but keeps its data, as an outage would; `resume` starts it again on the same port. */
  pause(): void;
  resume(): void;
  stop(): void;
}

function binDir(): string {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql)");
  const version = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
  return path.join(base, version, "bin");
}

/** PostgreSQL refuses to run as root; as root we run it as the postgres user. */
function run(command: string): void {
  if (process.getuid?.() === 0) execFileSync("su", ["postgres", "-c", command], { stdio: "pipe" });
  else execFileSync("bash", ["-c", command], { stdio: "pipe" });
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-pg-"));
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  run(`${bin}/initdb -D ${data} -A trust -U postgres --no-sync >/dev/null`);
  const start = () =>
    run(
      `${bin}/pg_ctl -D ${data} -w -t 60 -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" -l ${dir}/log start >/dev/null`,
    );
  start();
  const url = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    url,
    async createDatabase(name: string) {
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      await client.query(`CREATE DATABASE "${name}"`);
      await client.end();
      return url(name);
    },
    pause() {
      run(`${bin}/pg_ctl -D ${data} -m immediate -w stop >/dev/null`);
    },
    resume: start,
    stop() {
      try {
        run(`${bin}/pg_ctl -D ${data} -m immediate stop >/dev/null`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
