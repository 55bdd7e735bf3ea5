// argmap explorer, the map as text: what each proposition supports and attacks (and what supports and
// attacks it), read from the graph's records; the outline ([data-testid=outline]), one keyboard-reachable
// item per proposition in step with the graph's selection; and the find box ([data-testid=find]).
// Map text is only ever set as text, never as HTML.

const VERBS = { support: "supports", attack: "attacks", rival: "attacks", excludes: "excludes" };
const PASSIVE = { support: "supported by", attack: "attacked by", rival: "attacked by", excludes: "excluded by" };
const FIND_MAX = 8;

// Every relation of the drawing as {id, kind, premises, target, undercut}: a relation's own edge has its
// id; a junction's premises come in on edges "<rid>:<premise>"; an undercut's target is a step's id.
export function relationIndex(vis) {
  const junctions = new Set(vis.nodes.filter((n) => n.kind === "junction").map((n) => n.id));
  const premisesOf = {};
  for (const e of vis.edges) if (e.step) (premisesOf[e.step] ||= []).push(e.from);
  const relations = {};
  const outgoing = {};
  const incoming = {};
  for (const e of vis.edges) {
    if (e.step) continue;
    const kind = e.style === "rival" ? "attack" : e.style;
    const premises = junctions.has(e.from) && premisesOf[e.from] ? premisesOf[e.from] : [e.from];
    const relation = { id: e.id, kind, premises, target: e.to, undercut: junctions.has(e.to) };
    relations[e.id] = relation;
    for (const p of premises) (outgoing[p] ||= []).push(relation);
    (incoming[e.to] ||= []).push(relation);
  }
  return { relations, outgoing: (id) => outgoing[id] || [], incoming: (id) => incoming[id] || [] };
}

// A relation's far end in words: a proposition's short label, or for an undercut the step it attacks.
export function endName(id, index, shortOf) {
  if (shortOf[id] !== undefined) return shortOf[id];
  const step = index.relations[id];
  if (!step) return id;
  return `the step from ${step.premises.map((p) => shortOf[p]).join(" + ")} to ${endName(step.target, index, shortOf)}`;
}

// "supports X", "attacks the step from A to B", "supports X (together with Y)": what ``id`` bears on.
export function outgoingLines(id, index, shortOf) {
  return index.outgoing(id).map((r) => {
    const verb = r.undercut ? "undercuts" : VERBS[r.kind] || r.kind;
    const others = r.premises.filter((p) => p !== id).map((p) => shortOf[p]);
    return { relation: r, verb, target: r.target, text: `${verb} ${endName(r.target, index, shortOf)}${others.length ? ` (together with ${others.join(" + ")})` : ""}` };
  });
}

// "supported by X", "attacked by A + B": what bears on ``id``.
export function incomingLines(id, index, shortOf) {
  return index.incoming(id).map((r) => ({
    relation: r,
    verb: PASSIVE[r.kind] || r.kind,
    sources: r.premises,
    text: `${PASSIVE[r.kind] || r.kind} ${r.premises.map((p) => shortOf[p]).join(" + ")}`,
  }));
}

// The details' lists: what ``id`` supports and attacks ({out}) and what bears on it ({incoming}), as
// list items whose ends are buttons that select them (a step's junction for an undercut's target).
export function relationLists(id, { index, shortOf, el, onSelect }) {
  const button = (end) => {
    const b = el("button", { type: "button", class: "link", dataset: { nodeId: end }, text: end in shortOf ? shortOf[end] : "that step" });
    b.addEventListener("click", () => onSelect(end));
    return b;
  };
  const out = outgoingLines(id, index, shortOf).map((line) =>
    el("li", { dataset: { relation: line.relation.id } }, `${line.verb} `, button(line.target), line.target in shortOf ? null : ` (${line.text.slice(line.verb.length + 1)})`),
  );
  const incoming = incomingLines(id, index, shortOf).map((line) =>
    el("li", { dataset: { relation: line.relation.id } }, `${line.verb} `, line.sources.flatMap((p, i) => [i ? " + " : null, button(p)])),
  );
  return { out, incoming };
}

// The outline: one item per proposition (hypotheses first, then claims, then evidence), each a button
// saying its state and label, then what it supports and attacks. Arrow keys, Home and End move and
// select; selecting in the graph marks the item (aria-current) and scrolls it into view.
export function attachOutline({ list, data, index, shortOf, labels, onSelect, el }) {
  const order = { hypothesis: 0, claim: 1, evidence: 2 };
  const ids = Object.keys(data.propositions).sort((a, b) => order[data.propositions[a].kind] - order[data.propositions[b].kind]);
  const items = new Map();
  const words = (label) => ({ IN: "✓ IN", OUT: "✗ OUT", UNDEC: "? UNDEC", OFF: "– OFF" })[label] || label;
  let current = null;
  const item = (id) => {
    const prop = data.propositions[id];
    const state = el("span", { class: "outline-state", text: words(labels()[id]) });
    const button = el(
      "button",
      { type: "button", class: "outline-item", dataset: { testid: "outline-item", nodeId: id }, "aria-describedby": `outline-rel-${id}` },
      state,
      el("span", { class: "outline-kind", text: ` ${prop.kind}: ` }),
      el("span", { class: "outline-short", text: prop.short }),
    );
    const lines = outgoingLines(id, index, shortOf).map((l) => l.text);
    const rel = el("p", { class: "outline-relations", id: `outline-rel-${id}`, text: lines.length ? lines.join("; ") : "bears on nothing" });
    const li = el("li", { dataset: { nodeId: id, label: labels()[id] } }, button, rel);
    items.set(id, { item: li, button, state });
    button.addEventListener("click", () => onSelect(id));
    return li;
  };
  // A long outline is built after the page is ready, in slices, so the graph is usable first.
  const SLICE = 400;
  function build(from) {
    list.append(...ids.slice(from, from + SLICE).map(item));
    if (from + SLICE < ids.length) setTimeout(() => build(from + SLICE), 0);
    else if (current) mark(current);
  }
  if (ids.length <= SLICE) build(0);
  else setTimeout(() => build(0), 0);

  // Marks ``id`` as the selected item and brings it into the outline's view.
  function mark(id) {
    current = id;
    for (const { item: li } of items.values()) li.removeAttribute("aria-current");
    const entry = items.get(id);
    if (!entry) return;
    entry.item.setAttribute("aria-current", "true");
    entry.item.scrollIntoView({ block: "nearest" });
  }

  list.addEventListener("keydown", (event) => {
    const at = ids.indexOf(event.target.closest("[data-node-id]")?.dataset.nodeId);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: ids.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const id = ids[Math.max(0, Math.min(ids.length - 1, to))];
    if (items.has(id)) items.get(id).button.focus();
    onSelect(id);
  });

  return {
    mark,
    // New labels: each item's state words.
    relabel(now, changed) {
      for (const id of changed) {
        const entry = items.get(id);
        if (!entry) continue;
        entry.state.textContent = words(now[id]);
        entry.item.dataset.label = now[id];
      }
    },
  };
}

// The find box: propositions whose label or text hold every word typed, best first (label matches,
// then shorter labels); Enter selects the first, a click any of them.
export function attachFind({ input, results, data, onSelect, el }) {
  const entries = Object.values(data.propositions).map((p) => ({ id: p.id, short: p.short, kind: p.kind, short_lc: p.short.toLowerCase(), all: `${p.short} ${p.text}`.toLowerCase() }));

  function matches(text) {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const found = entries.filter((e) => words.every((w) => e.all.includes(w)));
    const score = (e) => (words.every((w) => e.short_lc.includes(w)) ? 0 : 1);
    return found.sort((a, b) => score(a) - score(b) || a.short.length - b.short.length).slice(0, FIND_MAX);
  }

  function pick(id) {
    results.hidden = true;
    onSelect(id);
  }

  input.addEventListener("input", () => {
    const found = matches(input.value);
    results.replaceChildren(
      ...(found.length
        ? found.map((e) => {
            const button = el("button", { type: "button", class: "link", dataset: { nodeId: e.id } }, e.short, el("small", { text: ` ${e.kind}` }));
            button.addEventListener("click", () => pick(e.id));
            return el("li", {}, button);
          })
        : [el("li", { class: "hint", text: input.value.trim() ? "Nothing matches." : "" })]),
    );
    results.hidden = !input.value.trim();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      const [first] = matches(input.value);
      if (first) pick(first.id);
    } else if (event.key === "Escape") {
      results.hidden = true;
    } else if (event.key === "ArrowDown") {
      const first = results.querySelector("button");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
}
