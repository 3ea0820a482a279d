/**
 * Child-process entry of the local executor: receives one job at a time over IPC, runs it,
 * sends the result. Exits when the parent goes away (IPC disconnect), so a killed survey leaves
 * no orphan audits behind.
 */
import { runAuditJob, type AuditJob } from './job.js';

if (!process.send) {
  process.stderr.write('audit-worker: must be started with an IPC channel\n');
  process.exit(2);
}

process.on('disconnect', () => process.exit(0));
// Ctrl-C reaches the whole process group: the coordinator decides what stops (it terminates us).
process.on('SIGINT', () => {});
process.on('message', (msg: { type: 'job'; id: number; job: AuditJob }) => {
  if (msg?.type !== 'job') return;
  void runAuditJob(msg.job).then((result) => {
    if (process.connected) process.send!({ type: 'result', id: msg.id, result });
  });
});
process.send({ type: 'ready' });
