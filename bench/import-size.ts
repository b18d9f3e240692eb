// How long the Markdown importer takes on 1 MB documents (target: under 2 s each), in the shapes that once made it
// slow, after warming it up as a running server is warm. Also CPU time, the number that does not depend on how busy
// the machine is; the load average is printed beside it. Usage: npx tsx bench/import-size.ts [--runs 5]
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { importMarkdownPlan } from "../lib/plans/import/import-plan";
import { LARGE_SHAPES, repeatedReference } from "../lib/plans/import/large-documents.test-support";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const TARGET_MS = 2000;

const reference = readFileSync(path.resolve(import.meta.dirname, "../lib/plans/import/fixtures/rollout-plan-batch-patches.md"), "utf8");
for (let i = 0; i < 5; i++) importMarkdownPlan(reference);

console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}; ${RUNS} runs per shape`);
console.log("shape                                    size      median ms  worst ms  CPU ms (median)  target");
for (const [name, make] of [["the reference plan repeated", () => repeatedReference(reference)] as const, ...LARGE_SHAPES]) {
  const markdown = make();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    importMarkdownPlan(markdown);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const worst = Math.max(...wall);
  console.log(
    `${name.padEnd(40)} ${(markdown.length / 1024 / 1024).toFixed(2).padStart(5)} MB ${median(wall).toFixed(0).padStart(10)} ${worst.toFixed(0).padStart(9)} ${median(cpu).toFixed(0).padStart(16)}  ${worst < TARGET_MS ? "met" : "MISSED"} (< ${TARGET_MS} ms)`,
  );
}
