// The release status as a label, not a control: a tinted field with a coloured edge, "Status" spelled out, and an
// icon no button uses. Solid fills are kept for buttons (and for the wall screen, which has none).
import type { ReactNode } from "react";
import { CircleIcon, DraftIcon, FlagIcon, PauseIcon, PulseIcon, RollbackIcon } from "./icons";

const STATUS: Record<string, { label: string; tint: string; solid: string; icon: (cls: string) => ReactNode }> = {
  draft: {
    label: "DRAFT",
    tint: "border-zinc-300 border-l-zinc-500 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:border-l-zinc-400 dark:bg-zinc-900 dark:text-zinc-200",
    solid: "bg-zinc-200 text-zinc-800 ring-1 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-700",
    icon: (c) => <DraftIcon className={c} />,
  },
  running: {
    label: "RUNNING",
    tint: "border-sky-200 border-l-sky-600 bg-sky-50 text-sky-950 dark:border-sky-900 dark:border-l-sky-400 dark:bg-sky-950/40 dark:text-sky-100",
    solid: "bg-sky-700 text-white dark:bg-sky-500 dark:text-zinc-950",
    icon: (c) => <PulseIcon className={c} />,
  },
  paused: {
    label: "PAUSED",
    tint: "border-amber-300 border-l-amber-500 bg-amber-50 text-amber-950 dark:border-amber-800 dark:border-l-amber-400 dark:bg-amber-950/40 dark:text-amber-100",
    solid: "bg-amber-400 text-zinc-950",
    icon: (c) => <PauseIcon className={c} />,
  },
  // Plan v2: at 100% and still watched; not finished until the observation ends.
  hypercare: {
    label: "HYPERCARE",
    tint: "border-teal-200 border-l-teal-600 bg-teal-50 text-teal-950 dark:border-teal-900 dark:border-l-teal-400 dark:bg-teal-950/40 dark:text-teal-100",
    solid: "bg-teal-700 text-white dark:bg-teal-500 dark:text-zinc-950",
    icon: (c) => <FlagIcon className={c} />,
  },
  completed: {
    label: "COMPLETED",
    tint: "border-emerald-200 border-l-emerald-600 bg-emerald-50 text-emerald-950 dark:border-emerald-900 dark:border-l-emerald-400 dark:bg-emerald-950/40 dark:text-emerald-100",
    solid: "bg-emerald-700 text-white dark:bg-emerald-500 dark:text-zinc-950",
    icon: (c) => <FlagIcon className={c} />,
  },
  rolled_back: {
    label: "ROLLED BACK",
    tint: "border-zinc-300 border-l-red-600 bg-zinc-50 text-zinc-900 dark:border-zinc-700 dark:border-l-red-500 dark:bg-zinc-900 dark:text-zinc-100",
    solid: "bg-zinc-800 text-white ring-2 ring-red-600 dark:bg-zinc-200 dark:text-zinc-950",
    icon: (c) => <RollbackIcon className={c} />,
  },
};

const SIZES = {
  sm: { box: "pl-1.5 pr-2 py-0.5 text-xs gap-1 rounded-sm border border-l-4", icon: "size-3.5", caption: false },
  md: { box: "pl-2 pr-3 py-1 text-sm gap-1.5 rounded-sm border border-l-4", icon: "size-4", caption: false },
  lg: { box: "pl-2.5 pr-3.5 py-1 text-lg gap-2 rounded-sm border border-l-[6px]", icon: "size-5", caption: true },
  xl: { box: "px-[0.45em] py-[0.12em] text-[clamp(2rem,4.5vw,5rem)] gap-[0.3em] rounded-xl", icon: "size-[0.8em]", caption: false },
} as const;

export function statusLabel(status: string): string {
  return STATUS[status]?.label ?? status.toUpperCase().replace(/_/g, " ");
}

export function StatusBadge({ status, size = "md", testId }: { status: string; size?: keyof typeof SIZES; testId?: string }) {
  const s = STATUS[status] ?? { ...STATUS.draft, icon: (c: string) => <CircleIcon className={c} /> };
  const z = SIZES[size];
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center font-bold tracking-wide whitespace-nowrap select-none ${size === "xl" ? s.solid : s.tint} ${z.box}`}
    >
      {z.caption ? <span className="text-[0.6em] font-semibold tracking-wider opacity-70">STATUS</span> : <span className="sr-only">Status: </span>}
      {s.icon(z.icon)}
      <span>{statusLabel(status)}</span>
    </span>
  );
}
