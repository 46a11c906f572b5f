// Preloaded into the Electronegativity run (scripts/electronegativity.mjs). Offline, the tool's
// translation download times out and got's retry then throws "The `onCancel` handler was attached
// after the promise settled" from a timer, which kills the process before the report is written.
// That one error is harmless (the built-in English texts are used); anything else still crashes.
process.on('uncaughtException', (e) => {
  if (e && /onCancel. handler was attached after the promise settled/u.test(String(e.message))) return;
  console.error(e);
  process.exit(70);
});
