// argmap explorer, the details panel's contents: a proposition's kind, text and label, why it has that
// label (the explanation's steps, nested, each step's node a button that shows it in the graph), its
// analysts and its sources. app.js lends the helpers. Map text is only ever set as text, never as HTML.

const EXPLAIN_OPEN_DEPTH = 2;
const EXPLAIN_MAX_DEPTH = 8;

export function detailParts(prop, why, { el, badge, focus, propositions }) {
  const names = (list) => list.map((a) => a.name).join(", ");
  const shortOf = (id) => (propositions[id] ? propositions[id].short : id);
  const parts = [
    el("p", { class: "kicker" }, `${prop.kind} · ${prop.id}`),
    el("h2", { class: "details-title", text: prop.short }),
    el("div", { class: "details-label" }, badge(why.label), why.round ? el("small", { text: `round ${why.round}` }) : null),
  ];
  if (prop.text !== prop.short) parts.push(el("p", { class: "details-text", text: prop.text }));
  parts.push(el("h3", { text: "Why" }), el("p", { class: "why-reason", text: why.reason }));
  if (why.steps.length) parts.push(steps(why.steps, 1));
  const people = [];
  if (prop.asserted_by.length) people.push(el("p", {}, el("b", { text: "Asserted by: " }), names(prop.asserted_by)));
  if (prop.argued_by.length) {
    const who = prop.argued_by.map((a) => `${a.name} (${a.relations.length})`).join(", ");
    people.push(el("p", {}, el("b", { text: "Relations drawn by: " }), who));
  }
  if (people.length) parts.push(el("h3", { text: "Analysts" }), el("div", { class: "people" }, people));
  if (prop.cites.length) parts.push(el("h3", { text: "Sources" }), el("div", { class: "quotes" }, prop.cites.map(quote)));
  return parts;

  function quote(c) {
    const meta = [c.title, c.outlet, c.author, c.date].filter(Boolean).join(" · ");
    const cite = el("cite", {}, meta);
    if (c.url && /^https?:\/\//i.test(c.url)) {
      cite.append(" ", el("a", { href: c.url, target: "_blank", rel: "noopener noreferrer", text: "source ↗" }));
    }
    return el("figure", { class: "quote" }, el("blockquote", { text: `“${c.quote}”` }), el("figcaption", {}, cite));
  }

  // One step of an explanation: the node at the other end (click: show it in the graph), the relation
  // that joins them with its analysts and quotes, then that node's own reason and steps.
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
          { type: "button", class: "step-node", dataset: { testid: "explain-step", nodeId: child.id }, title: "Show in the graph" },
          badge(child.label),
          el("span", { class: "step-short", text: child.short }),
        );
        jump.addEventListener("click", () => focus(child.id));
        item.append(jump);
        for (const r of step.relations) {
          const verb = r.kind === "support" ? "supports" : "attacks";
          const line = el(
            "p",
            { class: `relation relation-${r.kind}` },
            `${r.from === child.id ? "" : `${shortOf(r.from)} `}${verb} ${shortOf(r.to)}`,
            r.by.length ? el("span", { class: "by", text: ` · ${names(r.by)}` }) : null,
            el("span", { class: "rel-id", text: ` ${r.id}` }),
          );
          if (step.via && step.via !== "direct") line.append(el("small", { text: ` (${step.via})` }));
          if (inactive) line.append(el("small", { class: "inactive-note", text: ` — inactive: ${step.inactive_because}` }));
          item.append(line);
          if (r.note) item.append(el("p", { class: "note", text: r.note }));
          for (const c of r.cites) item.append(quote(c));
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
