// The ticket an OFREP event stream's URL carries (EventSource cannot send headers): the SDK key's id and an expiry,
// signed with the server secret.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Tickets already signed, by key id and expiry (cleared whole when full: it is only a cache). */
const TICKETS_KEPT = 10_000;
const ticketsIssued = new Map<string, string>();

function ticketSignature(secret: string, tokenId: string, exp: number): string {
  return createHmac("sha256", secret).update(`ofrep-events:${tokenId}.${exp}`).digest("base64url").slice(0, 32);
}

/** Stable for a day (so bulk answers and their ETag stay stable) and valid for two. */
export function streamTicket(secret: string, tokenId: string, nowMs: number): string {
  const exp = (Math.floor(nowMs / 86_400_000) + 2) * 86_400_000;
  const unsigned = `${tokenId}.${exp}`;
  let ticket = ticketsIssued.get(unsigned);
  if (ticket === undefined) {
    // Every bulk answer carries one: signed once per key and day instead of once per request.
    if (ticketsIssued.size >= TICKETS_KEPT) ticketsIssued.clear();
    ticket = `${unsigned}.${ticketSignature(secret, tokenId, exp)}`;
    ticketsIssued.set(unsigned, ticket);
  }
  return ticket;
}

/** The key id a ticket names, or null when it is malformed, expired or not signed with this secret. */
export function ticketKeyId(secret: string, ticket: string | null, nowMs: number): string | null {
  const [tokenId, expText, signature] = (ticket ?? "").split(".");
  const exp = Number(expText);
  if (!tokenId || !signature || !Number.isFinite(exp) || exp < nowMs) return null;
  const expected = Buffer.from(ticketSignature(secret, tokenId, exp));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return tokenId;
}
