// `--debug-timing`: one stderr line per start-up phase, written as it ends, so a slow start shows where it waits
// (module loading, config, database, models, the first feed request). Off by default and free when off: `mark` only
// compares a boolean. Times are milliseconds since the process started (performance.now()'s origin).
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** The command-line flag, accepted anywhere in `radar`'s arguments. */
export const TIMING_FLAG = '--debug-timing';
/** The prefix of every timing line; `npm run bench -- --only startup` parses these lines. */
export const TIMING_PREFIX = 'timing';

let enabled = false;
let last = 0;
/** Milliseconds from the process's start to this thread's (0 on the main thread). */
let offsetMs = 0;
let prefix = '';
const once = new Set<string>();

// Written synchronously to the process's stderr: a worker thread's piped stderr loses lines when it is terminated.
function line(atMs: number, deltaMs: number, phase: string): void {
  writeSync(2, `${TIMING_PREFIX} ${(atMs + offsetMs).toFixed(1).padStart(8)} ms ${`+${deltaMs.toFixed(1)}`.padStart(9)} ms  ${prefix}${phase}\n`);
}

/**
 * Turns timing on. On the main thread the first line is Node's own bootstrap, before any of our code ran; a worker
 * thread passes the main thread's performance.timeOrigin so its times count from the process start too.
 */
export function enableTiming(worker?: { originMs: number; thread: string }): void {
  if (enabled) return;
  enabled = true;
  if (worker) {
    offsetMs = performance.timeOrigin - worker.originMs;
    prefix = `[${worker.thread}] `;
    last = performance.now();
    line(last, 0, 'thread started');
    return;
  }
  const boot = performance.nodeTiming.bootstrapComplete;
  line(boot, boot, 'node bootstrap');
  last = boot;
}

/** Whether `--debug-timing` is on. */
export function timingEnabled(): boolean {
  return enabled;
}

/** Ends the current phase: prints how long it took since the previous mark. No-op when timing is off. */
export function mark(phase: string): void {
  if (!enabled) return;
  const now = performance.now();
  line(now, now - last, phase);
  last = now;
}

/** Like `mark`, but only the first time `phase` is reached (e.g. the first feed request of a cycle). */
export function markOnce(phase: string): void {
  if (!enabled || once.has(phase)) return;
  once.add(phase);
  mark(phase);
}

/** Times an async step as one phase. */
export async function timed<T>(phase: string, step: () => Promise<T>): Promise<T> {
  const result = await step();
  mark(phase);
  return result;
}
