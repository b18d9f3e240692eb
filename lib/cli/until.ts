// `tidegate wait --until ...`: the conditions a pipeline waits for, judged against a release's state. Pure.
import { EXIT, type ExitCode } from "./exit-codes";

export type Until = { kind: "completed" } | { kind: "rolled_back" } | { kind: "wave"; wave: number };

/** "completed", "rolled_back" (or "rolled-back"), "wave:N" with N counted from 1 as the screens count. */
export function parseUntil(text: string): Until | null {
  const t = text.trim().toLowerCase();
  if (t === "completed") return { kind: "completed" };
  if (t === "rolled_back" || t === "rolled-back") return { kind: "rolled_back" };
  const m = /^wave:(\d{1,3})$/.exec(t);
  if (m && Number(m[1]) >= 1) return { kind: "wave", wave: Number(m[1]) };
  return null;
}

export function describeUntil(until: Until): string {
  return until.kind === "wave" ? `wave ${until.wave}` : until.kind.replace("_", " ");
}

export interface ReleaseProgress {
  status: string;
  currentWaveIndex: number;
  waveCount: number;
}

export type Verdict = { done: false } | { done: true; exitCode: ExitCode; message: string };

/**
 * Whether waiting is over. A rollback ends every wait but the one for it (a pipeline treats it as failure, even if
 * someone retries later); a pause does not (a paused release may resume).
 */
export function judge(until: Until, r: ReleaseProgress): Verdict {
  const at = `wave ${r.currentWaveIndex + 1}/${r.waveCount}`;
  switch (until.kind) {
    case "completed":
      if (r.status === "completed") return { done: true, exitCode: EXIT.ok, message: "completed" };
      if (r.status === "rolled_back") return { done: true, exitCode: EXIT.rolledBack, message: `rolled back (from ${at})` };
      return { done: false };
    case "rolled_back":
      if (r.status === "rolled_back") return { done: true, exitCode: EXIT.ok, message: `rolled back (from ${at})` };
      if (r.status === "completed") return { done: true, exitCode: EXIT.unreachable, message: "completed: it can no longer be rolled back" };
      return { done: false };
    case "wave":
      if (until.wave > r.waveCount) {
        return { done: true, exitCode: EXIT.usage, message: `the release has ${r.waveCount} waves; there is no wave ${until.wave}` };
      }
      if (r.status === "rolled_back") return { done: true, exitCode: EXIT.rolledBack, message: `rolled back (from ${at})` };
      if (r.status === "completed") return { done: true, exitCode: EXIT.ok, message: `completed (past wave ${until.wave})` };
      if ((r.status === "running" || r.status === "paused") && r.currentWaveIndex + 1 >= until.wave) {
        return { done: true, exitCode: EXIT.ok, message: `${r.status} in ${at}` };
      }
      return { done: false };
  }
}
