/**
 * Peer labels goready disagrees with on purpose, each with the reason a reviewer can check. A sample
 * matching one is scored separately (reported "as labelled" too), never silently dropped. Keep this
 * list short: a disagreement belongs here only when the peer's label contradicts what the code does.
 */
export interface DisputedLabel {
  /** peer check, e.g. `gosec:G402` */
  peer: string;
  /** Whether a sample (its source files) is the disputed case. */
  matches(files: string[]): boolean;
  reason: string;
}

export const DISPUTED_LABELS: DisputedLabel[] = [
  {
    peer: 'gosec:G402',
    // only PreferServerCipherSuites is set: nothing else in the config that G402 or goready judges
    matches: (files) => files.some((f) => /PreferServerCipherSuites\s*:/.test(f)) &&
      !files.some((f) => /InsecureSkipVerify|MinVersion|MaxVersion|CipherSuites\s*:\s*\[/.test(f)),
    reason:
      'tls.Config.PreferServerCipherSuites is ignored by crypto/tls since Go 1.17 (golang/go#45430: the package orders ' +
      'suites itself); setting it false changes nothing, so goready reports nothing',
  },
  {
    peer: 'gosec:G120',
    matches: (files) => files.some((f) => /r\.Body\s*=\s*http\.MaxBytesReader\(/.test(f) && /ParseMultipartForm\(/.test(f)),
    reason:
      'the request body is bounded by http.MaxBytesReader before ParseMultipartForm runs (gosec\'s G120 has no ' +
      'sanitizer and labels every ParseMultipartForm in a handler); goready reports only unbounded bodies',
  },
];

export function disputedLabel(peer: string, files: string[]): DisputedLabel | undefined {
  return DISPUTED_LABELS.find((d) => d.peer === peer && d.matches(files));
}
