// Asks the external checks of a release's current gate (the plan's before START, the wave's before CONTINUE),
// signed like webhooks, and keeps each answer. An answer that changed (passing <-> failing, or a new message) is
// recorded as a `gate_check` audit event, which also tells every board.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Plan } from "../../plans/core/plan";
import { db } from "../../platform/db/client";
import { mutateRelease } from "../../releases/server/mutate-release";
import { PlanSchema } from "../../plans/core/plan";
import { linksFor } from "./build-payload";
import { postSigned, type PostAnswer } from "./post-signed";
import { webhookSettings } from "./webhook-settings";
import { logError } from "../../platform/logging/ops-log";

export const CHECK_ACTOR = "gate-check";
const DEFAULT_TIMEOUT_S = 10;

export interface CheckAnswer {
  name: string;
  waveIndex: number | null;
  ok: boolean;
  status: number | null;
  message: string;
  latencyMs: number;
  checkedAt: string;
}

/** The checks guarding the release's next step, or null when that gate has none. */
export function checksAtGate(plan: Plan, status: string, waveIndex: number) {
  if (status === "draft") return plan.checks?.length ? { waveIndex: null, checks: plan.checks } : null;
  if (status === "running" || status === "paused") {
    const checks = plan.waves[waveIndex]?.checks;
    return checks?.length ? { waveIndex, checks } : null;
  }
  return null;
}

/** What a check said, in a line: its JSON `message` (or `error`), else the start of its text, else the status. */
export function messageOf(answer: PostAnswer): string {
  const body = (answer.body ?? "").trim();
  let said = "";
  if (body.startsWith("{")) {
    try {
      const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
      const m = typeof parsed.message === "string" ? parsed.message : typeof parsed.error === "string" ? parsed.error : "";
      said = m;
    } catch {
      said = body;
    }
  } else said = body;
  said = said.replace(/\s+/g, " ").slice(0, 200);
  if (answer.status === null) return answer.error ?? "no answer";
  const ok = answer.status >= 200 && answer.status < 300;
  if (ok) return said || `passed (HTTP ${answer.status})`;
  return said ? `${said} (HTTP ${answer.status})` : `failed with HTTP ${answer.status}`;
}

export async function runGateChecks(releaseId: string): Promise<CheckAnswer[]> {
  const row = await db().release.findUnique({ where: { id: releaseId } });
  // Most plans have no checks: skip parsing them on every START and CONTINUE.
  if (!row?.planJson.includes('"checks"')) return [];
  const plan = PlanSchema.parse(JSON.parse(row.planJson));
  const gate = checksAtGate(plan, row.status, row.currentWaveIndex);
  if (!gate) return [];
  const settings = webhookSettings();
  const wave = gate.waveIndex === null ? plan.waves[0]! : plan.waves[gate.waveIndex]!;
  const body = JSON.stringify({
    type: "gate.check",
    timestamp: new Date().toISOString(),
    data: {
      release: { id: row.id, name: row.name, service: row.service, version: row.serviceVersion, status: row.status, trafficPercent: row.trafficPercent },
      gate: gate.waveIndex === null ? "start" : "continue",
      wave: { index: gate.waveIndex ?? 0, name: wave.name, trafficPercent: wave.trafficPercent },
      links: linksFor(settings.publicUrl, row.id),
    },
  });
  const answers = await Promise.all(
    gate.checks.map(async (check): Promise<CheckAnswer> => {
      const answer = await postSigned({
        url: check.url,
        id: `chk_${randomUUID()}`,
        body,
        secrets: [settings.hookSecret],
        allowHosts: settings.allowHosts,
        timeoutMs: (check.timeoutSeconds ?? DEFAULT_TIMEOUT_S) * 1000,
      });
      const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
      return { name: check.name, waveIndex: gate.waveIndex, ok, status: answer.status, message: messageOf(answer), latencyMs: answer.latencyMs, checkedAt: new Date().toISOString() };
    }),
  );
  await recordAnswers(releaseId, answers);
  return answers;
}

async function recordAnswers(releaseId: string, answers: CheckAnswer[]): Promise<void> {
  const outcome = await mutateRelease(releaseId, {}, (loaded, now) => {
    const changed = answers.filter((a) => {
      const before = loaded.checks.find((c) => c.name === a.name && c.waveIndex === a.waveIndex)?.result;
      return !before || before.ok !== a.ok || before.message !== a.message;
    });
    return {
      ok: true,
      events: changed.map((a) => ({
        type: "gate_check" as const,
        actor: CHECK_ACTOR,
        reason: a.ok ? null : a.message,
        at: now,
        before: null,
        after: null,
        data: { name: a.name, waveIndex: a.waveIndex, ok: a.ok, status: a.status, message: a.message },
      })),
      write: async (t) => {
        for (const a of answers) {
          const key = { releaseId, waveIndex: a.waveIndex ?? -1, name: a.name };
          const url = (a.waveIndex === null ? loaded.plan.checks : loaded.plan.waves[a.waveIndex]?.checks)?.find((c) => c.name === a.name)?.url ?? "";
          const data = { url, ok: a.ok, statusCode: a.status, message: a.message, latencyMs: a.latencyMs, checkedAt: new Date(a.checkedAt) };
          await t.gateCheckResult.upsert({ where: { releaseId_waveIndex_name: key }, create: { ...key, ...data }, update: data });
        }
      },
    };
  });
  if (!outcome.ok) logError("gate check answers not recorded", { releaseId, error: outcome.error });
}
