// Sends simulated canary and baseline metrics for one release through the public ingestion API, once per
// interval, following the scenario stored on the release (so the board can switch it) unless one is forced.
import { generateTick, SCENARIOS, seededRandom, type Scenario } from "../../lib/simulator/core/scenarios";

export interface SimulatorOptions {
  baseUrl: string;
  releaseId: string;
  token: string;
  scenario?: Scenario;
  intervalMs?: number;
  instances?: number;
  log?: (line: string) => void;
}

export function startSimulator(opts: SimulatorOptions): { stop: () => void; done: Promise<void> } {
  const log = opts.log ?? ((l: string) => console.log(l));
  const headers = { authorization: `Bearer ${opts.token}`, "content-type": "application/json" };
  const rand = seededRandom(Date.now());
  let stopped = false;
  let scenario: Scenario = opts.scenario ?? "healthy";
  let since = Date.now();
  let ticks = 0;
  // A rolled-back or completed release has no canary traffic left to measure: the simulator goes quiet until a
  // RETRY starts a new run, instead of feeding a release that is over.
  let idle = false;

  async function followStatus() {
    const res = await fetch(`${opts.baseUrl}/api/releases/${opts.releaseId}`, { headers });
    if (!res.ok) return;
    const { status } = (await res.json()) as { status: string };
    const over = status === "rolled_back" || status === "completed";
    if (over !== idle) log(over ? `simulator: release is ${status.replace("_", " ")}; sending nothing until it runs again` : "simulator: release runs again; sending");
    idle = over;
  }

  async function followBoard() {
    await followStatus();
    if (opts.scenario) return;
    const res = await fetch(`${opts.baseUrl}/api/releases/${opts.releaseId}/simulator`, { headers });
    if (!res.ok) return;
    const body = (await res.json()) as { scenario: string | null };
    const wanted = (SCENARIOS as readonly string[]).includes(body.scenario ?? "") ? (body.scenario as Scenario) : "healthy";
    if (wanted !== scenario) {
      scenario = wanted;
      since = Date.now();
      log(`simulator: scenario -> ${scenario}`);
    }
  }

  const done = (async () => {
    while (!stopped) {
      const started = Date.now();
      try {
        if (ticks % 2 === 0) await followBoard();
        if (idle) {
          ticks++;
          await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1000));
          continue;
        }
        const samples = generateTick({ scenario, elapsed: (Date.now() - since) / 1000, now: Date.now(), rand, instances: opts.instances });
        const res = await fetch(`${opts.baseUrl}/api/releases/${opts.releaseId}/metrics`, {
          method: "POST",
          headers,
          body: JSON.stringify({ samples: samples.map((s) => ({ ...s, ts: new Date(s.ts).toISOString() })) }),
        });
        if (res.status !== 202) log(`simulator: ingest answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      } catch (e) {
        log(`simulator: ${(e as Error).message}`);
      }
      ticks++;
      await new Promise((r) => setTimeout(r, Math.max(0, (opts.intervalMs ?? 1000) - (Date.now() - started))));
    }
  })();
  return { stop: () => (stopped = true), done };
}
