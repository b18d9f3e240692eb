// The board's flags panel shows what the whole cluster served: each instance counts its own evaluations in memory
// (exposure.ts), writes them to the database every few seconds (FlagExposureReport, FlagSdkReport), and sums the
// other instances' fresh reports with its own live counts when asked. Without this, behind a round-robin load
// balancer each refresh of the board showed whichever instance answered. On SQLite there is one process: nothing is
// written and the sum is this process's own counts. /api/metrics stays per instance (Prometheus scrapes each).
import "server-only";
import { distinctSdks, type ExposureCounts, sumExposure } from "../core/exposure-sum";
import { instanceId } from "../../platform/cluster/instance-id";
import { db, isPostgres } from "../../platform/db/client";
import { logError } from "../../platform/logging/ops-log";
import { allExposure, connectedSdks, countsOf, type SdkInstance, sdkInstanceKey, SDK_SEEN_MS } from "./exposure";
import { getFlag } from "./flag-store";

export const EXPOSURE_REPORT_MS = 5_000;
/** Another instance's report counts for this long (three missed reports), then that instance is taken as gone. */
const REPORT_FRESH_MS = 15_000;
/** Rows of instances that stopped for good (a renamed or removed instance) are deleted after a day. */
const REPORT_KEPT_MS = 86_400_000;

/** The state of a flag that this instance's "since the last change" counts belong to. */
function sinceMarkOf(key: string): string {
  const f = getFlag(key);
  return f ? `${f.releaseId}:${f.version}` : "";
}

/** Writes this instance's counts and SDKs in place of its previous report, in one transaction. */
export async function reportExposure(nowMs: number): Promise<void> {
  const me = instanceId();
  const reportedAt = new Date(nowMs);
  const flags = [...allExposure().keys()].map((flagKey) => {
    const c = countsOf(flagKey, nowMs);
    const counts = { on: BigInt(c.on), off: BigInt(c.off), errors: BigInt(c.errors), sinceOn: c.sinceOn, sinceOff: c.sinceOff, perMinute: c.perMinute };
    return { instanceId: me, flagKey, ...counts, sinceMark: sinceMarkOf(flagKey), reportedAt };
  });
  const sdks = connectedSdks(nowMs).map((s) => ({
    instanceId: me,
    sdkKey: sdkInstanceKey(s),
    appName: s.appName,
    sdkInstance: s.instanceId,
    sdkVersion: s.sdkVersion,
    protocol: s.protocol,
    lastSeen: new Date(s.lastSeen),
    reportedAt,
  }));
  const mineOrGone = { OR: [{ instanceId: me }, { reportedAt: { lt: new Date(nowMs - REPORT_KEPT_MS) } }] };
  await db().$transaction([
    db().flagExposureReport.deleteMany({ where: mineOrGone }),
    db().flagExposureReport.createMany({ data: flags }),
    db().flagSdkReport.deleteMany({ where: mineOrGone }),
    db().flagSdkReport.createMany({ data: sdks }),
  ]);
}

export interface ClusterExposure {
  counts: Map<string, ExposureCounts>;
  sdks: SdkInstance[];
}

/** This instance's live counts of `keys` plus every other instance's fresh report; each SDK instance once. */
export async function clusterExposure(keys: readonly string[], nowMs: number): Promise<ClusterExposure> {
  const counts = new Map(keys.map((k) => [k, countsOf(k, nowMs)]));
  const own = connectedSdks(nowMs);
  if (!isPostgres() || keys.length === 0) return { counts, sdks: own };
  const me = instanceId();
  const fresh = { instanceId: { not: me }, reportedAt: { gte: new Date(nowMs - REPORT_FRESH_MS) } };
  const [flagRows, sdkRows] = await Promise.all([
    db().flagExposureReport.findMany({ where: { ...fresh, flagKey: { in: [...keys] } } }),
    db().flagSdkReport.findMany({ where: fresh }),
  ]);
  for (const row of flagRows) {
    // Counts "since the last change" from an instance that has not seen the latest change yet would mix two plans.
    const sameState = row.sinceMark === sinceMarkOf(row.flagKey);
    const peer = {
      on: Number(row.on),
      off: Number(row.off),
      errors: Number(row.errors),
      sinceOn: sameState ? row.sinceOn : 0,
      sinceOff: sameState ? row.sinceOff : 0,
      perMinute: row.perMinute,
    };
    counts.set(row.flagKey, sumExposure([counts.get(row.flagKey)!, peer]));
  }
  const peers = sdkRows
    .map((r) => ({ appName: r.appName, instanceId: r.sdkInstance, sdkVersion: r.sdkVersion, protocol: r.protocol as SdkInstance["protocol"], lastSeen: r.lastSeen.getTime() }))
    .filter((s) => nowMs - s.lastSeen < SDK_SEEN_MS);
  const keyed = (list: SdkInstance[]) => list.map((s) => ({ ...s, key: sdkInstanceKey(s) }));
  const sdks = distinctSdks([keyed(own), keyed(peers)]).map(({ key: _key, ...s }) => s);
  return { counts, sdks };
}

/** Reports every EXPOSURE_REPORT_MS on PostgreSQL (where several instances may share the database); else nothing. */
export function startExposureReports(): () => void {
  if (!isPostgres()) return () => {};
  const timer = setInterval(() => {
    reportExposure(Date.now()).catch((e) => logError("flag exposure report failed", { error: (e as Error).message }));
  }, EXPOSURE_REPORT_MS);
  timer.unref();
  return () => clearInterval(timer);
}
