/* guong search page. Answers queries in the browser from the index the build
   writes under tim-kiem/chi-muc/ (see internal/search: the file formats and
   the ranking rules, which this script follows exactly; a browser test checks
   that both give the same order). No framework, no external script; ES2017. */
(function () {
  'use strict';

  var root = document.getElementById('search-page');
  if (!root || !window.fetch || !String.prototype.normalize) { return; }

  // Ranking constants: the same as in internal/search/query.go.
  var MAX_SYLLABLES = 8, PREFIX_SHARDS = 2, PREFIX_FACTOR = 0.5, SATURATION = 4, MAX_VARIANTS = 30;
  var PAGE = 10;       // results shown at a time
  var SNIPPET = 28;    // words in a snippet
  var DEBOUNCE = 180;  // ms after the last key before searching

  var indexURL = root.getAttribute('data-index');
  var baseURL = root.getAttribute('data-base');
  var T = JSON.parse(document.getElementById('search-strings').textContent);
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var statusEl = document.getElementById('search-status');
  var resultsEl = document.getElementById('search-results');
  var moreEl = document.getElementById('search-more');
  var emptyEl = document.getElementById('search-empty');
  var suggestEl = document.getElementById('search-suggest');
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-facet]'));

  // ---- Text: the same rules as internal/search/tokenize.go ----

  // isWordChar mirrors search.IsWordRune for one UTF-16 code unit;
  // surrogates (characters beyond U+FFFF) separate syllables.
  function isWordChar(c) {
    if (c < 0x80) { return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122; }
    if (c < 0xC0) { return c === 0xAA || c === 0xB5 || c === 0xBA; }
    if (c === 0xD7 || c === 0xF7) { return false; }
    if (c >= 0x2000 && c <= 0x2BFF || c >= 0x3000 && c <= 0x303F || c >= 0xD800 && c <= 0xF8FF ||
        c >= 0xFE00 && c <= 0xFE6F || c >= 0xFF00 && c <= 0xFF0F || c >= 0xFF1A && c <= 0xFF20 ||
        c >= 0xFF3B && c <= 0xFF40 || c >= 0xFF5B && c <= 0xFF65 || c >= 0xFFF0) { return false; }
    return true;
  }

  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var STROKES = { 'đ': 'd', 'ð': 'd', 'ø': 'o', 'ł': 'l', 'ħ': 'h', 'ŧ': 't', 'ƀ': 'b', 'ƶ': 'z', 'ı': 'i' };
  var STROKE_RE = /[đðøłħŧƀƶı]/g;

  // FOLDED caches the folded form of the Latin letters with diacritics
  // (U+00C0–U+024F, U+1E00–U+1EFF), so that most words fold without
  // normalising.
  var FOLDED = {};
  function foldSlow(s) {
    s = s.toLowerCase().normalize('NFD').replace(MARKS, '').replace(STROKE_RE, function (c) { return STROKES[c]; });
    return s.normalize('NFC');
  }
  (function () {
    var ranges = [[0xC0, 0x24F], [0x1E00, 0x1EFF]];
    for (var r = 0; r < ranges.length; r++) {
      for (var c = ranges[r][0]; c <= ranges[r][1]; c++) { FOLDED[c] = foldSlow(String.fromCharCode(c)); }
    }
  })();

  // fold mirrors vi.Fold: lower case, no diacritics, đ → d.
  function fold(s) {
    var out = '';
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) { out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s.charAt(i); continue; }
      var f = FOLDED[c];
      if (f === undefined) { return foldSlow(s); }
      out += f;
    }
    return out;
  }

  // words calls f(start, end) for each syllable of s.
  function words(s, f) {
    var start = -1;
    for (var i = 0; i <= s.length; i++) {
      var w = i < s.length && isWordChar(s.charCodeAt(i));
      if (w && start < 0) { start = i; }
      if (!w && start >= 0) { f(start, i); start = -1; }
    }
  }

  // tokenize mirrors search.Tokenize: [{raw, fold}].
  function tokenize(s) {
    s = s.normalize('NFC');
    var out = [];
    words(s, function (a, b) {
      var raw = s.slice(a, b).toLowerCase(), f = fold(raw);
      if (f) { out.push({ raw: raw, fold: f }); }
    });
    return out;
  }

  // parseQuery mirrors search.parseQuery.
  function parseQuery(q) {
    q = q.normalize('NFC');
    var toks = tokenize(q);
    var typing = toks.length <= MAX_SYLLABLES && q.length > 0 && isWordChar(q.charCodeAt(q.length - 1));
    toks = toks.slice(0, MAX_SYLLABLES);
    return toks.map(function (t, i) {
      return { raw: t.raw, fold: t.fold, exact: t.raw !== t.fold, prefix: typing && i === toks.length - 1 };
    });
  }

  // ---- Numbers: see internal/search/encode.go ----

  var DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var DIGIT = {};
  for (var d = 0; d < DIGITS.length; d++) { DIGIT[DIGITS.charCodeAt(d)] = d; }

  function decodeNums(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var x = DIGIT[s.charCodeAt(i)];
      if (x >= 32) { v = v * 32 + (x - 32); } else { out.push(v * 32 + x); v = 0; }
    }
    return out;
  }

  // ---- Loading the index ----

  var manifest = null;
  var files = {};     // name → Promise of parsed JSON
  var decoded = {};   // "u:term" or "b:pair" → {nums, df}
  var filterData = null;

  function fetchJSON(url, opts) {
    return fetch(url, opts).then(function (r) {
      if (!r.ok) { throw new Error(url + ': ' + r.status); }
      return r.json();
    });
  }

  function loadManifest() {
    if (!manifest) {
      // Always revalidated, so that a rebuilt site is searched as it is
      // now; the page may have started fetching it already.
      var early = window.guongSearchManifest || Promise.reject(new Error('not started'));
      manifest = early.catch(function () {
        return fetchJSON(indexURL + 'manifest.json', { cache: 'no-cache', credentials: 'same-origin' });
      });
    }
    return manifest;
  }

  function load(name) {
    if (!files[name]) {
      files[name] = loadManifest().then(function (m) {
        return fetchJSON(indexURL + name + '?v=' + m.build, { credentials: 'same-origin' });
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }

  function loadFilters() {
    if (!filterData) {
      filterData = load('filters.json').then(decodeFilters);
      filterData.catch(function () { filterData = null; });
    }
    return filterData;
  }

  function decodeColumn(s, n) {
    var nums = decodeNums(s.slice(1)), out = new Int32Array(n), i, j, k = 0;
    if (s.charAt(0) === '=') {
      for (i = 0; i < n; i++) { out[i] = nums[i]; }
    } else {
      for (i = 0; i < nums.length; i += 2) {
        for (j = 0; j < nums[i + 1]; j++) { out[k++] = nums[i]; }
      }
    }
    return out;
  }

  // decodeFilters turns filters.json into, per facet, its keys and a
  // function telling whether story d has key index v.
  function decodeFilters(f) {
    return loadManifest().then(function (m) {
      var n = m.docs, out = {};
      ['model', 'department', 'year'].forEach(function (name) {
        var col = decodeColumn(f[name].docs, n);
        out[name] = { keys: f[name].keys, has: function (d, v) { return col[d] === v; } };
      });
      var sets = f.campaign.lists.map(function (l) {
        var set = new Uint8Array(n), doc = -1;
        decodeNums(l).forEach(function (g) { doc += g + 1; set[doc] = 1; });
        return set;
      });
      out.campaign = { keys: f.campaign.keys, has: function (d, v) { return sets[v][d] === 1; } };
      return out;
    });
  }

  // loadDoc returns story id's result fragment: item id % block of file
  // d/<id / block>.json.
  function loadDoc(id) {
    return loadManifest().then(function (m) {
      return load('d/' + Math.floor(id / m.block) + '.json').then(function (a) { return a[id % m.block]; });
    });
  }

  // ---- Shards: the same as search.makePlan ----

  function shardOf(firsts, key) {
    var lo = 0, hi = firsts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] > key) { hi = mid; } else { lo = mid + 1; }
    }
    return Math.max(lo - 1, 0);
  }

  function prefixShards(firsts, p) {
    if (!firsts.length) { return []; }
    var lo = shardOf(firsts, p), hi = lo, out = [];
    while (hi + 1 < firsts.length && firsts[hi + 1].indexOf(p) === 0) { hi++; }
    for (var i = lo; i <= hi; i++) { out.push(i); }
    return out;
  }

  function makePlan(m, syls) {
    var p = { termShards: [], pairShards: [], expandTerms: false, expandPairs: false, viaPairs: false };
    syls.forEach(function (s, i) {
      p.termShards[i] = m.terms.length ? [shardOf(m.terms, s.fold)] : [];
      p.pairShards[i] = i > 0 && m.pairs.length ? [shardOf(m.pairs, syls[i - 1].fold + ' ' + s.fold)] : [];
      if (!s.prefix) { return; }
      var ts = prefixShards(m.terms, s.fold);
      if (ts.length <= PREFIX_SHARDS) { p.termShards[i] = ts; p.expandTerms = true; }
      if (i > 0) {
        var ps = prefixShards(m.pairs, syls[i - 1].fold + ' ' + s.fold);
        if (ps.length <= PREFIX_SHARDS) { p.pairShards[i] = ps; p.expandPairs = true; }
      }
      if (!p.expandTerms && p.expandPairs) { p.viaPairs = true; p.termShards[i] = []; }
    });
    return p;
  }

  function planFiles(p) {
    var set = {};
    p.termShards.forEach(function (ss) { ss.forEach(function (s) { set['u/' + s + '.json'] = true; }); });
    p.pairShards.forEach(function (ss) { ss.forEach(function (s) { set['b/' + s + '.json'] = true; }); });
    return Object.keys(set).sort();
  }

  // ---- Ranking: the same as search.(*Reader).Search ----

  function idf(n, df) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  function postings(kind, key, s, withMask) {
    var k = kind + key, x = decoded[k];
    if (!x) {
      var nums = decodeNums(s), step = withMask ? 3 : 2;
      x = decoded[k] = { nums: nums, step: step, df: nums.length / step };
    }
    return x;
  }

  // A match is, for one syllable or pair, every story's best score and
  // whether it spells the syllable as typed; docs lists the stories found.
  function newMatch(n) { return { score: new Float64Array(n), flags: new Uint8Array(n), docs: [] }; }
  function has(m, d) { return m.flags[d] !== 0; }

  // addPostings merges a term's postings into m: each story keeps the best
  // score of the terms of its syllable.
  function addPostings(m, n, x, factor, want) {
    var f = idf(n, x.df) * factor, doc = -1, nums = x.nums, step = x.step;
    var score = m.score, flags = m.flags;
    for (var i = 0; i < nums.length; i += step) {
      doc += nums[i] + 1;
      var w = nums[i + 1], sc = f * w / (w + SATURATION);
      if (flags[doc] === 0) { flags[doc] = 1; score[doc] = sc; m.docs.push(doc); } else if (sc > score[doc]) { score[doc] = sc; }
      if (want && ((step === 3 ? nums[i + 2] : 1) & want) !== 0) { flags[doc] = 2; }
    }
  }

  function exactWant(variants, raw, prefix) {
    var want = 0;
    for (var i = 0; i < variants.length && i < MAX_VARIANTS; i++) {
      var v = variants[i];
      if (v === raw || prefix && v.indexOf(raw) === 0) { want |= 1 << i; }
    }
    return want;
  }

  // run evaluates a query: the ranked ids of every matching story (before
  // filters), with what the page needs to explain an empty answer.
  async function run(q) {
    var syls = parseQuery(q);
    var res = { syls: syls, ranked: [], files: [], unknown: [], per: [], shards: {} };
    if (!syls.length) { return res; }
    var m = await loadManifest();
    var p = makePlan(m, syls);
    res.files = planFiles(p);
    var loaded = await Promise.all(res.files.map(load));
    res.files.forEach(function (f, i) { res.shards[f] = loaded[i]; });
    var n = m.docs, last = syls.length - 1;

    var per = syls.map(function (s, i) {
      var mt = newMatch(n);
      if (i === last && p.viaPairs) { return mt; }
      var found = false;
      p.termShards[i].forEach(function (sh) {
        var shard = res.shards['u/' + sh + '.json'];
        Object.keys(shard).forEach(function (term) {
          var whole = term === s.fold;
          if (!whole && !(s.prefix && p.expandTerms && term.indexOf(s.fold) === 0)) { return; }
          found = true;
          var e = shard[term];
          var want = s.exact ? exactWant(e[0], s.raw, s.prefix && p.expandTerms) : 0;
          addPostings(mt, n, postings('u:', term, e[1], e[0].length > 1), whole ? 1 : PREFIX_FACTOR, want);
        });
      });
      if (!found) { res.unknown.push(i); }
      return mt;
    });
    var pairs = syls.map(function (s, i) {
      var mt = newMatch(n);
      if (i === 0) { return mt; }
      var key = syls[i - 1].fold + ' ' + s.fold;
      p.pairShards[i].forEach(function (sh) {
        var shard = res.shards['b/' + sh + '.json'];
        Object.keys(shard).forEach(function (k) {
          var whole = k === key;
          if (!whole && !(s.prefix && p.expandPairs && k.indexOf(key) === 0)) { return; }
          addPostings(mt, n, postings('b:', k, shard[k], false), whole ? 1 : PREFIX_FACTOR, 0);
        });
      });
      if (i === last && p.viaPairs) { per[i] = mt; }
      return mt;
    });
    res.per = per;

    var out = [], docs = per[0].docs;
    for (var k = 0; k < docs.length; k++) {
      var doc = docs[k], tier = per[0].flags[doc] === 2 ? 1 : 0, sc = per[0].score[doc], ok = true;
      for (var i = 1; i < syls.length; i++) {
        var mi = per[i];
        if (!has(mi, doc)) { ok = false; break; }
        sc += mi.score[doc];
        if (mi.flags[doc] === 2) { tier++; }
        if (has(pairs[i], doc)) {
          tier++;
          if (!(i === last && p.viaPairs)) { sc += pairs[i].score[doc]; }
        }
      }
      if (ok) { out.push({ doc: doc, tier: tier, s: Math.round(sc * 1e6) / 1e6 }); }
    }
    out.sort(function (a, b) { return b.tier - a.tier || b.s - a.s || a.doc - b.doc; });
    res.ranked = out.map(function (x) { return x.doc; });
    return res;
  }

  // ---- Filters ----

  function chosenFilters() {
    var f = {};
    selects.forEach(function (s) { if (s.value) { f[s.getAttribute('data-facet')] = s.value; } });
    return f;
  }

  function hasFilters(f) { return Object.keys(f).length > 0; }

  // applyFilters keeps the ids whose facets match f, and counts, for each
  // option of each facet, the ids that match the other facets' choices.
  function applyFilters(ids, fd, f) {
    var names = Object.keys(fd), want = {}, counts = {};
    names.forEach(function (name) {
      want[name] = f[name] ? fd[name].keys.indexOf(f[name]) : -1;
      counts[name] = new Array(fd[name].keys.length).fill(0);
    });
    var kept = [];
    ids.forEach(function (d) {
      var miss = null, misses = 0;
      names.forEach(function (name) {
        if (want[name] >= 0 && !fd[name].has(d, want[name])) { misses++; miss = name; }
      });
      if (misses === 0) { kept.push(d); }
      names.forEach(function (name) {
        if (misses === 0 || misses === 1 && miss === name) {
          for (var v = 0; v < fd[name].keys.length; v++) { if (fd[name].has(d, v)) { counts[name][v]++; } }
        }
      });
    });
    return { ids: kept, counts: counts };
  }

  function showCounts(fd, counts) {
    selects.forEach(function (s) {
      var name = s.getAttribute('data-facet'), keys = fd[name].keys;
      Array.prototype.forEach.call(s.options, function (o) {
        if (!o.value) { return; }
        if (!o.hasAttribute('data-name')) { o.setAttribute('data-name', o.textContent); }
        var v = keys.indexOf(o.value);
        o.textContent = o.getAttribute('data-name') + (counts && v >= 0 ? ' (' + counts[name][v] + ')' : '');
      });
    });
  }

  // ---- Showing results ----

  function format(s) {
    var args = Array.prototype.slice.call(arguments, 1), i = 0;
    return s.replace(/%[ds]/g, function () { return String(args[i++]); });
  }

  // matcher returns a function telling which query syllable a word (folded)
  // matches, or -1.
  function matcher(syls) {
    return function (w) {
      for (var i = 0; i < syls.length; i++) {
        var s = syls[i];
        if (w === s.fold || s.prefix && w.indexOf(s.fold) === 0) { return i; }
      }
      return -1;
    };
  }

  // highlighted appends text to el, with the words that match in <mark>.
  function highlighted(el, text, match) {
    var at = 0;
    words(text, function (a, b) {
      if (match(fold(text.slice(a, b))) < 0) { return; }
      el.appendChild(document.createTextNode(text.slice(at, a)));
      var mk = document.createElement('mark');
      mk.textContent = text.slice(a, b);
      el.appendChild(mk);
      at = b;
    });
    el.appendChild(document.createTextNode(text.slice(at)));
    return el;
  }

  // snippet picks the passage of text with the most query syllables.
  function snippet(text, match) {
    var ws = [];
    words(text, function (a, b) { ws.push({ a: a, b: b, m: match(fold(text.slice(a, b))) }); });
    var best = -1, bestScore = 0;
    for (var i = 0; i < ws.length; i++) {
      if (ws[i].m < 0) { continue; }
      var seen = {}, distinct = 0, total = 0;
      for (var j = i; j < ws.length && j < i + SNIPPET; j++) {
        if (ws[j].m >= 0) { total++; if (!seen[ws[j].m]) { seen[ws[j].m] = true; distinct++; } }
      }
      var score = distinct * 1000 + total;
      if (score > bestScore) { bestScore = score; best = i; }
    }
    if (best < 0) { return null; }
    var from = Math.max(0, best - 4), to = Math.min(ws.length, from + SNIPPET);
    return (from > 0 ? '…' : '') + text.slice(ws[from].a, ws[to - 1].b) + (to < ws.length ? '…' : '');
  }

  function trim(s, n) {
    if (s.length <= n) { return s; }
    var cut = s.slice(0, n), sp = cut.lastIndexOf(' ');
    return (sp > n / 2 ? cut.slice(0, sp) : cut) + '…';
  }

  function modelOption(key) {
    var sel = form.querySelector('select[data-facet="model"]');
    if (!sel) { return null; }
    for (var i = 0; i < sel.options.length; i++) { if (sel.options[i].value === key) { return sel.options[i]; } }
    return null;
  }

  function resultItem(doc, match) {
    var li = document.createElement('li');
    var art = document.createElement('article');
    art.className = 'card';
    var opt = modelOption(doc.model);
    if (opt) {
      var badge = document.createElement('a');
      badge.className = 'badge model-' + opt.getAttribute('data-index');
      badge.href = opt.getAttribute('data-url');
      badge.textContent = opt.getAttribute('data-name') || opt.textContent;
      art.appendChild(badge);
    }
    var h = document.createElement('h2');
    h.className = 'card-title';
    var a = document.createElement('a');
    a.href = baseURL + doc.url;
    highlighted(a, doc.title, match);
    h.appendChild(a);
    art.appendChild(h);
    var meta = document.createElement('p');
    meta.className = 'card-meta';
    highlighted(meta.appendChild(Object.assign(document.createElement('span'), { className: 'card-person' })), doc.person, match);
    if (doc.department) { meta.appendChild(document.createTextNode(' · ' + doc.department)); }
    meta.appendChild(document.createTextNode(' · '));
    var time = document.createElement('time');
    time.setAttribute('datetime', doc.iso);
    time.textContent = doc.date;
    meta.appendChild(time);
    art.appendChild(meta);
    var text = snippet(doc.text, match) || trim(doc.summary, 240);
    if (text) {
      var p = document.createElement('p');
      p.className = 'card-summary';
      art.appendChild(highlighted(p, text, match));
    }
    li.appendChild(art);
    return li;
  }

  // ---- The page ----

  var seq = 0;         // the latest search; older answers are dropped
  var current = null;  // {ids, shown, match}

  function stateURL(q, f) {
    var parts = [];
    if (q) { parts.push('q=' + encodeURIComponent(q).replace(/%20/g, '+')); }
    selects.forEach(function (s) {
      var v = f[s.getAttribute('data-facet')];
      if (v) { parts.push(encodeURIComponent(s.name) + '=' + encodeURIComponent(v)); }
    });
    return location.pathname + (parts.length ? '?' + parts.join('&') : '');
  }

  function readURL() {
    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    selects.forEach(function (s) {
      var v = params.get(s.name) || '';
      s.value = v;
      if (s.value !== v) { s.value = ''; }
    });
  }

  async function showMore(focus) {
    var my = seq, c = current;
    var ids = c.ids.slice(c.shown, c.shown + PAGE);
    var docs = await Promise.all(ids.map(loadDoc));
    if (my !== seq) { return; }
    var first = null;
    docs.forEach(function (doc) {
      var li = resultItem(doc, c.match);
      first = first || li;
      resultsEl.appendChild(li);
    });
    c.shown += ids.length;
    moreEl.hidden = c.shown >= c.ids.length;
    if (focus && first) { first.querySelector('.card-title a').focus(); }
  }

  function clearResults() {
    resultsEl.textContent = '';
    moreEl.hidden = true;
    emptyEl.hidden = true;
    suggestEl.textContent = '';
  }

  function suggestionLink(q, label) {
    var a = document.createElement('a');
    a.href = stateURL(q, chosenFilters());
    a.textContent = label;
    a.addEventListener('click', function (e) {
      e.preventDefault();
      input.value = q;
      navigate(true);
    });
    return a;
  }

  // suggest explains an empty answer: a near spelling of unknown syllables,
  // the query with one syllable fewer, or clearing the filters.
  function suggest(r, unfiltered, f) {
    suggestEl.textContent = '';
    var syls = r.syls;
    if (r.unknown.length) {
      var better = syls.map(function (s) { return s.raw; }), changed = false;
      r.unknown.forEach(function (i) {
        var s = syls[i], shard = r.shards['u/' + shardOf(manifestValue.terms, s.fold) + '.json'], best = null, bestDF = 0;
        if (!shard) { return; }
        Object.keys(shard).forEach(function (term) {
          if (Math.abs(term.length - s.fold.length) > 1 || editDistance(term, s.fold) > 1) { return; }
          var df = shard[term][1].length;
          if (df > bestDF) { bestDF = df; best = shard[term][0][0]; }
        });
        if (best) { better[i] = best; changed = true; }
      });
      // Show the other syllables typed without diacritics as most stories spell them.
      syls.forEach(function (s, i) {
        if (s.exact || r.unknown.indexOf(i) >= 0) { return; }
        var shard = r.shards['u/' + shardOf(manifestValue.terms, s.fold) + '.json'];
        if (shard && shard[s.fold]) { better[i] = shard[s.fold][0][0]; }
      });
      if (changed) {
        var q = better.join(' ');
        var p = document.createElement('p');
        p.className = 'search-suggest';
        p.appendChild(document.createTextNode(T.didYouMean + ' '));
        p.appendChild(suggestionLink(q, q));
        suggestEl.appendChild(p);
      }
    }
    if (syls.length > 1 && !r.unknown.length) {
      var options = [];
      syls.forEach(function (s, j) {
        var count = 0, from = r.per[j === 0 ? 1 : 0];
        from.docs.forEach(function (doc) {
          for (var i = 0; i < syls.length; i++) { if (i !== j && !has(r.per[i], doc)) { return; } }
          count++;
        });
        if (count > 0) {
          options.push({ q: syls.filter(function (_, i) { return i !== j; }).map(function (x) { return x.raw; }).join(' '), count: count });
        }
      });
      options.sort(function (a, b) { return b.count - a.count; });
      if (options.length) {
        var p2 = document.createElement('p');
        p2.className = 'search-suggest';
        p2.appendChild(document.createTextNode(T.fewerWords + ' '));
        options.slice(0, 3).forEach(function (o, i) {
          if (i > 0) { p2.appendChild(document.createTextNode(', ')); }
          p2.appendChild(suggestionLink(o.q, o.q));
          p2.appendChild(document.createTextNode(' (' + format(T.resultCount, o.count) + ')'));
        });
        suggestEl.appendChild(p2);
      }
    }
    if (hasFilters(f) && unfiltered > 0) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'button';
      b.textContent = T.clearFilters + ' (' + format(T.resultCount, unfiltered) + ')';
      b.addEventListener('click', function () {
        selects.forEach(function (s) { s.value = ''; });
        navigate(true);
        input.focus();
      });
      suggestEl.appendChild(b);
    }
  }

  function editDistance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) { prev[j] = j; }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  var manifestValue = null;

  async function search() {
    var my = ++seq;
    var raw = input.value, q = raw.trim(), f = chosenFilters();
    if (!q) {
      clearResults();
      statusEl.textContent = '';
      current = null;
      return;
    }
    root.setAttribute('aria-busy', 'true');
    try {
      manifestValue = await loadManifest();
      var filtersReady = loadFilters();
      var r = await run(raw);
      if (my !== seq) { return; }
      var fd = null;
      if (hasFilters(f)) { fd = await filtersReady; if (my !== seq) { return; } }
      var applied = fd ? applyFilters(r.ranked, fd, f) : { ids: r.ranked, counts: null };
      var match = matcher(r.syls);
      // Fetch the first results before clearing the old ones: no flicker.
      await Promise.all(applied.ids.slice(0, PAGE).map(loadDoc));
      if (my !== seq) { return; }
      current = { ids: applied.ids, shown: 0, match: match };
      clearResults();
      if (applied.ids.length) {
        await showMore(false);
        if (my !== seq) { return; }
        var msg = applied.ids.length === 1 && T.countOne ? format(T.countOne, q) :
          format(hasFilters(f) ? T.countFiltered : T.count, applied.ids.length, q);
        statusEl.textContent = msg;
      } else {
        statusEl.textContent = format(T.none, q);
        suggest(r, r.ranked.length, f);
        emptyEl.hidden = false;
      }
      root.setAttribute('data-state', 'done');
      filtersReady.then(function (fd2) {
        if (my === seq) { showCounts(fd2, applyFilters(r.ranked, fd2, f).counts); }
      });
    } catch (err) {
      if (my === seq) {
        clearResults();
        statusEl.textContent = T.error;
        root.setAttribute('data-state', 'error');
      }
    } finally {
      if (my === seq) { root.removeAttribute('aria-busy'); }
    }
  }

  // navigate records the query in the address (a new history entry when
  // push is true, so that the back button returns to the previous query)
  // and searches.
  function navigate(push) {
    var url = stateURL(input.value.trim(), chosenFilters());
    if (url !== location.pathname + location.search) {
      if (push) { history.pushState(null, '', url); } else { history.replaceState(null, '', url); }
    }
    return search();
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { navigate(false); }, DEBOUNCE);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    navigate(true);
  });
  selects.forEach(function (s) {
    s.addEventListener('change', function () { clearTimeout(timer); navigate(true); });
  });
  moreEl.addEventListener('click', function () { showMore(true); });
  window.addEventListener('popstate', function () { readURL(); search(); });

  // For the browser tests: the same query as search.(*Reader).Search.
  window.guongSearch = {
    tokenize: tokenize,
    fold: fold,
    query: function (q) {
      return run(q).then(function (r) { return { docs: r.ranked, files: r.files }; });
    }
  };

  readURL();
  if (input.value) { search(); } else { input.focus(); }
})();
