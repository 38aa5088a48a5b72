/* mtqc HTML report: filters kept in the URL fragment, keyboard navigation, rule docs on
   demand, lazily added blocks of very large reports. Plain ES2015, no dependencies.
   The page is readable before this runs; the index of findings is built on first use (or
   when the browser is idle), so a large report opens as fast as it parses. */
(function () {
  'use strict';
  var SEVERITIES = ['critical', 'major', 'minor'];
  var byId = function (id) { return document.getElementById(id); };
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  var chips = document.querySelectorAll('.chip[data-sev]');
  var selCategory = byId('f-category');
  var selRule = byId('f-rule');
  var selFile = byId('f-file');
  var failing = byId('f-failing');
  var countEl = byId('f-count');

  /* Lazy blocks (past 10,000 findings): a slot and the text of its paragraphs, in a script
     element of type text/html that the browser scans without building. A block is built when
     needed and added in order, so the findings in the page are always a prefix of all. */
  var blocks = [];
  each(document.querySelectorAll('script.lazy'), function (src) {
    blocks.push({ i: blocks.length, src: src, slot: src.previousElementSibling, frag: null, paras: [], done: false });
  });
  function parseBlock(b) {
    if (b.frag) return;
    var t = document.createElement('template');
    t.innerHTML = b.src.textContent;
    b.frag = t.content;
  }
  var pending = 0;
  function attachUpTo(block) {
    while (block && pending <= block.i && pending < blocks.length) {
      var b = blocks[pending++];
      parseBlock(b);
      b.src.parentNode.insertBefore(b.frag, b.src);
      b.src.remove();
      if (b.slot) b.slot.remove();
      b.done = true;
    }
  }
  if (blocks.length && 'IntersectionObserver' in window) {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        io.unobserve(e.target);
        attachUpTo(blocks.filter(function (x) { return x.slot === e.target; })[0]);
      });
    }, { rootMargin: '1500px 0px' });
    blocks.forEach(function (b) { if (b.slot) io.observe(b.slot); });
  } else if (blocks.length) {
    attachUpTo(blocks[blocks.length - 1]);
  }

  /* The index: every finding, paragraph, highlight and file, lazy blocks included, in
     document order. */
  var findings = [];
  var paras = [];
  var files = [];
  var marks = [];
  var byN = Object.create(null);
  var built = false;

  function indexPara(el, file, block) {
    var p = { el: el, fail: el.classList.contains('fail'), file: file, block: block, fs: [], shown: true };
    var ol = el.lastElementChild;
    if (ol && ol.tagName === 'OL') {
      for (var li = ol.firstElementChild; li; li = li.nextElementSibling) {
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
      }
      each(el.getElementsByTagName('mark'), function (m) {
        var rec = { el: m, fs: [], off: false };
        m.getAttribute('data-f').split(' ').forEach(function (n) {
          var f = byN[n];
          if (f) { rec.fs.push(f); f.marks.push(m); }
        });
        marks.push(rec);
      });
    }
    paras.push(p);
    file.paras.push(p);
    if (block) block.paras.push(p);
  }

  function build() {
    if (built) return;
    built = true;
    var lazy = 0;
    each(document.querySelectorAll('section.file'), function (sec) {
      var file = { el: sec, path: sec.getAttribute('data-file'), paras: [] };
      files.push(file);
      for (var c = sec.querySelector('.paras').firstElementChild; c; c = c.nextElementSibling) {
        if (c.tagName === 'SCRIPT') {
          var block = blocks[lazy++];
          while (block && block.src !== c) block = blocks[lazy++];
          if (!block) continue;
          parseBlock(block);
          for (var a = block.frag.firstElementChild; a; a = a.nextElementSibling) indexPara(a, file, block);
        } else if (c.classList.contains('chunk')) {
          for (var e = c.firstElementChild; e; e = e.nextElementSibling) indexPara(e, file, null);
        } else if (c.tagName === 'ARTICLE') {
          indexPara(c, file, null);
        }
      }
    });
    visible = findings;
    document.documentElement.setAttribute('data-indexed', String(Math.round(performance.now())));
  }

  /* In idle time: build the lazy blocks one by one, then the index. */
  function idle(deadline) {
    var next = blocks.filter(function (b) { return !b.frag; })[0];
    while (next && deadline.timeRemaining() > 8) {
      parseBlock(next);
      next = blocks.filter(function (b) { return !b.frag; })[0];
    }
    if (next) requestIdleCallback(idle, { timeout: 1000 }); else build();
  }

  /* Filters */
  var fresh = function () { return { sev: SEVERITIES.slice(), category: '', rule: '', file: '', failing: false }; };
  var state = fresh();
  var visible = [];

  function hasOption(sel, v) {
    return Array.prototype.some.call(sel.options, function (o) { return o.value === v; });
  }
  function setHidden(el, hide) {
    if (el.hidden !== hide) el.hidden = hide;
  }

  function apply() {
    build();
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
      setHidden(f.el, !f.vis);
      if (f.vis) visible.push(f);
    });
    var shownParas = 0;
    paras.forEach(function (p) {
      p.shown = (!state.file || p.file.path === state.file) &&
        (!state.failing || p.fail) &&
        (!narrowing || p.fs.some(function (f) { return f.vis; }));
      setHidden(p.el, !p.shown);
      if (p.shown) shownParas++;
    });
    files.forEach(function (file) {
      setHidden(file.el, !!(state.file && file.path !== state.file) ||
        !file.paras.some(function (p) { return p.shown; }));
    });
    blocks.forEach(function (b) {
      if (b.slot && !b.done) setHidden(b.slot, !b.paras.some(function (p) { return p.shown; }));
    });
    marks.forEach(function (m) {
      var off = !m.fs.some(function (f) { return f.vis; });
      if (off !== m.off) { m.off = off; m.el.classList.toggle('off', off); }
    });
    each(chips, function (c) {
      c.setAttribute('aria-pressed', String(state.sev.indexOf(c.getAttribute('data-sev')) >= 0));
    });
    selCategory.value = state.category;
    selRule.value = state.rule;
    if (selFile) selFile.value = state.file;
    failing.checked = state.failing;
    var filtered = narrowing || state.file || state.failing;
    setHidden(byId('f-empty'), shownParas > 0 || !paras.length);
    var fmt = function (x) { return x.toLocaleString('en'); };
    countEl.textContent = (filtered ? fmt(visible.length) + ' of ' : '') + fmt(findings.length) +
      (findings.length === 1 ? ' finding' : ' findings') +
      (filtered ? ' · ' + fmt(shownParas) + ' of ' + fmt(paras.length) + ' paragraphs' : '');
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
    var next = fresh();
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
      } else if (k === 'file' && selFile && hasOption(selFile, v)) {
        next.file = v; known = true;
      } else if (k === 'failing') {
        next.failing = v === '1' || v === 'true'; known = true;
      }
    });
    if (known) state = next;
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

  each(chips, function (c) {
    c.addEventListener('click', function () {
      var s = c.getAttribute('data-sev');
      var i = state.sev.indexOf(s);
      if (i >= 0) state.sev.splice(i, 1); else state.sev.push(s);
      changed();
    });
  });
  selCategory.addEventListener('change', function () { state.category = selCategory.value; changed(); });
  selRule.addEventListener('change', function () { state.rule = selRule.value; changed(); });
  if (selFile) selFile.addEventListener('change', function () { state.file = selFile.value; changed(); });
  failing.addEventListener('change', function () { state.failing = failing.checked; changed(); });
  byId('f-reset').addEventListener('click', function () { state = fresh(); changed(); });
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

  /* The first shown finding below the filter bar, when none is current yet. */
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
    build();
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

  /* The rule's doc under a finding, copied from the rules section when first asked for
     (without the script, the link leads to it). */
  function toggleAbout(link) {
    var li = link.closest('.finding');
    var box = li.querySelector('.doc');
    if (!box) {
      box = document.createElement('div');
      box.className = 'doc';
      box.id = li.id + '-doc';
      var rule = byId('rule-' + li.getAttribute('data-rule'));
      if (rule) {
        each(rule.querySelector('.doc').childNodes, function (n) { box.appendChild(n.cloneNode(true)); });
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
      link.setAttribute('role', 'button');
      link.setAttribute('aria-controls', box.id);
      li.appendChild(box);
    }
    box.hidden = !box.hidden;
    link.setAttribute('aria-expanded', String(!box.hidden));
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
    if (!t.closest) return;
    var about = t.closest('a.about');
    if (about) {
      e.preventDefault();
      build();
      toggleAbout(about);
      setCurrent(byN[about.closest('.finding').id.slice(1)], false, true);
      return;
    }
    var a = t.closest('a[href^="#"]');
    if (a) {
      /* In-page links scroll without replacing the filters in the fragment. */
      var target = byId(a.getAttribute('href').slice(1));
      if (target) {
        e.preventDefault();
        target.scrollIntoView({ block: 'start' });
      }
      return;
    }
    var m = t.closest('mark.hl');
    if (m) {
      build();
      var rec = m.getAttribute('data-f').split(' ').map(function (n) { return byN[n]; })
        .filter(function (f) { return f && f.vis; })[0];
      if (rec) setCurrent(rec, true);
      return;
    }
    var li = t.closest('.finding');
    if (li && !t.closest('.doc')) {
      build();
      setCurrent(byN[li.id.slice(1)], false);
    }
  });

  /* Hovering a finding lights up its highlight. */
  var hovered = null;
  document.addEventListener('mouseover', function (e) {
    var li = e.target.closest ? e.target.closest('.finding') : null;
    if (li === hovered) return;
    var set = function (el, on) {
      if (!el) return;
      each(el.parentNode.parentNode.querySelectorAll('mark[data-f~="' + el.id.slice(1) + '"]'), function (m) {
        m.classList.toggle('hov', on);
      });
    };
    set(hovered, false);
    hovered = li;
    set(hovered, true);
  });

  if (fromHash(location.hash)) apply();
  if (window.requestIdleCallback) requestIdleCallback(idle, { timeout: 3000 });
  document.documentElement.setAttribute('data-ready', String(Math.round(performance.now())));
})();
