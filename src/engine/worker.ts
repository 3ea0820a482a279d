/** Worker thread: parses and analyses batches of files with the enabled rules. */
import { parentPort, workerData } from 'node:worker_threads';
import { getGoParser } from '../go/parser.js';
import { allRules, fileRulesOf } from '../rules/registry.js';
import { analyzeFile, roleOf, type AnalyzeRequest, type AnalyzeResult } from './analyze-file.js';

const enabled = new Set<string>((workerData as { ruleIds: string[] }).ruleIds);
const rules = fileRulesOf(allRules()).filter((r) => enabled.has(r.meta.id));
const parser = await getGoParser();

parentPort!.on('message', (batch: AnalyzeRequest[]) => {
  const out: AnalyzeResult[] = batch.map((req) => {
    try {
      return analyzeFile(parser, rules, req);
    } catch (e) {
      return {
        absPath: req.absPath, relPath: req.relPath, findings: [], facts: [], directives: [], lines: 0, bytes: 0,
        parsed: false, generated: false, isTest: req.relPath.endsWith('_test.go'), applicable: [], ruleErrors: [], ...roleOf(req),
        diagnostics: [{ level: 'error', code: 'internal-error', file: req.absPath, message: `analysis failed: ${(e as Error).message}` }],
      } satisfies AnalyzeResult;
    }
  });
  parentPort!.postMessage(out);
});
parentPort!.postMessage('ready');
