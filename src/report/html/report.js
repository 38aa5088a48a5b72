/* mtqc HTML report: filters kept in the URL fragment, keyboard navigation, rule docs on
   demand, lazily added blocks of very large reports. Plain ES2015, no dependencies. */
(function () {
  'use strict';
  var SEVERITIES = ['critical', 'major', 'minor'];
  var byId = function (id) { return document.getElementById(id); };
  var all = function (root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); };

  var chips = all(document, '.chip[data-sev]');
  var selCategory = byId('f-category');
  var selRule = byId('f-rule');
  var selFile = byId('f-file');
  var failing = byId('f-failing');
  var countEl = byId('f-count');

  /* Index every finding, paragraph, highlight and lazy block, in document order. */
  var findings = [];
  var paras = [];
  var files = [];
  var blocks = [];
  var marks = [];
  var byN = Object.create(null);

  function indexPara(el, file, block) {
    var p = { el: el, fail: el.classList.contains('fail'), file: file, block: block, fs: [] };
    all(el, '.finding').forEach(function (li) {
      var f = {
        el: li, i: findings.length, n: li.id.slice(1), para: p, block: block,
        rule: li.getAttribute('data-rule'),
        sev: li.getAttribute('data-severity'),
        cat: li.getAttribute('data-category'),
        vis: true, marks: []
      };
      findings.push(f);
      byN[f.n] = f;
      p.fs.push(f);
    });
    all(el, 'mark.hl').forEach(function (m) {
      var rec = { el: m, fs: [] };
      m.getAttribute('data-f').split(' ').forEach(function (n) {
        var f = byN[n];
        if (f) { rec.fs.push(f); f.marks.push(m); }
      });
      marks.push(rec);
    });
    paras.push(p);
    file.paras.push(p);
    if (block) block.paras.push(p);
  }

  all(document, 'section.file').forEach(function (sec) {
    var file = { el: sec, path: sec.getAttribute('data-file'), paras: [] };
    files.push(file);
    var box = sec.querySelector('.paras');
    Array.prototype.forEach.call(box.children, function (child) {
      if (child.tagName === 'ARTICLE') {
        indexPara(child, file, null);
      } else if (child.tagName === 'TEMPLATE') {
        var block = { i: blocks.length, tpl: child, slot: child.previousElementSibling, paras: [], done: false };
        blocks.push(block);
        Array.prototype.forEach.call(child.content.children, function (a) { indexPara(a, file, block); });
      }
    });
  });

  /* Lazy blocks are attached in order, so attached findings are always a prefix. */
  var pending = 0;
  function attachUpTo(block) {
    while (block && pending <= block.i && pending < blocks.length) {
      var b = blocks[pending++];
      b.tpl.parentNode.insertBefore(b.tpl.content, b.tpl);
      b.tpl.remove();
      if (b.slot) b.slot.remove();
      b.done = true;
    }
  }
  if (blocks.length && 'IntersectionObserver' in window) {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        var b = blocks.filter(function (x) { return x.slot === e.target; })[0];
        io.unobserve(e.target);
        attachUpTo(b);
      });
    }, { rootMargin: '1500px 0px' });
    blocks.forEach(function (b) { if (b.slot) io.observe(b.slot); });
  } else {
    attachUpTo(blocks[blocks.length - 1]);
  }

  /* Filters */
  var state = { sev: SEVERITIES.slice(), category: '', rule: '', file: '', failing: false };
  var visible = findings;

  function hasOption(sel, v) {
    return Array.prototype.some.call(sel.options, function (o) { return o.value === v; });
  }

  function apply() {
    var allSev = SEVERITIES.every(function (s) { return state.sev.indexOf(s) >= 0; });
    var narrowing = !allSev || state.category || state.rule;
    visible = [];
    findings.forEach(function (f) {
      var p = f.para;
      f.vis = state.sev.indexOf(f.sev) >= 0 &&
        (!state.category || f.cat === state.category) &&
        (!state.rule || f.rule === state.rule) &&
        (!state.file || p.file.path === state.file) &&
        (!state.failing || p.fail);
      f.el.hidden = !f.vis;
      if (f.vis) visible.push(f);
    });
    var shownParas = 0;
    paras.forEach(function (p) {
      var show = (!state.file || p.file.path === state.file) &&
        (!state.failing || p.fail) &&
        (!narrowing || p.fs.some(function (f) { return f.vis; }));
      p.el.hidden = !show;
      p.shown = show;
      if (show) shownParas++;
    });
    files.forEach(function (file) {
      file.el.hidden = (state.file && file.path !== state.file) ||
        !file.paras.some(function (p) { return p.shown; });
    });
    blocks.forEach(function (b) {
      if (b.slot && !b.done) b.slot.hidden = !b.paras.some(function (p) { return p.shown; });
    });
    marks.forEach(function (m) {
      m.el.classList.toggle('off', !m.fs.some(function (f) { return f.vis; }));
    });
    chips.forEach(function (c) {
      c.setAttribute('aria-pressed', String(state.sev.indexOf(c.getAttribute('data-sev')) >= 0));
    });
    selCategory.value = state.category;
    selRule.value = state.rule;
    selFile.value = state.file;
    failing.checked = state.failing;
    var filtered = narrowing || state.file || state.failing;
    countEl.textContent = (filtered ? visible.length.toLocaleString('en') + ' of ' : '') +
      findings.length.toLocaleString('en') + (findings.length === 1 ? ' finding' : ' findings') +
      (filtered ? ' · ' + shownParas.toLocaleString('en') + ' of ' + paras.length.toLocaleString('en') + ' paragraphs' : '');
    if (current && !current.vis) setCurrent(null);
  }

  function toHash() {
    var parts = [];
    if (SEVERITIES.some(function (s) { return state.sev.indexOf(s) < 0; })) {
      parts.push('severity=' + SEVERITIES.filter(function (s) { return state.sev.indexOf(s) >= 0; }).join(','));
    }
    if (state.category) parts.push('category=' + encodeURIComponent(state.category));
    if (state.rule) parts.push('rule=' + encodeURIComponent(state.rule));
    if (state.file) parts.push('file=' + encodeURIComponent(state.file));
    if (state.failing) parts.push('failing=1');
    return parts.join('&');
  }

  /* Read filters from a fragment; false when it holds none (a plain #anchor). */
  function fromHash(hash) {
    var h = hash.replace(/^#/, '');
    var next = { sev: SEVERITIES.slice(), category: '', rule: '', file: '', failing: false };
    var known = false;
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i < 0) return;
      var k = kv.slice(0, i);
      var v;
      try { v = decodeURIComponent(kv.slice(i + 1)); } catch (e) { return; }
      if (k === 'severity') {
        next.sev = v.split(',').filter(function (s) { return SEVERITIES.indexOf(s) >= 0; });
        known = true;
      } else if (k === 'category' && hasOption(selCategory, v)) {
        next.category = v; known = true;
      } else if (k === 'rule' && hasOption(selRule, v)) {
        next.rule = v; known = true;
      } else if (k === 'file' && hasOption(selFile, v)) {
        next.file = v; known = true;
      } else if (k === 'failing') {
        next.failing = v === '1' || v === 'true'; known = true;
      }
    });
    if (known || h === '') state = next;
    return known;
  }

  function writeHash() {
    var h = toHash();
    var url = location.href.split('#')[0] + (h ? '#' + h : '');
    if (url === location.href) return;
    try {
      history.replaceState(null, '', url);
    } catch (e) {
      location.hash = h;
    }
  }

  function changed() {
    apply();
    writeHash();
  }

  chips.forEach(function (c) {
    c.addEventListener('click', function () {
      var s = c.getAttribute('data-sev');
      var i = state.sev.indexOf(s);
      if (i >= 0) state.sev.splice(i, 1); else state.sev.push(s);
      changed();
    });
  });
  selCategory.addEventListener('change', function () { state.category = selCategory.value; changed(); });
  selRule.addEventListener('change', function () { state.rule = selRule.value; changed(); });
  selFile.addEventListener('change', function () { state.file = selFile.value; changed(); });
  failing.addEventListener('change', function () { state.failing = failing.checked; changed(); });
  byId('f-reset').addEventListener('click', function () {
    state = { sev: SEVERITIES.slice(), category: '', rule: '', file: '', failing: false };
    changed();
  });
  window.addEventListener('hashchange', function () {
    if (fromHash(location.hash)) apply();
  });

  /* The current finding and keyboard navigation */
  var current = null;

  function setCurrent(f, scroll, keepFocus) {
    if (current) {
      current.el.classList.remove('cur');
      current.marks.forEach(function (m) { m.classList.remove('cur'); });
    }
    current = f;
    if (!f) return;
    if (f.block && !f.block.done) attachUpTo(f.block);
    f.el.classList.add('cur');
    f.marks.forEach(function (m) { m.classList.add('cur'); });
    if (!keepFocus) {
      f.el.tabIndex = -1;
      f.el.focus({ preventScroll: true });
    }
    if (scroll) f.el.scrollIntoView({ block: 'center' });
  }

  /* The first visible finding below the filter bar, when none is current yet. */
  function firstOnScreen() {
    var top = 0;
    var bar = byId('filters');
    if (bar && getComputedStyle(bar).position === 'sticky') top = bar.getBoundingClientRect().bottom;
    var attached = visible.filter(function (f) { return f.el.isConnected; });
    var lo = 0;
    var hi = attached.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (attached[mid].el.getBoundingClientRect().bottom < top) lo = mid + 1; else hi = mid;
    }
    return lo < attached.length ? attached[lo] : visible[attached.length];
  }

  function step(dir) {
    if (!visible.length) return;
    var next;
    if (!current) {
      next = dir > 0 ? firstOnScreen() : null;
      if (!next) next = dir > 0 ? visible[0] : visible[visible.length - 1];
    } else {
      var lo = 0;
      var hi = visible.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (visible[mid].i < current.i) lo = mid + 1; else hi = mid;
      }
      var at = visible[lo] === current ? lo : (dir > 0 ? lo - 1 : lo);
      next = visible[Math.max(0, Math.min(visible.length - 1, at + dir))];
    }
    setCurrent(next, true);
  }

  /* The rule's doc under a finding, copied from the rules section when first asked for. */
  function toggleAbout(button) {
    var li = button.closest('.finding');
    var box = li.querySelector('.doc');
    if (!box) {
      box = document.createElement('div');
      box.className = 'doc';
      box.id = li.id + '-doc';
      var rule = byId('rule-' + li.getAttribute('data-rule'));
      if (rule) {
        Array.prototype.forEach.call(rule.querySelector('.doc').childNodes, function (n) {
          box.appendChild(n.cloneNode(true));
        });
        var meta = rule.querySelector('h3 .muted');
        if (meta) {
          var p = document.createElement('p');
          p.className = 'muted small';
          p.textContent = meta.textContent;
          box.appendChild(p);
        }
      } else {
        box.textContent = 'No description.';
      }
      box.hidden = true;
      button.setAttribute('aria-controls', box.id);
      li.appendChild(box);
    }
    box.hidden = !box.hidden;
    button.setAttribute('aria-expanded', String(!box.hidden));
  }

  function toggleDoc() {
    if (current) toggleAbout(current.el.querySelector('.about'));
  }

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    switch (e.key) {
      case 'j': case 'n': step(1); break;
      case 'k': case 'p': step(-1); break;
      case 'o': toggleDoc(); break;
      case 'Enter':
        if (!current || document.activeElement !== current.el) return;
        toggleDoc();
        break;
      case 'f': state.failing = !state.failing; changed(); break;
      case 'Escape': setCurrent(null); break;
      case '?': byId('help').scrollIntoView(); break;
      default: return;
    }
    e.preventDefault();
  });

  document.addEventListener('click', function (e) {
    var t = e.target;
    var a = t.closest && t.closest('a[href^="#"]');
    if (a) {
      /* In-page links scroll without replacing the filters in the fragment. */
      var target = byId(a.getAttribute('href').slice(1));
      if (target) {
        e.preventDefault();
        target.scrollIntoView({ block: 'start' });
      }
      return;
    }
    var m = t.closest && t.closest('mark.hl');
    if (m) {
      var rec = m.getAttribute('data-f').split(' ').map(function (n) { return byN[n]; })
        .filter(function (f) { return f && f.vis; })[0];
      if (rec) setCurrent(rec, true);
      return;
    }
    var about = t.closest && t.closest('button.about');
    if (about) {
      toggleAbout(about);
      setCurrent(byN[about.closest('.finding').id.slice(1)], false, true);
      return;
    }
    var li = t.closest && t.closest('.finding');
    if (li && !t.closest('.doc')) setCurrent(byN[li.id.slice(1)], false);
  });

  fromHash(location.hash);
  apply();
  document.documentElement.setAttribute('data-ready', String(Math.round(performance.now())));
})();
