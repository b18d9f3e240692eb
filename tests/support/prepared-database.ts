// Migrates a fresh test database (scripts/test/prepare-database.ts, in a process of its own) and, with `demo`,
// seeds the demo release and returns its id.
import { execFileSync } from "node:child_process";

export function prepareDatabase(databaseUrl: string, demo: boolean): string | null {
  const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/test/prepare-database.ts", ...(demo ? ["--demo"] : [])], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  // The ops log writes JSON lines to stdout too, and may flush after the script's own line: find the line that
  // answers, not the last one (the last one was an ops-log line in one fresh-clone run).
  for (const line of out.trim().split("\n").reverse()) {
    try {
      const parsed = JSON.parse(line) as { demoReleaseId?: string | null };
      if ("demoReleaseId" in parsed) return parsed.demoReleaseId ?? null;
    } catch {
      // not JSON
    }
  }
  throw new Error(`prepare-database printed no { demoReleaseId } line:\n${out.slice(-2000)}`);
}
