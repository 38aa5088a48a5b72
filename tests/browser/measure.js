#!/usr/bin/env node
// The HTML report of a large run, measured: `node tests/browser/measure.js [--findings 10000]
// [--runs 5] [--keep DIR]`. Builds a corpus of real MT output with exactly that many findings
// (ten files, the bundled example repeated; see lib.js), renders it as JSON and as HTML
// (median of three runs each), compares the file sizes, then opens the HTML in headless
// Chromium RUNS times, each in a fresh browser, and prints the medians of: first contentful
// paint (the first render), DOMContentLoaded, the end of the page's script (filters and keys
// answer), the load event, and the renderer main thread's CPU time from a trace (which a busy
// machine does not inflate as it does wall-clock times). Prints Markdown for
// docs/benchmarks.md.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');
const { ROOT, MTQC, launch, mtqc, corpus } = require('./lib');

const args = process.argv.slice(2);
const option = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const n = Number(option('--findings', 10000));
const runs = Number(option('--runs', 5));
const keep = option('--keep');
const dir = keep || fs.mkdtempSync(path.join(os.tmpdir(), 'mtqc-measure-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (bytes) => (bytes / 1e6).toFixed(2);

function timed(format, output, names) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    mtqc(['check', '--no-config', '--format', format, '-o', output, ...names], { cwd: dir });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

async function main() {
  const names = corpus(dir, n);
  const input = names.reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
  const html = path.join(dir, 'report.html');
  const json = path.join(dir, 'report.json');
  const jsonMs = timed('json', json, names);
  const htmlMs = timed('html', html, names);
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  const total = report.summary.findings.minor + report.summary.findings.major + report.summary.findings.critical;
  const htmlBytes = fs.statSync(html).size;
  const jsonBytes = fs.statSync(json).size;
  const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 6 }).length;
  const htmlGz = gz(html);
  const jsonGz = gz(json);

  const samples = [];
  let version = '';
  for (let i = 0; i < runs; i++) {
    const browser = await launch();
    version = browser.context.browser() ? browser.context.browser().version() : version;
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // A trace gives the renderer main thread's CPU time, which a busy machine does not inflate
    // as it does wall-clock times.
    const cdp = await browser.context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    await page.goto('file://' + html, { waitUntil: 'load', timeout: 120000 });
    await page.waitForSelector('html[data-ready]', { timeout: 120000 });
    await page.waitForSelector('html[data-indexed]', { state: 'attached', timeout: 120000 });
    const t = await page.evaluate(async () => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        fcp: fcp ? fcp.startTime : NaN,
        dcl: nav.domContentLoadedEventEnd,
        ready: Number(document.documentElement.dataset.ready),
        indexed: Number(document.documentElement.dataset.indexed),
        load: nav.loadEventEnd,
        findings: document.querySelectorAll('.finding').length,
      };
    });
    if (errors.length) throw new Error('page errors: ' + errors.join('; '));
    await cdp.send('Tracing.end');
    await traced;
    const parse = events.find((e) => e.name === 'ParseHTML');
    t.cpu = events
      .filter((e) => parse && e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.name === 'RunTask')
      .reduce((sum, e) => sum + (e.tdur || 0), 0) / 1000;
    samples.push(t);
    await browser.close();
  }
  const med = (k) => Math.round(median(samples.map((s) => s[k])));
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() ? ' (with uncommitted changes)' : '';
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');

  console.log(`## HTML report

Measured by \`node tests/browser/measure.js --findings ${n} --runs ${runs}\` on ${new Date().toISOString().slice(0, 10)} (${new Date().toISOString().slice(11, 19)} UTC).

- ${cpus.length} cores (${cpus[0].model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${os.release()}; load average ${load} at the end of the run (the machine is shared)
- mtqc at \`${commit}\`${dirty}, release build (\`${path.relative(ROOT, MTQC)}\`); Chromium ${version} (Debian's package, headless, driven by playwright-core), Node ${process.version}
- Input: ${names.length} files, ${mb(input)} MB of Bengali MT output (the bundled example repeated, then one-finding filler lines to make exactly ${n.toLocaleString('en')} findings), ${report.summary.paragraphs.toLocaleString('en')} paragraphs, ${total.toLocaleString('en')} findings

| | JSON | HTML | HTML / JSON |
|---|---:|---:|---:|
| file size (MB) | ${mb(jsonBytes)} | ${mb(htmlBytes)} | ${(htmlBytes / jsonBytes).toFixed(2)}x |
| gzip -6 (MB) | ${mb(jsonGz)} | ${mb(htmlGz)} | ${(htmlGz / jsonGz).toFixed(2)}x |
| \`mtqc check\` wall time, median of 3 (ms) | ${Math.round(jsonMs)} | ${Math.round(htmlMs)} | ${(htmlMs / jsonMs).toFixed(2)}x |

Opening the HTML file in a fresh headless Chromium, median of ${runs} (ms from navigation start):

| first contentful paint (first render) | DOMContentLoaded | page script done | load event | index of findings built | renderer main-thread CPU until the index is built | finding elements in the page |
|---:|---:|---:|---:|---:|---:|---:|
| ${med('fcp')} | ${med('dcl')} | ${med('ready')} | ${med('load')} | ${med('indexed')} | ${med('cpu')} | ${samples[0].findings.toLocaleString('en')} |

Every run (fcp / DOMContentLoaded / script done / load / index built / main-thread CPU, ms): ${samples.map((s) => [s.fcp, s.dcl, s.ready, s.load, s.indexed, s.cpu].map(Math.round).join(' / ')).join('; ')}.

"Page script done": the page is complete and its controls answer; the index of findings the filters and keys use is built when the browser is first idle (the "index built" column) or on first use, whichever comes first.
`);
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
