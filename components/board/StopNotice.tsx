// A stopped release in plain words: "Rolled back from wave 4/4 by the error_rate guardrail", the evidence or the
// commander's reason from the log, and what comes next. On the board and, larger, on the wall screen.
import { formatClock } from "@/lib/platform/browser/format-time";
import { stopHeadline, type StopStory } from "@/lib/releases/client/stop-story";
import { PauseIcon, RollbackIcon } from "../ui/icons";

export function StopNotice({ story, now, size = "md" }: { story: StopStory; now: number; size?: "md" | "xl" }) {
  const rolledBack = story.kind === "rolled_back";
  const big = size === "xl";
  const Icon = rolledBack ? RollbackIcon : PauseIcon;
  return (
    <section
      data-testid="stop-notice"
      data-kind={story.kind}
      aria-label={rolledBack ? "Why the release was rolled back" : "Why the release is paused"}
      className={`rounded-lg border border-l-8 bg-white dark:bg-zinc-900 ${
        rolledBack ? "border-zinc-300 border-l-red-600 dark:border-zinc-700" : "border-amber-300 border-l-amber-500 dark:border-amber-800"
      } ${big ? "px-[1.6vw] py-[1.4vh]" : "px-4 py-3"}`}
    >
      <p data-testid="stop-headline" className={`flex items-start gap-2 font-bold ${big ? "text-[clamp(1.4rem,2.6vw,3rem)] leading-tight" : "text-lg"}`}>
        <Icon className={big ? "mt-[0.15em] size-[0.9em]" : "mt-1 size-5"} />
        <span>
          {stopHeadline(story)}
          {story.at ? <span className="font-medium text-zinc-500 tabular-nums dark:text-zinc-400"> at {formatClock(story.at, now)}</span> : null}
        </span>
      </p>
      <dl className={`mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr] ${big ? "text-[clamp(1rem,1.7vw,2rem)]" : "text-sm"}`}>
        <dt className="font-semibold text-zinc-500 dark:text-zinc-400">{story.automatic ? "Evidence" : "Reason"}</dt>
        <dd data-testid="stop-reason" className="break-words whitespace-pre-line">
          {story.reason ?? "none recorded"}
        </dd>
        {rolledBack && story.fromTraffic !== null ? (
          <>
            <dt className="font-semibold text-zinc-500 dark:text-zinc-400">Traffic</dt>
            <dd className="tabular-nums">
              {story.fromTraffic}% → 0%: the new version serves no one
            </dd>
          </>
        ) : null}
        <dt className="font-semibold text-zinc-500 dark:text-zinc-400">Next</dt>
        <dd data-testid="stop-next">{story.next}</dd>
      </dl>
    </section>
  );
}
