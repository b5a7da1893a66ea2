// Calls of the service's JSON API, with the admin token when the service has one.
//
// The token is asked for once (on the first 401), kept in sessionStorage (this tab only, gone when
// it closes) and sent as "Authorization: Bearer". It is never written into the page. A refused
// token is forgotten and asked for again with the API's reason.

const TOKEN_KEY = 'roadmap-sync.admin-token';

/** An answer of the API that is not a success: status, its `error` code and `detail`. */
export class ApiError extends Error {
  constructor(status, error, detail, body) {
    super(detail || error || `HTTP ${status}`);
    this.status = status;
    this.error = error;
    this.detail = detail || error || `HTTP ${status}`;
    this.body = body;
  }
}

/** Set by the page: (message) => Promise that settles once a token was entered (or refused). */
export const auth = {
  ask: null,
  /** True once the person closed the token prompt: no more prompting until they ask for it. */
  dismissed: false,
};

let asking = null;

function tokenPrompt(message) {
  if (!asking) {
    asking = Promise.resolve(auth.ask(message)).finally(() => { asking = null; });
  }
  return asking;
}

export function hasToken() {
  return Boolean(sessionStorage.getItem(TOKEN_KEY));
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  auth.dismissed = false;
}

/** GET/POST/PUT a path of the service; resolves to the parsed JSON, rejects with an ApiError. */
export async function api(path, {method = 'GET', body, signal} = {}) {
  for (;;) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = {Accept: 'application/json'};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, {
        method, headers, signal, cache: 'no-store', credentials: 'omit',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, 'unreachable', 'cannot reach roadmap-sync (is it running?)');
    }
    const data = await json(response);
    if (response.status === 401) {
      // the token sent (if any) is wrong: forget it, unless another call replaced it meanwhile
      if (token && sessionStorage.getItem(TOKEN_KEY) === token) sessionStorage.removeItem(TOKEN_KEY);
      if (sessionStorage.getItem(TOKEN_KEY)) continue;
      if (auth.dismissed || !auth.ask) {
        throw new ApiError(401, 'unauthorized', 'this service needs its admin token', data);
      }
      const message = token
        ? `The admin token was refused: ${data?.detail ?? 'unauthorized'}. Enter it again.`
        : 'This roadmap-sync needs its admin token to show its data.';
      await tokenPrompt(message);
      if (!sessionStorage.getItem(TOKEN_KEY)) {
        throw new ApiError(401, 'unauthorized', 'this service needs its admin token', data);
      }
      continue;
    }
    if (!response.ok) {
      throw new ApiError(response.status, data?.error, data?.detail ?? response.statusText, data);
    }
    return data;
  }
}

/** Text of an open endpoint that is not JSON (/metrics). */
export async function text(path, {signal} = {}) {
  let response;
  try {
    response = await fetch(path, {signal, cache: 'no-store', credentials: 'omit'});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'unreachable', 'cannot reach roadmap-sync (is it running?)');
  }
  if (!response.ok) throw new ApiError(response.status, 'error', `HTTP ${response.status}`);
  return response.text();
}

/** GET /health answers 503 with its report when DOWN: that is data, not an error. */
export async function health({signal} = {}) {
  let response;
  try {
    response = await fetch('/health', {signal, cache: 'no-store', credentials: 'omit', headers: {Accept: 'application/json'}});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'unreachable', 'cannot reach roadmap-sync (is it running?)');
  }
  const data = await json(response);
  if (data && data.status) return data;
  throw new ApiError(response.status, data?.error, data?.detail ?? `HTTP ${response.status}`, data);
}

async function json(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}
