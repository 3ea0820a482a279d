/** Bounds for untrusted profiles and responses. */
export const LIMITS = {
  /** Largest HTTP response body or profile file read, compressed or not. */
  maxBodyBytes: 64 * 1024 * 1024,
  /** Largest decompressed gzip payload (a bomb guard). */
  maxInflatedBytes: 128 * 1024 * 1024,
  /** Most samples (goroutine stacks) accepted from one protobuf profile. */
  maxProfileSamples: 500_000,
  /** Most samples taken during one probe. */
  maxSamples: 10_000,
  /** Most files read from an offline directory. */
  maxFiles: 10_000,
  /** Allocation sites kept per heap profile (the largest by bytes in use and by bytes allocated). */
  maxHeapSites: 200,
  requestTimeoutMs: 15_000,
} as const;
