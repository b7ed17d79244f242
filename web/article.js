// An article's page: its clean text with the passages other articles share
// highlighted, what cleaning removed (apart, by kind), its copies side by
// side with the other article's text, and why it is in its event.

import {api} from './api.js';
import {
  h, bidi, chips, clear, fill, notice, prose, metaLine, routes, timeElement, languageBadge, languageName,
  externalLink, sourceText, directionFor, setDocumentLanguage,
} from './dom.js';
import {breadcrumbs, fact} from './stories.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Maps UTF-8 byte offsets (as the API gives passages) to string indices.
// An offset inside a character moves back to that character's start;
// offsets past the end clamp to it.
export function byteOffsetMapper(text) {
  const bytes = encoder.encode(text);
  return (offset) => {
    if (!Number.isInteger(offset) || offset <= 0) return 0;
    let at = Math.min(offset, bytes.length);
    while (at > 0 && at < bytes.length && (bytes[at] & 0xc0) === 0x80) at -= 1;
    return decoder.decode(bytes.subarray(0, at)).length;
  };
}

// Sorted, merged [start, end) ranges, each remembering which copies it
// belongs to.
function mergeRanges(ranges) {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) {
      last.end = Math.max(last.end, r.end);
      for (const tag of r.tags) last.tags.add(tag);
    } else {
      out.push({start: r.start, end: r.end, tags: new Set(r.tags)});
    }
  }
  return out;
}

// The text as paragraphs (one per line), each with dir="auto", the ranges
// wrapped in <mark>. Only text nodes carry the article's words.
function highlightedText(text, ranges, {lang, idPrefix = null, className = 'article-text'} = {}) {
  const merged = mergeRanges(ranges);
  const box = h('div', {class: className, lang: lang || null});
  let markIndex = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    if (lineEnd > lineStart && text.slice(lineStart, lineEnd).trim() !== '') {
      const p = h('p', {dir: 'auto'});
      let at = lineStart;
      for (const r of merged) {
        if (r.end <= lineStart || r.start >= lineEnd) continue;
        const from = Math.max(r.start, lineStart);
        const to = Math.min(r.end, lineEnd);
        if (from > at) p.appendChild(document.createTextNode(text.slice(at, from)));
        const mark = h('mark', {class: 'reused', title: `Shared with ${[...r.tags].join(', ')}`}, text.slice(from, to));
        if (idPrefix && from === r.start) mark.id = `${idPrefix}-${markIndex++}`;
        p.appendChild(mark);
        at = to;
      }
      if (at < lineEnd) p.appendChild(document.createTextNode(text.slice(at, lineEnd)));
      box.appendChild(p);
    }
    lineStart = lineEnd + 1;
  }
  if (!box.firstChild) box.appendChild(notice('The clean text is empty.'));
  return box;
}

// Up to `chars` characters before and after [start, end), cut at spaces,
// with the passage marked.
function excerpt(text, start, end, lang, chars = 160) {
  let from = Math.max(0, start - chars);
  let to = Math.min(text.length, end + chars);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  return h('blockquote', {class: 'excerpt', dir: 'auto', lang: lang || null},
    from > 0 ? '… ' : null,
    text.slice(from, start),
    h('mark', {class: 'reused'}, text.slice(start, end)),
    text.slice(end, to),
    to < text.length ? ' …' : null);
}

// A passage's span on one side, or null: the API gives null for a side that
// lies wholly in that article's title (offsets count in the clean text only).
function side(start, end) {
  return Number.isInteger(start) && Number.isInteger(end) && end > start && start >= 0 ? {start, end} : null;
}

// The copy's passages with at least one side in a clean text.
function passagesOf(copy) {
  return (Array.isArray(copy.passages) ? copy.passages : [])
    .filter((p) => p && typeof p === 'object')
    .map((p) => ({here: side(p.start, p.end), there: side(p.other_start, p.other_end)}))
    .filter((p) => p.here || p.there);
}

// Which of the two came first: the API's role ("source": this article is
// the earlier one), else the publication times.
function whoIsSource(article, copy, other) {
  if (copy.role === 'source') return 'this';
  if (copy.role === 'copy') return 'other';
  const mine = Date.parse(article.published);
  const theirs = Date.parse(other.published);
  if (Number.isNaN(mine) || Number.isNaN(theirs) || mine === theirs) return null;
  return mine < theirs ? 'this' : 'other';
}

const KIND_TEXT = {
  exact: 'Exact copy',
  near: 'Near copy',
  partial: 'Shares passages',
  contained: 'Contained',
};

function kindText(kind) {
  return KIND_TEXT[kind] || String(kind || 'copy');
}

// "page-chrome" -> "Page chrome".
function humanize(key) {
  const text = String(key || '').replace(/[-_]+/g, ' ').trim();
  return text ? text[0].toUpperCase() + text.slice(1) : 'Other';
}

function removedSection(removed) {
  const items = (Array.isArray(removed) ? removed : []).filter((r) => r && typeof r.text === 'string');
  const byKind = new Map();
  for (const r of items) {
    const kind = typeof r.kind === 'string' && r.kind ? r.kind : 'other';
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind).push(r.text);
  }
  return h('section', {class: 'removed', 'aria-labelledby': 'removed-h'},
    h('h2', {id: 'removed-h', lang: 'en'}, 'Removed by cleaning'),
    items.length === 0 ? notice('Cleaning removed nothing from this article.') : [
      prose('p', {class: 'lede'}, 'Not part of the clean text above: shown here so that nothing is lost silently.'),
      [...byKind].map(([kind, texts]) => h('div', {class: 'removed-kind'},
        h('h3', {lang: 'en'}, humanize(kind), ' ', h('span', {class: 'count'}, `(${texts.length})`)),
        texts.map((text) => h('blockquote', {class: 'removed-text', dir: 'auto'}, text))))]);
}

// One copy relation: its kind and score, and each shared passage beside the
// same passage in the other article's text (fetched).
function copyBlock(article, copy, index, mapHere, signal) {
  const passages = passagesOf(copy);
  const otherBox = h('div', {class: 'copy-body'}, notice('Loading the other article…'));
  const block = h('section', {class: 'copy', 'aria-labelledby': `copy-h-${index}`},
    h('h3', {id: `copy-h-${index}`},
      h('span', {class: `kind kind-${String(copy.kind).replace(/[^a-z]/g, '')}`, lang: 'en'}, kindText(copy.kind)), ' ',
      h('a', {href: routes.article(copy.other)}, bidi(copy.other_title || copy.other))),
    metaLine({},
      Number.isFinite(copy.score) ? `score ${copy.score.toFixed(3)}` : null,
      `${passages.length} shared ${passages.length === 1 ? 'passage' : 'passages'}`,
      h('span', {dir: 'auto'}, String(copy.other))),
    otherBox);

  api.article(copy.other, signal).then((other) => {
    const otherText = typeof other.text === 'string' ? other.text : '';
    const mapThere = byteOffsetMapper(otherText);
    const here = typeof article.text === 'string' ? article.text : '';
    const source = whoIsSource(article, copy, other);
    const head = prose('p', {class: 'meta'},
      'The other article: ', sourceText(other.source), ', ', timeElement(other.published), ' ', languageBadge(other.lang || '?'),
      source === 'other' ? ' · the source: it came first' : source === 'this' ? ' · the copy: this article came first' : null);
    const inTitle = () => notice('This side of the passage lies in the title.');
    if (passages.length === 0) {
      fill(otherBox, head, notice(copy.kind === 'exact'
        ? 'The two clean texts are the same.' : 'No passage positions were given for this copy.'));
      return;
    }
    const pairs = passages.map((p, i) => h('div', {class: 'passage-pair'},
      h('div', {class: 'side'}, prose('h4', {}, `Passage ${i + 1}, here`),
        p.here ? excerpt(here, mapHere(p.here.start), mapHere(p.here.end), article.lang) : inTitle()),
      h('div', {class: 'side'}, prose('h4', {}, 'In ', other.source ? bidi(other.source) : h('span', {dir: 'auto'}, copy.other)),
        p.there ? excerpt(otherText, mapThere(p.there.start), mapThere(p.there.end), other.lang) : inTitle())));
    fill(otherBox, head, pairs);  // fill() flattens the list
  }).catch((err) => {
    if (err && err.name === 'AbortError') return;
    clear(otherBox).appendChild(notice(`Could not load ${copy.other}: ${err.message}`, 'error'));
  });
  return block;
}

function copiesSection(article, mapHere, signal) {
  const copies = (Array.isArray(article.copies) ? article.copies : []).filter((c) => c && typeof c.other === 'string');
  return h('section', {class: 'copies', 'aria-labelledby': 'copies-h'},
    h('h2', {id: 'copies-h', lang: 'en'}, `Copies (${copies.length})`),
    copies.length === 0 ? notice('No other article copies this one or is copied by it.')
      : copies.map((copy, i) => copyBlock(article, copy, i, mapHere, signal)));
}

// ---- The explanation of the article's event ----------------------------

const KNOWN_SCORES = ['score', 'title', 'body', 'entities', 'time'];
const SCORE_TEXT = {score: 'Overall', title: 'Title', body: 'Body', entities: 'Entities', time: 'Time'};

function scoreRow(name, value) {
  const clamped = Math.max(0, Math.min(1, value));
  return h('tr', {},
    h('th', {scope: 'row'}, SCORE_TEXT[name] || humanize(name)),
    h('td', {class: 'num', dir: 'ltr'}, value.toFixed(3)),
    h('td', {class: 'meter-cell'}, h('meter', {min: '0', max: '1', value: String(clamped), 'aria-label': `${name} ${value.toFixed(3)}`})));
}

function stringField(object, key) {
  return object && typeof object[key] === 'string' ? object[key] : '';
}

function explainSection(articleId, signal) {
  const box = h('div', {class: 'explain-body'}, notice('Loading the explanation…'));
  const section = h('section', {class: 'explain', 'aria-labelledby': 'explain-h'},
    h('h2', {id: 'explain-h', lang: 'en'}, 'Why it is in its event'), box);
  api.explain(articleId, signal).then((x) => {
    if (!x || typeof x.decision !== 'object' || x.decision === null) {
      fill(box, notice('No clustering decision is stored for this article (it was not clustered, or the store predates decisions).'));
      return;
    }
    const d = x.decision;
    const event = stringField(d, 'event') || stringField(x, 'event');
    const story = stringField(d, 'story') || stringField(x, 'story');
    const eventLink = event ? h('a', {href: routes.event(event)}, h('span', {dir: 'ltr'}, event), ' ', bidi(stringField(x, 'event_label'))) : 'its event';
    const storyLink = story ? h('a', {href: routes.story(story)}, h('span', {dir: 'ltr'}, story), ' ', bidi(stringField(x, 'story_label'))) : 'its story';
    const copyOf = stringField(d, 'copy_of');
    let decision;
    if (copyOf) {
      decision = prose('p', {}, 'A copy of ', h('a', {href: routes.article(copyOf), dir: 'ltr'}, copyOf), ': it joins that article\u2019s event, ', eventLink, '.');
    } else if (d.new_event === true) {
      decision = prose('p', {}, 'Started a new event, ', eventLink, ': no existing event scored above the threshold.');
    } else {
      decision = prose('p', {}, 'Joined the event ', eventLink, '.');
    }
    const storyText = d.new_story === true
      ? prose('p', {}, 'Its event started a new story, ', storyLink, '.')
      : prose('p', {}, 'Its event belongs to the story ', storyLink,
        Number.isFinite(d.story_score) ? ` (story link score ${d.story_score.toFixed(3)})` : null, '.');

    const titleLeftOut = d.title_weighed === false;
    const rows = [];
    for (const key of KNOWN_SCORES) {
      if (key === 'title' && titleLeftOut) continue;
      if (Number.isFinite(d[key])) rows.push(scoreRow(key, d[key]));
    }
    for (const [key, value] of Object.entries(d)) {
      if (Number.isFinite(value) && !KNOWN_SCORES.includes(key) && key !== 'runner_up_score' && key !== 'story_score') rows.push(scoreRow(key, value));
    }
    const lists = Object.entries(d).filter(([, value]) => Array.isArray(value) && value.every((v) => typeof v === 'string'));
    const flags = Object.entries(d).filter(([key, value]) => typeof value === 'boolean' && !['new_event', 'new_story', 'title_weighed'].includes(key));
    const runnerUp = stringField(d, 'runner_up');

    fill(box,
      decision, storyText,
      rows.length ? h('table', {class: 'scores', lang: 'en'},
        h('caption', {}, titleLeftOut ? 'Scores against the chosen event (the title was left out)' : 'Scores against the chosen event'),
        h('tbody', {}, rows)) : null,
      lists.length ? h('dl', {class: 'facts', lang: 'en'}, lists.map(([key, value]) => fact(humanize(key),
        value.length ? chips(value, 'chip term') : h('span', {class: 'unknown'}, 'none')))) : null,
      runnerUp ? prose('p', {class: 'runner-up'}, 'Runner-up: ', h('a', {href: routes.event(runnerUp)},
        h('span', {dir: 'ltr'}, runnerUp), ' ', bidi(stringField(x, 'runner_up_label'))),
      Number.isFinite(d.runner_up_score) ? ` (score ${d.runner_up_score.toFixed(3)})` : null) : null,
      flags.length ? metaLine({}, flags.map(([key, value]) => `${humanize(key)}: ${value ? 'yes' : 'no'}`)) : null,
      h('details', {class: 'raw', lang: 'en'}, h('summary', {}, 'The explanation as JSON'),
        h('pre', {dir: 'ltr'}, JSON.stringify(x, null, 2))));
  }).catch((err) => {
    if (err && err.name === 'AbortError') return;
    clear(box).appendChild(notice(`No explanation: ${err.message}`, err.status === 404 ? 'info' : 'error'));
  });
  return section;
}

export async function renderArticle(main, id, signal) {
  const article = await api.article(id, signal);
  const text = typeof article.text === 'string' ? article.text : '';
  const lang = typeof article.lang === 'string' ? article.lang : '';
  setDocumentLanguage(lang || 'en');
  document.title = `${article.title || article.id} · sipur`;

  const mapHere = byteOffsetMapper(text);
  const ranges = [];
  for (const copy of Array.isArray(article.copies) ? article.copies : []) {
    if (!copy || typeof copy.other !== 'string') continue;
    for (const p of passagesOf(copy)) {
      if (p.here) ranges.push({start: mapHere(p.here.start), end: mapHere(p.here.end), tags: [copy.other]});
    }
  }
  const title = article.title || '';
  fill(main,
    breadcrumbs(h('a', {href: routes.stories()}, 'Stories'),
      article.story ? h('a', {href: routes.story(article.story), dir: 'ltr'}, `Story ${article.story}`) : null,
      article.event ? h('a', {href: routes.event(article.event), dir: 'ltr'}, `Event ${article.event}`) : null,
      h('span', {dir: 'auto', 'aria-current': 'page'}, String(article.id))),
    h('h1', {tabindex: '-1', class: 'page-title article-title', dir: title ? directionFor(title, lang) : 'auto', lang: lang || null},
      title || h('span', {class: 'unknown', lang: 'en'}, '(no title)')),
    h('dl', {class: 'facts', lang: 'en'},
      fact('Source', sourceText(article.source)),
      fact('Published', timeElement(article.published)),
      fact('Language', languageBadge(lang || '?'), ' ', languageName(lang)),
      article.url ? fact('URL', externalLink(article.url)) : null,
      article.event ? fact('Event', h('a', {href: routes.event(article.event), dir: 'ltr'}, String(article.event))) : null,
      article.story ? fact('Story', h('a', {href: routes.story(article.story), dir: 'ltr'}, String(article.story))) : null,
      fact('Id', h('span', {dir: 'ltr'}, String(article.id)))),
    h('section', {class: 'text', 'aria-labelledby': 'text-h'},
      h('h2', {id: 'text-h', lang: 'en'}, 'Clean text'),
      ranges.length ? prose('p', {class: 'lede'}, 'Passages that other articles share with this one are ',
        h('mark', {class: 'reused'}, 'highlighted'), '; they are shown beside their source under Copies.') : null,
      highlightedText(text, ranges, {lang, idPrefix: 'reuse'})),
    copiesSection(article, mapHere, signal),
    removedSection(article.removed),
    explainSection(article.id, signal));
}
