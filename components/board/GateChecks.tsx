// The external checks of the current gate, each with its last answer, and a button to ask them again now.
"use client";
import { formatClock } from "@/lib/platform/browser/format-time";
import type { ReleaseView } from "@/lib/releases/client/types";
import { useRecheckGates } from "@/lib/releases/client/use-recheck-gates";
import { InlineError } from "../ui/InlineError";
import { CheckCircleIcon, CriticalIcon } from "../ui/icons";

export function GateChecks({ view, now, canRecheck }: { view: ReleaseView; now: number; canRecheck: boolean }) {
  const recheck = useRecheckGates(view.id);
  const gateWave = view.status === "draft" ? null : view.currentWaveIndex;
  const checks = (view.checks ?? []).filter((c) => c.waveIndex === gateWave);
  if (checks.length === 0 || !view.gate) return null;
  return (
    <div className="mt-3 flex flex-col gap-1.5" data-testid="gate-checks">
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-semibold text-zinc-500 uppercase dark:text-zinc-400">External checks</span>
        {canRecheck ? (
          <button
            type="button"
            className="text-xs font-semibold text-sky-700 underline disabled:opacity-50 dark:text-sky-400"
            disabled={recheck.isPending}
            onClick={() => recheck.mutate()}
            data-testid="gate-recheck"
          >
            {recheck.isPending ? "Checking…" : "Check again"}
          </button>
        ) : null}
      </div>
      <ul className="flex flex-col gap-1 text-sm">
        {checks.map((c) => (
          <li key={c.name} className="flex items-start gap-2" data-testid="gate-check" data-ok={String(!!c.result?.ok)}>
            {c.result?.ok ? <CheckCircleIcon className="mt-0.5 size-4 text-emerald-600" /> : <CriticalIcon className="mt-0.5 size-4 text-red-600" />}
            <span className="min-w-0 break-words">
              <span className="font-semibold">{c.name}</span>: {c.result ? c.result.message : "not asked yet"}
              {c.result ? <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400"> · {formatClock(c.result.checkedAt, now)}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      {recheck.isError ? <InlineError message={recheck.error.message} testId="gate-recheck-error" /> : null}
    </div>
  );
}
