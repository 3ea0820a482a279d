/** The stylesheet the fleet HTML report and the dashboard share (the dashboard adds its own rules: serve/assets.ts). */
import { HEAT_COLORS } from './parts.js';

export const KIT_CSS = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --accent: #0969da; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.muted { color: var(--muted); } a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
table { border-collapse: collapse; margin: 6px 0; } th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.heatmap td.cell { text-align: center; min-width: 64px; font-variant-numeric: tabular-nums; }
table.heatmap th.dim { font-size: 12px; }
table.heatmap td.cell a { color: inherit; display: block; }
${HEAT_COLORS.map((c, i) => `.h${i} { background: ${c}; color: ${i <= 1 || i >= 9 ? '#fff' : '#1b1f24'}; }`).join('\n')}
.hna { background: repeating-linear-gradient(45deg, #f6f8fa, #f6f8fa 4px, #eaeef2 4px, #eaeef2 8px); color: var(--muted); }
.legend span { display: inline-block; width: 28px; text-align: center; font-size: 11px; }
.sev-critical { color: #a50026; font-weight: 600; } .sev-high { color: #d73027; } .sev-medium { color: #b35900; } .sev-low, .sev-info { color: var(--muted); }
.up { color: #1a7f37; } .down { color: #cf222e; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: #f6f8fa; padding: 8px; overflow: auto; border: 1px solid var(--line); }
.cards { display: flex; gap: 12px; flex-wrap: wrap; } .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 20px; }
`;
