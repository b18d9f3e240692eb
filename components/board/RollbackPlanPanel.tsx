// The team's own rollback procedure and the triggers a person declares, from the plan, beside the controls: during an
// incident the commander reads the steps here instead of hunting for the document. ROLLBACK itself still sets traffic
// to 0; these steps are what the team carries out around it.
import type { ReleaseView } from "@/lib/client/types";
import { formatDuration as formatBake } from "@/lib/rollout/gates";
import { Panel } from "../ui/Panel";

export function RollbackPlanPanel({ view }: { view: ReleaseView }) {
  const levels = view.plan.rollback?.levels ?? [];
  const wave = view.plan.waves[view.currentWaveIndex];
  const triggers = [...(wave?.triggers ?? []), ...(view.plan.triggers ?? [])];
  if (levels.length === 0 && triggers.length === 0) return null;
  return (
    <Panel id="rollback-plan" title="If things go wrong">
      <div className="flex flex-col gap-3 text-sm" data-testid="rollback-plan">
        {triggers.length ? (
          <div>
            <p className="text-xs font-semibold text-zinc-500 dark:text-zinc-400">Declare by hand ({wave ? wave.name : "this release"})</p>
            <ul className="mt-1 flex flex-col gap-0.5" data-testid="rollback-triggers">
              {triggers.map((t, i) => (
                <li key={i}>
                  {t.name} <span className="text-zinc-500 dark:text-zinc-400">→ {t.action.replace("_", " ")}{t.level ? ` (level ${t.level})` : ""}</span>
                </li>
              ))}
            </ul>
            <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">Use ROLLBACK or PAUSE above with the trigger as the reason.</p>
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
