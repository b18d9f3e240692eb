// A controller's question, answered and audited: the release judged once, the answer computed by the pure core, and
// an admin audit row "controller.answered" written only when this controller's answer to this question changes (Argo
// polls every few seconds: the audit keeps the changes, not the polls).
import "server-only";
import { recordAdminAction } from "../../audit/server/record-admin-action";
import type { Actor } from "../../auth/server/actor";
import { db } from "../../platform/db/client";
import { answerFlaggerHook, type ControllerAnswer, type FlaggerHook, type HookAnswer, judgeRelease } from "../core/answers";
import { judgeReleaseFor } from "./judge-release";

/** How many of this controller's latest answers on the release are searched for the same question's last answer. */
const LOOKBACK = 50;

interface Asked {
  controller: "flagger" | "argo";
  question: string;
  answer: "go" | "hold" | "pass" | "fail" | "inconclusive";
  httpStatus: number;
  reason: string;
  releaseStatus: string;
  waveIndex: number;
  canary: string | null;
}

async function recordIfChanged(actor: Actor, releaseId: string, asked: Asked, now: Date): Promise<void> {
  const recent = await db().adminAuditEvent.findMany({
    where: { actorLabel: actor.name, action: "controller.answered", targetId: releaseId },
    orderBy: { id: "desc" },
    take: LOOKBACK,
    select: { dataJson: true },
  });
  const last = recent.map((r) => JSON.parse(r.dataJson) as Asked).find((d) => d.controller === asked.controller && d.question === asked.question && d.canary === asked.canary);
  if (last && last.answer === asked.answer && last.releaseStatus === asked.releaseStatus && last.waveIndex === asked.waveIndex) return;
  await db().$transaction((tx) =>
    recordAdminAction(tx, actor, { action: "controller.answered", targetId: releaseId, data: { ...asked, reason: asked.reason.slice(0, 1000) } }, now),
  );
}

export async function answerFlagger(
  actor: Actor,
  releaseId: string,
  hook: FlaggerHook,
  canary: string | null,
  now = new Date(),
): Promise<{ status: number; body: HookAnswer & { release: string; hook: FlaggerHook } } | null> {
  const judged = await judgeReleaseFor(releaseId, now.getTime());
  if (!judged) return null;
  const answer = answerFlaggerHook(hook, judged);
  const status = answer.answer === "go" ? 200 : 403;
  await recordIfChanged(
    actor,
    releaseId,
    { controller: "flagger", question: hook, answer: answer.answer, httpStatus: status, reason: answer.reason, releaseStatus: judged.status, waveIndex: judged.currentWaveIndex, canary },
    now,
  );
  return { status, body: { release: releaseId, hook, ...answer } };
}

export async function answerArgo(actor: Actor, releaseId: string, askedWave: number | undefined, now = new Date()): Promise<(ControllerAnswer & { release: string }) | null> {
  const judged = await judgeReleaseFor(releaseId, now.getTime());
  if (!judged) return null;
  const verdict = judgeRelease(judged, askedWave);
  await recordIfChanged(
    actor,
    releaseId,
    {
      controller: "argo",
      question: askedWave === undefined ? "verdict" : `verdict wave ${askedWave}`,
      answer: verdict.verdict,
      httpStatus: 200,
      reason: verdict.reason,
      releaseStatus: judged.status,
      waveIndex: judged.currentWaveIndex,
      canary: null,
    },
    now,
  );
  return { release: releaseId, ...verdict };
}
