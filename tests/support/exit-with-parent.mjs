// Preloaded into servers that tests start (server-process.ts): the test process holds an IPC channel to the server,
// and when that process ends in any way (a timed-out test, a worker vitest kills), the channel closes and the server
// ends too, instead of running on for the rest of the suite. The channel does not keep the server alive by itself.
if (process.channel) {
  process.channel.unref();
  process.on("disconnect", () => process.kill(process.pid, "SIGKILL"));
}
