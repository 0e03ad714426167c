/* guong search page: the form, the address, the results and suggestions.
   The answers come from search-core.js (GuongSearch, loaded before this
   script), which reads the index the build writes under tim-kiem/chi-muc/
   and ranks; this script fetches the files it asks for and shows what it
   returns. No framework, no external script; ES2017. */
(function () {
  'use strict';

  var root = document.getElementById('search-page');
  var G = window.GuongSearch;
  if (!root || !G || !window.fetch || !String.prototype.normalize) { return; }

  var PAGE = 10;       // results shown at a time
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

  // ---- Loading the index: the core asks for files, this fetches them ----

  function fetchJSON(url, opts) {
    return fetch(url, opts).then(function (r) {
      if (!r.ok) { throw new Error(url + ': ' + r.status); }
      return r.json();
    });
  }

  var early = window.guongSearchManifest;
  var index = G.open(function (name, build) {
    if (build === null) {
      // The manifest is always revalidated, so that a rebuilt site is
      // searched as it is now; the page may have started fetching it.
      var p = early || Promise.reject(new Error('not started'));
      early = null;
      return p.catch(function () {
        return fetchJSON(indexURL + name, { cache: 'no-cache', credentials: 'same-origin' });
      });
    }
    return fetchJSON(indexURL + name + '?v=' + build, { credentials: 'same-origin' });
  });

  // ---- Filters ----

  function chosenFilters() {
    var f = {};
    selects.forEach(function (s) { if (s.value) { f[s.getAttribute('data-facet')] = s.value; } });
    return f;
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

  // highlighted appends text to el, with the words that match in <mark>.
  function highlighted(el, text, match) {
    G.marks(text, match).forEach(function (part) {
      if (part.mark) {
        var mk = document.createElement('mark');
        mk.textContent = part.text;
        el.appendChild(mk);
      } else {
        el.appendChild(document.createTextNode(part.text));
      }
    });
    return el;
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
    var text = G.snippet(doc.text, match) || G.trim(doc.summary || doc.text, 240);
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
  var current = null;  // {ids, shown, match, ranked, f}

  // The filters' counts need filters.json (the facets of every story):
  // it is fetched only once the reader turns to the filters, or a search
  // uses them, so that a plain search does not download it.
  var countsWanted = false;
  function updateCounts() {
    countsWanted = true;
    var my = seq, c = current;
    index.filters().then(function (fd) {
      if (my === seq && c) { showCounts(fd, G.applyFilters(c.ranked, fd, c.f).counts); }
    }, function () {});
  }

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
    var docs = await Promise.all(ids.map(index.doc));
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
    var s = index.suggest(r);
    if (s.didYouMean) {
      var p = document.createElement('p');
      p.className = 'search-suggest';
      p.appendChild(document.createTextNode(T.didYouMean + ' '));
      p.appendChild(suggestionLink(s.didYouMean, s.didYouMean));
      suggestEl.appendChild(p);
    }
    if (s.fewer.length) {
      var p2 = document.createElement('p');
      p2.className = 'search-suggest';
      p2.appendChild(document.createTextNode(T.fewerWords + ' '));
      s.fewer.forEach(function (o, i) {
        if (i > 0) { p2.appendChild(document.createTextNode(', ')); }
        p2.appendChild(suggestionLink(o.q, o.q));
        p2.appendChild(document.createTextNode(' (' + format(T.resultCount, o.count) + ')'));
      });
      suggestEl.appendChild(p2);
    }
    if (G.hasFilters(f) && unfiltered > 0) {
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

  // search answers the query in the box: typing is true while the reader
  // is typing it (its last syllable may be the beginning of a word), false
  // once it is submitted or read from the address (whole syllables).
  async function search(typing) {
    var my = ++seq;
    var raw = input.value, q = raw.trim(), f = chosenFilters();
    root.setAttribute('data-query', typing ? 'typing' : 'submitted');
    if (!q) {
      clearResults();
      statusEl.textContent = '';
      current = null;
      return;
    }
    root.setAttribute('aria-busy', 'true');
    try {
      var r = await index.search(raw, f, { typing: !!typing });
      if (my !== seq) { return; }
      var ids = r.ids, match = G.matcher(r.syls);
      // Fetch the first results before clearing the old ones: no flicker.
      await Promise.all(ids.slice(0, PAGE).map(index.doc));
      if (my !== seq) { return; }
      current = { ids: ids, shown: 0, match: match, ranked: r.ranked, f: f };
      clearResults();
      if (ids.length) {
        await showMore(false);
        if (my !== seq) { return; }
        var msg = ids.length === 1 && T.countOne ? format(T.countOne, q) :
          format(G.hasFilters(f) ? T.countFiltered : T.count, ids.length, q);
        // Typed with diacritics: how many spell it so (they come first).
        if (r.exact !== null && r.exact < ids.length) {
          msg += ' ' + (r.exact === 1 ? T.exactOne : format(T.exact, r.exact));
        }
        // A name nobody has: say so before the partial matches.
        if (r.noPerson) { msg = format(T.noPerson, q) + ' ' + msg; }
        statusEl.textContent = msg;
      } else {
        statusEl.textContent = format(T.none, q);
        suggest(r, r.ranked.length, f);
        emptyEl.hidden = false;
      }
      root.setAttribute('data-state', 'done');
      if (countsWanted || G.hasFilters(f)) { updateCounts(); }
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
  // and searches; typing is search's.
  function navigate(push, typing) {
    var url = stateURL(input.value.trim(), chosenFilters());
    if (url !== location.pathname + location.search) {
      if (push) { history.pushState(null, '', url); } else { history.replaceState(null, '', url); }
    }
    return search(typing);
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { navigate(false, true); }, DEBOUNCE);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    navigate(true);
  });
  selects.forEach(function (s) {
    s.addEventListener('change', function () { clearTimeout(timer); navigate(true); });
    s.addEventListener('focus', function () { if (!countsWanted) { updateCounts(); } });
    s.addEventListener('pointerdown', function () { if (!countsWanted) { updateCounts(); } });
  });
  moreEl.addEventListener('click', function () { showMore(true); });
  window.addEventListener('popstate', function () { readURL(); search(); });

  readURL();
  if (input.value) { search(); } else { input.focus(); }
})();
