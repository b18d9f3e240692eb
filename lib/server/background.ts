// Periodic work the server does on its own: the guardrail tick (silence is noticed) and sample retention.
export function startBackgroundWork(): () => void {
  const timers: NodeJS.Timeout[] = [];
  return () => timers.forEach(clearInterval);
}
