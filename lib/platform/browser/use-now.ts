// A ticking clock for elapsed times and countdowns. `initial` is the server's render time for pages rendered on the
// server: the browser's first render must produce the same text, then the clock moves to the real time at once.
import { useEffect, useState } from "react";

export function useNow(intervalMs = 1000, initial?: number): number {
  const [now, setNow] = useState(() => initial ?? Date.now());
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
