// The release status, big and unmistakable: solid colour, icon and word, never colour alone.
import type { ReactNode } from "react";
import { DraftIcon, FlagIcon, PauseIcon, PlayIcon, RollbackIcon } from "./icons";

const STATUS: Record<string, { label: string; tone: string; icon: (cls: string) => ReactNode }> = {
  draft: {
    label: "DRAFT",
    tone: "bg-zinc-200 text-zinc-800 ring-1 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-700",
    icon: (c) => <DraftIcon className={c} />,
  },
  running: { label: "RUNNING", tone: "bg-sky-700 text-white dark:bg-sky-500 dark:text-zinc-950", icon: (c) => <PlayIcon className={c} /> },
  paused: { label: "PAUSED", tone: "bg-amber-400 text-zinc-950", icon: (c) => <PauseIcon className={c} /> },
  // Plan v2: at 100% and still watched; not finished until the observation ends.
  hypercare: { label: "HYPERCARE", tone: "bg-teal-700 text-white dark:bg-teal-500 dark:text-zinc-950", icon: (c) => <FlagIcon className={c} /> },
  completed: { label: "COMPLETED", tone: "bg-emerald-700 text-white dark:bg-emerald-500 dark:text-zinc-950", icon: (c) => <FlagIcon className={c} /> },
  rolled_back: { label: "ROLLED BACK", tone: "bg-red-700 text-white dark:bg-red-600", icon: (c) => <RollbackIcon className={c} /> },
};

const SIZES = {
  sm: { box: "px-2 py-0.5 text-xs gap-1 rounded", icon: "size-3.5" },
  md: { box: "px-3 py-1 text-sm gap-1.5 rounded-md", icon: "size-4" },
  lg: { box: "px-4 py-1.5 text-xl gap-2 rounded-md", icon: "size-5" },
  xl: { box: "px-[0.45em] py-[0.12em] text-[clamp(2rem,4.5vw,5rem)] gap-[0.3em] rounded-xl", icon: "size-[0.8em]" },
} as const;

export function statusLabel(status: string): string {
  return STATUS[status]?.label ?? status.toUpperCase().replace(/_/g, " ");
}

export function StatusBadge({ status, size = "md", testId }: { status: string; size?: keyof typeof SIZES; testId?: string }) {
  const s = STATUS[status] ?? STATUS.draft;
  const z = SIZES[size];
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center font-bold tracking-wide whitespace-nowrap ${s.tone} ${z.box}`}
    >
      {s.icon(z.icon)}
      <span>{statusLabel(status)}</span>
    </span>
  );
}
