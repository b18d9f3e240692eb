// GitHub signs each webhook delivery: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the raw body with the
// webhook secret. Compared in constant time; a missing, malformed or wrong signature is refused alike.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

export function githubSignature(secret: string, body: Uint8Array | string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function verifyGithubSignature(secret: string, body: Uint8Array, header: string | null): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/.test(header)) return false;
  const expected = Buffer.from(githubSignature(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
