// An HTTP client with a cookie jar that signs in through next-auth's standard credentials endpoints,
// exactly as a script would: GET /api/auth/csrf, then POST /api/auth/callback/credentials.
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class SessionClient {
  private jar = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string, private bearer?: string) {}

  static withToken(baseUrl: string, token: string) {
    return new SessionClient(baseUrl, token);
  }

  /** The cookies the server has set (name and value), to hand a signed-in session to a browser. */
  cookies(): { name: string; value: string }[] {
    return [...this.jar].map(([name, value]) => ({ name, value }));
  }

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async raw(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (this.jar.size) headers.cookie = this.cookieHeader();
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.baseUrl + path, { ...init, headers, redirect: "manual" });
    this.remember(res.headers);
    return res;
  }

  /** Signs in; returns whether next-auth accepted the credentials. */
  async signIn(email: string, password: string): Promise<boolean> {
    const csrf = await (await this.raw("/api/auth/csrf")).json();
    this.csrfToken = csrf.csrfToken;
    const res = await this.raw("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, json: "true" }).toString(),
    });
    await res.text();
    return [...this.jar.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h["content-type"] = "application/json";
    if (this.csrfToken && method !== "GET" && !("x-csrf-token" in h)) h["x-csrf-token"] = this.csrfToken;
    const res = await this.raw(path, { method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // leave as text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PATCH", path, body, headers);
  }
  delete<T = any>(path: string) {
    return this.request<T>("DELETE", path);
  }
}
