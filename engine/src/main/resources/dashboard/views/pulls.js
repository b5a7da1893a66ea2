// Approvals and pull requests: the merges waiting for a person (approve / reject through
// POST /api/approvals/{id}), then every roadmap pull request with its state and last error.

import {api} from '../api.js';
import {h, fill, num, time, badge, renderIfChanged, errorNote, emptyNote, externalLink, announce} from '../dom.js';
import {load, heading, section, facts} from './common.js';

/** Approve / reject buttons of one approval, with the API's answer beside them. */
function decisionButtons(approval, ctx, label) {
  const message = h('span', {class: 'action-message', role: 'status', dataset: {approvalMessage: approval.id}});
  const decide = (decision, text) => {
    const b = h('button', {
      type: 'button', class: decision === 'approve' ? 'button primary' : 'button danger',
      'aria-label': `${text}: ${label}`,
      dataset: {[decision]: approval.id, focusKey: `${decision}-${approval.id}`},
    }, text);
    b.addEventListener('click', async () => {
      approve.disabled = true;
      reject.disabled = true;
      message.className = 'action-message busy';
      message.textContent = 'Sending…';
      try {
        await api(`/api/approvals/${encodeURIComponent(approval.id)}`, {method: 'POST', body: {decision}});
        message.className = 'action-message ok';
        message.textContent = decision === 'approve'
          ? 'Approved: the pull request is being merged.'
          : 'Rejected: the pull request stays open; a comment says so.';
        announce(message.textContent);
        ctx.notice?.(h('span', {}, `${label}: `, message.textContent));
        ctx.refreshNow();
      } catch (error) {
        message.className = 'action-message refused';
        message.textContent = `Refused${error.status ? ` (${error.status})` : ''}: ${error.detail ?? error.message}`;
        announce(message.textContent);
        approve.disabled = false;
        reject.disabled = false;
      }
    });
    return b;
  };
  const approve = decide('approve', 'Approve and merge');
  const reject = decide('reject', 'Reject');
  return h('span', {class: 'action decision'}, approve, reject, message);
}

/** The pull request of one issue, for its detail view. */
export function pullSummary(p, ctx) {
  const label = `pull request #${p.number ?? '?'} of ${p.issueId}`;
  return h('div', {},
    facts([
      ['Pull request', p.number ? externalLink(p.url, `${p.repo}#${p.number}`, `${label} on GitHub (opens a new tab)`) : 'being opened'],
      ['Title', p.title ?? null],
      ['State', badge(p.state ?? 'opening', p.state ?? 'being opened')],
      ['Approval', p.approval ? h('span', {}, badge(p.approval.state), ' asked ', time(p.approval.requestedAt)) : null],
      ['Last error', p.lastError ? h('span', {class: 'error-text'}, p.lastError) : null],
      ['Failures in a row', p.attempts ? num(p.attempts) : null],
      ['Tried again', p.nextRetryAt ? time(p.nextRetryAt) : null],
    ]),
    p.approval?.state === 'pending' ? decisionButtons(p.approval, ctx, label) : null,
    p.history?.length
      ? h('div', {}, h('h3', {}, 'Notes'), h('ol', {class: 'timeline compact-timeline'},
        p.history.map(n => h('li', {}, time(n.at), ' ', n.note))))
      : null);
}

export function mount(main, params, ctx) {
  const approvalsBody = h('div', {class: 'card-body'});
  const approvalRows = h('tbody', {id: 'approval-rows'});
  const approvalsTable = h('div', {class: 'table-wrap'}, h('table', {id: 'approvals-table'},
    h('caption', {class: 'sr-only'}, 'Pull requests waiting for approval'),
    h('thead', {}, h('tr', {}, ['Issue', 'Pull request', 'Title', 'Asked', 'Decision'].map(t => h('th', {scope: 'col'}, t)))),
    approvalRows));
  const pullsBody = h('div', {class: 'card-body'});
  const rowsById = new Map();

  main.append(
    heading('Approvals & pull requests'),
    section('Waiting for approval', 'approvals-card',
      h('p', {class: 'muted'}, 'A pull request asks for approval when its issue goes closed. Approving merges it; rejecting leaves it open with a comment.'),
      approvalsBody, approvalsTable),
    section('Pull requests', 'pulls-card', pullsBody));

  async function refresh() {
    const [approvals, pulls] = await Promise.all([
      load(ctx, api('/api/approvals')),
      load(ctx, api('/api/pulls')),
    ]);
    if (approvals.error) {
      fill(approvalsBody, approvals.error.global ? emptyNote('Not available (see above).') : errorNote(approvals.error));
      approvalsTable.hidden = true;
    } else {
      ctx.counts(undefined, approvals.data.length);
      fill(approvalsBody, approvals.data.length ? null : emptyNote('No pull request waits for approval.'));
      approvalsTable.hidden = approvals.data.length === 0;
      const seen = new Set();
      approvals.data.forEach((a, i) => {
        seen.add(a.id);
        let tr = rowsById.get(a.id);
        if (!tr) {
          tr = h('tr', {dataset: {approval: a.id}});
          rowsById.set(a.id, tr);
        }
        if (approvalRows.children[i] !== tr) approvalRows.insertBefore(tr, approvalRows.children[i] ?? null);
        renderIfChanged(tr, a, () => fill(tr,
          h('td', {}, h('a', {href: `/#/issues/${encodeURIComponent(a.issueId)}`}, h('code', {}, a.issueId))),
          h('td', {}, externalLink(a.url, `${a.repo}#${a.number}`, `pull request ${a.repo} number ${a.number} (opens a new tab)`)),
          h('td', {}, a.title ?? ''),
          h('td', {}, time(a.requestedAt)),
          h('td', {}, decisionButtons(a, ctx, `pull request #${a.number} of ${a.issueId}`))));
      });
      for (const [id, tr] of rowsById) {
        if (!seen.has(id)) {
          tr.remove();
          rowsById.delete(id);
        }
      }
    }
    renderIfChanged(pullsBody, pulls.data ?? pulls.error?.detail, () => {
      if (pulls.error) return fill(pullsBody, pulls.error.global ? emptyNote('Not available (see above).') : errorNote(pulls.error));
      if (!pulls.data.length) {
        return fill(pullsBody, emptyNote('No pull requests yet: an issue that names a branch (git_branches) gets one when it goes in-progress.'));
      }
      return fill(pullsBody, h('div', {class: 'table-wrap'}, h('table', {id: 'pulls-table'},
        h('caption', {class: 'sr-only'}, 'Pull requests of roadmap issues'),
        h('thead', {}, h('tr', {}, ['Issue', 'Pull request', 'State', 'Approval', 'Last error', 'Latest note'].map((t, i) =>
          h('th', {scope: 'col', class: i === 5 ? 'opt' : null}, t)))),
        h('tbody', {}, pulls.data.map(p => h('tr', {dataset: {issue: p.issueId}},
          h('td', {}, h('a', {href: `/#/issues/${encodeURIComponent(p.issueId)}`}, h('code', {}, p.issueId))),
          h('td', {}, p.number ? externalLink(p.url, `${p.repo}#${p.number}`, `pull request ${p.repo} number ${p.number} (opens a new tab)`) : h('span', {class: 'muted'}, 'being opened'),
            p.title ? h('div', {class: 'row-note'}, p.title) : null),
          h('td', {}, badge(p.state ?? 'opening', p.state ?? 'being opened')),
          h('td', {}, p.approval ? badge(p.approval.state) : h('span', {class: 'muted'}, '—')),
          h('td', {}, p.lastError ? h('span', {class: 'error-text'}, p.lastError) : h('span', {class: 'muted'}, '—'),
            p.nextRetryAt ? h('div', {class: 'row-note muted'}, 'tried again ', time(p.nextRetryAt)) : null),
          h('td', {class: 'opt'}, p.history?.[0] ? h('span', {}, time(p.history[0].at), ' ', p.history[0].note) : h('span', {class: 'muted'}, '—'))))))));
    });
  }

  return {title: 'Approvals & pull requests', refresh};
}
