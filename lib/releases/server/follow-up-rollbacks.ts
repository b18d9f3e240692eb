// Plan v2: looks after rolled-back releases whose rollback level has a time objective or a verification still to
// judge, and writes the verdicts (`rollback_verified`, `rollback_alert`) through the one write path.
import "server-only";
import { BUCKET_SIZES_MS } from "../../guardrails/core";
import { followUpPending, followUpRollback, type RollbackRecord } from "../core/rollback-follow-up";
import { db } from "../../platform/db/client";
import { readBuckets } from "../../guardrails/server/read-buckets";
import { mutateRelease } from "./mutate-release";

/** The verification metric is judged over the last minute before the look. */
const VERIFY_WINDOW_MS = 60_000;

export async function followUpRollbacks(now = new Date()): Promise<void> {
  const candidates = await db().release.findMany({ where: { status: "rolled_back", rollbackJson: { not: null } }, select: { id: true, rollbackJson: true } });
  for (const c of candidates) {
    if (!followUpPending(JSON.parse(c.rollbackJson!) as RollbackRecord)) continue;
    await followUpOne(c.id, now);
  }
}

export async function followUpOne(releaseId: string, now: Date) {
  return mutateRelease(releaseId, { now: () => now }, async (loaded, at, tx) => {
    const record = loaded.row.rollbackJson ? (JSON.parse(loaded.row.rollbackJson) as RollbackRecord) : null;
    // A retry started a new run: that run's rollback (if any) is judged on its own.
    if (!record || loaded.state.status !== "rolled_back" || record.run !== loaded.row.run || !followUpPending(record)) return { ok: true, events: [] };
    const steps = loaded.checklistRows.filter((c) => c.gate === "rollback");
    const stepsDone = steps.every((s) => s.state === "met" || s.state === "waived");
    let value: number | null = null;
    if (record.verification) {
      const buckets = await readBuckets(tx, releaseId, BUCKET_SIZES_MS.fine, at.getTime() - VERIFY_WINDOW_MS, at.getTime());
      const list = buckets.get(`${record.verification.metric}|canary`) ?? [];
      const count = list.reduce((n, b) => n + b.count, 0);
      value = count > 0 ? list.reduce((s, b) => s + b.sum, 0) / count : null;
    }
    const result = followUpRollback(record, { now: at, stepsDone, value });
    if (JSON.stringify(result.record) === JSON.stringify(record)) return { ok: true, events: [] };
    return {
      ok: true,
      events: result.events.map((e) => ({ ...e, actor: "schedule", at, before: null, after: null })),
      write: async (t) => {
        await t.release.update({ where: { id: releaseId }, data: { rollbackJson: JSON.stringify(result.record) } });
      },
    };
  });
}
