// argmap snapshot: the self-contained HTML export and the notebook display. Not loaded by the
// explorer: argmap/snapshot.py inlines this file after graph.js (drawGraph) and details.js
// (detailParts), all in one function scope, with vis-network before it. Everything comes from the
// JSON block #argmap-data; nothing is fetched. Map text is only ever set as text, never as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";
const SNAPSHOT_MAX_SCALE = 1.2;
const data = JSON.parse(document.getElementById("argmap-data").textContent);
const $ = (sel, root = document) => root.querySelector(sel);


function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

// The label's swatch and name, as the explorer's badge macro draws them.
function badge(label) {
  const colour = data.vis.palette[label] || data.vis.palette.UNDEC;
  const box = svg("svg", { class: "swatch", viewBox: "0 0 26 16", width: 26, height: 16, "aria-hidden": "true", focusable: "false" });
  box.append(
    svg("rect", {
      x: 1.5,
      y: 1.5,
      width: 23,
      height: 13,
      rx: 3,
      fill: colour.background,
      stroke: colour.border,
      "stroke-width": 2.5,
      "stroke-dasharray": colour.dashes ? colour.dashes.join(" ") : "none",
      opacity: label === "OFF" ? "0.5" : "1",
    }),
  );
  return el("span", { class: "badge", dataset: { badge: "" } }, box, el("span", { class: "badge-text", text: label }));
}

function scenarioLine(scenario) {
  const names = Object.fromEntries(data.analysts.map((a) => [a.id, a.name]));
  const parts = [`support read as ${scenario.support}`];
  parts.push(scenario.off.length ? `evidence switched off: ${scenario.off.join(", ")}` : "all evidence on");
  if (scenario.distrust.length) parts.push(`reasoning set aside: ${scenario.distrust.map((a) => names[a] || a).join(", ")}`);
  return `Snapshot · ${parts.join(" · ")}`;
}

$('[data-testid="title"]').textContent = data.map.title;
$('[data-testid="scenario"]').textContent = scenarioLine(data.scenario);
if (data.map.question) {
  $('[data-testid="question"]').textContent = data.map.question;
  $('[data-testid="question-section"]').hidden = false;
}

const graph = drawGraph($("#graph"), data.vis, data.labels, data.scenario.distrust, SNAPSHOT_MAX_SCALE);
const { network } = graph;

const verdicts = $('[data-testid="verdicts"]');
for (const h of data.hypotheses) {
  const label = data.labels[h.id];
  const name = el("button", { type: "button", class: "link verdict-name", title: h.text, text: h.short });
  name.addEventListener("click", () => {
    select(h.id);
    focus(h.id);
  });
  verdicts.append(
    el(
      "li",
      { class: "verdict", dataset: { testid: "hypothesis", nodeId: h.id, label } },
      el("div", { class: "verdict-head" }, badge(label), name),
      el("p", { class: "reason", title: h.reason, text: h.reason }),
    ),
  );
}

const legend = $('[data-testid="legend"]');
for (const item of data.legend) {
  legend.append(el("span", { class: "legend-item" }, badge(item.label), el("small", { text: item.name })));
}
legend.append(
  el("span", { class: "legend-item", text: "box: evidence · ellipse: claim · hexagon: hypothesis" }),
  el("span", { class: "legend-item", text: "solid arrow: supports · dashed bar: attacks" }),
);

// Centres the graph on a node, zoomed in far enough to read it.
function focus(id) {
  network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
  network.selectNodes([id]);
}

function select(id) {
  const prop = data.propositions[id];
  const why = data.explanations[id];
  if (!prop || !why) return;
  const panel = $('[data-testid="details"]');
  panel.dataset.nodeId = id;
  panel.dataset.label = why.label;
  panel.replaceChildren(...detailParts(prop, why, { el, badge, focus, propositions: data.propositions }));
  network.selectNodes([id]);
}

network.on("click", (params) => {
  if (params.nodes.length) select(params.nodes[0]);
});

window.argmap = { network, select, focus, data };
document.body.classList.add("graph-ready");
