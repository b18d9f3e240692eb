// Login throttling per account and per client address, kept in the database so restarts do not reset it.
//
// An attempt reserves its failure row *before* the password is checked and counts the rows up to its own: under any
// concurrency at most the limit of attempts get a password check, and only those are recorded (a success removes
// its reservation). A per-key queue makes that exact within one server; across servers the reservation keeps it
// within a few of the limit.
//
// So that the address limit cannot lock out everyone behind one proxy or NAT address, and the account limit cannot
// lock the owner out, a browser that has signed in to an account before carries a signed device cookie for it
// (OWASP's "device cookies"): its attempts are counted on their own key and skip the address limit.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "../../platform/config/config";
import { db } from "../../platform/db/client";

export const DEVICE_COOKIE = "tidegate-device";

export type LoginKeys = { account: string; address: string; device: string | null };

export function loginKeys(email: string, address: string, trustedDevice: boolean): LoginKeys {
  return { account: `account:${email}`, address: `address:${address}`, device: trustedDevice ? `device:${email}` : null };
}

// Serializes reservations per key in this process.
const queues = new Map<string, Promise<unknown>>();
async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(work, work);
  const settled = run.catch(() => {});
  queues.set(key, settled);
  try {
    return await run;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

async function reserve(key: string, limit: number, since: Date, now: Date): Promise<number | null> {
  const row = await db().loginAttempt.create({ data: { key, at: now, success: false }, select: { id: true } });
  const before = await db().loginAttempt.count({ where: { key, success: false, at: { gte: since }, id: { lte: row.id } } });
  if (before > limit) {
    await db().loginAttempt.delete({ where: { id: row.id } });
    return null;
  }
  return row.id;
}

export interface LoginReservation {
  /** Records the outcome: a success clears the account's (or device's) failures, a failure keeps the reservation. */
  finish(success: boolean): Promise<void>;
}

/** Reserves one password check for this login, or null when the account, device or address is throttled. */
export async function reserveLoginAttempt(keys: LoginKeys, now = new Date()): Promise<LoginReservation | null> {
  const cfg = config();
  const since = new Date(now.getTime() - cfg.LOGIN_WINDOW_MINUTES * 60_000);
  const primary = keys.device ?? keys.account;
  const reserved: number[] = [];
  const release = async () => {
    if (reserved.length) await db().loginAttempt.deleteMany({ where: { id: { in: reserved } } });
  };
  const first = await serialized(primary, () => reserve(primary, cfg.LOGIN_MAX_FAILURES_PER_ACCOUNT, since, now));
  if (first === null) return null;
  reserved.push(first);
  if (!keys.device) {
    const second = await serialized(keys.address, () => reserve(keys.address, cfg.LOGIN_MAX_FAILURES_PER_ADDRESS, since, now));
    if (second === null) {
      await release();
      return null;
    }
    reserved.push(second);
  }
  return {
    async finish(success) {
      if (!success) return;
      // A successful login clears the account's (or the device's) failures, but not the address's.
      await db().loginAttempt.deleteMany({ where: { key: primary } });
      await db().loginAttempt.deleteMany({ where: { id: { in: reserved } } });
    },
  };
}

/** Login attempts older than the window count for nothing; the retention job removes them. */
export async function pruneLoginAttempts(now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - config().LOGIN_WINDOW_MINUTES * 60_000);
  const { count } = await db().loginAttempt.deleteMany({ where: { at: { lt: since } } });
  return count;
}

function deviceSignature(email: string): string {
  return createHmac("sha256", config().authSecret).update(`device:${email}`).digest("base64url");
}

/** The device cookie's value for an account: its email and an HMAC of it under the server's secret. */
export function deviceCookieValue(email: string): string {
  return `${Buffer.from(email).toString("base64url")}.${deviceSignature(email)}`;
}

/** Whether the Cookie header carries a valid device cookie for this email. */
export function hasDeviceCookie(cookieHeader: string | undefined, email: string): boolean {
  if (!cookieHeader) return false;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== DEVICE_COOKIE) continue;
    for (const entry of decodeURIComponent(rest.join("=")).split(",")) {
      const [who, sig] = entry.split(".");
      if (!who || !sig || Buffer.from(who, "base64url").toString() !== email) continue;
      const expected = Buffer.from(deviceSignature(email));
      const given = Buffer.from(sig);
      if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
    }
  }
  return false;
}
