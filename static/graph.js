// argmap explorer, the graph: vis-network drawn from the page's compact records (render.graph) and
// style tables, restyled in place when the labels change; positions never move. Three things keep a
// big map quick and readable:
// * on big maps (vis.view), edges far out are straight lines without heads or dashes, which are
//   invisible at that size and cost most of a redraw; zoomed in, they get them back;
// * a label smaller than vis.label_min_px on screen is not drawn (vis-network's drawThreshold), and
//   #graph[data-labels] says which kinds are drawn: "all", "none" or the kinds, e.g. "hypothesis";
// * the neighbourhood of the selected node (1 to 3 hops along relations, either way) stays in focus:
//   one translucent layer dims the rest and the neighbourhood is drawn again above it, so focusing
//   costs a few nodes' drawing, not a restyle of the whole map. #graph[data-focus], [data-hops] and
//   [data-focus-size] mirror it.
// Every proposition's label starts with its state in words (✓ IN, ✗ OUT, ? UNDEC, – OFF), so the label
// survives greyscale and colour-blindness. The first view (firstView) shows the hypotheses and what
// lies one relation from them at a readable size (vis.readable_px on screen), anchored on the
// hypotheses' column; wholeMap() fits everything.
// A reified relation is a junction node with the relation's id; every edge shows its step's status
// (inferences: IN/UNDEC active, OUT failed, OFF inactive) as render.edge_states computes it.

const DIM = "rgba(255, 255, 255, 0.82)";
export const STATE_WORDS = { IN: "✓ IN", OUT: "✗ OUT", UNDEC: "? UNDEC", OFF: "– OFF" };
const VIEW_MARGIN = 40; // screen px kept free right of the first view's hypotheses
const VIEW_TOP = 90; // and above them: the find box and the view buttons sit there

// vis-network draws every edge on every redraw, in view or not; a big map opened at a readable size
// shows a few dozen of its thousands. So its edges (and their heads) are drawn only when the box around
// their ends, widened for their curve, meets the view.
function cullEdges(network, container) {
  const renderer = network.renderer;
  let view = null;
  const seen = (edge) => {
    const a = edge.from;
    const b = edge.to;
    if (!a || !b || !view) return true;
    const bend = Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y)) * 0.35 + 30;
    return Math.min(a.x, b.x) - bend <= view.right && Math.max(a.x, b.x) + bend >= view.left && Math.min(a.y, b.y) - bend <= view.bottom && Math.max(a.y, b.y) + bend >= view.top;
  };
  const each = (ctx, draw) => {
    const { edges, edgeIndices } = network.body;
    for (const id of edgeIndices) {
      const edge = edges[id];
      if (edge.connected === true && seen(edge)) draw(edge, ctx);
    }
  };
  renderer._drawEdges = (ctx) => {
    const canvas = container.querySelector("canvas");
    const from = network.DOMtoCanvas({ x: 0, y: 0 });
    const to = network.DOMtoCanvas({ x: canvas.clientWidth, y: canvas.clientHeight });
    view = { left: from.x, top: from.y, right: to.x, bottom: to.y };
    each(ctx, (edge, c) => edge.draw(c));
  };
  renderer._drawArrows = (ctx) => each(ctx, (edge, c) => edge.drawArrows(c));
}

// Draws the graph at once (synchronously), fitted to the container but never above ``maxScale``.
export function drawGraph(container, vis, labels, inferences, distrust, maxScale) {
  const view = vis.view; // null on small maps
  const kindOf = {};
  let status = { ...labels, ...inferences }; // propositions' labels and steps' statuses: one namespace
  let haloed = []; // junctions haloed by the last restyle (their step's status changed)
  const shortOf = {};
  const nodeStyle = (id, label) =>
    kindOf[id] === "junction"
      ? vis.junction_styles[label]
      : { ...vis.styles[kindOf[id]][label], label: `${STATE_WORDS[label] || label}\n${shortOf[id]}` };
  const nodes = new window.vis.DataSet(
    vis.nodes.map((n) => {
      kindOf[n.id] = n.kind;
      shortOf[n.id] = n.label;
      return { ...n, shape: vis.shapes[n.kind], ...nodeStyle(n.id, status[n.id]) };
    }),
  );
  const edgeList = vis.edges.map((e) => ({ id: e.id, style: e.style, from: e.from, to: e.to, by: e.by, step: e.step, smooth: e.smooth }));
  const state = Object.fromEntries(edgeList.map((e) => [e.id, edgeState(e, status, distrust)]));
  // A big map opens on the whole drawing, far out: its edges start plain, as the options' defaults,
  // so each carries only its colour and width (vis-network parses every option of every edge).
  // It opens on its hypotheses at a readable size (detailed edges), or with none, on the whole far out.
  const hypotheses = vis.nodes.filter((n) => n.kind === "hypothesis").map((n) => n.id);
  let plain = Boolean(view) && !hypotheses.length;
  const edges = new window.vis.DataSet(
    vis.edges.map(({ smooth, ...e }) => {
      const style = vis.edge_styles[e.style][state[e.id]];
      return plain ? { ...e, color: style.color, width: style.width } : { ...e, ...edgeOptions({ ...e, smooth }, state[e.id], false) };
    }),
  );
  const options = plain ? { ...vis.options, edges: { ...vis.options.edges, ...view.plain_edge } } : vis.options;
  // vis-network draws once while it takes the data, before it fits the view; on a big map that
  // wasted drawing costs as much as the real one. So drawing waits until the view is fitted.
  const network = new window.vis.Network(container, {}, options);
  network.body.emitter.emit("_blockRedraw");
  network.setData({ nodes, edges });

  if (view) cullEdges(network, container);

  const neighbours = new Map();
  for (const e of edgeList) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  function link(a, b) {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a).add(b);
  }

  // --- views: the hypotheses' neighbourhood at a readable size, or the whole map ---------------------

  const firstIds = new Set(hypotheses.flatMap((h) => [...neighbourhood(h, 1)]));
  // The smallest scale at which every kind in the first view has labels of vis.readable_px.
  const readableScale = Math.max(
    ...[...firstIds].filter((id) => kindOf[id] !== "junction").map((id) => vis.readable_px / vis.styles[kindOf[id]].IN.font.size),
  );

  // The hypotheses and their neighbours, fitted if they fit at a readable size; else at the readable
  // size, the hypotheses' column at the right (their neighbours lie to its left) and its top in view.
  function firstView() {
    if (!firstIds.size) return wholeMap();
    network.fit({ nodes: [...firstIds], animation: false });
    const scale = Math.min(network.getScale(), maxScale);
    if (scale >= readableScale) {
      network.moveTo({ scale });
      return;
    }
    const boxes = hypotheses.map((id) => network.getBoundingBox(id));
    // A hypothesis's label hangs below it and may be wider than the shape: up to the widest label.
    const labelHalf = ((vis.options.nodes.widthConstraint || {}).maximum || 180) / 2;
    const right = Math.max(...hypotheses.map((id) => network.getPositions([id])[id].x + labelHalf), ...boxes.map((b) => b.right));
    const top = Math.min(...boxes.map((b) => b.top));
    const bottom = Math.max(...boxes.map((b) => b.bottom));
    const canvas = container.querySelector("canvas");
    const halfW = canvas.clientWidth / 2 / readableScale;
    const halfH = canvas.clientHeight / 2 / readableScale;
    const margin = VIEW_MARGIN / readableScale;
    const above = VIEW_TOP / readableScale;
    const y = bottom - top + above + margin <= 2 * halfH ? (top - above + bottom + margin) / 2 : top - above + halfH;
    network.moveTo({ position: { x: right + margin - halfW, y }, scale: readableScale });
  }

  function wholeMap() {
    network.fit({ animation: false });
    if (network.getScale() > maxScale) network.moveTo({ scale: maxScale });
  }

  firstView();
  network.body.emitter.emit("_allowRedraw");

  function edgeOptions(edge, edgeStateNow, drawPlain) {
    const style = vis.edge_styles[edge.style][edgeStateNow];
    if (drawPlain) return { ...style, ...view.plain_edge };
    return { ...style, smooth: edge.smooth || vis.edge_smooth };
  }

  // "active", "failed" or "inactive": a relation's edge shows its step's status; a premise's edge into
  // a junction is failed where that premise is rejected; an excludes is active while both rivals are
  // on and someone in its ``by`` (if any) is trusted.
  function edgeState(edge, statusNow, distrusted) {
    if (edge.style === "excludes") return isActive(edge, statusNow, distrusted) ? "active" : "inactive";
    const step = statusNow[edge.step || edge.id];
    if (step === "OFF") return "inactive";
    return (edge.step ? statusNow[edge.from] : step) === "OUT" ? "failed" : "active";
  }

  function isActive(edge, labelsNow, distrusted) {
    const trusted = (a) => !(distrusted instanceof Set ? distrusted.has(a) : distrusted.includes(a));
    return labelsNow[edge.from] !== "OFF" && labelsNow[edge.to] !== "OFF" && (!edge.by || !edge.by.length || edge.by.some(trusted));
  }

  // New labels and step statuses: restyle the nodes in ``touched`` and the junctions whose step
  // changed (haloed if in ``changed``, or if the step changed), and every edge whose state changed,
  // then draw once. Edges are restyled on the drawn objects (a DataSet update would cost another pass
  // over the graph). vis-network answers a DataSet update with a drawing at once and another in the
  // next frame: both are held back, for one drawing here with everything.
  function restyle(after, afterSteps, touched, changed, distrusted) {
    const before = status;
    status = { ...after, ...afterSteps };
    const items = [];
    for (const id of touched) items.push({ id, ...nodeStyle(id, status[id]), ...(changed.has(id) ? vis.changed_style : {}) });
    for (const id of haloed) {
      if (!(id in afterSteps && before[id] !== status[id])) items.push({ id, ...nodeStyle(id, status[id]) });
    }
    haloed = [];
    for (const id of Object.keys(afterSteps)) {
      if (kindOf[id] === "junction" && before[id] !== status[id]) {
        items.push({ id, ...nodeStyle(id, status[id]), ...vis.junction_changed_style });
        haloed.push(id);
      }
    }
    network.body.emitter.emit("_blockRedraw");
    try {
      for (const edge of edgeList) {
        const now = edgeState(edge, status, distrusted);
        if (now !== state[edge.id]) {
          state[edge.id] = now;
          network.body.edges[edge.id].setOptions(edgeOptions(edge, now, plain));
        }
      }
      if (items.length) nodes.update(items);
    } finally {
      network.body.emitter.emit("_allowRedraw");
    }
    network.redraw();
  }

  // --- zoom: plain or detailed edges, labels drawn or not -----------------------------------------

  const fontSize = Object.fromEntries(Object.entries(vis.styles).map(([kind, byLabel]) => [kind, byLabel.IN.font.size]));

  function labelsShown(scale) {
    const kinds = Object.keys(fontSize).filter((kind) => fontSize[kind] * scale >= vis.label_min_px);
    if (kinds.length === Object.keys(fontSize).length) return "all";
    return kinds.length ? kinds.join(" ") : "none";
  }

  function followZoom() {
    const scale = network.getScale();
    const shown = labelsShown(scale);
    if (container.dataset.labels !== shown) container.dataset.labels = shown;
    if (!view || plain === scale < view.plain_below) return false;
    plain = !plain;
    for (const edge of edgeList) network.body.edges[edge.id].setOptions(edgeOptions(edge, state[edge.id], plain));
    container.dataset.edges = plain ? "plain" : "detailed";
    return true;
  }
  if (view) container.dataset.edges = plain ? "plain" : "detailed";

  // --- focus on a neighbourhood ---------------------------------------------------------------------

  let focus = null; // {id, hops, nodes: Set, edges: [ids]}

  // Nodes at most ``hops`` relations from ``id``: a junction is part of its relation, so passing
  // through it costs no hop (a premise's neighbours include its step's other premises and target).
  function neighbourhood(id, hops) {
    const seen = new Set([id]);
    let frontier = [id];
    for (let step = 0; step < hops && frontier.length; step++) {
      const next = [];
      const through = [...frontier];
      while (through.length) {
        for (const b of neighbours.get(through.pop()) || []) {
          if (seen.has(b)) continue;
          seen.add(b);
          if (kindOf[b] === "junction") through.push(b);
          else next.push(b);
        }
      }
      frontier = next;
    }
    return seen;
  }

  // Keep ``id``'s neighbourhood of ``hops`` in focus; no id (or 0 hops) shows the whole graph again.
  function setFocus(id, hops) {
    focus = id && hops > 0 ? { id, hops, nodes: neighbourhood(id, hops) } : null;
    if (focus) focus.edges = edgeList.filter((e) => focus.nodes.has(e.from) && focus.nodes.has(e.to)).map((e) => e.id);
    container.dataset.focus = focus ? id : "";
    container.dataset.hops = focus ? String(hops) : "";
    container.dataset.focusSize = focus ? String(focus.nodes.size) : "";
    network.redraw();
    return focus ? [...focus.nodes] : [];
  }

  function drawFocus(ctx) {
    const canvas = container.querySelector("canvas");
    const from = network.DOMtoCanvas({ x: 0, y: 0 });
    const to = network.DOMtoCanvas({ x: canvas.clientWidth, y: canvas.clientHeight });
    ctx.save();
    ctx.fillStyle = DIM;
    ctx.fillRect(from.x, from.y, to.x - from.x, to.y - from.y);
    ctx.restore();
    const body = network.body;
    const drawn = focus.edges.map((id) => body.edges[id]).filter((e) => e && e.connected);
    for (const edge of drawn) edge.draw(ctx);
    for (const edge of drawn) edge.drawArrows(ctx);
    const labelsLater = [];
    for (const id of focus.nodes) {
      const later = body.nodes[id] && body.nodes[id].draw(ctx);
      if (later && later.drawExternalLabel) labelsLater.push(later.drawExternalLabel);
    }
    for (const draw of labelsLater) draw();
  }

  network.on("afterDrawing", (ctx) => {
    if (focus) drawFocus(ctx);
    if (followZoom()) network.body.emitter.emit("_requestRedraw"); // the edges' detail changed: next frame shows it
  });
  network.redraw();

  return { network, nodes, edges, kindOf, shortOf, firstView, wholeMap, readableScale, restyle, setFocus, isActive, edgeState: (id) => state[id], focused: () => focus };
}
