// The audit timeline, newest first. Long histories show the latest entries until asked for all.
"use client";
import { useState } from "react";
import type { EventView } from "@/lib/releases/client/types";
import { Button, focusRing } from "../ui/Button";
import { Panel } from "../ui/Panel";
import { TimelineEntry } from "./TimelineEntry";

const FIRST = 60;

export function Timeline({ events, now }: { events: EventView[]; now: number }) {
  const [all, setAll] = useState(false);
  const newest = [...events].reverse();
  const shown = all ? newest : newest.slice(0, FIRST);
  return (
    <Panel title={`Audit timeline (${events.length})`} id="timeline">
      {events.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No events yet.</p>
      ) : (
        <ol tabIndex={0} className={`flex flex-col gap-1 rounded lg:max-h-[70vh] lg:overflow-y-auto lg:pr-1 ${focusRing}`} data-testid="timeline" aria-label="Events, newest first">
          {shown.map((e) => (
            <TimelineEntry key={e.seq} event={e} now={now} />
          ))}
        </ol>
      )}
      {newest.length > shown.length ? (
        <Button size="sm" className="mt-2" onClick={() => setAll(true)}>
          Show all {newest.length} events
        </Button>
      ) : null}
    </Panel>
  );
}
