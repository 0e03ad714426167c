/* guong search core: answers queries from the index the build writes under
   tim-kiem/chi-muc/ (see internal/search for the file formats). It is the
   only implementation of the ranking: the search page (search.js) calls it
   for the DOM, and go test runs it in goja (internal/search/jstest) against
   index files the Go writer made. No DOM, no network of its own: the caller
   gives it a function that fetches an index file. A classic script that
   defines the global GuongSearch; ES2017. */
(function (global) {
  'use strict';

  // Ranking constants.
  var MAX_SYLLABLES = 8;   // syllables of a query searched
  var PREFIX_SHARDS = 2;   // shards a syllable being typed may read for the terms it begins
  var PREFIX_FACTOR = 0.5; // the score of a term a syllable only begins
  var SATURATION = 4;      // k in w/(w+k)
  var MAX_VARIANTS = 30;   // variants a posting's mask can name (search.maxVariants)
  var SNIPPET = 28;        // words in a snippet

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
  // lower mirrors Go's per-character lower case: toLowerCase but for its
  // two mappings that depend on more than the character (İ → i̇, a
  // word's last Σ → ς).
  function lower(s) { return s.replace(/\u0130/g, 'i').replace(/\u03a3/g, '\u03c3').toLowerCase(); }

  function foldSlow(s) {
    s = lower(s).normalize('NFD').replace(MARKS, '').replace(STROKE_RE, function (c) { return STROKES[c]; });
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
      var raw = lower(s.slice(a, b)), f = fold(raw);
      if (f) { out.push({ raw: raw, fold: f }); }
    });
    return out;
  }

  // parseQuery splits a query into the syllables the ranking uses: what
  // was typed (raw), its folded form, whether it was typed with
  // diacritics (exact: its spelling counts) and whether it is being typed
  // (prefix: while the reader is typing, typing true, the last syllable,
  // unless the query ends with a space or punctuation, also matches the
  // terms it begins; a query submitted matches whole syllables only).
  function parseQuery(q, typing) {
    q = q.normalize('NFC');
    var toks = tokenize(q);
    var open = !!typing && toks.length <= MAX_SYLLABLES && q.length > 0 && isWordChar(q.charCodeAt(q.length - 1));
    toks = toks.slice(0, MAX_SYLLABLES);
    return toks.map(function (t, i) {
      return { raw: t.raw, fold: t.fold, exact: t.raw !== t.fold, prefix: open && i === toks.length - 1 };
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

  // decodePostings decodes a term's postings (withMask: a mask of its
  // variants follows each) or, pair true, a pair's (the places of the pair
  // follow each, see search.PairCode), with the manifest's levels: per
  // story, its id, its weight, its mask (1 if none) and, as bit masks of
  // places, where the pair stands in its person's name (person) and in its
  // title (title). See search.appendPosting.
  function decodePostings(s, levels, withMask, pair) {
    var nums = decodeNums(s), out = { docs: [], w: [], mask: [], person: [], title: [] }, doc = -1;
    for (var i = 0; i < nums.length;) {
      var x = nums[i++];
      doc += (x & 1 ? nums[i++] + 1 : 0) + 1;
      x >>= 1;
      var k = pair ? x & 3 : 0, pm = 0, tm = 0;
      if (pair) { x >>= 2; }
      out.docs.push(doc);
      out.w.push(levels[x]);
      out.mask.push(withMask ? nums[i++] : 1);
      for (var j = 0; j < k; j++, i++) {
        var c = nums[i], bit = (1 << (c >> 1)) >>> 0;
        if (c & 1) { tm = (tm | bit) >>> 0; } else { pm = (pm | bit) >>> 0; }
      }
      if (pair) { out.person.push(pm); out.title.push(tm); }
    }
    out.df = out.docs.length;
    return out;
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
  // function telling whether story d has key index v; n is the number of
  // stories.
  function decodeFilters(f, n) {
    var out = {};
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
  }

  // ---- Shards ----

  // shardOf returns the shard whose range holds key: the last whose first
  // key is not after it (0 if key comes before every shard).
  function shardOf(firsts, key) {
    var lo = 0, hi = firsts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] > key) { hi = mid; } else { lo = mid + 1; }
    }
    return Math.max(lo - 1, 0);
  }

  // prefixShards returns the shards that may hold keys beginning with p.
  function prefixShards(firsts, p) {
    if (!firsts.length) { return []; }
    var lo = shardOf(firsts, p), hi = lo, out = [];
    while (hi + 1 < firsts.length && firsts[hi + 1].indexOf(p) === 0) { hi++; }
    for (var i = lo; i <= hi; i++) { out.push(i); }
    return out;
  }

  // makePlan decides which shards a query reads: for each syllable, the
  // term shards, and for each after the first, the pair shards of the pair
  // it makes with the one before. A syllable being typed matches the terms
  // (expandTerms) and pairs (expandPairs) it begins only when they lie in
  // at most PREFIX_SHARDS shards; when only its pairs do, it is matched
  // through them (viaPairs).
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

  // planFiles lists the files a plan reads, sorted.
  function planFiles(p) {
    var set = {};
    p.termShards.forEach(function (ss) { ss.forEach(function (s) { set['u/' + s + '.json'] = true; }); });
    p.pairShards.forEach(function (ss) { ss.forEach(function (s) { set['b/' + s + '.json'] = true; }); });
    return Object.keys(set).sort();
  }

  // ---- Ranking ----

  // idf is the inverse document frequency of a term found in df of n stories.
  function idf(n, df) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  // A match is, for one syllable or pair, every story's best score and
  // whether it spells the syllable as typed (flag 2; 1 is found); docs
  // lists the stories found.
  function newMatch(n) { return { score: new Float64Array(n), flags: new Uint8Array(n), docs: [] }; }
  // A pair's match also has, by story, the places of the pair in its
  // person's name and title (bit masks).
  function newPairMatch(n) {
    var m = newMatch(n);
    m.person = new Uint32Array(n);
    m.title = new Uint32Array(n);
    return m;
  }
  function has(m, d) { return m.flags[d] !== 0; }

  // addPostings merges a term's postings x (decodePostings) into m: each
  // story keeps the best score of the terms of its syllable; want is the
  // mask of the variants that make an exact match.
  function addPostings(m, n, x, factor, want) {
    var f = idf(n, x.df) * factor, score = m.score, flags = m.flags;
    for (var i = 0; i < x.docs.length; i++) {
      var doc = x.docs[i], w = x.w[i], sc = f * w / (w + SATURATION);
      if (flags[doc] === 0) { flags[doc] = 1; score[doc] = sc; m.docs.push(doc); } else if (sc > score[doc]) { score[doc] = sc; }
      if (want && (x.mask[i] & want) !== 0) { flags[doc] = 2; }
    }
  }

  // addPairs merges a pair's postings x (decodePostings) into m, as
  // addPostings does, with the places of the pair.
  function addPairs(m, n, x, factor) {
    var f = idf(n, x.df) * factor;
    for (var i = 0; i < x.docs.length; i++) {
      var doc = x.docs[i], w = x.w[i], sc = f * w / (w + SATURATION);
      if (m.flags[doc] === 0) { m.flags[doc] = 1; m.score[doc] = sc; m.docs.push(doc); } else if (sc > m.score[doc]) { m.score[doc] = sc; }
      m.person[doc] |= x.person[i];
      m.title[doc] |= x.title[i];
    }
  }

  // phrase returns, for story doc, whether the query's syllables stand
  // together and in order in its person's name (bit 1) or its title (bit
  // 2), from the places of its pairs: pair i must stand one place after
  // pair i-1.
  function phrase(pairs, doc) {
    var pm = 0xffffffff, tm = 0xffffffff;
    for (var i = 1; i < pairs.length; i++) {
      var mt = pairs[i];
      if (mt.flags[doc] === 0) { return 0; }
      pm &= mt.person[doc] >>> (i - 1);
      tm &= mt.title[doc] >>> (i - 1);
    }
    return (pm !== 0 ? 1 : 0) | (tm !== 0 ? 2 : 0);
  }

  // nameLike reports whether syls look like a person's name: two to four
  // syllables, no digits, the first a surname (the manifest's: the site's
  // people's and the common Vietnamese ones).
  function nameLike(m, syls) {
    if (syls.length < 2 || syls.length > 4 || !m.surnames) { return false; }
    for (var i = 0; i < syls.length; i++) { if (/[0-9]/.test(syls[i].fold)) { return false; } }
    return m.surnames.indexOf(syls[0].fold) >= 0;
  }

  // exactWant returns the mask of the variants equal to raw (or, for a
  // syllable being typed, beginning with it).
  function exactWant(variants, raw, prefix) {
    var want = 0;
    for (var i = 0; i < variants.length && i < MAX_VARIANTS; i++) {
      var v = variants[i];
      if (v === raw || prefix && v.indexOf(raw) === 0) { want |= 1 << i; }
    }
    return want;
  }

  // ---- Filters ----

  function hasFilters(f) { return !!f && Object.keys(f).length > 0; }

  // applyFilters keeps the ids whose facets match f ({facet: key}; a key
  // the facet does not have lets nothing through), and counts, for each
  // option of each facet, the ids that match the other facets' choices.
  function applyFilters(ids, fd, f) {
    var names = Object.keys(fd), want = {}, counts = {};
    names.forEach(function (name) {
      want[name] = f && f[name] ? fd[name].keys.indexOf(f[name]) : null;
      counts[name] = new Array(fd[name].keys.length).fill(0);
    });
    var kept = [];
    ids.forEach(function (d) {
      var miss = null, misses = 0;
      names.forEach(function (name) {
        var v = want[name];
        if (v !== null && (v < 0 || !fd[name].has(d, v))) { misses++; miss = name; }
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

  // ---- Showing results: what to highlight and quote ----

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

  // marks splits text into parts [{text, mark}], mark set on the words
  // that match.
  function marks(text, match) {
    var out = [], at = 0;
    words(text, function (a, b) {
      if (match(fold(text.slice(a, b))) < 0) { return; }
      if (a > at) { out.push({ text: text.slice(at, a), mark: false }); }
      out.push({ text: text.slice(a, b), mark: true });
      at = b;
    });
    if (at < text.length) { out.push({ text: text.slice(at), mark: false }); }
    return out;
  }

  // snippet picks the passage of text with the most query syllables, or
  // returns null if none is there.
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

  // ---- An index ----

  // open returns the index whose files get(name, build) fetches: a promise
  // of the file's parsed JSON (or the value itself). The manifest is asked
  // for with build null (it must be revalidated); every other file with
  // the build's id from the manifest, for the caller to put in the address.
  function open(get) {
    var manifest = null;    // Promise of manifest.json
    var manifestValue = null;
    var files = {};         // name → Promise of parsed JSON
    var decoded = {};       // "u:term" or "b:pair" → decodePostings' value
    var filterData = null;

    function loadManifest() {
      if (!manifest) {
        manifest = Promise.resolve().then(function () { return get('manifest.json', null); });
        manifest.then(function (m) { manifestValue = m; }, function () { manifest = null; });
      }
      return manifest;
    }

    function load(name) {
      if (!files[name]) {
        files[name] = loadManifest().then(function (m) { return get(name, m.build); });
        files[name].catch(function () { delete files[name]; });
      }
      return files[name];
    }

    function loadFilters() {
      if (!filterData) {
        filterData = Promise.all([loadManifest(), load('filters.json')]).then(function (a) {
          return decodeFilters(a[1], a[0].docs);
        });
        filterData.catch(function () { filterData = null; });
      }
      return filterData;
    }

    // loadDoc returns story id's result fragment: item id % block of file
    // d/<id / block>.json.
    function loadDoc(id) {
      return loadManifest().then(function (m) {
        return load('d/' + Math.floor(id / m.block) + '.json').then(function (a) { return a[id % m.block]; });
      });
    }

    // postings returns the decoded postings s of a term (pair false) or a
    // pair, once per key.
    function postings(key, s, withMask, pair) {
      var k = (pair ? 'b:' : 'u:') + key;
      return decoded[k] || (decoded[k] = decodePostings(s, manifestValue.levels, withMask, pair));
    }

    // run evaluates a query (opts.typing: the reader is still typing it,
    // see parseQuery): the ranked ids of every matching story (before
    // filters), with what explains an empty answer. The ranking:
    //
    //  - every syllable must match (diacritics aside); a syllable being
    //    typed also matches the terms it begins, at PREFIX_FACTOR of the
    //    score;
    //  - stories come in order of P, then E, then A, then S, then newest
    //    first (lowest id): P is whether the query, two syllables or more,
    //    stands as a phrase (together, in order) in the story's person's
    //    name or title; E counts the syllables typed with diacritics that
    //    the story spells exactly so; A counts the consecutive pairs of
    //    query syllables the story has together; S sums, over syllables
    //    and pairs, idf × w/(w+4), w the story's weight for the term.
    //
    // res.exact is null, or, when a syllable was typed with diacritics,
    // the set of stories spelling every such syllable as typed
    // (res.exactSet[doc] === 1); res.nameLike tells whether the query looks
    // like a person's name (nameLike) and res.persons how many stories
    // have it as a phrase of their person's name.
    async function run(q, opts) {
      var syls = parseQuery(q, opts && opts.typing);
      var res = { syls: syls, ranked: [], files: [], unknown: [], per: [], shards: {}, exactSet: null, nameLike: false, persons: 0 };
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
            addPostings(mt, n, postings(term, e[1], e[0].length > 1, false), whole ? 1 : PREFIX_FACTOR, want);
          });
        });
        if (!found) { res.unknown.push(i); }
        return mt;
      });
      var pairs = syls.map(function (s, i) {
        var mt = newPairMatch(n);
        if (i === 0) { return mt; }
        var key = syls[i - 1].fold + ' ' + s.fold;
        p.pairShards[i].forEach(function (sh) {
          var shard = res.shards['b/' + sh + '.json'];
          Object.keys(shard).forEach(function (k) {
            var whole = k === key;
            if (!whole && !(s.prefix && p.expandPairs && k.indexOf(key) === 0)) { return; }
            addPairs(mt, n, postings(k, shard[k], false, true), whole ? 1 : PREFIX_FACTOR);
          });
        });
        if (i === last && p.viaPairs) { per[i] = mt; }
        return mt;
      });
      res.per = per;
      var anyExact = syls.some(function (s) { return s.exact; });
      if (anyExact) { res.exactSet = new Uint8Array(n); }
      res.nameLike = nameLike(m, syls);

      var out = [], docs = per[0].docs;
      for (var k = 0; k < docs.length; k++) {
        var doc = docs[k], exact = per[0].flags[doc] === 2 ? 1 : 0, adj = 0, sc = per[0].score[doc], ok = true;
        var allExact = !syls[0].exact || exact === 1;
        for (var i = 1; i < syls.length; i++) {
          var mi = per[i];
          if (!has(mi, doc)) { ok = false; break; }
          sc += mi.score[doc];
          if (mi.flags[doc] === 2) { exact++; } else if (syls[i].exact) { allExact = false; }
          if (has(pairs[i], doc)) {
            adj++;
            if (!(i === last && p.viaPairs)) { sc += pairs[i].score[doc]; } // else counted as the syllable's score
          }
        }
        if (!ok) { continue; }
        var ph = syls.length > 1 ? phrase(pairs, doc) : 0;
        if (ph & 1) { res.persons++; }
        if (anyExact && allExact) { res.exactSet[doc] = 1; }
        out.push({ doc: doc, p: ph !== 0 ? 1 : 0, e: exact, a: adj, s: Math.round(sc * 1e6) / 1e6 });
      }
      out.sort(function (a, b) { return b.p - a.p || b.e - a.e || b.a - a.a || b.s - a.s || a.doc - b.doc; });
      res.ranked = out.map(function (x) { return x.doc; });
      return res;
    }

    // search is run with the filters f ({model, department, campaign,
    // year: key}, missing or empty for none) and opts (run's): res.ids
    // are the ranked ids the filters let through, res.counts the options'
    // counts (null without filters), res.exact how many of res.ids spell
    // every syllable typed with diacritics as typed (null if none was),
    // res.noPerson whether the query looks like a name that no story's
    // person has.
    async function search(q, f, opts) {
      var r = await run(q, opts);
      r.ids = r.ranked;
      r.counts = null;
      if (hasFilters(f)) {
        var a = applyFilters(r.ranked, await loadFilters(), f);
        r.ids = a.ids;
        r.counts = a.counts;
      }
      r.exact = null;
      if (r.exactSet) {
        r.exact = 0;
        r.ids.forEach(function (d) { r.exact += r.exactSet[d]; });
      }
      r.noPerson = r.nameLike && r.persons === 0;
      return r;
    }

    // suggest explains the empty answer r of run: a near spelling of its
    // unknown syllables, the other syllables as most stories spell them
    // (didYouMean, or null), and the query with one syllable fewer, up to
    // three, most results first (fewer: [{q, count}]).
    function suggest(r) {
      var syls = r.syls, out = { didYouMean: null, fewer: [] };
      if (!manifestValue) { return out; }
      var terms = manifestValue.terms;
      if (r.unknown.length) {
        var better = syls.map(function (s) { return s.raw; }), changed = false;
        r.unknown.forEach(function (i) {
          var s = syls[i], shard = r.shards['u/' + shardOf(terms, s.fold) + '.json'], best = null, bestDF = 0;
          if (!shard) { return; }
          Object.keys(shard).forEach(function (term) {
            if (Math.abs(term.length - s.fold.length) > 1 || editDistance(term, s.fold) > 1) { return; }
            var df = shard[term][1].length;
            if (df > bestDF) { bestDF = df; best = shard[term][0][0]; }
          });
          if (best) { better[i] = best; changed = true; }
        });
        syls.forEach(function (s, i) {
          if (s.exact || r.unknown.indexOf(i) >= 0) { return; }
          var shard = r.shards['u/' + shardOf(terms, s.fold) + '.json'];
          if (shard && shard[s.fold]) { better[i] = shard[s.fold][0][0]; }
        });
        if (changed) { out.didYouMean = better.join(' '); }
      }
      if (syls.length > 1 && !r.unknown.length) {
        syls.forEach(function (s, j) {
          var count = 0, from = r.per[j === 0 ? 1 : 0];
          from.docs.forEach(function (doc) {
            for (var i = 0; i < syls.length; i++) { if (i !== j && !has(r.per[i], doc)) { return; } }
            count++;
          });
          if (count > 0) {
            out.fewer.push({ q: syls.filter(function (_, i) { return i !== j; }).map(function (x) { return x.raw; }).join(' '), count: count, j: j });
          }
        });
        out.fewer.sort(function (a, b) { return b.count - a.count || a.j - b.j; });
        out.fewer = out.fewer.slice(0, 3).map(function (o) { return { q: o.q, count: o.count }; });
      }
      return out;
    }

    return { manifest: loadManifest, run: run, search: search, filters: loadFilters, doc: loadDoc, suggest: suggest };
  }

  global.GuongSearch = {
    open: open,
    fold: fold,
    tokenize: tokenize,
    parseQuery: parseQuery,
    words: words,
    shardOf: shardOf,
    applyFilters: applyFilters,
    hasFilters: hasFilters,
    matcher: matcher,
    marks: marks,
    snippet: snippet,
    trim: trim,
    editDistance: editDistance
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
