// What the CLI prints for people (the --json output is the API's own shapes, unchanged).
import { trackLine, trackNames } from "../releases/core/track-line";
import { describeEvent } from "../releases/client/describe-event";
import { formatClock, formatElapsed } from "../platform/browser/format-time";
import type { EventView, ReleaseSummary, ReleaseView } from "../releases/client/types";
import { HEALTH_LABEL, type Health } from "../releases/core/release-health";

/** The same words as the screens' badge (a rolled-back release reads "SAFE · NO TRAFFIC" everywhere). */
const healthLabel = (h: string) => HEALTH_LABEL[h as Health] ?? h;

const STATUS_LABEL: Record<string, string> = {
  draft: "DRAFT",
  running: "RUNNING",
  paused: "PAUSED",
  completed: "COMPLETED",
  rolled_back: "ROLLED BACK",
};

export const statusLabel = (status: string) => STATUS_LABEL[status] ?? status.toUpperCase();

/** "wave 2/4 "Early adopters" · 25% traffic", or where a rolled-back release stopped. */
export function wavePhrase(r: { status: string; currentWaveIndex: number; trafficPercent: number }, waveCount: number, waveName?: string | null): string {
  const wave = `wave ${r.currentWaveIndex + 1}/${waveCount}${waveName ? ` "${waveName}"` : ""}`;
  if (r.status === "draft") return `not started (${waveCount} waves)`;
  if (r.status === "rolled_back") return `rolled back from ${wave} · 0% traffic`;
  if (r.status === "completed") return `all ${waveCount} waves · 100% traffic`;
  return `${wave} · ${r.trafficPercent}% traffic`;
}

/** One event per line: "14:03:27  #17  token:deploy  promoted to wave 2 "Half" (10% → 50%)  — reason". */
export function formatEvent(e: EventView, now = Date.now()): string {
  const reason = e.reason ? `  — ${e.reason}` : "";
  return `${formatClock(e.at, now)}  #${e.seq}  ${e.actor}  ${describeEvent(e)}${reason}`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ")).join("\n");
}

export function formatReleaseList(releases: ReleaseSummary[]): string {
  if (releases.length === 0) return "No releases yet. Create one: tidegate create --plan plan.json";
  const rows = releases.map((r) => [
    r.id,
    r.name,
    `${r.service} ${r.serviceVersion}`,
    statusLabel(r.status),
    r.status === "draft" || r.waveCount === 0 ? "-" : `${r.currentWaveIndex + 1}/${r.waveCount}`, // 0 waves: a programme (its tracks have them)
    `${r.trafficPercent}%`,
    healthLabel(r.health),
  ]);
  return table([["ID", "NAME", "SERVICE", "STATUS", "WAVE", "TRAFFIC", "HEALTH"], ...rows]);
}

export function formatReleaseDetail(r: ReleaseView, now = Date.now()): string {
  const wave = r.waves[r.currentWaveIndex];
  const since = r.waveStartedAt && (r.status === "running" || r.status === "paused") ? ` · in this wave ${formatElapsed(now - Date.parse(r.waveStartedAt))}` : "";
  const lines = [
    `${r.name}  (${r.service} ${r.serviceVersion})`,
    `  id        ${r.id}`,
    `  status    ${statusLabel(r.status)} · ${r.tracks ? `a programme of ${r.tracks.length} tracks` : `${wavePhrase(r, r.waves.length, wave?.name)}${since}`}`,
    `  health    ${healthLabel(r.health)}${r.alerts.length ? "" : " (no open alerts)"}`,
    ...r.alerts.map((a) => `            ${a.level.toUpperCase()} ${a.metric}: ${a.detail}${a.acknowledgedBy ? ` (acknowledged by ${a.acknowledgedBy})` : ""}`),
  ];
  // Issue 22: a programme prints each track on its own line, with what blocks it.
  if (r.tracks) {
    const names = trackNames(r.tracks);
    lines.push("  tracks");
    for (const t of r.tracks) {
      lines.push(`            ${t.key.padEnd(Math.max(...r.tracks.map((x) => x.key.length)))}  ${trackLine(t, names)}  [${statusLabel(t.status)}${t.allowedActions.length ? `; ${t.allowedActions.join(", ")}` : ""}]`);
      if (t.gate && !t.gate.open) for (const u of t.gate.unmet) lines.push(`              - ${u.message}`);
    }
  }
  if (r.gate) {
    const action = r.gate.action.toUpperCase();
    lines.push(`  gate      ${r.gate.open ? `${action} is open` : `${action} is blocked:`}`);
    for (const u of r.gate.unmet) lines.push(`            - ${u.message}`);
  }
  lines.push(`  actions   ${r.allowedActions.length ? r.allowedActions.join(", ") : "none (the release has ended)"}`);
  if (r.commander) lines.push(`  commander ${r.commander}`);
  lines.push(`  version   ${r.version} (last event #${r.lastSeq})`);
  return lines.join("\n");
}

const PAST: Record<string, string> = {
  start: "Started",
  continue: "Continued",
  pause: "Paused",
  resume: "Resumed",
  rollback: "Rolled back",
  retry: "Retried",
};

/** "Continued "Checkout v2": RUNNING · wave 2/4 · 25% traffic (version 9)". */
export function formatActionDone(action: string, r: ReleaseView): string {
  if (r.tracks) {
    const names = trackNames(r.tracks);
    return `${PAST[action] ?? action} "${r.name}": ${statusLabel(r.status)} · ${r.tracks.map((t) => trackLine(t, names)).join(", ")} (version ${r.version})`;
  }
  const wave = r.waves[r.currentWaveIndex];
  return `${PAST[action] ?? action} "${r.name}": ${statusLabel(r.status)} · ${wavePhrase(r, r.waves.length, wave?.name)} (version ${r.version})`;
}
