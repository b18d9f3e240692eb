// tidegate wait <release> --until completed|rolled_back|wave:N [--timeout 2h]: blocks until the condition holds and
// exits with a code a pipeline branches on (0 met, 3 rolled back, 4 timed out, 5 no longer reachable; see exit-codes).
// Follows the live events and re-reads the release when its state moves, with a slow poll as a safety net.
import { request } from "../api";
import type { EventView, ReleaseView } from "../../releases/client/types";
import type { CliContext } from "../context";
import { CliError, EXIT } from "../exit-codes";
import { statusLabel, wavePhrase } from "../format";
import { followRelease } from "../live";
import { resolveReleaseId } from "../resolve-release";
import { describeUntil, judge, type Until, type Verdict } from "../until";
import { formatElapsed } from "../../platform/browser/format-time";

export interface WaitOptions {
  until: Until;
  /** Milliseconds; undefined waits for as long as it takes. */
  timeoutMs?: number;
}

/** Events after which the release's status, wave or run may differ. */
const STATE_EVENTS = new Set(["started", "promoted", "completed", "paused", "resumed", "rolled_back", "retried"]);
const SAFETY_POLL_MS = 30_000;

export async function wait(ctx: CliContext, ref: string, options: WaitOptions): Promise<number> {
  const id = await resolveReleaseId(ctx.conn, ref);
  const path = `/api/releases/${encodeURIComponent(id)}`;
  const started = Date.now();
  const read = () => request<ReleaseView>(ctx.conn, "GET", path);

  const first = await read();
  const firstVerdict = verdictOf(options.until, first);
  if (firstVerdict.done) return finish(ctx, first, await withCause(ctx, first, firstVerdict), started);
  if (!ctx.json) ctx.note(`Waiting for "${first.name}" to reach ${describeUntil(options.until)}: now ${progress(first)}`);

  return new Promise<number>((resolve) => {
    let done = false;
    let last = first;
    let checking = Promise.resolve();
    const timers: ReturnType<typeof setTimeout>[] = [];
    const end = (code: number) => {
      if (done) return;
      done = true;
      feed.close();
      for (const t of timers) clearTimeout(t);
      clearInterval(poll);
      resolve(code);
    };
    // Checks run one at a time, so verdicts are judged in the order the release moved.
    const check = () => {
      checking = checking
        .then(async () => {
          if (done) return;
          const release = await read();
          if (!ctx.json && progress(release) !== progress(last)) ctx.note(`  now ${progress(release)}`);
          last = release;
          const verdict = verdictOf(options.until, release);
          if (verdict.done) end(finish(ctx, release, await withCause(ctx, release, verdict), started));
        })
        .catch((e: unknown) => {
          if (e instanceof CliError && (e.exitCode === EXIT.auth || e.exitCode === EXIT.notFound)) {
            ctx.note(`tidegate: ${e.message}`);
            end(e.exitCode);
          }
          // Anything else (a blip of the network or the database): the next event or poll checks again.
        });
    };
    const feed = followRelease(ctx.conn, id, first.lastSeq, {
      onEvents: (events: EventView[]) => {
        if (events.some((e) => STATE_EVENTS.has(e.type))) check();
      },
      // Back after a drop: the events missed are replayed, but the state is simply read again.
      onConnection: (state) => state === "live" && check(),
      onFatal: (error) => {
        ctx.note(`tidegate: ${error.message}`);
        end(error.exitCode);
      },
    });
    const poll = setInterval(check, SAFETY_POLL_MS);
    if (options.timeoutMs !== undefined) {
      timers.push(
        setTimeout(() => {
          const message = `timed out after ${formatElapsed(Date.now() - started)} waiting for ${describeUntil(options.until)}; the release is ${progress(last)}`;
          if (ctx.json) ctx.out(JSON.stringify({ reached: false, exitCode: EXIT.timeout, message, release: last }));
          else ctx.note(`tidegate: ${message}`);
          end(EXIT.timeout);
        }, options.timeoutMs),
      );
    }
    const stop = () => end(EXIT.error);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

function verdictOf(until: Until, r: ReleaseView): Verdict {
  return judge(until, { status: r.status, currentWaveIndex: r.currentWaveIndex, waveCount: r.waves.length });
}

/** A rollback's verdict names who rolled back and why (the guardrail's evidence or the commander's reason). */
async function withCause(ctx: CliContext, release: ReleaseView, verdict: Verdict & { done: true }): Promise<Verdict & { done: true }> {
  if (release.status !== "rolled_back") return verdict;
  try {
    const after = Math.max(0, release.lastSeq - 50);
    const { events } = await request<{ events: EventView[] }>(ctx.conn, "GET", `/api/releases/${encodeURIComponent(release.id)}/events?after=${after}`);
    const rollback = events.filter((e) => e.type === "rolled_back").at(-1);
    if (!rollback) return verdict;
    return { ...verdict, message: `${verdict.message} by ${rollback.actor}${rollback.reason ? `: ${rollback.reason}` : ""}` };
  } catch {
    return verdict; // the verdict stands without its cause
  }
}

function progress(r: ReleaseView): string {
  return `${statusLabel(r.status)} · ${wavePhrase(r, r.waves.length, r.waves[r.currentWaveIndex]?.name)}`;
}

function finish(ctx: CliContext, release: ReleaseView, verdict: Verdict & { done: true }, started: number): number {
  const reached = verdict.exitCode === EXIT.ok;
  if (ctx.json) {
    ctx.out(JSON.stringify({ reached, exitCode: verdict.exitCode, message: verdict.message, release }));
  } else {
    const line = `"${release.name}" ${verdict.message} after ${formatElapsed(Date.now() - started)}`;
    if (reached) ctx.out(line);
    else ctx.note(`tidegate: ${line}`);
  }
  return verdict.exitCode;
}
