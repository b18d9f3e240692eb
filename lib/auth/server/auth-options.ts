// next-auth configuration: database users with scrypt passwords, optional OIDC / GitHub from the environment.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { Provider } from "next-auth/providers/index";
import { config } from "../../platform/config/config";
import { db } from "../../platform/db/client";
import { logSignIn } from "../../platform/logging/ops-log";
import { hasDeviceCookie, loginKeys, reserveLoginAttempt } from "./login-rate-limit";
import { isWellFormed } from "../../releases/core/text";
import { burnPasswordCheck, verifyPassword } from "./password";
import { groupsOf } from "../core/role-map";
import { signInOAuthUser } from "./sign-in-oauth-user";
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
  const list: Provider[] = [];
  // AUTH_PASSWORD=off: no credentials provider at all (the route refuses its endpoints in the error shape first).
  if (cfg.AUTH_PASSWORD !== "off") list.push(passwordProvider());
  if (cfg.OIDC_ISSUER && cfg.OIDC_CLIENT_ID && cfg.OIDC_CLIENT_SECRET) list.push(oidcProvider(cfg.OIDC_ISSUER, cfg.OIDC_CLIENT_ID, cfg.OIDC_CLIENT_SECRET));
  if (cfg.GITHUB_ID && cfg.GITHUB_SECRET) {
    list.push(GitHubProvider({ clientId: cfg.GITHUB_ID, clientSecret: cfg.GITHUB_SECRET }));
  }
  return list;
}

type Claims = Record<string, unknown> & { sub: string; email?: string; name?: string; preferred_username?: string; upn?: string };

/**
 * Any OpenID Connect provider, with PKCE and state checked. The profile is the ID token's claims completed by the
 * userinfo endpoint's (Keycloak may put groups in either; Entra ID puts them in the ID token only): the signed ID
 * token wins where both say something.
 */
function oidcProvider(issuer: string, clientId: string, clientSecret: string): Provider {
  const cfg = config();
  return {
    id: "oidc",
    name: cfg.OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: cfg.OIDC_SCOPES } },
    idToken: true,
    checks: ["pkce", "state"],
    userinfo: {
      async request({ tokens: params, client }) {
        // next-auth hands over openid-client's TokenSet (callback.js builds it), typed as its plain parameters.
        const tokens = params as unknown as { claims(): Record<string, unknown>; access_token?: string };
        const claims = tokens.claims() as Claims;
        let extra: Record<string, unknown> = {};
        if (tokens.access_token) {
          try {
            extra = (await client.userinfo(tokens.access_token)) as Record<string, unknown>;
          } catch (e) {
            logSignIn({ outcome: "userinfo unavailable", actor: String(claims.email ?? claims.sub), provider: "oidc", error: (e as Error).message });
          }
        }
        return { ...extra, ...claims } as Claims;
      },
    },
    profile: (p: Claims) => {
      // Entra ID may leave `email` out; its `preferred_username` / `upn` is the sign-in address then.
      const email = p.email ?? p.preferred_username ?? p.upn ?? "";
      return { id: p.sub, email, name: p.name ?? email };
    },
  };
}

function passwordProvider(): Provider {
  return CredentialsProvider({
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
  });
}

export function authOptions(): NextAuthOptions {
  return {
    secret: config().authSecret,
    session: { strategy: "jwt", maxAge: config().SESSION_MAX_AGE_SECONDS },
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
      async signIn({ user, account, profile }) {
        if (account?.provider !== "credentials") {
          if (!user.email) return false;
          const provider = account?.provider ?? "oauth";
          const groups = provider === "oidc" && profile ? groupsOf(profile as Record<string, unknown>, config().OIDC_GROUPS_CLAIM) : null;
          const row = await signInOAuthUser({ email: user.email.toLowerCase(), name: user.name ?? user.email, groups });
          if (row.disabled) {
            logSignIn({ outcome: "failed", actor: row.email, provider });
            return false;
          }
          logSignIn({ outcome: "signed in", actor: row.email, provider, role: row.role, ...(groups ? { groups: groups.slice(0, 50) } : {}) });
        }
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const row = await db().user.findUnique({ where: { email: (user.email ?? "").toLowerCase() } });
          if (row) token.sub = row.id;
          // The sign-in time: SESSION_MAX_AGE_SECONDS counts from here, however often the cookie is renewed.
          token.authAt = Math.floor(Date.now() / 1000);
        }
        return token;
      },
    },
  };
}
