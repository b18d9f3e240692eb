// Heavy work off the request loop (issue 27): /api/health and flag evaluation latency while 1.8 MB Markdown imports
// run, against the same latency with nothing importing, on the real production server. Before imports moved to the
// import pool's worker threads, one such import blocked the event loop for about 1.6 s (health answered in up to
// 1,647 ms); the target is a health p99 under 100 ms during imports. A benchmark, not a test: it prints numbers
// and asserts nothing. Run it on a quiet machine.
//
//   npx tsx bench/import-offloop.ts [--runs 10] [--snapshot | --app-dir DIR]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { importMarkdownPlan } from "../lib/plans/import/import-plan";
import { as } from "../tests/support/fixtures";
import { prepareDatabase } from "../tests/support/global-setup";
import { startServer } from "../tests/support/server-process";
import { fmt, intArg, machineFacts, onCleanup, parseArgs, prepareApp, printMachine, runBench, serverEnv, sleep, summary, table, writeResults, REPO } from "./support";

const reference = readFileSync(path.join(REPO, "lib/plans/import/fixtures/rollout-plan-batch-patches.md"), "utf8");
const document = reference.repeat(Math.floor(1_800_000 / Buffer.byteLength(reference)));

interface Probe {
  health: number[];
  flags: number[];
  errors: number;
}

/** Health then one flag evaluation, back to back with a 10 ms pause, until `until()` says stop. */
async function probe(base: string, sdkKey: string, until: () => boolean): Promise<Probe> {
  const out: Probe = { health: [], flags: [], errors: 0 };
  while (!until()) {
    const h = performance.now();
    const health = await fetch(`${base}/api/health`);
    await health.arrayBuffer();
    out.health.push(performance.now() - h);
    if (health.status !== 200) out.errors++;
    const f = performance.now();
    const flag = await fetch(`${base}/ofrep/v1/evaluate/flags/no-such-flag`, {
      method: "POST",
      headers: { authorization: `Bearer ${sdkKey}`, "content-type": "application/json" },
      body: JSON.stringify({ context: { targetingKey: "u1" } }),
    });
    await flag.arrayBuffer();
    out.flags.push(performance.now() - f);
    if (flag.status !== 404) out.errors++;
    await sleep(10);
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // Ten imports by default: 170-210 health answers on the CI machine, so the p99 is not simply the one slowest answer
  // (five imports gave 69).
  const runs = intArg(args, "runs", 10, 1, 50);
  const machine = machineFacts();
  printMachine(machine);
  const app = await prepareApp(args);
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-bench-import-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  await prepareDatabase(databaseUrl);
  const server = await startServer(serverEnv(databaseUrl, { probe: false, extra: { IMPORT_TIMEOUT_MS: "120000" } }));
  onCleanup(() => server.stop());
  const base = server.baseUrl.replace("localhost", "127.0.0.1");
  const admin = await as("admin", server.baseUrl);
  const sdkKey = (await admin.post("/api/tokens", { name: "bench import sdk", kind: "sdk" })).body.token as string;

  // What one import costs on a thread (the time it used to block the request loop): the importer in this process.
  const inline: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    importMarkdownPlan(document);
    inline.push(performance.now() - t);
  }
  // One import first: the pool's thread loads its code (it also warms by itself 10 s after the server's start).
  const warm = await admin.post("/api/plans/import", { markdown: document });
  if (warm.status !== 200) throw new Error(`warm-up import answered ${warm.status}: ${JSON.stringify(warm.body)}`);

  // Nothing importing: the floor.
  const quietUntil = Date.now() + 5_000;
  const quiet = await probe(base, sdkKey, () => Date.now() > quietUntil);

  // Imports one after another, probed all along.
  let importing = true;
  const during = probe(base, sdkKey, () => !importing);
  const importMs: number[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const res = await admin.post("/api/plans/import", { markdown: document });
    importMs.push(performance.now() - t);
    statuses.push(res.status);
  }
  importing = false;
  const loaded = await during;

  const row = (name: string, xs: number[]) => {
    const s = summary(xs);
    return [name, s.n, fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.max)];
  };
  console.log(`\n${runs} imports of ${(Buffer.byteLength(document) / 1e6).toFixed(2)} MB (answers: ${statuses.join(", ")}); in-process importer ${inline.map((x) => fmt(x, 0)).join(" / ")} ms`);
  console.log(
    table(
      ["latency (ms)", "n", "p50", "p95", "p99", "max"],
      [row("health, no import", quiet.health), row("health, during imports", loaded.health), row("flag, no import", quiet.flags), row("flag, during imports", loaded.flags), row("import request", importMs)],
    ),
  );
  const p99 = summary(loaded.health).p99;
  console.log(`target: health p99 during imports < 100 ms: ${fmt(p99)} ms (${p99 < 100 ? "met" : "NOT met"}); non-200 answers ${loaded.errors + quiet.errors}`);
  const file = writeResults("import-offloop", {
    machine,
    app,
    documentBytes: Buffer.byteLength(document),
    runs,
    statuses,
    inlineImportMs: inline,
    importRequestMs: summary(importMs),
    health: { quiet: summary(quiet.health), duringImports: summary(loaded.health) },
    flags: { quiet: summary(quiet.flags), duringImports: summary(loaded.flags) },
    errors: loaded.errors + quiet.errors,
  });
  console.log(`results: ${path.relative(REPO, file)}`);
}

runBench(main, 15);
