// Runs tests/support/demo-exporter.mjs (prom-client) as a child process on a free loopback port.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./free-port";

export interface ExporterProcess {
  /** host:port, as a Prometheus scrape target. */
  target: string;
  /** Changes a cohort's behaviour, e.g. control("cohort=canary&errorRate=0.5"). */
  control(query: string): Promise<void>;
  stop(): void;
}

export async function startExporter(): Promise<ExporterProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["tests/support/demo-exporter.mjs", String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => String(d).includes("listening") && resolve());
    child.once("exit", (code) => reject(new Error(`exporter exited ${code}`)));
  });
  const target = `127.0.0.1:${port}`;
  return {
    target,
    control: async (query) => {
      const res = await fetch(`http://${target}/control?${query}`, { method: "POST" });
      if (!res.ok) throw new Error(`exporter control failed: ${res.status}`);
    },
    stop: () => void child.kill("SIGTERM"),
  };
}
