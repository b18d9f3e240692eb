// What global setup hands the integration tests: for each vitest worker, one running server per database.
import { inject } from "vitest";

export interface Target {
  name: "sqlite" | "postgres";
  baseUrl: string;
  databaseUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Indexed by VITEST_POOL_ID - 1; read it through workerTargets(). */
    targetsByWorker: Target[][];
  }
}

/**
 * The servers of the worker running this file. Files run in parallel, so a file must use its own worker's servers:
 * another worker's file may be changing the same database at the same moment.
 */
export function workerTargets(): Target[] {
  const all = inject("targetsByWorker");
  const pool = Number(process.env.VITEST_POOL_ID ?? "1");
  const targets = all[pool - 1];
  if (!targets) throw new Error(`no servers for vitest pool ${pool} (global setup started ${all.length})`);
  return targets;
}
