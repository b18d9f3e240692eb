// An open socket keeps only the rights its owner still has: sockets of disabled or deleted people, ended sessions
// and revoked tokens are cut, and a changed role or token scope makes the socket reconnect (the handshake then
// grants the new rights). Runs every SOCKET_RECHECK_MS on each server, and at once after a revoke or user change here.
import "server-only";
import { AUTH_CHANNEL, signalCluster } from "../../platform/cluster/cluster-bus";
import { instanceId } from "../../platform/cluster/instance-id";
import type { Server, Socket } from "socket.io";
import type { Actor } from "../../auth/server/actor";
import { db } from "../../platform/db/client";
import { logError, logNotice } from "../../platform/logging/ops-log";
import { realtimeServer } from "./publish";

export interface SessionEnded {
  code: "disabled" | "revoked" | "signed_out" | "rights_changed" | "session_expired" | "token_expired";
  message: string;
  /** true when a new handshake may succeed (the rights changed, they did not end). */
  reconnect: boolean;
}

const ENDED: Record<SessionEnded["code"], SessionEnded> = {
  disabled: { code: "disabled", message: "Your account was disabled", reconnect: false },
  revoked: { code: "revoked", message: "This API token was revoked", reconnect: false },
  token_expired: { code: "token_expired", message: "This API token has expired", reconnect: false },
  signed_out: { code: "signed_out", message: "This session was signed out", reconnect: false },
  session_expired: { code: "session_expired", message: "This session expired (SESSION_MAX_AGE_SECONDS); sign in again", reconnect: false },
  rights_changed: { code: "rights_changed", message: "Your role or scope changed; reconnecting with the new rights", reconnect: true },
};

/** Checks every socket connected to this server against the database; returns how many were cut. */
export async function revalidateSockets(io: Server | undefined = realtimeServer()): Promise<number> {
  if (!io) return 0;
  const sockets = [...io.of("/").sockets.values()].filter((s) => s.data.actor);
  if (sockets.length === 0) return 0;
  const actors = sockets.map((s) => s.data.actor as Actor);
  const userIds = [...new Set(actors.filter((a) => a.kind === "user").map((a) => a.id))];
  const tokenIds = [...new Set(actors.filter((a) => a.kind === "token").map((a) => a.id))];
  const sessionIds = [...new Set(actors.map((a) => a.sessionId).filter((j): j is string => !!j))];
  const [users, tokens, revoked] = await Promise.all([
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, role: true, disabled: true, signoffRoles: true } }) : [],
    tokenIds.length ? db().apiToken.findMany({ where: { id: { in: tokenIds } }, select: { id: true, revokedAt: true, releaseId: true, expiresAt: true } }) : [],
    sessionIds.length ? db().revokedSession.findMany({ where: { jti: { in: sessionIds } }, select: { jti: true } }) : [],
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const tokenById = new Map(tokens.map((t) => [t.id, t]));
  const ended = new Set(revoked.map((r) => r.jti));
  const nowSeconds = Date.now() / 1000;
  let cut = 0;
  for (const socket of sockets) {
    const reason = verdict(socket.data.actor as Actor, userById, tokenById, ended, nowSeconds);
    if (reason) {
      end(socket, ENDED[reason]);
      cut++;
    }
  }
  return cut;
}

function verdict(
  actor: Actor,
  users: Map<string, { role: string; disabled: boolean; signoffRoles: string }>,
  tokens: Map<string, { revokedAt: Date | null; releaseId: string | null; expiresAt: Date | null }>,
  endedSessions: Set<string>,
  nowSeconds: number,
): SessionEnded["code"] | null {
  if (actor.kind === "token") {
    const token = tokens.get(actor.id);
    if (!token || token.revokedAt) return "revoked";
    if (token.expiresAt && token.expiresAt.getTime() <= nowSeconds * 1000) return "token_expired";
    return token.releaseId === actor.releaseScope ? null : "rights_changed";
  }
  const user = users.get(actor.id);
  if (!user || user.disabled) return "disabled";
  if (actor.sessionId && endedSessions.has(actor.sessionId)) return "signed_out";
  if (actor.sessionExpiresAt !== undefined && actor.sessionExpiresAt <= nowSeconds) return "session_expired";
  // Sign-off roles count too: OIDC_ROLE_MAP may take away "Product Manager" while leaving the role as it was.
  return user.role === actor.role && sameRoles(user.signoffRoles, actor.signoffRoles) ? null : "rights_changed";
}

/** Compared as lists, not as text: a row written with other spacing must not cut its sockets every round. */
function sameRoles(stored: string, held: readonly string[]): boolean {
  try {
    const roles = JSON.parse(stored) as unknown;
    return Array.isArray(roles) && roles.length === held.length && roles.every((r, i) => r === held[i]);
  } catch {
    return held.length === 0;
  }
}

function end(socket: Socket, why: SessionEnded): void {
  const actor = socket.data.actor as Actor;
  logNotice("socket cut", { actor: actor.name, code: why.code });
  socket.data.actor = undefined;
  socket.emit("session:ended", why);
  socket.disconnect(true);
}

/** After a revoke or a user change on this server: check at once instead of waiting for the next round. */
export function cutSocketsSoon(): void {
  // Other instances hold sockets and cached tokens too: they check at once on the signal (else within SOCKET_RECHECK_MS).
  signalCluster(AUTH_CHANNEL, instanceId());
  cutSocketsSoonHere();
}

/** The check on this instance only (on another instance's signal). */
export function cutSocketsSoonHere(): void {
  revalidateSockets().catch((e) => logError("socket revalidation failed", { error: (e as Error).message }));
}

/** Starts the periodic check; returns its stop function. */
export function startSocketRevalidation(io: Server, everyMs: number): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await revalidateSockets(io);
    } catch (e) {
      logError("socket revalidation failed", { error: (e as Error).message });
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
