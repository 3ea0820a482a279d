/**
 * Benchmark: match every requirement of a go.mod (plus the go/toolchain line) against a
 * vulnerability database. Usage: bench-vuln <vulndb dir> <go.mod>... (run with --expose-gc for
 * stable heap figures). Prints load and match time, heap growth and the match count.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseGoMod } from '../src/go/gomod.js';
import { parseGoSum } from '../src/facts/go-sum.js';
import { openVulnDb } from '../src/supply/vulndb.js';
import { goRequirement, requirementsOf, vulnsFor } from '../src/supply/vuln-match.js';

const [dbDir, ...mods] = process.argv.slice(2);
if (!dbDir || !mods.length) {
  console.error('usage: bench-vuln <vulndb dir> <go.mod>...');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => { gc?.(); return process.memoryUsage().heapUsed; };
const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;
const h0 = heap();
const rss0 = process.memoryUsage().rss;
let t = performance.now();
const db = openVulnDb(dbDir);
const loadMs = performance.now() - t;
const h1 = heap();
for (const file of mods) {
  const mod = parseGoMod(fs.readFileSync(file, 'utf8'));
  const sumFile = path.join(path.dirname(file), 'go.sum');
  const sum = fs.existsSync(sumFile) ? parseGoSum(fs.readFileSync(sumFile, 'utf8'), sumFile) : undefined;
  t = performance.now();
  const reqs = requirementsOf(mod, file, sum);
  const goReq = goRequirement(mod, file);
  let matches = 0;
  const rounds = 20;
  for (let i = 0; i < rounds; i++) {
    matches = 0;
    for (const r of reqs) matches += vulnsFor(db, r).length;
    if (goReq) matches += vulnsFor(db, goReq).length + vulnsFor(db, { ...goReq, path: 'toolchain' }).length;
  }
  const matchMs = (performance.now() - t) / rounds;
  console.log(`${file}: ${reqs.length} requirements, ${matches} affected (module level), match ${matchMs.toFixed(2)} ms (mean of ${rounds})`);
}
console.log(`database: ${db.info.entries} entries, ${[...db.modules()].length} modules, load ${loadMs.toFixed(0)} ms, heap +${mib(h1 - h0)}, rss ${mib(process.memoryUsage().rss)} (start ${mib(rss0)})`);
