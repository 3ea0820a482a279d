/**
 * Worker thread: parses and analyses batches of files with the enabled rules. Says when it starts
 * each file and sends each result as soon as it has it, so that the pool can stop a file that
 * overruns its hard budget (by terminating this worker) without losing the others.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getGoParser } from '../go/parser.js';
import { allRules, fileRulesOf } from '../rules/registry.js';
import { analyzeFile, roleOf, type AnalyzeRequest, type AnalyzeResult } from './analyze-file.js';
import { callSitesAsText } from '../facts/code-facts.js';

/** A result's call sites travel as JSON text (`callSites`, see callSitesAsText): a string is cheap to clone and to keep. */
export type WorkerMessage = { t: 'ready' } | { t: 'start'; i: number } | { t: 'result'; r: AnalyzeResult; callSites?: string } | { t: 'done' };

const enabled = new Set<string>((workerData as { ruleIds: string[] }).ruleIds);
const rules = fileRulesOf(allRules()).filter((r) => enabled.has(r.meta.id));
const parser = await getGoParser();
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

parentPort!.on('message', (batch: AnalyzeRequest[]) => {
  batch.forEach((req, i) => {
    post({ t: 'start', i });
    let r: AnalyzeResult;
    try {
      r = analyzeFile(parser, rules, req);
    } catch (e) {
      r = {
        absPath: req.absPath, relPath: req.relPath, findings: [], facts: [], directives: [], lines: 0, bytes: 0,
        parsed: false, generated: false, isTest: req.relPath.endsWith('_test.go'), applicable: [], ruleErrors: [], ...roleOf(req),
        diagnostics: [{ level: 'error', code: 'internal-error', file: req.absPath, message: `analysis failed: ${(e as Error).message}` }],
      } satisfies AnalyzeResult;
    }
    const callSites = callSitesAsText(r.codeFacts);
    post(callSites === undefined ? { t: 'result', r } : { t: 'result', r, callSites });
  });
  post({ t: 'done' });
});
post({ t: 'ready' });
