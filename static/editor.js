// argmap editor page: the whole map document is edited here as a draft; after every change the
// draft is sent to /api/drafts/evaluate and the verdicts, switches, graph and explanations follow it
// before anything is saved. Save sends the whole document with If-Match (the version it was made
// to). Map text is only ever set as text (textContent, DOM nodes), never parsed as HTML.

import * as draft from "./draft.js";
import { selectionParts } from "./editor-forms.js";
import { el } from "./dom.js";
import { drawGraph } from "./graph.js";
import { HttpError, author, read, send } from "./writes.js";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
const MAX_FIRST_SCALE = 1.2;


const main = $("main.editor");
const mapId = main.dataset.mapId;
const tokenForm = $("[data-testid=token-form]");

const state = {
  history: new draft.History(draft.emptyDocument(mapId, "", "")),
  version: null, // the saved version the draft was made to (the ETag)
  savedDoc: null,
  scenario: scenarioFromUrl(),
  selected: null,
  result: null, // the last evaluation of what is shown
  problems: [],
  graph: null,
  drawnDoc: null,
  seq: 0,
  viewing: null, // {number, doc}: an old version shown read-only
  source: null, // the source whose text is open
  passage: "", // the last passage selected in the source text
};

// The document shown: the draft, or the old version being looked at.
const shown = () => (state.viewing ? state.viewing.doc : state.history.doc);

function scenarioFromUrl() {
  const params = new URLSearchParams(location.search);
  const ids = (key) => params.getAll(key).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return { off: new Set(ids("off")), distrust: new Set(ids("distrust")), support: params.get("support") || "evidential" };
}

function scenarioQuery() {
  const params = new URLSearchParams();
  if (state.scenario.off.size) params.set("off", [...state.scenario.off].sort().join(","));
  if (state.scenario.distrust.size) params.set("distrust", [...state.scenario.distrust].sort().join(","));
  if (state.scenario.support !== "evidential") params.set("support", state.scenario.support);
  return params.toString().replace(/%2C/g, ",");
}

// --- loading and saving ------------------------------------------------------------------------------

async function load() {
  let found;
  try {
    found = await read(`/api/maps/${encodeURIComponent(mapId)}?texts=1`, tokenForm);
  } catch (err) {
    if (!(err instanceof HttpError) || err.status !== 403) throw err;
    found = await read(`/api/maps/${encodeURIComponent(mapId)}`); // a reader who may not write: no texts
  }
  state.version = found.etag;
  state.savedDoc = draft.normalised(found.body);
  state.history.reset(state.savedDoc);
  state.drawnDoc = null;
  await refresh();
}

async function save() {
  if (state.viewing) return;
  status("Saving…");
  try {
    const saved = await send("PUT", `/api/maps/${encodeURIComponent(mapId)}`, state.history.doc, { ifMatch: state.version, tokenForm });
    state.version = saved.etag;
    state.savedDoc = state.history.doc;
    setProblems([]);
    status(`Saved version ${saved.body.version}${saved.body.summary ? `: ${saved.body.summary}` : ""}.`);
    if (!$("[data-testid=versions]").hidden) await listVersions();
  } catch (err) {
    failed(err, "save");
  }
  syncButtons();
}

async function saveAs() {
  const id = $("[data-testid=copy-id]").value.trim();
  try {
    const created = await send("POST", "/api/maps", { ...state.history.doc, id }, { tokenForm });
    state.savedDoc = state.history.doc; // kept in the copy: leaving loses nothing
    location.assign(`${created.body.url}/edit`);
  } catch (err) {
    failed(err, "save");
  }
}

function failed(err, what) {
  if (!(err instanceof HttpError)) throw err;
  if (err.status === 412) {
    $("[data-conflict-text]").textContent = `Someone saved this map meanwhile: ${err.message} Your draft is kept here until you reload.`;
    $("[data-testid=conflict]").hidden = false;
    status("Not saved: the map changed meanwhile.", true);
    return;
  }
  if (err.status === 400 && err.details.length) setProblems(err.details);
  status(`Not ${what === "save" ? "saved" : "done"}: ${err.message}`, true);
}

function downloadDraft() {
  const blob = new Blob([JSON.stringify(state.history.doc, null, 2)], { type: "application/json" });
  const link = el("a", { href: URL.createObjectURL(blob), download: `${mapId}-draft.json` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function reloadNewest() {
  $("[data-testid=conflict]").hidden = true;
  state.viewing = null;
  await load();
  status(`Reloaded version ${state.version}.`);
}

function status(text, isError = false) {
  const line = $("[data-testid=save-status]");
  line.textContent = text;
  line.classList.toggle("error", isError);
}

// --- changes, undo, redo ------------------------------------------------------------------------------

function change(next, select) {
  if (state.viewing || next === state.history.doc) return;
  state.history.push(next);
  if (select !== undefined) state.selected = select;
  refresh();
}

function undo() {
  if (state.history.undo()) refresh();
}

function redo() {
  if (state.history.redo()) refresh();
}

function syncButtons() {
  $("[data-testid=undo]").disabled = Boolean(state.viewing) || !state.history.past.length;
  $("[data-testid=redo]").disabled = Boolean(state.viewing) || !state.history.future.length;
  const dirty = state.history.doc !== state.savedDoc;
  main.dataset.dirty = String(dirty);
  const saveButton = $("[data-testid=save]");
  saveButton.disabled = Boolean(state.viewing) || main.dataset.editable !== "true";
  saveButton.textContent = dirty ? "Save*" : "Save";
}

// Redraw the forms at once, then evaluate the draft (the graph is redrawn only when its shape changed).
async function refresh() {
  const doc = shown();
  if (state.selected && !draft.locate(doc, state.selected)) state.selected = null;
  const evaluated = evaluate(doc); // the request leaves before the forms are built
  renderForms(doc);
  syncButtons();
  await evaluated;
}

// --- evaluating the draft -------------------------------------------------------------------------------

// Propositions and support/attack steps have an explanation (an excludes is structural).
function explainable(doc, id) {
  const found = id ? draft.locate(doc, id) : null;
  return Boolean(found) && (found.list === "propositions" || found.item.kind !== "excludes");
}

// The draft as the evaluation needs it: without the sources' full texts (they change no verdict).
function lean(doc) {
  return { ...doc, sources: doc.sources.map(({ text, ...s }) => s) };
}

// Two questions: the labels alone first (what the verdicts and switches show, answered quickest),
// then the reasons, the selected node's explanation and, if the graph's shape changed, its drawing.
async function evaluate(doc) {
  const seq = ++state.seq;
  const redraw = !state.drawnDoc || !draft.sameShape(state.drawnDoc, doc);
  const scenario = { off: [...state.scenario.off], distrust: [...state.scenario.distrust], support: state.scenario.support };
  const body = { document: lean(doc), scenario, reasons: false };
  let result;
  try {
    result = (await send("POST", "/api/drafts/evaluate", body)).body;
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    if (seq !== state.seq) return;
    if (err.status !== 400) {
      status(`The draft cannot be evaluated here: ${err.message}`, true);
      return;
    }
    setProblems(err.details.length ? err.details : [err.message]);
    main.dataset.evaluated = main.dataset.drawn = String(seq);
    main.dataset.state = "problems";
    return;
  }
  if (seq !== state.seq) return;
  if (state.problems.length) setProblems([]);
  const before = state.result;
  state.result = { ...result, reasons: before ? before.reasons : {} };
  for (const gone of result.dropped || []) status(`Left out of the scenario: ${gone} (no longer in the map).`);
  renderVerdicts(doc, state.result, before);
  renderSwitches(doc);
  const query = scenarioQuery();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
  $("[data-testid=edit]").setAttribute("href", `/maps/${encodeURIComponent(mapId)}${query ? `?${query}` : ""}`);
  main.dataset.evaluated = String(seq);
  main.dataset.state = "ok";
  if (!redraw && state.graph) {
    const changed = new Set();
    const all = { ...result.labels, ...result.inferences };
    const old = before ? { ...before.labels, ...before.inferences } : {};
    for (const id of Object.keys(all)) if (old[id] !== all[id]) changed.add(id);
    state.graph.restyle(result.labels, result.inferences, Object.keys(result.labels), changed, state.scenario.distrust);
  }
  const explain = explainable(doc, state.selected) ? state.selected : undefined;
  const full = (await send("POST", "/api/drafts/evaluate", { ...body, reasons: true, vis: redraw, explain })).body;
  if (seq !== state.seq) return;
  state.result = full;
  for (const item of $$("[data-testid=hypothesis]")) {
    const reason = $(".reason", item);
    if (reason) reason.textContent = full.reasons[item.dataset.nodeId] || "";
  }
  renderExplanation(full.explanation);
  if (redraw) drawAll(doc, full);
  main.dataset.drawn = String(seq);
}

function drawAll(doc, result) {
  if (state.graph) state.graph.network.destroy();
  const container = $("#graph");
  container.replaceChildren();
  state.graph = drawGraph(container, result.vis, result.labels, result.inferences, state.scenario.distrust, MAX_FIRST_SCALE);
  state.drawnDoc = doc;
  window.argmap = { network: state.graph.network, draft: () => state.history.doc };
  state.graph.network.on("click", (params) => {
    const node = params.nodes[0];
    const edge = params.edges[0];
    if (node) select(node);
    else if (edge) select(String(edge).split(":")[0]);
  });
  if (state.selected && result.vis.nodes.some((n) => n.id === state.selected)) state.graph.network.selectNodes([state.selected]);
  document.body.classList.add("graph-ready");
}

function setProblems(problems) {
  state.problems = problems;
  const box = $("[data-testid=problems]");
  box.hidden = !problems.length;
  const doc = shown();
  $("[data-problem-list]", box).replaceChildren(
    ...problems.map((line) => {
      const item = itemOfPath(doc, pathOf(line));
      const li = el("li", { dataset: { testid: "problem", path: pathOf(line) } }, line);
      if (item) {
        const go = el("button", { type: "button", class: "link", text: "show" });
        go.addEventListener("click", () => select(item));
        li.append(" ", go);
      }
      return li;
    }),
  );
  renderSelection(doc); // beside the selected item's fields
}

// "relations[3].to: no proposition 'zz'" -> "relations[3].to"
export function pathOf(line) {
  const match = /^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*):\s/.exec(line);
  return match ? match[1] : "";
}

function itemOfPath(doc, path) {
  const match = /^(propositions|relations)\[(\d+)\]/.exec(path);
  const item = match && doc[match[1]][Number(match[2])];
  return item ? item.id : null;
}

// --- the panels -------------------------------------------------------------------------------------

function select(id) {
  state.selected = id;
  renderSelection(shown());
  if (state.graph && id && state.graph.network.body.nodes[id]) state.graph.network.selectNodes([id]);
  evaluate(shown()); // the explanation of the selected node
}

function renderForms(doc) {
  const title = $("[data-testid=title]");
  const question = $("[data-testid=question]");
  if (document.activeElement !== title) title.value = doc.title || "";
  if (document.activeElement !== question) question.value = doc.question || "";
  $("[data-testid=map-title]").textContent = doc.title || mapId;
  document.title = `Edit ${doc.title || mapId} · argmap`;
  title.disabled = question.disabled = Boolean(state.viewing);
  for (const form of $$("form.stack")) form.querySelector("button[type=submit]").disabled = Boolean(state.viewing);
  renderRelationForm(doc);
  renderSources(doc);
  renderItems(doc);
  renderSelection(doc);
}

function nameOf(doc, id) {
  const p = doc.propositions.find((q) => q.id === id);
  if (p) return `${p.label || p.text} (${p.id})`;
  const r = doc.relations.find((s) => s.id === id);
  if (r) return `step ${r.id}: ${draft.premisesOf(r).join(" + ")} → ${r.to}`;
  return id;
}

// Long lists are built again only when the list they show changed (a change makes a new array).
const built = new Map();
function changedSince(key, ...parts) {
  const last = built.get(key);
  if (last && last.length === parts.length && last.every((p, i) => p === parts[i])) return false;
  built.set(key, parts);
  return true;
}

function renderRelationForm(doc) {
  const form = $("[data-testid=add-relation]");
  if (changedSince("premises", doc.propositions)) {
    const checked = new Set($$("input[name=from]:checked", form).map((i) => i.value));
    $("[data-options]", form).replaceChildren(
      ...doc.propositions.map((p) =>
        el("label", { class: "check" }, el("input", { type: "checkbox", name: "from", value: p.id, checked: checked.has(p.id) }), nameOf(doc, p.id)),
      ),
    );
  }
  const ends = doc.relations.map((r) => (r.kind === "excludes" ? "" : `${r.id}:${draft.premisesOf(r)}>${r.to}`)).join(" ");
  if (!changedSince("targets", doc.propositions, ends)) return;
  const target = $("select[name=to]", form);
  const was = target.value;
  const steps = doc.relations.filter((r) => r.kind !== "excludes");
  target.replaceChildren(
    el("optgroup", { label: "Propositions" }, doc.propositions.map((p) => el("option", { value: p.id, text: nameOf(doc, p.id) }))),
    el("optgroup", { label: "Steps (undercut)" }, steps.map((r) => el("option", { value: r.id, text: nameOf(doc, r.id) }))),
  );
  if ([...target.options].some((o) => o.value === was)) target.value = was;
}

function renderSources(doc) {
  if (!changedSince("sources", doc.sources)) return;
  $("[data-testid=sources]").replaceChildren(
    ...doc.sources.map((s) => {
      const li = el("li", { dataset: { sourceId: s.id } }, el("span", { text: `${s.title} (${s.id})` }));
      if (s.text) {
        const open = el("button", { type: "button", class: "small", dataset: { testid: "open-source" }, text: "Open text" });
        open.addEventListener("click", () => openSource(s.id));
        li.append(" ", open);
      }
      return li;
    }),
  );
  if (state.source && !doc.sources.some((s) => s.id === state.source)) closeSource();
}

// Every proposition and step, as a list to pick from: the first ITEMS_SHOWN that match the filter.
const ITEMS_SHOWN = 200;
function renderItems(doc) {
  const filter = $("[data-testid=items-filter]").value.trim().toLowerCase();
  if (!changedSince("items", doc.propositions, doc.relations, filter)) return;
  const rows = [
    ...doc.propositions.map((p) => [p.id, `${p.kind}: ${p.label || p.text}`, p.kind]),
    ...doc.relations.map((r) => [r.id, `${r.kind} ${nameOf(doc, r.id)}`, r.kind]),
  ].filter(([id, text]) => !filter || id.includes(filter) || text.toLowerCase().includes(filter));
  const row = ([id, text, kind]) => {
    const button = el("button", { type: "button", class: "link", dataset: { select: id }, text });
    button.addEventListener("click", () => select(id));
    return el("li", { dataset: { kind } }, button);
  };
  const more = rows.length - ITEMS_SHOWN;
  $("[data-testid=items]").replaceChildren(
    ...rows.slice(0, ITEMS_SHOWN).map(row),
    more > 0 ? el("li", { class: "hint", text: `${more} more: type in the filter to find them.` }) : null,
  );
}

function renderSelection(doc) {
  const panel = $("[data-testid=selection]");
  const found = state.selected ? draft.locate(doc, state.selected) : null;
  panel.dataset.nodeId = found ? state.selected : "";
  if (!found) {
    panel.replaceChildren(el("h2", { text: "Selected" }), el("p", { class: "placeholder", text: "Click a node, or pick one from the lists below." }));
    return;
  }
  const labels = state.result ? { ...state.result.labels, ...state.result.inferences } : {};
  panel.dataset.label = labels[state.selected] || "";
  panel.replaceChildren(
    ...selectionParts(found, doc, {
      el,
      readOnly: Boolean(state.viewing),
      problems: state.problems,
      pathOf,
      label: labels[state.selected],
      change,
      select,
      openSource,
      nameOf: (id) => nameOf(doc, id),
    }),
    el("div", { class: "explanation", dataset: { testid: "explanation" } }),
  );
  if (state.result && state.result.explanation && state.result.explanation.id === state.selected) renderExplanation(state.result.explanation);
}

function renderExplanation(explanation) {
  const box = $("[data-testid=explanation]");
  if (!box || !explanation || explanation.id !== state.selected) return;
  box.replaceChildren(el("h3", { text: "Why" }), el("ul", {}, explanation.lines.map((line) => el("li", { text: line }))));
}

function badge(label) {
  return el("span", { class: "ed-badge", dataset: { label }, text: label });
}

function renderVerdicts(doc, result, before) {
  const list = $("[data-testid=verdicts]");
  const hypotheses = doc.propositions.filter((p) => p.kind === "hypothesis");
  list.replaceChildren(
    ...hypotheses.map((h) => {
      const label = result.labels[h.id];
      const changed = before && before.labels[h.id] && before.labels[h.id] !== label;
      const name = el("button", { type: "button", class: "link verdict-name", text: h.label || h.text });
      name.addEventListener("click", () => select(h.id));
      return el(
        "li",
        { class: changed ? "verdict changed" : "verdict", dataset: { testid: "hypothesis", nodeId: h.id, label } },
        el("div", { class: "verdict-head" }, badge(label), name),
        el("p", { class: "reason", text: result.reasons[h.id] || "" }),
      );
    }),
  );
  if (!hypotheses.length) list.append(el("li", { class: "hint", text: "No hypotheses yet: add the answers to the question." }));
}

function renderSwitches(doc) {
  if (!changedSince("switches", doc.propositions, doc.analysts)) {
    for (const box of $$("input[data-evidence-id]")) box.checked = !state.scenario.off.has(box.dataset.evidenceId);
    for (const box of $$("input[data-analyst-id]")) box.checked = !state.scenario.distrust.has(box.dataset.analystId);
    $("select[name=support]").value = state.scenario.support;
    return;
  }
  const evidence = doc.propositions.filter((p) => p.kind === "evidence");
  $("[data-testid=evidence]").replaceChildren(
    ...evidence.map((e) => {
      const input = el("input", { type: "checkbox", dataset: { evidenceId: e.id }, checked: !state.scenario.off.has(e.id) });
      input.addEventListener("change", () => switchEvidence(e.id, input.checked));
      return el("label", { class: "switch", title: e.text }, input, el("span", { text: e.label || e.text }));
    }),
  );
  $("[data-testid=analysts]").replaceChildren(
    ...doc.analysts.map((a) => {
      const input = el("input", { type: "checkbox", dataset: { analystId: a.id }, checked: !state.scenario.distrust.has(a.id) });
      input.addEventListener("change", () => {
        if (input.checked) state.scenario.distrust.delete(a.id);
        else state.scenario.distrust.add(a.id);
        evaluate(shown());
      });
      return el("label", { class: "switch" }, input, el("span", { text: a.name }));
    }),
  );
  $("select[name=support]").value = state.scenario.support;
}

function switchEvidence(id, on) {
  if (on) state.scenario.off.delete(id);
  else state.scenario.off.add(id);
  evaluate(shown());
}

// --- the source text and quotes -----------------------------------------------------------------------

function openSource(id) {
  const source = shown().sources.find((s) => s.id === id);
  if (!source || !source.text) return;
  state.source = id;
  state.passage = "";
  const pane = $("[data-testid=source-pane]");
  pane.hidden = false;
  pane.dataset.sourceId = id;
  $("[data-source-title]", pane).textContent = source.title;
  $("[data-testid=source-text]").textContent = source.text;
  $("[data-testid=quote-problem]").hidden = true;
}

function closeSource() {
  state.source = null;
  $("[data-testid=source-pane]").hidden = true;
}

function rememberPassage() {
  const selection = document.getSelection();
  const text = $("[data-testid=source-text]");
  if (selection && selection.rangeCount && text.contains(selection.anchorNode) && text.contains(selection.focusNode)) {
    state.passage = selection.toString();
  }
}

function quoteSelection() {
  const problem = $("[data-testid=quote-problem]");
  const picked = draft.quoteFrom(state.passage);
  if (!picked.error && !state.selected) picked.error = "Select the step or proposition to cite it for first.";
  problem.hidden = !picked.error;
  if (picked.error) {
    problem.textContent = picked.error;
    return;
  }
  change(draft.addQuote(state.history.doc, state.selected, state.source, picked.quote));
  state.passage = "";
  document.getSelection().removeAllRanges();
}

// --- versions -----------------------------------------------------------------------------------------

async function listVersions() {
  const panel = $("[data-testid=versions]");
  const found = await read(`/api/maps/${encodeURIComponent(mapId)}/versions`);
  $("[data-version-list]", panel).replaceChildren(
    ...found.body.versions
      .slice()
      .reverse()
      .map((v) => {
        const open = el("button", { type: "button", class: "small", dataset: { testid: "open-version" }, text: "Open" });
        open.addEventListener("click", () => openVersion(v.version));
        const when = new Date(v.saved);
        return el(
          "li",
          { dataset: { testid: "version", version: String(v.version) } },
          el("strong", { text: `v${v.version}` }),
          " ",
          el("time", { datetime: v.saved, text: Number.isNaN(when.getTime()) ? v.saved : when.toLocaleString() }),
          v.by ? el("span", { class: "by", text: ` · ${v.by}` }) : null,
          el("p", { class: "summary", text: v.summary || "" }),
          open,
        );
      }),
  );
}

async function openVersion(number) {
  let found;
  try {
    found = await read(`/api/maps/${encodeURIComponent(mapId)}/versions/${number}?texts=1`, tokenForm);
  } catch (err) {
    if (!(err instanceof HttpError) || err.status !== 403) throw err;
    found = await read(`/api/maps/${encodeURIComponent(mapId)}/versions/${number}`);
  }
  state.viewing = { number, doc: draft.normalised(found.body) };
  main.dataset.viewing = String(number);
  const banner = $("[data-testid=viewing]");
  const restore = el("button", { type: "button", dataset: { testid: "restore" }, text: "Restore" });
  restore.addEventListener("click", () => restoreVersion(number));
  const back = el("button", { type: "button", dataset: { testid: "back-to-draft" }, text: "Back to the draft" });
  back.addEventListener("click", leaveVersion);
  banner.replaceChildren(el("span", { text: `Version ${number}, read-only. ` }), restore, " ", back);
  banner.hidden = false;
  await refresh();
}

async function leaveVersion() {
  state.viewing = null;
  delete main.dataset.viewing;
  $("[data-testid=viewing]").hidden = true;
  await refresh();
}

async function restoreVersion(number) {
  try {
    await send("POST", `/api/maps/${encodeURIComponent(mapId)}/versions/${number}/restore`, undefined, { ifMatch: state.version, tokenForm });
  } catch (err) {
    failed(err, "restore");
    return;
  }
  state.viewing = null;
  delete main.dataset.viewing;
  $("[data-testid=viewing]").hidden = true;
  await load();
  status(`Restored version ${number} as version ${state.version}.`);
  await listVersions();
}

// --- wiring -------------------------------------------------------------------------------------------

function formValues(form) {
  return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, typeof v === "string" ? v.trim() : v]));
}

function wire() {
  // Leaving with changes not saved (a reload, "Done editing", closing the tab): the browser asks first.
  window.addEventListener("beforeunload", (event) => {
    if (!state.viewing && state.history.doc !== state.savedDoc) event.preventDefault();
  });
  $("[data-testid=undo]").addEventListener("click", undo);
  $("[data-testid=redo]").addEventListener("click", redo);
  $("[data-testid=save]").addEventListener("click", save);
  const saveAsButton = $("[data-testid=save-as]");
  if (saveAsButton) saveAsButton.addEventListener("click", saveAs);
  $("[data-testid=download-draft]").addEventListener("click", downloadDraft);
  $("[data-testid=reload]").addEventListener("click", reloadNewest);
  $("[data-testid=close-source]").addEventListener("click", closeSource);
  $("[data-testid=quote-selection]").addEventListener("click", quoteSelection);
  document.addEventListener("selectionchange", rememberPassage);
  document.addEventListener("keydown", (event) => {
    const inField = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (!(event.ctrlKey || event.metaKey) || inField) return;
    if (event.key === "z" && !event.shiftKey) undo();
    else if (event.key === "y" || (event.key === "z" && event.shiftKey)) redo();
    else return;
    event.preventDefault();
  });
  const who = $("[data-testid=author]");
  who.value = author.get();
  who.addEventListener("change", () => author.set(who.value.trim()));
  $("[data-testid=items-filter]").addEventListener("input", () => renderItems(shown()));
  $("[data-testid=versions-toggle]").addEventListener("click", async () => {
    const panel = $("[data-testid=versions]");
    panel.hidden = !panel.hidden;
    if (!panel.hidden) await listVersions();
  });
  for (const field of ["title", "question"]) {
    $(`[data-testid=${field}]`).addEventListener("change", (event) => change({ ...state.history.doc, [field]: event.target.value.trim() }));
  }
  $("select[name=support]").addEventListener("change", (event) => {
    state.scenario.support = event.target.value;
    evaluate(shown());
  });
  $("[data-testid=add-proposition]").addEventListener("submit", (event) => {
    event.preventDefault();
    const values = formValues(event.target);
    if (!values.text) return;
    const [doc, id] = draft.addProposition(state.history.doc, values);
    event.target.reset();
    change(doc, id);
  });
  $("[data-testid=add-relation]").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const from = $$("input[name=from]:checked", form).map((i) => i.value);
    const { kind, to } = formValues(form);
    const problem = $("[data-form-problem]", form);
    const wrong = relationProblem(from, to, kind);
    problem.hidden = !wrong;
    problem.textContent = wrong || "";
    if (wrong) return;
    const [doc, id] = draft.addRelation(state.history.doc, { from, to, kind });
    for (const box of $$("input[name=from]", form)) box.checked = false;
    change(doc, id);
  });
  $("[data-testid=add-analyst]").addEventListener("submit", (event) => {
    event.preventDefault();
    const values = formValues(event.target);
    if (!values.name) return;
    event.target.reset();
    change(draft.addAnalyst(state.history.doc, values)[0]);
  });
  $("[data-testid=add-source]").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const values = { ...formValues(form), text: form.elements.text.value }; // the text verbatim, not trimmed
    if (!values.title) return;
    form.reset();
    const [doc, id] = draft.addSource(state.history.doc, values);
    change(doc);
    if (values.text.trim()) openSource(id);
  });
}

function relationProblem(from, to, kind) {
  if (!from.length) return "Pick at least one premise.";
  if (!to) return "Pick the target.";
  if (from.includes(to)) return "A premise cannot be the target.";
  if (kind === "excludes" && from.length !== 1) return "Excludes joins two rivals: pick one premise.";
  const step = state.history.doc.relations.some((r) => r.id === to);
  if (step && kind !== "attack") return "Only an attack can target a step (an undercut).";
  return "";
}

wire();
load().catch((err) => status(`Cannot load the map: ${err.message}`, true));
