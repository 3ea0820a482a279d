/**
 * Static assets of the dashboard, all served from this process (it must work offline): the
 * stylesheet, a small client script, and Chart.js's UMD build read from the installed package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { KIT_CSS } from '../printers/html-kit/css.js';

export const DASHBOARD_CSS = `${KIT_CSS}
header.top { background: #24292f; color: #fff; padding: 10px 24px; display: flex; gap: 20px; align-items: baseline; }
header.top a { color: #fff; } header.top .brand { font-weight: 700; font-size: 16px; }
nav.crumbs { font-size: 13px; margin: 8px 0; color: var(--muted); }
.chart { position: relative; height: 320px; max-width: 960px; margin: 8px 0 16px; }
.chart.small { height: 240px; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
form.filters { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; margin: 8px 0 12px; padding: 8px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
form.filters select, form.filters input { font: inherit; padding: 3px 6px; min-width: 120px; }
form.filters button { font: inherit; padding: 4px 12px; }
.status-pass { color: #1a7f37; font-weight: 600; } .status-risk { color: #cf222e; font-weight: 600; } .status-inconclusive { color: var(--muted); }
.empty { padding: 24px; border: 1px dashed var(--line); border-radius: 6px; color: var(--muted); }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; } dl.kv dt { color: var(--muted); } dl.kv dd { margin: 0; }
`;

/** Draws the charts described (as plain JSON) in #chart-data; makes filter selects submit on change. */
export const DASHBOARD_JS = `(function () {
  'use strict';
  var el = document.getElementById('chart-data');
  if (el && window.Chart) {
    var data = JSON.parse(el.textContent || '{}');
    window.Chart.defaults.animation = false;
    (data.charts || []).forEach(function (spec) {
      var canvas = document.getElementById(spec.canvas);
      if (canvas) new window.Chart(canvas, spec.config);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('form.filters select'), function (s) {
    s.addEventListener('change', function () { s.form.submit(); });
  });
})();
`;

let chartJs: string | undefined;

/** Chart.js UMD bundle from node_modules (no CDN). */
export function chartJsSource(): string {
  if (chartJs === undefined) {
    const require = createRequire(import.meta.url);
    const main = require.resolve('chart.js'); // …/chart.js/dist/chart.cjs
    chartJs = fs.readFileSync(path.join(path.dirname(main), 'chart.umd.min.js'), 'utf8');
  }
  return chartJs;
}
