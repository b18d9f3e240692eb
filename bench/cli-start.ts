// How long `tidegate` takes to start: wall time and CPU time (user + sys) of `tidegate --version` and
// `tidegate --help`, compiled (the default) against the TypeScript-through-tsx start it replaced. CPU time is the
// number that does not depend on how busy the machine is; the load average is printed beside the wall times.
// Usage: npm run bench:cli [-- --runs 15]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";

const BIN = path.resolve(import.meta.dirname, "../bin/tidegate.mjs");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function once(args: string[], env: Record<string, string>): Sample {
  const started = process.hrtime.bigint();
  // An empty first argument means bare Node (the floor: what any `node` start costs on this machine now).
  const r = spawnSync(process.execPath, args[0] === "" ? ["-e", "0"] : [BIN, ...args], { env: { ...process.env, ...env }, encoding: "utf8" });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`tidegate ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { wallMs, cpuMs: childCpuMs() };
}

let lastChildCpu = 0;
/** CPU time of finished children since the last call (getrusage RUSAGE_CHILDREN, via /proc/self/stat fields 16-17). */
function childCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[13]) + Number(fields[14]); // cutime + cstime, in clock ticks (100 per second on Linux)
  const ms = ticks * 10;
  const delta = ms - lastChildCpu;
  lastChildCpu = ms;
  return delta;
}

const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))];

function measure(label: string, args: string[], env: Record<string, string>, runs: number) {
  once(args, env); // warm: builds dist/cli on first use, fills the OS file cache
  childCpuMs();
  const samples = Array.from({ length: runs }, () => once(args, env));
  const wall = samples.map((s) => s.wallMs);
  const cpu = samples.map((s) => s.cpuMs);
  console.log(
    `${label.padEnd(34)} wall median ${pct(wall, 50).toFixed(0).padStart(5)} ms  p90 ${pct(wall, 90).toFixed(0).padStart(5)} ms  min ${Math.min(...wall).toFixed(0).padStart(5)} ms` +
      `   cpu median ${pct(cpu, 50).toFixed(0).padStart(4)} ms   (${runs} runs, load ${loadavg().map((l) => l.toFixed(1)).join(" ")})`,
  );
}

console.log(`node ${process.version}, ${RUNS} runs each`);
measure("node -e 0 (the floor)", [""], {}, RUNS);
measure("tidegate --version (compiled)", ["--version"], {}, RUNS);
measure("tidegate --help (compiled)", ["--help"], {}, RUNS);
measure("tidegate completion bash (compiled)", ["completion", "bash"], {}, RUNS);
measure("tidegate --version (tsx, before)", ["--version"], { TIDEGATE_CLI_FROM_SOURCE: "1" }, Math.max(3, Math.floor(RUNS / 3)));
// What a fresh machine or a CI runner pays: tsx with no compile cache.
measure("tidegate --version (tsx, no cache)", ["--version"], { TIDEGATE_CLI_FROM_SOURCE: "1", TSX_DISABLE_CACHE: "1" }, Math.max(3, Math.floor(RUNS / 3)));
