// Keeps one release live: gap-free events into ["events", id], and the release view refetched after each batch.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { appendEvents, cachedEvents } from "./events-cache";
import { queryKeys } from "../../platform/browser/query-keys";
import { ReleaseFeed } from "./release-feed";
import { getSocket } from "../../realtime/client/socket";
import type { ConnectionState } from "../../realtime/client/connection-store";
import { useConnection } from "../../realtime/client/use-connection";

/** Events that move waves change the chart's wave markers and the metrics window. */
const WAVE_EVENTS = new Set(["started", "promoted", "completed", "rolled_back", "retried", "stepped_back", "hypercare_started"]);

/** Events that open, edit or add to an incident's timeline. */
const INCIDENT_EVENTS = new Set(["incident_opened", "incident_updated", "paused", "resumed", "rolled_back", "alert_acknowledged", "recovery", "episode_closed"]);

export interface LiveStatus {
  /** "live" only when connected and this release's backlog is applied; anything else means do not act. */
  state: ConnectionState;
  offlineSince: number | null;
  lastSeq: number;
}

export function useReleaseLive(releaseId: string, viewLastSeq?: number): LiveStatus {
  const qc = useQueryClient();
  const connection = useConnection();
  const [synced, setSynced] = useState(false);
  const [lastSeq, setLastSeq] = useState(0);
  const feedRef = useRef<ReleaseFeed | null>(null);

  useEffect(() => {
    const known = cachedEvents(qc, releaseId);
    const feed = new ReleaseFeed(releaseId, getSocket(), known.length ? known[known.length - 1].seq : 0, {
      apply(events, seq) {
        appendEvents(qc, releaseId, events);
        setLastSeq(seq);
        // Simplest correct: the server's view is the truth after any change, so fetch it again.
        void qc.invalidateQueries({ queryKey: queryKeys.release(releaseId) });
        if (events.some((e) => WAVE_EVENTS.has(e.type))) void qc.invalidateQueries({ queryKey: queryKeys.metrics(releaseId) });
        if (events.some((e) => e.type === "simulator_scenario")) void qc.invalidateQueries({ queryKey: queryKeys.simulator(releaseId) });
        if (events.some((e) => INCIDENT_EVENTS.has(e.type))) void qc.invalidateQueries({ queryKey: queryKeys.incidents(releaseId) });
        void qc.invalidateQueries({ queryKey: queryKeys.report(releaseId) });
      },
      synced: setSynced,
    });
    feedRef.current = feed;
    setLastSeq(feed.lastSeq);
    feed.start();
    return () => {
      feed.stop();
      feedRef.current = null;
      setSynced(false);
    };
  }, [qc, releaseId]);

  // The view may know of events the socket has not delivered yet; the feed fetches them.
  useEffect(() => {
    if (viewLastSeq !== undefined) feedRef.current?.noteLatest(viewLastSeq);
  }, [viewLastSeq]);

  const state: ConnectionState = connection.state === "live" ? (synced ? "live" : "reconnecting") : connection.state;
  return { state, offlineSince: state === "live" ? null : connection.since, lastSeq };
}
