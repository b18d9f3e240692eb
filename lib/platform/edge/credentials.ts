// Where the front doors find a caller's key in a request's headers: one reading for every protocol they speak.
import type { IncomingHttpHeaders } from "node:http";

/** The token of "Authorization: Bearer <token>" (any case), or undefined. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (!auth || auth.length < 7 || auth.slice(0, 7).toLowerCase() !== "bearer ") return undefined;
  return auth.slice(7).trim() || undefined;
}

/**
 * An SDK key: X-API-Key, else Authorization with or without "Bearer " (OFREP providers send Bearer, Unleash SDKs
 * send the key bare).
 */
export function sdkKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers["x-api-key"];
  if (typeof apiKey === "string" && apiKey.trim()) return apiKey.trim();
  const auth = headers.authorization?.trim();
  if (!auth) return undefined;
  return auth.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : auth;
}
