// Issue 25: after a stage rolled back with `rollbackUpstream: "ask"`, the board asks whether the stages before it go
// too, with one button per upstream stage still up (a ROLLBACK of that track, through the ordinary command path).
"use client";
import { useReleaseAction } from "@/lib/releases/client/use-release-action";
import type { EventView, ReleaseView } from "@/lib/releases/client/types";
import { Button } from "../ui/Button";

export function UpstreamRollbackQuestion({ view, events, canCommand, current }: { view: ReleaseView; events: readonly EventView[]; canCommand: boolean; current: boolean }) {
  const action = useReleaseAction(view.id);
  const last = [...events].reverse().find((e) => e.type === "promotion_paused");
  if (!last) return null;
  const data = last.data as { stage?: string; upstream?: string[]; rollbackUpstream?: string };
  if (data.rollbackUpstream !== "ask") return null;
  const tracks = view.tracks ?? [];
  type Track = (typeof tracks)[number];
  const up = (data.upstream ?? []).flatMap((k) => tracks.filter((t): t is Track => t.key === k && t.allowedActions.includes("rollback")));
  if (up.length === 0) return null;
  const stage = tracks.find((t) => t.key === data.stage)?.name ?? data.stage;
  return (
    <section role="alert" data-testid="upstream-rollback-question" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-semibold">
        {stage} was rolled back and promotion after it is paused. Roll back {up.map((t) => t.name).join(" and ")} too?
      </p>
      {canCommand ? (
        <div className="mt-2 flex flex-wrap gap-2">
          {up.map((t) => (
            <Button
              key={t.key}
              size="sm"
              variant="danger"
              disabled={action.isPending || !current}
              onClick={() => action.mutate({ action: "rollback", expectedVersion: view.version, track: t.key, reason: `${stage} was rolled back: roll back ${t.name} too` })}
            >
              Roll back {t.name}
            </Button>
          ))}
        </div>
      ) : null}
    </section>
  );
}
