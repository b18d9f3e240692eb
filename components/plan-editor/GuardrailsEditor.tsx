// Guardrails in the plan form (the plan's, or one wave's own): metric, comparison, target / warning / critical,
// how long a breach must hold, the action at critical, and further levels with their own threshold and action.
"use client";
import { newGuardrail } from "@/lib/plans/edit/new-items";
import { getIn, type PlanPath } from "@/lib/plans/edit/update-in";
import { COMPARATORS, LEVEL_ACTIONS } from "@/lib/plans/core/plan";
import { DurationField, NumberField, SelectField, TextField } from "./FormFields";
import { AddButton, ItemControls, ItemRow } from "./ItemControls";
import { pathKey, usePlanForm } from "./plan-form-context";

const listOf = (value: unknown) => (Array.isArray(value) ? value : []);

export function GuardrailsEditor({ path, title, open = false }: { path: PlanPath; title: string; open?: boolean }) {
  const form = usePlanForm();
  const guardrails = listOf(getIn(form.plan, path));
  return (
    <details open={open} className="rounded-md border border-zinc-200 dark:border-zinc-800" data-testid={`guardrails-${pathKey(path)}`}>
      <summary className="cursor-pointer px-3 py-1.5 text-sm font-semibold select-none">
        {title} <span className="font-normal text-zinc-500 dark:text-zinc-400">· {guardrails.length === 0 ? "none" : guardrails.length}</span>
      </summary>
      <div className="flex flex-col gap-3 border-t border-zinc-200 px-3 py-2 dark:border-zinc-800">
        {guardrails.map((g, j) => (
          <GuardrailCard key={j} path={[...path, j]} index={j} count={guardrails.length} metric={(g as { metric?: unknown } | null)?.metric} listPath={path} />
        ))}
        <AddButton label="Add guardrail" testId={`add-guardrail-${pathKey(path)}`} onClick={() => form.append(path, newGuardrail(guardrails))} />
      </div>
    </details>
  );
}

function GuardrailCard({ path, listPath, index, count, metric }: { path: PlanPath; listPath: PlanPath; index: number; count: number; metric: unknown }) {
  const form = usePlanForm();
  const levels = listOf(getIn(form.plan, [...path, "levels"]));
  return (
    <div className="flex flex-col gap-2 rounded-md bg-zinc-50 p-2 dark:bg-zinc-950/60" data-testid="guardrail-card">
      <div className="flex items-center justify-between gap-2">
        <p className="min-w-0 truncate font-mono text-xs font-semibold">{typeof metric === "string" && metric ? metric : `guardrail ${index + 1}`}</p>
        <ItemControls listPath={listPath} index={index} count={count} noun="guardrail" />
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <TextField path={[...path, "metric"]} label="Metric" mono list="plan-metrics" className="col-span-2" />
        <SelectField path={[...path, "comparator"]} label="Bad when" options={COMPARATORS} />
        <SelectField path={[...path, "relativeTo"]} label="Compared to" options={["baseline", "pre_rollout", "previous_wave"]} emptyLabel="absolute value" />
        <NumberField path={[...path, "target"]} label="Target" optional />
        <NumberField path={[...path, "warning"]} label="Warning" optional />
        <NumberField path={[...path, "critical"]} label="Critical" />
        <SelectField path={[...path, "onCritical"]} label="At critical" options={["pause", "rollback", "notify"]} emptyLabel="pause (default)" />
        <DurationField path={[...path, "forSeconds"]} label="Holds for" placeholder="60s (default)" />
        <DurationField path={[...path, "windowSeconds"]} label="Window" placeholder="60s (default)" />
      </div>
      {levels.length > 0 ? (
        <ol className="flex flex-col gap-2" aria-label="Further levels">
          {levels.map((_, k) => (
            <ItemRow key={k} number={k + 1} controls={<ItemControls listPath={[...path, "levels"]} index={k} count={levels.length} noun="level" />}>
              <div className="grid grid-cols-3 gap-2">
                <NumberField path={[...path, "levels", k, "threshold"]} label="Level at" />
                <DurationField path={[...path, "levels", k, "forSeconds"]} label="Holds for" placeholder="60s (default)" />
                <SelectField path={[...path, "levels", k, "action"]} label="Then" options={LEVEL_ACTIONS} />
              </div>
            </ItemRow>
          ))}
        </ol>
      ) : null}
      <AddButton label="Add level" testId={`add-level-${pathKey(path)}`} onClick={() => form.append([...path, "levels"], { threshold: 0, forSeconds: 60, action: "notify" })} />
    </div>
  );
}
