/**
 * The fuzz watchdog judges a call by the worker's CPU time: a loaded machine (a starved worker)
 * is not a hang, a loop or a wait that never ends still is. The worker's self-test targets
 * (test/fuzz/worker.ts) stand for each case.
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Watchdog } from './fuzz/watchdog.js';
import { readCpu } from './fuzz/cpu-meter.js';

const linux = readCpu(process.pid) !== undefined;
const call = (dog: Watchdog, target: string, arg: number, budgetMs: number) =>
  dog.call({ target: `watchdog:${target}`, path: 'x', bytes: Buffer.from(String(arg)) }, budgetMs);

describe('fuzz watchdog', { skip: linux ? undefined : 'CPU time is read from /proc (Linux); elsewhere the budget is wall time' }, () => {
  const dog = new Watchdog();
  after(() => dog.close());

  test('the CPU meter sees this process work', () => {
    const a = readCpu(process.pid)!;
    const c0 = process.cpuUsage();
    let x = 0;
    while ((process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000 < 100) x = (x + 1) % 7;
    const b = readCpu(process.pid)!;
    assert.ok(b.cpuMs - a.cpuMs >= 50, `${a.cpuMs} → ${b.cpuMs} ms (${x})`);
    assert.equal(b.busy, true, 'this thread is running');
    assert.equal(b.stopped, false);
  });

  test('a call that answers within its CPU budget is ok, with the CPU it used', async () => {
    const o = await call(dog, 'work', 200, 5000);
    assert.equal(o.kind, 'ok', JSON.stringify(o));
    assert.ok(o.kind === 'ok' && o.cpuMs !== undefined && o.cpuMs >= 200, JSON.stringify(o));
  });

  test('a starved worker is not a hang: stopped for 2.5 s of wall time, it answers within a 1 s CPU budget', async () => {
    await call(dog, 'work', 1, 5000); // the worker is up
    const pid = dog.pid!;
    const t0 = performance.now();
    const pending = call(dog, 'work', 300, 1000);
    process.kill(pid, 'SIGSTOP');
    await new Promise((r) => setTimeout(r, 2500));
    process.kill(pid, 'SIGCONT');
    const o = await pending;
    assert.equal(o.kind, 'ok', `a wall-time watchdog reports this as a hang: ${JSON.stringify(o)}`);
    assert.ok(performance.now() - t0 >= 2500, 'the call spanned the stop');
  });

  test('a loop is a hang once it has spent its CPU budget', async () => {
    const o = await call(dog, 'spin', 0, 500);
    assert.equal(o.kind, 'hang', JSON.stringify(o));
    assert.ok(o.kind === 'hang' && o.cpuMs > 500, JSON.stringify(o));
    assert.match(o.kind === 'hang' ? o.error : '', /ms of CPU \(budget 500 ms/);
    // the worker is replaced: the next call runs
    assert.equal((await call(dog, 'work', 1, 5000)).kind, 'ok');
  });

  test('a wait that never ends (no CPU, no runnable thread) is a hang, long before the wall-time backstop', async () => {
    const o = await call(dog, 'block', 0, 1000);
    assert.equal(o.kind, 'hang', JSON.stringify(o));
    assert.match(o.kind === 'hang' ? o.error : '', /^blocked: no CPU used and no thread runnable/);
  });
});
