// How a wave is named and what state it is in, in words (the review page never relies on colour alone).
import type { WaveView } from "@/lib/releases/client/types";

export function waveTitle(w: Pick<WaveView, "index" | "name" | "trafficPercent">): string {
  return `Wave ${w.index + 1} · ${w.name} · ${w.trafficPercent}%`;
}

const WAVE_STATUS: Record<string, string> = {
  done: "Done",
  active: "Active",
  paused: "Paused",
  rolled_back: "Rolled back",
  pending: "Pending",
};

export function waveStatusLabel(status: string): string {
  return WAVE_STATUS[status] ?? status.replace(/_/g, " ");
}
