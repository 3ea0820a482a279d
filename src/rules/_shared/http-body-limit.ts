/** A request-body limit written in Go source: a handler-level MaxBytesReader, a MaxBytesHandler middleware, a LimitReader on a body. */
export const BODY_LIMIT = /\bMaxBytesReader\b|\bMaxBytesHandler\b|\bLimitReader\(\s*[\w.]+\.Body\b/;
