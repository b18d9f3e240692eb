// One release on the overview; the whole row opens its board (one real link, stretched over the row).
import Link from "next/link";
import { formatElapsed } from "@/lib/platform/browser/format-time";
import type { ReleaseSummary } from "@/lib/releases/client/types";
import { focusRing } from "../ui/Button";
import { HealthBadge } from "../ui/HealthBadge";
import { StatusBadge } from "../ui/StatusBadge";
import { StageMap } from "../stages/StageMap";

export const ROW_GRID =
  "md:grid md:grid-cols-[minmax(14rem,2fr)_9rem_minmax(9rem,1.2fr)_4.5rem_7.5rem_6.5rem_minmax(8rem,1fr)] md:items-center md:gap-4";

function waveText(r: ReleaseSummary): string {
  if (r.stages) {
    const now = r.stages.current;
    if (now) return `${now.name} (${now.environment}): ${now.label}`;
    return r.stages.next ? `Next: ${r.stages.next.name}` : "All stages done";
  }
  if (r.tracks) return r.tracks.join(" · ");
  if (r.status === "draft") return `Not started · ${r.waveCount} wave${r.waveCount === 1 ? "" : "s"}`;
  if (r.status === "rolled_back") return `Rolled back from wave ${r.currentWaveIndex + 1}/${r.waveCount}${r.waveName ? ` · ${r.waveName}` : ""}`;
  return `Wave ${r.currentWaveIndex + 1}/${r.waveCount}${r.waveName ? ` · ${r.waveName}` : ""}`;
}

export function ReleaseRow({ release: r, now }: { release: ReleaseSummary; now: number }) {
  const inWave = (r.status === "running" || r.status === "paused") && r.waveStartedAt;
  return (
    <li
      data-testid="release-row"
      data-release-id={r.id}
      className="relative flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 hover:bg-zinc-50 md:block dark:hover:bg-zinc-800/50"
    >
      <div className={`contents ${ROW_GRID}`}>
        <div className="w-full min-w-0 md:w-auto">
          <Link
            href={`/releases/${encodeURIComponent(r.id)}`}
            className={`block truncate rounded font-semibold text-zinc-900 after:absolute after:inset-0 hover:underline dark:text-zinc-50 ${focusRing}`}
          >
            {r.name}
          </Link>
          <div className="truncate text-xs text-zinc-500 dark:text-zinc-400">
            {r.service} <span className="font-mono">{r.serviceVersion}</span>
          </div>
          {r.incident ? (
            <div data-testid="row-incident" data-status={r.incident.status} className="truncate text-xs font-medium text-red-800 dark:text-red-300" title={r.incident.title}>
              Incident {r.incident.severity} · {r.incident.status}: {r.incident.title}
            </div>
          ) : null}
        </div>
        <div>
          <StatusBadge status={r.status} size="sm" />
        </div>
        <div className="truncate text-sm text-zinc-700 dark:text-zinc-300">{waveText(r)}</div>
        <div className="text-sm font-semibold tabular-nums md:text-right">
          <span className="md:hidden text-xs font-normal text-zinc-500">Traffic </span>
          {r.trafficPercent}%
        </div>
        <div>
          <HealthBadge health={r.health} status={r.status} size="sm" />
        </div>
        <div className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
          {inWave ? (
            <>
              <span className="md:hidden text-xs">In wave </span>
              {formatElapsed(now - new Date(r.waveStartedAt!).getTime())}
            </>
          ) : (
            <span className="hidden md:inline">—</span>
          )}
        </div>
        <div className="min-w-0 truncate text-sm text-zinc-600 dark:text-zinc-400" title={r.commander ?? undefined}>
          {r.commander ? (
            <>
              <span className="md:hidden text-xs">Commander </span>
              {r.commander}
            </>
          ) : (
            <span className="text-zinc-400 dark:text-zinc-500">No commander</span>
          )}
        </div>
      </div>
      {r.stages ? (
        // Below the row's columns: the stage map needs the row's width.
        <div className="w-full md:mt-2">
          <StageMap map={r.stages} />
        </div>
      ) : null}
    </li>
  );
}
