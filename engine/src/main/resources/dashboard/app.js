// The dashboard: a hash router over five views, a live loop that polls what the current view needs,
// the admin-token prompt and the page-wide banners. No build step: plain ES modules.

import {api, auth, setToken, ApiError} from './api.js';
import {h, fill, exact} from './dom.js';
import * as overview from './views/overview.js';
import * as issues from './views/issues.js';
import * as issue from './views/issue.js';
import * as conflicts from './views/conflicts.js';
import * as pulls from './views/pulls.js';
import * as notFound from './views/notfound.js';

/** How often the current view is refreshed while the tab is visible (see README: Dashboard). */
const INTERVAL_MS = 2500;
/** The navigation's counts (conflicts, approvals) when the view itself does not bring them. */
const NAV_COUNTS_MS = 10000;

const main = document.getElementById('main');
const liveState = document.getElementById('live-state');
const liveToggle = document.getElementById('live-toggle');
const bannerArea = document.getElementById('banner');
const noticeArea = document.getElementById('notices');

let current = null;
let timer = null;
let inFlight = null;
let again = false;
let paused = false;
let lastOk = null;
let navCountsAt = 0;
let firstRoute = true;

// ---- routes

function route() {
  const path = location.pathname;
  if (path !== '/' && path !== '/index.html') {
    return {key: `notfound:${path}`, view: notFound, params: {path}};
  }
  const hash = location.hash.replace(/^#/, '') || '/';
  const [where, query = ''] = hash.split('?');
  const params = Object.fromEntries(new URLSearchParams(query));
  let parts;
  try {
    parts = where.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return {key: `notfound:${hash}`, view: notFound, params: {path: `/#${hash}`}};
  }
  if (parts.length === 0) return {key: 'overview', view: overview, params};
  if (parts[0] === 'issues' && parts.length === 1) return {key: 'issues', view: issues, params};
  if (parts[0] === 'issues' && parts.length === 2) return {key: `issue:${parts[1]}`, view: issue, params: {id: parts[1]}};
  if (parts[0] === 'conflicts' && parts.length === 1) return {key: 'conflicts', view: conflicts, params};
  if (parts[0] === 'pulls' && parts.length === 1) return {key: 'pulls', view: pulls, params};
  return {key: `notfound:${hash}`, view: notFound, params: {path: `/#${hash}`}};
}

function navigate() {
  const next = route();
  if (current && current.key === next.key && current.instance.update) {
    current.instance.update(next.params);
    tick();
    return;
  }
  if (current?.instance.dispose) current.instance.dispose();
  fill(main);
  fill(noticeArea);
  const instance = next.view.mount(main, next.params, context);
  current = {key: next.key, instance};
  document.title = `${instance.title ?? 'roadmap-sync'} · roadmap-sync`;
  for (const link of document.querySelectorAll('[data-nav]')) {
    const active = next.key === link.dataset.nav || next.key.startsWith(`${link.dataset.nav}:`)
      || (link.dataset.nav === 'issues' && next.key.startsWith('issue:'));
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!firstRoute) {
    const heading = main.querySelector('h1');
    (heading ?? main).setAttribute('tabindex', '-1');
    (heading ?? main).focus({preventScroll: false});
  }
  firstRoute = false;
  tick();
}

// ---- the live loop: one refresh at a time, the next one INTERVAL_MS after the last ended

function tick() {
  clearTimeout(timer);
  if (!current) return;
  if (inFlight) {
    again = true;
    return;
  }
  const mine = current;
  inFlight = (async () => {
    try {
      await mine.instance.refresh();
      await navCounts();
      lastOk = new Date();
    } catch (e) {
      if (e?.name !== 'AbortError') context.problem(e);
    }
  })().finally(() => {
    inFlight = null;
    showLiveState();
    if (again || mine !== current) {
      again = false;
      tick();
    } else {
      schedule();
    }
  });
}

function schedule() {
  clearTimeout(timer);
  if (!paused && !document.hidden) timer = setTimeout(tick, INTERVAL_MS);
}

function showLiveState() {
  const when = lastOk ? `updated ${lastOk.toLocaleTimeString()}` : 'not updated yet';
  liveState.textContent = paused ? `Paused · ${when}` : `Live · ${when}`;
  liveState.title = lastOk ? `last update ${exact(lastOk)}` : '';
}

liveToggle.addEventListener('click', () => {
  paused = !paused;
  liveToggle.setAttribute('aria-pressed', String(paused));
  liveToggle.textContent = paused ? 'Resume live updates' : 'Pause live updates';
  showLiveState();
  if (paused) clearTimeout(timer);
  else tick();
});

document.addEventListener('visibilitychange', () => {
  if (document.hidden) clearTimeout(timer);
  else tick();
});

// ---- the navigation's counts

function setNavCount(id, n, label) {
  const el = document.getElementById(id);
  if (n === null || n === undefined) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.textContent = String(n);
  el.setAttribute('aria-label', `${n} ${label}`);
  el.classList.toggle('zero', n === 0);
}

async function navCounts() {
  if (Date.now() - navCountsAt < NAV_COUNTS_MS) return;
  navCountsAt = Date.now();
  try {
    const page = await api('/api/issues?limit=0');
    setNavCount('nav-conflicts', page.counts?.conflict ?? 0, 'in conflict');
  } catch {
    setNavCount('nav-conflicts', null);
  }
  try {
    const approvals = await api('/api/approvals');
    setNavCount('nav-approvals', approvals.length, 'waiting for approval');
  } catch {
    setNavCount('nav-approvals', null);
  }
}

// ---- banners: what stops the whole page (service unreachable, sync not running, no token)

const banners = new Map();

function showBanners() {
  fill(bannerArea, [...banners.values()]);
}

function setBanner(key, node) {
  if (node) banners.set(key, node);
  else banners.delete(key);
  showBanners();
}

const context = {
  intervalMs: INTERVAL_MS,
  refreshNow: () => tick(),
  counts(conflictCount, approvalCount) {
    if (conflictCount !== undefined) setNavCount('nav-conflicts', conflictCount, 'in conflict');
    if (approvalCount !== undefined) setNavCount('nav-approvals', approvalCount, 'waiting for approval');
  },
  /** What an action did, kept above the view until the next view (the view may redraw). */
  notice(node) {
    const box = h('div', {class: 'notice ok'}, node, ' ',
      h('button', {type: 'button', class: 'button small', onclick: () => box.remove()}, 'Dismiss'));
    noticeArea.prepend(box);
    while (noticeArea.children.length > 3) noticeArea.lastChild.remove();
  },
  /** A view's data came through: the service answers (and, for the API, took the token). */
  ok(apiCall) {
    setBanner('unreachable', null);
    if (apiCall) setBanner('token', null);
  },
  /**
   * Shows what stops the whole page as a banner; answers true when `error` was one of those
   * (the view then shows less), false when the view should show it in place.
   */
  problem(error) {
    if (!(error instanceof ApiError)) {
      console.error(error);
      return false;
    }
    if (error.status === 0) {
      setBanner('unreachable', h('div', {class: 'notice error'},
        h('strong', {}, 'Cannot reach roadmap-sync. '),
        'It may be stopped or restarting; this page keeps trying.'));
      return true;
    }
    if (error.status === 401) {
      setBanner('token', h('div', {class: 'notice warn'},
        h('strong', {}, 'This service needs its admin token. '),
        'Its data stays hidden until it is given. ',
        h('button', {type: 'button', class: 'button small', onclick: () => { auth.dismissed = false; tick(); }},
          'Enter the admin token')));
      return true;
    }
    if (error.status === 503 && /^sync is not running/i.test(error.detail)) {
      const why = error.detail.replace(/^sync is not running:\s*/i, '').replace(/\.?$/, '.');
      setBanner('sync', h('div', {class: 'notice error', id: 'sync-not-running'},
        h('strong', {}, 'Sync is not running: '), why,
        ' Point ROADMAP_DIR at the .roadmap folder (or run roadmap init) and restart the service.'));
      return true;
    }
    return false;
  },
  syncRunning() {
    setBanner('sync', null);
  },
};

// ---- the admin token prompt

const dialog = document.getElementById('token-dialog');
const tokenForm = document.getElementById('token-form');
const tokenInput = document.getElementById('token-input');
const tokenMessage = document.getElementById('token-message');
let settle = null;

auth.ask = message => new Promise(resolve => {
  settle = resolve;
  tokenMessage.textContent = message;
  tokenInput.value = '';
  if (!dialog.open) dialog.showModal();
  tokenInput.focus();
});

tokenForm.addEventListener('submit', event => {
  event.preventDefault();
  const token = tokenInput.value.trim();
  if (!token || !/^[\x21-\x7e]+$/.test(token)) {
    tokenMessage.textContent = token
      ? 'The admin token can hold only visible ASCII characters (it travels in an HTTP header).'
      : 'Enter the admin token (ROADMAP_SYNC_ADMIN_TOKEN of the service).';
    tokenInput.focus();
    return;
  }
  setToken(token);
  tokenInput.value = '';
  dialog.close();
  settle?.();
  settle = null;
});

function dismiss() {
  auth.dismissed = true;
  tokenInput.value = '';
  if (dialog.open) dialog.close();
  settle?.();
  settle = null;
}

document.getElementById('token-cancel').addEventListener('click', dismiss);
dialog.addEventListener('cancel', event => {
  event.preventDefault();
  dismiss();
});

// ---- start

window.addEventListener('hashchange', navigate);
showLiveState();
navigate();
