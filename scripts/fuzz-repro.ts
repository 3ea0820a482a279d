/**
 * Replays one reproducer written by `npm run fuzz`: `npm run fuzz:repro -- fuzz-findings/<file>`
 * (the input or its .json sidecar). Runs the target under the same watchdog; exit 0 when it now
 * passes, 1 when it still fails.
 */
import fs from 'node:fs';
import { Watchdog } from '../test/fuzz/watchdog.js';
import { targetByName } from '../test/fuzz/targets.js';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: npm run fuzz:repro -- <reproducer file or its .json sidecar> [--timeout MS]');
  process.exit(2);
}
const inputFile = arg.endsWith('.json') && fs.existsSync(arg.slice(0, -'.json'.length)) ? arg.slice(0, -'.json'.length) : arg;
const side = JSON.parse(fs.readFileSync(`${inputFile}.json`, 'utf8')) as { target: string; path: string; kind: string; error: string };
const target = targetByName(side.target);
if (!target) {
  console.error(`unknown target ${side.target}`);
  process.exit(2);
}
const ti = process.argv.indexOf('--timeout');
const timeout = ti > 0 ? Number(process.argv[ti + 1]) : target.timeoutMs * 4;
console.log(`${target.name}: ${target.what}\nrecorded: ${side.kind}: ${side.error.split('\n')[0]}`);
const dog = new Watchdog();
const o = await dog.call({ target: target.name, bytes: fs.readFileSync(inputFile), path: side.path }, timeout, true);
await dog.close();
if (o.kind === 'ok' && o.digest === o.digest2) {
  console.log(`now: ok in ${Math.round(o.ms)} ms (deterministic)`);
  process.exit(0);
}
console.log(`now: ${o.kind} after ${Math.round(o.ms)} ms${'error' in o ? `: ${o.error}` : o.kind === 'ok' ? ': two runs differ' : ''}${'stack' in o && o.stack ? `\n${o.stack}` : ''}`);
process.exit(1);
