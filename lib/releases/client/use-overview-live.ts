// Keeps the overview live: one { all: true } subscription, and the release list refetched on any event.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ConnectionState } from "../../realtime/client/connection-store";
import { queryKeys } from "../../platform/browser/query-keys";
import { getSocket } from "../../realtime/client/socket";
import { useConnection } from "../../realtime/client/use-connection";

/** Bursts of events (a promotion writes several) become one refetch. */
const REFETCH_DEBOUNCE_MS = 200;

export function useOverviewLive(): { state: ConnectionState; offlineSince: number | null } {
  const qc = useQueryClient();
  const connection = useConnection();
  const [subscribed, setSubscribed] = useState(false);

  useEffect(() => {
    const socket = getSocket();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void qc.invalidateQueries({ queryKey: queryKeys.releases }), REFETCH_DEBOUNCE_MS);
    };
    const subscribe = () => {
      setSubscribed(false);
      socket.timeout(10_000).emit("subscribe", { all: true }, (err: Error | null, ack: { ok: boolean } | undefined) => {
        if (stopped) return;
        if (err || !ack?.ok) return;
        setSubscribed(true);
        // Whatever happened while we were away is in the list now.
        refetch();
      });
    };
    const down = () => setSubscribed(false);
    socket.on("connect", subscribe);
    socket.on("disconnect", down);
    socket.on("release:event", refetch);
    if (socket.connected) subscribe();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket.off("connect", subscribe);
      socket.off("disconnect", down);
      socket.off("release:event", refetch);
    };
  }, [qc]);

  const state: ConnectionState = connection.state === "live" ? (subscribed ? "live" : "reconnecting") : connection.state;
  return { state, offlineSince: state === "live" ? null : connection.since };
}
