/** A throw-away repository on disk with RepoFacts over it, for fact-module tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RepoFacts } from '../../src/facts/repo-facts.js';

export function tempRepo(files: Record<string, string | Buffer>): { repo: RepoFacts; dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-facts-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  const repo = new RepoFacts(dir, [], Object.keys(files).filter((f) => !f.endsWith('.go')).sort(), []);
  return { repo, dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
