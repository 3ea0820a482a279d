/**
 * A package loaded on first use, through its CommonJS entry (the instance an `import` of it gets
 * too). The libraries that only some commands, facts or rules use (the YAML parser, the config
 * schema validator, the Dockerfile and TOML parsers, the tar reader) are loaded this way: a warm
 * re-run answered from the result cache, `goready --version` or a rule listing never pays for them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
