/**
 * Survey progress on stderr. On a terminal: one redrawn line (repos done/total, the repos being
 * audited, ETA). Otherwise one line per finished repo (useful in CI logs), unless quiet.
 */
import type { SurveyEvent } from '../survey/run-survey.js';

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export interface SurveyProgress {
  event(e: SurveyEvent, detail?: string): void;
  done(): void;
}

export function createSurveyProgress(mode: 'tty' | 'lines' | 'off', stream: NodeJS.WriteStream = process.stderr): SurveyProgress {
  if (mode === 'off') return { event() {}, done() {} };
  let total = 0;
  let done = 0;
  let doneThisRun = 0;
  let started = Date.now();
  const running = new Map<string, number>();
  let drawn = false;
  let timer: NodeJS.Timeout | undefined;

  const eta = () => {
    const remaining = total - done;
    if (!doneThisRun || !remaining) return '';
    const per = (Date.now() - started) / doneThisRun;
    return ` · ETA ${formatDuration(per * remaining)}`;
  };
  const draw = () => {
    const width = stream.columns || 100;
    const bar = 20;
    const filled = total ? Math.round((done / total) * bar) : 0;
    const current = [...running.keys()].join(', ');
    let line = `  [${'#'.repeat(filled)}${'-'.repeat(bar - filled)}] ${done}/${total} repos${current ? ` · auditing ${current}` : ''}${eta()} · ${formatDuration(Date.now() - started)}`;
    if (line.length > width - 1) line = `${line.slice(0, width - 2)}…`;
    stream.write(`\r\x1b[K${line}`);
    drawn = true;
  };
  return {
    event(e, detail) {
      if (e.type === 'start') {
        total = e.total;
        done = e.alreadyDone;
        started = Date.now();
        const head = `goready: survey #${e.survey.id} "${e.survey.name}": ${e.total} repos${e.resumed ? `, resuming (${e.alreadyDone} already done)` : ''}`;
        if (mode === 'tty') {
          stream.write(`${head}\n`);
          timer = setInterval(draw, 1000);
          timer.unref();
          draw();
        } else {
          stream.write(`${head}\n`);
        }
      } else if (e.type === 'job-start') {
        running.set(e.entry.name, Date.now());
        if (mode === 'tty') draw();
      } else {
        running.delete(e.entry.name);
        done++;
        doneThisRun++;
        const what = e.status === 'failed' ? `FAILED: ${e.error}` : e.status === 'unchanged' ? 'unchanged commit, earlier audit reused' : 'audited';
        const line = `  [${done}/${total}] ${e.entry.name}: ${what}${detail ? ` · ${detail}` : ''} (${formatDuration(e.ms)})`;
        if (mode === 'tty') {
          stream.write(`\r\x1b[K${line}\n`);
          draw();
        } else {
          stream.write(`${line}\n`);
        }
      }
    },
    done() {
      if (timer) clearInterval(timer);
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
