// Creates a release in draft from a validated plan, with its waves, checklist items and the `created` event.
import "server-only";
import { randomUUID } from "node:crypto";
import { initialState } from "../core/machine";
import type { UnmappedSection } from "../../plans/import/types";
import type { Plan } from "../../plans/core/plan";
import { db } from "../../platform/db/client";
import { appendEvents } from "../../platform/outbox/append-events";
import { publishCommitted } from "../../platform/outbox/committed-signal";
import { assertFlagKeysFree } from "../../flags/server/assert-flag-keys-free";
import { assertCallableUrl } from "../../webhooks/server/manage-endpoints";
import { loadRelease } from "./load-release";
import { toReleaseView } from "./release-view";
import { TRACK_START_WAVE, trackPhase, trackStatesOf, tracksToJson, wavesOfTrack } from "../core/tracks";
import { flagsOfPlan } from "../../plans/core/plan";
import { assertTrafficRouters } from "../../traffic/server";
import { assertPlanMeetsPolicies } from "../../policies/server";

/**
 * Issue 22: a track's items at its own phase indexes (see trackPhase): a step's checklist gates its completion
 * (its one wave), a ramp's own checklist gates its START, each wave's items gate that wave as in any plan.
 */
function trackChecklists(plan: Plan) {
  return (plan.tracks ?? []).flatMap((track, k) => [
    ...(track.kind === "ramp" ? (track.checklist ?? []).map((item) => ({ item, waveIndex: trackPhase(k, TRACK_START_WAVE) as number | null, gate: "exit" })) : []),
    ...wavesOfTrack(track).flatMap((w, i) => [
      ...(w.entryChecklist ?? []).map((item) => ({ item, waveIndex: trackPhase(k, i) as number | null, gate: "entry" })),
      ...w.checklist.map((item) => ({ item, waveIndex: trackPhase(k, i) as number | null, gate: "exit" })),
    ]),
  ]);
}

/** The document an imported plan came from, kept with the release so nothing the team wrote is lost. */
export interface PlanSourceInput {
  format: "markdown";
  document: string;
  unmapped: UnmappedSection[];
}

export async function createRelease(plan: Plan, actor: string, actorRole: string | null = null, source?: PlanSourceInput) {
  // A plan's checks and traffic hook are outbound calls: the same guard as webhooks, before anything is written.
  if (plan.trafficHook) assertCallableUrl(plan.trafficHook.url, "trafficHook.url");
  for (const [i, c] of (plan.checks ?? []).entries()) assertCallableUrl(c.url, `checks.${i}.url`);
  for (const [w, wave] of plan.waves.entries()) for (const [i, c] of (wave.checks ?? []).entries()) assertCallableUrl(c.url, `waves.${w}.checks.${i}.url`);
  // Issue 24: a plan names a router the operator configured; an unknown name is refused before anything is written.
  assertTrafficRouters(plan);
  const id = randomUUID();
  const now = new Date();
  const state = initialState();
  const checklist = [
    ...plan.preChecklist.map((item) => ({ item, waveIndex: null as number | null, gate: "exit" })),
    ...plan.waves.flatMap((w, waveIndex) => [
      ...(w.entryChecklist ?? []).map((item) => ({ item, waveIndex: waveIndex as number | null, gate: "entry" })),
      ...w.checklist.map((item) => ({ item, waveIndex: waveIndex as number | null, gate: "exit" })),
    ]),
    ...(plan.hypercare?.checklist ?? []).map((item) => ({ item, waveIndex: null as number | null, gate: "hypercare" })),
    ...trackChecklists(plan),
  ];
  const flagKeys = flagsOfPlan(plan).map((f) => f.key);
  const { view, appended } = await db().$transaction(async (tx) => {
    await assertFlagKeysFree(tx, flagKeys);
    // Issue 26: refused (422, policy and rule named) when the plan breaks a policy that matches it; the policies
    // that applied are kept with the release as they are now, so a later edit never changes its rules silently.
    const applied = await assertPlanMeetsPolicies(tx, plan);
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
        tracksJson: plan.tracks?.length ? tracksToJson(trackStatesOf(plan, undefined)) : null,
        policiesJson: applied.length > 0 ? JSON.stringify(applied) : null,
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
        data: checklist.map(({ item, waveIndex, gate }, position) => ({
          id: randomUUID(),
          releaseId: id,
          waveIndex,
          position,
          text: item.text,
          ownerRole: item.ownerRole ?? "", // unowned: see ownerRoleOf
          gate,
          groupName: item.group ?? null,
          required: item.required,
          metricJson: item.metric ? JSON.stringify(item.metric) : null,
        })),
      });
    }
    if (source) {
      await tx.planSource.create({
        data: {
          releaseId: id,
          format: source.format,
          document: source.document,
          unmappedJson: JSON.stringify(source.unmapped),
          createdBy: actor,
          createdAt: now,
        },
      });
    }
    // The first event goes through the same typed writer and outbox as every later one.
    const appended = await appendEvents(
      tx,
      id,
      1,
      1,
      [
        {
          type: "created",
          actor,
          reason: null,
          at: now,
          before: null,
          after: { status: state.status, currentWaveIndex: 0, trafficPercent: 0 },
          data: {
            name: plan.name,
            service: plan.service,
            version: plan.version,
            waves: plan.waves.length + (plan.tracks ?? []).reduce((n, t) => n + wavesOfTrack(t).length, 0),
            ...(plan.tracks?.length ? { tracks: plan.tracks.length } : {}),
            ...(source ? { importedFrom: source.format, unmappedSections: source.unmapped.length } : {}),
          },
        },
      ],
      actorRole,
    );
    const loaded = await loadRelease(tx, id);
    return { view: toReleaseView(loaded!, now), appended };
  });
  // Waits for this process's read models (the flag store serves the new release's flags before we answer).
  await publishCommitted(appended);
  return view;
}
