// The wall screen's line for the incident: its title and status only (the detail lives on the board and the report).
"use client";
import { useReleaseIncidents } from "@/lib/incidents/client/use-release-incidents";
import { IncidentStatusChip } from "../board/IncidentChips";

export function WallIncident({ releaseId }: { releaseId: string }) {
  const incidents = useReleaseIncidents(releaseId);
  const latest = incidents.data?.[0];
  if (!latest) return null;
  return (
    <section
      aria-label="Incident"
      data-testid="wall-incident"
      data-status={latest.status}
      className={`flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border-l-8 px-[1.5vw] py-[1.2vh] ${latest.status === "resolved" ? "border-emerald-500 bg-emerald-50 dark:bg-emerald-950/30" : "border-red-600 bg-red-50 dark:bg-red-950/40"}`}
    >
      <span className="text-[clamp(0.9rem,1.3vw,1.5rem)] font-semibold tracking-wider text-zinc-600 uppercase dark:text-zinc-300">Incident</span>
      <IncidentStatusChip status={latest.status} large />
      <span className="min-w-0 flex-[1_1_16rem] text-[clamp(1.1rem,2vw,2.4rem)] font-bold break-words" data-testid="wall-incident-title">
        {latest.title}
      </span>
    </section>
  );
}
