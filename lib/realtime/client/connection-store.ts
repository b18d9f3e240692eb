// The socket's connection state as a tiny external store, read with useSyncExternalStore.
export type ConnectionState = "live" | "reconnecting" | "offline";

export interface ConnectionSnapshot {
  state: ConnectionState;
  /** When the connection was lost; null while live or before the first connection. */
  since: number | null;
}

const INITIAL: ConnectionSnapshot = { state: "reconnecting", since: null };
let current: ConnectionSnapshot = INITIAL;
const listeners = new Set<() => void>();

export function setConnection(next: ConnectionSnapshot): void {
  if (next.state === current.state && next.since === current.since) return;
  current = next;
  for (const listener of listeners) listener();
}

export const getConnection = (): ConnectionSnapshot => current;
/** Server renders never have a socket. */
export const getServerConnection = (): ConnectionSnapshot => INITIAL;

export function subscribeConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
