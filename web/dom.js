// Building the page safely: every string from the server becomes a text node
// (never markup), links to articles' own URLs only when they are http(s), and
// the direction of each piece of text is decided from its letters or its
// language, so Hebrew and English read correctly side by side.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Appends children: strings and numbers as text nodes, nodes as they are,
// arrays flattened, null/undefined/false skipped.
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
  return parent;
}

function setAttributes(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [type, handler] of Object.entries(value)) el.addEventListener(type, handler);
    } else if (name.startsWith('on')) {
      throw new Error(`event handler attribute ${name}: use {on: {...}}`);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  return el;
}

// h('a', {href: '#/'}, 'text', child, ...): an HTML element.
export function h(tag, attrs, ...children) {
  return append(setAttributes(document.createElement(tag), attrs), children);
}

// s('rect', {x: 0, ...}): an SVG element.
export function s(tag, attrs, ...children) {
  return append(setAttributes(document.createElementNS(SVG_NS, tag), attrs), children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// Replaces el's children (same rules as h(): arrays flattened, null skipped).
export function fill(el, ...children) {
  return append(clear(el), children);
}

// A sentence of the interface (English), kept left-to-right even on a
// right-to-left page so its punctuation stays where it belongs.
export function prose(tag, attrs, ...children) {
  return h(tag, {lang: 'en', dir: 'ltr', ...attrs}, ...children);
}

// A line of facts ("3 articles · 1 event · 6 Jul 2026"): each item is an
// isolated run, so on a right-to-left page the items mirror their order but
// each still reads correctly.
export function metaLine(attrs, ...items) {
  const kept = items.flat().filter((item) => item !== null && item !== undefined && item !== false && item !== '');
  const parts = [];
  kept.forEach((item, i) => {
    if (i) parts.push(' · ');
    parts.push(item instanceof Node ? item : h('span', {dir: 'ltr'}, String(item)));
  });
  return h('p', {class: 'meta', lang: 'en', ...attrs}, parts);
}

const RTL_LANGUAGES = new Set(['he', 'iw', 'yi', 'ar', 'fa', 'ur', 'ps', 'sd', 'ug', 'dv', 'ckb', 'syr']);
const RTL_LETTER = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}]/gu;
const LETTER = /\p{L}/gu;

export function isRtlLanguage(lang) {
  return typeof lang === 'string' && RTL_LANGUAGES.has(lang.toLowerCase().split(/[-_]/)[0]);
}

// 'rtl' when right-to-left letters are the majority, 'ltr' when others are,
// 'auto' when the text has no letters. Better than the browser's first-strong
// rule for titles like "S-300 בסוריה" or "ב-2019 Netanyahu met…".
export function textDirection(text) {
  if (typeof text !== 'string') return 'auto';
  const letters = (text.match(LETTER) || []).length;
  if (letters === 0) return 'auto';
  const rtl = (text.match(RTL_LETTER) || []).length;
  return rtl * 2 >= letters ? 'rtl' : 'ltr';
}

// The direction of text whose language may be known: the language decides
// when it is a known one, else the letters do.
export function directionFor(text, lang) {
  if (typeof lang === 'string' && lang) {
    if (isRtlLanguage(lang)) return 'rtl';
    if (/^[a-z]{2,3}$/i.test(lang) && lang !== 'und') return textDirection(text) === 'rtl' ? 'rtl' : 'ltr';
  }
  return textDirection(text);
}

// Untrusted text as an isolated inline run with its own direction, so that
// a Hebrew label inside an English sentence (or the reverse) keeps its
// punctuation in place.
export function bidi(text, lang, tag = 'bdi') {
  const value = text === null || text === undefined ? '' : String(text);
  return h(tag, {dir: directionFor(value, lang), lang: lang || null}, value);
}

// Sets <html lang dir> from the language that the page's content is in.
export function setDocumentLanguage(lang) {
  const root = document.documentElement;
  const code = typeof lang === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$/.test(lang) ? lang : 'en';
  root.lang = code;
  root.dir = isRtlLanguage(code) ? 'rtl' : 'ltr';
}

// The language most of the given (lang, weight) pairs are in.
export function majorityLanguage(pairs, fallback = 'en') {
  const totals = new Map();
  for (const [lang, weight] of pairs) {
    if (!lang) continue;
    totals.set(lang, (totals.get(lang) || 0) + (weight || 1));
  }
  let best = fallback;
  let bestWeight = -1;
  for (const [lang, weight] of totals) {
    if (weight > bestWeight) {
      best = lang;
      bestWeight = weight;
    }
  }
  return best;
}

// A URL from an article, as a link only if it is http(s); anything else
// (javascript:, data:, relative paths) is shown as text.
export function externalLink(url) {
  if (typeof url !== 'string' || url === '') return null;
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
    return h('a', {href: parsed.href, rel: 'noopener noreferrer', target: '_blank', dir: 'ltr', class: 'url'}, url);
  }
  return h('span', {dir: 'ltr', class: 'url unsafe-url'}, url);
}

// Hash links for the app's own routes; ids are encoded, never trusted.
export const routes = {
  stories: (params) => {
    const query = params ? new URLSearchParams(params).toString() : '';
    return query ? `#/?${query}` : '#/';
  },
  story: (id) => `#/story/${encodeURIComponent(id)}`,
  event: (id) => `#/event/${encodeURIComponent(id)}`,
  article: (id) => `#/article/${encodeURIComponent(id)}`,
  search: (q) => `#/search?q=${encodeURIComponent(q)}`,
};

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {dateStyle: 'medium', timeStyle: 'short'});
const localDateFormat = new Intl.DateTimeFormat('en-GB', {dateStyle: 'medium'});
const dateFormat = new Intl.DateTimeFormat('en-GB', {dateStyle: 'medium', timeZone: 'UTC'});
const shortDayFormat = new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'short', timeZone: 'UTC'});

function parseTime(iso) {
  if (typeof iso !== 'string' || iso === '') return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t);
}

// <time> for an ISO-8601 time in the reader's time zone; "unknown" for null.
export function timeElement(iso) {
  const date = parseTime(iso);
  if (!date) return h('span', {class: 'unknown'}, 'time unknown');
  return h('time', {datetime: iso, title: iso, dir: 'ltr'}, dateTimeFormat.format(date));
}

// "6 Jul 2026 – 8 Jul 2026", or one date when both fall on the same day.
export function spanElement(firstIso, lastIso) {
  const first = parseTime(firstIso);
  const last = parseTime(lastIso);
  if (!first && !last) return h('span', {class: 'unknown'}, 'time unknown');
  const a = first ? localDateFormat.format(first) : '?';
  const b = last ? localDateFormat.format(last) : '?';
  const text = a === b ? a : `${a} – ${b}`;
  return h('span', {class: 'span', dir: 'ltr', title: `${firstIso || '?'} – ${lastIso || '?'}`}, text);
}

// "YYYY-MM-DD" (a UTC day, as the API counts days) as a Date at its midnight, or null.
export function parseDay(day) {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) ? null : new Date(t);
}

export function dayText(date, withYear = true) {
  return withYear ? dateFormat.format(date) : shortDayFormat.format(date);
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

const LANGUAGE_NAMES = {he: 'Hebrew', en: 'English', ar: 'Arabic', ru: 'Russian', fr: 'French', de: 'German', es: 'Spanish'};

export function languageName(code) {
  return LANGUAGE_NAMES[code] || code;
}

// A language code as a small badge: "he", with the language's name for
// screen readers and on hover.
export function languageBadge(code) {
  return h('abbr', {class: 'lang-badge', title: languageName(code), lang: 'en', dir: 'ltr'}, String(code));
}

// A list of short untrusted strings (sources, terms) as chips.
export function chips(items, className = 'chip', lang = null) {
  return h('ul', {class: 'chips'}, (items || []).map((item) => h('li', {class: className},
    item === '' || item === null || item === undefined ? h('span', {class: 'unknown', lang: 'en'}, 'unknown') : bidi(item, lang))));
}

// An article's outlet, or "unknown source" when the input named none.
export function sourceText(source) {
  return typeof source === 'string' && source !== ''
    ? bidi(source) : h('span', {class: 'unknown', lang: 'en', dir: 'ltr'}, 'unknown source');
}

// A message in place of content: loading, empty, error.
export function notice(text, kind = 'info') {
  return prose('p', {class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : null}, text);
}
