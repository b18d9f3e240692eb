// npm run simulate -- --release <id> [--scenario healthy|latency-regression|error-spike|memory-leak|flapping]
//   [--token <api token> | TIDEGATE_TOKEN] [--url http://localhost:3000] [--interval-ms 1000] [--duration-s N]
import { SCENARIOS, type Scenario } from "../../lib/simulator/core/scenarios";
import { parseArgs } from "node:util";
import { startSimulator } from "./runner";

const { values: args } = parseArgs({
  options: {
    release: { type: "string" },
    token: { type: "string" },
    scenario: { type: "string" },
    url: { type: "string" },
    "interval-ms": { type: "string", default: "1000" },
    "duration-s": { type: "string", default: "0" },
  },
});
const releaseId = args.release;
const token = args.token ?? process.env.TIDEGATE_TOKEN;
const scenario = args.scenario;
const intervalMs = Number(args["interval-ms"]);
const duration = Number(args["duration-s"]);
if (!Number.isFinite(intervalMs) || intervalMs < 50 || !Number.isFinite(duration) || duration < 0 || !releaseId || !token || (scenario && !(SCENARIOS as readonly string[]).includes(scenario))) {
  console.error(
    "usage: npm run simulate -- --release <id> --token <api token> [--scenario " + SCENARIOS.join("|") + "] [--url URL] [--interval-ms N] [--duration-s N]\n" +
      "Without --scenario it follows the scenario chosen on the board. Create a token with npm run token:create.",
  );
  process.exit(2);
}
const baseUrl = args.url ?? `http://localhost:${process.env.PORT ?? 3000}`;
const sim = startSimulator({
  baseUrl,
  releaseId,
  token,
  scenario: scenario as Scenario | undefined,
  intervalMs,
});
console.log(`simulating ${scenario ?? "the board's scenario"} for ${releaseId} against ${baseUrl}`);
if (duration > 0) setTimeout(() => sim.stop(), duration * 1000);
process.on("SIGINT", () => sim.stop());
process.on("SIGTERM", () => sim.stop());
sim.done.then(() => process.exit(0));
