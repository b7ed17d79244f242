// Search results from GET /v1/search?q=: the stories that match, best
// first, each with its best-matching articles (distinct events first), the
// matched words marked in titles and snippets. The server gives the marks
// as UTF-8 byte offsets; the text stays text nodes, the marks are <mark>
// elements around slices of it, so no article text becomes markup.

import {api} from './api.js';
import {byteOffsetMapper} from './article.js';
import {h, bidi, fill, notice, prose, metaLine, sourceText, routes, timeElement, languageBadge, textDirection, setDocumentLanguage, plural} from './dom.js';

// The text with the [start, end) byte spans wrapped in <mark>.
function marked(text, spans) {
  const at = byteOffsetMapper(text);
  const pieces = [];
  let done = 0;
  for (const span of Array.isArray(spans) ? spans : []) {
    if (!Array.isArray(span) || span.length !== 2) continue;
    const start = at(span[0]);
    const end = at(span[1]);
    if (start < done || end <= start) continue;
    pieces.push(text.slice(done, start), h('mark', {class: 'match'}, text.slice(start, end)));
    done = end;
  }
  pieces.push(text.slice(done));
  return pieces;
}

function hitItem(hit) {
  if (!hit || typeof hit !== 'object' || typeof hit.id !== 'string') return null;
  const title = typeof hit.title === 'string' && hit.title ? hit.title : hit.id;
  const highlights = hit.highlights && typeof hit.highlights === 'object' ? hit.highlights : {};
  const snippet = typeof hit.snippet === 'string' ? hit.snippet : '';
  return h('li', {class: 'search-result'},
    h('a', {href: routes.article(hit.id), class: 'article-link', dir: 'auto', lang: hit.lang || null},
      hit.title ? marked(title, highlights.title) : title),
    metaLine({},
      hit.source !== undefined ? sourceText(hit.source) : null,
      hit.lang ? languageBadge(hit.lang) : null,
      hit.published ? timeElement(hit.published) : 'undated',
      hit.event ? h('a', {href: routes.event(hit.event)}, hit.event) : null,
      Number.isFinite(hit.score) ? `score ${hit.score.toFixed(3)}` : null),
    snippet ? h('p', {class: 'snippet', dir: 'auto', lang: hit.lang || null},
      hit.snippet_start > 0 ? '… ' : null, marked(snippet, highlights.snippet), ' …') : null);
}

function storyItem(group) {
  if (!group || typeof group !== 'object') return null;
  const articles = Array.isArray(group.articles) ? group.articles : [];
  const matches = Number.isInteger(group.matches) ? group.matches : articles.length;
  const label = typeof group.label === 'string' && group.label ? group.label : group.story || '';
  const heading = group.story
    ? h('a', {href: routes.story(group.story)}, bidi(label))
    : bidi(label);
  return h('li', {class: 'search-story'},
    // dir="auto" looks past <bdi>, so the label's direction is given.
    h('h2', {class: 'search-story-title', dir: textDirection(label)}, heading),
    metaLine({},
      group.story ? group.story : 'in no event yet',
      plural(matches, 'matching article', 'matching articles'),
      Array.isArray(group.events) && group.events.length ? plural(group.events.length, 'event', 'events') : null),
    h('ol', {class: 'search-results'}, articles.map(hitItem)));
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
    if (err && err.name === 'AbortError') throw err;
    if (err && err.status === 400) {
      // The server says what is wrong with the query; its words stay text.
      fill(main, heading, notice(`The query could not be read: ${err.message}`, 'warning'));
      return;
    }
    if (err && (err.status === 404 || err.status === 501)) {
      fill(main, heading, notice(err.kind === 'not-found' && err.message ? err.message : 'Search is not available on this server.', 'warning'),
        prose('p', {}, 'Browse the ', h('a', {href: routes.stories()}, 'stories'), ' instead.'));
      return;
    }
    throw err;
  }
  const stories = Array.isArray(data.stories) ? data.stories : [];
  const matches = Number.isInteger(data.matches) ? data.matches : 0;
  const notes = [];
  for (const note of Array.isArray(data.notes) ? data.notes : []) {
    if (typeof note === 'string') notes.push(notice(note));
  }
  if (Number.isInteger(data.unindexed) && data.unindexed > 0) {
    notes.push(notice(`${plural(data.unindexed, 'stored article is', 'stored articles are')} not in the search index yet (sipur reindex adds them).`, 'warning'));
  }
  fill(main, heading, notes,
    stories.length === 0 ? notice('Nothing found.')
      : [prose('p', {class: 'lede'}, `${plural(matches, 'article matches', 'articles match')}; the best in ${plural(stories.length, 'story', 'stories')}:`),
        h('ol', {class: 'search-stories'}, stories.map(storyItem))]);
}
