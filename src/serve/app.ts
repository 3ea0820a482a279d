/**
 * The dashboard's routes (Hono). Read-only: GET and HEAD only, over a read-only database handle.
 * Security headers on every response, whatever its status (security-headers.ts, the first
 * middleware): a strict Content-Security-Policy (scripts and styles from this server only, no
 * inline script), no sniffing, no referrer, no framing.
 */
import { Hono, type Context } from 'hono';
import { DIMENSIONS, SEVERITIES } from '../core/types.js';
import { buildFleetReport } from '../fleet/build.js';
import { redactSecrets } from '../store/db-url.js';
import type { HistoryStore } from '../store/types.js';
import { chartJsSource, DASHBOARD_CSS, DASHBOARD_JS } from './assets.js';
import { DerivedCache } from './cache.js';
import { securityHeaders } from './security-headers.js';
import { badRequest, notFound } from './views/errors.js';
import { surveysPage } from './views/surveys.js';
import { fleetPage } from './views/fleet.js';
import { repoPage } from './views/repo.js';
import { findingsPage, type FindingsQuery } from './views/findings.js';
import { findingPage } from './views/finding.js';
import { rulesPage } from './views/rules.js';
import { rulePage } from './views/rule.js';
import { findingLines, findingView, repoView, surveyView } from './view-models.js';
import { ruleDocOfReport } from '../report/rule-doc.js';

/** Findings per page of /findings (keyset pagination: every page costs the same). */
export const PAGE_SIZE = 100;
/** A text search counts its matches up to this many ("more than …" beyond). */
export const TEXT_COUNT_CAP = 500;

export interface AppOptions {
  /** Accept only these Host header names (DNS-rebinding guard for a loopback server); undefined: any. */
  allowedHosts?: string[];
}

function id(v: string | undefined): number | undefined {
  return v !== undefined && /^\d{1,12}$/.test(v) ? Number(v) : undefined;
}

function hostName(host: string): string {
  const h = host.toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
}

export function createApp(store: HistoryStore, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const cache = new DerivedCache(store);

  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      return c.text('read-only dashboard: only GET and HEAD', 405, { Allow: 'GET, HEAD' });
    }
    if (opts.allowedHosts) {
      // Both the Host header and the request target's authority (absolute-form requests) must be ours.
      const header = c.req.header('host');
      const target = new URL(c.req.url).host;
      const ok = (h: string | undefined) => !!h && opts.allowedHosts!.includes(hostName(h));
      if (!ok(header ?? target) || !ok(target)) return c.text('unexpected Host header', 421);
    }
    await next();
  });

  const staticFile = (body: () => string, type: string) => (c: Context) => c.body(body(), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });
  app.get('/static/dashboard.css', staticFile(() => DASHBOARD_CSS, 'text/css; charset=utf-8'));
  app.get('/static/dashboard.js', staticFile(() => DASHBOARD_JS, 'text/javascript; charset=utf-8'));
  app.get('/static/chart.umd.min.js', staticFile(chartJsSource, 'text/javascript; charset=utf-8'));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/', async (c) => {
    const means = await store.surveyMeans();
    return c.html(surveysPage((await store.listSurveys()).map((s) => surveyView(s, means.get(s.id)))));
  });
  app.get('/surveys', (c) => c.redirect('/', 302));

  app.get('/surveys/:id', async (c) => {
    const sid = id(c.req.param('id'));
    const s = sid !== undefined ? await store.survey(sid) : undefined;
    if (!s) return c.html(notFound('No such survey.'), 404);
    const compare = id(c.req.query('compare'));
    const report = await buildFleetReport(store, s.id, { compareId: compare !== undefined && await store.survey(compare) ? compare : undefined });
    return c.html(fleetPage(report, await store.listSurveys()));
  });

  app.get('/api/surveys/:id/report.json', async (c) => {
    const sid = id(c.req.param('id'));
    if (sid === undefined || !(await store.survey(sid))) return c.json({ error: 'no such survey' }, 404);
    return c.json(await buildFleetReport(store, sid));
  });

  app.get('/repos/:id', async (c) => {
    const rid = id(c.req.param('id'));
    const repo = rid !== undefined ? await store.repo(rid) : undefined;
    if (!repo) return c.html(notFound('No such repository.'), 404);
    const history = await store.repoHistory(repo.id);
    const sid = id(c.req.query('survey'));
    const survey = sid !== undefined ? await store.survey(sid) : undefined;
    const inSurvey = survey ? (await store.entries(survey.id)).find((e) => e.repoId === repo.id)?.auditId : undefined;
    const current = history.find((h) => h.id === inSurvey) ?? history[history.length - 1];
    return c.html(repoPage(repoView(repo, history, current), survey && { id: survey.id, name: survey.name }));
  });

  app.get('/findings', async (c) => {
    const sid = id(c.req.query('survey'));
    const aid = id(c.req.query('audit'));
    const survey = sid !== undefined ? await store.survey(sid) : undefined;
    const audit = aid !== undefined ? await store.audit(aid) : undefined;
    if (!survey && !audit) return c.html(notFound('Give a survey or an audit.'), 404);
    const afterParam = c.req.query('after');
    const afterId = afterParam !== undefined && afterParam !== '' ? id(afterParam) : undefined;
    const after = afterId !== undefined ? await store.cursorOf(afterId) : undefined;
    if (afterParam && !after) return c.html(badRequest('That page of findings does not exist (bad "after" cursor): start again from the first page.'), 400);
    const start = after ? Math.min(id(c.req.query('start')) ?? 0, 1e9) : 0;
    const repos = survey ? await cache.get(`repos:${survey.id}`, async () => (await store.entries(survey.id)).flatMap((e) => (e.auditId ? [{ repoId: e.repoId, name: e.name, auditId: e.auditId }] : []))) : [];
    const q: FindingsQuery = {
      dimension: (DIMENSIONS as readonly string[]).includes(c.req.query('dimension') ?? '') ? c.req.query('dimension') : undefined,
      severity: (SEVERITIES as readonly string[]).includes(c.req.query('severity') ?? '') ? c.req.query('severity') : undefined,
      rule: (c.req.query('rule') || '').slice(0, 200) || undefined,
      repo: c.req.query('repo') || undefined,
      q: (c.req.query('q') || '').slice(0, 200) || undefined,
      suppressed: c.req.query('suppressed') === '1',
    };
    let auditIds = survey ? repos.map((r) => r.auditId) : [audit!.id];
    if (survey && q.repo) auditIds = repos.filter((r) => String(r.repoId) === q.repo).map((r) => r.auditId);
    const filter = { auditIds, dimension: q.dimension, severity: q.severity, ruleId: q.rule, text: q.q, includeSuppressed: q.suppressed };
    const { rows, next } = auditIds.length ? await store.findingsPage({ ...filter, limit: PAGE_SIZE, after }) : { rows: [], next: undefined };
    const scopeKey = survey ? `s${survey.id}` : `a${audit!.id}`;
    // A first page that holds every match is its own count; otherwise ask (bounded for text, cached).
    const count = !after && !next ? { n: rows.length, capped: false }
      : await cache.get(`count:${scopeKey}:${JSON.stringify(q)}`, () => store.countFindings(filter, TEXT_COUNT_CAP));
    const names = new Map(survey ? repos.map((r) => [r.auditId, { name: r.name, repoId: r.repoId }]) : [[audit!.id, { name: audit!.repoName, repoId: audit!.repoId }]]);
    const rules = await cache.get(`rules:${scopeKey}`, () => store.rulesIn(survey ? repos.map((r) => r.auditId) : [audit!.id]));
    return c.html(findingsPage({ survey, audit: survey ? undefined : audit, repos, rules }, q, findingLines(rows, names), count, { start, nextAfter: next?.id }));
  });

  app.get('/findings/:id', async (c) => {
    const fid = id(c.req.param('id'));
    const f = fid !== undefined ? await store.finding(fid) : undefined;
    if (!f) return c.html(notFound('No such finding.'), 404);
    const audit = (await store.audit(f.auditId))!;
    return c.html(findingPage(findingView(f, audit, await store.rule(f.ruleId))));
  });

  const latestSurvey = async () => (await store.listSurveys()).find((s) => s.done > 0);

  app.get('/rules', async (c) => {
    const survey = await latestSurvey();
    const auditIds = survey ? (await store.entries(survey.id)).flatMap((e) => (e.auditId ? [e.auditId] : [])) : [];
    const counts = new Map((await store.topRules(auditIds, 10_000)).map((t) => [t.ruleId, { repos: t.repos, findings: t.findings }]));
    return c.html(rulesPage(await store.rules(), counts, survey));
  });

  app.get('/rules/:id', async (c) => {
    const rule = await store.rule(c.req.param('id'));
    if (!rule) return c.html(notFound('No such rule in this database.'), 404);
    const sid = id(c.req.query('survey'));
    const survey = (sid !== undefined ? await store.survey(sid) : undefined) ?? await latestSurvey();
    const entries = survey ? (await store.entries(survey.id)).filter((e) => e.auditId) : [];
    const counts = await store.ruleCountsByAudit(rule.id, entries.map((e) => e.auditId!));
    const affected = entries.filter((e) => counts.has(e.auditId!)).map((e) => ({ repoId: e.repoId, name: e.name, findings: counts.get(e.auditId!)! }))
      .sort((a, b) => b.findings - a.findings || a.name.localeCompare(b.name));
    return c.html(rulePage(ruleDocOfReport(rule), survey, affected));
  });

  app.notFound((c) => c.html(notFound('No such page.'), 404));
  app.onError((err, c) => {
    process.stderr.write(`goready serve: ${redactSecrets(err.stack ?? err.message)}\n`);
    return c.text('internal error', 500);
  });
  return app;
}
