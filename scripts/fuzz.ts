/**
 * The long fuzzing campaign: `npm run fuzz -- --minutes N [--seed S] [--out DIR] [--targets a,b]`.
 * Prints inputs tried per target, crashes and hangs, and writes each failing input to DIR
 * (default fuzz-findings/) with a JSON sidecar; replay one with `npm run fuzz:repro -- FILE`.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { formatSummary, runCampaign } from '../test/fuzz/campaign.js';
import { TARGETS } from '../test/fuzz/targets.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    seed: { type: 'string' },
    out: { type: 'string', default: 'fuzz-findings' },
    targets: { type: 'string' },
    batch: { type: 'string', default: '25' },
    summary: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  for (const t of TARGETS) console.log(`${t.name.padEnd(12)} ${t.what}`);
  process.exit(0);
}
const minutes = Number(values.minutes);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const targets = values.targets?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = (targets ?? []).filter((t) => !TARGETS.some((x) => x.name === t));
if (!(minutes > 0) || !Number.isInteger(seed) || unknown.length) {
  console.error(`usage: npm run fuzz -- --minutes N [--seed S] [--out DIR] [--targets ${TARGETS.map((t) => t.name).join(',')}]${unknown.length ? `\nunknown target(s): ${unknown.join(', ')}` : ''}`);
  process.exit(2);
}
console.log(`fuzzing ${targets?.join(', ') ?? `${TARGETS.length} targets`} for ${minutes} min, seed ${seed}, findings to ${values.out}/`);
const result = await runCampaign({ minutes, seed, out: values.out, targets, batch: Number(values.batch), log: (l) => console.log(l) });
const text = formatSummary(result);
console.log(`\n${text}`);
if (values.summary) fs.writeFileSync(values.summary, `${JSON.stringify(result, null, 2)}\n`);
process.exit(result.findings.length ? 1 : 0);
