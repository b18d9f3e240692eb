// Login throttling per account and per client address, kept in the database so restarts do not reset it.
import { db } from "../db/client";
import { config } from "../config";

export async function loginBlocked(email: string, address: string, now = new Date()): Promise<boolean> {
  const cfg = config();
  const since = new Date(now.getTime() - cfg.LOGIN_WINDOW_MINUTES * 60_000);
  const [byAccount, byAddress] = await Promise.all([
    db().loginAttempt.count({ where: { key: `account:${email}`, success: false, at: { gte: since } } }),
    db().loginAttempt.count({ where: { key: `address:${address}`, success: false, at: { gte: since } } }),
  ]);
  return byAccount >= cfg.LOGIN_MAX_FAILURES_PER_ACCOUNT || byAddress >= cfg.LOGIN_MAX_FAILURES_PER_ADDRESS;
}

export async function recordLogin(email: string, address: string, success: boolean, now = new Date()) {
  if (success) {
    // A successful login clears the account's failures, but not the address's.
    await db().loginAttempt.deleteMany({ where: { key: `account:${email}` } });
    return;
  }
  await db().loginAttempt.createMany({
    data: [
      { key: `account:${email}`, at: now, success: false },
      { key: `address:${address}`, at: now, success: false },
    ],
  });
}
