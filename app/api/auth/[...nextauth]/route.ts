import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/server/auth-options";
import { config } from "@/lib/platform/config/config";
import { DEVICE_COOKIE, deviceCookieValue } from "@/lib/auth/server/login-rate-limit";
import { appError, errorFor, HttpError } from "@/lib/platform/http/app-error";
import { errorResponse } from "@/lib/platform/http/handle";
import { BODY_LIMITS, decodeUtf8, readBodyBytes } from "@/lib/platform/http/read-json-body";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints take HTML forms (application/x-www-form-urlencoded), as its own client and the README's
 * curl recipe send them. Anything else is 415 in the one error shape, and a form is read through the byte limit.
 */
async function handler(req: NextRequest, ctx: Context): Promise<Response> {
  try {
    if (config().AUTH_PASSWORD === "off" && /\/(callback|signin)\/credentials\/?$/.test(req.nextUrl.pathname)) {
      await req.body?.cancel().catch(() => {});
      throw new HttpError(
        appError(403, "password_sign_in_off", "Password sign-in is turned off on this server (AUTH_PASSWORD=off): sign in with single sign-on", { provider: "credentials" }),
      );
    }
    if (req.method !== "POST") return await NextAuth(authOptions())(req, ctx);
    const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") {
      await req.body?.cancel().catch(() => {});
      throw new HttpError(
        appError(415, "unsupported_media_type", "Sign-in endpoints take a form: Content-Type: application/x-www-form-urlencoded", {
          contentType: req.headers.get("content-type"),
        }),
      );
    }
    const form = decodeUtf8(await readBodyBytes(req, BODY_LIMITS.form));
    const copy = new NextRequest(req.url, { method: "POST", headers: req.headers, body: form });
    const res = await NextAuth(authOptions())(copy, ctx);
    return rememberDevice(req, form, res);
  } catch (e) {
    const error = errorFor(e);
    console[error.status >= 500 ? "error" : "warn"](
      JSON.stringify({ msg: error.status >= 500 ? "request failed" : "request refused", method: req.method, path: req.nextUrl.pathname, status: error.status, code: error.code, error: error.status >= 500 ? String(e) : undefined }),
    );
    return errorResponse(error);
  }
}

/**
 * After a successful password sign-in, the browser gets a signed device cookie for that account: its later attempts
 * are throttled on their own, so neither someone sharing its address nor someone guessing the password locks it out.
 */
function rememberDevice(req: NextRequest, form: string, res: Response): Response {
  if (!req.nextUrl.pathname.endsWith("/callback/credentials")) return res;
  const signedIn = res.headers.getSetCookie().some((c) => /next-auth\.session-token=[^;]+/.test(c));
  const email = new URLSearchParams(form).get("email")?.trim().toLowerCase();
  if (!signedIn || !email) return res;
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://") ? "; Secure" : "";
  const headers = new Headers(res.headers);
  headers.append("Set-Cookie", `${DEVICE_COOKIE}=${deviceCookieValue(email)}; Path=/api/auth; HttpOnly; SameSite=Lax; Max-Age=${180 * 86400}${secure}`);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

export { handler as GET, handler as POST };
