// Rollback levels in the plan form, quickest first (flag off, config, code, data): name, scope, time objective and
// the ordered steps (text, command, owner) shown as a checklist on the board when that level is chosen.
"use client";
import { getIn, type PlanPath } from "@/lib/plans/edit/update-in";
import { DurationField, SelectField, TextField } from "./FormFields";
import { AddButton, ItemControls, ItemRow } from "./ItemControls";
import { usePlanForm } from "./plan-form-context";

const LEVELS: PlanPath = ["rollback", "levels"];
const listOf = (value: unknown) => (Array.isArray(value) ? value : []);

export function RollbackEditor() {
  const form = usePlanForm();
  const levels = listOf(getIn(form.plan, LEVELS));
  return (
    <div className="flex flex-col gap-3" data-testid="form-rollback">
      {levels.length === 0 ? <p className="text-sm text-zinc-500 dark:text-zinc-400">No levels yet: ROLLBACK still works, with no steps to follow.</p> : null}
      <ol className="flex flex-col gap-3">
        {levels.map((_, k) => (
          <RollbackLevel key={k} index={k} count={levels.length} />
        ))}
      </ol>
      <AddButton label="Add rollback level" testId="add-rollback-level" onClick={() => form.append(LEVELS, { name: `Level ${levels.length + 1}`, scope: "release", steps: [] })} />
    </div>
  );
}

function RollbackLevel({ index, count }: { index: number; count: number }) {
  const form = usePlanForm();
  const path: PlanPath = [...LEVELS, index];
  const steps = listOf(getIn(form.plan, [...path, "steps"]));
  return (
    <li className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid="form-rollback-level">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-zinc-500 dark:text-zinc-400">Level {index + 1}</h3>
        <ItemControls listPath={LEVELS} index={index} count={count} noun="rollback level" />
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <TextField path={[...path, "name"]} label="Name" className="col-span-2" />
        <SelectField path={[...path, "scope"]} label="Scope" options={["release", "flag", "data"]} emptyLabel="release (default)" />
        <DurationField path={[...path, "objectiveSeconds"]} label="Within" placeholder="no objective" />
      </div>
      {steps.length > 0 ? (
        <ol className="flex flex-col gap-2" aria-label={`Steps of level ${index + 1}`}>
          {steps.map((_, m) => (
            <ItemRow key={m} number={m + 1} controls={<ItemControls listPath={[...path, "steps"]} index={m} count={steps.length} noun="step" />}>
              <div className="grid grid-cols-2 gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,1.5fr)_minmax(0,1.2fr)]">
                <TextField path={[...path, "steps", m, "text"]} label="Step" className="col-span-2 sm:col-span-1" />
                <TextField path={[...path, "steps", m, "command"]} label="Command" optional mono placeholder="none" />
                <TextField path={[...path, "steps", m, "ownerRole"]} label="Owner role" optional placeholder="unassigned" list="plan-roles" />
              </div>
            </ItemRow>
          ))}
        </ol>
      ) : null}
      <AddButton label="Add step" testId={`add-step-${index}`} onClick={() => form.append([...path, "steps"], { text: "New step" })} />
    </li>
  );
}
