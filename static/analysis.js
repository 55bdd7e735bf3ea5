// argmap explorer, analyst tools: what a hypothesis hangs on (in the details panel), a comparison of
// the current scenario with a pinned one, every hypothesis under the three readings of support, and
// a link to the ACH matrix. app.js calls attachAnalysis() once the explorer is wired and lends its
// helpers; this module listens to its "argmap:updated" event and watches the details panel.
// Map text is only ever set as text (textContent, DOM nodes), never parsed as HTML.

const READINGS = ["evidential", "deductive", "abstract"];
const STATE_WORDS = { IN: "accepted", OUT: "rejected", UNDEC: "undecided", OFF: "switched off" };

export function attachAnalysis({ data, el, api, toQuery }) {
  const app = window.argmap;
  const state = app.state;
  const mapId = data.map.id;
  const base = `/api/maps/${encodeURIComponent(mapId)}`;
  const hypotheses = data.hypotheses.map((h) => h.id);
  const isHypothesis = new Set(hypotheses);
  const analystName = Object.fromEntries(data.analysts.map((a) => [a.id, a.name]));
  const shortOf = (id) => (data.propositions[id] ? data.propositions[id].short : id);
  const query = () => toQuery(state.scenario);

  document.head.append(el("link", { rel: "stylesheet", href: "/static/analysis.css" }));

  // --- the section under the verdicts: compare, readings, ACH link ----------------------------------

  const compareButton = el("button", {
    type: "button",
    class: "small",
    dataset: { testid: "compare-toggle" },
    "aria-pressed": "false",
    title: "Pin this scenario and show how the next switches change the labels against it",
  });
  const pinnedLine = el("p", { class: "hint", dataset: { testid: "compare-pinned" }, hidden: true });
  const compareList = el("ul", { class: "compare-list", dataset: { testid: "compare" }, "aria-live": "polite" });
  const readingsTable = el("table", { class: "readings-table", dataset: { testid: "readings" } });
  const achLink = el("a", { class: "button", dataset: { testid: "ach-link" }, text: "ACH matrix" });
  // Comparing belongs with the verdicts (the switches stay right under them); the readings and the
  // ACH link close the panel.
  const compare = el(
    "div",
    { class: "analysis compare", dataset: { testid: "analysis" } },
    el("div", { class: "row" }, compareButton, achLink),
    pinnedLine,
    compareList,
  );
  document.querySelector(".verdicts").append(compare);
  const readingsSection = el(
    "section",
    { class: "analysis readings" },
    el("h2", { text: "Readings of support" }),
    el("p", { class: "hint", text: "Each hypothesis under the three readings, with the evidence and analysts switched as above." }),
    readingsTable,
  );
  document.querySelector(".panel.left .left-bottom").append(readingsSection);

  let pinned = null;
  let compareSeq = 0;
  compareButton.addEventListener("click", () => {
    pinned = pinned === null ? query() : null;
    refreshCompare();
  });

  async function refreshCompare() {
    const on = pinned !== null;
    compareButton.textContent = on ? "Stop comparing" : "Compare with…";
    compareButton.setAttribute("aria-pressed", String(on));
    pinnedLine.hidden = !on;
    if (!on) {
      compareList.replaceChildren();
      return;
    }
    pinnedLine.textContent = `Pinned: ${describe(pinned)}. Now: ${describe(query())}.`;
    const seq = ++compareSeq;
    let body;
    try {
      body = await api(`${base}/diff?a=${encodeURIComponent(pinned)}&b=${encodeURIComponent(query())}`);
    } catch (err) {
      if (seq === compareSeq) compareList.replaceChildren(el("li", { class: "error", text: err.message }));
      return;
    }
    if (seq !== compareSeq || pinned === null) return;
    const order = (c) => (isHypothesis.has(c.id) ? 0 : 1);
    const items = [...body.changed].sort((x, y) => order(x) - order(y)).map((c) => compareItem(c, body.relations || {}));
    compareList.replaceChildren(...(items.length ? items : [el("li", { class: "hint", text: "No label differs from the pinned scenario." })]));
  }

  // One changed label in words: the proposition by its short label, its states, and each relation
  // behind the change as the server words it; the ids stay in a disclosure for whoever needs them.
  function compareItem(c, relations) {
    const name = el("button", { type: "button", class: "link", text: shortOf(c.id), title: data.propositions[c.id] ? data.propositions[c.id].text : c.id });
    name.addEventListener("click", () => {
      app.select(c.id);
      app.focus(c.id);
    });
    const reasons = c.because
      .filter((r) => relations[r])
      .map((r) => {
        const words = relations[r];
        return words.counts_in === "a"
          ? `${words.why_not}, so this step no longer counts: ${words.text}`
          : `this step now counts: ${words.text} (pinned: ${words.why_not})`;
      });
    const because = reasons.length ? el("span", { class: "compare-because", text: ` because ${reasons.join("; ")}.` }) : null;
    const ids = el(
      "details",
      { class: "debug" },
      el("summary", { text: "ids" }),
      el("code", { text: c.because.length ? `${c.id} · because ${c.because.join(", ")}` : c.id }),
    );
    return el(
      "li",
      { dataset: { testid: "compare-item", nodeId: c.id, a: c.a, b: c.b } },
      name,
      " ",
      el("span", { class: "compare-arrow", title: `${c.a} → ${c.b}`, text: `${STATE_WORDS[c.a]} → ${STATE_WORDS[c.b]}` }),
      because,
      " ",
      ids,
    );
  }

  function describe(q) {
    const params = new URLSearchParams(q);
    const parts = [];
    if (params.get("off")) parts.push(`off ${params.get("off").split(",").map(shortOf).join(", ")}`);
    if (params.get("distrust")) parts.push(`set aside ${params.get("distrust").split(",").map((a) => analystName[a] || a).join(", ")}`);
    parts.push(`${params.get("support") || "evidential"} reading`);
    return parts.join("; ");
  }

  let readingsSeq = 0;
  async function refreshReadings() {
    const seq = ++readingsSeq;
    let body;
    try {
      body = await api(`${base}/readings?${query()}`);
    } catch (err) {
      if (seq === readingsSeq) readingsTable.replaceChildren(el("caption", { class: "error", text: err.message }));
      return;
    }
    if (seq !== readingsSeq) return;
    const current = state.scenario.support;
    const head = el("tr", {}, el("th", { text: "Hypothesis" }), READINGS.map((r) => el("th", { class: r === current ? "current" : null, text: r })));
    const rows = hypotheses.map((h) => {
      const row = body.readings[h];
      return el(
        "tr",
        { class: body.disagreements.includes(h) ? "differs" : null, dataset: { nodeId: h } },
        el("th", { text: shortOf(h), title: data.propositions[h].text }),
        READINGS.map((r) => el("td", { class: r === current ? "current" : null, dataset: { reading: r, label: row[r] }, text: row[r] })),
      );
    });
    readingsTable.replaceChildren(el("thead", {}, head), el("tbody", {}, rows));
  }

  function refreshLink() {
    const q = query();
    achLink.href = `/maps/${encodeURIComponent(mapId)}/ach${q ? `?${q}` : ""}`;
  }

  // --- "What it hangs on" in the details panel of a hypothesis ----------------------------------------

  const hinges = new Map(); // query -> Promise of the hinges body
  const panel = document.querySelector('[data-testid="details"]');
  new MutationObserver(() => {
    const id = panel.dataset.nodeId;
    if (!isHypothesis.has(id) || panel.querySelector('[data-testid="hinges"]')) return;
    const box = el("section", { class: "hinges", dataset: { testid: "hinges", nodeId: id } }, el("h3", { text: "What it hangs on" }), el("p", { class: "hint", text: "Working it out…" }));
    // Before "Why": the explanation can run long, the hinges are a short list.
    const why = panel.querySelector(".why-reason");
    const heading = why && why.previousElementSibling && why.previousElementSibling.matches("h3") ? why.previousElementSibling : why;
    if (heading) heading.before(box);
    else panel.append(box);
    fillHinges(box, id);
  }).observe(panel, { childList: true });

  async function fillHinges(box, id) {
    const q = query();
    if (!hinges.has(q)) hinges.set(q, api(`${base}/hinges?${q}`));
    let body;
    try {
      body = await hinges.get(q);
    } catch (err) {
      hinges.delete(q);
      box.replaceChildren(el("h3", { text: "What it hangs on" }), el("p", { class: "error", text: err.message }));
      return;
    }
    if (!box.isConnected) return;
    const h = body.hinges[id];
    box.dataset.label = h.label;
    const items = [
      ...h.evidence.map((s) => hingeItem("evidence", s.id, shortOf(s.id), s.action === "off" ? "switched off" : "switched on", s)),
      ...h.analysts.map((s) => hingeItem("analyst", s.id, analystName[s.id] || s.id, s.action === "distrust" ? "set aside" : "trusted again", s)),
      ...h.sets.map((ids, i) => setItem(ids, h.sets_to[i])),
    ];
    const parts = [el("h3", { text: "What it hangs on" })];
    if (items.length) {
      parts.push(el("p", { class: "hint", text: `${h.label} now. Each of these changes it (sets: only together):` }));
      parts.push(el("ul", { class: "hinge-list" }, items));
    } else {
      parts.push(el("p", { class: "hint", text: `${h.label} now. No single switch, nor up to three evidence items off together, changes it.` }));
    }
    if (h.truncated) parts.push(el("p", { class: "hint", text: "The search was cut short here: the list may be incomplete." }));
    box.replaceChildren(...parts);
  }

  function hingeItem(kind, id, name, verb, switched) {
    const label = kind === "evidence" ? el("button", { type: "button", class: "link", text: name, title: "Show in the graph" }) : el("b", { text: name });
    if (kind === "evidence") label.addEventListener("click", () => app.focus(id));
    return el(
      "li",
      { dataset: { testid: "hinge", kind, id, to: switched.to, action: switched.action } },
      label,
      ` ${verb} → `,
      el("span", { class: "to", text: switched.to }),
      " ",
      tryButton(kind === "evidence" ? [`input[data-evidence-id="${CSS.escape(id)}"]`] : [`input[data-analyst-id="${CSS.escape(id)}"]`]),
    );
  }

  function setItem(ids, to) {
    return el(
      "li",
      { dataset: { testid: "hinge-set", ids: ids.join(","), to } },
      ids.map(shortOf).join(" + "),
      " off together → ",
      el("span", { class: "to", text: to }),
      " ",
      tryButton(ids.map((e) => `input[data-evidence-id="${CSS.escape(e)}"]`)),
    );
  }

  // "Try": flip the switches themselves, so the page, URL and history follow as for a click.
  function tryButton(selectors) {
    const button = el("button", { type: "button", class: "small", text: "Try", title: "Make this switch" });
    button.addEventListener("click", () => {
      for (const selector of selectors) {
        const box = document.querySelector(selector);
        if (!box) continue;
        box.checked = !box.checked;
        box.dispatchEvent(new Event("change"));
      }
    });
    return button;
  }

  document.addEventListener("argmap:updated", () => {
    refreshLink();
    refreshReadings();
    refreshCompare();
  });
  refreshLink();
  refreshReadings();
  refreshCompare();
}
