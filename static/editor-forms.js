// argmap editor, the selected item's form: a proposition (kind, text, short label) or a step (kind,
// premises, target, analysts, note), with its quotes; problems from the server are shown beside the
// fields their paths name (``relations[3].to``). editor.js lends the helpers; text is set as text only.

import * as draft from "./draft.js";

// Problems whose path is ``path`` or inside it (``relations[3].from`` holds ``relations[3].from[1]``).
function problemsAt(problems, pathOf, path) {
  return problems.filter((line) => {
    const p = pathOf(line);
    return p === path || p.startsWith(`${path}[`) || p.startsWith(`${path}.`);
  });
}

// A select that holds only its current choice until it is used: a big map has thousands of choices,
// and building them for every change of the draft would cost more than the change.
function lazySelect(el, name, first, value, rest) {
  const control = el("select", { name, "aria-label": name }, first.map(([v, text]) => el("option", { value: v, text, selected: v === value })));
  const fill = () => {
    control.append(...rest().map(([v, text]) => el("option", { value: v, text })));
    control.removeEventListener("pointerdown", fill);
    control.removeEventListener("focus", fill);
    control.removeEventListener("keydown", fill);
  };
  control.addEventListener("pointerdown", fill);
  control.addEventListener("focus", fill);
  control.addEventListener("keydown", fill);
  return control;
}

export function selectionParts(found, doc, helpers) {
  const { el, readOnly, problems, pathOf, label, change, nameOf } = helpers;
  const { list, index, item } = found;
  const base = `${list}[${index}]`;
  const shownProblems = new Set();
  const beside = (path) => {
    const lines = problemsAt(problems, pathOf, path);
    for (const line of lines) shownProblems.add(line);
    return lines.map((line) => el("p", { class: "problem", dataset: { testid: "field-problem", path }, text: line }));
  };
  const field = (name, control) => {
    control.disabled = readOnly;
    control.dataset.path = `${base}.${name}`;
    return el("div", { class: "field-row" }, control, beside(`${base}.${name}`));
  };
  const select_ = (name, options, value) => {
    const control = el("select", { name, "aria-label": name }, options.map(([v, text]) => el("option", { value: v, text, selected: v === value })));
    return control;
  };
  const isProposition = list === "propositions";
  const update = (fields) => change(isProposition ? draft.updateProposition(doc, item.id, fields) : draft.updateRelation(doc, item.id, fields));

  const parts = [
    el("p", { class: "kicker", text: isProposition ? `${item.kind} · ${item.id}` : `step · ${item.id}` }),
    el("p", { class: "details-label" }, el("span", { class: "ed-badge", dataset: { label: label || "" }, text: label || "…" })),
  ];
  if (isProposition) {
    const kind = select_("kind", ["evidence", "claim", "hypothesis"].map((k) => [k, k]), item.kind);
    kind.addEventListener("change", () => update({ kind: kind.value }));
    const text = el("textarea", { name: "text", rows: 3, "aria-label": "text" });
    text.value = item.text || "";
    text.addEventListener("change", () => update({ text: text.value.trim() }));
    const short = el("input", { name: "label", "aria-label": "short label", placeholder: "short label for the graph" });
    short.value = item.label || "";
    short.addEventListener("change", () => update({ label: short.value.trim() }));
    parts.push(
      el("label", { class: "field" }, "Kind", field("kind", kind)),
      el("label", { class: "field" }, "Text", field("text", text)),
      el("label", { class: "field" }, "Short label", field("label", short)),
    );
  } else {
    const kind = select_("kind", [["support", "supports"], ["attack", "attacks"], ["excludes", "excludes (rivals)"]], item.kind);
    kind.addEventListener("change", () => update({ kind: kind.value }));
    // The premises: each with a button that takes it out, and a list to add another (together).
    const premises = draft.premisesOf(item);
    const setPremises = (chosen) => update({ from: chosen.length === 1 ? chosen[0] : chosen });
    const from = el(
      "fieldset",
      { class: "pick", dataset: { path: `${base}.from`, testid: "step-premises" } },
      el("legend", { text: premises.length > 1 ? "Premises (together)" : "Premise" }),
      premises.map((p) => {
        const out = el("button", { type: "button", class: "small", text: "×", title: "take out", disabled: readOnly || premises.length < 2 });
        out.addEventListener("click", () => setPremises(premises.filter((q) => q !== p)));
        return el("div", { class: "check", dataset: { premise: p } }, el("span", { text: nameOf(p) }), out);
      }),
    );
    const more = lazySelect(el, "add-premise", [["", "add a premise…"]], "", () =>
      doc.propositions.filter((p) => !premises.includes(p.id)).map((p) => [p.id, nameOf(p.id)]),
    );
    more.disabled = readOnly;
    more.addEventListener("change", () => more.value && setPremises([...premises, more.value]));
    from.append(more);
    const targets = [...doc.propositions.map((p) => p.id), ...doc.relations.filter((r) => r.id !== item.id && r.kind !== "excludes").map((r) => r.id)];
    const to = lazySelect(el, "to", [[item.to, nameOf(item.to)]], item.to, () => targets.filter((id) => id !== item.to).map((id) => [id, nameOf(id)]));
    to.addEventListener("change", () => update({ to: to.value }));
    const by = new Set(item.by || []);
    const analysts = el(
      "fieldset",
      { class: "pick", dataset: { path: `${base}.by`, testid: "step-analysts" } },
      el("legend", { text: "Argued by" }),
      doc.analysts.map((a) => el("label", { class: "check" }, el("input", { type: "checkbox", value: a.id, checked: by.has(a.id), disabled: readOnly }), a.name)),
    );
    analysts.addEventListener("change", () => update({ by: [...analysts.querySelectorAll("input:checked")].map((i) => i.value) }));
    const newName = el("input", { name: "new-analyst", placeholder: "new analyst's name", "aria-label": "new analyst's name", disabled: readOnly });
    const addAnalyst = el("button", { type: "button", class: "small", dataset: { testid: "add-analyst-inline" }, text: "Add analyst", disabled: readOnly });
    addAnalyst.addEventListener("click", () => {
      const name = newName.value.trim();
      if (!name) return;
      const [withAnalyst, id] = draft.addAnalyst(doc, { name });
      change(draft.updateRelation(withAnalyst, item.id, { by: [...(item.by || []), id] }));
    });
    const note = el("input", { name: "note", "aria-label": "note", placeholder: "note" });
    note.value = item.note || "";
    note.addEventListener("change", () => update({ note: note.value.trim() }));
    parts.push(
      el("label", { class: "field" }, "Kind", field("kind", kind)),
      from,
      el("div", {}, beside(`${base}.from`)),
      el("label", { class: "field" }, "Target", field("to", to)),
      analysts,
      el("div", {}, beside(`${base}.by`)),
      el("div", { class: "inline-add" }, newName, addAnalyst),
      el("label", { class: "field" }, "Note", field("note", note)),
    );
  }
  parts.push(quotes(found, doc, helpers, beside));
  if (!readOnly) {
    const remove = el("button", { type: "button", class: "danger", dataset: { testid: "delete" }, text: isProposition ? "Delete proposition" : "Delete step" });
    remove.addEventListener("click", () => change(isProposition ? draft.removeProposition(doc, item.id) : draft.removeRelation(doc, item.id), null));
    parts.push(remove);
  }
  const rest = problemsAt(problems, pathOf, base).filter((line) => !shownProblems.has(line));
  if (rest.length) parts.splice(2, 0, ...rest.map((line) => el("p", { class: "problem", dataset: { testid: "field-problem", path: pathOf(line) }, text: line })));
  return parts;
}

function quotes(found, doc, helpers, beside) {
  const { el, readOnly, change, openSource } = helpers;
  const { list, index, item } = found;
  const cites = item.cites || [];
  const titles = Object.fromEntries(doc.sources.map((s) => [s.id, s.title]));
  const box = el("section", { class: "quotes", dataset: { testid: "quotes" } }, el("h3", { text: "Quotes" }));
  cites.forEach((c, i) => {
    const remove = el("button", { type: "button", class: "small", text: "Remove", disabled: readOnly });
    remove.addEventListener("click", () => change(draft.removeQuote(doc, item.id, i)));
    box.append(
      el(
        "figure",
        { class: "quote", dataset: { testid: "quote" } },
        el("blockquote", { text: `“${c.quote}”` }),
        el("figcaption", { text: titles[c.source] || c.source }),
        remove,
        beside(`${list}[${index}].cites[${i}]`),
      ),
    );
  });
  if (!cites.length) box.append(el("p", { class: "hint", text: "No quote yet." }));
  if (readOnly) return box;
  const withText = doc.sources.filter((s) => s.text);
  for (const s of withText) {
    const open = el("button", { type: "button", class: "small", dataset: { testid: "pick-quote", sourceId: s.id }, text: `Pick a quote from “${s.title}”` });
    open.addEventListener("click", () => openSource(s.id));
    box.append(open);
  }
  const title = el("input", { name: "new-source", placeholder: "new source's title", "aria-label": "new source's title" });
  const add = el("button", { type: "button", class: "small", dataset: { testid: "add-source-inline" }, text: "Add source" });
  add.addEventListener("click", () => {
    if (title.value.trim()) change(draft.addSource(doc, { title: title.value.trim() })[0]);
  });
  box.append(el("div", { class: "inline-add" }, title, add));
  return box;
}
