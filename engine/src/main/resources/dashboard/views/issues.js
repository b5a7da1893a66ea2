// Issues: one page of the table at a time (the server filters, sorts and pages: 10,000 issues cost
// the browser no more than 50), filter by status, search by title, id or #number, sortable columns.

import {api} from '../api.js';
import {h, fill, num, time, badge, renderIfChanged, errorNote, emptyNote, externalLink} from '../dom.js';
import {load, heading} from './common.js';

const STATUSES = ['synced', 'pending', 'error', 'conflict', 'unlinked'];
const SIZES = [25, 50, 100, 200];
const COLUMNS = [
  {key: 'id', label: 'Issue', sort: 'id'},
  {key: 'title', label: 'Title', sort: 'title'},
  {key: 'status', label: 'Status', sort: 'status'},
  {key: 'github', label: 'GitHub', sort: 'githubIssue'},
  {key: 'file', label: 'File', optional: true},
  {key: 'lastSync', label: 'Last sync', sort: 'lastSyncAt', optional: true},
];

function normalize(p) {
  const size = SIZES.includes(Number(p.size)) ? Number(p.size) : 50;
  return {
    status: STATUSES.includes(p.status) ? p.status : '',
    q: p.q ?? '',
    sort: p.sort && COLUMNS.some(c => c.sort === p.sort) ? p.sort : 'id',
    order: p.order === 'desc' ? 'desc' : 'asc',
    page: Math.max(1, Number.parseInt(p.page, 10) || 1),
    size,
  };
}

export function mount(main, params, ctx) {
  let state = normalize(params);
  let searchTimer = null;

  const statusSelect = h('select', {id: 'filter-status', name: 'status'});
  const search = h('input', {id: 'search', type: 'search', name: 'q', autocomplete: 'off', placeholder: 'title, id or #number'});
  const sizeSelect = h('select', {id: 'page-size', name: 'size'}, SIZES.map(n => h('option', {value: String(n)}, String(n))));
  const summary = h('p', {class: 'summary', id: 'issues-summary'});
  const tbody = h('tbody', {id: 'issue-rows'});
  const headRow = h('tr', {});
  const note = h('div', {class: 'table-note'});
  const prev = h('button', {type: 'button', class: 'button', id: 'page-prev'}, '← Previous');
  const next = h('button', {type: 'button', class: 'button', id: 'page-next'}, 'Next →');
  const pageInfo = h('span', {class: 'page-info', id: 'page-info', 'aria-live': 'polite'});

  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter issues', onsubmit: e => e.preventDefault()},
    h('div', {class: 'field'}, h('label', {for: 'filter-status'}, 'Status'), statusSelect),
    h('div', {class: 'field grow'}, h('label', {for: 'search'}, 'Search'), search),
    h('div', {class: 'field'}, h('label', {for: 'page-size'}, 'Per page'), sizeSelect));

  main.append(
    heading('Issues'),
    form,
    summary,
    h('div', {class: 'table-wrap'},
      h('table', {class: 'issues', id: 'issues-table'},
        h('caption', {class: 'sr-only'}, 'Roadmap issues; the column buttons sort'),
        h('thead', {}, headRow),
        tbody)),
    note,
    h('nav', {class: 'pager', 'aria-label': 'Pages'}, prev, pageInfo, next));

  function drawHead() {
    fill(headRow, COLUMNS.map(col => {
      const sorted = col.sort && state.sort === col.sort;
      const th = h('th', {scope: 'col', class: col.optional ? 'opt' : null,
        'aria-sort': col.sort ? (sorted ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none') : null});
      if (!col.sort) return fill(th, h('span', {class: 'th-label'}, col.label));
      return fill(th, h('button', {type: 'button', class: 'sort', dataset: {sort: col.sort, focusKey: `sort-${col.sort}`},
        onclick: () => sortBy(col.sort)},
        col.label, h('span', {class: 'arrow', 'aria-hidden': 'true'}, sorted ? (state.order === 'asc' ? ' ▲' : ' ▼') : ' ↕')));
    }));
  }

  function syncControls() {
    search.value !== state.q && document.activeElement !== search && (search.value = state.q);
    statusSelect.value = state.status;
    sizeSelect.value = String(state.size);
    drawHead();
  }

  function changed(patch, {resetPage = true} = {}) {
    state = {...state, ...patch, ...(resetPage ? {page: 1} : {})};
    const query = new URLSearchParams();
    if (state.status) query.set('status', state.status);
    if (state.q) query.set('q', state.q);
    if (state.sort !== 'id') query.set('sort', state.sort);
    if (state.order !== 'asc') query.set('order', state.order);
    if (state.page > 1) query.set('page', String(state.page));
    if (state.size !== 50) query.set('size', String(state.size));
    const hash = `#/issues${query.toString() ? `?${query}` : ''}`;
    // replaceState: no hashchange, no redraw of the controls being used
    history.replaceState(null, '', hash);
    syncControls();
    ctx.refreshNow();
  }

  function sortBy(key) {
    if (state.sort === key) changed({order: state.order === 'asc' ? 'desc' : 'asc'});
    else changed({sort: key, order: key === 'lastSyncAt' ? 'desc' : 'asc'});
  }

  statusSelect.addEventListener('change', () => changed({status: statusSelect.value}));
  sizeSelect.addEventListener('change', () => changed({size: Number(sizeSelect.value)}));
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => changed({q: search.value.trim()}), 250);
  });
  prev.addEventListener('click', () => changed({page: state.page - 1}, {resetPage: false}));
  next.addEventListener('click', () => changed({page: state.page + 1}, {resetPage: false}));

  let lastCounts = null;
  function drawStatusOptions(counts) {
    const key = JSON.stringify(counts);
    if (key === lastCounts && statusSelect.options.length) return;
    lastCounts = key;
    const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;
    const label = (name, n) => (n === null || n === undefined ? name : `${name} (${num(n)})`);
    if (statusSelect.options.length === STATUSES.length + 1) {
      // new counts in place: an open or focused list is left as it is
      statusSelect.options[0].textContent = label('All', total);
      STATUSES.forEach((s, i) => { statusSelect.options[i + 1].textContent = label(s, counts?.[s]); });
      return;
    }
    fill(statusSelect,
      h('option', {value: ''}, label('All', total)),
      STATUSES.map(s => h('option', {value: s}, label(s, counts?.[s]))));
    statusSelect.value = state.status;
  }

  syncControls();
  drawStatusOptions(null);

  async function refresh() {
    const query = new URLSearchParams({
      sort: state.sort, order: state.order,
      offset: String((state.page - 1) * state.size), limit: String(state.size),
    });
    if (state.status) query.set('status', state.status);
    if (state.q) query.set('q', state.q);
    const answer = await load(ctx, api(`/api/issues?${query}`));
    if (answer.error) {
      fill(tbody);
      fill(note, answer.error.global ? emptyNote('No issues to show (see above).') : errorNote(answer.error));
      summary.textContent = '';
      pageInfo.textContent = '';
      prev.disabled = true;
      next.disabled = true;
      delete tbody.dataset.signature;
      return;
    }
    const page = answer.data;
    const pages = Math.max(1, Math.ceil(page.total / state.size));
    if (state.page > pages) {
      changed({page: pages}, {resetPage: false});
      return;
    }
    drawStatusOptions(page.counts);
    renderIfChanged(tbody, page.issues, () => fill(tbody, page.issues.map(row)));
    const all = Object.values(page.counts ?? {}).reduce((a, b) => a + b, 0);
    if (page.total === 0) {
      fill(note, all === 0
        ? emptyNote('No roadmap issues yet. Issue files under .roadmap/issues/ appear here.')
        : h('p', {class: 'empty'}, 'No issue matches these filters. ',
          h('button', {type: 'button', class: 'button small', onclick: () => { search.value = ''; changed({status: '', q: ''}); }}, 'Clear the filters')));
    } else {
      fill(note);
    }
    const from = page.total === 0 ? 0 : page.offset + 1;
    const to = page.offset + page.issues.length;
    summary.textContent = page.total === 0 ? '' : `Showing ${num(from)}–${num(to)} of ${num(page.total)} issues${page.total !== all ? ` (${num(all)} in all)` : ''}.`;
    pageInfo.textContent = `Page ${num(state.page)} of ${num(pages)}`;
    prev.disabled = state.page <= 1;
    next.disabled = state.page >= pages;
  }

  return {
    title: 'Issues',
    refresh,
    update(p) {
      state = normalize(p);
      syncControls();
    },
    dispose() {
      clearTimeout(searchTimer);
    },
  };
}

function row(issue) {
  const detail = issue.syncStatus === 'error' || issue.lastSyncError
    ? h('div', {class: 'row-note error-text'}, issue.lastSyncError ?? '')
    : pendingNote(issue.pendingChanges);
  return h('tr', {dataset: {id: issue.id}},
    h('td', {}, h('a', {href: `/#/issues/${encodeURIComponent(issue.id)}`, dataset: {focusKey: `issue-${issue.id}`}}, h('code', {}, issue.id))),
    h('td', {class: 'title-cell'}, issue.title ?? ''),
    h('td', {}, badge(issue.syncStatus), detail),
    h('td', {}, issue.githubIssue
      ? externalLink(issue.url, `${issue.repo}#${issue.githubIssue}`, `GitHub issue ${issue.repo} number ${issue.githubIssue} (opens a new tab)`)
      : h('span', {class: 'muted'}, 'not linked')),
    h('td', {class: 'opt'}, issue.file ? h('code', {class: 'path', title: issue.file}, issue.file) : h('span', {class: 'muted'}, '—')),
    h('td', {class: 'opt'}, time(issue.lastSyncAt)));
}

function pendingNote(pending) {
  const entries = Object.entries(pending ?? {});
  if (!entries.length) return null;
  const where = {github: 'to GitHub', roadmap: 'to the file', both: 'both ways'};
  return h('div', {class: 'row-note muted'}, `pending: ${entries.map(([f, w]) => `${f} ${where[w] ?? w}`).join(', ')}`);
}
