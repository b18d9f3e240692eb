// Hypercare in the plan form: the observation phase after the last wave, with its duration, sign-offs and checklist.
"use client";
import { getIn } from "@/lib/plans/edit/update-in";
import { Button } from "../ui/Button";
import { ChecklistEditor } from "./ChecklistEditor";
import { DurationField, ListField } from "./FormFields";
import { AddButton } from "./ItemControls";
import { usePlanForm } from "./plan-form-context";

export function HypercareEditor() {
  const form = usePlanForm();
  const hypercare = getIn(form.plan, ["hypercare"]);
  if (hypercare === undefined) {
    return (
      <div className="flex flex-col gap-2">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">None: the release completes when the last wave is continued.</p>
        <AddButton label="Add hypercare" testId="add-hypercare" onClick={() => form.set(["hypercare"], { durationSeconds: 3 * 86400 })} />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2" data-testid="form-hypercare">
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <DurationField path={["hypercare", "durationSeconds"]} label="Observe for" optional={false} />
        <ListField path={["hypercare", "signoffs"]} label="Sign-offs" className="col-span-2 sm:col-span-3" />
      </div>
      <ChecklistEditor path={["hypercare", "checklist"]} title="Checklist" />
      <Button variant="ghost" size="sm" className="self-start" disabled={form.readOnly} onClick={() => form.set(["hypercare"], undefined)} data-testid="remove-hypercare">
        Remove hypercare
      </Button>
    </div>
  );
}
