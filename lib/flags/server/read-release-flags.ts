// The board's view of one release's flags: planned share, what apps were told, how often, and who is asking.
import "server-only";
import { flagDrift } from "../core/drift";
import type { FlagSpec } from "../core/flag-spec";
import { exposureView } from "../core/exposure-sum";
import { clusterExposure } from "./cluster-exposure";
import { allFlags } from "./flag-store";

/** Counts are the cluster's: this instance's own plus the other instances' latest reports (cluster-exposure.ts). */
export async function readReleaseFlags(releaseId: string, planFlags: FlagSpec[], nowMs: number) {
  const served = new Map(allFlags().map((f) => [f.spec.key, f]));
  const exposure = await clusterExposure(planFlags.map((spec) => spec.key), nowMs);
  const flags = planFlags.map((spec) => {
    const f = served.get(spec.key);
    const ownedHere = f?.releaseId === releaseId;
    const e = exposureView(exposure.counts.get(spec.key)!);
    const planned = ownedHere ? f.share : null;
    return {
      key: spec.key,
      description: spec.description ?? null,
      /** null when another release serves this key now (or the flag service has not loaded it yet). */
      plannedPercent: planned,
      servedBy: f && !ownedHere ? f.releaseId : null,
      observedPercent: ownedHere ? e.observedShare : null,
      samples: ownedHere ? e.samples : 0,
      evaluationsPerMinute: e.perMinute,
      evaluations: { on: e.on, off: e.off, errors: e.errors },
      drift: planned === null ? "too_few" : flagDrift(planned, e.observedShare, e.samples),
      lastChangeAt: ownedHere ? f.changedAt.toISOString() : null,
    };
  });
  const sdks = exposure.sdks;
  return {
    flags,
    sdks: { ofrep: sdks.filter((s) => s.protocol === "ofrep").length, unleash: sdks.filter((s) => s.protocol === "unleash").length },
  };
}
