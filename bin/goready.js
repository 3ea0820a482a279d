#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';
// a reader that stops early (`goready audit . --format json | head`) closes the pipe: what is left to print has
// nobody to read it, which is not an error of the audit. Leave quietly with the exit code computed so far.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
main(process.argv).then((code) => { process.exitCode = code; }, (err) => {
  process.stderr.write(`goready: internal error: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 3;
});
