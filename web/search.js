// Search results from GET /v1/search?q=. The route is planned (its own
// issue); a server without it answers 404, and the page says so plainly.

import {api} from './api.js';
import {h, bidi, fill, notice, prose, metaLine, sourceText, routes, timeElement, languageBadge, textDirection, setDocumentLanguage} from './dom.js';

// The result list, whatever name the server gives it.
function resultList(data) {
  for (const key of ['results', 'hits', 'articles', 'stories', 'events']) {
    if (Array.isArray(data[key])) return data[key];
  }
  return [];
}

function resultItem(r) {
  if (!r || typeof r !== 'object') return null;
  const id = typeof r.id === 'string' ? r.id : '';
  const kind = typeof r.kind === 'string' ? r.kind : typeof r.type === 'string' ? r.type : (r.title !== undefined ? 'article' : /^s\d+$/.test(id) ? 'story' : /^e\d+$/.test(id) ? 'event' : 'article');
  const href = kind === 'story' ? routes.story(id) : kind === 'event' ? routes.event(id) : routes.article(id);
  const title = r.title || r.label || id;
  const snippet = typeof r.snippet === 'string' ? r.snippet : typeof r.text === 'string' ? r.text.slice(0, 300) : '';
  return h('li', {class: 'search-result'},
    h('a', {href, class: 'article-link'}, bidi(title, r.lang)),
    metaLine({},
      kind !== 'article' ? kind : null,
      r.source !== undefined ? sourceText(r.source) : null,
      r.lang ? languageBadge(r.lang) : null,
      r.published !== undefined ? timeElement(r.published) : null,
      Number.isFinite(r.score) ? `score ${r.score.toFixed(3)}` : null),
    snippet ? h('p', {class: 'snippet', dir: 'auto', lang: r.lang || null}, snippet) : null);
}

export async function renderSearch(main, params, signal) {
  const q = (params.get('q') || '').trim();
  setDocumentLanguage(textDirection(q) === 'rtl' ? 'he' : 'en');
  document.title = q ? `${q} · search · sipur` : 'Search · sipur';
  const heading = h('h1', {tabindex: '-1', lang: 'en'}, 'Search', q ? [': ', bidi(q)] : null);
  if (!q) {
    fill(main, heading, notice('Type words in the search box above.'));
    return;
  }
  fill(main, heading, notice('Searching…'));
  let data;
  try {
    data = await api.search(q, {}, signal);
  } catch (err) {
    if (err && (err.status === 404 || err.status === 501)) {
      fill(main, heading, notice('Search is not available on this server.', 'warning'),
        prose('p', {}, 'This sipur server has no search route yet. Browse the ', h('a', {href: routes.stories()}, 'stories'), ' instead.'));
      return;
    }
    throw err;
  }
  const results = resultList(data);
  fill(main, heading,
    results.length === 0 ? notice('Nothing found.')
      : [prose('p', {class: 'lede'}, `${results.length} ${results.length === 1 ? 'result' : 'results'}`),
        h('ol', {class: 'search-results'}, results.map(resultItem))]);
}
