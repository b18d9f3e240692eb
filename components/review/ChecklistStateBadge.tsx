// A checklist item's state as icon + word, so it reads without colour (and on a black-and-white printout).
import type { ReactNode } from "react";
import type { ChecklistState } from "@/lib/releases/core/gates";
import { CheckCircleIcon, CircleIcon, CriticalIcon, ShieldAlertIcon } from "../ui/icons";

export const STATE_META: Record<ChecklistState, { label: string; tone: string; icon: ReactNode }> = {
  met: {
    label: "Met",
    tone: "text-emerald-800 bg-emerald-100 dark:text-emerald-300 dark:bg-emerald-950/60",
    icon: <CheckCircleIcon className="size-3.5" />,
  },
  not_met: {
    label: "Not met",
    tone: "text-red-800 bg-red-100 dark:text-red-300 dark:bg-red-950/60",
    icon: <CriticalIcon className="size-3.5" />,
  },
  waived: {
    label: "Waived",
    tone: "text-amber-900 bg-amber-100 dark:text-amber-200 dark:bg-amber-950/60",
    icon: <ShieldAlertIcon className="size-3.5" />,
  },
  open: {
    label: "Open",
    tone: "text-zinc-700 bg-zinc-100 ring-1 ring-inset ring-zinc-300 dark:text-zinc-300 dark:bg-zinc-800 dark:ring-zinc-700",
    icon: <CircleIcon className="size-3.5" />,
  },
};

export function ChecklistStateBadge({ state }: { state: ChecklistState }) {
  const s = STATE_META[state];
  return (
    <span
      data-testid="checklist-state"
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-bold tracking-wide whitespace-nowrap print:border print:border-zinc-500 ${s.tone}`}
    >
      {s.icon}
      {s.label}
    </span>
  );
}
