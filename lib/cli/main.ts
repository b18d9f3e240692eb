// tidegate: the command line for commanders and pipelines. Talks to the HTTP API and socket.io with an API token.
// Run through bin/tidegate.mjs, compiled to dist/cli/tidegate.mjs by scripts/cli/build-cli.mjs.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import packageJson from "../../package.json";
import { COMMANDS, type CommandType } from "../releases/core/machine";
import { ApiError } from "./api";
import { act } from "./commands/act";
import { create } from "./commands/create";
import { freezeCreate, freezeEnd, freezeList, quarantineLift, quarantineList } from "./commands/freezes";
import { status } from "./commands/status";
import { completionScript, SHELLS, type Shell } from "./completion";
import { wait } from "./commands/wait";
import { watch } from "./commands/watch";
import { resolveConnection } from "./connection";
import type { CliContext } from "./context";
import { parseDuration } from "../releases/core/duration";
import { CliError, EXIT } from "./exit-codes";
import { parseUntil } from "./until";

const EXIT_HELP = `
Environment:
  TIDEGATE_URL     the server (default http://localhost:3000); --url overrides it
  TIDEGATE_TOKEN   an API token (prefer this to --token, which other users of the machine can see)

Exit codes:
  0  done (the command applied; wait: the condition was met)
  1  unexpected error (server unreachable or failing); retry later
  2  bad usage or input (unknown option, no token, unreadable or invalid plan)
  3  wait: the release was rolled back
  4  wait: --timeout elapsed
  5  wait: the condition can no longer be met (completed while waiting for rolled_back)
  6  refused by the server (gate unmet, the release moved on, action not allowed now)
  7  not allowed (token missing, unknown, revoked, or outside its scope)
  8  no such release`;

const COMMAND_HELP: Record<CommandType, string> = {
  start: "start wave 1 of a draft",
  continue: "promote to the next wave, or complete after the last",
  pause: "hold the current wave",
  resume: "go on with a paused wave",
  rollback: "take all traffic back to the baseline",
  retry: "start again from wave 1 after a rollback",
  step_back: "return to the previous wave and hold it paused (a partial rollback)",
};

interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
}

function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number`);
    return n;
  };
}

export function buildProgram(run: (code: number) => void, io: { out(text: string): void; err(text: string): void }): Command {
  const program = new Command("tidegate")
    .description("Follow and steer Tidegate releases from a terminal or a pipeline.")
    .option("--url <url>", "server URL (env TIDEGATE_URL)")
    .option("--token <token>", "API token (env TIDEGATE_TOKEN)")
    .option("--json", "machine-readable output: JSON on stdout (one object per line for watch)")
    .version(packageJson.version, "-V, --version", "print the version")
    .helpCommand("help [command]", "show help for a command")
    .addHelpText("after", EXIT_HELP)
    .showHelpAfterError("(tidegate --help lists the commands)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, "")), writeErr: (s) => io.err(s.replace(/\n$/, "")) });

  const context = (cmd: Command): CliContext => {
    const g = cmd.optsWithGlobals<GlobalOptions>();
    return { conn: resolveConnection(g), json: !!g.json, out: io.out, note: io.err };
  };
  // Each action runs once; its exit code (or error) is handed to `run`.
  const action =
    <A extends unknown[]>(fn: (ctx: CliContext, ...args: A) => Promise<number>) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      run(await fn(context(cmd), ...(args.slice(0, -1) as A)));
    };

  program
    .command("status")
    .description("every release, or one release in detail (status, wave, health, what blocks CONTINUE)")
    .argument("[release]", "release id, id prefix or exact name")
    .action(action((ctx, ref: string | undefined) => status(ctx, ref)));

  program
    .command("watch")
    .description("print the release's events as they happen, until Ctrl-C")
    .argument("<release>", "release id, id prefix or exact name")
    .option("--history <n>", "past events to print first", positiveInt("--history"), 10)
    .action(action((ctx, ref: string, o: { history: number }) => watch(ctx, ref, o)));

  for (const command of COMMANDS) {
    program
      .command(command)
      .description(`${COMMAND_HELP[command]} (the board's ${command.toUpperCase()} button)`)
      .argument("<release>", "release id, id prefix or exact name")
      .option("--reason <text>", "why, for the audit log and the room")
      .option("--expected-version <n>", "the release version you decided on (from status --json); refused with exit 6 if it moved", positiveInt("--expected-version"))
      .option("--idempotency-key <key>", "resend-safe key (default: a new one per invocation, reused on retries)")
      .option("--track <key>", "a programme's track (tidegate status lists them); PAUSE and ROLLBACK without one act on every running track")
      .action(action((ctx, ref: string, o: { reason?: string; expectedVersion?: number; idempotencyKey?: string; track?: string }) => act(ctx, command as CommandType, ref, o)));
  }

  program
    .command("create")
    .description("create a release (draft) from a plan file")
    .requiredOption("--plan <file>", "the plan as JSON (- for stdin); the format is in the README and at /api/plan-schema.json")
    .option("--start", "start wave 1 right away")
    .option("-q, --quiet", "print only the new release's id")
    .action(action((ctx, o: { plan: string; start?: boolean; quiet?: boolean }) => create(ctx, o)));

  program
    .command("wait")
    .description("block until the release is completed, rolled back or in a wave; the exit code says which")
    .argument("<release>", "release id, id prefix or exact name")
    .addOption(
      new Option("--until <condition>", "completed | rolled_back | wave:N (N from 1)")
        .makeOptionMandatory()
        .argParser((v) => parseUntil(v) ?? fail(`--until takes completed, rolled_back or wave:N, not "${v}"`)),
    )
    .option("--timeout <duration>", "give up after this long (90s, 15m, 2h, 1h30m); exit 4", (v) => parseDuration(v) ?? fail(`--timeout takes a duration like 90s, 15m or 2h, not "${v}"`))
    .action(action((ctx, ref: string, o: { until: NonNullable<ReturnType<typeof parseUntil>>; timeout?: number }) => wait(ctx, ref, { until: o.until, timeoutMs: o.timeout })));

  // Issue 25: freezes and quarantined versions.
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const freeze = program.command("freeze").description("the freeze calendar: list, declare (admins) and end (admins) freezes");
  freeze
    .command("list")
    .description("current and upcoming freezes")
    .option("--past-days <n>", "also those ended or over in the last N days (at most 90)", positiveInt("--past-days"))
    .action(action((ctx, o: { pastDays?: number }) => freezeList(ctx, o)));
  freeze
    .command("create")
    .description("declare a freeze: START, CONTINUE, RESUME, RETRY and automatic promotion wait while it holds")
    .requiredOption("--to <time>", "when it ends (ISO 8601 with a zone, e.g. 2026-11-30T06:00:00Z)")
    .option("--from <time>", "when it begins (default: now)")
    .requiredOption("--reason <text>", "why (shown on every board it holds)")
    .option("--service <name>", "a service it holds (repeat for several; default: every service)", collect)
    .option("--environment <name>", "an environment it holds (repeat for several; default: every environment)", collect)
    .action(action((ctx, o: { from?: string; to: string; reason: string; service?: string[]; environment?: string[] }) => freezeCreate(ctx, o)));
  freeze
    .command("end")
    .description("end a freeze before its time")
    .argument("<id>", "the freeze's id (freeze list)")
    .requiredOption("--reason <text>", "why, for the audit log")
    .action(action((ctx, id: string, o: { reason: string }) => freezeEnd(ctx, id, o)));
  const quarantine = program.command("quarantine").description("versions quarantined by a rollback: list them, lift one (admins)");
  quarantine
    .command("list")
    .description("standing quarantines, newest first")
    .option("--all", "include lifted ones")
    .option("--service <name>", "one service only")
    .action(action((ctx, o: { all?: boolean; service?: string }) => quarantineList(ctx, o)));
  quarantine
    .command("lift")
    .description("lift a quarantine: releases of that version may START again")
    .argument("<id>", "the quarantine's id (quarantine list)")
    .requiredOption("--reason <text>", "why, for the audit log")
    .action(action((ctx, id: string, o: { reason: string }) => quarantineLift(ctx, id, o)));

  program
    .command("completion")
    .description("print a shell completion script: source <(tidegate completion bash), or zsh")
    .argument("<shell>", SHELLS.join(" | "), (v) => ((SHELLS as readonly string[]).includes(v) ? (v as Shell) : fail(`completion takes ${SHELLS.join(" or ")}, not "${v}"`)))
    .action((shell: Shell) => {
      io.out(completionScript(shell, program).replace(/\n$/, ""));
      run(EXIT.ok);
    });

  return program;
}

/** A refused token is told so: "Sign in" means nothing to a pipeline (and older servers still say it). */
function withTokenHint(e: unknown): unknown {
  if (!(e instanceof ApiError) || e.status !== 401) return e;
  return new CliError("The API token was refused: it is invalid (unknown, revoked or expired). Check TIDEGATE_TOKEN or --token, or create a new token.", e.exitCode, {
    status: e.status,
    code: e.code,
    server: e.message,
  });
}

function fail(message: string): never {
  throw new InvalidArgumentError(message);
}

/** Runs the CLI on argv and returns the exit code. */
export async function main(argv: string[], io = { out: (t: string) => console.log(t), err: (t: string) => console.error(t) }): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => {
    code = c;
  }, io);
  const json = argv.includes("--json");
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version are not failures; everything else commander refuses is bad usage.
      return e.code === "commander.helpDisplayed" || e.code === "commander.help" || e.code === "commander.version" ? EXIT.ok : EXIT.usage;
    }
    const refused = withTokenHint(e);
    const error = refused instanceof CliError ? refused : new CliError(`Unexpected error: ${(refused as Error)?.message ?? String(refused)}`, EXIT.error);
    io.err(`tidegate: ${error.message}`);
    if (json) io.out(JSON.stringify({ error: { message: error.message, exitCode: error.exitCode, details: error.details ?? null } }));
    return error.exitCode;
  }
}
