// Issue 25: what `POST /api/releases/:id/stages/:key/wait` answers, with the exit codes of `tidegate wait`
// (lib/cli/exit-codes.ts): 0 the condition holds, 3 rolled back, 4 timed out, 5 it can no longer hold. Pure.
import type { StageGate } from "../../releases/core/stage-gate";

export const WAIT_UNTIL = ["open", "completed"] as const;
/** The longest one wait request holds the connection; `tidegate wait` asks again for longer waits. */
export const MAX_WAIT_SECONDS = 60;
export type StageWaitUntil = (typeof WAIT_UNTIL)[number];

/** The same numbers as the CLI's EXIT (kept literal here: core may not import the CLI). */
export const WAIT_EXIT = { ok: 0, rolledBack: 3, timeout: 4, unreachable: 5 } as const;

export type StageWaitVerdict =
  | { done: false }
  | { done: true; exitCode: (typeof WAIT_EXIT)[keyof typeof WAIT_EXIT]; outcome: "open" | "completed" | "rolled_back" | "blocked"; message: string };

/** Whether a waiter for `until` may stop: the stage's status, and (while it is in draft) its gate. */
export function judgeStageWait(until: StageWaitUntil, stage: { name: string; status: string }, gate: StageGate | null): StageWaitVerdict {
  if (stage.status === "rolled_back") return { done: true, exitCode: WAIT_EXIT.rolledBack, outcome: "rolled_back", message: `${stage.name} was rolled back` };
  if (stage.status === "completed") return { done: true, exitCode: WAIT_EXIT.ok, outcome: "completed", message: `${stage.name} completed` };
  if (stage.status === "draft" && gate?.kind === "failed") return { done: true, exitCode: WAIT_EXIT.unreachable, outcome: "blocked", message: gate.message };
  if (until === "open" && stage.status !== "draft") return { done: true, exitCode: WAIT_EXIT.ok, outcome: "open", message: `${stage.name} is open (${stage.status})` };
  return { done: false };
}
