// What holds a release's forward steps (issue 25): a freeze that matches it, or the plan's release windows being
// closed; and a quarantine of its service's version at START. Pure: the server passes the rows and `now`.
import { describeWindows, windowStatus, type Windows } from "./windows";

export interface FreezeRecord {
  id: string;
  from: Date;
  to: Date;
  reason: string;
  createdBy: string;
  /** null = every environment / every service. */
  environments: string[] | null;
  services: string[] | null;
  endedAt: Date | null;
}

/** Who a freeze is matched against: the release's service, and its environment once releases run in one. */
export interface FreezeSubject {
  service: string;
  /** null: the release runs in no named environment, so a freeze's `environments` list does not narrow it. */
  environment: string | null;
}

/**
 * Release windows that hold forward steps: the plan's own (`policy` null) and each release policy's it was created
 * under (issue 26). Forward steps go only while every one of them is open.
 */
export interface ReleaseWindows {
  policy: string | null;
  windows: Windows;
}

/** A freeze or a closed window, as a gate line: `until` is when forward steps may go again (null: not known). */
export type FreezeBlock = {
  source: "freeze" | "window";
  /** A closed window of a release policy: the policy's name (absent: the plan's own windows, or a freeze). */
  policy?: string;
  freezeId: string | null;
  reason: string;
  by: string | null;
  until: string | null;
  message: string;
};

export interface QuarantineRecord {
  id: string;
  service: string;
  serviceVersion: string;
  releaseId: string;
  releaseName: string;
  rolledBackBy: string;
  reason: string;
  at: Date;
  liftedAt: Date | null;
}

export type QuarantineBlock = {
  quarantineId: string;
  releaseId: string;
  releaseName: string;
  at: string;
  by: string;
  reason: string;
  message: string;
};

/** "2026-11-27 18:00 UTC": an instant in refusals and gate lines (screens show it in the reader's zone). */
export const utcMinute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function freezeApplies(freeze: FreezeRecord, subject: FreezeSubject, now: Date): boolean {
  if (freeze.endedAt !== null) return false;
  const t = now.getTime();
  if (t < freeze.from.getTime() || t >= freeze.to.getTime()) return false;
  if (freeze.services && !freeze.services.includes(subject.service)) return false;
  if (freeze.environments && subject.environment !== null && !freeze.environments.includes(subject.environment)) return false;
  return true;
}

/**
 * The freeze that holds the subject now, else a closed release window (the plan's or a policy's). Of overlapping
 * freezes the one ending last is named, so "until" is when forward steps may really go again (unless a later one
 * starts exactly then); of several closed windows, the one opening last.
 */
export function forwardBlockOf(freezes: readonly FreezeRecord[], subject: FreezeSubject, windows: Windows | readonly ReleaseWindows[] | undefined, now: Date): FreezeBlock | null {
  const active = freezes.filter((f) => freezeApplies(f, subject, now)).sort((a, b) => b.to.getTime() - a.to.getTime());
  const freeze = active[0];
  if (freeze) {
    const until = freeze.to.toISOString();
    return {
      source: "freeze",
      freezeId: freeze.id,
      reason: freeze.reason,
      by: freeze.createdBy,
      until,
      message: `Frozen until ${utcMinute(until)}: ${freeze.reason} (${freeze.createdBy})`,
    };
  }
  const all: readonly ReleaseWindows[] = windows === undefined ? [] : isWindowList(windows) ? windows : [{ policy: null, windows }];
  const closed = all
    .map((w) => ({ ...w, status: windowStatus(w.windows, now) }))
    .filter((w) => !w.status.open)
    // Unknown opening (null) sorts first: it is the one that holds longest.
    .sort((a, b) => (a.status.opensAt === null ? -1 : b.status.opensAt === null ? 1 : b.status.opensAt.getTime() - a.status.opensAt.getTime()));
  const held = closed[0];
  if (!held) return null;
  const until = held.status.opensAt?.toISOString() ?? null;
  const allowed = describeWindows(held.windows);
  const whose = held.policy === null ? "the plan's release windows" : `the release windows of policy "${held.policy}"`;
  return {
    source: "window",
    ...(held.policy === null ? {} : { policy: held.policy }),
    freezeId: null,
    reason: `Outside ${whose}: ${allowed}`,
    by: null,
    until,
    message: `Outside ${whose} (${allowed})${until ? `: they open ${utcMinute(until)}` : ""}`,
  };
}

const isWindowList = (w: Windows | readonly ReleaseWindows[]): w is readonly ReleaseWindows[] => Array.isArray(w);

/** An unlifted quarantine of the subject's service and version, unless the release itself caused it. */
export function quarantineBlockOf(quarantines: readonly QuarantineRecord[], release: { id: string; service: string; serviceVersion: string }): QuarantineBlock | null {
  const q = quarantines.find((x) => x.liftedAt === null && x.service === release.service && x.serviceVersion === release.serviceVersion && x.releaseId !== release.id);
  if (!q) return null;
  const at = q.at.toISOString();
  return {
    quarantineId: q.id,
    releaseId: q.releaseId,
    releaseName: q.releaseName,
    at,
    by: q.rolledBackBy,
    reason: q.reason,
    message: `Quarantined: ${q.service} ${q.serviceVersion} was rolled back in "${q.releaseName}" at ${utcMinute(at)} by ${q.rolledBackBy}: ${q.reason}`,
  };
}
