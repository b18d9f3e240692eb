// What global setup hands the integration tests: for each vitest worker, one running server per database.
import { describe, inject } from "vitest";

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

/**
 * describe.each for suites that share nothing (each its own server and database): the suites run at the same time,
 * the tests inside each one after another, as describe.each runs them. A file that waits on the server's clock (bake
 * times, ticks, restarts, CLI processes) for each database in turn takes about half as long; a file that spends CPU
 * (floods, thousands of requests) gains nothing. `$name` in the title is the item's name. Tests here take `expect`
 * from their context when they use expect.poll, expect.assertions or snapshots (the global expect cannot tell two
 * running tests apart).
 */
export function describeEachAtOnce<T extends { name: string } | string>(items: readonly T[], title: string, body: (item: T) => void): void {
  for (const item of items) {
    const name = typeof item === "string" ? item : item.name;
    describe.concurrent(title.replaceAll("$name", name), () => {
      describe.sequential("in order", () => body(item));
    });
  }
}
