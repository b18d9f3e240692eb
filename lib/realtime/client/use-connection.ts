// The page's socket connection state (live / reconnecting / offline) for React.
import { useSyncExternalStore } from "react";
import { getConnection, getServerConnection, subscribeConnection, type ConnectionSnapshot } from "./connection-store";

export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(subscribeConnection, getConnection, getServerConnection);
}
