import { defineRepoRule } from '../define-rule.js';
import { dockerfiles, isRunnable, stageChain } from '../../facts/dockerfiles.js';
import { worldWritableChmods, worldWritableMode } from '../../facts/shell-fetches.js';
import { DOCKERFILES } from '../../facts/dockerfiles.js';

export default defineRepoRule({
  meta: {
    id: 'BLD1012',
    name: 'dockerfile-world-writable',
    dimension: 'build',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-16 (repositories not used in development; `node dist/scripts/blind-record.js`): too few judged findings to prove it. Reworked after the 2026-12-16 sample (copies of the build-push and bake actions are read as the release path, so images it does not build are development images), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'The final image makes paths world-writable (chmod 777, a+w, COPY --chmod=777)',
    passCriterion: 'no path in the final image is writable by every user (no chmod 777/o+w, no COPY --chmod with o+w; 1777 scratch dirs are fine)',
    rationale:
      'A world-writable binary, configuration or data directory in the shipped image lets any process in the container — ' +
      'whatever user it runs as — replace the service binary, its config or its certificates, and persist the change for as ' +
      'long as the container lives. `chmod -R 777` is usually a shortcut around an ownership problem that `chown` (or ' +
      '`COPY --chown`) to the runtime user solves without opening the path to everyone.',
    fix: {
      text: 'Give the path to the runtime user instead: `COPY --chown=65532:65532 …` or `chown -R 65532:65532 /data && chmod -R 750 /data`; ' +
        'for shared scratch space use the sticky bit (`chmod 1777 /scratch`) or mount an emptyDir/tmpfs at run time.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'Dockerfile',
        bad: 'FROM alpine:3.22\nCOPY app /usr/local/bin/app\nRUN mkdir -p /data && chmod -R 777 /data\nUSER 65532\nENTRYPOINT ["/usr/local/bin/app"]\n',
        good: 'FROM alpine:3.22\nCOPY app /usr/local/bin/app\nRUN mkdir -p /data && chown -R 65532:65532 /data && chmod 750 /data\nUSER 65532\nENTRYPOINT ["/usr/local/bin/app"]\n',
      },
    ],
    messages: {
      chmod: '`{{text}}` makes {{paths}} writable by every user in the final image; chown it to the runtime user and drop the o+w bit',
      copyChmod: '{{keyword}} --chmod={{mode}} puts world-writable files into the final image; use --chown to the runtime user and a mode without o+w',
    },
    sources: [],
    notes:
      'Judged: the final stage chain of production Dockerfiles that say what to run (builder stages do not ship their file ' +
      'modes unless copied, and COPY --from keeps the source mode only for what it copies). Octal modes with the o+w bit and ' +
      'symbolic modes granting w to `o` or `a` count; the sticky bit (1777, +t) is the standard for shared temp directories ' +
      'and is fine, as is `chmod +w` (filtered by the umask).',
  },
  requires: [DOCKERFILES],
  check(repo, ctx) {
    for (const df of dockerfiles(repo)) {
      if (df.role !== 'production' || df.final === undefined || !isRunnable(df, df.final)) continue;
      ctx.applicable();
      for (const s of stageChain(df, df.final)) {
        for (const r of s.runs) {
          const w = worldWritableChmods(r.script)[0];
          if (w) ctx.report({ file: df.file, line: r.line, messageId: 'chmod', data: { text: w.text, paths: w.paths.join(' ') || 'the paths' } });
        }
        for (const [keyword, list] of [['COPY', s.copies], ['ADD', s.adds]] as const) {
          for (const c of list) {
            if (c.chmod && worldWritableMode(c.chmod)) ctx.report({ file: df.file, line: c.line, messageId: 'copyChmod', data: { keyword, mode: c.chmod } });
          }
        }
      }
    }
  },
});
