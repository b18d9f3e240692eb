// Overall health as icon + word; CRITICAL is filled so it reads from across a room. No data is its own state (never
// HEALTHY), and a rolled-back release reads as what it is: safe, with no traffic on the new version.
import type { ReactNode } from "react";
import { CheckCircleIcon, CriticalIcon, QuestionIcon, RollbackIcon, WarningIcon } from "./icons";

const HEALTH: Record<string, { label: string; tone: string; icon: (cls: string) => ReactNode; title: string }> = {
  HEALTHY: {
    label: "HEALTHY",
    tone: "border-emerald-600 text-emerald-800 bg-emerald-50 dark:border-emerald-500 dark:text-emerald-300 dark:bg-emerald-950/40",
    icon: (c) => <CheckCircleIcon className={c} />,
    title: "Every guardrail was judged on live data and none is breached",
  },
  WARNING: {
    label: "WARNING",
    tone: "border-amber-500 text-amber-900 bg-amber-50 dark:border-amber-400 dark:text-amber-200 dark:bg-amber-950/40",
    icon: (c) => <WarningIcon className={c} />,
    title: "A guardrail is past its warning level",
  },
  CRITICAL: {
    label: "CRITICAL",
    tone: "border-red-700 bg-red-700 text-white dark:border-red-500 dark:bg-red-600",
    icon: (c) => <CriticalIcon className={c} />,
    title: "A guardrail is past its critical level",
  },
  NO_DATA: {
    label: "NO DATA",
    tone: "border-dashed border-zinc-400 text-zinc-700 bg-zinc-100 dark:border-zinc-500 dark:text-zinc-300 dark:bg-zinc-900",
    icon: (c) => <QuestionIcon className={c} />,
    title: "Nothing to judge yet: guardrails are judged on live canary data once the release runs",
  },
  SAFE: {
    label: "SAFE · NO TRAFFIC",
    tone: "border-zinc-500 text-zinc-900 bg-white dark:border-zinc-400 dark:text-zinc-100 dark:bg-zinc-900",
    icon: (c) => <RollbackIcon className={c} />,
    title: "Rolled back: no traffic reaches the new version; its alerts closed with the run",
  },
};

const SIZES = {
  sm: { box: "px-2 py-0.5 text-xs gap-1 rounded border", icon: "size-3.5" },
  md: { box: "px-3 py-1 text-sm gap-1.5 rounded-md border-2", icon: "size-4" },
  lg: { box: "px-4 py-1.5 text-xl gap-2 rounded-md border-2", icon: "size-5" },
  xl: { box: "px-[0.45em] py-[0.12em] text-[clamp(1.6rem,3.4vw,3.8rem)] gap-[0.3em] rounded-xl border-4", icon: "size-[0.85em]" },
} as const;

/** What the badge shows: the API already says SAFE for a rolled-back release (lib/releases/core/release-health);
 * this keeps a view from before that rule reading the same way. */
export function shownHealth(health: string, status?: string): string {
  return status === "rolled_back" && health !== "CRITICAL" ? "SAFE" : health;
}

export function HealthBadge({ health, status, size = "md", testId }: { health: string; status?: string; size?: keyof typeof SIZES; testId?: string }) {
  const shown = shownHealth(health, status);
  const h = HEALTH[shown] ?? HEALTH.NO_DATA;
  const z = SIZES[size];
  return (
    <span
      data-testid={testId}
      data-health={health}
      data-shown={shown}
      title={h.title}
      className={`inline-flex items-center font-bold tracking-wide whitespace-nowrap ${h.tone} ${z.box}`}
    >
      {h.icon(z.icon)}
      <span>{h.label}</span>
    </span>
  );
}
