// argmap explorer: one ES module, no build step. The server renders the page for the scenario in the
// URL; this script draws the graph (vis-network, served from the installed pyvis package) and, on every
// switch, asks the server for the new labels and restyles nodes in place: positions never change.
// Map text is only ever set as text (textContent, DOM nodes), never parsed as HTML.

import { attachAccounts } from "./accounts.js";
import { attachAnalysis } from "./analysis.js";
import { detailParts, stepParts } from "./details.js";
import { attachExports } from "./exports.js";
import { drawGraph } from "./graph.js";
import { attachFind, attachOutline, relationIndex, relationLists } from "./outline.js";
import { attachVerdictTools, attachViewTools } from "./controls.js";
import { el } from "./dom.js";

const SUPPORT_DEFAULT = "evidential";
const MAX_FIRST_SCALE = 1.2;

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));


let inflight = 0; // requests under way (benchmarks wait for none before timing a switch)

export async function api(url) {
  inflight += 1;
  let response, body;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
    body = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
  } finally {
    inflight -= 1;
  }
  if (!response.ok) {
    const error = new Error(body.error || `HTTP ${response.status}`);
    error.details = body.details || [];
    throw error;
  }
  return body;
}

// --- scenario <-> query string (the same form as argmap.scenario.Scenario.to_query) ---------------

export function parseQuery(search) {
  const params = new URLSearchParams(search);
  const ids = (key) => params.getAll(key).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return { off: new Set(ids("off")), distrust: new Set(ids("distrust")), support: params.get("support") || SUPPORT_DEFAULT };
}

export function toQuery(scenario) {
  const parts = [];
  const list = (set) => [...set].sort().map(encodeURIComponent).join(",");
  if (scenario.off.size) parts.push(`off=${list(scenario.off)}`);
  if (scenario.distrust.size) parts.push(`distrust=${list(scenario.distrust)}`);
  if (scenario.support !== SUPPORT_DEFAULT) parts.push(`support=${encodeURIComponent(scenario.support)}`);
  return parts.join("&");
}

// --- the explorer page ------------------------------------------------------------------------------

function explorer(data) {
  const mapId = data.map.id;
  // Fitting a small map would blow its nodes up: its first view is at most a little over life size.
  const graph = drawGraph($("#graph"), data.vis, data.labels, data.inferences, data.scenario.distrust, MAX_FIRST_SCALE);
  const { network, nodes, edges } = graph;
  const index = relationIndex(data.vis); // what each proposition supports and attacks, and what bears on it

  const state = {
    scenario: {
      off: new Set(data.scenario.off),
      distrust: new Set(data.scenario.distrust),
      support: data.scenario.support,
    },
    labels: { ...data.labels },
    inferences: { ...data.inferences }, // each step's status: relation id -> IN/OUT/UNDEC/OFF
    highlighted: new Set(),
    selected: null,
    seq: 0,
    detailSeq: 0,
  };
  const timings = []; // ms from a switch's event to the frame that shows the new colours (for benchmarks)
  const phases = [];
  const inflightNow = () => inflight;
  window.argmap = { network, nodes, edges, state, timings, phases, mapId, select, focus, graph, inflight: inflightNow };

  // Switches -> scenario -> URL -> labels -> restyle. pushState makes each switch a history entry.
  // Labels come first (cheap) and recolour at once; the verdicts' reasons follow in a second request.
  async function apply({ push, started = performance.now() }) {
    const query = toQuery(state.scenario);
    const seq = ++state.seq;
    const request = api(`/api/maps/${encodeURIComponent(mapId)}/labels?${query}`); // first: the rest overlaps it
    if (push) history.pushState({ query }, "", `${location.pathname}${query ? `?${query}` : ""}`);
    let body;
    try {
      body = await request;
    } catch (err) {
      if (seq === state.seq) showChanges(`Could not evaluate this scenario: ${err.message}`, true);
      return;
    }
    if (seq !== state.seq) return; // a later switch has already asked again
    const fetched = performance.now();
    recolour(body.labels, body.inferences);
    const done = performance.now();
    // The graph was redrawn in recolour(); the next frame paints it with the panel: a task queued from
    // that frame's animation callback runs once it is painted.
    requestAnimationFrame(() =>
      setTimeout(() => {
        const shown = performance.now();
        timings.push(shown - started);
        phases.push({ request: fetched - started, recolour: done - fetched, frame: shown - done });
      }),
    );
    document.dispatchEvent(new CustomEvent("argmap:updated", { detail: { query } }));
    if (state.selected) showDetails(state.selected);
    for (const item of verdictItems) item.classList.add("stale");
    clearTimeout(reasonsTimer); // reasons wait for a pause in the clicking: each costs the server an explanation
    reasonsTimer = setTimeout(() => loadReasons(seq), REASONS_DELAY);
  }

  // Reasons cost the server an explanation each, so a long verdict list asks only for the items in view
  // (and for more as it scrolls); a short one asks for all at once.
  const verdictItems = $$('[data-testid="hypothesis"]');
  const ALL_REASONS_UP_TO = 40;
  const REASONS_DELAY = 250;
  let reasonsTimer = 0;

  const verdictScroller = $(".panel.left .left-top");

  function inView(item) {
    const panel = verdictScroller.getBoundingClientRect();
    const box = item.getBoundingClientRect();
    return box.bottom >= panel.top - 200 && box.top <= panel.bottom + 200;
  }

  // Asks for the reasons of the scenario numbered ``seq`` that are not there yet (nor asked for).
  async function loadReasons(seq) {
    if (seq !== state.seq) return;
    const mark = `${seq}`;
    const wanted = verdictItems.filter((item) => item.dataset.reasonFor !== mark && item.dataset.asking !== mark);
    const batch = verdictItems.length <= ALL_REASONS_UP_TO ? wanted : wanted.filter(inView);
    if (!batch.length) return;
    const ids = verdictItems.length <= ALL_REASONS_UP_TO ? "" : `&ids=${batch.map((i) => i.dataset.nodeId).join(",")}`;
    for (const item of batch) item.dataset.asking = mark;
    let body;
    try {
      body = await api(`/api/maps/${encodeURIComponent(mapId)}/verdicts?${toQuery(state.scenario)}${ids}`);
    } catch (err) {
      body = null; // the labels are shown; a reason that could not be had stays marked stale
    }
    if (!body || seq !== state.seq) return;
    for (const item of batch) {
      const reason = $("[data-reason]", item);
      reason.textContent = body.reasons[item.dataset.nodeId] || "";
      reason.title = reason.textContent;
      item.dataset.reasonFor = mark;
      item.classList.remove("stale");
    }
  }

  let scrollTimer = 0;
  verdictScroller.addEventListener("scroll", () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => loadReasons(state.seq), 150);
  });

  // Only what changed is touched: the nodes whose label changed (and those haloed by the last switch),
  // the junctions and edges whose step's status changed, the verdicts whose label or halo changed.
  function recolour(after, afterSteps) {
    const before = state.labels;
    const changed = Object.keys(after).filter((id) => before[id] !== after[id]);
    const changedNow = new Set(changed);
    const touched = new Set([...changed, ...state.highlighted]);
    graph.restyle(after, afterSteps, touched, changedNow, state.scenario.distrust);
    state.labels = { ...after };
    state.inferences = { ...afterSteps };
    state.highlighted = changedNow;
    for (const item of verdictItems) {
      const id = item.dataset.nodeId;
      if (touched.has(id)) {
        item.dataset.label = after[id];
        paintBadge($("[data-badge]", item), after[id]);
        item.classList.toggle("changed", changedNow.has(id));
      }
    }
    outline.relabel(after, changed);
    const jump = $('[data-testid="jump-changed"]');
    if (jump) jump.disabled = !verdictItems.some((item) => item.classList.contains("changed"));
    syncSwitches();
    describeChanges(changed, before, after);
  }

  // "Washington ordered it: rejected → undecided": short labels and the labels' names, no ids.
  function describeChanges(changed, before, after) {
    const hyps = new Set(data.hypotheses.map((h) => h.id));
    const verdicts = changed.filter((id) => hyps.has(id));
    const others = changed.length - verdicts.length;
    const word = (label) => (data.vis.palette[label] ? data.vis.palette[label].name : label);
    const arrow = (id) => `${data.propositions[id].short}: ${word(before[id])} → ${word(after[id])}`;
    let text = verdicts.length
      ? `${verdicts.length === 1 ? "" : `${verdicts.length} verdicts changed. `}${verdicts.map(arrow).join("; ")}`
      : "No verdict changed";
    if (others) text += `${verdicts.length ? "." : ";"} ${others} other proposition${others === 1 ? "" : "s"} changed (haloed in the graph)`;
    showChanges(`${text}.`, false);
  }

  function showChanges(text, isError) {
    const line = $('[data-testid="change-summary"]');
    line.textContent = text;
    line.classList.toggle("error", isError);
  }

  function paintBadge(badge, label) {
    if (!badge) return;
    const colour = data.vis.palette[label];
    const rect = $("rect", badge);
    rect.setAttribute("fill", colour.background);
    rect.setAttribute("stroke", colour.border);
    rect.setAttribute("stroke-dasharray", colour.dashes ? colour.dashes.join(" ") : "none");
    rect.setAttribute("opacity", label === "OFF" ? "0.5" : "1");
    $(".badge-text", badge).textContent = label;
  }

  function badge(label) {
    const node = $("#badge-template").content.firstElementChild.cloneNode(true);
    paintBadge(node, label);
    return node;
  }

  function syncSwitches() {
    const { off, distrust, support } = state.scenario;
    for (const box of $$("input[data-evidence-id]")) box.checked = !off.has(box.dataset.evidenceId);
    for (const box of $$("input[data-analyst-id]")) box.checked = !distrust.has(box.dataset.analystId);
    for (const box of $$("input[data-switch-for]")) box.checked = !off.has(box.dataset.switchFor);
    $("select[name=support]").value = support;
    for (const hint of $$("[data-support-hint]")) hint.hidden = hint.dataset.supportHint !== support;
    const boxes = $$("input[data-evidence-id]");
    $('[data-testid="evidence-count"]').textContent = `${boxes.filter((b) => b.checked).length} of ${boxes.length} on`;
  }

  // --- details of the selected node -----------------------------------------------------------------

  // Selecting a node shows its details and keeps its neighbourhood in focus (hops from the control).
  function select(id) {
    state.selected = id;
    network.selectNodes([id]);
    graph.setFocus(id, hops());
    outline.mark(id);
    showDetails(id);
  }

  // Selects ``id`` and brings it into view in the graph (the outline, the find box, the details' links).
  function show(id) {
    select(id);
    focus(id);
  }

  const hopsControl = $("select[name=hops]");
  const hops = () => Number(hopsControl.value);
  hopsControl.addEventListener("change", () => {
    const current = graph.focused();
    const id = current ? current.id : state.selected;
    if (id) graph.setFocus(id, hops());
  });

  // Centres the graph on a node, zoomed in far enough to read it. Big maps jump: every frame of an
  // animation would redraw the whole map.
  function focus(id) {
    if (!network.body.nodes[id]) {
      const edge = network.body.edges[id]; // a step drawn as one edge, not a junction: show its target
      if (!edge) return;
      id = edge.toId;
    }
    const animation = data.vis.view ? false : { duration: 300, easingFunction: "easeInOutQuad" };
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation });
    network.selectNodes([id]);
  }

  async function showDetails(id) {
    const panel = $('[data-testid="details"]');
    const seq = ++state.detailSeq;
    let why;
    try {
      why = await api(`/api/maps/${encodeURIComponent(mapId)}/explain/${encodeURIComponent(id)}?${toQuery(state.scenario)}`);
    } catch (err) {
      if (seq === state.detailSeq) panel.replaceChildren(el("h2", { text: "Details" }), el("p", { class: "error", text: err.message }));
      return;
    }
    if (seq !== state.detailSeq) return;
    const prop = data.propositions[id];
    const helpers = { el, badge, focus, show, propositions: data.propositions, links: (id) => relationLists(id, { index, shortOf: graph.shortOf, el, onSelect: show }), evidenceSwitch };
    panel.dataset.nodeId = id;
    panel.dataset.label = why.label;
    panel.replaceChildren(...(prop ? detailParts(prop, why, helpers) : stepParts(why, helpers)));
  }

  // A switch for evidence ``id`` in its details, in step with the left panel's.
  function evidenceSwitch(id) {
    const box = el("input", { type: "checkbox", dataset: { switchFor: id, testid: "details-switch" } });
    box.checked = !state.scenario.off.has(id);
    box.addEventListener("change", (event) => {
      const started = event.timeStamp;
      if (box.checked) state.scenario.off.delete(id);
      else state.scenario.off.add(id);
      apply({ push: true, started });
    });
    return el("label", { class: "switch details-switch" }, box, el("span", { text: "On in this scenario (uncheck to switch this evidence off)" }));
  }

  // --- outline, find, view controls, filters ----------------------------------------------------------

  const outline = attachOutline({ list: $('[data-testid="outline"]'), data, index, shortOf: graph.shortOf, labels: () => state.labels, onSelect: show, el });
  attachFind({ input: $('input[data-testid="find"]'), results: $('[data-testid="find-results"]'), data, onSelect: show, el });
  attachViewTools(graph, $$("[data-view]"));
  attachVerdictTools(verdictItems);


  // --- wiring -------------------------------------------------------------------------------------------

  for (const box of $$("input[data-evidence-id]")) {
    box.addEventListener("change", (event) => {
      const started = event.timeStamp; // when the click came in, on the clock of performance.now()
      if (box.checked) state.scenario.off.delete(box.dataset.evidenceId);
      else state.scenario.off.add(box.dataset.evidenceId);
      apply({ push: true, started });
    });
  }
  for (const box of $$("input[data-analyst-id]")) {
    box.addEventListener("change", (event) => {
      const started = event.timeStamp; // when the click came in, on the clock of performance.now()
      if (box.checked) state.scenario.distrust.delete(box.dataset.analystId);
      else state.scenario.distrust.add(box.dataset.analystId);
      apply({ push: true, started });
    });
  }
  $("select[name=support]").addEventListener("change", (event) => {
    const started = event.timeStamp;
    state.scenario.support = event.target.value;
    apply({ push: true, started });
  });
  for (const button of $$("[data-bulk]")) {
    button.addEventListener("click", (event) => {
      const started = event.timeStamp;
      const visible = $$("input[data-evidence-id]").filter((b) => !b.closest(".switch").hidden);
      for (const b of visible) {
        if (button.dataset.bulk === "on") state.scenario.off.delete(b.dataset.evidenceId);
        else state.scenario.off.add(b.dataset.evidenceId);
      }
      apply({ push: true, started });
    });
  }
  $('input[name="evidence-filter"]').addEventListener("input", (event) => filterEvidence(event.target.value));
  for (const button of $$("[data-select]")) {
    button.addEventListener("click", () => {
      select(button.dataset.select);
      focus(button.dataset.select);
    });
  }
  network.on("click", (params) => {
    if (params.nodes.length) select(params.nodes[0]);
    else if (!params.edges.length) graph.setFocus(null); // a click on the background shows everything again
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && graph.focused()) graph.setFocus(null);
  });
  window.addEventListener("popstate", () => {
    state.scenario = parseQuery(location.search);
    syncSwitches();
    apply({ push: false });
  });

  function filterEvidence(text) {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const label of $$(".evidence .switch")) {
      label.hidden = !words.every((w) => label.dataset.search.includes(w));
      if (!label.hidden) shown += 1;
    }
    for (const group of $$(".evidence .group")) group.hidden = $$(".switch", group).every((l) => l.hidden);
    $("[data-no-match]").hidden = shown > 0;
  }

  // The server may have normalised the query (order, blanks): show its canonical form.
  const canonical = toQuery(state.scenario);
  history.replaceState({ query: canonical }, "", `${location.pathname}${canonical ? `?${canonical}` : ""}`);
  syncSwitches();
  for (const item of verdictItems) {
    if (data.reasons_inline) item.dataset.reasonFor = `${state.seq}`;
    else item.classList.add("stale");
  }
  loadReasons(state.seq);
  attachAnalysis({ data, el, api, toQuery }); // hinges, compare, readings: static/analysis.js
  attachExports({ data, el, toQuery }); // downloads and the PNG picture: static/exports.js
  attachAccounts({ data, el, api, toQuery }); // coherent accounts where a verdict is UNDEC: static/accounts.js
  document.body.classList.add("graph-ready"); // drawn (by drawGraph) and wired: ready to use
}

// --- the list of maps: import form ------------------------------------------------------------------------

function importer(form) {
  const result = $("#import-result");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    result.replaceChildren(el("p", { text: "Checking…" }));
    const response = await fetch(form.action, { method: "POST", body: new FormData(form) });
    const body = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
    if (response.ok) {
      location.assign(body.url);
      return;
    }
    result.replaceChildren(
      el("p", { class: "error", text: body.error }),
      el("ul", { class: "problems" }, (body.details || []).map((line) => el("li", { text: line }))),
    );
  });
}

const dataBlock = document.getElementById("argmap-data");
if (dataBlock) explorer(JSON.parse(dataBlock.textContent));
const importForm = document.getElementById("import-form");
if (importForm) importer(importForm);
