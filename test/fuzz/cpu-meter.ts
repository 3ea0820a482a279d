/**
 * CPU time and scheduling state of another process, read from Linux's /proc: the watchdog judges a
 * fuzz call by the CPU the worker spent on it (load-independent), not by wall time (which a
 * loaded machine stretches without limit). Elsewhere `read()` returns undefined and the watchdog
 * falls back to wall time.
 */
import fs from 'node:fs';

/** Linux reports utime/stime in USER_HZ ticks, 100 per second on every architecture Node runs on. */
const TICK_MS = 10;

export interface CpuSample {
  /** User + system CPU of all the process's threads, in ms. */
  cpuMs: number;
  /** Some thread is running, runnable (waiting for a CPU) or in uninterruptible (disk) sleep. */
  busy: boolean;
  /** Every thread is stopped (SIGSTOP, a debugger): no code runs, so nothing can be judged. */
  stopped: boolean;
}

/** Fields of a /proc stat line after the command name (which may hold spaces and parentheses). */
function statFields(text: string): string[] {
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

export function readCpu(pid: number): CpuSample | undefined {
  try {
    const f = statFields(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    // after the name: state(0) … utime(11) stime(12); the process line sums all its threads
    const cpuMs = (Number(f[11]) + Number(f[12])) * TICK_MS;
    if (!Number.isFinite(cpuMs)) return undefined;
    let busy = false;
    let stopped = true;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      let state: string | undefined;
      try {
        state = statFields(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'))[0];
      } catch {
        continue; // the thread ended between the listing and the read
      }
      if (state === 'R' || state === 'D') busy = true;
      if (state !== 'T' && state !== 't') stopped = false;
    }
    return { cpuMs, busy, stopped };
  } catch {
    return undefined;
  }
}
