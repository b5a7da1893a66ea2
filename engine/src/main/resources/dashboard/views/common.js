// What the views share: loading with the page-wide problems handled, action buttons with their
// answer shown next to them, and the view's heading.

import {h, announce} from '../dom.js';
import {ApiError} from '../api.js';

/**
 * Awaits `promise` (an api() call): {data} on success, {error} otherwise. Problems of the whole
 * page (unreachable, no token, sync not running) go to the banner; `error.global` says so.
 */
export async function load(ctx, promise, {apiCall = true} = {}) {
  try {
    const data = await promise;
    ctx.ok(apiCall);
    if (apiCall) ctx.syncRunning();
    return {data};
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    const global = ctx.problem(error);
    if (error instanceof ApiError) error.global = global;
    return {error};
  }
}

/**
 * A button that runs `action` (a promise-returning call of the API) and shows the answer in a
 * message element beside it: `ok(answer)` gives the success text; a refusal shows the API's
 * `detail` (409, 400, 503...) and changes nothing else.
 */
export function actionButton({label, className = 'button', ariaLabel, focusKey, action, ok, after}) {
  const message = h('span', {class: 'action-message', role: 'status'});
  const button = h('button', {type: 'button', class: className, 'aria-label': ariaLabel, dataset: focusKey ? {focusKey} : null}, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    message.className = 'action-message busy';
    message.textContent = 'Working…';
    try {
      const answer = await action();
      message.className = 'action-message ok';
      message.textContent = ok ? ok(answer) : 'Done.';
      announce(message.textContent);
      after?.(answer);
    } catch (error) {
      message.className = 'action-message refused';
      const detail = error?.detail || error?.message || String(error);
      message.textContent = error?.status ? `Refused (${error.status}): ${detail}` : detail;
      announce(message.textContent);
    } finally {
      button.disabled = false;
    }
  });
  return {button, message, wrap: h('span', {class: 'action'}, button, message)};
}

export function heading(title, ...extra) {
  return h('div', {class: 'view-head'}, h('h1', {}, title), ...extra);
}

export function section(title, id, ...children) {
  const headingId = `${id}-title`;
  return h('section', {class: 'card', id, 'aria-labelledby': headingId},
    h('h2', {id: headingId}, title), ...children);
}

/** The description list of a card: [label, value] pairs; null values are left out. */
export function facts(pairs) {
  return h('dl', {class: 'facts'},
    pairs.filter(p => p && p[1] !== null && p[1] !== undefined).map(([label, value]) =>
      h('div', {}, h('dt', {}, label), h('dd', {}, value))));
}
