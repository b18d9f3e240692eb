// A traffic hook's final answer goes into the audit log. When it kept failing, the release pauses itself with the
// evidence: the plan says one split and the load balancer may be running another, so nobody should promote on it,
// and nothing is rolled back behind anyone's back.
import "server-only";
import { applyCommand } from "../../releases/server/apply-command";
import { mutateRelease } from "../../releases/server/mutate-release";
import type { PostAnswer } from "./post-signed";
import { logError } from "../../platform/logging/ops-log";

export const TRAFFIC_HOOK_ACTOR = "traffic-hook";

interface TrafficDelivery {
  releaseId: string;
  dedupeKey: string;
  payload: string;
}

export async function recordTrafficHookOutcome(delivery: TrafficDelivery, url: string, answer: PostAnswer, ok: boolean, attempts: number): Promise<void> {
  const version = Number(delivery.dedupeKey.split(":").at(-1));
  const trafficPercent = (JSON.parse(delivery.payload) as { data: { trafficPercent: number } }).data.trafficPercent;
  const said = (answer.body ?? answer.error ?? "").trim().slice(0, 300);
  const evidence = ok
    ? null
    : `Traffic hook ${url} failed ${attempts} time${attempts === 1 ? "" : "s"} setting traffic to ${trafficPercent}% (${answer.status ? `HTTP ${answer.status}` : "no answer"}${said ? `: ${said}` : ""}); traffic may not match the plan`;
  const data = { url, trafficPercent, version, status: answer.status ?? null, attempts, answer: said };
  const recorded = await mutateRelease(delivery.releaseId, {}, (_loaded, now) => ({
    ok: true,
    events: [
      ok
        ? { type: "traffic_hook_applied" as const, actor: TRAFFIC_HOOK_ACTOR, reason: null, at: now, before: null, after: null, data: { ...data, status: answer.status ?? 0 } }
        : { type: "traffic_hook_failed" as const, actor: TRAFFIC_HOOK_ACTOR, reason: evidence, at: now, before: null, after: null, data },
    ],
  }));
  if (!recorded.ok) logError("traffic hook outcome not recorded", { releaseId: delivery.releaseId, error: recorded.error });
  if (ok) return;
  // Pause only a release that is still moving traffic; a rolled-back or completed one keeps its failure event.
  const paused = await applyCommand(delivery.releaseId, { command: { type: "pause", actor: TRAFFIC_HOOK_ACTOR, reason: evidence } });
  if (!paused.ok && paused.error.code !== "invalid_transition") {
    logError("traffic hook pause failed", { releaseId: delivery.releaseId, error: paused.error });
  }
}
