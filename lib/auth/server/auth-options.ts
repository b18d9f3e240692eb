// next-auth configuration: database users with scrypt passwords, optional OIDC / GitHub from the environment.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { Provider } from "next-auth/providers/index";
import { randomUUID } from "node:crypto";
import { config } from "../../platform/config/config";
import { db } from "../../platform/db/client";
import { logSignIn } from "../../platform/logging/ops-log";
import { hasDeviceCookie, loginKeys, reserveLoginAttempt } from "./login-rate-limit";
import { isWellFormed } from "../../releases/core/text";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import { revokeSession } from "./revoked-sessions";

export const CLIENT_ADDRESS_HEADER = "x-tidegate-client-address";

function headerOf(req: unknown, name: string): string | undefined {
  const headers = (req as { headers?: Record<string, string | string[] | undefined> | Headers })?.headers;
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

function providers(): Provider[] {
  const cfg = config();
  const list: Provider[] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "").trim().toLowerCase();
        const password = String(credentials?.password ?? "");
        const address = headerOf(req, CLIENT_ADDRESS_HEADER) ?? "unknown";
        if (!email || !password || email.length > 320 || password.length > 1000) return null;
        // PostgreSQL cannot compare text holding NUL, and no account's email holds a control character.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
        if (/[\u0000-\u001f]/.test(email) || !isWellFormed(email)) return null;
        const trusted = hasDeviceCookie(headerOf(req, "cookie"), email);
        const reservation = await reserveLoginAttempt(loginKeys(email, address, trusted));
        if (!reservation) {
          logSignIn({ outcome: "throttled", actor: email, provider: "credentials", address, trustedDevice: trusted });
          return null;
        }
        const user = await db().user.findUnique({ where: { email } });
        const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
        await reservation.finish(!!ok);
        if (!ok || !user) {
          logSignIn({ outcome: "failed", actor: email, provider: "credentials", address });
          return null;
        }
        logSignIn({ outcome: "signed in", actor: user.email, provider: "credentials", address });
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ];
  if (cfg.OIDC_ISSUER && cfg.OIDC_CLIENT_ID && cfg.OIDC_CLIENT_SECRET) {
    list.push({
      id: "oidc",
      name: "Single sign-on",
      type: "oauth",
      wellKnown: `${cfg.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: cfg.OIDC_CLIENT_ID,
      clientSecret: cfg.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (p: { sub: string; email: string; name?: string }) => ({ id: p.sub, email: p.email, name: p.name ?? p.email }),
    });
  }
  if (cfg.GITHUB_ID && cfg.GITHUB_SECRET) {
    list.push(GitHubProvider({ clientId: cfg.GITHUB_ID, clientSecret: cfg.GITHUB_SECRET }));
  }
  return list;
}

/** People who arrive through OAuth get a user row with the default role; an admin promotes them. */
async function ensureOAuthUser(email: string, name: string) {
  const existing = await db().user.findUnique({ where: { email } });
  if (existing) return existing;
  return db().user.create({
    data: {
      id: randomUUID(),
      email,
      name,
      passwordHash: await hashPassword(randomUUID()),
      role: config().OIDC_DEFAULT_ROLE,
    },
  });
}

export function authOptions(): NextAuthOptions {
  return {
    secret: config().authSecret,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    providers: providers(),
    pages: { signIn: "/login" },
    events: {
      // Sign-out ends the session on the server, not only by deleting the cookie in this browser.
      async signOut({ token }) {
        if (typeof token?.jti === "string") await revokeSession(token.jti, typeof token.exp === "number" ? token.exp : undefined);
        logSignIn({ outcome: "signed out", actor: typeof token?.email === "string" ? token.email : String(token?.sub ?? "unknown"), provider: "session" });
      },
    },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "credentials") {
          if (!user.email) return false;
          const row = await ensureOAuthUser(user.email.toLowerCase(), user.name ?? user.email);
          if (row.disabled) {
            logSignIn({ outcome: "failed", actor: row.email, provider: account?.provider ?? "oauth" });
            return false;
          }
          logSignIn({ outcome: "signed in", actor: row.email, provider: account?.provider ?? "oauth" });
        }
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const row = await db().user.findUnique({ where: { email: (user.email ?? "").toLowerCase() } });
          if (row) token.sub = row.id;
        }
        return token;
      },
    },
  };
}
