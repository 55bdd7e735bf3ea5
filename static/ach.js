// argmap ACH page: Heuer's matrix of evidence against competing hypotheses, beside the map's graph.
// The matrix comes from /api/maps/<id>/ach for the scenario in the URL; unticking a row switches that
// evidence off. Pointing at a cell shows its witness paths; clicking selects the path in the graph.
// A cell with a path for and a path against its hypothesis is contested ("I±"): Heuer's score still
// counts it as inconsistent, and its paths show both ways.
// Map text is only ever set as text (textContent, DOM nodes), never parsed as HTML.

import { api, parseQuery, toQuery } from "./app.js";
import { el } from "./dom.js";

const MARK_NAMES = { C: "consistent", I: "inconsistent", N: "neither" };
// Each column is headed by its hypothesis's verdict, in words and a glyph as well as colour.
const HOW_THEY_DIFFER =
  "ACH counts the evidence that bears against each answer whether or not that evidence is itself answered, " +
  "while the verdicts (grounded semantics) let a rebutted argument fall, so the two rankings can differ.";
const VERDICTS = { IN: ["✓", "accepted"], OUT: ["✗", "rejected"], UNDEC: ["?", "undecided"], OFF: ["–", "switched off"] };

function achPage(data) {
  const mapId = data.map.id;
  const props = data.propositions;
  const vis = data.vis;
  const kindOf = Object.fromEntries(vis.nodes.map((n) => [n.id, n.kind]));
  const nodes = new window.vis.DataSet(vis.nodes);
  const edges = new window.vis.DataSet(vis.edges);
  const network = new window.vis.Network(document.getElementById("graph"), { nodes, edges }, vis.options);
  const table = document.querySelector('[data-testid="ach-matrix"]');
  const pathPanel = document.querySelector('[data-testid="ach-path"]');
  const state = {
    scenario: parseQuery(`?${data.query}`),
    ach: data.ach,
    labels: data.labels,
    selected: null,
    seq: 0,
  };
  window.argmap = { network, nodes, edges, mapId, state, selectCell };

  const shortOf = (id) => (props[id] ? props[id].short : id);
  const analystName = (id) => data.analysts[id] || id;
  const isContested = (result, e, h) => Boolean(result.contested && result.contested[e] && result.contested[e].includes(h));
  const verdict = (h) => VERDICTS[state.labels[h]] || ["", state.labels[h]];

  function render() {
    const result = state.ach;
    const off = new Set(result.off);
    const head = el(
      "tr",
      {},
      el("th", { scope: "col", class: "ach-corner", text: "Evidence" }),
      result.hypotheses.map((h) =>
        el(
          "th",
          { scope: "col", class: "ach-hypothesis", title: props[h].text, dataset: { hypothesisId: h, label: state.labels[h] } },
          el("span", { class: "ach-name", text: shortOf(h) }),
          el("span", {
            class: "ach-verdict",
            dataset: { testid: "ach-verdict", label: state.labels[h] },
            title: "The verdict in the explorer for this scenario (grounded semantics)",
            text: `${verdict(h)[0]} ${verdict(h)[1]}`,
          }),
        ),
      ),
    );
    const rows = result.evidence.map((e) => {
      const box = el("input", { type: "checkbox", dataset: { evidenceId: e }, checked: !off.has(e), "aria-label": `${shortOf(e)} on` });
      box.addEventListener("change", () => toggle(e, box.checked));
      const row = el(
        "tr",
        { class: off.has(e) ? "ach-row off" : "ach-row", dataset: { evidenceRow: e, diagnosticity: result.diagnosticity[e] } },
        el("th", { scope: "row", title: props[e].text }, el("label", { class: "ach-evidence" }, box, el("span", { text: shortOf(e) }))),
        result.hypotheses.map((h) => cell(e, h, result)),
      );
      return row;
    });
    const foot = el(
      "tr",
      { class: "ach-total" },
      el("th", { scope: "row", text: "Inconsistent (evidence on)" }),
      result.hypotheses.map((h) =>
        el("td", { dataset: { testid: "ach-inconsistency", hypothesisId: h }, text: String(result.inconsistency[h]) }),
      ),
    );
    table.replaceChildren(el("thead", {}, head), el("tbody", {}, rows), el("tfoot", {}, foot));
    const scenario = document.querySelector('[data-testid="ach-scenario"]');
    const distrusted = result.scenario.distrust.map(analystName);
    scenario.textContent =
      `Evidence off: ${result.off.length ? result.off.map(shortOf).join(", ") : "none"}. ` +
      `Analysts set aside: ${distrusted.length ? distrusted.join(", ") : "none"}.` +
      (result.truncated.length ? ` Path search cut short for: ${result.truncated.join(", ")}.` : "");
    relate(result);
    if (state.selected) {
      const again = table.querySelector(`td[data-evidence-id="${CSS.escape(state.selected.e)}"][data-hypothesis-id="${CSS.escape(state.selected.h)}"]`);
      if (again) again.classList.add("selected");
    }
  }

  function cell(e, h, result) {
    const mark = result.cells[e][h];
    const contested = isContested(result, e, h);
    const witnesses = (result.paths[e] && result.paths[e][h]) || [];
    const title = witnesses.length ? witnesses.map(pathText).join("\n") : "no path";
    const name = contested ? `${MARK_NAMES[mark]}, contested (a path for and a path against)` : MARK_NAMES[mark];
    const td = el("td", {
      class: `ach-cell mark-${mark}${contested ? " contested" : ""}`,
      tabindex: "0",
      title: `${name}: ${title}`,
      dataset: { testid: "ach-cell", evidenceId: e, hypothesisId: h, mark, contested: contested ? "true" : null },
      text: contested ? `${mark}±` : mark,
    });
    td.addEventListener("mouseenter", () => showPaths(e, h));
    td.addEventListener("focus", () => showPaths(e, h));
    td.addEventListener("click", () => selectCell(e, h));
    td.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        selectCell(e, h);
      }
    });
    return td;
  }

  // How ACH's ranking relates to the verdicts, said of the column ranked first.
  function relate(result) {
    const line = document.querySelector('[data-testid="ach-vs-verdicts"]');
    if (!line || !result.hypotheses.length) return;
    const first = result.hypotheses[0];
    const n = result.inconsistency[first];
    const agree = state.labels[first] === "IN";
    line.textContent =
      `ACH ranks “${shortOf(first)}” first (${n} item${n === 1 ? "" : "s"} of evidence against it) ` +
      `and the verdicts ${agree ? "accept it too" : `call it ${verdict(first)[1]}`}: ${HOW_THEY_DIFFER}`;
    line.dataset.first = first;
    line.dataset.firstLabel = state.labels[first];
  }

  function pathText(p) {
    const who = p.by.length ? ` (${p.by.map(analystName).join(", ")})` : "";
    return `${p.sign}: ${p.nodes.map(shortOf).join(" → ")}${who}`;
  }

  function showPaths(e, h) {
    const result = state.ach;
    const mark = result.cells[e][h];
    const witnesses = (result.paths[e] && result.paths[e][h]) || [];
    const contested = isContested(result, e, h);
    const parts = [
      el("p", { class: "kicker", text: `${shortOf(e)} · ${shortOf(h)}` }),
      el(
        "h2",
        { class: "details-title", dataset: { mark, contested: contested ? "true" : null } },
        contested ? `${mark}± — contested: ${MARK_NAMES[mark]} by Heuer's count, yet a path also bears for it` : `${mark} — ${MARK_NAMES[mark]}`,
      ),
    ];
    if (!witnesses.length) parts.push(el("p", { class: "hint", text: "No path of active relations joins them." }));
    for (const p of witnesses) {
      const verdict = p.sign === "attack" ? "Bears against it (signs multiply to attack)" : "Bears for it (signs multiply to support)";
      const steps = [];
      for (let i = 0; i < p.relations.length; i += 1) {
        const r = data.relations[p.relations[i]];
        const verb = { support: "supports", excludes: "excludes" }[r.kind] || "attacks";
        // A linked step holds only together with its other premises: name them.
        const others = r.from.length > 1 ? r.from.filter((x) => x !== p.nodes[i]) : [];
        const together = others.length ? ` together with ${others.map(shortOf).join(", ")}` : "";
        steps.push(
          el(
            "li",
            { class: `relation relation-${r.kind}` },
            `${shortOf(p.nodes[i])}${together} ${verb} ${shortOf(p.nodes[i + 1])}`,
            el("span", { class: "rel-id", text: ` ${p.relations[i]}` }),
          ),
        );
      }
      const who = p.by.length ? p.by.map(analystName).join(", ") : "unattributed";
      parts.push(
        el(
          "section",
          { class: `ach-witness sign-${p.sign}`, dataset: { testid: "ach-witness", sign: p.sign } },
          el("h3", { text: verdict }),
          el("ol", { class: "ach-steps" }, steps),
          el("p", { class: "hint", text: `Analysts: ${who}` }),
        ),
      );
    }
    pathPanel.replaceChildren(...parts);
    pathPanel.dataset.evidenceId = e;
    pathPanel.dataset.hypothesisId = h;
  }

  // Select the cell's path in the graph: its nodes and relations, zoomed to fit.
  function selectCell(e, h) {
    state.selected = { e, h };
    for (const td of table.querySelectorAll("td.selected")) td.classList.remove("selected");
    const td = table.querySelector(`td[data-evidence-id="${CSS.escape(e)}"][data-hypothesis-id="${CSS.escape(h)}"]`);
    if (td) td.classList.add("selected");
    showPaths(e, h);
    const witnesses = (state.ach.paths[e] && state.ach.paths[e][h]) || [];
    const pathNodes = new Set([e, h]);
    const pathEdges = new Set();
    for (const p of witnesses) {
      p.nodes.forEach((n) => pathNodes.add(n));
      p.relations.forEach((r) => pathEdges.add(r));
    }
    // A step drawn as a junction node has its id, and edges keyed "id" and "id:premise": select what is drawn.
    for (const r of pathEdges) if (nodes.get(r)) pathNodes.add(r);
    const drawn = edges.getIds().filter((id) => pathEdges.has(String(id).split(":")[0]));
    network.setSelection({ nodes: [...pathNodes], edges: drawn }, { unselectAll: true, highlightEdges: false });
    network.fit({ nodes: [...pathNodes], animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    document.body.dataset.selectedPath = [...pathEdges].join(",");
  }

  async function toggle(e, on) {
    if (on) state.scenario.off.delete(e);
    else state.scenario.off.add(e);
    const query = toQuery(state.scenario);
    history.replaceState({ query }, "", `${location.pathname}${query ? `?${query}` : ""}`);
    for (const link of document.querySelectorAll('[data-testid="explorer-link"], [data-testid="ach-csv"]')) {
      const url = new URL(link.href);
      url.search = query;
      link.href = url.toString();
    }
    const seq = ++state.seq;
    let result;
    let labels;
    try {
      [result, labels] = await Promise.all([
        api(`/api/maps/${encodeURIComponent(mapId)}/ach?${query}`),
        api(`/api/maps/${encodeURIComponent(mapId)}/labels?${query}`),
      ]);
    } catch (err) {
      pathPanel.replaceChildren(el("p", { class: "error", text: `Could not update the matrix: ${err.message}` }));
      return;
    }
    if (seq !== state.seq) return;
    state.ach = result;
    state.labels = labels.labels;
    // Propositions' labels and steps' statuses share one namespace; a junction node shows its step's.
    const status = { ...labels.labels, ...(labels.inferences || {}) };
    const nodeStyle = (id) => (kindOf[id] === "junction" ? vis.junction_styles[status[id]] : vis.styles[kindOf[id]][status[id]]);
    nodes.update(vis.nodes.filter((n) => n.id in status).map((n) => ({ id: n.id, ...nodeStyle(n.id) })));
    edges.update(vis.edges.map((edge) => ({ id: edge.id, ...vis.edge_styles[edge.style][edgeState(edge, status)] })));
    render();
    document.body.dataset.achQuery = query;
  }

  // As the explorer draws it (render.edge_states): an edge shows its step's status, a premise's edge
  // into a junction fails where that premise is rejected, an excludes is active while both rivals are
  // on and someone in its ``by`` (if any) is trusted.
  function edgeState(edge, status) {
    if (edge.style === "excludes") {
      const trusted = (a) => !state.scenario.distrust.has(a);
      const on = status[edge.from] !== "OFF" && status[edge.to] !== "OFF";
      return on && (!(edge.by || []).length || edge.by.some(trusted)) ? "active" : "inactive";
    }
    const step = status[edge.step || edge.id];
    if (step === undefined || step === "OFF") return step === undefined ? "active" : "inactive";
    return (edge.step ? status[edge.from] : step) === "OUT" ? "failed" : "active";
  }

  render();
  network.once("afterDrawing", () => document.body.classList.add("graph-ready"));
}

const block = document.getElementById("ach-data");
if (block) achPage(JSON.parse(block.textContent));
