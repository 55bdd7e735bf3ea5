// argmap explorer, controls: zoom and pan buttons (focusable and labelled, unlike vis-network's own),
// the verdicts' tools (filters of the switch lists and the verdicts, "Jump to changed", each verdict's
// reason shown or hidden from its badge). Map text is only ever set as text, never as HTML.

// The [data-view] buttons: the first view, the whole map, zoom, and pan by a quarter of the view.
export function attachViewTools(graph, buttons) {
  const PAN = 0.25; // of the graph's width or height per press
  for (const button of buttons) {
    button.addEventListener("click", () => {
      const how = button.dataset.view;
      if (how === "first") return graph.firstView();
      if (how === "whole") return graph.wholeMap();
      const scale = graph.network.getScale();
      const centre = graph.network.getViewPosition();
      const canvas = document.querySelector("#graph canvas");
      const dx = (canvas.clientWidth * PAN) / scale;
      const dy = (canvas.clientHeight * PAN) / scale;
      const to = {
        in: { scale: scale * 1.25 },
        out: { scale: scale / 1.25 },
        left: { position: { x: centre.x - dx, y: centre.y } },
        right: { position: { x: centre.x + dx, y: centre.y } },
        up: { position: { x: centre.x, y: centre.y - dy } },
        down: { position: { x: centre.x, y: centre.y + dy } },
      }[how];
      graph.network.moveTo(to);
    });
  }
}

// Filters of the analysts and the verdicts, "Jump to changed" (cycles through the changed verdicts)
// and the reasons' toggles.
export function attachVerdictTools(verdictItems) {
  const analystFilter = document.querySelector('input[name="analyst-filter"]');
  if (analystFilter) analystFilter.addEventListener("input", () => filterList(".analysts .switch", analystFilter.value, "[data-no-analyst]"));
  const verdictFilter = document.querySelector('input[name="verdict-filter"]');
  if (verdictFilter) verdictFilter.addEventListener("input", () => filterList(".verdict-list .verdict", verdictFilter.value, "[data-no-verdict]"));
  let jumped = -1;
  const jump = document.querySelector('[data-testid="jump-changed"]');
  if (jump) {
    jump.addEventListener("click", () => {
      const changed = verdictItems.filter((item) => item.classList.contains("changed") && !item.hidden);
      if (!changed.length) return;
      jumped = (jumped + 1) % changed.length;
      changed[jumped].scrollIntoView({ block: "nearest" });
      changed[jumped].querySelector(".verdict-name").focus();
    });
  }
  // Each verdict's badge shows or hides its reason (a span with the role of a button: the item's one
  // <button> selects the hypothesis).
  for (const toggle of document.querySelectorAll("[data-why]")) {
    const flip = () => {
      const item = toggle.closest(".verdict");
      item.classList.toggle("open");
      toggle.setAttribute("aria-expanded", String(item.classList.contains("open")));
    };
    toggle.addEventListener("click", flip);
    toggle.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      flip();
    });
  }
}

// Hides the items of ``selector`` that lack a word of ``text``; says so when none is left.
export function filterList(selector, text, noneSelector) {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const item of document.querySelectorAll(selector)) {
    item.hidden = !words.every((w) => item.dataset.search.includes(w));
    if (!item.hidden) shown += 1;
  }
  document.querySelector(noneSelector).hidden = shown > 0;
}
