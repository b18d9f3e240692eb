// Where the server is and who the CLI is: --url/--token, else TIDEGATE_URL/TIDEGATE_TOKEN.
import type { Connection } from "./api";
import { CliError, EXIT } from "./exit-codes";

export const DEFAULT_URL = "http://localhost:3000";

export function resolveConnection(options: { url?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): Connection {
  const url = (options.url ?? env.TIDEGATE_URL ?? DEFAULT_URL).trim().replace(/\/+$/, "");
  const token = (options.token ?? env.TIDEGATE_TOKEN ?? "").trim();
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http(s)");
  } catch {
    throw new CliError(`Not a server URL: "${url}" (set TIDEGATE_URL or --url, e.g. https://tidegate.example.com)`, EXIT.usage);
  }
  if (!token) {
    throw new CliError("No API token: set TIDEGATE_TOKEN or pass --token (an admin creates one in Admin > API tokens, or with npm run token:create)", EXIT.usage);
  }
  return { url, token };
}
