// Fault injection for crash tests: TIDEGATE_FAILPOINT=crash_after_commit:<event type> kills the process with
// SIGKILL right after a transaction that wrote such an event commits, before anything is published. Unset in
// every real deployment; the crash-recovery test uses it to prove the outbox loses nothing.
import "server-only";
import { logError, logNotice } from "../logging/ops-log";

const spec = process.env.TIDEGATE_FAILPOINT ?? "";
const crashAfter = spec.startsWith("crash_after_commit:") ? spec.slice("crash_after_commit:".length) : null;

export function crashIfFailpoint(eventTypes: readonly string[]): void {
  if (crashAfter && eventTypes.includes(crashAfter)) {
    logNotice("failpoint: crashing after commit", { event: crashAfter });
    process.kill(process.pid, "SIGKILL");
  }
}

// TIDEGATE_FAILPOINT=freeze_before_guardrail_action stops the process (SIGSTOP, once) when the leader is about to
// write a guardrail action, as a long GC pause or a partition would: the cluster test lets a new leader take over,
// resumes this one (SIGCONT) and shows its stale write is refused by the fence.
// TIDEGATE_FAILPOINT=freeze_inside_fenced_write stops it instead inside a leader's fenced write, right after the
// fence check took the lease row FOR SHARE: the takeover must not wait for that transaction forever.
let frozen = false;
export function freezeIfFailpoint(where: "before_guardrail_action" | "inside_fenced_write" = "before_guardrail_action"): void {
  if (spec !== `freeze_${where}` || frozen) return;
  frozen = true;
  logError(`failpoint: freezing ${where.replaceAll("_", " ")}`, { pid: process.pid });
  process.kill(process.pid, "SIGSTOP");
}

// TIDEGATE_FAILPOINT=hold_transaction:<ms>:<reason> keeps a write's transaction open <ms> milliseconds after its
// events and outbox messages are written, when one of its events carries that reason (a command's reason text):
// the outbox test commits later commands meanwhile and shows the late commit is delivered, not skipped.
const hold = /^hold_transaction:(\d+):(.+)$/.exec(spec);

export async function holdIfFailpoint(reasons: readonly (string | null)[], sleep: (ms: number) => Promise<unknown> | undefined): Promise<void> {
  if (!hold || !reasons.includes(hold[2]!)) return;
  const ms = Number(hold[1]);
  logNotice("failpoint: holding a transaction open", { ms });
  await (sleep(ms) ?? new Promise((r) => setTimeout(r, ms)));
}
