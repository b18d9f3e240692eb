// The go/no-go list as the UI shows it: bake time counted down on the client, each item with its owner.
import { formatClock, formatElapsed } from "../../platform/browser/format-time";
import { freezeHeadline, formatUntil } from "../../freezes/client/freeze-text";
import type { ReleaseView, UnmetGate } from "./types";

export type Gate = NonNullable<ReleaseView["gate"]>;

/** The server judged bake time when it answered; once readyAt passes here, that item is done. */
export function stillUnmet(gate: Gate | null, now: number): UnmetGate[] {
  if (!gate) return [];
  return gate.unmet.filter((u) => (u.kind !== "bake" || new Date(u.readyAt).getTime() > now) && (u.kind !== "freeze" || !u.until || new Date(u.until).getTime() > now));
}

/** Who has to act to clear an item. */
export function ownerOf(u: UnmetGate): string {
  switch (u.kind) {
    case "checklist":
      return u.ownerRole ?? "Unassigned (commander)";
    case "signoff":
      return u.role;
    case "bake":
      return "Nobody (time)";
    case "breach":
      return "Incident Commander";
    case "check":
      return "the check's owner";
    case "evidence":
      return "Nobody (canary traffic)";
    case "traffic":
      return u.status === "drift" ? "Commander (weights changed outside Tidegate)" : u.status === "unconfirmed" ? "The router's operator (retrying)" : "Nobody (read-back)";
    case "freeze":
      return "an admin (break with a reason)";
    case "quarantine":
      return "an admin (lift with a reason)";
  }
}

/** The owner chip: who has to act, or that the item clears by itself (bake time). */
export function ownerLabel(u: UnmetGate): string {
  if (u.kind === "freeze" && u.until) return `Clears ${formatUntil(u.until, Date.now())}, or ${ownerOf(u)}`;
  return u.kind === "bake" ? "Clears by itself" : `Owner: ${ownerOf(u)}`;
}

export function gateKindLabel(kind: UnmetGate["kind"]): string {
  return { bake: "Bake time", checklist: "Checklist", signoff: "Sign-off", breach: "Breach", check: "External check", evidence: "Evidence", traffic: "Traffic router", freeze: "Freeze", quarantine: "Quarantine" }[kind];
}

/** What is missing, without the kind and owner (shown beside it); bake time counts down. */
export function gateItemText(u: UnmetGate, now: number): string {
  switch (u.kind) {
    case "bake":
      return `${formatElapsed(new Date(u.readyAt).getTime() - now)} left (ready at ${formatClock(u.readyAt, now)})`;
    case "checklist":
      return `${u.text}${u.state === "not_met" ? " (marked not met)" : ""}`;
    case "signoff":
      return u.rejectedBy ? `${u.role}: rejected by ${u.rejectedBy}${u.comment ? `: ${u.comment}` : ""}` : `Waiting for ${u.role}${u.notCounting ? ` (${u.notCounting})` : ""}`;
    case "breach":
    case "evidence":
    case "traffic":
      return u.message;
    case "check":
      return `${u.message}${u.checkedAt ? ` (asked at ${formatClock(u.checkedAt, now)})` : ""}`;
    case "freeze":
      return freezeHeadline(u, now);
    case "quarantine":
      return `Rolled back in "${u.releaseName}" on ${formatUntil(u.at, now)} by ${u.by}: ${u.reason}`;
  }
}
