// The go/no-go list as the UI shows it: bake time counted down on the client, each item with its owner.
import type { ReleaseView, UnmetGate } from "./types";

export type Gate = NonNullable<ReleaseView["gate"]>;

/** The server judged bake time when it answered; once readyAt passes here, that item is done. */
export function stillUnmet(gate: Gate | null, now: number): UnmetGate[] {
  if (!gate) return [];
  return gate.unmet.filter((u) => u.kind !== "bake" || new Date(u.readyAt).getTime() > now);
}

/** Who has to act to clear an item. */
export function ownerOf(u: UnmetGate): string {
  switch (u.kind) {
    case "checklist":
      return u.ownerRole;
    case "signoff":
      return u.role;
    case "bake":
      return "time";
    case "breach":
      return "incident commander";
  }
}

export function gateKindLabel(kind: UnmetGate["kind"]): string {
  return { bake: "Bake time", checklist: "Checklist", signoff: "Sign-off", breach: "Breach" }[kind];
}
