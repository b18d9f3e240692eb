// Severity and status of an incident as words on tinted chips (colour is never the only signal).
import type { IncidentStatus, Severity } from "@/lib/incidents/core/incident";

const SEVERITY: Record<Severity, string> = {
  P0: "bg-red-700 text-white dark:bg-red-600",
  P1: "bg-red-100 text-red-900 dark:bg-red-950/70 dark:text-red-200",
  P2: "bg-amber-100 text-amber-900 dark:bg-amber-950/70 dark:text-amber-200",
  P3: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
};

const STATUS: Record<IncidentStatus, string> = {
  investigating: "border-red-400 text-red-800 dark:border-red-700 dark:text-red-300",
  mitigating: "border-amber-400 text-amber-900 dark:border-amber-600 dark:text-amber-200",
  resolved: "border-emerald-500 text-emerald-800 dark:border-emerald-700 dark:text-emerald-300",
};

export function SeverityChip({ severity, large = false }: { severity: Severity; large?: boolean }) {
  return (
    <span data-testid="incident-severity" className={`inline-flex shrink-0 items-center rounded font-bold ${large ? "px-2.5 py-1 text-xl" : "px-1.5 py-0.5 text-xs"} ${SEVERITY[severity]}`}>
      {severity}
    </span>
  );
}

export function IncidentStatusChip({ status, large = false }: { status: IncidentStatus; large?: boolean }) {
  return (
    <span data-testid="incident-status" className={`inline-flex shrink-0 items-center rounded border font-semibold tracking-wide uppercase ${large ? "px-2.5 py-1 text-xl" : "px-1.5 py-0.5 text-xs"} ${STATUS[status]}`}>
      {status}
    </span>
  );
}
