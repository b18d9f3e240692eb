// A metric's guardrail level as a word with an icon, so colour is never the only signal.
import type { ReactNode } from "react";
import type { MetricLevel } from "@/lib/releases/client/types";
import { CheckCircleIcon, CriticalIcon, QuestionIcon, RollbackIcon, WarningIcon } from "./icons";

export const LEVEL: Record<MetricLevel, { label: string; chip: string; edge: string; icon: ReactNode }> = {
  ok: {
    label: "OK",
    chip: "text-emerald-800 bg-emerald-100 dark:text-emerald-300 dark:bg-emerald-950/60",
    edge: "border-l-emerald-500",
    icon: <CheckCircleIcon className="size-3.5" />,
  },
  warning: {
    label: "WARNING",
    chip: "text-amber-900 bg-amber-100 dark:text-amber-200 dark:bg-amber-950/60",
    edge: "border-l-amber-400",
    icon: <WarningIcon className="size-3.5" />,
  },
  critical: {
    label: "CRITICAL",
    chip: "text-white bg-red-700 dark:bg-red-600",
    edge: "border-l-red-600",
    icon: <CriticalIcon className="size-3.5" />,
  },
  inconclusive: {
    label: "NO DATA",
    chip: "text-zinc-700 bg-zinc-200 dark:text-zinc-300 dark:bg-zinc-800",
    edge: "border-l-zinc-400",
    icon: <QuestionIcon className="size-3.5" />,
  },
  no_traffic: {
    label: "NO TRAFFIC",
    chip: "text-zinc-900 bg-white ring-1 ring-zinc-500 dark:text-zinc-100 dark:bg-zinc-900",
    edge: "border-l-zinc-500",
    icon: <RollbackIcon className="size-3.5" />,
  },
};

export function LevelChip({ level }: { level: MetricLevel }) {
  const l = LEVEL[level] ?? LEVEL.inconclusive;
  return (
    <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-bold tracking-wide ${l.chip}`}>
      {l.icon}
      {l.label}
    </span>
  );
}
