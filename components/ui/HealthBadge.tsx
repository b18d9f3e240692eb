// Overall health as icon + word; CRITICAL is filled so it reads from across a room.
import type { ReactNode } from "react";
import { CheckCircleIcon, CriticalIcon, WarningIcon } from "./icons";

const HEALTH: Record<string, { tone: string; icon: (cls: string) => ReactNode }> = {
  HEALTHY: {
    tone: "border-emerald-600 text-emerald-800 bg-emerald-50 dark:border-emerald-500 dark:text-emerald-300 dark:bg-emerald-950/40",
    icon: (c) => <CheckCircleIcon className={c} />,
  },
  WARNING: {
    tone: "border-amber-500 text-amber-900 bg-amber-50 dark:border-amber-400 dark:text-amber-200 dark:bg-amber-950/40",
    icon: (c) => <WarningIcon className={c} />,
  },
  CRITICAL: { tone: "border-red-700 bg-red-700 text-white dark:border-red-500 dark:bg-red-600", icon: (c) => <CriticalIcon className={c} /> },
};

const SIZES = {
  sm: { box: "px-2 py-0.5 text-xs gap-1 rounded border", icon: "size-3.5" },
  md: { box: "px-3 py-1 text-sm gap-1.5 rounded-md border-2", icon: "size-4" },
  lg: { box: "px-4 py-1.5 text-xl gap-2 rounded-md border-2", icon: "size-5" },
  xl: { box: "px-[0.45em] py-[0.12em] text-[clamp(1.6rem,3.4vw,3.8rem)] gap-[0.3em] rounded-xl border-4", icon: "size-[0.85em]" },
} as const;

export function HealthBadge({ health, size = "md", testId }: { health: string; size?: keyof typeof SIZES; testId?: string }) {
  const h = HEALTH[health] ?? HEALTH.WARNING;
  const z = SIZES[size];
  return (
    <span
      data-testid={testId}
      data-health={health}
      className={`inline-flex items-center font-bold tracking-wide whitespace-nowrap ${h.tone} ${z.box}`}
    >
      {h.icon(z.icon)}
      <span>{health}</span>
    </span>
  );
}
