// The waves in the plan form, in order: add (before the final 100% wave), remove, reorder, and each wave's traffic,
// timing (bake, decision deadline, automatic promotion), audience and unit, sign-offs, checklist and own guardrails.
"use client";
import { newWave } from "@/lib/plans/edit/new-items";
import { getIn, type PlanPath } from "@/lib/plans/edit/update-in";
import { WaveSchema } from "@/lib/plans/core/plan";
import { ChecklistEditor } from "./ChecklistEditor";
import { CheckField, DurationField, ListField, NumberField, SelectField, TextField } from "./FormFields";
import { GuardrailsEditor } from "./GuardrailsEditor";
import { AddButton, ItemControls } from "./ItemControls";
import { usePlanForm } from "./plan-form-context";

const UNITS = WaveSchema.shape.unit.unwrap().options;

export function WavesEditor() {
  const form = usePlanForm();
  const list = getIn(form.plan, ["waves"]);
  const waves = Array.isArray(list) ? list : [];
  const listIssues = form.issuesAt(["waves"]);
  return (
    <div className="flex flex-col gap-3" data-testid="form-waves">
      {listIssues.length ? <p className="text-xs text-red-700 dark:text-red-400">{listIssues.join("; ")}</p> : null}
      <ol className="flex flex-col gap-3">
        {waves.map((_, i) => (
          <WaveEditor key={i} index={i} count={waves.length} />
        ))}
      </ol>
      <AddButton
        label="Add wave"
        testId="add-wave"
        onClick={() => {
          const { index, wave } = newWave(waves);
          form.insert(["waves"], index, wave);
        }}
      />
    </div>
  );
}

function WaveEditor({ index, count }: { index: number; count: number }) {
  const path: PlanPath = ["waves", index];
  const form = usePlanForm();
  const name = getIn(form.plan, [...path, "name"]);
  return (
    <li className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid="form-wave">
      <div className="flex items-center justify-between gap-2">
        <h3 className="min-w-0 truncate text-sm font-semibold">
          <span className="text-zinc-500 tabular-nums dark:text-zinc-400">Wave {index + 1}</span>
          {typeof name === "string" && name ? ` · ${name}` : ""}
        </h3>
        <ItemControls listPath={["waves"]} index={index} count={count} noun="wave" />
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <TextField path={[...path, "name"]} label="Name" className="col-span-2" />
        <NumberField path={[...path, "trafficPercent"]} label="Traffic %" />
        <SelectField path={[...path, "unit"]} label="Unit" options={UNITS} emptyLabel="traffic (default)" />
        <DurationField path={[...path, "bakeSeconds"]} label="Bake" placeholder="none" />
        <DurationField path={[...path, "maxSeconds"]} label="Decide within" placeholder="no deadline" />
        <CheckField path={[...path, "autoContinue"]} label="Auto-continue" defaultValue={false} className="col-span-2" />
        <TextField path={[...path, "audience"]} label="Audience" optional placeholder="who this wave reaches" className="col-span-2" />
        <ListField path={[...path, "signoffs"]} label="Sign-offs" className="col-span-2" />
      </div>
      <ChecklistEditor path={[...path, "checklist"]} title="Checklist" />
      <GuardrailsEditor path={[...path, "guardrails"]} title="Guardrails of this wave" />
    </li>
  );
}
