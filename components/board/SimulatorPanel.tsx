// Demo only: switches what the traffic simulator sends, to show the guardrails reacting. Folded away by default
// so it never competes with the real controls.
"use client";
import { useId, useState } from "react";
import { useSetSimulator, useSimulator } from "@/lib/simulator/client/use-simulator";
import { Button, focusRing } from "../ui/Button";

export function SimulatorPanel({ releaseId, canSwitch, live }: { releaseId: string; canSwitch: boolean; live: boolean }) {
  const sim = useSimulator(releaseId);
  const set = useSetSimulator(releaseId);
  const [choice, setChoice] = useState<string | null>(null);
  const selectId = useId();
  if (!sim.data || (!canSwitch && !sim.data.scenario)) return null;
  const current = sim.data.scenario ?? "healthy";
  const picked = choice ?? current;
  const description = sim.data.scenarios.find((s) => s.id === picked)?.description;
  return (
    <details className="rounded-lg border border-dashed border-zinc-300 bg-white p-4 text-sm dark:border-zinc-700 dark:bg-zinc-900" data-testid="simulator-panel">
      <summary className={`cursor-pointer rounded text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400 ${focusRing}`}>
        Demo traffic simulator: <span className="normal-case">{current}</span>
      </summary>
      {canSwitch ? (
        <form
          className="mt-3 flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            set.mutate(picked, { onSuccess: () => setChoice(null) });
          }}
        >
          <label htmlFor={selectId} className="font-medium">
            Scenario
          </label>
          <div className="flex gap-2">
            <select
              id={selectId}
              data-testid="simulator-scenario"
              value={picked}
              onChange={(e) => setChoice(e.target.value)}
              className={`h-9 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 dark:border-zinc-700 dark:bg-zinc-950 ${focusRing}`}
            >
              {sim.data.scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id}
                </option>
              ))}
            </select>
            <Button type="submit" size="sm" className="h-9" disabled={!live || set.isPending || picked === current} data-testid="simulator-apply">
              Switch
            </Button>
          </div>
          {description ? <p className="text-xs text-zinc-500 dark:text-zinc-400">{description}</p> : null}
          {set.isError ? (
            <p role="alert" className="text-xs text-red-700 dark:text-red-400">
              {set.error.message}
            </p>
          ) : null}
        </form>
      ) : null}
    </details>
  );
}
