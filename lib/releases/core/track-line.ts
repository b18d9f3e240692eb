// Issue 22: one line per programme track, as the wall screen and the CLI say it ("Search migration: 50 %",
// "Installation: waiting for Search migration").
export interface TrackLineInput {
  name: string;
  kind: "ramp" | "step";
  status: string;
  trafficPercent: number;
  waitingFor?: string;
  after?: { track?: string; tracks?: string[] } | null;
}

export function trackState(track: TrackLineInput, names: ReadonlyMap<string, string>): string {
  if (track.status === "draft") {
    // Issue 25: a stage says what it waits for in its own words ("US: waiting for EU soak (1 h 12 min)").
    if (track.waitingFor?.startsWith(`${track.name}: `)) return track.waitingFor.slice(track.name.length + 2);
    const upstream = track.after?.track ?? track.after?.tracks?.[0] ?? "";
    if (track.waitingFor) return `waiting for ${names.get(upstream) ?? (upstream || "an earlier track")}`;
    return "ready to start";
  }
  if (track.status === "completed") return "done";
  if (track.status === "rolled_back") return "rolled back";
  const held = track.status === "paused" ? " (paused)" : "";
  return track.kind === "step" ? `in progress${held}` : `${track.trafficPercent} %${held}`;
}

export function trackLine(track: TrackLineInput, names: ReadonlyMap<string, string>): string {
  return `${track.name}: ${trackState(track, names)}`;
}

export const trackNames = (tracks: readonly { key: string; name: string }[]) => new Map(tracks.map((t) => [t.key, t.name]));
