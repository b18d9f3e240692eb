// The one socket.io connection of the page (same origin, session cookie), and its connection state.
import { io, type Socket } from "socket.io-client";
import { getConnection, setConnection } from "./connection-store";

declare global {
  interface Window {
    /** Exposed so end-to-end tests can cut and restore the connection. */
    __tidegateSocket?: Socket;
  }
}

/** Reconnecting for longer than this reads as "offline": people should stop trusting the screen. */
const OFFLINE_AFTER_MS = 8_000;
/** The server pings every second; this long without one and the screen says the connection is lost. */
const SILENCE_MS = 2_500;

let socket: Socket | null = null;
let offlineTimer: ReturnType<typeof setTimeout> | undefined;

function lost(now = Date.now()): number {
  return getConnection().since ?? now;
}

function track(s: Socket): void {
  // The heartbeat: a dead network often closes nothing, so silence is the only sign. The transport stays open (it
  // may come back with everything buffered, in order); the screen just stops claiming to be live meanwhile.
  let lastHeard = Date.now();
  const heard = () => {
    lastHeard = Date.now();
    if (s.connected && getConnection().state !== "live" && navigator.onLine) {
      clearTimeout(offlineTimer);
      setConnection({ state: "live", since: null });
    }
  };
  s.io.on("ping", heard);
  setInterval(() => {
    if (s.connected && getConnection().state === "live" && Date.now() - lastHeard > SILENCE_MS) {
      setConnection({ state: "reconnecting", since: lastHeard });
    }
  }, 500);
  s.on("connect", () => {
    lastHeard = Date.now();
    clearTimeout(offlineTimer);
    setConnection({ state: "live", since: null });
  });
  s.on("disconnect", (reason) => {
    const since = lost();
    clearTimeout(offlineTimer);
    // A deliberate disconnect (ours or the server's) is not retried by socket.io, so it is offline at once.
    if (!s.active || reason === "io client disconnect" || reason === "io server disconnect" || !navigator.onLine) {
      setConnection({ state: "offline", since });
      return;
    }
    setConnection({ state: "reconnecting", since });
    offlineTimer = setTimeout(() => {
      if (!s.connected) setConnection({ state: "offline", since });
    }, OFFLINE_AFTER_MS);
  });
  // The server cut this connection because its rights changed (not ended): a new handshake gets the new rights.
  s.on("session:ended", (why: { reconnect?: boolean }) => {
    if (why?.reconnect) setTimeout(() => s.connect(), 500);
  });
  s.on("connect_error", () => {
    const since = lost();
    // Refused by the server's middleware (e.g. signed out): socket.io will not retry on its own.
    if (!s.active) {
      clearTimeout(offlineTimer);
      setConnection({ state: "offline", since });
    } else if (getConnection().state !== "offline") {
      setConnection({ state: "reconnecting", since });
      clearTimeout(offlineTimer);
      offlineTimer = setTimeout(() => {
        if (!s.connected) setConnection({ state: "offline", since });
      }, OFFLINE_AFTER_MS);
    }
  });
  // The browser knows the network is gone before any heartbeat is missed: say so at once, and drop the
  // transport so socket.io starts reconnecting instead of waiting for its ping timeout.
  window.addEventListener("offline", () => {
    setConnection({ state: "offline", since: lost() });
    if (s.connected) s.io.engine?.close();
  });
}

/** Created on first use in the browser; every hook shares it. */
export function getSocket(): Socket {
  if (!socket) {
    // WebSocket first: one connection lives on one instance, so several instances behind a load balancer need no
    // sticky sessions (long-polling, the fallback, spreads its requests and needs them).
    socket = io({ path: "/socket.io", withCredentials: true, reconnectionDelayMax: 5_000, transports: ["websocket", "polling"], tryAllTransports: true });
    window.__tidegateSocket = socket;
    track(socket);
  }
  return socket;
}
