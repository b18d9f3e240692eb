// A checklist in the plan form (pre-deployment, a wave's, hypercare's): items with their text, owner role (optional:
// unowned items count toward the commander), group heading and whether they are required.
"use client";
import { getIn, type PlanPath } from "@/lib/plans/edit/update-in";
import { CheckField, TextField } from "./FormFields";
import { AddButton, ItemControls, ItemRow } from "./ItemControls";
import { pathKey, usePlanForm } from "./plan-form-context";

export function ChecklistEditor({ path, title, open = false }: { path: PlanPath; title: string; open?: boolean }) {
  const form = usePlanForm();
  const list = getIn(form.plan, path);
  const items = Array.isArray(list) ? list : [];
  return (
    <details open={open} className="group rounded-md border border-zinc-200 dark:border-zinc-800" data-testid={`checklist-${pathKey(path)}`}>
      <summary className="cursor-pointer px-3 py-1.5 text-sm font-semibold select-none">
        {title} <span className="font-normal text-zinc-500 dark:text-zinc-400">· {items.length === 0 ? "none" : `${items.length} item${items.length === 1 ? "" : "s"}`}</span>
      </summary>
      <div className="flex flex-col gap-2 border-t border-zinc-200 px-3 py-2 dark:border-zinc-800">
        {items.length > 0 ? (
          <ol className="flex flex-col gap-2">
            {items.map((_, k) => (
              <ItemRow key={k} number={k + 1} controls={<ItemControls listPath={path} index={k} count={items.length} noun="item" />}>
                <div className="grid grid-cols-2 gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]">
                  <TextField path={[...path, k, "text"]} label="Item" className="col-span-2 sm:col-span-3" />
                  <TextField path={[...path, k, "ownerRole"]} label="Owner role" optional placeholder="unassigned" list="plan-roles" />
                  <TextField path={[...path, k, "group"]} label="Group" optional placeholder="none" />
                  <CheckField path={[...path, k, "required"]} label="Required" defaultValue={true} />
                </div>
              </ItemRow>
            ))}
          </ol>
        ) : null}
        <AddButton label="Add item" testId={`add-item-${pathKey(path)}`} onClick={() => form.append(path, { text: "New item" })} />
      </div>
    </details>
  );
}
