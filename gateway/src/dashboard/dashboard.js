// The task dashboard page: one GraphQL query to the gateway, rendered with textContent only
// (no HTML from data). Task id from the form, `?task=` or `#task=`; token from the form or
// `#token=` (the fragment never reaches a server), kept in sessionStorage for reloads.
'use strict';

const QUERY = `query Dashboard($t: ID!) { taskDashboard(taskId: $t) {
  asOf task { title windowStart windowEnd }
  progress { visits visitsChecked visitsCompleted slots recorded reviewed published overdue missing completionRate }
  departments { departmentCode department { nameZh } dueWorkingDays slots recorded reviewed published overdue problemRate inspectorsEngaged }
  burden { visits separateVisits visitsSaved savedShare expectedVisits expectedIndependentVisits }
  overdue(first: 50) { totalCount nodes { departmentCode recorded resultStatus checkDate dueDate workingDaysOverdue enterprise { uscc name } department { nameZh } } }
  categories { category label labelZh count share }
} }`;

const STATES = { RECORDED: '已录入未审核 recorded', REVIEWED: '已审核未公示 reviewed' };
const TOKEN_KEY = 'jih.dashboard.token';

const $ = (id) => document.getElementById(id);
const count = (n) => (n == null ? '—' : Number(n).toLocaleString('zh-CN'));
const percent = (x) => (x == null ? '—' : `${(x * 100).toFixed(1)}%`);
const decimal = (x) => (x == null ? '—' : x.toFixed(1));

/** How a figure is shown, by its field name. */
function format(path, value) {
  if (/(Rate|Share)$/.test(path)) return percent(value);
  if (/expected/.test(path)) return decimal(value);
  if (typeof value === 'number') return count(value);
  return value == null ? '—' : String(value);
}

function setStatus(state, text) {
  const el = $('status');
  el.dataset.state = state;
  el.textContent = text;
}

/** A table row of cells; numbers (and percentages) are right-aligned. */
function row(cells) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    td.textContent = typeof c === 'number' ? count(c) : c;
    if (typeof c === 'number' || /%$/.test(c)) td.className = 'n';
    tr.appendChild(td);
  }
  return tr;
}

function render(d) {
  $('title').textContent = d.task.title;
  const shown = { ...d, overdue: { ...d.overdue, shown: d.overdue.nodes.length } };
  for (const el of document.querySelectorAll('[data-field]')) {
    const path = el.dataset.field;
    el.textContent = format(
      path,
      path.split('.').reduce((o, k) => (o == null ? o : o[k]), shown),
    );
  }
  $('departments').replaceChildren(
    ...d.departments.map((x) => {
      const tr = row([
        x.department?.nameZh ?? x.departmentCode,
        x.dueWorkingDays,
        x.slots,
        x.recorded,
        x.reviewed,
        x.published,
        x.overdue,
        percent(x.problemRate),
        x.inspectorsEngaged,
      ]);
      tr.dataset.department = x.departmentCode;
      return tr;
    }),
  );
  $('overdue').replaceChildren(
    ...d.overdue.nodes.map((n) => {
      const tr = row([
        n.enterprise?.name ?? '',
        n.enterprise?.uscc ?? '',
        n.department?.nameZh ?? n.departmentCode,
        n.recorded ? (STATES[n.resultStatus] ?? n.resultStatus) : '未录入 missing',
        n.checkDate,
        n.dueDate ?? '—',
        n.workingDaysOverdue ?? '—',
      ]);
      tr.dataset.overdueRow = '';
      return tr;
    }),
  );
  $('overdue-more').hidden = d.overdue.totalCount <= d.overdue.nodes.length;
  $('categories').replaceChildren(
    ...d.categories.map((c) => {
      const tr = row([`${c.labelZh} ${c.label}`, c.count, percent(c.share)]);
      tr.dataset.category = c.category;
      return tr;
    }),
  );
  $('board').hidden = false;
}

async function load(task, token) {
  setStatus('loading', '加载中… loading');
  const started = performance.now();
  try {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY, variables: { t: task } }),
    });
    const body = await res.json();
    const d = body.data && body.data.taskDashboard;
    if (!d) {
      const e = body.errors && body.errors[0];
      setStatus(
        'error',
        e ? `${e.extensions?.code ?? 'ERROR'}: ${e.message}` : `没有该任务 No task ${task}`,
      );
      return;
    }
    render(d);
    const partial = body.errors?.length
      ? ` — 部分数据不可用 partly unavailable: ${body.errors[0].message}`
      : '';
    setStatus('ready', `已加载 loaded in ${Math.round(performance.now() - started)} ms${partial}`);
  } catch (err) {
    setStatus('error', `请求失败 request failed: ${err.message}`);
  }
}

function start() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const query = new URLSearchParams(location.search);
  const task = hash.get('task') ?? query.get('task') ?? '';
  const token = hash.get('token') ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  $('task').value = task;
  $('token').value = token;
  if (hash.has('token')) {
    sessionStorage.setItem(TOKEN_KEY, token);
    // Keep the token out of the address bar and the history once read.
    history.replaceState(
      null,
      '',
      `${location.pathname}${location.search}#task=${encodeURIComponent(task)}`,
    );
  }
  $('open').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const t = $('task').value.trim();
    const k = $('token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, k);
    history.replaceState(null, '', `${location.pathname}#task=${encodeURIComponent(t)}`);
    load(t, k);
  });
  if (task && token) load(task, token);
}

start();
