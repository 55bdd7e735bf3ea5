// argmap, the list of maps: "New map" (an empty editable map, then its editing page) and "Import" (a
// file in any format the server reads). Writes carry the token when the server has one (writes.js).

import { HttpError, send } from "./writes.js";

const tokenForm = document.querySelector("[data-testid=token-form]");

function show(box, err) {
  const lines = err instanceof HttpError ? err.details : [];
  const list = document.createElement("ul");
  list.className = "problems";
  for (const line of lines) list.append(Object.assign(document.createElement("li"), { textContent: line }));
  box.replaceChildren(Object.assign(document.createElement("p"), { className: "error", textContent: err.message }), list);
}

// A map id from its title ("Who flew the drones?" -> "who-flew-the-drones"), a suffix when taken.
function idFrom(title, attempt) {
  const base = title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 48) || "map";
  const stem = /^[a-z0-9]/.test(base) ? base : `map-${base}`;
  return attempt ? `${stem}-${attempt + 1}` : stem;
}

const newMap = document.getElementById("new-map-form");
if (newMap) {
  newMap.addEventListener("submit", async (event) => {
    event.preventDefault();
    const box = document.getElementById("new-map-result");
    const title = newMap.elements.title.value.trim();
    const question = newMap.elements.question.value.trim();
    for (let attempt = 0; attempt < 20; attempt++) {
      const doc = { id: idFrom(title, attempt), title, question, propositions: [] };
      if (!question) delete doc.question;
      try {
        const created = await send("POST", "/api/maps?filename=new.json", doc, { tokenForm });
        location.assign(`${created.body.url}/edit`);
        return;
      } catch (err) {
        if (err instanceof HttpError && err.status === 409) continue; // the id is taken: try the next
        show(box, err);
        return;
      }
    }
  });
}

const importForm = document.getElementById("import-form");
if (importForm) {
  importForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const box = document.getElementById("import-result");
    box.replaceChildren(Object.assign(document.createElement("p"), { textContent: "Checking…" }));
    try {
      const created = await send("POST", importForm.action, new FormData(importForm), { tokenForm });
      location.assign(created.body.url);
    } catch (err) {
      show(box, err);
    }
  });
}
