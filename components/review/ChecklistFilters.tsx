// Narrow the checklist to one owner and/or one state, e.g. "what does Product Manager still owe".
"use client";
import { useId } from "react";
import { NO_FILTER, type ChecklistFilter, type StateFilter } from "@/lib/releases/client/review-checklist";
import { Button } from "../ui/Button";
import { selectClass } from "./review-styles";

const STATE_OPTIONS: { value: StateFilter; label: string }[] = [
  { value: "all", label: "All states" },
  { value: "needs_action", label: "Needs action (open or not met)" },
  { value: "open", label: "Open" },
  { value: "met", label: "Met" },
  { value: "not_met", label: "Not met" },
  { value: "waived", label: "Waived" },
];

export function ChecklistFilters({
  owners,
  filter,
  onChange,
  shown,
  total,
}: {
  owners: string[];
  filter: ChecklistFilter;
  onChange: (next: ChecklistFilter) => void;
  shown: number;
  total: number;
}) {
  const ownerId = useId();
  const stateId = useId();
  const active = filter.owner !== "" || filter.state !== "all";
  return (
    <div className="flex flex-wrap items-end gap-x-3 gap-y-2 print:hidden">
      <div className="flex min-w-[12rem] flex-1 flex-col gap-1 sm:flex-none">
        <label htmlFor={ownerId} className="text-xs font-semibold text-zinc-600 dark:text-zinc-400">
          Owner role
        </label>
        <select
          id={ownerId}
          data-testid="filter-owner"
          value={filter.owner}
          onChange={(e) => onChange({ ...filter, owner: e.target.value })}
          className={selectClass}
        >
          <option value="">All owners</option>
          {owners.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-w-[12rem] flex-1 flex-col gap-1 sm:flex-none">
        <label htmlFor={stateId} className="text-xs font-semibold text-zinc-600 dark:text-zinc-400">
          State
        </label>
        <select
          id={stateId}
          data-testid="filter-state"
          value={filter.state}
          onChange={(e) => onChange({ ...filter, state: e.target.value as StateFilter })}
          className={selectClass}
        >
          {STATE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="pb-2 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
        {active ? `Showing ${shown} of ${total} items` : `${total} items`}
      </p>
      {active ? (
        <Button size="sm" variant="ghost" className="mb-0.5" onClick={() => onChange(NO_FILTER)} data-testid="filter-clear">
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
