// The web UI in a real Chromium against a real `sipur serve`: the stories
// list, a story's timeline, right-to-left Hebrew, copies highlighted, an
// article whose title is markup, the Content-Security-Policy, the search
// box, phone width and keyboard use. Screenshots go to SIPUR_SHOTS.

import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {
  Harness, largestStory, horizontalOverflow, viewReady, XSS_ID, XSS_TITLE, REUSE_ID, REUSED_SOURCE_ID, SHOTS,
} from './harness.mjs';

const harness = new Harness();

before(async () => {
  await harness.start();
});

after(async () => {
  await harness.stop();
});

function assertClean(record, what) {
  assert.deepEqual(record.errors, [], `${what}: console errors`);
  assert.deepEqual(record.dialogs, [], `${what}: dialogs opened`);
}

test('the server sends the UI with a Content-Security-Policy', async () => {
  const response = await fetch(`${harness.base}/`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') || '', /text\/html/);
  const csp = response.headers.get('content-security-policy') || '';
  assert.match(csp, /default-src 'self'/, `CSP header: ${csp}`);
  assert.match(csp, /script-src 'self'/, `CSP header: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `CSP header: ${csp}`);
  const html = await response.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'index.html has an inline script');
  assert.doesNotMatch(html, /<style|\sstyle=/i, 'index.html has inline style');
});

test('the stories list renders every story of the sample corpus', async () => {
  const record = await harness.open('#/');
  const {page} = record;
  await harness.screenshot(record, 'stories-list');
  const cards = await page.locator('.story-card').count();
  assert.equal(await page.locator('.story-card svg.sparkline').count(), cards, 'every story has a sparkline');
  assert.ok(await page.locator('.story-card svg.sparkline rect.bar').count() >= cards, 'sparklines have bars');

  // Four to a page, through the cursor, with the list's own links.
  await page.goto(`${harness.base}/#/?limit=4`);
  await viewReady(page);
  const labels = [];
  const pageHashes = [];
  for (let pages = 0; pages < 50; pages += 1) {
    pageHashes.push(await page.evaluate(() => location.hash));
    const onPage = await page.locator('.story-card .story-title').allTextContents();
    assert.ok(onPage.length <= 4, 'at most the asked number of stories on a page');
    labels.push(...onPage);
    const older = page.locator('.pager a[rel="next"]');
    if (await older.count() === 0) break;
    await older.click();
    await page.waitForFunction((h) => location.hash !== h, pageHashes[pageHashes.length - 1]);
    await viewReady(page);
  }
  assert.ok(pageHashes.length >= 2, 'the sample fills more than one page of four');
  assert.equal(labels.length, harness.stories.length, 'stories shown against `sipur stories --json`');
  for (const story of harness.stories) assert.ok(labels.includes(story.label), `story ${story.id} "${story.label}" is listed`);
  // And back one page.
  await page.locator('.pager a[rel="prev"]').click();
  await page.waitForFunction((h) => location.hash === h, pageHashes[pageHashes.length - 2]);
  await viewReady(page);
  assertClean(record, 'stories list');
  await record.context.close();
});

test('the filters narrow the list the way the API does', async () => {
  const record = await harness.open('#/');
  const {page} = record;
  await page.locator('#f-lang').selectOption('en');
  await page.locator('#f-min').fill('2');
  await page.locator('.filters button[type="submit"]').click();
  await page.waitForFunction(() => location.hash.includes('lang=en') && location.hash.includes('min_size=2'));
  await viewReady(page);
  const api = await (await fetch(`${harness.base}/v1/stories?lang=en&min_size=2&limit=100`)).json();
  assert.ok(Array.isArray(api.stories), 'GET /v1/stories answers {"stories": [...]}');
  const shown = await page.locator('.story-card').count();
  assert.equal(shown, api.stories.length, 'stories shown with lang=en, min_size=2');
  assert.ok(shown < harness.stories.length, 'the filters left some stories out');
  if (shown === 0) assert.equal(await page.locator('main .notice').count(), 1, 'an empty list says so');
  assertClean(record, 'filters');
  await record.context.close();
});

test('an event page lists its articles', async () => {
  const event = [...harness.events].sort((a, b) => b.size - a.size)[0];
  const record = await harness.open(`#/event/${event.id}`);
  const {page} = record;
  assert.equal(await page.locator('h1').textContent(), event.label);
  assert.equal(await page.locator('.article-list .article-item').count(), event.size);
  assert.equal(await page.locator(`.breadcrumbs a[href="#/story/${event.story}"]`).count(), 1, 'a link to its story');
  assertClean(record, 'event page');
  await record.context.close();
});

test('a Hebrew story page shows its timeline and reads right to left', async () => {
  const story = largestStory(harness.stories, {hebrew: true});
  assert.ok(story, 'the sample has a Hebrew story');
  const record = await harness.open(`#/story/${story.id}`);
  const {page} = record;
  await page.waitForSelector('svg.timeline rect.bar');
  assert.ok(await page.locator('svg.timeline rect.bar').count() >= 1, 'timeline bars');
  assert.ok(await page.locator('.legend li').count() >= 1, 'timeline legend');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl', '<html dir> of a Hebrew story');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'he', '<html lang> of a Hebrew story');
  const title = page.locator('h1 [dir]').first();
  assert.equal(await title.textContent(), story.label);
  assert.equal(await title.evaluate((el) => getComputedStyle(el).direction), 'rtl', 'the Hebrew title runs right to left');
  // Each event's Hebrew article titles too.
  const hebrewLinks = page.locator('.article-link [lang="he"]');
  assert.ok(await hebrewLinks.count() >= 1, 'Hebrew article links');
  for (const dir of await hebrewLinks.evaluateAll((els) => els.map((el) => getComputedStyle(el).direction))) {
    assert.equal(dir, 'rtl');
  }
  assert.equal(await page.locator('section.event').count(), story.events.length, 'every event of the story');
  await harness.screenshot(record, 'story-hebrew');
  assertClean(record, 'Hebrew story');
  await record.context.close();
});

test('an English story page reads left to right', async () => {
  const story = largestStory(harness.stories, {hebrew: false});
  assert.ok(story, 'the sample has an English story');
  const record = await harness.open(`#/story/${story.id}`);
  const {page} = record;
  await page.waitForSelector('svg.timeline rect.bar');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  const title = page.locator('h1 [dir]').first();
  assert.equal(await title.evaluate((el) => getComputedStyle(el).direction), 'ltr');
  // The other splits of the timeline redraw it.
  await page.locator('input[name="split"][value="lang"]').check();
  await page.waitForSelector('svg.timeline rect.bar');
  await page.locator('input[name="split"][value="both"]').check();
  await harness.screenshot(record, 'story-english');
  assertClean(record, 'English story');
  await record.context.close();
});

test('an article page highlights the passages it shares with its source', async () => {
  const record = await harness.open(`#/article/${REUSE_ID}`);
  const {page} = record;
  await page.waitForSelector('.passage-pair mark.reused', {timeout: 15000});
  const inText = await page.locator('.article-text mark.reused').allTextContents();
  assert.ok(inText.length >= 1, 'highlights in the clean text');
  const here = await page.locator('.passage-pair .side:first-child mark.reused').allTextContents();
  const there = await page.locator('.passage-pair .side:last-child mark.reused').allTextContents();
  assert.ok(here.length >= 1 && here.length === there.length, 'each passage beside its source');
  // The reuse is verbatim: the same words are highlighted on both sides, so
  // the byte offsets were read as offsets into each article's clean text.
  const words = (text) => text.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < here.length; i += 1) assert.equal(words(here[i]), words(there[i]), `passage ${i + 1}`);
  assert.ok(here[0].length > 40, 'a passage of real length');
  assert.equal(await page.locator(`.copy a[href="#/article/${REUSED_SOURCE_ID}"]`).count(), 1, 'a link to the source');
  await page.waitForSelector('.explain-body table.scores, .explain-body .notice');
  assert.equal(await page.locator('h1').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  for (const dir of await page.locator('.article-text p').evaluateAll((els) => els.map((el) => el.getAttribute('dir')))) {
    assert.equal(dir, 'auto', 'article paragraphs have dir="auto"');
  }
  await harness.screenshot(record, 'article-copies');
  assertClean(record, 'article with copies');
  await record.context.close();
});

test('an article page shows what cleaning removed, apart from the text', async () => {
  const record = await harness.open('#/article/smp-008');
  const {page} = record;
  assert.ok(await page.locator('.removed .removed-text').count() >= 1, 'removed text shown');
  const removed = await page.locator('.removed .removed-text').first().textContent();
  const clean = await page.locator('.article-text').textContent();
  assert.ok(!clean.includes(removed.trim()), 'removed text is not in the clean text');
  assertClean(record, 'article with removed text');
  await record.context.close();
});

test('an article whose title is markup shows it literally and runs no script', async () => {
  for (const hash of ['#/', `#/article/${XSS_ID}`]) {
    const record = await harness.open(hash);
    const {page} = record;
    if (hash === '#/') {
      assert.equal(await page.locator('.story-title', {hasText: XSS_TITLE}).count(), 1, 'the title as text in the list');
    } else {
      assert.equal(await page.locator('h1').textContent(), XSS_TITLE);
      await page.waitForSelector('.explain-body table.scores, .explain-body .notice');
      const text = await page.locator('.article-text').textContent();
      assert.ok(text.includes('<script>alert(2)</script>'), 'the text shows its markup literally');
      assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, 'no javascript: link');
      assert.ok((await page.locator('dd', {hasText: 'javascript:alert(3)'}).count()) >= 1, 'the URL shown as text');
      await harness.screenshot(record, 'article-markup-title');
    }
    await page.waitForTimeout(300);
    assert.equal(await page.locator('img').count(), 0, 'no img element');
    assert.equal(await page.locator('main script, main svg[onload], main [onerror]').count(), 0, 'no element from article text');
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({src: s.src, inline: s.text.trim().length})));
    assert.ok(scripts.every((s) => s.src && new URL(s.src).origin === new URL(harness.base).origin && s.inline === 0),
      `only the UI's own scripts: ${JSON.stringify(scripts)}`);
    assertClean(record, `markup title at ${hash}`);
    await record.context.close();
  }
});

test('the search box finds articles by lemma, grouped by story, with the matched words marked', async () => {
  const record = await harness.open('#/', {allowed: []});
  const {page} = record;
  await page.locator('#search-q').fill('נמל חיפה');
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/search');
  await page.locator('#search-q').press('Enter');
  const response = await answer;
  await viewReady(page);
  assert.equal(await page.evaluate(() => document.body.dataset.route), 'search');
  assert.equal(new URL(response.url()).searchParams.get('q'), 'נמל חיפה');
  assert.equal(response.status(), 200);
  const body = await response.json();
  const ids = body.stories.flatMap((s) => s.articles.map((a) => a.id));
  assert.ok(ids.includes('smp-001'), `the Haifa port report is found: ${ids.join(' ')}`);
  // The page shows what the API answered: one item per story, one link per article, in order.
  assert.equal(await page.locator('.search-story').count(), body.stories.length);
  const shown = await page.locator('.search-result > a.article-link').evaluateAll((links) => links.map((a) => decodeURIComponent(a.getAttribute('href'))));
  assert.deepEqual(shown, ids.map((id) => `#/article/${id}`));
  // Marks hold exactly the words the API's byte offsets name.
  const marks = await page.locator('mark.match').allTextContents();
  assert.ok(marks.length >= 1, 'matched words are marked');
  for (const m of marks) assert.ok(/נמל|חיפה/.test(m), `a mark holds a query word: ${m}`);
  // A Hebrew story's heading reads right to left (dir="auto" would look past its <bdi>).
  const headings = await page.locator('.search-story-title').evaluateAll((hs) => hs.map((x) => [x.textContent, getComputedStyle(x).direction]));
  const count = (t, re) => (t.match(re) || []).length;
  const hebrew = headings.filter(([t]) => count(t, /[\u05d0-\u05ea]/g) > count(t, /[A-Za-z]/g));
  assert.ok(hebrew.length >= 1, `a Hebrew story heading: ${JSON.stringify(headings)}`);
  for (const [t, d] of hebrew) assert.equal(d, 'rtl', `${t} reads right to left`);
  await page.screenshot({path: path.join(SHOTS, 'search.png'), fullPage: true});
  assertClean(record, 'search');
  await record.context.close();
});

test('a query the server cannot read gets its message, and article markup stays text in results', async () => {
  for (const [q, says] of [['"נמל חיפה', 'unbalanced quote'], ['-נמל', 'only excludes']]) {
    const record = await harness.open(`#/search?q=${encodeURIComponent(q)}`, {allowed: [/\/v1\/search/]});
    await viewReady(record.page);
    assert.equal(await record.page.locator('main .notice', {hasText: says}).count(), 1, `${q}: says ${says}`);
    assertClean(record, `bad query ${q}`);
    await record.context.close();
  }
  // The hostile article's title is markup: found by its words, shown as text.
  const record = await harness.open(`#/search?q=${encodeURIComponent('onerror')}`, {allowed: []});
  await viewReady(record.page);
  assert.equal(await record.page.locator('main img').count(), 0, 'no img from the title');
  assertClean(record, 'markup title in search');
  await record.context.close();
});

test('at phone width nothing scrolls sideways', async () => {
  const hebrew = largestStory(harness.stories, {hebrew: true});
  const pages = [['#/', 'phone-stories'], [`#/story/${hebrew.id}`, 'phone-story'], [`#/article/${REUSE_ID}`, 'phone-article']];
  for (const [hash, shot] of pages) {
    const record = await harness.open(hash, {width: 390, height: 844});
    const {page} = record;
    if (hash.includes('article')) await page.waitForSelector('.passage-pair mark.reused, .copy .notice');
    if (hash.includes('story')) await page.waitForSelector('svg.timeline');
    assert.equal(await horizontalOverflow(page), 0, `${hash} overflows at 390 px`);
    await harness.screenshot(record, shot);
    assertClean(record, `phone ${hash}`);
    await record.context.close();
  }
});

test('the keyboard reaches the content and the links', async () => {
  const record = await harness.open('#/');
  const {page} = record;
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'skip link moves focus to the heading');
  // Tab on to the first story and open it with Enter.
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => Boolean(document.activeElement.closest('.story-title')))) break;
  }
  const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
  assert.match(href || '', /^#\/story\//, 'a story link takes the focus');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused link shows a focus ring');
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => location.hash === h, href);
  await viewReady(page);
  assert.equal(await page.evaluate(() => document.body.dataset.route), 'story');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'a new view focuses its heading');
  assertClean(record, 'keyboard');
  await record.context.close();
});

test('an unknown story answers with a message, not a blank page', async () => {
  const record = await harness.open('#/story/s999999', {allowed: [/\/v1\/stories\/s999999/]});
  const {page} = record;
  assert.equal(await page.locator('h1').textContent(), 'Not found');
  assert.ok(await page.locator('main .notice').count() >= 1);
  assertClean(record, 'unknown story');
  await record.context.close();
});

// The UI's own helpers, run in the page on the served modules: a table of
// the traps they exist for.
test('the UI helpers handle UTF-8 offsets, mixed directions and unsafe URLs', async () => {
  const record = await harness.open('#/');
  const {page} = record;
  const results = await page.evaluate(async () => {
    const {byteOffsetMapper} = await import('./assets/article.js');
    const {textDirection, externalLink} = await import('./assets/dom.js');
    const {niceTicks, dayRange} = await import('./assets/charts.js');
    const text = 'אב c😀d';  // 2-byte letters, a space, ASCII, a 4-byte emoji (two UTF-16 units)
    const at = byteOffsetMapper(text);
    const link = (url) => {
      const el = externalLink(url);
      return el ? `${el.tagName}:${el.getAttribute('href')}` : null;
    };
    return {
      offsets: [0, 2, 4, 5, 6, 7, 8, 11, 12, 99, -3, 1].map(at),
      directions: ['S-300 בסוריה מחר', 'ב-2019 Netanyahu met Putin in Moscow today', 'צה"ל', '2019', 'Haifa נמל'].map(textDirection),
      links: ['https://example.com/a?b=1', 'http://x.example/', 'javascript:alert(1)', 'data:text/html,<b>', '/relative', 'JaVaScRiPt:alert(1)'].map(link),
      ticks: [niceTicks(1), niceTicks(7), niceTicks(38)],
      days: dayRange(['2026-03-01', '2026-02-27']),
    };
  });
  // 'א' bytes 0-1, 'ב' 2-3, ' ' 4, 'c' 5, '😀' 6-9, 'd' 10; an offset inside a character moves to its start.
  assert.deepEqual(results.offsets, [0, 1, 2, 3, 4, 4, 4, 7, 7, 7, 0, 0]);
  assert.deepEqual(results.directions, ['rtl', 'ltr', 'rtl', 'auto', 'ltr']);
  assert.deepEqual(results.links, ['A:https://example.com/a?b=1', 'A:http://x.example/', 'SPAN:null', 'SPAN:null', 'SPAN:null', 'SPAN:null']);
  assert.deepEqual(results.ticks, [[0, 1], [0, 2, 4, 6, 8], [0, 10, 20, 30, 40]]);
  assert.deepEqual(results.days, ['2026-02-27', '2026-02-28', '2026-03-01']);
  assertClean(record, 'helpers');
  await record.context.close();
});
