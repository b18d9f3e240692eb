// Starts tests/support/oidc-provider-process.mjs (a real OIDC provider on loopback) and lets a test set a person's
// groups between sign-ins.
import { spawn } from "node:child_process";
import { freePort } from "./free-port";

export interface OidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  setAccount(login: string, claims: { email?: string; name?: string; groups?: string[] }): Promise<void>;
  stop(): void;
}

export async function startOidcProvider(redirectUri: string): Promise<OidcProvider> {
  const port = await freePort();
  const clientId = "tidegate-test";
  const clientSecret = "tidegate-test-secret-0123456789";
  const child = spawn(process.execPath, ["tests/support/oidc-provider-process.mjs"], {
    env: { ...process.env, PORT: String(port), CLIENT_ID: clientId, CLIENT_SECRET: clientSecret, REDIRECT_URI: redirectUri },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  child.channel?.unref();
  let log = "";
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`OIDC provider did not start:\n${log}`)), 20_000);
    child.stderr?.on("data", (d) => (log += d));
    child.stdout?.on("data", (d) => {
      log += d;
      const line = log.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line).issuer);
      }
    });
    child.once("exit", (code) => reject(new Error(`OIDC provider exited (${code}):\n${log}`)));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    async setAccount(login, claims) {
      const res = await fetch(`${issuer}/__test/accounts`, { method: "POST", body: JSON.stringify({ login, ...claims }) });
      if (res.status !== 204) throw new Error(`setAccount: ${res.status}`);
    },
    stop: () => child.kill("SIGTERM"),
  };
}
