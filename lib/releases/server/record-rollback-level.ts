// Plan v2: a ROLLBACK with a rollback level stores the level's follow-up record on the release and turns the
// level's steps into checklist items (gate "rollback") that the team ticks on the board, replacing any earlier ones.
import "server-only";
import { randomUUID } from "node:crypto";
import type { RollbackRecord } from "../core/rollback-follow-up";
import type { Tx } from "../../platform/db/client";
import type { LoadedRelease } from "./load-release";

/** Steps sort after every plan item; the offset keeps positions unique without renumbering. */
const STEP_POSITION = 100_000;

export async function recordRollbackLevel(tx: Tx, loaded: LoadedRelease, record: RollbackRecord) {
  const steps = loaded.plan.rollback?.levels[record.level - 1]?.steps ?? [];
  await tx.release.update({ where: { id: loaded.row.id }, data: { rollbackJson: JSON.stringify(record) } });
  await tx.checklistItem.deleteMany({ where: { releaseId: loaded.row.id, gate: "rollback" } });
  if (steps.length === 0) return;
  await tx.checklistItem.createMany({
    data: steps.map((step, k) => ({
      id: randomUUID(),
      releaseId: loaded.row.id,
      waveIndex: null,
      position: STEP_POSITION + k,
      text: step.command ? `${step.text}: ${step.command}` : step.text,
      ownerRole: step.ownerRole ?? "", // unowned: see ownerRoleOf
      gate: "rollback",
    })),
  });
}
