// npm run simulate -- --release <id> [--scenario healthy|latency-regression|error-spike|memory-leak|flapping]
//   [--token <api token> | TIDEGATE_TOKEN] [--url http://localhost:3000] [--interval-ms 1000] [--duration-s N]
import { SCENARIOS, type Scenario } from "../../lib/simulator/scenarios";
import { parseArgs } from "../admin/args";
import { startSimulator } from "./runner";

const args = parseArgs(process.argv.slice(2));
const releaseId = args.release?.[0];
const token = args.token?.[0] ?? process.env.TIDEGATE_TOKEN;
const scenario = args.scenario?.[0];
if (!releaseId || !token || (scenario && !(SCENARIOS as readonly string[]).includes(scenario))) {
  console.error(
    "usage: npm run simulate -- --release <id> --token <api token> [--scenario " + SCENARIOS.join("|") + "] [--url URL] [--interval-ms N] [--duration-s N]\n" +
      "Without --scenario it follows the scenario chosen on the board. Create a token with npm run token:create.",
  );
  process.exit(2);
}
const baseUrl = args.url?.[0] ?? `http://localhost:${process.env.PORT ?? 3000}`;
const sim = startSimulator({
  baseUrl,
  releaseId,
  token,
  scenario: scenario as Scenario | undefined,
  intervalMs: Number(args["interval-ms"]?.[0] ?? 1000),
});
console.log(`simulating ${scenario ?? "the board's scenario"} for ${releaseId} against ${baseUrl}`);
const duration = Number(args["duration-s"]?.[0] ?? 0);
if (duration > 0) setTimeout(() => sim.stop(), duration * 1000);
process.on("SIGINT", () => sim.stop());
process.on("SIGTERM", () => sim.stop());
sim.done.then(() => process.exit(0));
