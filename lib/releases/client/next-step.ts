// What comes next, in one line for the wall screen: "NO-GO for wave 2 (25%): 2 sign-offs missing", "Wave 2 (25%) ready
// at 14:20". Read from the gate the server already sends; bake time is counted down here.
import { formatClock } from "../../platform/browser/format-time";
import { stillUnmet } from "./gate-items";
import type { ReleaseView, UnmetGate } from "./types";

export interface NextStep {
  tone: "go" | "wait" | "no-go";
  text: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function missing(unmet: readonly UnmetGate[]): string[] {
  const count = (kind: UnmetGate["kind"]) => unmet.filter((u) => u.kind === kind).length;
  const rejected = unmet.filter((u) => u.kind === "signoff" && u.rejectedBy).length;
  const parts = [
    rejected ? plural(rejected, "sign-off rejected", "sign-offs rejected") : null,
    count("signoff") - rejected ? plural(count("signoff") - rejected, "sign-off missing", "sign-offs missing") : null,
    count("checklist") ? plural(count("checklist"), "checklist item open", "checklist items open") : null,
    count("breach") ? plural(count("breach"), "open breach", "open breaches") : null,
    count("check") ? plural(count("check"), "external check failing", "external checks failing") : null,
    count("evidence") ? plural(count("evidence"), "guardrail short of data", "guardrails short of data") : null,
  ];
  return parts.filter((p): p is string => p !== null);
}

/** null when nothing is next (a draft, a stopped or finished release, a programme: its tracks say theirs). */
export function nextStep(view: ReleaseView, now: number): NextStep | null {
  if (view.gate?.action !== "continue" || (view.status !== "running" && view.status !== "paused" && view.status !== "hypercare")) return null;
  const next = view.status === "hypercare" ? null : view.waves[view.currentWaveIndex + 1];
  const target = next ? `wave ${next.index + 1} (${next.trafficPercent}%)` : view.status === "hypercare" ? "completion" : "hypercare or completion";
  const Target = target[0].toUpperCase() + target.slice(1);
  const unmet = stillUnmet(view.gate, now);
  const bake = unmet.find((u): u is Extract<UnmetGate, { kind: "bake" }> => u.kind === "bake");
  const blockers = missing(unmet);
  const readyAt = bake ? `ready at ${formatClock(bake.readyAt, now)}` : null;
  if (blockers.length) return { tone: "no-go", text: `NO-GO for ${target}: ${blockers.join(", ")}${readyAt ? ` · bake ${readyAt}` : ""}` };
  if (readyAt) return { tone: "wait", text: `${Target} ${readyAt}` };
  if (view.status === "paused") return { tone: "wait", text: `${Target}: gates met, waiting for RESUME` };
  return { tone: "go", text: `GO for ${target}: ready now` };
}
