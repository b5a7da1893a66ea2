// One issue: base / roadmap / GitHub side by side, pending changes, the conflict with its choices,
// the pull request and its notes, the dependencies, the history timeline, and "sync this issue".

import {api} from '../api.js';
import {h, fill, num, time, badge, value, renderIfChanged, errorNote, emptyNote, externalLink} from '../dom.js';
import {load, actionButton, heading, section, facts} from './common.js';
import {conflictPanel, FIELD_ORDER, fieldLabel} from './conflicts.js';
import {pullSummary} from './pulls.js';

export function mount(main, params, ctx) {
  const id = params.id;
  const title = h('h1', {id: 'issue-title'}, `Issue ${id}`);
  const meta = h('div', {class: 'issue-meta'});
  const status = h('div', {class: 'card-body'});
  const fields = h('div', {class: 'card-body'});
  const conflict = h('div', {class: 'card-body'});
  const pull = h('div', {class: 'card-body'});
  const history = h('div', {class: 'card-body'});
  const comments = h('div', {class: 'card-body'});
  const dependencies = h('div', {class: 'card-body'});
  const conflictSection = section('Conflict', 'conflict-card', conflict);
  conflictSection.hidden = true;
  const choices = new Map();

  const sync = actionButton({
    label: 'Sync this issue',
    className: 'button primary',
    action: () => api(`/api/issues/${encodeURIComponent(id)}/sync`, {method: 'POST', body: {}}),
    ok: () => 'Sync asked: GitHub is read again, then each side gets what it lacks.',
    after: () => ctx.refreshNow(),
  });

  main.append(
    h('p', {class: 'crumbs'}, h('a', {href: '/#/issues'}, '← All issues')),
    h('div', {class: 'view-head'}, title, h('div', {class: 'controls'}, sync.wrap)),
    meta,
    h('div', {class: 'detail-grid'},
      h('div', {class: 'detail-top'},
        section('Sync state', 'state-card', status),
        section('Pull request', 'pull-card', pull)),
      conflictSection,
      section('Fields', 'fields-card', fields),
      section('Comments', 'comments-card', comments),
      section('Dependencies', 'dependencies-card', dependencies),
      section('History', 'history-card', history)));

  let missing = false;

  async function refresh() {
    const [detail, pulls] = await Promise.all([
      load(ctx, api(`/api/issues/${encodeURIComponent(id)}`)),
      load(ctx, api('/api/pulls')),
    ]);
    if (detail.error) {
      missing = detail.error.status === 404;
      fill(meta, detail.error.global ? emptyNote('Not available (see above).')
        : missing ? h('div', {class: 'notice warn', id: 'issue-missing'}, `There is no roadmap issue with id ${id}. `, h('a', {href: '/#/issues'}, 'See all issues'), '.')
          : errorNote(detail.error));
      for (const el of [status, fields, pull, history, comments, dependencies]) {
        fill(el);
        delete el.dataset.signature;
      }
      sync.button.disabled = true;
      return;
    }
    sync.button.disabled = false;
    const d = detail.data;
    title.textContent = d.title ? `${d.title}` : `Issue ${id}`;
    renderIfChanged(meta, [d.id, d.syncStatus, d.repo, d.githubIssue, d.url, d.file], () => fill(meta,
      h('span', {}, h('code', {}, d.id)),
      badge(d.syncStatus),
      d.githubIssue ? externalLink(d.url, `${d.repo}#${d.githubIssue}`, `GitHub issue ${d.repo} number ${d.githubIssue} (opens a new tab)`) : h('span', {class: 'muted'}, 'not linked to GitHub'),
      d.file ? h('code', {class: 'path', id: 'issue-file'}, d.file) : null));
    renderIfChanged(status, [d.syncStatus, d.lastSyncAt, d.lastSyncError, d.attempts, d.nextRetryAt, d.pendingChanges], () => fill(status, facts([
      ['Status', badge(d.syncStatus)],
      ['Last sync', time(d.lastSyncAt)],
      ['Error', d.lastSyncError ? h('span', {class: 'error-text'}, d.lastSyncError) : null],
      ['Failures in a row', d.attempts ? num(d.attempts) : null],
      ['Tried again', d.nextRetryAt ? time(d.nextRetryAt) : (d.syncStatus === 'error' ? 'when something changes, or on "Sync this issue"' : null)],
      ['Pending', pendingText(d.pendingChanges)],
    ])));
    renderIfChanged(fields, [d.base, d.roadmap, d.github, d.pendingChanges, Object.keys(d.conflict ?? {})], () => drawFields(fields, d));
    const conflicting = Object.entries(d.conflict ?? {}).map(([field, v]) => ({field, ...v}));
    conflictSection.hidden = conflicting.length === 0;
    renderIfChanged(conflict, conflicting, () => fill(conflict, conflicting.length
      ? conflictPanel({id: d.id, title: d.title, fields: conflicting}, choices, ctx)
      : null));
    const mine = pulls.data?.find(p => p.issueId === d.id);
    renderIfChanged(pull, [mine ?? null, pulls.error?.detail ?? null], () => fill(pull,
      mine ? pullSummary(mine, ctx)
        : pulls.error ? h('p', {class: 'muted'}, `Pull requests: ${pulls.error.detail}`)
          : emptyNote('No pull request: one is opened when the issue names a branch (git_branches) and goes in-progress.')));
    renderIfChanged(history, d.history, () => drawHistory(history, d.history ?? []));
    renderIfChanged(comments, d.comments ?? null, () => drawComments(comments, d.comments));
    renderIfChanged(dependencies, d.dependencies ?? null, () => drawDependencies(dependencies, d.dependencies));
  }

  return {title: `Issue ${id}`, refresh};
}

function pendingText(pending) {
  const entries = Object.entries(pending ?? {});
  if (!entries.length) return null;
  const where = {github: 'to GitHub', roadmap: 'to the file', both: 'both ways'};
  return entries.map(([f, w]) => `${fieldLabel(f)} ${where[w] ?? w}`).join(', ');
}

function drawFields(el, d) {
  const keys = new Set(FIELD_ORDER);
  for (const side of [d.base, d.roadmap, d.github]) Object.keys(side ?? {}).forEach(k => keys.add(k));
  const conflicting = new Set(Object.keys(d.conflict ?? {}));
  const pending = d.pendingChanges ?? {};
  const where = {github: '→ GitHub', roadmap: '→ file', both: 'both ways'};
  if (!d.base && !d.roadmap && !d.github) return fill(el, emptyNote('Nothing read yet.'));
  return fill(el,
    h('div', {class: 'table-wrap'}, h('table', {class: 'sides', id: 'sides-table'},
      h('caption', {class: 'sr-only'}, 'Each synced field: the value both sides last agreed on, the file\'s, GitHub\'s'),
      h('thead', {}, h('tr', {},
        h('th', {scope: 'col'}, 'Field'), h('th', {scope: 'col'}, 'Base (last agreed)'),
        h('th', {scope: 'col'}, 'Roadmap file'), h('th', {scope: 'col'}, 'GitHub'), h('th', {scope: 'col'}, 'Pending'))),
      h('tbody', {}, [...keys].filter(k => k in (d.base ?? {}) || k in (d.roadmap ?? {}) || k in (d.github ?? {})).map(k => {
        const r = d.roadmap?.[k];
        const g = d.github?.[k];
        const differs = d.roadmap && d.github && JSON.stringify(r ?? null) !== JSON.stringify(g ?? null);
        return h('tr', {class: conflicting.has(k) ? 'conflicting' : differs ? 'differs' : null, dataset: {field: k}},
          h('th', {scope: 'row'}, fieldLabel(k), conflicting.has(k) ? h('span', {class: 'badge badge-conflict'}, 'conflict') : null),
          h('td', {}, value(d.base?.[k])),
          h('td', {}, d.roadmap ? value(r) : h('span', {class: 'muted'}, 'not read')),
          h('td', {}, d.github ? value(g) : h('span', {class: 'muted'}, d.githubIssue ? 'not read' : 'not linked')),
          h('td', {}, pending[k] ? where[pending[k]] ?? pending[k] : ''));
      })))));
}

/** The file's comments beside GitHub's: each file entry with the GitHub comment it is synced with. */
function drawComments(el, c) {
  const roadmap = c?.roadmap ?? [];
  const github = c?.github ?? [];
  if (!roadmap.length && !github.length) return fill(el, emptyNote('No comments on either side.'));
  const refused = new Map((c.errors ?? []).map(e => [e.comment, e.reason]));
  const posting = new Set(c.posting ?? []);
  const byUrl = new Map(github.map(g => [g.url, g]));
  const shown = new Set();
  const rows = roadmap.map(r => {
    const g = r.githubUrl ? byUrl.get(r.githubUrl) : null;
    if (g) shown.add(g.id);
    const state = refused.has(r.id) ? h('span', {class: 'error-text'}, `refused: ${refused.get(r.id)}`)
      : posting.has(r.id) ? 'being posted'
        : !r.githubUrl ? 'not on GitHub yet'
          : !g ? h('span', {class: 'muted'}, 'not on GitHub (deleted there, or not read yet)')
            : g.body.replace(/\n\n<!-- roadmap-sync:comment=\S+ -->\s*$/, '') === r.body ? 'in step' : 'differs';
    return h('tr', {dataset: {comment: r.id}},
      h('th', {scope: 'row'}, String(r.id)),
      h('td', {}, r.author ?? ''),
      h('td', {}, h('pre', {class: 'comment-body'}, r.body)),
      h('td', {}, r.githubUrl ? externalLink(r.githubUrl, 'on GitHub', `GitHub comment of entry ${r.id} (opens a new tab)`) : null),
      h('td', {}, state));
  });
  const onlyGitHub = github.filter(g => !shown.has(g.id)).map(g => h('tr', {dataset: {githubComment: g.id}},
    h('th', {scope: 'row'}, h('span', {class: 'muted'}, '—')),
    h('td', {}, g.author ?? ''),
    h('td', {}, h('pre', {class: 'comment-body'}, g.body)),
    h('td', {}, externalLink(g.url, 'on GitHub', `GitHub comment ${g.id} (opens a new tab)`)),
    h('td', {}, h('span', {class: 'muted'}, 'only on GitHub (not copied yet, or its entry was removed)'))));
  return fill(el, h('div', {class: 'table-wrap'}, h('table', {class: 'comments', id: 'comments-table'},
    h('caption', {class: 'sr-only'}, 'The file\'s comments and the GitHub comment each is synced with'),
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, 'Id'), h('th', {scope: 'col'}, 'Author'), h('th', {scope: 'col'}, 'Text'),
      h('th', {scope: 'col'}, 'GitHub'), h('th', {scope: 'col'}, 'State'))),
    h('tbody', {}, [...rows, ...onlyGitHub]))));
}

/** What the issue depends on, and what keeps a relation from GitHub: waiting, refused, unusable. */
function drawDependencies(el, deps) {
  if (!deps) return fill(el, emptyNote('Not known yet: the dependencies are read once GitHub can be reached.'));
  const issueLink = id => h('a', {href: `/#/issues/${encodeURIComponent(id)}`}, h('code', {}, id));
  const list = ids => ids?.length ? h('span', {class: 'id-list'}, ids.flatMap((id, i) => i ? [', ', issueLink(id)] : [issueLink(id)])) : null;
  const refused = Object.entries(deps.refused ?? {});
  const rows = [
    ['Depends on', list(deps.dependsOn)],
    ['Waiting for a GitHub issue', list(deps.pending)],
    ['Only on GitHub (no roadmap file)', deps.githubOnly?.length ? deps.githubOnly.join(', ') : null],
    ['Refused by GitHub', refused.length ? h('ul', {class: 'refused'}, refused.map(([id, reason]) =>
      h('li', {}, issueLink(id), ': ', h('span', {class: 'error-text'}, reason)))) : null],
    ['Problems in the file', deps.problems?.length ? h('ul', {}, deps.problems.map(p => h('li', {class: 'error-text'}, p))) : null],
    ['Cycles (kept as written)', deps.cycles?.length ? h('ul', {}, deps.cycles.map(c => h('li', {}, [...c, c[0]].join(' → ')))) : null],
  ];
  if (rows.every(([, v]) => v === null)) return fill(el, emptyNote('No dependencies: depends_on and blocks are empty.'));
  return fill(el, h('div', {id: 'dependencies'}, facts(rows)));
}

function drawHistory(el, entries) {
  if (!entries.length) return fill(el, emptyNote('No history yet: nothing was written to either side.'));
  const arrow = {push: '⬆ to GitHub', pull: '⬇ to the file', 'pull-request': 'pull request', dependencies: 'dependencies'};
  return fill(el, h('ol', {class: 'timeline', id: 'history'}, entries.map(e => h('li', {class: `entry entry-${e.direction}`},
    h('div', {class: 'entry-head'}, time(e.at), ' ', h('strong', {}, arrow[e.direction] ?? e.direction),
      e.trigger ? h('span', {class: 'muted'}, ` · ${e.trigger}`) : null),
    e.note ? h('p', {class: 'note'}, e.note) : null,
    e.comments ? h('p', {class: 'note'}, `comments: ${e.comments.added} added, ${e.comments.edited} edited, ${e.comments.removed} removed`) : null,
    Object.keys(e.changes ?? {}).length
      ? h('ul', {class: 'changes'}, Object.entries(e.changes).map(([field, c]) =>
        h('li', {}, h('span', {class: 'field-name'}, fieldLabel(field)), ': ', value(c?.from), ' → ', value(c?.to))))
      : null))));
}
