// Helpers shared by run.js and measure.js: the mtqc binary, Debian's Chromium started as this
// machine needs it, a guard that fails on any network request, and a corpus with an exact
// number of findings.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const MTQC = process.env.MTQC || path.join(ROOT, 'target', 'release', 'mtqc');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// No browser is downloaded: Debian's chromium, with the flags this closed network needs.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Start Chromium with a fresh user-data dir; `close()` removes it. */
async function launch(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtqc-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: options.viewport || { width: 1280, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor || 1,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Record every request of the context; `offending()` lists those to anything but the page's
 * own file. Routed requests other than the file are aborted.
 */
function guardNetwork(context) {
  const seen = [];
  context.on('request', (r) => seen.push(r.url()));
  context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    return route.abort('blockedbyclient');
  });
  return {
    offending(fileUrl) {
      const own = fileUrl.split('#')[0];
      return seen.filter((u) => u.split('#')[0] !== own);
    },
  };
}

/** Run mtqc; exit codes 0 (passed) and 1 (gate failed) are both fine here. */
function mtqc(args, options = {}) {
  const r = spawnSync(MTQC, args, { cwd: options.cwd || ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw new Error(`cannot run ${MTQC}: ${r.error.message} (build it: cargo build --release)`);
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`mtqc ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return r;
}

/** Write the HTML and JSON reports of `inputs` to `out/NAME.html` and `out/NAME.json`. */
function reports(out, name, inputs, options = {}) {
  const html = path.join(out, `${name}.html`);
  const json = path.join(out, `${name}.json`);
  const t0 = process.hrtime.bigint();
  mtqc(['check', '--no-config', '--format', 'html', '-o', html, ...inputs], options);
  const t1 = process.hrtime.bigint();
  mtqc(['check', '--no-config', '--format', 'json', '-o', json, ...inputs], options);
  const t2 = process.hrtime.bigint();
  return {
    html,
    json,
    report: JSON.parse(fs.readFileSync(json, 'utf8')),
    htmlMs: Number(t1 - t0) / 1e6,
    jsonMs: Number(t2 - t1) / 1e6,
  };
}

/** Every finding of a JSON report, in report order, with its file and paragraph. */
function findingsOf(report) {
  const out = [];
  for (const file of report.files) {
    for (const p of file.paragraphs) {
      for (const f of p.findings) out.push({ ...f, file: file.path, paragraph: p.index, pass: p.pass });
    }
  }
  return out;
}

function countBy(items, key) {
  const m = {};
  for (const x of items) m[x[key]] = (m[x[key]] || 0) + 1;
  return m;
}

/**
 * A corpus of real MT output with exactly `n` findings: FILES files, each the bundled example
 * repeated, then lines with one doubled space each (one minor finding apiece) to make up the
 * difference. Returns the file names (relative to `dir`).
 */
function corpus(dir, n, files = 10) {
  fs.mkdirSync(dir, { recursive: true });
  let example = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'bn-news-mt.txt'), 'utf8');
  if (!example.endsWith('\n')) example += '\n';
  const filler = 'এটি একটি  পরীক্ষামূলক বাক্য।\n';
  const count = (names) => {
    const r = mtqc(['check', '--no-config', '--format', 'json', ...names], { cwd: dir });
    const s = JSON.parse(r.stdout).summary.findings;
    return s.minor + s.major + s.critical;
  };
  const names = Array.from({ length: files }, (_, i) => `doc-${String(i + 1).padStart(2, '0')}.txt`);
  // One copy of the example gives 16 findings, each further copy in the same file 15.
  const copies = Math.max(1, Math.floor((n / files - 1) / 15));
  for (const name of names) fs.writeFileSync(path.join(dir, name), example.repeat(copies));
  let have = count(names);
  for (let attempt = 0; attempt < 4 && have !== n; attempt++) {
    const last = path.join(dir, names[names.length - 1]);
    if (have < n) {
      fs.appendFileSync(last, filler.repeat(n - have));
    } else {
      const lines = fs.readFileSync(last, 'utf8').split('\n');
      let extra = have - n;
      while (extra > 0 && lines.length > 1 && lines[lines.length - 2] === filler.trimEnd()) {
        lines.splice(lines.length - 2, 1);
        extra--;
      }
      fs.writeFileSync(last, lines.join('\n'));
    }
    have = count(names);
  }
  if (have !== n) throw new Error(`corpus: ${have} findings, wanted ${n}`);
  return names;
}

module.exports = { ROOT, MTQC, CHROMIUM, FLAGS, launch, guardNetwork, mtqc, reports, findingsOf, countBy, corpus };
