// Fault injection for crash tests: TIDEGATE_FAILPOINT=crash_after_commit:<event type> kills the process with
// SIGKILL right after a transaction that wrote such an event commits, before anything is published. Unset in
// every real deployment; the crash-recovery test uses it to prove the outbox loses nothing.
import { logNotice } from "./logging/ops-log";

const spec = process.env.TIDEGATE_FAILPOINT ?? "";
const crashAfter = spec.startsWith("crash_after_commit:") ? spec.slice("crash_after_commit:".length) : null;

export function crashIfFailpoint(eventTypes: readonly string[]): void {
  if (crashAfter && eventTypes.includes(crashAfter)) {
    logNotice("failpoint: crashing after commit", { event: crashAfter });
    process.kill(process.pid, "SIGKILL");
  }
}
