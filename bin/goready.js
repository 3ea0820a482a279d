#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';
main(process.argv).then((code) => { process.exitCode = code; }, (err) => {
  process.stderr.write(`goready: internal error: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 3;
});
