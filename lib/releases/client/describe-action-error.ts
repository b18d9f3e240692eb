// Turns a refused action into what the commander needs to read: who acted first, or what is still missing.
import { ApiError } from "../../platform/browser/api-error";
import { describeEvent } from "./describe-event";
import type { EventView, UnmetGate } from "./types";

export interface ActionErrorText {
  title: string;
  lines: string[];
}

export function describeActionError(e: unknown): ActionErrorText {
  if (!(e instanceof ApiError)) return { title: "The action failed; the board was refreshed.", lines: [String((e as Error)?.message ?? e)] };
  const details = (e.details ?? {}) as { missedEvents?: EventView[]; unmet?: UnmetGate[] };
  switch (e.code) {
    case "version_conflict": {
      const missed = details.missedEvents ?? [];
      const what = missed.length ? missed.map((m) => `${m.actor} ${describeEvent(m)}`).join("; ") : "the release changed";
      return {
        title: `Someone else acted first: ${what}`,
        lines: ["Your action was not applied. The board now shows the current state; check it before acting again."],
      };
    }
    case "gates_unmet":
      return { title: "Not done: these gates are unmet", lines: (details.unmet ?? []).map((u) => u.message) };
    case "frozen":
      return { title: `Not done: ${e.message}`, lines: ["PAUSE, ROLL BACK and STEP BACK still work during a freeze."] };
    case "quarantined":
      return { title: `Not done: ${e.message}`, lines: ["An admin lifts the quarantine with a reason (overview, Quarantined versions)."] };
    case "invalid_transition":
      return { title: `Not done: ${e.message}`, lines: ["The board was refreshed to the current state."] };
    case "reason_required":
      return { title: "Not done: a written reason is required for this", lines: [] };
    case "forbidden":
    case "csrf_failed":
      return { title: `Not allowed: ${e.message}`, lines: [] };
    default:
      return { title: `Not done: ${e.message}`, lines: e.status >= 500 || e.status === 0 ? ["Nothing was changed. Try again."] : [] };
  }
}
