/**
 * What language the program of a Dockerfile's final image is written in, as far as the Dockerfile says: Go when a
 * stage that feeds the final image runs `go build`/`go install` or is built FROM a golang image; another language
 * when the final image starts an interpreter (ENTRYPOINT, else CMD: python, node, java, ruby, ...) or, saying nothing
 * to run, is built FROM a language runtime image (python, node, openjdk, ...); unknown otherwise (a binary copied
 * in from outside the build, a shell script).
 */
import path from 'node:path';
import { rootFrom, stageChain, stagesFeedingFinal, type DockerfileFacts } from './dockerfiles.js';

export type ImageLanguage = 'go' | 'other' | 'unknown';

const INTERPRETER = /^(?:python[\d.]*|pypy[\d.]*|gunicorn|uvicorn|node(?:js)?|npm|npx|yarn|pnpm|deno|bun|java|ruby|bundle|rails|puma|php(?:-fpm)?|perl|dotnet|Rscript|elixir|mix)$/;
const RUNTIME_IMAGE = /(?:^|\/)(?:python|pypy|node|openjdk|eclipse-temurin|amazoncorretto|ruby|php|perl|elixir|dotnet\/aspnet|dotnet\/runtime)$/i;
const GOLANG_IMAGE = /(?:^|\/)golang$/i;

export function dockerfileLanguage(df: DockerfileFacts): ImageLanguage {
  if (df.final === undefined) return 'unknown';
  for (const i of stagesFeedingFinal(df)) {
    if (df.stages[i]!.runs.some((r) => r.goBuilds.length > 0)) return 'go';
    const root = rootFrom(df, i);
    if (root?.ref && GOLANG_IMAGE.test(root.ref.name)) return 'go';
  }
  const chain = stageChain(df, df.final);
  const program = chain.find((s) => s.entrypointProgram)?.entrypointProgram ?? chain.find((s) => s.cmdProgram)?.cmdProgram;
  if (program !== undefined) return INTERPRETER.test(path.posix.basename(program)) ? 'other' : 'unknown';
  const base = rootFrom(df, df.final);
  return base?.ref && RUNTIME_IMAGE.test(base.ref.name) ? 'other' : 'unknown';
}
