// One audit event: when, who (and as what), what happened, why, and the state before and after.
import { describeEvent, snapshotOf } from "@/lib/releases/client/describe-event";
import { formatClock } from "@/lib/platform/browser/format-time";
import type { EventView } from "@/lib/releases/client/types";
import { CriticalIcon, ShieldAlertIcon, WarningIcon } from "../ui/icons";
import { statusLabel } from "../ui/StatusBadge";

function stateText(v: unknown): string | null {
  const s = snapshotOf(v);
  if (!s || s.status === undefined) return null;
  return `${statusLabel(s.status)} · W${(s.currentWaveIndex ?? 0) + 1} · ${s.trafficPercent ?? 0}%`;
}

const FLAG: Record<string, { label: string; className: string; edge: string }> = {
  override: {
    label: "OVERRIDE",
    className: "bg-amber-400 text-zinc-950",
    edge: "border-l-amber-400 bg-amber-50/70 dark:bg-amber-950/20",
  },
  breach: { label: "BREACH", className: "bg-red-700 text-white", edge: "border-l-red-600" },
  escalated: { label: "ESCALATED", className: "bg-red-700 text-white", edge: "border-l-red-600" },
  rolled_back: { label: "ROLLBACK", className: "bg-red-700 text-white", edge: "border-l-red-600" },
  stepped_back: { label: "STEP BACK", className: "bg-amber-400 text-zinc-950", edge: "border-l-amber-400" },
  trigger_declared: { label: "TRIGGER", className: "bg-red-700 text-white", edge: "border-l-red-600" },
  rollback_alert: { label: "ROLLBACK ALERT", className: "bg-red-700 text-white", edge: "border-l-red-600" },
  wave_overdue: { label: "OVERDUE", className: "bg-amber-400 text-zinc-950", edge: "border-l-amber-400" },
};

export function TimelineEntry({ event: e, now }: { event: EventView; now: number }) {
  const before = stateText(e.before);
  const after = stateText(e.after);
  const flag = FLAG[e.type];
  return (
    <li
      data-testid="timeline-event"
      data-seq={e.seq}
      data-type={e.type}
      className={`border-l-4 py-2 pr-1 pl-3 ${flag?.edge ?? "border-l-zinc-200 dark:border-l-zinc-700"}`}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-zinc-500 dark:text-zinc-400">
        <time dateTime={e.at} className="tabular-nums">
          {formatClock(e.at, now)}
        </time>
        <span className="font-semibold text-zinc-800 dark:text-zinc-200">{e.actor}</span>
        {e.actorRole ? <span>({e.actorRole})</span> : null}
        {flag ? (
          <span className={`inline-flex items-center gap-1 rounded px-1.5 text-[11px] font-bold ${flag.className}`}>
            {e.type === "override" ? (
              <ShieldAlertIcon className="size-3" />
            ) : e.type === "breach" && e.data?.level === "warning" ? (
              <WarningIcon className="size-3" />
            ) : (
              <CriticalIcon className="size-3" />
            )}
            {flag.label}
          </span>
        ) : null}
        {e.data?.automatic ? (
          <span className="rounded bg-zinc-200 px-1.5 text-[11px] font-bold text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100">AUTOMATIC</span>
        ) : null}
        <span className="ml-auto tabular-nums">#{e.seq}</span>
      </div>
      <p className="text-sm break-words">{describeEvent(e)}</p>
      {e.reason ? <p className="text-sm break-words text-zinc-700 italic dark:text-zinc-300">“{e.reason}”</p> : null}
      {before && after && before !== after ? (
        <p className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {before} → {after}
        </p>
      ) : null}
    </li>
  );
}
