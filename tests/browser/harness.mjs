// What the browser tests share: a store made by `sipur ingest` of the sample
// corpus plus hostile and copied articles, a real `sipur serve` on a free
// loopback port, and Debian's Chromium driven by playwright-core, with every
// console error, page error and dialog of every page recorded.
//
// Environment:
//   SIPUR        the sipur binary (required)
//   SIPUR_SAMPLE the corpus to ingest (default: the repository's sample/)
//   SIPUR_SHOTS  where screenshots go (default: build/browser-shots/)
//   CHROMIUM     the browser (default: /usr/bin/chromium)

import {spawn, execFile} from 'node:child_process';
import {mkdtemp, mkdir, rm, writeFile, readFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {chromium} from 'playwright-core';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

export const SIPUR = process.env.SIPUR;
const SAMPLE = process.env.SIPUR_SAMPLE || path.join(repoRoot, 'sample');
export const SHOTS = process.env.SIPUR_SHOTS || path.join(repoRoot, 'build', 'browser-shots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Articles the test adds to the sample corpus.
export const XSS_ID = 'xss-title-001';
export const XSS_TITLE = '<img src=x onerror=alert(1)>';
export const REUSE_ID = 'reuse-port-001';
export const REUSED_SOURCE_ID = 'smp-001';

async function extraArticles() {
  // The reusing article repeats two paragraphs of smp-001 (a Hebrew report
  // of the Haifa port strike) between paragraphs of its own.
  const wire = await readFile(path.join(SAMPLE, 'feeds', 'wire-2026-07.jsonl'), 'utf8');
  const source = wire.split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((a) => a.id === REUSED_SOURCE_ID);
  if (!source) throw new Error(`${REUSED_SOURCE_ID} is not in the sample corpus`);
  const paragraphs = source.text.split('\n');
  const articles = [
    {
      id: XSS_ID,
      source: '<b>Evil</b> Wire',
      url: 'javascript:alert(3)',
      lang: 'en',
      published: '2026-07-11T09:00:00Z',
      title: XSS_TITLE,
      text: 'A report about markup in titles. <script>alert(2)</script> The page must show this text as it is, '
        + 'with <img src=x onerror=alert(4)> and <a href="javascript:alert(5)">a link</a> written out literally, '
        + 'and <svg onload=alert(6)> too.',
    },
    {
      id: REUSE_ID,
      source: 'HaMifratz Online',
      url: 'https://hamifratz.example/a/77',
      lang: 'he',
      published: '2026-07-06T11:00:00+03:00',
      title: 'סיכום: השביתה בנמל חיפה נמשכת, ההנהלה מציעה פשרה',
      text: ['ההנהלה הציעה אחר הצהריים פשרה שתצמצם את מספר המפוטרים, אך הוועד דחה אותה.',
        paragraphs[0], paragraphs[1], 'בלשכת השר נמסר כי הוא עוקב אחר המגעים בין הצדדים.'].join('\n'),
    },
  ];
  return articles.map((a) => JSON.stringify(a)).join('\n') + '\n';
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// `sipur stories --json`: one JSON array, or one object per line.
function parseStories(stdout) {
  const text = stdout.trim();
  if (text.startsWith('[')) return JSON.parse(text);
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

export class Harness {
  async start() {
    if (!SIPUR) throw new Error('set SIPUR to the sipur binary (scripts/test-browser does)');
    this.dir = await mkdtemp(path.join(tmpdir(), 'sipur-browser-'));
    this.db = path.join(this.dir, 'store.db');
    const extra = path.join(this.dir, 'extra.jsonl');
    await writeFile(extra, await extraArticles());
    await run(SIPUR, ['ingest', '--db', this.db, SAMPLE, extra], {maxBuffer: 1 << 24});
    const {stdout} = await run(SIPUR, ['stories', '--json', '--db', this.db], {maxBuffer: 1 << 24});
    this.stories = parseStories(stdout);
    const events = await run(SIPUR, ['events', '--json', '--db', this.db], {maxBuffer: 1 << 24});
    this.events = parseStories(events.stdout);

    this.port = await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    this.serverLog = '';
    this.server = spawn(SIPUR, ['serve', '--db', this.db, '--host', '127.0.0.1', '--port', String(this.port)],
      {stdio: ['ignore', 'pipe', 'pipe']});
    this.server.stdout.on('data', (d) => { this.serverLog += d; });
    this.server.stderr.on('data', (d) => { this.serverLog += d; });
    this.serverExit = new Promise((resolve) => this.server.on('exit', (code, signal) => resolve({code, signal})));
    await this.waitForServer();

    await mkdir(SHOTS, {recursive: true});
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }

  async waitForServer() {
    const deadline = Date.now() + 30000;
    let exited = null;
    this.serverExit.then((status) => { exited = status; });
    while (Date.now() < deadline) {
      if (exited) throw new Error(`sipur serve exited (${JSON.stringify(exited)}):\n${this.serverLog}`);
      try {
        const response = await fetch(`${this.base}/v1/stories?limit=1`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`sipur serve did not answer on ${this.base} within 30 s:\n${this.serverLog}`);
  }

  async stop() {
    if (this.browser) await this.browser.close().catch(() => {});
    if (this.server && this.server.exitCode === null && this.server.signalCode === null) {
      this.server.kill('SIGTERM');
      const timer = setTimeout(() => this.server.kill('SIGKILL'), 10000);
      await this.serverExit;
      clearTimeout(timer);
    }
    if (this.dir) await rm(this.dir, {recursive: true, force: true});
  }

  // A fresh page at `hash` (e.g. '#/story/s1'), waited for until its view
  // has rendered. Records console errors, page errors and dialogs; `allowed`
  // says which failed requests the test expects (their console lines).
  async open(hash, {width = 1280, height = 900, allowed = []} = {}) {
    const context = await this.browser.newContext({viewport: {width, height}, locale: 'en-GB', timezoneId: 'Asia/Jerusalem'});
    const page = await context.newPage();
    const record = {page, context, errors: [], dialogs: [], responses: []};
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location() && message.location().url ? message.location().url : '';
      if (allowed.some((pattern) => pattern.test(where) || pattern.test(message.text()))) return;
      record.errors.push(`${message.text()} ${where}`.trim());
    });
    page.on('pageerror', (error) => record.errors.push(`page error: ${error.message}`));
    page.on('dialog', async (dialog) => {
      record.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss().catch(() => {});
    });
    page.on('response', (response) => record.responses.push(response));
    await page.goto(`${this.base}/${hash}`);
    await viewReady(page);
    return record;
  }

  async screenshot(record, name) {
    await record.page.screenshot({path: path.join(SHOTS, `${name}.png`), fullPage: true});
  }
}

// The story with most articles among those whose label is mostly Hebrew
// (or not), as `sipur stories --json` lists them.
export function largestStory(stories, {hebrew}) {
  const isHebrew = (label) => {
    const letters = (label.match(/\p{L}/gu) || []).length;
    const he = (label.match(/\p{Script=Hebrew}/gu) || []).length;
    return letters > 0 && he * 2 >= letters;
  };
  return stories.filter((s) => isHebrew(s.label || '') === hebrew).sort((a, b) => b.size - a.size)[0];
}

// How far the page is wider than the viewport (0: no horizontal scrolling).
export async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

// Waits until the view for the page's current hash has rendered (not the
// one before it: the hash changes before the view does).
export async function viewReady(page, timeout = 15000) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.hash === location.hash,
    null, {timeout});
}
