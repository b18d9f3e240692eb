// The team's own rollback procedure and the triggers a person declares, from the plan, beside the controls: during an
// incident the commander declares a trigger with one click and reads the steps here instead of hunting for the
// document. After a ROLLBACK with a level, that level's steps are a checklist to tick, with its time objective and
// its verification (plan v2).
"use client";
import { useId, useState } from "react";
import type { Me, ReleaseView } from "@/lib/releases/client/types";
import { formatClock } from "@/lib/platform/browser/format-time";
import { hasPermission } from "@/lib/auth/client/use-me";
import { useDeclareTrigger } from "@/lib/releases/client/use-declare-trigger";
import { formatDuration as formatBake } from "@/lib/releases/core/gates";
import { ChecklistItemRow } from "../review/ChecklistItemRow";
import { Button } from "../ui/Button";
import { InlineError } from "../ui/InlineError";
import { Panel } from "../ui/Panel";

const OBJECTIVE_TEXT = { pending: "in progress", met: "met: every step done", missed: "MISSED", none: "" } as const;
const VERIFIED_TEXT = { pending: "pending", passed: "passed", failed: "FAILED", none: "" } as const;

export function RollbackPlanPanel({ view, me }: { view: ReleaseView; me?: Me }) {
  const levels = view.plan.rollback?.levels ?? [];
  const wave = view.plan.waves[view.currentWaveIndex];
  const triggers = view.triggers;
  const declare = useDeclareTrigger(view.id);
  const [confirming, setConfirming] = useState<string | null>(null);
  const hintId = useId();
  const mayDeclare = hasPermission(me, "command");
  const active = view.status === "running" || view.status === "paused";
  const rollback = view.status === "rolled_back" ? view.rollback : null;
  if (levels.length === 0 && triggers.length === 0) return null;
  return (
    <Panel id="rollback-plan" title="If things go wrong">
      <div className="flex flex-col gap-3 text-sm" data-testid="rollback-plan">
        {rollback ? (
          <div data-testid="rollback-progress" className="rounded-md border border-red-300 bg-red-50/60 p-3 dark:border-red-800 dark:bg-red-950/30">
            <p className="font-semibold">
              Rolled back with level {rollback.level}: {rollback.levelName}
            </p>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              at {formatClock(rollback.at)}
              {rollback.objectiveSeconds ? ` · objective ${formatBake(rollback.objectiveSeconds)}: ` : ""}
              {rollback.objectiveSeconds ? (
                <span data-testid="rollback-objective" className={rollback.objective === "missed" ? "font-bold text-red-700 dark:text-red-300" : ""}>
                  {OBJECTIVE_TEXT[rollback.objective]}
                </span>
              ) : null}
              {rollback.verification ? " · verification: " : ""}
              {rollback.verification ? (
                <span data-testid="rollback-verification" className={rollback.verified === "failed" ? "font-bold text-red-700 dark:text-red-300" : ""}>
                  {VERIFIED_TEXT[rollback.verified]} ({rollback.verification.metric} {rollback.verification.comparator} {rollback.verification.threshold} within{" "}
                  {formatBake(rollback.verification.withinSeconds)})
                </span>
              ) : null}
            </p>
            {rollback.steps.length ? (
              <ul className="mt-2 flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="rollback-steps">
                {rollback.steps.map((item) => (
                  <ChecklistItemRow key={item.id} releaseId={view.id} item={item} waveKey="rollback" canTick={hasPermission(me, "checklist")} readOnlyHintId={hintId} />
                ))}
              </ul>
            ) : null}
            <p id={hintId} className="sr-only">
              Ticking rollback steps needs the approver, commander or admin role
            </p>
          </div>
        ) : null}
        {triggers.length ? (
          <div>
            <p className="text-xs font-semibold text-zinc-500 dark:text-zinc-400">Declare by hand ({wave ? wave.name : "this release"})</p>
            <ul className="mt-1 flex flex-col gap-1.5" data-testid="rollback-triggers">
              {triggers.map((t) => (
                <li key={t.name} className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    {t.name}{" "}
                    <span className="text-zinc-500 dark:text-zinc-400">
                      → {t.action.replace("_", " ")}
                      {t.level ? ` (level ${t.level})` : ""}
                    </span>
                  </span>
                  {active && mayDeclare ? (
                    confirming === t.name ? (
                      <span className="flex gap-1">
                        <Button
                          variant={t.action === "notify" ? "neutral" : "danger"}
                          size="sm"
                          data-testid="trigger-confirm"
                          disabled={declare.isPending}
                          onClick={() => declare.mutate({ name: t.name, expectedVersion: view.version }, { onSuccess: () => setConfirming(null) })}
                        >
                          {declare.isPending ? "Declaring…" : `Declare: ${t.action.replace("_", " ")}`}
                        </Button>
                        <Button variant="neutral" size="sm" onClick={() => setConfirming(null)}>
                          Cancel
                        </Button>
                      </span>
                    ) : (
                      <Button variant="neutral" size="sm" data-testid="trigger-declare" onClick={() => setConfirming(t.name)}>
                        Declare
                      </Button>
                    )
                  ) : null}
                </li>
              ))}
            </ul>
            {declare.error ? <InlineError message={declare.error.message} testId="trigger-error" /> : null}
          </div>
        ) : null}
        {levels.length ? (
          <ol className="flex flex-col gap-2">
            {levels.map((l, k) => (
              <li key={k}>
                <p className="font-semibold">
                  Level {k + 1}: {l.name}{" "}
                  <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">
                    {l.scope}
                    {l.objectiveSeconds ? ` · within ${formatBake(l.objectiveSeconds)}` : ""}
                  </span>
                </p>
                <ol className="ml-5 list-decimal text-xs">
                  {l.steps.map((s, m) => (
                    <li key={m} className="mt-0.5">
                      {s.text}
                      {s.command ? (
                        <code className="mt-0.5 block overflow-x-auto rounded bg-zinc-100 px-1.5 py-0.5 whitespace-pre dark:bg-zinc-800">{s.command}</code>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </Panel>
  );
}
