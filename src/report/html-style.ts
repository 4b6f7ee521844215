/**
 * The HTML report's stylesheet, inline so the file loads nothing. System fonts only; the print
 * rules make it a PDF a data-protection officer can file: no backgrounds lost, tables unbroken,
 * every collapsed table opened.
 */
export const REPORT_STYLE = `
:root { --good: #1b6e3a; --bad: #a4161a; --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --bar: #3b6ea5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
main { max-width: 1040px; margin: 0 auto; padding: 24px; }
header.outcome { border-radius: 8px; padding: 20px 24px; color: #fff; margin-bottom: 20px; }
header.outcome.good { background: var(--good); }
header.outcome.bad { background: var(--bad); }
header.outcome h1 { margin: 4px 0 8px; font-size: 26px; }
header.outcome p { margin: 0; }
header .command { font-family: ui-monospace, monospace; opacity: .85; font-size: 13px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
h2 { margin: 0 0 12px; font-size: 19px; }
h3 { margin: 16px 0 8px; font-size: 16px; }
h4 { margin: 12px 0 4px; font-size: 14px; font-family: ui-monospace, monospace; }
dl { display: grid; grid-template-columns: 14em 1fr; gap: 4px 16px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 13.5px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.changed td:first-child { border-left: 3px solid var(--bar); }
tr.kept td:first-child { border-left: 3px solid transparent; }
code { font-family: ui-monospace, monospace; font-size: 12.5px; }
p.warning { border-left: 4px solid #b26a00; background: #fff6e5; padding: 8px 12px; margin: 8px 0; }
code.options { color: var(--muted); }
.count { color: var(--muted); font-weight: normal; font-size: 13px; }
.fix { margin: 4px 0; padding: 6px 10px; background: #fff6e0; border-left: 3px solid #d4a017; }
.tag { font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #e3ecf7; color: #244a73; }
details.table { border-top: 1px solid var(--line); padding: 6px 0; }
details.table summary { cursor: pointer; }
ul.who { columns: 3; font-size: 13px; font-family: ui-monospace, monospace; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; }
svg.chart text { fill: var(--ink); }
svg.chart rect.bar { fill: var(--bar); }
footer { color: var(--muted); font-size: 12.5px; margin-top: 8px; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section { border: none; padding: 0; margin-bottom: 14pt; }
  header.outcome, .fix, svg.chart rect.bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .print-break { break-before: page; }
  tr, .finding-group, svg.chart { break-inside: avoid; }
  details.table > summary { list-style: none; }
}
`;
