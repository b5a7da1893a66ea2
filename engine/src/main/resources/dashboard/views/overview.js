// Overview: issues by sync status, what waits for a person, the poll run (sync now, auto-sync),
// GitHub's health and quota, webhook deliveries, and the service's own components.

import {api, health, text} from '../api.js';
import {h, fill, num, time, badge, renderIfChanged, errorNote, emptyNote, announce} from '../dom.js';
import {load, actionButton, heading, section, facts} from './common.js';

const STATUSES = [
  ['synced', 'synced'],
  ['pending', 'pending'],
  ['error', 'error'],
  ['conflict', 'conflict'],
  ['unlinked', 'unlinked (not on GitHub yet)'],
];

export function mount(main, params, ctx) {
  const counts = h('div', {class: 'card-body'});
  const attention = h('div', {class: 'card-body'});
  const run = h('div', {class: 'card-body'});
  const github = h('div', {class: 'card-body'});
  const webhooks = h('div', {class: 'card-body'});
  const service = h('div', {class: 'card-body'});

  // controls live outside the bodies that are redrawn, so focus and messages stay put
  const syncNow = actionButton({
    label: 'Sync now',
    className: 'button primary',
    action: () => api('/api/sync', {method: 'POST', body: {}}),
    ok: a => `Poll started${a?.issues ? `; ${a.issues} issue(s) in error tried again` : ''}.`,
    after: () => ctx.refreshNow(),
  });
  const autoSync = h('input', {type: 'checkbox', role: 'switch', id: 'auto-sync'});
  const autoSyncMessage = h('span', {class: 'action-message', role: 'status'});
  let autoSyncBusy = false;
  autoSync.addEventListener('change', async () => {
    const wanted = autoSync.checked;
    autoSyncBusy = true;
    autoSync.disabled = true;
    try {
      const answer = await api('/api/auto-sync', {method: 'PUT', body: {enabled: wanted}});
      autoSync.checked = answer.enabled;
      autoSyncMessage.className = 'action-message ok';
      autoSyncMessage.textContent = answer.enabled ? 'Periodic polling is on.' : 'Periodic polling is off.';
    } catch (error) {
      autoSync.checked = !wanted;
      autoSyncMessage.className = 'action-message refused';
      autoSyncMessage.textContent = `Refused${error.status ? ` (${error.status})` : ''}: ${error.detail}`;
    } finally {
      announce(autoSyncMessage.textContent);
      autoSyncBusy = false;
      autoSync.disabled = false;
    }
  });
  const controls = h('div', {class: 'controls'},
    syncNow.wrap,
    h('span', {class: 'switch'}, autoSync, h('label', {for: 'auto-sync'}, 'Automatic sync (polls GitHub on its interval)')),
    autoSyncMessage);

  main.append(
    heading('Overview'),
    h('div', {class: 'grid'},
      section('Issues by sync status', 'issues-card', counts),
      section('Waiting for you', 'attention-card', attention),
      section('Poll run', 'run-card', controls, run),
      section('GitHub', 'github-card', github),
      section('Webhooks', 'webhooks-card', webhooks),
      section('Service', 'service-card', service)));

  // Each card is drawn as soon as its own data is in: /health and /metrics are open, so the
  // service's state shows even while the API waits for the admin token.
  async function refresh() {
    const healthP = load(ctx, health(), {apiCall: false});
    const metricsP = load(ctx, text('/metrics'), {apiCall: false});
    const pageP = load(ctx, api('/api/issues?limit=0'));
    const approvalsP = load(ctx, api('/api/approvals'));
    const syncP = load(ctx, api('/api/sync'));
    const autoP = load(ctx, api('/api/auto-sync'));
    const open = Promise.all([healthP, metricsP]).then(([healthAnswer, metrics]) => {
      const deliveries = metrics.data ? webhookDeliveries(metrics.data) : null;
      renderIfChanged(github, healthAnswer, () => drawGitHub(github, healthAnswer));
      renderIfChanged(webhooks, [healthAnswer, deliveries], () => drawWebhooks(webhooks, healthAnswer, deliveries));
      renderIfChanged(service, healthAnswer, () => drawService(service, healthAnswer));
    });
    const issues = Promise.all([pageP, approvalsP]).then(([page, approvals]) => {
      renderIfChanged(counts, page, () => drawCounts(counts, page));
      renderIfChanged(attention, [page, approvals], () => drawAttention(attention, page, approvals));
      ctx.counts(page.data?.counts?.conflict, approvals.data?.length);
    });
    const runs = Promise.all([syncP, autoP]).then(([syncRun, auto]) => {
      renderIfChanged(run, syncRun, () => drawRun(run, syncRun));
      if (!autoSyncBusy) {
        if (auto.data) {
          autoSync.checked = Boolean(auto.data.enabled);
          autoSync.disabled = false;
          autoSync.title = '';
        } else {
          autoSync.disabled = true;
          autoSync.title = auto.error?.detail ?? '';
        }
      }
      syncNow.button.disabled = Boolean(syncRun.error);
      syncNow.button.title = syncRun.error ? syncRun.error.detail : '';
    });
    await Promise.all([open, issues, runs]);
  }

  return {title: 'Overview', refresh};
}

function unavailable(answer, what) {
  if (answer.error?.global) return emptyNote(`${what}: not available (see above).`);
  return errorNote(answer.error, what);
}

function drawCounts(el, page) {
  if (page.error) return fill(el, unavailable(page, 'Issue counts'));
  const c = page.data.counts ?? {};
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  if (total === 0) {
    return fill(el, emptyNote('No roadmap issues yet. Add issue files under .roadmap/issues/ and they appear here.'));
  }
  return fill(el,
    h('p', {class: 'big-total'}, h('span', {class: 'num', id: 'total-issues'}, num(total)), ' issues in the roadmap'),
    h('div', {class: 'stack-bar', 'aria-hidden': 'true'},
      STATUSES.filter(([s]) => c[s] > 0).map(([s]) => segment(s, c[s] / total))),
    h('ul', {class: 'count-list'},
      STATUSES.map(([s, label]) => h('li', {},
        h('a', {href: `/#/issues?status=${s}`, class: `count-link count-${s}`, dataset: {count: s}},
          h('span', {class: 'num'}, num(c[s] ?? 0)), ' ', h('span', {class: 'label'}, label))))));
}

function drawAttention(el, page, approvals) {
  const c = page.data?.counts ?? {};
  const items = [];
  if (page.data) {
    items.push(h('li', {}, h('a', {href: '/#/conflicts'}, h('span', {class: 'num'}, num(c.conflict ?? 0)), ' in conflict: choose a side')));
    items.push(h('li', {}, h('a', {href: '/#/issues?status=error'}, h('span', {class: 'num'}, num(c.error ?? 0)), ' in error')));
  }
  if (approvals.data) {
    items.push(h('li', {}, h('a', {href: '/#/pulls'}, h('span', {class: 'num'}, num(approvals.data.length)), ' pull request(s) waiting for approval')));
  }
  fill(el,
    items.length ? h('ul', {class: 'attention-list'}, items) : null,
    approvals.error && !approvals.error.global ? h('p', {class: 'muted'}, `Approvals: ${approvals.error.detail}`) : null,
    page.error ? unavailable(page, 'Issues') : null);
  return el;
}

/** A part of the status bar; its width through the CSSOM (the page's CSP allows no style attribute). */
function segment(status, share) {
  const seg = h('span', {class: `seg seg-${status}`});
  seg.style.flexGrow = String(share);
  return seg;
}

function drawRun(el, answer) {
  if (answer.error) return fill(el, unavailable(answer, 'Poll runs'));
  const r = answer.data;
  const state = r.state ?? 'never_run';
  const total = r.total ?? 0;
  const done = r.done ?? 0;
  const running = state === 'listing' || state === 'dispatching';
  const repos = r.repositories ?? [];
  fill(el,
    h('p', {class: 'run-state'}, badge(state, state.replace(/_/g, ' ')),
      running ? h('span', {}, ` ${num(done)} of ${num(total)} issues`) : null),
    total > 0 || running
      ? h('progress', {id: 'run-progress', max: String(Math.max(total, 1)), value: String(Math.min(done, Math.max(total, 1))), 'aria-label': 'poll run progress'})
      : null,
    facts([
      ['Repository', r.repo ?? null],
      ['Done', total > 0 ? `${num(done)} of ${num(total)}` : null],
      ['Failed', r.failed ? num(r.failed) : null],
      ['Started', r.startedAt ? time(r.startedAt) : null],
      ['Finished', r.finishedAt ? time(r.finishedAt) : null],
      ['Error', r.error ?? null],
      ['Automatic sync', r.autoSync === undefined ? null : (r.autoSync ? 'on' : 'off')],
    ]),
    repos.length > 1
      ? h('div', {class: 'table-wrap'}, h('table', {class: 'compact'},
        h('caption', {class: 'sr-only'}, 'Last run per repository'),
        h('thead', {}, h('tr', {}, ['Repository', 'State', 'Done', 'Failed', 'Finished'].map(t => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, repos.map(p => h('tr', {},
          h('td', {}, p.repo), h('td', {}, badge(p.state, p.state.replace(/_/g, ' '))),
          h('td', {}, `${num(p.done)}/${num(p.total)}`), h('td', {}, num(p.failed)), h('td', {}, time(p.finishedAt)))))))
      : null);
  return el;
}

function drawGitHub(el, answer) {
  if (answer.error) return fill(el, unavailable(answer, 'Health'));
  const g = answer.data.infrastructure?.github ?? {};
  const governor = answer.data.components?.governor ?? {};
  const limit = g.rateLimit;
  // the governor sees every answer's rate-limit headers: fresher than the last health check
  const remaining = governor.quotaRemaining?.core ?? limit?.remaining;
  const holds = governor.primaryHolds && Object.keys(governor.primaryHolds).length
    ? Object.entries(governor.primaryHolds).map(([k, v]) => `${k} until ${v}`).join(', ')
    : null;
  fill(el,
    h('p', {class: 'status-line'}, badge(g.status), ' ', statusSentence(g)),
    limit
      ? h('div', {class: 'quota'},
        h('label', {for: 'quota-meter'}, 'Quota left'),
        h('meter', {id: 'quota-meter', min: '0', max: String(limit.limit || 1), low: String((limit.limit || 1) * 0.1), high: String((limit.limit || 1) * 0.5), optimum: String(limit.limit || 1), value: String(remaining)}),
        h('span', {class: 'quota-text', id: 'quota-text'}, `${num(remaining)} / ${num(limit.limit)}`))
      : null,
    facts([
      ['Quota resets', limit?.resetAt ? time(limit.resetAt) : null],
      ['Reachable', g.status === 'NOT_CONFIGURED' ? null : (g.reachable ? 'yes' : 'no')],
      ['Token accepted', g.status === 'NOT_CONFIGURED' ? null : (g.authenticated ? 'yes' : 'no')],
      ['Token scopes', g.scopes?.length ? g.scopes.join(', ') : null],
      ['Last error', g.lastError ?? null],
      ['Failures in a row', g.consecutiveFailures ? num(g.consecutiveFailures) : null],
      ['Last successful sync', g.lastSuccessfulSync ? time(g.lastSuccessfulSync) : null],
      ['Checked', g.checkedAt ? time(g.checkedAt) : null],
      ['Requests waiting', governor.waiting !== undefined ? num(governor.waiting) : null],
      ['Holds so far', governor.holds !== undefined ? num(governor.holds) : null],
      ['Held until (quota spent)', holds],
      ['Held until (secondary limit)', governor.secondaryHoldUntil ? time(governor.secondaryHoldUntil) : null],
    ]));
  return el;
}

function statusSentence(g) {
  switch (g.status) {
    case 'UP': return 'GitHub answers and accepts the token.';
    case 'DEGRADED': return 'GitHub answers with trouble; sync goes on more slowly.';
    case 'DOWN': return 'GitHub is down or refuses the token: edits wait, nothing is lost.';
    case 'NOT_CONFIGURED': return 'No GITHUB_TOKEN: the roadmap is read, nothing is synced.';
    default: return '';
  }
}

function drawWebhooks(el, answer, deliveries) {
  if (answer.error) return fill(el, unavailable(answer, 'Health'));
  const w = answer.data.infrastructure?.webhooks;
  const repos = Object.entries(w?.repositories ?? {});
  const delivered = deliveries ? Object.entries(deliveries).filter(([, n]) => n > 0) : [];
  fill(el,
    w ? h('p', {class: 'status-line'}, badge(w.status), ' ', w.gapRecovery ?? '') : emptyNote('Webhooks are not received while sync is not running.'),
    w ? facts([
      ['Why', w.reason && w.reason !== w.gapRecovery ? w.reason : null],
      ['Last recovery', w.lastRecoveryAt ? time(w.lastRecoveryAt) : null],
      ['Cause', w.lastRecoveryCause ?? null],
    ]) : null,
    deliveries
      ? h('div', {},
        h('h3', {}, 'Deliveries since start'),
        delivered.length
          ? h('ul', {class: 'inline-counts', id: 'webhook-deliveries'}, delivered.map(([result, n]) =>
            h('li', {}, h('span', {class: 'num'}, num(n)), ` ${result}`)))
          : emptyNote('No webhook delivery yet.'))
      : null,
    repos.length === 1 && !repos[0][1].lastError
      ? facts([
        ['Missed, asked again', `${num(repos[0][1].missed)} missed, ${num(repos[0][1].redeliveriesAsked)} redelivered (${repos[0][0]})`],
        ['Looked', repos[0][1].checkedAt ? time(repos[0][1].checkedAt) : null],
      ])
      : null,
    repos.length > 1 || repos.some(([, r]) => r.lastError)
      ? h('div', {class: 'table-wrap'}, h('table', {class: 'compact'},
        h('caption', {}, 'Missed deliveries per repository'),
        h('thead', {}, h('tr', {}, ['Repository', 'Recovery', 'Missed', 'Redelivered', 'Last error'].map(t => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, repos.map(([repo, r]) => h('tr', {},
          h('td', {}, repo), h('td', {}, r.gapRecovery ?? ''), h('td', {}, num(r.missed)),
          h('td', {}, num(r.redeliveriesAsked)), h('td', {}, r.lastError ?? '—'))))))
      : null);
  return el;
}

/** roadmap_sync_webhook_deliveries_total{result="accepted"} 3.0 → {accepted: 3} */
function webhookDeliveries(metricsText) {
  const out = {};
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith('roadmap_sync_webhook_deliveries_total{')) continue;
    const result = /result="([^"]*)"/.exec(line)?.[1];
    const value = Number(line.trim().split(/\s+/).pop());
    if (result && Number.isFinite(value)) out[result] = (out[result] ?? 0) + value;
  }
  return out;
}

function drawService(el, answer) {
  if (answer.error) return fill(el, unavailable(answer, 'Health'));
  const c = answer.data.components ?? {};
  const roadmap = c.roadmap ?? {};
  const journal = c.journal ?? {};
  const cluster = answer.data.infrastructure?.cluster;
  // pekko://roadmap-sync@host:port → host:port: the nodes differ only there
  const node = address => String(address).replace(/^pekko:\/\/[^@]*@/, '');
  const perNode = counts => Object.entries(counts ?? {}).map(([a, n]) => `${node(a)}: ${num(n)}`).join(', ') || null;
  fill(el,
    h('p', {class: 'status-line'}, badge(answer.data.status), ' ',
      answer.data.status === 'UP' ? 'The service and its database work.' : 'A part of the service is down.'),
    facts([
      ['Roadmap folder', h('span', {}, badge(roadmap.status), ' ', h('code', {}, roadmap.path ?? ''))],
      ['Issue files', roadmap.issueFiles !== undefined ? num(roadmap.issueFiles) : null],
      ['Roadmap', roadmap.reason ?? null],
      ['Journal', h('span', {}, badge(journal.status), journal.roundTripMs !== undefined ? ` round trip ${journal.roundTripMs} ms` : '')],
      ['Journal problem', journal.reason ?? null],
      ['Cluster node', cluster ? `${node(cluster.self)} (${cluster.status})` : null],
      ['Members', cluster ? Object.entries(cluster.members ?? {}).map(([a, status]) => `${node(a)} ${status}`).join(', ') : null],
      ['Unreachable', cluster?.unreachable?.length ? cluster.unreachable.map(node).join(', ') : null],
      ['Singletons on', cluster ? node(Object.values(cluster.singletons ?? {})[0] ?? '') || null : null],
      ['Issue entities per node', cluster ? perNode(cluster.entities?.issues) : null],
    ]));
  return el;
}
