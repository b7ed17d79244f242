// Charts as inline SVG: a story's coverage sparkline and its timeline of
// articles per day, stacked by source and language. Colours come from CSS
// classes (series-0 … series-9, series-other), so the charts follow the
// page's colour scheme and need no inline styles.

import {s, h, parseDay, dayText, languageName} from './dom.js';

const DAY_MS = 86400000;
export const SERIES_COLOURS = 10;  // series-0 … series-9, then "other"

function dayKey(date) {
  return date.toISOString().slice(0, 10);
}

// Every UTC day from the first to the last of `days` ("YYYY-MM-DD"), so that
// days without articles show as gaps. At most `limit` days (the last ones).
export function dayRange(days, limit = 3660) {
  const dates = days.map(parseDay).filter(Boolean).sort((a, b) => a - b);
  if (dates.length === 0) return [];
  let start = dates[0].getTime();
  const end = dates[dates.length - 1].getTime();
  if ((end - start) / DAY_MS + 1 > limit) start = end - (limit - 1) * DAY_MS;
  const out = [];
  for (let t = start; t <= end; t += DAY_MS) out.push(dayKey(new Date(t)));
  return out;
}

// Ticks for 0..max: steps of 1, 2 or 5 times a power of ten, at most `count`.
export function niceTicks(max, count = 4) {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough && candidate >= 1) || 1;
  const top = Math.ceil(max / step) * step;
  const ticks = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v));
  return ticks;
}

// A small bar chart of articles per day: [{day, count}] over the story's span.
export function sparkline(daily, {width = 120, height = 32} = {}) {
  const counts = new Map();
  for (const row of daily || []) {
    if (row && typeof row.day === 'string' && Number.isFinite(row.count)) {
      counts.set(row.day, (counts.get(row.day) || 0) + row.count);
    }
  }
  const days = dayRange([...counts.keys()]);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const svg = s('svg', {
    class: 'sparkline', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', focusable: 'false',
  });
  if (days.length === 0) {
    svg.setAttribute('aria-label', 'No dated articles');
    svg.appendChild(s('line', {x1: 0, x2: width, y1: height - 1, y2: height - 1, class: 'axis'}));
    return svg;
  }
  // Days grouped into at most one bar per 3 px, so a long story stays legible.
  const perBar = Math.max(1, Math.ceil(days.length / Math.floor(width / 3)));
  const bars = [];
  for (let i = 0; i < days.length; i += perBar) {
    const group = days.slice(i, i + perBar);
    bars.push({from: group[0], to: group[group.length - 1], count: group.reduce((n, d) => n + (counts.get(d) || 0), 0)});
  }
  const max = Math.max(...bars.map((b) => b.count), 1);
  const slot = width / bars.length;
  const barWidth = Math.max(1, Math.min(slot * 0.8, 14));
  let peak = bars[0];
  bars.forEach((bar, i) => {
    if (bar.count > peak.count) peak = bar;
    const barHeight = bar.count === 0 ? 0 : Math.max(2, (bar.count / max) * (height - 2));
    const x = i * slot + (slot - barWidth) / 2;
    const label = bar.from === bar.to ? bar.from : `${bar.from} – ${bar.to}`;
    svg.appendChild(s('rect', {
      x: x.toFixed(2), y: (height - barHeight).toFixed(2), width: barWidth.toFixed(2), height: barHeight.toFixed(2), class: 'bar',
    }, s('title', {}, `${label}: ${bar.count}`)));
  });
  svg.appendChild(s('line', {x1: 0, x2: width, y1: height - 0.5, y2: height - 0.5, class: 'axis'}));
  const peakText = peak.from === peak.to ? peak.from : `${peak.from} – ${peak.to}`;
  svg.setAttribute('aria-label',
    `${total} articles over ${days.length} ${days.length === 1 ? 'day' : 'days'}; most (${peak.count}) on ${peakText}`);
  return svg;
}

// How a timeline row is split into series.
export const SPLITS = {
  both: {label: 'Source and language', key: (r) => `${r.source}\u0000${r.lang}`, name: (r) => [r.source, r.lang]},
  source: {label: 'Source', key: (r) => String(r.source), name: (r) => [r.source, null]},
  lang: {label: 'Language', key: (r) => String(r.lang), name: (r) => [languageName(r.lang), r.lang]},
};

// Groups timeline rows ([{day, source, lang, count}]) into series, largest
// first; past `SERIES_COLOURS - 1` series the rest become one "other".
export function timelineSeries(rows, split) {
  const how = SPLITS[split] || SPLITS.both;
  const series = new Map();
  for (const r of rows || []) {
    if (!r || typeof r.day !== 'string' || !Number.isFinite(r.count)) continue;
    const key = how.key(r);
    if (!series.has(key)) {
      const [name, detail] = how.name(r);
      const named = name === null || name === undefined || name === '' ? 'unknown source' : String(name);
      series.set(key, {key, name: named, detail, lang: r.lang, total: 0, byDay: new Map()});
    }
    const one = series.get(key);
    one.total += r.count;
    one.byDay.set(r.day, (one.byDay.get(r.day) || 0) + r.count);
  }
  let list = [...series.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  if (list.length > SERIES_COLOURS) {
    const kept = list.slice(0, SERIES_COLOURS - 1);
    const rest = list.slice(SERIES_COLOURS - 1);
    const other = {key: '\u0001other', name: `${rest.length} others`, detail: null, total: 0, byDay: new Map(), other: true};
    for (const one of rest) {
      other.total += one.total;
      for (const [day, n] of one.byDay) other.byDay.set(day, (other.byDay.get(day) || 0) + n);
    }
    list = [...kept, other];
  }
  list.forEach((one, i) => {
    one.colour = one.other ? 'series-other' : `series-${i}`;
  });
  return list;
}

// The timeline: a stacked bar per day, a y axis of article counts and day
// labels spaced so they never overlap, from one day to years.
export function timelineChart(rows, series, {width = 720, height = 240, titleId, descId} = {}) {
  const days = dayRange((rows || []).map((r) => r && r.day).filter(Boolean));
  const margin = {top: 16, right: 12, bottom: 34, left: 36};
  const plotWidth = Math.max(40, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const svg = s('svg', {
    class: 'timeline', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', dir: 'ltr',
    'aria-labelledby': titleId || null, 'aria-describedby': descId || null, focusable: 'false',
  });
  if (days.length === 0) {
    svg.appendChild(s('text', {x: width / 2, y: height / 2, class: 'empty', 'text-anchor': 'middle'}, 'No dated articles'));
    return svg;
  }
  // One bar per day while bars stay at least 3 px wide; beyond that, bars
  // of 2, 3, 7… days, said in the chart's corner.
  const perBar = [1, 2, 3, 7, 14, 30, 61, 91, 182, 365].find((k) => plotWidth / Math.ceil(days.length / k) >= 3) || 365;
  const bins = [];
  for (let i = 0; i < days.length; i += perBar) bins.push(days.slice(i, i + perBar));
  const counts = bins.map((bin) => series.map((one) => bin.reduce((n, day) => n + (one.byDay.get(day) || 0), 0)));
  const ticks = niceTicks(Math.max(...counts.map((c) => c.reduce((a, b) => a + b, 0)), 1));
  const top = ticks[ticks.length - 1];
  const y = (v) => margin.top + plotHeight - (v / top) * plotHeight;
  const dayWidth = plotWidth / (bins.length * perBar);
  const slot = dayWidth * perBar;
  const barWidth = Math.max(1, Math.min(slot * 0.78, 56));

  const grid = s('g', {class: 'grid'});
  for (const tick of ticks) {
    grid.appendChild(s('line', {x1: margin.left, x2: margin.left + plotWidth, y1: y(tick), y2: y(tick)}));
    grid.appendChild(s('text', {x: margin.left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick'}, String(tick)));
  }
  svg.appendChild(grid);
  if (perBar > 1) {
    svg.appendChild(s('text', {x: margin.left + plotWidth, y: margin.top - 2, 'text-anchor': 'end', class: 'tick note'},
      `each bar: ${perBar} days`));
  }

  const bars = s('g', {class: barWidth < 4 ? 'bars thin' : 'bars'});
  bins.forEach((bin, b) => {
    const x = margin.left + b * slot + (slot - barWidth) / 2;
    const first = parseDay(bin[0]);
    const last = parseDay(bin[bin.length - 1]);
    const when = bin.length === 1 ? dayText(first) : `${dayText(first, false)} – ${dayText(last)}`;
    let base = 0;
    series.forEach((one, i) => {
      const n = counts[b][i];
      if (n === 0) return;
      bars.appendChild(s('rect', {
        x: x.toFixed(2), y: y(base + n).toFixed(2), width: barWidth.toFixed(2), height: (y(base) - y(base + n)).toFixed(2),
        class: `bar ${one.colour}`, 'data-day': bin[0],
      }, s('title', {}, `${when} · ${one.name}${one.detail ? ` (${one.detail})` : ''}: ${n}`)));
      base += n;
    });
  });
  svg.appendChild(bars);

  // Day labels: about one per 64 px, on whole steps of days (1, 2, 7, 14, 30…).
  const axis = s('g', {class: 'x-axis'});
  axis.appendChild(s('line', {x1: margin.left, x2: margin.left + plotWidth, y1: y(0), y2: y(0), class: 'axis'}));
  const wanted = Math.max(1, Math.floor(plotWidth / 64));
  const step = [1, 2, 3, 7, 14, 30, 61, 91, 182, 365, 730].find((d) => d >= perBar && days.length / d <= wanted)
    || Math.ceil(days.length / wanted);
  let lastYear = null;
  for (let i = 0; i < days.length; i += step) {
    const date = parseDay(days[i]);
    const year = days[i].slice(0, 4);
    // The label sits under the middle of the bar that holds its day.
    const cx = margin.left + Math.floor(i / perBar) * slot + slot / 2;
    axis.appendChild(s('line', {x1: cx, x2: cx, y1: y(0), y2: y(0) + 4, class: 'axis'}));
    axis.appendChild(s('text', {x: cx, y: y(0) + 17, 'text-anchor': 'middle', class: 'tick'}, dayText(date, false)));
    // The year under the first label and where a year begins.
    if (year !== lastYear) axis.appendChild(s('text', {x: cx, y: y(0) + 30, 'text-anchor': 'middle', class: 'tick year'}, year));
    lastYear = year;
  }
  svg.appendChild(axis);
  return svg;
}

// The legend under the chart: a swatch, the series' name and its total.
export function timelineLegend(series) {
  return h('ul', {class: 'legend'}, series.map((one) => h('li', {},
    h('span', {class: `swatch ${one.colour}`, 'aria-hidden': 'true'}),
    h('bdi', {dir: 'auto'}, one.name),
    one.detail ? [' ', h('span', {class: 'legend-detail', dir: 'ltr'}, `(${one.detail})`)] : null,
    ' ', h('span', {class: 'legend-total', dir: 'ltr'}, String(one.total)))));
}

// The same numbers as a table, for screen readers and for copying.
export function timelineTable(rows, series) {
  const days = dayRange((rows || []).map((r) => r && r.day).filter(Boolean));
  return h('table', {class: 'timeline-table'},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Day'),
      series.map((one) => h('th', {scope: 'col'}, h('bdi', {dir: 'auto'}, one.name), one.detail ? ` (${one.detail})` : '')),
      h('th', {scope: 'col'}, 'Total'))),
    h('tbody', {}, days.map((day) => {
      const counts = series.map((one) => one.byDay.get(day) || 0);
      const total = counts.reduce((a, b) => a + b, 0);
      if (total === 0) return null;
      return h('tr', {}, h('th', {scope: 'row', dir: 'ltr'}, day), counts.map((n) => h('td', {}, n ? String(n) : '')), h('td', {}, String(total)));
    })));
}
