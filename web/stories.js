// The stories list, a story's page (timeline and events) and an event's page.

import {api} from './api.js';
import {
  h, bidi, chips, clear, fill, notice, prose, metaLine, plural, routes, spanElement, timeElement, languageBadge,
  languageName, sourceText, majorityLanguage, textDirection, setDocumentLanguage,
} from './dom.js';
import {sparkline, timelineSeries, timelineChart, timelineLegend, timelineTable, SPLITS} from './charts.js';

const PAGE_SIZE = 20;

// What the list has seen so far, to offer as filter choices (the API has
// no route that lists sources or languages).
const seenSources = new Set();
const seenLanguages = new Set(['he', 'en']);
// cursor -> the cursor of the page before it, learned while paging forward.
const previousCursor = new Map();

function articleItem(a) {
  return h('li', {class: 'article-item'},
    h('a', {href: routes.article(a.id), class: 'article-link'}, bidi(a.title || a.id, a.lang)),
    metaLine({}, sourceText(a.source), languageBadge(a.lang || '?'), timeElement(a.published)));
}

function languageList(codes) {
  return h('span', {class: 'langs'}, (codes || []).map((code) => languageBadge(code)));
}

// A labelled fact in a <dl>.
function fact(term, ...value) {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

function filterForm(params) {
  const sourceList = h('datalist', {id: 'seen-sources'}, [...seenSources].sort().map((src) => h('option', {value: src})));
  const language = h('select', {id: 'f-lang', name: 'lang'},
    h('option', {value: ''}, 'Any'),
    [...seenLanguages].sort().map((code) => h('option', {value: code, selected: params.get('lang') === code}, `${languageName(code)} (${code})`)));
  const form = h('form', {class: 'filters', lang: 'en', 'aria-label': 'Filter stories'},
    h('div', {class: 'field'}, h('label', {for: 'f-lang'}, 'Language'), language),
    h('div', {class: 'field'}, h('label', {for: 'f-source'}, 'Source'),
      h('input', {id: 'f-source', name: 'source', type: 'text', list: 'seen-sources', dir: 'auto', value: params.get('source') || '', autocomplete: 'off'}),
      sourceList),
    h('div', {class: 'field narrow'}, h('label', {for: 'f-min'}, 'Min. articles'),
      h('input', {id: 'f-min', name: 'min_size', type: 'number', min: '1', step: '1', inputmode: 'numeric', value: params.get('min_size') || ''})),
    h('div', {class: 'field'}, h('label', {for: 'f-from'}, 'From'),
      h('input', {id: 'f-from', name: 'from', type: 'date', value: (params.get('from') || '').slice(0, 10)})),
    h('div', {class: 'field'}, h('label', {for: 'f-to'}, 'To'),
      h('input', {id: 'f-to', name: 'to', type: 'date', value: (params.get('to') || '').slice(0, 10)})),
    h('div', {class: 'field buttons'},
      h('button', {type: 'submit'}, 'Apply'),
      h('a', {href: routes.stories(), class: 'button secondary'}, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = {};
    for (const [key, value] of new FormData(form)) {
      const text = String(value).trim();
      if (text) next[key] = text;
    }
    location.hash = routes.stories(next);
  });
  return form;
}

// The query the API gets from the list's hash parameters: dates become the
// start of the "from" day and the end of the "to" day, in UTC.
function storiesQuery(params) {
  const limit = Number.parseInt(params.get('limit') || '', 10);
  const query = {limit: limit >= 1 && limit <= 200 ? limit : PAGE_SIZE};
  for (const key of ['lang', 'source', 'min_size', 'cursor']) {
    if (params.get(key)) query[key] = params.get(key);
  }
  const from = params.get('from');
  const to = params.get('to');
  if (from) query.from = /^\d{4}-\d{2}-\d{2}$/.test(from) ? `${from}T00:00:00Z` : from;
  if (to) query.to = /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59Z` : to;
  return query;
}

function storyCard(story) {
  const sources = Array.isArray(story.sources) ? story.sources : [];
  const events = Number.isFinite(story.events) ? story.events : Array.isArray(story.events) ? story.events.length : null;
  // A card reads in its label's direction: a Hebrew story's card is laid
  // out right to left even in a list that is mostly English.
  const dir = textDirection(story.label || '');
  return h('li', {class: 'story-card', dir: dir === 'auto' ? null : dir},
    h('div', {class: 'story-main'},
      h('h2', {class: 'story-title'}, h('a', {href: routes.story(story.id)}, bidi(story.label || story.id))),
      metaLine({},
        plural(story.size ?? 0, 'article', 'articles'),
        events !== null ? plural(events, 'event', 'events') : null,
        spanElement(story.first, story.last),
        languageList(story.languages)),
      sources.length ? h('div', {class: 'sources'}, h('span', {class: 'visually-hidden'}, 'Sources: '), chips(sources, 'chip source')) : null),
    h('div', {class: 'story-spark'}, sparkline(story.daily)));
}

export async function renderStoriesList(main, params, signal) {
  const query = storiesQuery(params);
  const data = await api.stories(query, signal);
  const stories = Array.isArray(data.stories) ? data.stories : [];
  for (const story of stories) {
    for (const src of story.sources || []) seenSources.add(src);
    for (const code of story.languages || []) seenLanguages.add(code);
  }
  const cursor = params.get('cursor') || '';
  const next = typeof data.next_cursor === 'string' && data.next_cursor !== '' ? data.next_cursor : null;
  if (next) previousCursor.set(next, cursor);

  setDocumentLanguage(majorityLanguage(stories.map((st) => [textDirection(st.label) === 'rtl' ? 'he' : 'en', 1]), 'en'));
  document.title = 'Stories · sipur';
  const filtered = ['lang', 'source', 'min_size', 'from', 'to'].some((key) => params.get(key));

  const pageParams = (c) => {
    const copy = new URLSearchParams(params);
    copy.delete('cursor');
    if (c) copy.set('cursor', c);
    return Object.fromEntries(copy);
  };
  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages', lang: 'en'},
    cursor ? h('a', {href: routes.stories(pageParams(previousCursor.get(cursor) || '')), rel: 'prev'},
      previousCursor.has(cursor) ? 'Newer stories' : 'Most recent stories') : null,
    next ? h('a', {href: routes.stories(pageParams(next)), rel: 'next'}, 'Older stories') : null);

  fill(main,
    h('h1', {tabindex: '-1', lang: 'en'}, 'Stories'),
    prose('p', {class: 'lede'}, 'Most recently active first. Each story links events about one storyline, across outlets and languages.'),
    // On a phone the filters fold away unless some are in use.
    h('details', {class: 'filter-box', open: filtered || !window.matchMedia('(max-width: 640px)').matches},
      h('summary', {lang: 'en'}, filtered ? 'Filters (in use)' : 'Filters'), filterForm(params)),
    stories.length === 0
      ? notice(filtered ? 'No story matches these filters.' : 'The store holds no stories yet. Ingest articles with sipur ingest.')
      : h('ol', {class: 'story-list', start: null}, stories.map(storyCard)),
    pager);
}

function timelineSection(timeline) {
  const section = h('section', {class: 'timeline-section', 'aria-labelledby': 'timeline-h'});
  const rows = Array.isArray(timeline) ? timeline : [];
  let split = 'both';
  const chartBox = h('div', {class: 'chart-box'});
  const legendBox = h('div', {class: 'legend-box'});
  const tableBox = h('div', {class: 'table-box'});
  const desc = h('p', {id: 'timeline-desc', class: 'visually-hidden'});

  const draw = () => {
    const series = timelineSeries(rows, split);
    const width = Math.max(280, Math.floor(chartBox.clientWidth || 720));
    const height = width < 500 ? 200 : 260;
    clear(chartBox).appendChild(timelineChart(rows, series, {width, height, titleId: 'timeline-h', descId: 'timeline-desc'}));
    clear(legendBox).appendChild(timelineLegend(series));
    clear(tableBox).appendChild(timelineTable(rows, series));
    const total = series.reduce((n, one) => n + one.total, 0);
    desc.textContent = `${total} articles, stacked by ${SPLITS[split].label.toLowerCase()}; the table below holds the numbers.`;
  };

  const choices = h('fieldset', {class: 'split-choice', lang: 'en'},
    h('legend', {}, 'Split by'),
    Object.entries(SPLITS).map(([key, how]) => h('label', {},
      h('input', {type: 'radio', name: 'split', value: key, checked: key === split, on: {change: () => { split = key; draw(); }}}),
      ' ', how.label)));

  fill(section,
    h('h2', {id: 'timeline-h', lang: 'en'}, 'Articles per day'),
    rows.length ? choices : null,
    desc, chartBox, legendBox,
    rows.length ? h('details', {class: 'numbers', lang: 'en'}, h('summary', {}, 'Numbers as a table'), tableBox) : null);
  if (rows.length === 0) {
    chartBox.appendChild(notice('No dated articles in this story.'));
    return section;
  }
  // Drawn at the box's width once it is in the page, and again when it changes.
  let lastWidth = 0;
  let scheduled = false;
  const observer = new ResizeObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      if (!chartBox.isConnected) {
        observer.disconnect();
        return;
      }
      const width = Math.floor(chartBox.clientWidth);
      if (width > 0 && width !== lastWidth) {
        lastWidth = width;
        draw();
      }
    });
  });
  observer.observe(chartBox);
  return section;
}

function eventSection(event, headingLevel = 'h3') {
  const articles = Array.isArray(event.articles) ? event.articles : [];
  return h('section', {class: 'event', 'aria-labelledby': `ev-${event.id}`},
    h(headingLevel, {id: `ev-${event.id}`, class: 'event-title'}, h('a', {href: routes.event(event.id)}, bidi(event.label || event.id))),
    metaLine({},
      h('span', {class: 'id', dir: 'ltr'}, String(event.id)),
      plural(event.size ?? articles.length, 'article', 'articles'),
      spanElement(event.first, event.last), languageList(event.languages)),
    articles.length ? h('ul', {class: 'article-list'}, articles.map(articleItem)) : null);
}

function breadcrumbs(...items) {
  return h('nav', {class: 'breadcrumbs', 'aria-label': 'Breadcrumbs', lang: 'en'},
    h('ol', {}, items.map((item) => h('li', {}, item))));
}

export async function renderStory(main, id, signal) {
  const story = await api.story(id, signal);
  const events = Array.isArray(story.events) ? story.events : [];
  const langWeights = [];
  for (const event of events) for (const a of event.articles || []) langWeights.push([a.lang, 1]);
  if (langWeights.length === 0) for (const code of story.languages || []) langWeights.push([code, 1]);
  setDocumentLanguage(majorityLanguage(langWeights, 'en'));
  document.title = `${story.label || story.id} · sipur`;

  fill(main,
    breadcrumbs(h('a', {href: routes.stories()}, 'Stories'), h('span', {dir: 'ltr', 'aria-current': 'page'}, String(story.id))),
    h('h1', {tabindex: '-1', class: 'page-title'}, bidi(story.label || story.id, null, 'span')),
    h('dl', {class: 'facts', lang: 'en'},
      fact('Articles', String(story.size ?? '')),
      fact('Events', String(events.length)),
      fact('Time', spanElement(story.first, story.last)),
      fact('Languages', languageList(story.languages)),
      fact('Sources', chips(story.sources, 'chip source'))),
    timelineSection(story.timeline),
    h('section', {class: 'events', 'aria-labelledby': 'events-h'},
      h('h2', {id: 'events-h', lang: 'en'}, `Events (${events.length})`),
      events.length ? events.map((event) => eventSection(event)) : notice('This story has no events.')));
}

export async function renderEvent(main, id, signal) {
  const event = await api.event(id, signal);
  const articles = Array.isArray(event.articles) ? event.articles : [];
  setDocumentLanguage(majorityLanguage(articles.map((a) => [a.lang, 1]), (event.languages || [])[0] || 'en'));
  document.title = `${event.label || event.id} · sipur`;
  fill(main,
    breadcrumbs(h('a', {href: routes.stories()}, 'Stories'),
      event.story ? h('a', {href: routes.story(event.story), dir: 'ltr'}, `Story ${event.story}`) : null,
      h('span', {dir: 'ltr', 'aria-current': 'page'}, `Event ${event.id}`)),
    h('h1', {tabindex: '-1', class: 'page-title'}, bidi(event.label || event.id, null, 'span')),
    h('dl', {class: 'facts', lang: 'en'},
      fact('Articles', String(event.size ?? articles.length)),
      fact('Time', spanElement(event.first, event.last)),
      fact('Languages', languageList(event.languages)),
      event.story ? fact('Story', h('a', {href: routes.story(event.story), dir: 'ltr'}, String(event.story))) : null,
      Array.isArray(event.terms) && event.terms.length ? fact('Top terms', chips(event.terms, 'chip term')) : null,
      Array.isArray(event.entities) && event.entities.length ? fact('Entities', chips(event.entities, 'chip entity')) : null),
    h('section', {class: 'event-articles', 'aria-labelledby': 'articles-h'},
      h('h2', {id: 'articles-h', lang: 'en'}, `Articles (${articles.length})`),
      articles.length ? h('ul', {class: 'article-list'}, articles.map(articleItem)) : notice('No articles.')));
}

export {articleItem, breadcrumbs, fact, languageList};
