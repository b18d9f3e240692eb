// Creates a release in draft from a validated plan, with its waves, checklist items and the `created` event.
import { randomUUID } from "node:crypto";
import { initialState } from "../../rollout/machine";
import type { Plan } from "../../rollout/plan";
import { db } from "../db/client";
import { assertFlagKeysFree } from "../flags/assert-flag-keys-free";
import { publishEvents } from "../realtime/publish";
import { toEventView } from "./event-view";
import { loadRelease } from "./load-release";
import { toReleaseView } from "./release-view";

export async function createRelease(plan: Plan, actor: string, actorRole: string | null = null) {
  const id = randomUUID();
  const now = new Date();
  const state = initialState();
  const checklist = [
    ...plan.preChecklist.map((item) => ({ item, waveIndex: null as number | null })),
    ...plan.waves.flatMap((w, waveIndex) => w.checklist.map((item) => ({ item, waveIndex: waveIndex as number | null }))),
  ];
  const flagKeys = (plan.flags ?? []).map((f) => f.key);
  const { view, event } = await db().$transaction(async (tx) => {
    if (flagKeys.length > 0) await assertFlagKeysFree(tx, flagKeys);
    await tx.release.create({
      data: {
        id,
        name: plan.name,
        service: plan.service,
        serviceVersion: plan.version,
        planJson: JSON.stringify(plan),
        status: state.status,
        currentWaveIndex: state.currentWaveIndex,
        trafficPercent: state.trafficPercent,
        version: 1,
        lastSeq: 1,
        createdBy: actor,
        createdAt: now,
        flagKeys: flagKeys.length > 0 ? JSON.stringify(flagKeys) : null,
      },
    });
    await tx.waveRun.createMany({
      data: plan.waves.map((w, index) => ({
        releaseId: id,
        index,
        name: w.name,
        trafficPercent: w.trafficPercent,
        bakeSeconds: w.bakeSeconds,
      })),
    });
    if (checklist.length > 0) {
      await tx.checklistItem.createMany({
        data: checklist.map(({ item, waveIndex }, position) => ({
          id: randomUUID(),
          releaseId: id,
          waveIndex,
          position,
          text: item.text,
          ownerRole: item.ownerRole,
          required: item.required,
          metricJson: item.metric ? JSON.stringify(item.metric) : null,
        })),
      });
    }
    const event = await tx.releaseEvent.create({
      data: {
        releaseId: id,
        seq: 1,
        version: 1,
        type: "created",
        actor,
        actorRole,
        reason: null,
        at: now,
        afterJson: JSON.stringify({ status: state.status, currentWaveIndex: 0, trafficPercent: 0 }),
        dataJson: JSON.stringify({ name: plan.name, service: plan.service, version: plan.version, waves: plan.waves.length }),
      },
    });
    const loaded = await loadRelease(tx, id);
    return { view: toReleaseView(loaded!, now), event: toEventView(event) };
  });
  publishEvents(id, [event]);
  return view;
}
