// Freeze times as people say them on a board: "Fri 18:00", with the date once it is a week or more away.

const SOON = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const LATER = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export function formatUntil(iso: string, now: number): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return "—";
  return (t - now < 6 * 86_400_000 ? SOON : LATER).format(t).replace(",", "");
}

/** "Frozen until Fri 18:00: Black Friday (alice@example.com)", or the closed window's words. */
export function freezeHeadline(block: { source: "freeze" | "window"; policy?: string; reason: string; by: string | null; until: string | null }, now: number): string {
  const until = block.until ? ` until ${formatUntil(block.until, now)}` : "";
  if (block.source === "window") {
    const whose = block.policy ? ` of policy "${block.policy}"` : "";
    return `Outside the release windows${whose}${until}: ${block.reason.replace(/^Outside (the plan's release windows|the release windows of policy "[^"]*"): /, "allowed ")}`;
  }
  return `Frozen${until}: ${block.reason}${block.by ? ` (${block.by})` : ""}`;
}
