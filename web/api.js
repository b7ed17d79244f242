// The sipur JSON API (docs/API.md) as the UI calls it. Paths are relative to
// the page, so the UI works behind a reverse proxy that mounts it elsewhere.

export class ApiError extends Error {
  constructor(status, kind, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.kind = kind;
  }
}

// GET path?params as JSON. Errors come back as ApiError with the server's
// {"error":{"kind","message"}} when it sent one.
export async function getJson(path, params = {}, signal = undefined) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  }
  const url = query.toString() ? `${path}?${query}` : path;
  let response;
  try {
    response = await fetch(url, {headers: {Accept: 'application/json'}, signal});
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server did not answer. Is sipur serve still running?');
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = body && typeof body === 'object' && body.error ? body.error : {};
    const kind = typeof error.kind === 'string' ? error.kind : `http_${response.status}`;
    const message = typeof error.message === 'string' ? error.message : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, kind, message);
  }
  if (body === null || typeof body !== 'object') {
    throw new ApiError(response.status, 'bad_response', `${url}: the answer is not JSON`);
  }
  return body;
}

const seg = encodeURIComponent;

export const api = {
  stories: (params, signal) => getJson('v1/stories', params, signal),
  story: (id, signal) => getJson(`v1/stories/${seg(id)}`, {}, signal),
  event: (id, signal) => getJson(`v1/events/${seg(id)}`, {}, signal),
  article: (id, signal) => getJson(`v1/articles/${seg(id)}`, {}, signal),
  explain: (id, signal) => getJson(`v1/articles/${seg(id)}/explain`, {}, signal),
  search: (q, params, signal) => getJson('v1/search', {q, ...params}, signal),
};
