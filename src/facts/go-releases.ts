/**
 * Go release dates and the support window. The Go project supports the two newest major
 * releases (go.dev/doc/devel/release: "Each major Go release is supported until there are
 * two newer major releases"), so on a given day the oldest supported release is the
 * second-newest one released by then.
 *
 * Dates marked `expected` were not confirmed when the table was last updated; releases past
 * the end of the table are extrapolated on the six-month cadence (February and August) and
 * are `expected` too. Update the table (and GO_RELEASES_UPDATED) when a release ships.
 */

/** The day this table was last reviewed (ISO date). */
export const GO_RELEASES_UPDATED = '2026-11-29';

export interface GoRelease {
  /** Minor version of Go 1.x (1.25 -> 25). */
  minor: number;
  /** Release date, ISO yyyy-mm-dd. */
  date: string;
  /** True when the date is an expectation (cadence) rather than a confirmed release day. */
  expected?: boolean;
}

export const GO_RELEASES: readonly GoRelease[] = [
  { minor: 0, date: '2012-03-28' },
  { minor: 1, date: '2013-05-13' },
  { minor: 2, date: '2013-12-01' },
  { minor: 3, date: '2014-06-18' },
  { minor: 4, date: '2014-12-10' },
  { minor: 5, date: '2015-08-19' },
  { minor: 6, date: '2016-02-17' },
  { minor: 7, date: '2016-08-15' },
  { minor: 8, date: '2017-02-16' },
  { minor: 9, date: '2017-08-24' },
  { minor: 10, date: '2018-02-16' },
  { minor: 11, date: '2018-08-24' },
  { minor: 12, date: '2019-02-25' },
  { minor: 13, date: '2019-09-03' },
  { minor: 14, date: '2020-02-25' },
  { minor: 15, date: '2020-08-11' },
  { minor: 16, date: '2021-02-16' },
  { minor: 17, date: '2021-08-16' },
  { minor: 18, date: '2022-03-15' },
  { minor: 19, date: '2022-08-02' },
  { minor: 20, date: '2023-02-01' },
  { minor: 21, date: '2023-08-08' },
  { minor: 22, date: '2024-02-06' },
  { minor: 23, date: '2024-08-13' },
  { minor: 24, date: '2025-02-11' },
  { minor: 25, date: '2025-08-12' },
  // Six-month cadence; exact days not confirmed when the table was written.
  { minor: 26, date: '2026-02-10', expected: true },
  { minor: 27, date: '2026-08-11', expected: true },
];

const DAY_MS = 86_400_000;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Release date of Go 1.<minor>: from the table, else extrapolated (Feb/Aug cadence, expected). */
export function releaseOf(minor: number): GoRelease {
  const known = GO_RELEASES.find((r) => r.minor === minor);
  if (known) return known;
  const last = GO_RELEASES[GO_RELEASES.length - 1]!;
  if (minor < last.minor) return { minor, date: '2012-03-28' };
  const [y, m] = last.date.split('-').map(Number) as [number, number];
  // months since year 0 of the last known release, +6 per minor after it
  const months = y * 12 + (m - 1) + (minor - last.minor) * 6;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  return { minor, date: `${year}-${String(month).padStart(2, '0')}-11`, expected: true };
}

export interface SupportWindow {
  /** Newest release shipped on `today`. */
  newest: GoRelease;
  /** Oldest release still supported on `today` (the one before `newest`). */
  oldest: GoRelease;
  /** The day judged. */
  today: string;
  /**
   * True when the window depends on a release that is only expected (or extrapolated) and
   * `today` is within 45 days of that expected date: the window may be off by one release.
   */
  uncertain: boolean;
  /** True when `today` is past the end of the table: the window is extrapolated. */
  extrapolated: boolean;
}

/** The supported Go releases on `today` (defaults to now). */
export function supportWindow(today: Date = new Date()): SupportWindow {
  const t = Date.parse(isoDay(today));
  let n = 0;
  while (Date.parse(releaseOf(n + 1).date) <= t) n++;
  const newest = releaseOf(n);
  const oldest = releaseOf(Math.max(0, n - 1));
  const next = releaseOf(n + 1);
  const near = (r: GoRelease) => r.expected === true && Math.abs(Date.parse(r.date) - t) <= 45 * DAY_MS;
  const last = GO_RELEASES[GO_RELEASES.length - 1]!;
  return {
    newest,
    oldest,
    today: isoDay(today),
    uncertain: near(newest) || near(next),
    extrapolated: n > last.minor,
  };
}

/** Parses "1.22", "1.22.3", "1.23rc1", "go1.24" into [major, minor]; undefined when malformed. */
export function parseGoLine(v: string | undefined): [number, number] | undefined {
  if (!v) return undefined;
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.\d+)?(?:(?:rc|beta)\d+)?$/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2])];
}

/** True when Go version `v` (a go directive or toolchain name) is older than the oldest supported release. */
export function isUnsupportedGo(v: string | undefined, window: SupportWindow): boolean | undefined {
  const p = parseGoLine(v);
  if (!p) return undefined;
  if (p[0] !== 1) return p[0] < 1;
  return p[1] < window.oldest.minor;
}
