// Move up, move down and remove for one item of a list in the plan form, named for screen readers ("Move wave 2 up").
"use client";
import type { ReactNode } from "react";
import type { PlanPath } from "@/lib/plans/edit/update-in";
import { focusRing } from "../ui/Button";
import { CloseIcon } from "../ui/icons";
import { pathKey, usePlanForm } from "./plan-form-context";

const buttonClass = `inline-flex size-7 shrink-0 items-center justify-center rounded text-zinc-600 hover:bg-zinc-200 disabled:cursor-not-allowed disabled:opacity-35 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`;

export function ItemControls({ listPath, index, count, noun }: { listPath: PlanPath; index: number; count: number; noun: string }) {
  const form = usePlanForm();
  const name = `${noun} ${index + 1}`;
  const id = `${pathKey(listPath)}.${index}`;
  return (
    <div className="flex shrink-0 items-center gap-0.5">
      <button type="button" className={buttonClass} aria-label={`Move ${name} up`} title="Move up" data-testid={`move-up-${id}`} disabled={form.readOnly || index === 0} onClick={() => form.move(listPath, index, index - 1)}>
        <span aria-hidden="true">↑</span>
      </button>
      <button type="button" className={buttonClass} aria-label={`Move ${name} down`} title="Move down" data-testid={`move-down-${id}`} disabled={form.readOnly || index === count - 1} onClick={() => form.move(listPath, index, index + 1)}>
        <span aria-hidden="true">↓</span>
      </button>
      <button type="button" className={`${buttonClass} hover:text-red-700 dark:hover:text-red-400`} aria-label={`Remove ${name}`} title="Remove" data-testid={`remove-${id}`} disabled={form.readOnly} onClick={() => form.remove(listPath, index)}>
        <CloseIcon className="size-4" />
      </button>
    </div>
  );
}

/** "+ Add wave": appends (or inserts) through the caller. */
export function AddButton({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  const { readOnly } = usePlanForm();
  return (
    <button
      type="button"
      data-testid={testId}
      disabled={readOnly}
      onClick={onClick}
      className={`inline-flex h-8 items-center gap-1 self-start rounded-md border border-dashed border-zinc-400 px-3 text-sm font-medium text-zinc-700 hover:bg-zinc-100 disabled:opacity-45 dark:border-zinc-600 dark:text-zinc-200 dark:hover:bg-zinc-800 ${focusRing}`}
    >
      <span aria-hidden="true">+</span> {label}
    </button>
  );
}

/**
 * One item of a list: its number, its fields and its controls. On a phone the number and controls sit above the
 * fields so the fields get the full width; from `sm` up they share one row.
 */
export function ItemRow({ number, controls, children, testId }: { number: number; controls: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <li data-testid={testId} className="flex flex-col gap-1 border-b border-zinc-100 pb-2 last:border-b-0 last:pb-0 sm:flex-row sm:items-start sm:gap-2 dark:border-zinc-800/70">
      <div className="flex items-center justify-between sm:contents">
        <span className="w-5 shrink-0 text-xs text-zinc-500 tabular-nums sm:mt-6 sm:text-right dark:text-zinc-400">{number}</span>
        <div className="sm:order-last sm:mt-5">{controls}</div>
      </div>
      <div className="min-w-0 flex-1">{children}</div>
    </li>
  );
}
