// tidegate watch <release>: the release's events in the terminal as they happen (the last few first, for context),
// until interrupted. Survives dropped connections without losing or repeating an event.
import { request } from "../api";
import type { EventView, ReleaseView } from "../../releases/client/types";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { formatEvent, statusLabel, wavePhrase } from "../format";
import { followRelease } from "../live";
import { resolveReleaseId } from "../resolve-release";

export interface WatchOptions {
  /** How many past events to print before the live ones. */
  history: number;
}

export async function watch(ctx: CliContext, ref: string, options: WatchOptions): Promise<number> {
  const id = await resolveReleaseId(ctx.conn, ref);
  const release = await request<ReleaseView>(ctx.conn, "GET", `/api/releases/${encodeURIComponent(id)}`);
  if (!ctx.json) {
    const wave = release.waves[release.currentWaveIndex];
    ctx.note(`Watching "${release.name}" (${release.id}): ${statusLabel(release.status)} · ${wavePhrase(release, release.waves.length, wave?.name)}. Ctrl-C to stop.`);
  }
  const print = (events: EventView[]) => {
    for (const e of events) ctx.out(ctx.json ? JSON.stringify(e) : formatEvent(e));
  };
  const after = Math.max(0, release.lastSeq - options.history);
  return new Promise<number>((resolve) => {
    let wasLive = false;
    const feed = followRelease(ctx.conn, id, after, {
      onEvents: print,
      onConnection: (state, detail) => {
        if (ctx.json) return;
        if (state === "reconnecting" && wasLive) ctx.note(`(connection lost: ${detail ?? "reconnecting"}; catching up when it is back)`);
        if (state === "live" && wasLive) ctx.note("(reconnected)");
        wasLive = wasLive || state === "live";
      },
      onFatal: (error) => {
        ctx.note(`tidegate: ${error.message}`);
        resolve(error.exitCode);
      },
    });
    const stop = () => {
      feed.close();
      resolve(EXIT.ok);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
