// argmap explorer, the details panel's contents: a proposition's kind, text and label, why it has that
// label (the explanation's steps, nested, each step's node a button that shows it in the graph), its
// analysts and its sources; or, for a junction, its step: premises, target, who argues it, quotes,
// status and why. app.js lends the helpers. Map text is only ever set as text, never as HTML.

const EXPLAIN_OPEN_DEPTH = 2;
const EXPLAIN_MAX_DEPTH = 8;

// The details of a step (an explanation node of kind "inference"): what it joins, its status and why.
export function stepParts(why, helpers) {
  const { el, badge, focus, propositions } = helpers;
  const r = why.relation;
  const premises = Array.isArray(r.from) ? r.from : [r.from];
  const kind = r.undercut ? "undercut" : r.kind;
  const ends = (id) => {
    const button = el("button", { type: "button", class: "link step-end", dataset: { nodeId: id }, text: nameOf(id, propositions) });
    button.addEventListener("click", () => focus(id));
    return button;
  };
  const parts = [
    el("p", { class: "kicker" }, `${kind} step`),
    el("h2", { class: "details-title", text: why.short }),
    el("div", { class: "details-label" }, badge(why.label)),
    el("h3", { text: premises.length > 1 ? "Premises (together)" : "Premise" }),
    el("ul", { class: "step-ends", dataset: { testid: "step-premises" } }, premises.map((p) => el("li", {}, ends(p)))),
    el("h3", { text: r.undercut ? "Undercuts the step" : "Target" }),
    el("p", { class: "step-ends", dataset: { testid: "step-target" } }, ends(r.to)),
    el("h3", { text: "Why" }),
    el("p", { class: "why-reason", text: why.reason }),
  ];
  if (why.steps.length) parts.push(explanationSteps(why.steps, helpers));
  parts.push(el("h3", { text: "Argued by" }), el("p", { text: r.by.length ? r.by.map((a) => a.name).join(", ") : "unattributed" }));
  if (r.note) parts.push(el("p", { class: "note", text: r.note }));
  if (r.cites.length) parts.push(el("h3", { text: "Sources" }), el("div", { class: "quotes" }, r.cites.map((c) => quote(c, el))));
  parts.push(idsPart(r.id, why, el));
  return parts;
}

// Ids and rounds, for whoever needs them (a link, a bug report): closed by default.
function idsPart(id, why, el) {
  const relations = new Set();
  (function collect(list) {
    for (const step of list || []) {
      for (const r of step.relations) relations.add(r.id);
      collect(step.node && step.node.steps);
    }
  })(why.steps);
  const rows = [["id", id], ["label", why.label]];
  if (why.round) rows.push(["round", String(why.round)]);
  if (relations.size) rows.push(["relations in the explanation", [...relations].join(", ")]);
  return el(
    "details",
    { class: "ids", dataset: { testid: "ids" } },
    el("summary", { text: "Ids" }),
    el("dl", {}, rows.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })])),
  );
}

function nameOf(id, propositions) {
  return propositions[id] ? propositions[id].short : `step ${id}`;
}

function quote(c, el) {
  const meta = [c.title, c.outlet, c.author, c.date].filter(Boolean).join(" · ");
  const cite = el("cite", {}, meta);
  if (c.url && /^https?:\/\//i.test(c.url)) {
    cite.append(" ", el("a", { href: c.url, target: "_blank", rel: "noopener noreferrer", text: "source ↗" }));
  } else {
    cite.append(" ", el("span", { class: "no-link", text: "· no link given" }));
  }
  return el("figure", { class: "quote" }, el("blockquote", { text: `“${c.quote}”` }), el("figcaption", {}, cite));
}

export function detailParts(prop, why, helpers) {
  const { el, badge } = helpers;
  const names = (list) => list.map((a) => a.name).join(", ");
  const parts = [
    el("p", { class: "kicker" }, prop.kind),
    el("h2", { class: "details-title", text: prop.short }),
    el("div", { class: "details-label" }, badge(why.label)),
  ];
  if (prop.text !== prop.short) parts.push(el("p", { class: "details-text", text: prop.text }));
  if (prop.kind === "evidence" && helpers.evidenceSwitch) parts.push(helpers.evidenceSwitch(prop.id));
  if (helpers.links) {
    const { out, incoming } = helpers.links(prop.id);
    parts.push(
      el("h3", { text: "Supports and attacks" }),
      out.length ? el("ul", { class: "links", dataset: { testid: "bears-on" } }, out) : el("p", { class: "hint", text: "Nothing: no relation starts here." }),
      el("h3", { text: "Supported and attacked by" }),
      incoming.length ? el("ul", { class: "links", dataset: { testid: "borne-by" } }, incoming) : el("p", { class: "hint", text: "Nothing bears on it." }),
    );
  }
  parts.push(el("h3", { text: "Why" }), el("p", { class: "why-reason", text: why.reason }));
  if (why.steps.length) parts.push(explanationSteps(why.steps, helpers));
  const people = [];
  if (prop.asserted_by.length) people.push(el("p", {}, el("b", { text: "Asserted by: " }), names(prop.asserted_by)));
  if (prop.argued_by.length) {
    const who = prop.argued_by.map((a) => `${a.name} (${a.relations.length})`).join(", ");
    people.push(el("p", {}, el("b", { text: "Relations drawn by: " }), who));
  }
  if (people.length) parts.push(el("h3", { text: "Analysts" }), el("div", { class: "people" }, people));
  if (prop.cites.length) parts.push(el("h3", { text: "Sources" }), el("div", { class: "quotes" }, prop.cites.map((c) => quote(c, el))));
  parts.push(idsPart(prop.id, why, el));
  return parts;
}

const ROLE = { premise: "premise", undercut: "undercut by" };
const VERB = { support: "supports", attack: "attacks", excludes: "excludes" };

// An explanation's steps, nested: each step's node at the other end (click: show it in the graph; a
// step node is its junction), the relation that joins them with its analysts and quotes, then that
// node's own reason and steps. A ``premise`` step names a premise of the step explained, an
// ``undercut`` step the undercut that decides it.
function explanationSteps(all, { el, badge, focus, propositions }) {
  const names = (list) => list.map((a) => a.name).join(", ");
  const shortOf = (id) => nameOf(id, propositions);
  const fromText = (from) => (Array.isArray(from) ? from.map(shortOf).join(" + ") : shortOf(from));
  return steps(all, 1);

  function steps(list, depth) {
    return el(
      "ol",
      { class: "steps" },
      list.map((step) => {
        const child = step.node;
        const inactive = step.active === false;
        const item = el("li", { class: `step step-${step.kind}${inactive ? " inactive" : ""}` });
        const jump = el(
          "button",
          { type: "button", class: "step-node", dataset: { testid: "explain-step", nodeId: child.id, kind: child.kind }, title: "Show in the graph" },
          ROLE[step.kind] ? el("span", { class: "step-role", text: `${ROLE[step.kind]} ` }) : null,
          badge(child.label),
          el("span", { class: "step-short", text: child.short }),
        );
        jump.addEventListener("click", () => focus(child.id));
        item.append(jump);
        for (const r of step.relations) {
          const verb = r.undercut ? "undercuts" : VERB[r.kind] || r.kind;
          const own = r.from === child.id || r.id === child.id; // the node is the relation's premise or its step
          const line = el(
            "p",
            { class: `relation relation-${r.kind}` },
            `${own ? "" : `${fromText(r.from)} `}${verb} ${shortOf(r.to)}`,
            r.by.length ? el("span", { class: "by", text: ` · ${names(r.by)}` }) : null,
          );
          if (step.via && step.via !== "direct") line.append(el("small", { text: ` (${step.via})` }));
          if (inactive) line.append(el("small", { class: "inactive-note", text: ` — inactive: ${step.inactive_because}` }));
          item.append(line);
          if (r.note) item.append(el("p", { class: "note", text: r.note }));
          for (const c of r.cites) item.append(quote(c, el));
        }
        item.append(el("p", { class: "step-reason", text: child.reason }));
        if (child.steps && child.steps.length && depth < EXPLAIN_MAX_DEPTH) {
          const nested = steps(child.steps, depth + 1);
          if (depth >= EXPLAIN_OPEN_DEPTH) {
            const count = `${child.steps.length} step${child.steps.length === 1 ? "" : "s"}`;
            item.append(el("details", {}, el("summary", { text: `why (${count})` }), nested));
          } else {
            item.append(nested);
          }
        }
        return item;
      }),
    );
  }
}
