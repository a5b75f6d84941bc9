/* newskg: the page of `newskg serve`. Graph: an entity's neighbourhood or
 * the paths between two entities from /api/picture, completion from
 * /api/complete, a click on a node merges its neighbourhood. Query: SPARQL
 * to /query, answers as a table (or text for triples). The page's state is
 * in its address (?entity=, ?from=&to=, ?tab=query&query=), so a view can
 * be bookmarked or shared. */
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }
  function data(id) { return JSON.parse($(id).textContent); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function showError(id, message) {
    var box = $(id);
    box.textContent = message || '';
    box.hidden = !message;
  }
  function answerText(response) {
    return response.text().then(function (t) {
      if (!response.ok) { throw new Error(t.trim() || (response.status + ' ' + response.statusText)); }
      return t;
    });
  }

  var prefixes = data('prefixes-data');
  $('prefixes').textContent = prefixes.map(function (p) {
    return 'PREFIX ' + p[0] + ': <' + p[1] + '>';
  }).join('\n');
  NewskgGraph.legend($('legend'), data('legend-data'));

  /* Tabs. */
  function selectTab(name) {
    ['graph', 'query'].forEach(function (t) {
      $('tab-' + t).setAttribute('aria-selected', String(t === name));
      $(t + '-panel').hidden = t !== name;
    });
    if (name === 'graph' && view) { view.cy.resize(); }
  }
  $('tab-graph').addEventListener('click', function () { selectTab('graph'); });
  $('tab-query').addEventListener('click', function () { selectTab('query'); });

  /* Graph. */
  var view = new NewskgGraph($('graph'), {
    list: $('listing'),
    onExpand: function (iri, label) {
      fetchPicture({ entity: iri, hops: '1' }).then(function (p) {
        var added = view.merge(p, iri);
        $('graph-note').textContent = added ? 'Added the neighbours of ' + label + '.' : label + ' has no other neighbours.';
      }).catch(function (e) { showError('graph-error', e.message); });
    }
  });

  /* For scripts driving the page (and its tests). */
  window.newskgView = view;

  function fetchPicture(params) {
    var q = Object.keys(params).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]);
    }).join('&');
    return fetch('/api/picture?' + q).then(answerText).then(JSON.parse);
  }

  function showGraph(params) {
    showError('graph-error', '');
    $('graph-note').textContent = 'Loading…';
    history.replaceState(null, '', '?' + new URLSearchParams(params).toString());
    return fetchPicture(params).then(function (p) {
      view.show(p);
      $('graph-note').textContent = p.title + ': ' + p.nodes.length + ' entities, ' +
        p.edges.length + ' relations' + (p.note ? ' (' + p.note + ')' : '') + '.';
      document.body.setAttribute('data-graph-ready', 'true');
    }).catch(function (e) {
      $('graph-note').textContent = '';
      showError('graph-error', e.message);
      document.body.setAttribute('data-graph-ready', 'error');
    });
  }

  $('graph-form').addEventListener('submit', function (evt) {
    evt.preventDefault();
    var entity = $('entity').value.trim();
    var to = $('to').value.trim();
    if (!entity) { return; }
    showGraph(to ? { from: entity, to: to } : { entity: entity, hops: $('hops').value });
  });

  /* Completion: the labels of entities as one types. */
  var completing = 0;
  function complete(evt) {
    var typed = evt.target.value.trim();
    if (typed.length < 2) { return; }
    var mine = ++completing;
    fetch('/api/complete?q=' + encodeURIComponent(typed)).then(answerText).then(JSON.parse)
      .then(function (found) {
        if (mine !== completing) { return; }
        var list = $('entities');
        list.textContent = '';
        found.forEach(function (c) { list.appendChild(el('option', { value: c.label })); });
      }).catch(function () { /* completion is a help, not a requirement */ });
  }
  $('entity').addEventListener('input', complete);
  $('to').addEventListener('input', complete);

  /* Query. */
  var examples = data('examples-data');
  examples.forEach(function (ex, i) {
    $('examples').appendChild(el('option', { value: String(i) }, ex.title));
  });
  $('examples').addEventListener('change', function () {
    var ex = examples[Number(this.value)];
    if (ex) { $('query').value = ex.text; }
  });

  function compact(iri) {
    for (var i = 0; i < prefixes.length; i++) {
      var ns = prefixes[i][1];
      if (iri.indexOf(ns) === 0 && /^[A-Za-z0-9_\-]*$/.test(iri.slice(ns.length))) {
        return prefixes[i][0] + ':' + iri.slice(ns.length);
      }
    }
    return '<' + iri + '>';
  }
  function cell(term) {
    if (!term) { return ''; }
    if (term.type === 'uri') { return compact(term.value); }
    if (term.type === 'bnode') { return '_:' + term.value; }
    return term.value + (term['xml:lang'] ? '@' + term['xml:lang'] : '');
  }

  function runQuery() {
    var text = $('query').value;
    showError('query-error', '');
    $('query-status').textContent = 'Running…';
    $('results').textContent = '';
    var started = Date.now();
    history.replaceState(null, '', '?' + new URLSearchParams({ tab: 'query', query: text }).toString());
    var cut = null;
    return fetch('/query', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Accept': 'application/sparql-results+json, text/turtle;q=0.9'
      },
      body: 'query=' + encodeURIComponent(text)
    }).then(function (response) {
      cut = response.headers.get('X-SPARQL-MaxRows');
      var type = response.headers.get('Content-Type') || '';
      return answerText(response).then(function (body) { return { type: type, body: body }; });
    }).then(function (answer) {
      var took = ' (' + (Date.now() - started) + ' ms)';
      var results = $('results');
      if (answer.type.indexOf('json') >= 0) {
        var json = JSON.parse(answer.body);
        if (typeof json.boolean === 'boolean') {
          results.appendChild(el('p', { id: 'results-boolean' }, String(json.boolean)));
          $('query-status').textContent = 'yes/no answer' + took;
        } else {
          var vars = json.head.vars || [];
          var rows = json.results.bindings || [];
          var table = el('table', { id: 'results-table' });
          var head = el('tr');
          vars.forEach(function (v) { head.appendChild(el('th', null, v)); });
          table.appendChild(head);
          rows.forEach(function (row) {
            var tr = el('tr');
            vars.forEach(function (v) { tr.appendChild(el('td', null, cell(row[v]))); });
            table.appendChild(tr);
          });
          results.appendChild(table);
          $('query-status').textContent = rows.length + (rows.length === 1 ? ' row' : ' rows') +
            (cut ? ', cut at the server\'s limit of ' + cut : '') + took;
        }
      } else {
        results.appendChild(el('pre', { 'class': 'triples', id: 'results-text' }, answer.body));
        $('query-status').textContent = (cut ? 'cut at the server\'s limit of ' + cut : 'triples') + took;
      }
      document.body.setAttribute('data-query-ready', 'true');
    }).catch(function (e) {
      $('query-status').textContent = '';
      showError('query-error', e.message);
      document.body.setAttribute('data-query-ready', 'error');
    });
  }
  $('run').addEventListener('click', runQuery);
  $('query').addEventListener('keydown', function (evt) {
    if (evt.key === 'Enter' && (evt.ctrlKey || evt.metaKey)) { evt.preventDefault(); runQuery(); }
  });

  /* What the address asks for. */
  var asked = new URLSearchParams(location.search);
  if (asked.get('tab') === 'query') {
    selectTab('query');
    if (asked.get('query')) { $('query').value = asked.get('query'); runQuery(); }
  } else if (asked.get('entity')) {
    $('entity').value = asked.get('entity');
    if (asked.get('hops')) { $('hops').value = asked.get('hops'); }
    showGraph({ entity: asked.get('entity'), hops: asked.get('hops') || '1' });
  } else if (asked.get('from') && asked.get('to')) {
    $('entity').value = asked.get('from');
    $('to').value = asked.get('to');
    showGraph({ from: asked.get('from'), to: asked.get('to') });
  }
})();
