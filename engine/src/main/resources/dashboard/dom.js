// Small DOM helpers. Every text goes in through textContent (never innerHTML): titles, bodies and
// errors from GitHub or the files are shown as they are, never interpreted as markup.

/**
 * h('a', {href: '#/', class: 'x', onclick: fn, dataset: {k: 'v'}}, 'text', child, [more])
 * Attributes with null/undefined/false values are left out; children that are null/false too.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key === 'value' && 'value' in el) el.value = value;
      else if (key === 'checked' || key === 'disabled' || key === 'hidden' || key === 'selected') el[key] = Boolean(value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const numberFormat = new Intl.NumberFormat('en');
export const num = n => (n === null || n === undefined ? '—' : numberFormat.format(n));

/**
 * A <time> element: "3 min ago" (or "in 3 min") with the exact UTC time as its title and datetime;
 * the words are kept current while the page is open (see below), whatever the data does.
 */
export function time(iso) {
  if (!iso) return h('span', {class: 'muted', text: '—'});
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return h('span', {text: String(iso)});
  return h('time', {datetime: at.toISOString(), title: exact(at)}, relative(at));
}

setInterval(() => {
  for (const el of document.querySelectorAll('time[datetime]')) {
    const words = relative(new Date(el.dateTime));
    if (el.textContent !== words) el.textContent = words;
  }
}, 5000);

export function exact(at) {
  return at.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

export function relative(at) {
  const seconds = Math.round((at.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  let text;
  if (abs < 5) text = 'just now';
  else if (abs < 60) text = `${abs} s`;
  else if (abs < 3600) text = `${Math.round(abs / 60)} min`;
  else if (abs < 86400 * 2) text = `${Math.round(abs / 3600)} h`;
  else text = `${Math.round(abs / 86400)} days`;
  if (text === 'just now') return text;
  return seconds > 0 ? `in ${text}` : `${text} ago`;
}

const STATUS_WORDS = {
  synced: 'synced', pending: 'pending', error: 'error', conflict: 'conflict', unlinked: 'unlinked',
  UP: 'up', DOWN: 'down', DEGRADED: 'degraded', NOT_CONFIGURED: 'not configured', UNKNOWN: 'unknown',
};

/** A status pill: the word is always written out, the colour only repeats it. */
export function badge(status, label) {
  const key = String(status ?? 'unknown');
  return h('span', {class: `badge badge-${key.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`},
    label ?? STATUS_WORDS[key] ?? key.replace(/_/g, ' '));
}

/** A field value of an issue side, readable: lists joined, null as a dash, long text in a box. */
export function value(v) {
  if (v === null || v === undefined || v === '') return h('span', {class: 'muted', title: 'no value'}, '—');
  if (Array.isArray(v)) return v.length === 0 ? h('span', {class: 'muted'}, 'none') : h('span', {}, v.join(', '));
  if (typeof v === 'object') return h('pre', {class: 'value'}, JSON.stringify(v, null, 2));
  const text = String(v);
  if (text.length > 80 || text.includes('\n')) return h('pre', {class: 'value'}, text);
  return h('span', {}, text);
}

/** Announces text to screen readers (the polite live region). */
export function announce(text) {
  const el = document.getElementById('announcer');
  if (!el) return;
  el.textContent = '';
  setTimeout(() => { el.textContent = text; }, 30);
}

/** Renders into `container` only when `data` differs from what it last rendered there. */
export function renderIfChanged(container, data, render) {
  const signature = JSON.stringify(data);
  if (container.dataset.signature === signature) return false;
  const focused = document.activeElement;
  const focusKey = focused && container.contains(focused) ? focused.dataset.focusKey : null;
  render();
  container.dataset.signature = signature;
  if (focusKey) {
    const again = container.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
    if (again) again.focus();
  }
  return true;
}

/** Makes `container` show the text of an error in the usual way. */
export function errorNote(error, prefix) {
  const detail = error?.detail || error?.message || String(error);
  return h('p', {class: 'notice error', role: 'alert'}, prefix ? `${prefix}: ${detail}` : detail);
}

export function emptyNote(text) {
  return h('p', {class: 'empty'}, text);
}

/** A link that opens GitHub in a new tab; only http(s) addresses become links. */
export function externalLink(href, text, label) {
  if (!href || !/^https?:\/\//i.test(href)) return h('span', {}, text);
  return h('a', {href, target: '_blank', rel: 'noopener noreferrer', 'aria-label': label}, text,
    h('span', {class: 'ext', 'aria-hidden': 'true'}, ' ↗'));
}
