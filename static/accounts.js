// argmap explorer, the "Accounts" panel. Where grounded semantics leaves a hypothesis UNDEC, the panel
// lists the coherent accounts of the scenario (GET /api/maps/<id>/accounts?...&explain=1: preferred,
// stable or complete extensions of the compiled framework); clicking one colours the graph by that
// account, under a banner that says it is an account and not the verdict, and the URL keeps it
// (&account=N, 1-based, and &semantics=S). The verdict panel keeps the grounded verdict throughout.
// app.js calls attachAccounts() once the explorer is wired; this module listens to "argmap:updated".
// Map text is only ever set as text (textContent, DOM nodes), never parsed as HTML.

const SEMANTICS = ["preferred", "stable", "complete"];
const LISTED = 26; // accounts asked for (named A to Z)
const NAMES = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
// Read as the module loads: app.js rewrites the URL to the canonical scenario before attaching us.
const OPENED_WITH = new URLSearchParams(location.search);

export function attachAccounts({ data, el, api, toQuery }) {
  const app = window.argmap;
  const { state, graph } = app;
  const mapId = data.map.id;
  const hypotheses = data.hypotheses.map((h) => h.id);
  const shortOf = (id) => (data.propositions[id] ? data.propositions[id].short : id);
  const params = OPENED_WITH;
  let semantics = SEMANTICS.includes(params.get("semantics")) ? params.get("semantics") : "preferred";
  let shown = Number.parseInt(params.get("account") || "0", 10) || 0; // 1-based; 0: the verdict
  let accounts = [];
  let seq = 0;
  let painted = false; // the graph shows an account's colours

  document.head.append(el("link", { rel: "stylesheet", href: "/static/accounts.css" }));

  const picker = el(
    "select",
    { name: "account-semantics", "aria-label": "Semantics of the accounts", dataset: { testid: "account-semantics" } },
    SEMANTICS.map((s) => el("option", { value: s, text: s, selected: s === semantics })),
  );
  const summary = el("p", { class: "hint", dataset: { testid: "accounts-summary" }, "aria-live": "polite" });
  const list = el("ol", { class: "account-list" });
  const banner = el(
    "div",
    { class: "account-banner", dataset: { testid: "account-banner" }, role: "status", hidden: true },
    el("span", { class: "account-banner-text" }),
    el("button", { type: "button", class: "small", text: "Back to the verdict", dataset: { testid: "account-clear" } }),
  );
  const section = el(
    "section",
    { class: "accounts", dataset: { testid: "accounts" } },
    el("h2", {}, "Accounts ", picker),
    summary,
    list,
  );
  document.querySelector(".verdicts").after(section);
  document.querySelector("#graph").after(banner); // under the graph: its tools sit over the top corner

  picker.addEventListener("change", () => {
    semantics = picker.value;
    shown = 0;
    refresh();
  });
  banner.querySelector("button").addEventListener("click", () => showAccount(0));
  document.addEventListener("argmap:updated", () => refresh());

  function undecided() {
    return hypotheses.filter((h) => state.labels[h] === "UNDEC");
  }

  async function refresh() {
    const mine = ++seq;
    const open = undecided();
    if (!open.length) {
      accounts = [];
      list.replaceChildren();
      summary.textContent = "Every hypothesis is decided: there are no rival accounts to show.";
      section.dataset.count = "0";
      showAccount(0);
      return;
    }
    const query = toQuery(state.scenario);
    const url = `/api/maps/${encodeURIComponent(mapId)}/accounts?${query}${query ? "&" : ""}semantics=${semantics}&explain=1&limit=${LISTED}`;
    let body;
    try {
      body = await api(url);
    } catch (err) {
      if (mine === seq) summary.textContent = `Could not compute the accounts: ${err.message}`;
      return;
    }
    if (mine !== seq) return;
    accounts = body.accounts;
    section.dataset.count = String(body.count ?? body.count_at_least);
    summary.textContent = describe(body, open);
    list.replaceChildren(...accounts.map((account, i) => item(account, i)));
    showAccount(shown <= accounts.length ? shown : 0);
  }

  function describe(body, open) {
    const n = body.count ?? body.count_at_least;
    const more = body.count === null ? "at least " : "";
    const noun = n === 1 ? "account" : "accounts";
    const undec = `${open.length} hypothes${open.length === 1 ? "is is" : "es are"} UNDEC`;
    if (!n) return `${undec}; no ${body.semantics} account exists (an odd cycle of attacks, for one).`;
    const listed = body.truncated ? ` (the first ${body.accounts.length} listed)` : "";
    return `${undec}. ${more}${n} coherent ${body.semantics} ${noun}${listed}:`;
  }

  function item(account, i) {
    const hyps = account.hypotheses.map(shortOf).join("; ") || "no hypothesis held";
    const settled = new Set(Object.entries(state.labels).filter(([, l]) => l === "IN").map(([id]) => id));
    const beyond = account.in.filter((p) => !account.hypotheses.includes(p) && !settled.has(p));
    const reasons = Object.values(account.reasons || {});
    const button = el(
      "button",
      {
        type: "button",
        class: "link account-name",
        "aria-pressed": "false",
        title: reasons.join("\n"),
        dataset: { testid: "account", account: String(i + 1) },
      },
      el("strong", { text: NAMES[i] || String(i + 1) }),
      ` — ${hyps}`,
    );
    button.addEventListener("click", () => showAccount(shown === i + 1 ? 0 : i + 1));
    const why = el("ul", { class: "account-why" }, reasons.map((r) => el("li", { text: r })));
    const also = beyond.length
      ? el("p", { class: "hint", text: `Also accepts: ${beyond.map(shortOf).join("; ")}` })
      : null;
    const against = (account.against || [])
      .filter((x) => x.attacks.length)
      .map((x) => {
        const a = x.attacks[0];
        const rels = a.relations.map((r) => r.id).join(", ");
        return el("li", { text: `Excludes ${NAMES[x.account] || x.account + 1}: ${shortOf(a.from)} attacks ${shortOf(a.to)}${rels ? ` (${rels})` : ""}` });
      });
    return el(
      "li",
      { class: "account", dataset: { account: String(i + 1) } },
      button,
      also,
      el("details", {}, el("summary", { text: "Why it hangs together" }), why, el("ul", { class: "account-against" }, against)),
    );
  }

  // Colours the graph by account n (1-based), or by the verdict again (0). Only the drawing changes:
  // the verdicts, the details and the scenario stay those of the grounded verdict.
  function showAccount(n) {
    const account = n ? accounts[n - 1] : null;
    shown = account ? n : 0;
    if (account || painted) {
      const everything = new Set(Object.keys(state.labels));
      const steps = account ? account.steps : state.inferences;
      graph.restyle(account ? account.labels : state.labels, steps, everything, new Set(), state.scenario.distrust);
    }
    painted = Boolean(account);
    for (const button of list.querySelectorAll('[data-testid="account"]')) {
      button.setAttribute("aria-pressed", String(Number(button.dataset.account) === shown));
    }
    section.dataset.shown = String(shown);
    document.querySelector("#graph").classList.toggle("showing-account", Boolean(account));
    banner.hidden = !account;
    if (account) {
      const name = NAMES[n - 1] || String(n);
      banner.querySelector(".account-banner-text").textContent =
        `Showing account ${name} (${semantics}): one coherent position a reader could hold, not the verdict.`;
    }
    keepInUrl();
  }

  function keepInUrl() {
    const query = new URLSearchParams(toQuery(state.scenario));
    if (semantics !== "preferred") query.set("semantics", semantics);
    if (shown) query.set("account", String(shown));
    const text = query.toString().replaceAll("%2C", ",");
    history.replaceState(history.state, "", `${location.pathname}${text ? `?${text}` : ""}`);
  }

  refresh();
}
