// A real OpenID Connect provider on loopback (the `oidc-provider` package) for the sign-in tests, run as its own
// process (the package is ESM-only and Playwright's loader is not). Its dev interactions are the login and consent
// pages (any login, any password). A test changes a person's groups between sign-ins through POST /__test/accounts.
//   PORT=<port> CLIENT_ID=.. CLIENT_SECRET=.. REDIRECT_URI=.. node tests/support/oidc-provider-process.mjs
// prints {"issuer": "..."} on stdout once it listens.
import { createServer } from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const issuer = `http://localhost:${port}`;
/** login -> claims; a login not listed signs in as <login>@example.test with no groups. */
const accounts = new Map();

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      // Read at each token and userinfo request: the groups are whatever the test set last.
      async claims() {
        const a = accounts.get(id) ?? {};
        return { sub: id, email: a.email ?? `${id}@example.test`, email_verified: true, name: a.name ?? id, groups: a.groups ?? [] };
      },
    };
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
  scopes: ["openid", "email", "profile", "groups", "offline_access"],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["tidegate-test-oidc-cookie-key-0123456789"] },
  // Short-lived grants are enough for a test; nothing outlives the process.
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
});
provider.proxy = false;

const callback = provider.callback();
const server = createServer((req, res) => {
  if (req.method === "POST" && req.url === "/__test/accounts") {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const { login, ...claims } = JSON.parse(body);
      accounts.set(login, { ...(accounts.get(login) ?? {}), ...claims });
      res.writeHead(204).end();
    });
    return;
  }
  callback(req, res);
});
server.listen(port, "127.0.0.1", () => console.log(JSON.stringify({ issuer })));
if (process.channel) {
  process.channel.unref();
  process.on("disconnect", () => process.exit(0));
}
