// Webhook fan-out: 1,000 events from real commands, each delivered to 10 endpoints on loopback receivers (signed,
// through the outbox consumer). Prints deliveries/s, event -> delivery latency p50/p99, duplicates and losses.
// A benchmark, not a test: it prints numbers and asserts nothing.
//
//   npx tsx bench/webhooks.ts [--actions 1000] [--clients 10] [--senders 10] [--wait-quiet 120]
//   (--actions: events to produce; --clients: endpoints/receivers; --senders: commands in flight at once)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { as, simplePlan } from "../tests/support/fixtures";
import { createDb } from "../lib/platform/db/client";
import { prepareDatabase } from "../tests/support/global-setup";
import { startServer } from "../tests/support/server-process";
import { startReceiver, type Receiver } from "../tests/support/webhook-receiver";
import { countRepeats } from "../tests/support/webhook-repeats";
import {
  CpuMeter,
  fmt,
  fmtInt,
  intArg,
  machineFacts,
  onCleanup,
  parseArgs,
  prepareApp,
  printMachine,
  printProfile,
  RESULTS_DIR,
  runBench,
  ServerProfiler,
  summarizeProfile,
  serverEnv,
  serverPid,
  sleep,
  summary,
  table,
  waitQuiet,
  writeResults,
} from "./support";

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const events = intArg(args, "actions", 1000, 10, 100_000);
  const endpoints = intArg(args, "clients", 10, 1, 100);
  const inFlight = intArg(args, "senders", 10, 1, 100);
  const machine = machineFacts();
  printMachine(machine);
  const app = await prepareApp(args);
  const dir = mkdtempSync(path.join(tmpdir(), "tidegate-bench-webhooks-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  await prepareDatabase(databaseUrl);
  const profDir = args.get("cpu-prof") === "true" ? path.join(RESULTS_DIR, `prof-webhooks-${Date.now()}`) : undefined;
  const server = await startServer(serverEnv(databaseUrl, { probe: true, cpuProfDir: profDir, extra: { WEBHOOK_ALLOW_HOSTS: "127.0.0.1" } }));
  onCleanup(() => server.stop());
  const profiler = profDir ? new ServerProfiler(server, profDir) : null;
  const pid = serverPid(server.output());

  const receivers: Receiver[] = [];
  for (let i = 0; i < endpoints; i++) {
    const r = await startReceiver();
    onCleanup(() => r.close());
    receivers.push(r);
  }
  const admin = await as("admin", server.baseUrl);
  for (const r of receivers) {
    const created = await admin.post("/api/webhooks", { url: r.url("/hook") });
    if (created.status !== 201) throw new Error(`endpoint: ${created.status} ${JSON.stringify(created.body)}`);
  }
  // One release per command stream: PAUSE / RESUME alternate, each one event (plus created and started).
  const commander = await as("commander", server.baseUrl);
  const releases: string[] = [];
  for (let i = 0; i < inFlight; i++) {
    const created = await admin.post("/api/releases", simplePlan(2));
    await commander.post(`/api/releases/${created.body.id}/actions`, { action: "start" });
    releases.push(created.body.id);
  }
  await waitQuiet(intArg(args, "wait-quiet", 0, 0, 600), pid);
  await profiler?.startPhase("webhooks");
  const direct = createDb(databaseUrl);
  // The set-up events (created, started, and commander_changed when a first command claims a release), counted
  // rather than assumed.
  const setupEvents = await direct.releaseEvent.count();
  const commands = events - setupEvents;
  const cpu = new CpuMeter(pid);
  const started = Date.now();
  let issued = 0;
  await Promise.all(
    releases.map(async (id) => {
      let paused = false;
      while (issued < commands) {
        issued++;
        const res = await commander.post(`/api/releases/${id}/actions`, { action: paused ? "resume" : "pause", reason: "bench" });
        if (res.status !== 200) throw new Error(`command: ${res.status} ${JSON.stringify(res.body)}`);
        paused = !paused;
      }
    }),
  );
  const commandsDone = Date.now();
  const committedEvents = await direct.releaseEvent.count();
  const expected = committedEvents * endpoints;
  const deadline = Date.now() + 180_000;
  const total = () => receivers.reduce((n, r) => n + r.received.length, 0);
  while (total() < expected && Date.now() < deadline) await sleep(100);
  await sleep(2000); // late duplicates, if any, would show up here
  const cpuUsed = cpu.read();
  const profileFile = profiler ? await profiler.cut("webhooks") : null;

  const latencies: number[] = [];
  let duplicates = 0;
  let unique = 0;
  let lastAt = 0;
  for (const r of receivers) {
    const seen = new Set<string>();
    for (const call of r.received) {
      const id = String(call.headers["webhook-id"]);
      if (seen.has(id)) {
        duplicates++;
        continue;
      }
      seen.add(id);
      unique++;
      lastAt = Math.max(lastAt, call.at);
      const at = Date.parse((JSON.parse(call.body) as { timestamp: string }).timestamp);
      if (at >= started) latencies.push(call.at - at);
    }
  }
  const lost = expected - unique;
  // Repeats (a webhook-id a receiver got again): with no crash here, only a retry after a call whose answer did not
  // arrive in time (the receiver may have had it) or a claim outlived by a starved sender repeats one.
  const repeats = receivers.map((r) => countRepeats(r.received));
  const repeated = repeats.reduce((n, r) => n + r.repeats, 0);
  const worstRepeatGapMs = Math.max(0, ...repeats.map((r) => r.worstGapMs));
  const lat = summary(latencies);
  const seconds = (lastAt - started) / 1000;
  console.log(`\n${committedEvents} events (${setupEvents} from set-up, ${issued} commands in ${fmt((commandsDone - started) / 1000)} s, ${inFlight} in flight) x ${endpoints} endpoints = ${fmtInt(expected)} deliveries expected`);
  console.log(
    table(
      ["deliveries", "duplicates", "lost", "deliveries/s", "latency p50 ms", "p99 ms", "max ms", "server CPU cores", "other procs cores"],
      [[fmtInt(unique), duplicates, lost, fmtInt(unique / seconds), fmt(lat.p50), fmt(lat.p99), fmt(lat.max), fmt(cpuUsed.serverCores, 2), fmt(cpuUsed.otherCores, 2)]],
    ),
  );
  console.log("latency = receiver's clock at arrival - the event's commit time (same machine clock)");
  console.log(`repeated webhook-ids: ${repeated}${repeated ? ` (longest first-to-repeat gap ${fmtInt(worstRepeatGapMs)} ms)` : ""}`);
  // Why a receiver got a webhook-id twice: each failed attempt (a timeout on a starved machine, say) is retried with
  // the same webhook-id, so the receiver may have had the first one already.
  const failedAttempts = await direct.webhookAttempt.groupBy({ by: ["error"], where: { statusCode: null }, _count: { _all: true } });
  const retried = await direct.webhookDelivery.count({ where: { attempts: { gt: 1 } } });
  await direct.$disconnect();
  console.log(`deliveries that needed more than one attempt: ${retried}; failed attempts: ${failedAttempts.map((f) => `${f._count._all} x ${f.error}`).join(", ") || "none"}`);
  const recordFailures = server.output().split("\n").filter((l) => l.includes("failed to record")).length;
  if (recordFailures > 0) console.log(`server logged ${recordFailures} failed outcome writes (their deliveries are sent again after the claim expires)`);
  const refused = server.output().split("\n").filter((l) => l.includes("webhook outcome refused")).length;
  if (refused > 0) console.log(`server logged ${refused} refused outcome writes (a claim outlived by its sender, taken over by another)`);
  const profile = profileFile ? summarizeProfile([profileFile]) : null;
  if (profile) printProfile("webhook fan-out", profile, 25);
  const file = writeResults("webhooks", { machine, app, events: committedEvents, endpoints, expected, unique, duplicates, repeated, worstRepeatGapMs, lost, seconds, latency: lat, cpu: cpuUsed, retried, failedAttempts });
  console.log(`results: ${file}`);
}

runBench(main, 10);
