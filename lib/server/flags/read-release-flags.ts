// The board's view of one release's flags: planned share, what apps were told, how often, and who is asking.
import { flagDrift } from "../../flags/drift";
import type { FlagSpec } from "../../flags/flag-spec";
import { connectedSdks, exposureOf } from "./exposure";
import { allFlags } from "./flag-store";

export function readReleaseFlags(releaseId: string, planFlags: FlagSpec[], nowMs: number) {
  const served = new Map(allFlags().map((f) => [f.spec.key, f]));
  const flags = planFlags.map((spec) => {
    const f = served.get(spec.key);
    const ownedHere = f?.releaseId === releaseId;
    const e = exposureOf(spec.key, nowMs);
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
  const sdks = connectedSdks(nowMs);
  return {
    flags,
    sdks: { ofrep: sdks.filter((s) => s.protocol === "ofrep").length, unleash: sdks.filter((s) => s.protocol === "unleash").length },
  };
}
