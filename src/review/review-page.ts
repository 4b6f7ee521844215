/**
 * The review page: one self-contained HTML document, its CSS and script inline, no request to
 * anywhere but the review server (the Content-Security-Policy allows nothing else). It holds no
 * data: the script fetches the state from the server and builds the page with `textContent` only,
 * so no name or value from the database or the policy is ever parsed as HTML.
 */
import { createHash } from 'node:crypto';

const style = `
:root { --ink: #1d2330; --muted: #5f6b7a; --line: #dde2e8; --bg: #f6f7f9; --ok: #1f7a4d; --warn: #a15c00;
  --bad: #b3261e; --accent: #2457c5; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
body { margin: 0; background: var(--bg); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 14px 24px; position: sticky; top: 0; z-index: 2; }
h1 { font-size: 18px; margin: 0 0 4px; }
h1 small { font-weight: normal; color: var(--muted); }
.meta { color: var(--muted); font-size: 13px; }
.meta code { color: var(--ink); }
.bar { display: flex; gap: 16px; align-items: center; margin-top: 10px; flex-wrap: wrap; }
.bar input[type=search] { width: 260px; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; background: #e8edf5; color: var(--muted); }
.badge.ok { background: #e3f3ea; color: var(--ok); } .badge.warn { background: #fdf0dc; color: var(--warn); }
.badge.bad { background: #fbe4e2; color: var(--bad); }
main { padding: 16px 24px 48px; }
.coverage { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin-bottom: 16px; }
.coverage ul { margin: 6px 0 0; padding-left: 20px; max-height: 160px; overflow: auto; }
section.table { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin-bottom: 18px; overflow: hidden; }
section.table h2 { font-size: 15px; margin: 0; padding: 10px 14px; border-bottom: 1px solid var(--line); display: flex; gap: 8px; align-items: center; }
section.table h2 .why { font-weight: normal; color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fafbfc; }
tr:last-child td { border-bottom: 0; }
td.name { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; }
td.type { color: var(--muted); font-size: 12px; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
td.decision { min-width: 290px; }
td.decision select { padding: 3px 4px; border: 1px solid var(--line); border-radius: 5px; }
td input { width: 100%; box-sizing: border-box; margin-top: 4px; padding: 3px 6px; border: 1px solid var(--line);
  border-radius: 5px; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
td.decision .actions { margin-top: 5px; display: none; gap: 6px; }
tr.dirty td.decision .actions { display: flex; }
td.reason input.comment { display: none; }
tr.dirty td.reason input.comment { display: block; }
tr.dirty td.reason .text { display: none; }
button { padding: 3px 10px; border-radius: 5px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.plain { background: #fff; color: var(--accent); }
button:disabled { opacity: .45; cursor: default; }
td.reason { color: var(--muted); font-size: 13px; max-width: 300px; }
td.samples { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; max-width: 460px; }
td.samples ul { list-style: none; margin: 0; padding: 0; }
td.samples li { overflow-wrap: anywhere; margin-bottom: 3px; }
.masked, .fake { unicode-bidi: isolate; }
.masked { color: var(--muted); } .arrow { color: var(--muted); padding: 0 4px; } .fake { color: var(--ok); }
.note { color: var(--muted); font-style: italic; font-family: system-ui, sans-serif; }
td.samples.preview { background: #f1f6ff; }
tr.undecided td.name { border-left: 3px solid var(--warn); } tr.problem td.name { border-left: 3px solid var(--bad); }
tr.dirty td.decision { background: #fffbea; }
.problems { color: var(--bad); font-size: 12px; margin-top: 5px; }
.problems ul { margin: 2px 0 0; padding-left: 16px; }
.loaderror { background: #fbe4e2; border: 1px solid #f1b8b3; border-radius: 8px; padding: 10px 14px; color: var(--bad); }
#flash { position: fixed; right: 20px; bottom: 20px; background: var(--ink); color: #fff; padding: 8px 14px; border-radius: 6px; opacity: 0; transition: opacity .3s; }
#flash.on { opacity: .92; }
.hidden { display: none; }
`;

// Plain JavaScript for the browser, kept free of backticks and `${` so it sits in this template.
const script = `
'use strict';
let state = null;
const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-') || k === 'title' || k === 'placeholder' || k === 'aria-label') e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function call(path, body) {
  const init = body === undefined
    ? { headers: { accept: 'application/json' } }
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(path, init);
  let data = null;
  try { data = await response.json(); } catch { data = { error: { message: 'The server sent no answer.', details: [] } }; }
  return { status: response.status, data };
}

function flash(text) {
  const f = $('flash');
  f.textContent = text;
  f.classList.add('on');
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => f.classList.remove('on'), 2500);
}

async function load() {
  const { data } = await call('api/state');
  state = data;
  render();
}

function render() {
  $('file').textContent = state.policyFile;
  $('source').textContent = state.source;
  $('keynote').textContent = state.keyNote;
  renderCoverage();
  const main = $('tables');
  main.replaceChildren();
  if (state.loadError) {
    main.append(el('div', { class: 'loaderror', id: 'loaderror' }, el('strong', {}, state.loadError.message), list(state.loadError.details)));
    return;
  }
  for (const t of state.tables) main.append(tableSection(t));
  applyFilter();
}

function list(items) {
  if (!items || items.length === 0) return null;
  return el('ul', {}, ...items.map((i) => el('li', {}, i)));
}

function renderCoverage() {
  const c = state.coverage;
  const box = $('coverage');
  box.replaceChildren();
  const undecided = c.undecided.length;
  const problems = c.problems.length;
  const badge = undecided + problems === 0
    ? el('span', { class: 'badge ok' }, 'covered')
    : el('span', { class: 'badge ' + (problems > 0 ? 'bad' : 'warn') }, problems > 0 ? 'problems' : 'undecided');
  const words = c.tables + ' tables, ' + c.columns + ' columns: ' +
    (undecided === 0 ? 'every column decided' : undecided + ' column(s) without a decision') +
    (problems === 0 ? '' : ', ' + problems + ' problem(s)') + '.';
  box.append(el('div', {}, badge, ' ', el('span', { id: 'coverage-text' }, words)));
  if (undecided > 0) box.append(el('div', {}, 'Still undecided:'), list(c.undecided));
  if (problems > 0) box.append(el('div', {}, 'The loader refuses:'), list(c.problems));
  $('status').replaceChildren(badge.cloneNode(true));
}

function tableSection(t) {
  const head = el('h2', {}, el('span', {}, t.name));
  if (t.subject) head.append(el('span', { class: 'badge', title: 'rows are people' }, 'subject'));
  if (t.kind === 'skip') head.append(el('span', { class: 'badge warn' }, 'skipped'));
  if (t.kind === 'undecided') head.append(el('span', { class: 'badge warn' }, 'not in the policy'));
  if (t.reason) head.append(el('span', { class: 'why' }, t.reason));
  const body = el('tbody');
  for (const c of t.columns) body.append(columnRow(t, c));
  const header = el('tr', {}, ...['Column', 'Type', 'Decision', 'Reason', 'Sample (masked) \\u2192 fake'].map((h) => el('th', {}, h)));
  return el('section', { class: 'table', 'data-table': t.name }, head, el('table', {}, el('thead', {}, header), body));
}

function samplesList(samples) {
  return el('ul', {}, ...samples.map((s) => el('li', {},
    s.source === null ? el('span', { class: 'note' }, 'NULL') : el('span', { class: 'masked' }, s.source),
    el('span', { class: 'arrow' }, '\\u2192'),
    s.fake === null ? null : el('span', { class: 'fake' }, s.fake),
    s.note === null ? null : el('span', { class: 'note' }, (s.fake === null ? '' : ' ') + s.note))));
}

function problemsBox(box, error, mine) {
  box.replaceChildren();
  if (!error) return;
  const details = mine && mine.length > 0 ? mine : error.details;
  box.append(el('div', { class: 'message' }, error.message), list(details));
}

function columnRow(t, c) {
  const row = el('tr', { class: 'col ' + c.status, 'data-column': c.name });
  const select = el('select', { 'aria-label': 'transform of ' + c.name, class: 'transform' });
  if (c.decision === null) select.append(el('option', { value: '' }, 'choose\\u2026'));
  for (const tr of state.transforms) select.append(el('option', { value: tr.name, title: tr.summary }, tr.name));
  const known = c.decision && state.transforms.some((tr) => tr.name === c.decision.transform);
  if (c.decision && !known) select.append(el('option', { value: c.decision.transform }, c.decision.transform));
  select.value = c.decision ? c.decision.transform : '';
  const options = el('input', { class: 'options', placeholder: 'options, e.g. maxDays: 90', 'aria-label': 'options of ' + c.name, value: c.decision ? c.decision.options : '' });
  const comment = el('input', { class: 'comment', placeholder: 'comment (why)', 'aria-label': 'comment of ' + c.name, value: c.comment || '' });
  const save = el('button', { class: 'save', disabled: true }, 'Save');
  const revert = el('button', { class: 'plain revert', disabled: true }, 'Revert');
  const problems = el('div', { class: 'problems' });
  problemsBox(problems, c.problems.length > 0 ? { message: 'The loader refuses this decision:', details: c.problems } : null);
  const samples = el('td', { class: 'samples' }, samplesList(c.samples));
  const status = c.status === 'decided' ? null
    : el('div', {}, el('span', { class: 'badge ' + (c.status === 'problem' ? 'bad' : 'warn') }, c.status));
  const decision = el('td', { class: 'decision' }, select, options, el('div', { class: 'actions' }, save, revert), problems);
  if (t.kind === 'skip') for (const input of [select, options, comment]) input.disabled = true;
  row.append(
    el('td', { class: 'name' }, c.name, status),
    el('td', { class: 'type' }, c.type, c.generated ? el('div', { class: 'note' }, 'generated') : null),
    decision,
    el('td', { class: 'reason' }, el('div', { class: 'text' }, c.reason || ''), comment),
    samples);

  const change = () => ({ table: t.name, column: c.name, transform: select.value, options: options.value, comment: comment.value });
  let timer = null;
  let asked = 0;
  const preview = async () => {
    const mine = ++asked;
    if (select.value === '') return;
    const { data } = await call('api/preview', { change: change() });
    if (mine !== asked) return;
    problemsBox(problems, data.ok ? null : data.error, data.column ? data.column.problems : null);
    if (data.column) {
      samples.replaceChildren(samplesList(data.column.samples));
      samples.classList.add('preview');
    }
  };
  const edited = () => {
    const same = select.value === (c.decision ? c.decision.transform : '') &&
      options.value === (c.decision ? c.decision.options : '') && comment.value === (c.comment || '');
    row.classList.toggle('dirty', !same);
    save.disabled = same || select.value === '';
    revert.disabled = same;
    clearTimeout(timer);
    timer = setTimeout(preview, 250);
  };
  for (const input of [select, options, comment]) input.addEventListener('input', edited);
  revert.addEventListener('click', () => {
    const fresh = columnRow(t, c);
    row.replaceWith(fresh);
  });
  save.addEventListener('click', async () => {
    save.disabled = true;
    clearTimeout(timer);
    asked++;
    const { status, data } = await call('api/save', { base: state.sha256, change: change() });
    if (status === 200) {
      state = data.state;
      render();
      flash('Saved ' + state.policyFile);
      return;
    }
    save.disabled = false;
    problemsBox(problems, data.error, data.column ? data.column.problems : null);
    if (status === 409) flash('The file changed on disk; reload the page.');
  });
  return row;
}

function applyFilter() {
  const words = $('filter').value.trim().toLowerCase();
  const open = $('open').checked;
  for (const section of document.querySelectorAll('section.table')) {
    let shown = 0;
    const tableMatch = section.dataset.table.toLowerCase().includes(words);
    for (const row of section.querySelectorAll('tr.col')) {
      const hit = (words === '' || tableMatch || row.dataset.column.toLowerCase().includes(words)) &&
        (!open || row.classList.contains('undecided') || row.classList.contains('problem'));
      row.classList.toggle('hidden', !hit);
      if (hit) shown++;
    }
    section.classList.toggle('hidden', shown === 0);
  }
}

$('filter').addEventListener('input', applyFilter);
$('open').addEventListener('change', applyFilter);
load().catch(() => flash('The review server does not answer.'));
`;

const body = `<header>
<h1>Leakproof review <small id="status"></small></h1>
<div class="meta">Policy <code id="file"></code> · source <code id="source"></code></div>
<div class="meta" id="keynote"></div>
<div class="meta">Source values are shown masked; the page never receives them. Only this machine can open it.</div>
<div class="bar"><input type="search" id="filter" placeholder="filter tables and columns" aria-label="filter">
<label><input type="checkbox" id="open"> only what needs a decision</label></div>
</header>
<main><div class="coverage" id="coverage"></div><div id="tables"></div></main>
<div id="flash" role="status"></div>`;

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The page as served; the same bytes every time (its data comes from `api/state`). */
export const reviewPageHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>Leakproof review</title>
<link rel="icon" href="data:,">
<style>${style}</style></head>
<body>${body}<script>${script}</script></body></html>
`;

/**
 * Only this page's own style and script run, and the page may fetch only from where it came from:
 * no other site can be reached even by a script injected through a name in the database.
 */
export const reviewPageCsp = [
  "default-src 'none'",
  `script-src ${hashOf(script)}`,
  `style-src ${hashOf(style)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
