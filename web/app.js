// sipur's web UI: hash routes to views, the header's search box, and
// errors shown in place of a view. Each view renders into <main> from the
// JSON API; none of them ever inserts server text as markup.
//
//   #/                  stories, most recently active first (?lang=&source=&min_size=&from=&to=&cursor=)
//   #/story/ID          a story: timeline by day, source and language; its events and articles
//   #/event/ID          an event: terms, entities, articles
//   #/article/ID        an article: clean text, copies, what cleaning removed, explanation
//   #/search?q=WORDS    search results (GET /v1/search)

import {h, clear, fill, notice, routes, setDocumentLanguage} from './dom.js';
import {renderStoriesList, renderStory, renderEvent} from './stories.js';
import {renderArticle} from './article.js';
import {renderSearch} from './search.js';

const main = document.getElementById('main');
const searchForm = document.getElementById('search-form');
const searchInput = document.getElementById('search-q');
const status = document.getElementById('status');

// "#/story/s3?x=1" -> {parts: ['story', 's3'], params}.
export function parseHash(hash) {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q === -1 ? body : body.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : body.slice(q + 1));
  const parts = path.split('/').filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  return {parts, params};
}

function notFound(target) {
  setDocumentLanguage('en');
  document.title = 'Not found · sipur';
  fill(target, h('h1', {tabindex: '-1'}, 'Not found'),
    notice('This page does not exist.'), h('p', {}, h('a', {href: routes.stories()}, 'Back to the stories')));
}

function showError(target, err) {
  setDocumentLanguage('en');
  const missing = err && err.status === 404;
  document.title = `${missing ? 'Not found' : 'Error'} · sipur`;
  fill(target, h('h1', {tabindex: '-1'}, missing ? 'Not found' : 'Something went wrong'),
    notice(err && err.message ? err.message : String(err), missing ? 'info' : 'error'),
    h('p', {}, h('a', {href: routes.stories()}, 'Back to the stories')));
}

let controller = null;
let firstRender = true;

async function render() {
  if (controller) controller.abort();
  controller = new AbortController();
  const {signal} = controller;
  const hash = location.hash;
  const {parts, params} = parseHash(hash);
  searchInput.value = parts[0] === 'search' ? params.get('q') || '' : searchInput.value;

  // A fresh <main> per view, so a slow answer for an old route never lands
  // in the new one.
  const view = h('div', {class: 'view'});
  main.setAttribute('aria-busy', 'true');
  status.textContent = 'Loading…';
  try {
    const [route, id] = parts;
    if (parts.length === 0) await renderStoriesList(view, params, signal);
    else if (route === 'story' && id && parts.length === 2) await renderStory(view, id, signal);
    else if (route === 'event' && id && parts.length === 2) await renderEvent(view, id, signal);
    else if (route === 'article' && id && parts.length === 2) await renderArticle(view, id, signal);
    else if (route === 'search' && parts.length === 1) await renderSearch(view, params, signal);
    else notFound(view);
  } catch (err) {
    if (signal.aborted || (err && err.name === 'AbortError')) return;
    showError(view, err);
  }
  if (signal.aborted) return;
  clear(main).appendChild(view);
  main.removeAttribute('aria-busy');
  status.textContent = '';
  if (!firstRender) {
    window.scrollTo(0, 0);
    const heading = main.querySelector('h1');
    if (heading) heading.focus({preventScroll: true});
  }
  firstRender = false;
  // For tests and tools: which view is on screen, and that it has rendered.
  document.body.dataset.route = parts[0] || 'stories';
  document.body.dataset.hash = hash;
  document.body.dataset.ready = 'true';
}

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const q = searchInput.value.trim();
  if (q) location.hash = routes.search(q);
  else searchInput.focus();
});

document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  const heading = main.querySelector('h1') || main;
  heading.focus();
});

window.addEventListener('hashchange', () => {
  document.body.dataset.ready = 'false';
  render();
});
render();
