// Conflicts: every field (and comment) both sides changed differently, its two values and a button per side;
// "keep all roadmap" / "keep all GitHub". The choice goes to POST /api/issues/{id}/resolve, which
// writes it to both sides; a refusal (409, 400) shows the API's reason beside the buttons.

import {api} from '../api.js';
import {h, value, renderIfChanged, emptyNote, externalLink, announce} from '../dom.js';
import {load, heading} from './common.js';

export const FIELD_ORDER = ['title', 'body', 'status', 'priority', 'issueType', 'labels', 'milestone', 'assignee'];
const LABELS = {issueType: 'issue type'};

/** The API's name of a field: "TITLE" (the conflicts list) or "title" (elsewhere) → "title". */
export function fieldKey(name) {
  if (!/^[A-Z_]+$/.test(name)) return name;
  return name.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}

export function fieldLabel(name) {
  const key = fieldKey(name);
  const comment = /^comment:(\d+)$/.exec(key);
  if (comment) return `comment ${comment[1]}`;
  return LABELS[key] ?? key;
}

const SIDE_WORDS = {roadmap: 'roadmap', github: 'GitHub'};

/**
 * The conflict of one issue with its choices. `choices` (id → {field: side}) outlives redraws, so
 * a live update does not lose what was clicked.
 */
export function conflictPanel(c, choices, ctx) {
  // a comment changed on both sides is chosen like a field, by its key "comment:ID"
  const fields = [
    ...c.fields.map(f => ({...f, field: fieldKey(f.field)})),
    ...(c.comments ?? []).map(k => ({field: `comment:${k.comment}`, base: k.base, roadmap: k.roadmap, github: k.githubText})),
  ];
  const picked = choices.get(c.id) ?? {};
  choices.set(c.id, picked);
  const message = h('span', {class: 'action-message', role: 'status', dataset: {for: c.id}});
  const buttons = [];
  const chosenText = h('span', {class: 'muted chosen'});

  function showChosen() {
    const n = fields.filter(f => picked[f.field]).length;
    chosenText.textContent = `${n} of ${fields.length} field(s) chosen`;
    apply.disabled = n === 0;
    for (const b of buttons) b.setAttribute('aria-pressed', String(picked[b.dataset.field] === b.dataset.side));
  }

  async function resolve(body, describe) {
    for (const b of all) b.disabled = true;
    message.className = 'action-message busy';
    message.textContent = 'Resolving…';
    try {
      await api(`/api/issues/${encodeURIComponent(c.id)}/resolve`, {method: 'POST', body});
      choices.delete(c.id);
      message.className = 'action-message ok';
      message.textContent = `Resolved: ${describe}. Written to the file and to GitHub.`;
      announce(message.textContent);
      ctx.notice?.(h('span', {}, 'Conflict of ', h('a', {href: `/#/issues/${encodeURIComponent(c.id)}`}, c.title ?? c.id),
        ` resolved: ${describe}. The choice is written to the file and to GitHub.`));
      ctx.refreshNow();
    } catch (error) {
      message.className = 'action-message refused';
      message.textContent = `Refused${error.status ? ` (${error.status})` : ''}: ${error.detail ?? error.message}`;
      announce(message.textContent);
      for (const b of all) b.disabled = false;
      showChosen();
    }
  }

  const rows = fields.map(f => {
    const pick = side => {
      const b = h('button', {
        type: 'button', class: `button small pick pick-${side}`, 'aria-pressed': 'false',
        'aria-label': `Keep the ${SIDE_WORDS[side]} ${fieldLabel(f.field)}`,
        dataset: {field: f.field, side, focusKey: `${c.id}-${f.field}-${side}`},
      }, `Keep ${SIDE_WORDS[side]}`);
      b.addEventListener('click', () => {
        picked[f.field] = picked[f.field] === side ? undefined : side;
        if (!picked[f.field]) delete picked[f.field];
        showChosen();
      });
      buttons.push(b);
      return b;
    };
    return h('tr', {dataset: {field: f.field}},
      h('th', {scope: 'row'}, fieldLabel(f.field)),
      h('td', {class: 'opt'}, value(f.base)),
      h('td', {class: 'side-roadmap'}, value(f.roadmap)),
      h('td', {class: 'side-github'}, value(f.github)),
      h('td', {class: 'picks'}, pick('roadmap'), pick('github')));
  });

  const keepAll = side => {
    const b = h('button', {type: 'button', class: 'button', dataset: {keepAll: side, focusKey: `${c.id}-all-${side}`}},
      `Keep all ${SIDE_WORDS[side]}`);
    b.addEventListener('click', () => resolve({keep: side}, `kept ${SIDE_WORDS[side]} for every field`));
    return b;
  };
  const roadmapAll = keepAll('roadmap');
  const githubAll = keepAll('github');
  const apply = h('button', {type: 'button', class: 'button primary', dataset: {apply: c.id, focusKey: `${c.id}-apply`}},
    'Resolve with my choices');
  apply.addEventListener('click', () => {
    const chosen = Object.fromEntries(Object.entries(picked).filter(([, s]) => s));
    const describe = Object.entries(chosen).map(([f, s]) => `${fieldLabel(f)} from ${SIDE_WORDS[s]}`).join(', ');
    resolve({fields: chosen}, describe);
  });
  const all = [...buttons, roadmapAll, githubAll, apply];
  showChosen();

  return h('div', {class: 'conflict', dataset: {issue: c.id}},
    h('div', {class: 'table-wrap'}, h('table', {class: 'conflict-table'},
      h('caption', {class: 'sr-only'}, `Conflicting fields of ${c.id}`),
      h('thead', {}, h('tr', {},
        h('th', {scope: 'col'}, 'Field'), h('th', {scope: 'col', class: 'opt'}, 'Base (last agreed)'),
        h('th', {scope: 'col'}, 'Roadmap file'), h('th', {scope: 'col'}, 'GitHub'), h('th', {scope: 'col'}, 'Keep'))),
      h('tbody', {}, rows))),
    h('div', {class: 'controls resolve-actions'}, roadmapAll, githubAll, apply, chosenText, message));
}

export function mount(main, params, ctx) {
  const list = h('div', {class: 'conflict-list', id: 'conflict-list'});
  const empty = h('div', {});
  const cards = new Map();
  const choices = new Map();
  main.append(
    heading('Conflicts'),
    h('p', {class: 'muted lead'}, 'Each field below was changed on both sides since they last agreed. Choose the side to keep per field, or for all of them; the choice is written to the roadmap file and to GitHub.'),
    empty,
    list);

  async function refresh() {
    const answer = await load(ctx, api('/api/conflicts'));
    if (answer.error) {
      empty.replaceChildren(answer.error.global ? emptyNote('Not available (see above).') : h('p', {class: 'notice error'}, answer.error.detail));
      return;
    }
    const rows = answer.data;
    ctx.counts(rows.length, undefined);
    empty.replaceChildren(rows.length ? '' : emptyNote('No conflicts: nothing waits for a decision.'));
    const seen = new Set();
    rows.forEach((c, i) => {
      seen.add(c.id);
      let card = cards.get(c.id);
      if (!card) {
        card = {el: h('section', {class: 'card conflict-card', 'aria-labelledby': `conflict-${c.id}`, dataset: {issue: c.id}})};
        cards.set(c.id, card);
      }
      // in the list's order, moving nothing already in place (a moved node loses the focus)
      if (list.children[i] !== card.el) list.insertBefore(card.el, list.children[i] ?? null);
      renderIfChanged(card.el, c, () => {
        card.el.replaceChildren(
          h('h2', {id: `conflict-${c.id}`},
            h('a', {href: `/#/issues/${encodeURIComponent(c.id)}`}, c.title ?? c.id), ' ',
            h('span', {class: 'muted'}, h('code', {}, c.id))),
          h('p', {class: 'muted'},
            c.githubIssue ? externalLink(c.url, `${c.repo}#${c.githubIssue}`, `GitHub issue ${c.repo} number ${c.githubIssue} (opens a new tab)`) : null,
            c.file ? [' · ', h('code', {class: 'path'}, c.file)] : null),
          conflictPanel(c, choices, ctx));
      });
    });
    for (const [id, card] of cards) {
      if (!seen.has(id)) {
        card.el.remove();
        cards.delete(id);
      }
    }
  }

  return {title: 'Conflicts', refresh};
}
