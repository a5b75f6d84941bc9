/* newskg: the graph view shared by the page of `newskg serve` and the files
 * of `newskg viz`. Draws a picture (nodes coloured by class, edges labelled
 * by predicate) with Cytoscape.js; hovering an edge shows the sentences and
 * articles that state it; clicking a node calls `onExpand` (the page fetches
 * and merges its neighbourhood) or, without it, highlights its neighbours.
 * Everything drawn is also listed as text in `list` (for reading, copying
 * and printing). Text from the graph is only ever set as text, never as HTML. */
(function () {
  'use strict';

  function edgeId(e) {
    return e.source + ' ' + e.predicate + ' ' + e.target;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function evidenceList(evidence) {
    var ul = el('ul', { 'class': 'evidence' });
    (evidence || []).forEach(function (ev) {
      var li = el('li');
      li.appendChild(el('q', null, ev.sentence || '(no sentence recorded)'));
      var where = [ev.publisher, ev.date].filter(Boolean).join(', ');
      var cite = el('div', { 'class': 'cite' });
      if (ev.source && /^https?:\/\//.test(ev.source)) {
        var a = el('a', { href: ev.source, target: '_blank', rel: 'noopener noreferrer' }, where || ev.source);
        cite.appendChild(a);
      } else {
        cite.textContent = where || ev.source || ev.article;
      }
      li.appendChild(cite);
      ul.appendChild(li);
    });
    return ul;
  }

  /* Room for the label (wrapped at 120 px), at about 6.5 px a letter. */
  function labelLines(n) { return Math.max(1, Math.ceil(String(n.data('label')).length * 6.5 / 120)); }
  function nodeWidth(n) { return Math.min(String(n.data('label')).length * 6.5, 120) + 18; }
  function nodeHeight(n) { return labelLines(n) * 14 + 14; }

  var STYLE = [
    { selector: 'node', style: {
      'shape': 'round-rectangle', 'background-color': 'data(colour)',
      'label': 'data(label)', 'font-size': 11, 'text-valign': 'center', 'text-halign': 'center',
      'text-wrap': 'wrap', 'text-max-width': 120, 'width': nodeWidth, 'height': nodeHeight, 'border-width': 1, 'border-color': '#6b6b6b', 'color': '#1b1b1b' } },
    { selector: 'node[?focus]', style: { 'border-width': 3, 'border-color': '#1d3557' } },
    { selector: 'edge', style: {
      'curve-style': 'bezier', 'label': 'data(predicate)', 'font-size': 9,
      'text-rotation': 'autorotate', 'text-background-color': '#ffffff',
      'text-background-opacity': 0.85, 'text-background-padding': '1px',
      'line-color': '#8d99ae', 'target-arrow-color': '#8d99ae',
      'target-arrow-shape': 'triangle', 'width': 'mapData(articles, 0, 10, 1.2, 5)', 'color': '#333' } },
    { selector: 'edge[?symmetric]', style: { 'target-arrow-shape': 'none' } },
    { selector: 'edge.hover', style: { 'line-color': '#e63946', 'target-arrow-color': '#e63946', 'z-index': 10 } },
    { selector: '.faded', style: { 'opacity': 0.2 } }
  ];

  function NewskgGraph(container, opts) {
    opts = opts || {};
    this.onExpand = opts.onExpand || null;
    this.list = opts.list || null;
    this.tip = el('div', { 'class': 'newskg-tip', role: 'tooltip' });
    this.tip.hidden = true;
    document.body.appendChild(this.tip);
    this.pictures = [];
    this.cy = cytoscape({
      container: container, elements: [], style: STYLE,
      minZoom: 0.1, maxZoom: 4
    });
    var self = this;
    this.cy.on('mouseover', 'edge', function (evt) { self.showEdge(evt.target, evt.originalEvent); });
    function hideTip() {
      self.cy.edges('.hover').removeClass('hover');
      self.tip.hidden = true;
    }
    this.cy.on('mouseout', 'edge', hideTip);
    // Leaving the graph fast enough skips the edge's own mouseout, and
    // Cytoscape may report a hover after the pointer has left.
    this.pointer = null;
    document.addEventListener('mousemove', function (e) {
      self.pointer = { x: e.clientX, y: e.clientY };
    }, true);
    container.addEventListener('mouseleave', hideTip);
    this.container = container;
    // Cytoscape keeps the container's place and size: tell it when they
    // change (a scroll bar appearing, the window resized, a tab shown), or
    // the pointer is taken for a point beside it.
    if (window.ResizeObserver) {
      new ResizeObserver(function () { self.cy.resize(); }).observe(container);
    }
    window.addEventListener('scroll', function () { self.cy.resize(); }, { passive: true });
    this.cy.on('viewport', hideTip);
    this.cy.on('tap', 'node', function (evt) {
      var n = evt.target;
      if (self.onExpand) {
        self.onExpand(n.id(), n.data('label'));
      } else {
        self.cy.elements().addClass('faded');
        n.closedNeighborhood().removeClass('faded');
      }
    });
    this.cy.on('tap', function (evt) {
      if (evt.target === self.cy) { self.cy.elements().removeClass('faded'); }
    });
  }

  NewskgGraph.prototype.showEdge = function (edge, mouse) {
    var box = this.container.getBoundingClientRect();
    var p = this.pointer;
    if (p && (p.x < box.left || p.x > box.right || p.y < box.top || p.y > box.bottom)) { return; }
    edge.addClass('hover');
    var d = edge.data();
    var tip = this.tip;
    tip.textContent = '';
    var head = el('div', { 'class': 'tip-head' });
    head.appendChild(el('b', null, this.cy.getElementById(d.source).data('label')));
    head.appendChild(document.createTextNode(' ' + d.predicate + ' '));
    head.appendChild(el('b', null, this.cy.getElementById(d.target).data('label')));
    tip.appendChild(head);
    tip.appendChild(el('div', { 'class': 'tip-count' },
      d.articles + (d.articles === 1 ? ' article' : ' articles')));
    tip.appendChild(evidenceList(d.evidence));
    tip.hidden = false;
    if (mouse) {
      var x = Math.min(mouse.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
      var y = Math.min(mouse.clientY + 14, window.innerHeight - tip.offsetHeight - 8);
      tip.style.left = Math.max(4, x) + 'px';
      tip.style.top = Math.max(4, y) + 'px';
    }
  };

  /* Adds a picture's nodes and edges (those not there yet), new nodes
   * placed around `anchor` (a node's id) when given; returns how many. */
  NewskgGraph.prototype.add = function (picture, anchor) {
    var cy = this.cy;
    var around = anchor && cy.getElementById(anchor).nonempty() ? cy.getElementById(anchor).position() : null;
    var added = [];
    (picture.nodes || []).forEach(function (n) {
      var existing = cy.getElementById(n.id);
      if (existing.nonempty()) {
        if (n.focus) { existing.data('focus', true); }
        return;
      }
      var node = { group: 'nodes', data: {
        id: n.id, label: n.label, 'class': n['class'], colour: n.colour, focus: !!n.focus, degree: n.degree } };
      if (around) {
        var angle = added.length * 2.4;
        node.position = { x: around.x + 90 * Math.cos(angle), y: around.y + 90 * Math.sin(angle) };
      }
      added.push(node);
    });
    (picture.edges || []).forEach(function (e) {
      var id = edgeId(e);
      if (cy.getElementById(id).nonempty()) { return; }
      added.push({ group: 'edges', data: {
        id: id, source: e.source, target: e.target, predicate: e.predicate,
        symmetric: !!e.symmetric, articles: e.articles, evidence: e.evidence } });
    });
    cy.add(added);
    this.pictures.push(picture);
    return added.length;
  };

  /* Lays the graph out: from scratch, or (`keep`) from where nodes are. */
  NewskgGraph.prototype.layout = function (keep) {
    var n = this.cy.nodes().length;
    this.cy.layout({
      name: n > 1 ? 'cose' : 'grid', animate: false, padding: 30, randomize: !keep,
      nodeRepulsion: function () { return 400000; }, nodeOverlap: 20,
      idealEdgeLength: function () { return 110; }, gravity: 0.25, numIter: 1500
    }).run();
    this.renderList();
    // The list may have brought a scroll bar: measure again, then fit.
    this.cy.resize();
    this.cy.fit(undefined, 30);
  };

  /* Replaces what is drawn by `picture`. */
  NewskgGraph.prototype.show = function (picture) {
    this.cy.elements().remove();
    this.pictures = [];
    this.add(picture);
    this.layout();
  };

  /* Adds `picture` to what is drawn (a node's neighbourhood, expanded). */
  NewskgGraph.prototype.merge = function (picture, anchor) {
    var added = this.add(picture, anchor);
    this.layout(true);
    return added;
  };

  /* The text list of what is drawn: entities, then relations with the first sentence. */
  NewskgGraph.prototype.renderList = function () {
    if (!this.list) { return; }
    var cy = this.cy;
    var list = this.list;
    list.textContent = '';
    var nodes = el('ul', { 'class': 'nodes', id: 'newskg-nodes' });
    cy.nodes().sort(function (a, b) { return a.data('label').localeCompare(b.data('label')); })
      .forEach(function (n) {
        var li = el('li', { 'class': 'node', 'data-iri': n.id(), 'data-class': n.data('class') });
        var swatch = el('span', { 'class': 'swatch' });
        swatch.style.background = n.data('colour');
        li.appendChild(swatch);
        li.appendChild(document.createTextNode(n.data('label') + ' (' + n.data('class') + ')'));
        nodes.appendChild(li);
      });
    var table = el('table', { 'class': 'edges', id: 'newskg-edges' });
    var head = el('tr');
    ['From', 'Relation', 'To', 'Articles', 'Stated in'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    table.appendChild(head);
    cy.edges().forEach(function (e) {
      var d = e.data();
      var tr = el('tr', { 'class': 'edge', 'data-source': d.source, 'data-predicate': d.predicate, 'data-target': d.target });
      tr.appendChild(el('td', null, cy.getElementById(d.source).data('label')));
      tr.appendChild(el('td', null, d.predicate));
      tr.appendChild(el('td', null, cy.getElementById(d.target).data('label')));
      tr.appendChild(el('td', null, d.articles));
      var first = (d.evidence || [])[0];
      tr.appendChild(el('td', null, first ? (first.sentence || first.article) : ''));
      table.appendChild(tr);
    });
    list.appendChild(el('h3', null, cy.nodes().length + ' entities'));
    list.appendChild(nodes);
    list.appendChild(el('h3', null, cy.edges().length + ' relations'));
    list.appendChild(table);
  };

  NewskgGraph.legend = function (into, legend) {
    into.textContent = '';
    legend.forEach(function (entry) {
      var item = el('span', { 'class': 'legend-item' });
      var swatch = el('span', { 'class': 'swatch' });
      swatch.style.background = entry[1];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(entry[0]));
      into.appendChild(item);
    });
  };

  window.NewskgGraph = NewskgGraph;
})();
