// What a receiver gets: `{ type, timestamp, data: { event, release, links } }` for standard endpoints, a Slack
// incoming-webhook message for Slack ones. Kept under 20 kB: long free text is cut, never the facts.
import "server-only";
import { describeEvent } from "../../releases/client/describe-event";
import type { EventView } from "../../releases/server/event-view";

export const MAX_PAYLOAD_BYTES = 20_000;

export interface ReleaseSummary {
  id: string;
  name: string;
  service: string;
  version: string;
  status: string;
  waveIndex: number;
  waveName: string | null;
  waveCount: number;
  trafficPercent: number;
}

export interface Links {
  board: string;
  review: string;
}

export function linksFor(baseUrl: string, releaseId: string): Links {
  const base = `${baseUrl.replace(/\/$/, "")}/releases/${encodeURIComponent(releaseId)}`;
  return { board: base, review: `${base}/review` };
}

const cut = (s: string | null, n: number) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function standardPayload(event: EventView, release: ReleaseSummary, links: Links): string {
  let body = JSON.stringify({ type: event.type, timestamp: event.at, data: { event, release, links } });
  if (body.length <= MAX_PAYLOAD_BYTES) return body;
  // A reason pasted from a terminal, or a huge override list: keep the event's identity and cut the text.
  const slim = { ...event, reason: cut(event.reason, 2_000), data: JSON.stringify(event.data).length > 8_000 ? { truncated: true } : event.data };
  body = JSON.stringify({ type: event.type, timestamp: event.at, data: { event: slim, release, links, truncated: true } });
  return body;
}

type Snapshot = { status?: string; currentWaveIndex?: number; trafficPercent?: number } | null;
const snap = (v: unknown): Snapshot => (v && typeof v === "object" ? (v as Snapshot) : null);

const ICON: Record<string, string> = {
  rolled_back: ":rotating_light:",
  breach: ":warning:",
  escalated: ":rotating_light:",
  paused: ":double_vertical_bar:",
  resumed: ":arrow_forward:",
  promoted: ":arrow_up:",
  started: ":rocket:",
  completed: ":white_check_mark:",
  override: ":exclamation:",
  recovery: ":green_heart:",
};

/** A Slack Block Kit message: what happened, to which release, traffic, who and why, and links to the board. */
export function slackPayload(event: EventView, release: ReleaseSummary, links: Links, missingSignoffs = false): string {
  const before = snap(event.before);
  const after = snap(event.after);
  const automatic = event.data.automatic === true || event.actor === "guardrail";
  const what = `${event.actor} ${describeEvent(event)}`;
  const headline = `${ICON[event.type] ?? ":information_source:"} *${release.name}* (${release.service} ${release.version}): ${what}`;
  const fields: string[] = [`*Status*\n${release.status.replace("_", " ")}`, `*Wave*\n${release.waveIndex + 1} of ${release.waveCount}${release.waveName ? ` "${release.waveName}"` : ""}`];
  if (before && after && before.trafficPercent !== after.trafficPercent) fields.push(`*Traffic*\n${before.trafficPercent}% → ${after.trafficPercent}%`);
  else fields.push(`*Traffic*\n${release.trafficPercent}%`);
  fields.push(`*By*\n${event.actor}${event.actorRole ? ` (${event.actorRole})` : ""}`);
  const blocks: unknown[] = [
    { type: "section", text: { type: "mrkdwn", text: cut(headline, 2_900) } },
    { type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text })) },
  ];
  if (event.reason) {
    const label = automatic ? "Guardrail evidence" : "Why";
    blocks.push({ type: "section", text: { type: "mrkdwn", text: cut(`*${label}*\n${event.reason}`, 2_900) } });
  }
  const buttons = [{ type: "button", text: { type: "plain_text", text: "Open the board" }, url: links.board, action_id: "open_board" }];
  if (missingSignoffs) buttons.push({ type: "button", text: { type: "plain_text", text: "Review sign-offs" }, url: links.review, action_id: "open_review" });
  blocks.push({ type: "actions", elements: buttons });
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Tidegate · event ${event.seq} · ${event.at}` }] });
  // `text` is the notification and the fallback for clients that do not render blocks.
  const text = `${release.name}: ${what}${event.reason ? ` (${cut(event.reason, 300)})` : ""}. ${links.board}`;
  return JSON.stringify({ text: cut(text, 3_000), blocks });
}
