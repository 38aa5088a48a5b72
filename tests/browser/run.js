#!/usr/bin/env node
// Browser tests of `mtqc check --format html`, headless in Debian's Chromium:
//
//   node tests/browser/run.js [--screenshot docs/report-example.png] [--keep DIR]
//
// Needs target/release/mtqc (cargo build --release). Every report is rendered
// twice, as HTML and as JSON, and the page is held to the JSON: the findings per rule, their
// order and texts, the highlights, the filters and the URL fragment, the keyboard, right-to-left
// layout, no request to anything but the file, no console error, WCAG AA contrast, print and
// phone layouts. A report past 10,000 findings checks the lazily added blocks.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { ROOT, launch, guardNetwork, reports, findingsOf, countBy, corpus } = require('./lib');

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const screenshot = option('--screenshot');
// Where the reports are written: --keep DIR, else a temporary directory removed at the end.
let out;

let failed = 0;
let passed = 0;
function ok(cond, name, detail) {
  if (cond) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail === undefined ? '' : `\n  ${typeof detail === 'string' ? detail : JSON.stringify(detail).slice(0, 2000)}`}`);
  }
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Open a report; the returned `problems()` lists console errors, page errors and requests. */
async function open(browser, file, fragment = '', viewport) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  const url = 'file://' + file + fragment;
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready]', { timeout: 30000 });
  return { page, url, errors };
}

/** The findings as the page shows them, lazily added ones included, in document order. */
function pageFindings(page) {
  return page.evaluate(() => {
    const els = [...document.querySelectorAll('.finding')];
    for (const s of document.querySelectorAll('script.lazy')) {
      const t = document.createElement('template');
      t.innerHTML = s.textContent;
      els.push(...t.content.querySelectorAll('.finding'));
    }
    return els.map((e) => ({
      n: e.id.slice(1),
      rule: e.dataset.rule,
      severity: e.dataset.severity,
      category: e.dataset.category,
      paragraph: Number(e.dataset.paragraph),
      text: e.dataset.text,
    }));
  });
}

/** Findings shown now (not hidden by a filter). */
function shownFindings(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.finding')]
      .filter((e) => e.checkVisibility())
      .map((e) => ({
        rule: e.dataset.rule,
        severity: e.dataset.severity,
        category: e.dataset.category,
        paragraph: Number(e.dataset.paragraph),
        file: e.closest('section.file').dataset.file,
      })),
  );
}

const key = (f) => `${f.file}|${f.paragraph}|${f.rule}`;

/** Each finding's highlight: its marks in the paragraph text, with offsets and cluster checks. */
function highlights(page) {
  return page.evaluate(() => {
    const textOf = (node) => {
      if (node.nodeType === 3) return node.data;
      if (node.classList && node.classList.contains('inv')) return String.fromCodePoint(parseInt(node.dataset.cp, 16));
      let s = '';
      for (const c of node.childNodes) s += textOf(c);
      return s;
    };
    const seg = new Intl.Segmenter('und', { granularity: 'grapheme' });
    const out = [];
    for (const li of document.querySelectorAll('.finding')) {
      const n = li.id.slice(1);
      const tx = li.closest('.para').querySelector('.tgt .tx, .tx.tgt');
      let full = '';
      const ranges = [];
      for (const child of tx.childNodes) {
        const t = textOf(child);
        if (child.tagName === 'MARK' && child.dataset.f.split(' ').includes(n)) ranges.push([full.length, full.length + t.length]);
        full += t;
      }
      const bounds = new Set([full.length]);
      for (const s of seg.segment(full)) bounds.add(s.index);
      const contiguous = ranges.every((r, i) => i === 0 || r[0] === ranges[i - 1][1]);
      const start = ranges.length ? ranges[0][0] : -1;
      const end = ranges.length ? ranges[ranges.length - 1][1] : -1;
      out.push({
        n,
        text: li.dataset.text,
        marks: ranges.length,
        contiguous,
        highlighted: ranges.length ? full.slice(start, end) : '',
        onClusters: bounds.has(start) && bounds.has(end),
      });
    }
    return out;
  });
}

/** Text with too little contrast for WCAG AA (4.5:1, large text 3:1). */
function contrastProblems(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, under) => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
    };
    const lum = (c) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let bg = [255, 255, 255, 1];
      for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
      return bg;
    };
    const bad = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (['SCRIPT', 'STYLE', 'TEMPLATE', 'OPTION', 'svg'].includes(el.tagName)) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
      if (!own || !el.checkVisibility()) continue;
      const cs = getComputedStyle(el);
      const bg = background(el);
      const fg = over(parse(cs.color), bg);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (Number(cs.fontWeight) >= 700 && size >= 18.66);
      if (ratio < (large ? 3 : 4.5)) {
        bad.push({ el: el.tagName.toLowerCase() + '.' + el.className, text: el.textContent.trim().slice(0, 30), ratio: ratio.toFixed(2), color: cs.color, bg: `rgb(${bg.slice(0, 3).map(Math.round)})` });
      }
    }
    const seen = new Set();
    return bad.filter((b) => !seen.has(b.el + b.color + b.bg) && seen.add(b.el + b.color + b.bg));
  });
}

/** External references in the markup: src, href, url(), @import, other than #fragments. */
function externalRefs(html) {
  const found = [];
  for (const tag of html.match(/<[a-zA-Z][^>]*>/g) || []) {
    for (const m of tag.matchAll(/\s(src|href|srcset|action|poster|data|xlink:href)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const v = m[3] ?? m[4] ?? m[5];
      if (!v.startsWith('#')) found.push(tag.slice(0, 120));
    }
  }
  const styles = (html.match(/<style[^>]*>[\s\S]*?<\/style>/gi) || []).join('') +
    (html.match(/\sstyle="[^"]*"/gi) || []).join('');
  for (const m of styles.matchAll(/url\(\s*['"]?([^'")]*)|@import/gi)) {
    if (!m[1] || !m[1].startsWith('#')) found.push(m[0]);
  }
  for (const tag of ['link', 'img', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'base']) {
    if (new RegExp(`<${tag}[\\s>]`, 'i').test(html)) found.push(`<${tag}>`);
  }
  return found;
}

async function checkReport(browser, name, r, extra) {
  const html = fs.readFileSync(r.html, 'utf8');
  const expected = findingsOf(r.report);
  const guard = guardNetwork(browser.context);
  const { page, url, errors } = await open(browser, r.html);

  ok(externalRefs(html).length === 0, `${name}: no external src, href, url() or @import in the HTML`, externalRefs(html));

  // The findings: per rule as in the JSON, in the JSON's order, with its texts.
  const got = await pageFindings(page);
  ok(same(countBy(got, 'rule'), countBy(expected, 'rule')), `${name}: finding elements per rule equal the JSON report's`, { html: countBy(got, 'rule'), json: countBy(expected, 'rule') });
  const strip = (f) => [f.rule, f.severity, f.category, f.paragraph, f.text];
  const mismatch = got.findIndex((f, i) => !same(strip(f), strip(expected[i] || {})));
  ok(got.length === expected.length && mismatch < 0, `${name}: each finding's data-rule, -severity, -category, -paragraph and -text equal the JSON's, in order`, mismatch >= 0 ? { page: got[mismatch], json: expected[mismatch] && strip(expected[mismatch]) } : undefined);

  // Highlights: each finding's marks are contiguous, cover its text, and cut only between
  // grapheme clusters (Chromium's ICU segmenter, a second opinion on unicode-segmentation).
  const hl = await highlights(page);
  const badHl = hl.filter((h) => {
    if (!h.marks || !h.contiguous || !h.onClusters) return true;
    const i = h.highlighted.indexOf(h.text);
    return i < 0 || i > 8 || h.highlighted.length - i - h.text.length > 8;
  });
  ok(hl.length === expected.length && badHl.length === 0, `${name}: every finding's highlight covers its text, on grapheme-cluster boundaries`, badHl.slice(0, 5));

  // Filters: the rule with the most findings.
  const rules = Object.entries(countBy(expected, 'rule')).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const rule = rules[0][0];
  await page.selectOption('#f-rule', rule);
  const byRule = expected.filter((f) => f.rule === rule).map(key);
  let shown = (await shownFindings(page)).map(key);
  ok(same(shown, byRule), `${name}: the rule filter shows exactly the ${byRule.length} findings of ${rule}`, { shown: shown.length, expected: byRule.length });
  const paras = await page.evaluate(() => [...document.querySelectorAll('article.para')].filter((a) => a.checkVisibility()).length);
  ok(paras === new Set(byRule.map((k) => k.split('|').slice(0, 2).join('|'))).size, `${name}: and only the paragraphs that hold them`);
  const filteredUrl = page.url();
  ok(filteredUrl.includes('#rule=' + encodeURIComponent(rule)), `${name}: the rule filter is in the URL fragment`, filteredUrl);
  {
    const again = await open(browser, r.html, '#' + filteredUrl.split('#')[1]);
    const restored = (await shownFindings(again.page)).map(key);
    const value = await again.page.$eval('#f-rule', (s) => s.value);
    ok(same(restored, byRule) && value === rule, `${name}: loading the URL with the fragment restores the rule filter`);
    await again.page.close();
  }

  // Severity chips: hide the most frequent severity.
  await page.click('#f-reset');
  ok(!page.url().includes('#') || page.url().endsWith('#'), `${name}: reset clears the fragment`, page.url());
  const sevs = Object.entries(countBy(expected, 'severity')).sort((a, b) => b[1] - a[1]);
  const hide = sevs[0][0];
  await page.click(`button.chip[data-sev="${hide}"]`);
  shown = (await shownFindings(page)).map(key);
  const notHidden = expected.filter((f) => f.severity !== hide).map(key);
  ok(same(shown, notHidden), `${name}: turning ${hide} off hides exactly its findings`, { shown: shown.length, expected: notHidden.length });
  const sevUrl = page.url();
  ok(/#severity=/.test(sevUrl), `${name}: the severity filter is in the URL fragment`, sevUrl);

  // Only failing paragraphs, with the severity filter still on; then restored from the URL.
  await page.click('#f-failing');
  const failingExpected = expected.filter((f) => f.severity !== hide && !f.pass).map(key);
  shown = (await shownFindings(page)).map(key);
  const failingParas = r.report.files.flatMap((f) => f.paragraphs.filter((p) => !p.pass));
  const shownParas = await page.evaluate(() => [...document.querySelectorAll('article.para')].filter((a) => a.checkVisibility()).map((a) => a.classList.contains('fail')));
  ok(same(shown, failingExpected) && shownParas.every(Boolean) && shownParas.length <= failingParas.length,
    `${name}: "only failing paragraphs" shows the findings of failing paragraphs only`, { shown: shown.length, expected: failingExpected.length });
  {
    const combined = page.url();
    ok(/failing=1/.test(combined), `${name}: the switch is in the URL fragment`, combined);
    const again = await open(browser, r.html, '#' + combined.split('#')[1]);
    const restored = (await shownFindings(again.page)).map(key);
    const state = await again.page.evaluate(() => ({
      failing: document.getElementById('f-failing').checked,
      pressed: [...document.querySelectorAll('.chip')].map((c) => c.getAttribute('aria-pressed')),
    }));
    ok(same(restored, failingExpected) && state.failing && state.pressed.includes('false'), `${name}: loading that URL restores severity and switch`);
    await again.page.close();
  }

  // Category filter.
  await page.click('#f-reset');
  const cats = Object.entries(countBy(expected, 'category')).sort((a, b) => a[1] - b[1]);
  const cat = cats[0][0];
  await page.selectOption('#f-category', cat);
  shown = (await shownFindings(page)).map(key);
  ok(same(shown, expected.filter((f) => f.category === cat).map(key)), `${name}: the category filter shows exactly the findings of ${cat}`);

  // File filter (several files).
  if (r.report.files.length > 1) {
    await page.click('#f-reset');
    const file = r.report.files[r.report.files.length - 1].path;
    await page.selectOption('#f-file', file);
    shown = (await shownFindings(page)).map(key);
    const sections = await page.evaluate(() => [...document.querySelectorAll('section.file')].filter((s) => s.checkVisibility()).map((s) => s.dataset.file));
    ok(same(shown, expected.filter((f) => f.file === file).map(key)) && same(sections, [file]), `${name}: the file filter shows exactly the findings of ${file}`);
    ok(page.url().includes('file=' + encodeURIComponent(file)), `${name}: the file filter is in the URL fragment`);
  }

  // Keyboard: j/k step through the shown findings, o opens the rule's doc, Esc leaves.
  await page.click('#f-reset');
  await page.evaluate(() => { window.scrollTo(0, 0); document.activeElement.blur(); });
  const ids = got.map((f) => 'f' + f.n);
  const current = () => page.evaluate(() => {
    const c = document.querySelectorAll('.finding.cur');
    return { cur: [...c].map((e) => e.id), focus: document.activeElement && document.activeElement.id };
  });
  await page.keyboard.press('j');
  let c = await current();
  ok(same(c.cur, [ids[0]]) && c.focus === ids[0], `${name}: j selects and focuses the first finding`, c);
  if (ids.length > 1) {
    await page.keyboard.press('j');
    c = await current();
    ok(same(c.cur, [ids[1]]), `${name}: j again the second`, c);
    await page.keyboard.press('k');
    c = await current();
    ok(same(c.cur, [ids[0]]), `${name}: k goes back`, c);
  }
  const marksCur = await page.evaluate((id) => document.querySelectorAll(`mark.hl.cur[data-f~="${id.slice(1)}"]`).length, ids[0]);
  ok(marksCur > 0, `${name}: the current finding's highlight is marked too`);
  await page.keyboard.press('o');
  const doc = await page.evaluate((id) => {
    const li = document.getElementById(id);
    const box = li.querySelector('.doc');
    const rule = document.getElementById('rule-' + li.dataset.rule);
    return {
      open: !!box && box.checkVisibility(),
      expanded: li.querySelector('.about').getAttribute('aria-expanded'),
      text: box ? box.textContent : '',
      ruleDoc: rule ? rule.querySelector('.doc').textContent : null,
    };
  }, ids[0]);
  ok(doc.open && doc.expanded === 'true' && doc.ruleDoc && doc.text.startsWith(doc.ruleDoc), `${name}: o shows the rule's doc under the finding`, doc);
  await page.keyboard.press('o');
  ok(!(await page.evaluate((id) => document.getElementById(id).querySelector('.doc').checkVisibility(), ids[0])), `${name}: o again hides it`);
  // With a filter, j skips the hidden findings.
  await page.selectOption('#f-rule', rule);
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.scrollTo(0, 0));
  const order = [];
  for (let i = 0; i < Math.min(byRule.length, 4); i++) {
    await page.keyboard.press('j');
    order.push((await current()).cur[0]);
  }
  const ruleIds = got.filter((f) => f.rule === rule).map((f) => 'f' + f.n).slice(0, order.length);
  ok(same(order, ruleIds), `${name}: with a rule filter, j visits only that rule's findings`, { order, ruleIds });
  // A click on a highlight selects its finding.
  await page.click('#f-reset');
  const target = got[got.length - 1];
  await page.click(`mark.hl[data-f~="${target.n}"]`);
  c = await current();
  ok(c.cur.length === 1, `${name}: clicking a highlight selects a finding`, c);

  // Contrast, in the default view and with filters greying things out.
  await page.click('#f-reset');
  let contrast = await contrastProblems(page);
  ok(contrast.length === 0, `${name}: text contrast passes WCAG AA`, contrast);
  await page.click(`button.chip[data-sev="${hide}"]`);
  contrast = await contrastProblems(page);
  ok(contrast.length === 0, `${name}: text contrast passes WCAG AA with a severity turned off`, contrast);
  await page.click('#f-reset');

  // Print.
  await page.emulateMedia({ media: 'print' });
  const print = await page.evaluate(() => ({
    filters: getComputedStyle(document.getElementById('filters')).display,
    paras: [...document.querySelectorAll('article.para')].every((a) => a.checkVisibility()),
    findings: [...document.querySelectorAll('.finding')].every((a) => a.checkVisibility()),
  }));
  ok(print.filters === 'none' && print.paras && print.findings, `${name}: print hides the controls and shows every paragraph and finding`, print);
  await page.pdf({ path: path.join(out, `${name.replace(/\W+/g, '-')}.pdf`), format: 'A4' });
  await page.emulateMedia({ media: 'screen' });

  ok(errors.length === 0, `${name}: no console error`, errors);
  ok(guard.offending(url).length === 0, `${name}: nothing but the file itself is requested`, guard.offending(url));
  await page.close();

  // Phone.
  const phone = await open(browser, r.html, '', { width: 390, height: 844 });
  const fit = await phone.page.evaluate(() => ({ width: document.documentElement.scrollWidth, view: window.innerWidth }));
  ok(fit.width <= fit.view, `${name}: on a phone (390 px) nothing overflows sideways`, fit);
  contrast = await contrastProblems(phone.page);
  ok(contrast.length === 0, `${name}: contrast passes on a phone too`, contrast);
  ok(phone.errors.length === 0, `${name}: no console error on a phone`, phone.errors);
  await phone.page.close();
  await browser.context.unrouteAll({ behavior: 'ignoreErrors' });
  return { html, expected };
}

async function main() {
  out = option('--keep') || fs.mkdtempSync(path.join(os.tmpdir(), 'mtqc-browser-'));
  fs.mkdirSync(out, { recursive: true });
  // The network guard itself: a page that asks for an image is caught.
  const browser = await launch();
  {
    const probe = path.join(out, 'guard-probe.html');
    fs.writeFileSync(probe, '<!doctype html><img src="http://192.0.2.1/x.png"><script>fetch("https://example.invalid/")</script>');
    const guard = guardNetwork(browser.context);
    const page = await browser.context.newPage();
    await page.goto('file://' + probe);
    await page.waitForTimeout(200);
    ok(guard.offending('file://' + probe).length >= 1, 'the network guard catches requests (self-test)');
    await page.close();
    await browser.context.unrouteAll({ behavior: 'ignoreErrors' });
  }

  // The bundled example.
  const fixtures = path.join(ROOT, 'tests', 'fixtures');
  const example = reports(out, 'example', [path.join('tests', 'fixtures', 'bn-news-mt.txt')]);
  await checkReport(browser, 'example', example);

  // Two files, one of them Arabic: the file filter and right-to-left layout.
  const multi = reports(out, 'multi', [path.join('tests', 'fixtures', 'bn-news-mt.txt'), path.join('tests', 'fixtures', 'ar-rtl.txt')]);
  await checkReport(browser, 'two files', multi);
  {
    const { page } = await open(browser, multi.html);
    const rtl = await page.evaluate(() => {
      const sec = [...document.querySelectorAll('section.file')].find((s) => s.dataset.file.endsWith('ar-rtl.txt'));
      const tgt = sec.querySelector('.tgt');
      const text = [...tgt.childNodes].find((n) => n.nodeType === 3 && n.data.length > 10);
      const rect = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect(); };
      const box = tgt.getBoundingClientRect();
      const pad = parseFloat(getComputedStyle(tgt).paddingRight);
      const bn = [...document.querySelectorAll('section.file')].find((s) => s.dataset.file.endsWith('bn-news-mt.txt')).querySelector('.tgt');
      return {
        dir: tgt.getAttribute('dir'), lang: tgt.lang, direction: getComputedStyle(tgt).direction,
        firstRight: rect(0).right, fifthRight: rect(4).right, edge: box.right - pad,
        bn: { dir: bn.getAttribute('dir'), direction: getComputedStyle(bn).direction },
        badges: [...sec.querySelectorAll('.inv')].map((b) => b.dataset.cp),
      };
    });
    ok(rtl.dir === 'rtl' && rtl.lang === 'ar' && rtl.direction === 'rtl', 'Arabic: the target text is dir="rtl" lang="ar"', rtl);
    ok(Math.abs(rtl.edge - rtl.firstRight) < 3 && rtl.fifthRight < rtl.firstRight, 'Arabic: the first character sits at the right edge and the text runs leftwards', rtl);
    ok(rtl.bn.dir === 'ltr' && rtl.bn.direction === 'ltr', 'Bengali stays left to right', rtl.bn);
    ok(rtl.badges.includes('200B'), 'Arabic: the zero-width space is shown as a badge', rtl.badges);
    await page.close();
  }

  // A bilingual report (source beside target): the pair of line-aligned files, as `--source`
  // reads them.
  {
    const bi = reports(out, 'bilingual', ['--source', path.join('tests', 'fixtures', 'bilingual-en.txt'), path.join('tests', 'fixtures', 'bilingual-bn.txt')]);
    await checkReport(browser, 'bilingual', bi);
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const { page } = await open(browser, bi.html, '', viewport);
      const units = await page.evaluate(() => [...document.querySelectorAll('article.para')].map((a) => {
        const src = a.querySelector('.src');
        const tgt = a.querySelector('.tgt');
        const s = src.getBoundingClientRect();
        const t = tgt.getBoundingClientRect();
        return { id: a.querySelector('.uid').textContent, source: src.querySelector('.tx').textContent, side: s.right <= t.left && Math.abs(s.top - t.top) < 2, above: s.bottom <= t.top };
      }));
      const paras = bi.report.files[0].paragraphs;
      const wide = viewport.width > 800;
      ok(units.length === paras.length && units.every((u, i) => u.id === paras[i].id && u.source === paras[i].source && (wide ? u.side : u.above)),
        `bilingual (${viewport.width} px): every unit shows its id and its source ${wide ? 'beside' : 'above'} the target`, units);
      await page.close();
    }
  }

  // Past 10,000 findings: blocks added lazily; every finding still counted, filtered and reachable.
  {
    const dir = path.join(out, 'large');
    const n = 10600;
    const names = corpus(dir, n);
    const big = reports(dir, 'large', names, { cwd: dir });
    const { page, errors } = await open(browser, big.html);
    const got = await pageFindings(page);
    const expected = findingsOf(big.report);
    ok(got.length === n && same(countBy(got, 'rule'), countBy(expected, 'rule')), `large: all ${n} findings are in the page, per rule as in the JSON`, { got: got.length });
    const lazy = await page.evaluate(() => ({
      note: !!document.getElementById('lazy-note'),
      blocks: document.querySelectorAll('script.lazy').length,
      attached: document.querySelectorAll('.finding').length,
    }));
    // The paragraph holding the 10,000th finding comes whole.
    ok(lazy.note && lazy.blocks > 0 && lazy.attached >= 10000 && lazy.attached < 10020, 'large: the first 10,000 findings are in the page, the rest lazy, and the page says so', lazy);
    // Scrolling to the first lazy block adds it.
    const before = await page.evaluate(() => document.querySelectorAll('.finding').length);
    await page.evaluate(() => document.querySelector('.slot').scrollIntoView());
    const added = await page.waitForFunction((n) => document.querySelectorAll('.finding').length > n, before, { timeout: 10000 }).then(() => true, () => false);
    ok(added, 'large: scrolling to a lazy block adds its paragraphs');
    await page.evaluate(() => window.scrollTo(0, 0));
    const rule = 'common.doubled-space';
    await page.selectOption('#f-rule', rule);
    const count = await page.$eval('#f-count', (e) => e.textContent);
    const want = expected.filter((f) => f.rule === rule).length;
    ok(count.startsWith(want.toLocaleString('en') + ' of ' + n.toLocaleString('en')), 'large: the filter counts lazy findings too', { count, want });
    await page.keyboard.press('k');
    const last = await page.evaluate(() => {
      const c = document.querySelector('.finding.cur');
      return c && { id: c.id, connected: c.isConnected, focused: document.activeElement === c };
    });
    const lastId = 'f' + got.filter((f) => f.rule === rule).pop().n;
    ok(last && last.id === lastId && last.focused, 'large: k from nowhere reaches the last finding, added on the way', last);
    ok(errors.length === 0, 'large: no console error', errors);
    await page.close();
  }

  if (screenshot) {
    const { page } = await open(browser, example.html, '', { width: 1280, height: 1500 });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.resolve(screenshot) });
    console.log(`# screenshot: ${screenshot}`);
    await page.close();
  }
  await browser.close();
  console.log(`# ${passed} passed, ${failed} failed${option('--keep') ? `; reports in ${out}` : ''}`);
  if (!option('--keep')) fs.rmSync(out, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}

module.exports = { open, pageFindings, shownFindings, highlights, contrastProblems, externalRefs };
