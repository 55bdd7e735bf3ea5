// argmap editor, the draft: pure functions over a map document (DESIGN §1) and the undo history.
// Nothing here touches the page. Every change returns a new document (the old one is kept for undo).

export const MAX_QUOTE_WORDS = 25;
const KIND_PREFIX = { evidence: "e", claim: "c", hypothesis: "h" };

export function emptyDocument(id, title, question) {
  return { id, title, question, analysts: [], sources: [], propositions: [], relations: [] };
}

// A document with every list the editor expects (a loaded map may leave some out).
export function normalised(doc) {
  const out = { ...doc };
  for (const key of ["analysts", "sources", "propositions", "relations"]) out[key] = Array.isArray(doc[key]) ? doc[key] : [];
  return out;
}

export const premisesOf = (r) => (Array.isArray(r.from) ? r.from : [r.from]);

// An id of the form ``<prefix><n>`` that nothing in ``taken`` has yet.
export function freshId(prefix, taken) {
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

// A short lowercase id from a name ("Ruth Deyermond" -> "ruth-deyermond"), unique among ``taken``.
export function slugId(name, taken, fallback) {
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  const stem = /^[a-z0-9]/.test(base) ? base : fallback;
  if (!taken.has(stem)) return stem;
  return freshId(`${stem}-`, taken);
}

// Propositions and relations share one namespace of ids (DESIGN §1).
export function nodeIds(doc) {
  return new Set([...doc.propositions.map((p) => p.id), ...doc.relations.map((r) => r.id)]);
}

export function addProposition(doc, { kind, text, label }) {
  const id = freshId(KIND_PREFIX[kind] || "p", nodeIds(doc));
  const p = { id, text, kind };
  if (label) p.label = label;
  return [{ ...doc, propositions: [...doc.propositions, p] }, id];
}

export function updateProposition(doc, id, fields) {
  const propositions = doc.propositions.map((p) => {
    if (p.id !== id) return p;
    const next = { ...p, ...fields };
    if (!next.label) delete next.label;
    return next;
  });
  return { ...doc, propositions };
}

// Remove a proposition and what can no longer stand without it: relations it was the target or the
// only premise of (and, in turn, undercuts of those); it leaves the premises of linked steps.
export function removeProposition(doc, id) {
  const relations = [];
  for (const r of doc.relations) {
    if (r.to === id) continue;
    const premises = premisesOf(r).filter((p) => p !== id);
    if (!premises.length) continue;
    relations.push(premises.length === premisesOf(r).length ? r : { ...r, from: premises.length === 1 ? premises[0] : premises });
  }
  return withoutDanglingSteps({ ...doc, propositions: doc.propositions.filter((p) => p.id !== id), relations });
}

export function addRelation(doc, { from, to, kind }) {
  const id = freshId("r", nodeIds(doc));
  const r = { id, from: from.length === 1 ? from[0] : [...from], to, kind };
  return [{ ...doc, relations: [...doc.relations, r] }, id];
}

export function updateRelation(doc, id, fields) {
  return { ...doc, relations: doc.relations.map((r) => (r.id === id ? cleaned({ ...r, ...fields }) : r)) };
}

export function removeRelation(doc, id) {
  return withoutDanglingSteps({ ...doc, relations: doc.relations.filter((r) => r.id !== id) });
}

function withoutDanglingSteps(doc) {
  let relations = doc.relations;
  for (;;) {
    const ids = new Set([...doc.propositions.map((p) => p.id), ...relations.map((r) => r.id)]);
    const kept = relations.filter((r) => ids.has(r.to));
    if (kept.length === relations.length) return { ...doc, relations };
    relations = kept;
  }
}

function cleaned(item) {
  const out = { ...item };
  for (const key of ["by", "cites", "asserted_by"]) if (Array.isArray(out[key]) && !out[key].length) delete out[key];
  if (out.note === "") delete out.note;
  return out;
}

export function addAnalyst(doc, { name, affiliation }) {
  const id = slugId(name, new Set(doc.analysts.map((a) => a.id)), "analyst");
  const a = { id, name };
  if (affiliation) a.affiliation = affiliation;
  return [{ ...doc, analysts: [...doc.analysts, a] }, id];
}

export function addSource(doc, { title, outlet, url, text }) {
  const id = freshId("s", new Set(doc.sources.map((s) => s.id)));
  const s = { id, title };
  if (outlet) s.outlet = outlet;
  if (url) s.url = url;
  if (text) s.text = text;
  return [{ ...doc, sources: [...doc.sources, s] }, id];
}

// The item (proposition or relation) with ``id``, its list's name and its index (for problem paths).
export function locate(doc, id) {
  for (const list of ["propositions", "relations"]) {
    const index = doc[list].findIndex((item) => item.id === id);
    if (index >= 0) return { list, index, item: doc[list][index] };
  }
  return null;
}

// Cite ``quote`` from source ``source`` for the proposition or relation ``id``.
export function addQuote(doc, id, source, quote) {
  const found = locate(doc, id);
  if (!found) return doc;
  const cites = [...(found.item.cites || []), { source, quote }];
  const list = doc[found.list].map((item) => (item.id === id ? { ...item, cites } : item));
  return { ...doc, [found.list]: list };
}

export function removeQuote(doc, id, index) {
  const found = locate(doc, id);
  if (!found) return doc;
  const cites = (found.item.cites || []).filter((_, i) => i !== index);
  const list = doc[found.list].map((item) => (item.id === id ? cleaned({ ...item, cites }) : item));
  return { ...doc, [found.list]: list };
}

export function wordCount(text) {
  return text.split(/\s+/).filter(Boolean).length;
}

// The passage as it will be quoted (whitespace runs kept verbatim, only the ends trimmed), or an error.
export function quoteFrom(selection) {
  const quote = selection.trim();
  if (!quote) return { error: "Select a passage of the source text first." };
  const words = wordCount(quote);
  if (words > MAX_QUOTE_WORDS) return { error: `The selection has ${words} words; a quote has at most ${MAX_QUOTE_WORDS}.` };
  return { quote };
}

// Whether a change alters what the graph draws (not only a text or a quote).
export function sameShape(a, b) {
  if (a.propositions.length !== b.propositions.length || a.relations.length !== b.relations.length) return false;
  for (let i = 0; i < a.propositions.length; i++) {
    const p = a.propositions[i];
    const q = b.propositions[i];
    if (p.id !== q.id || p.kind !== q.kind || p.label !== q.label || p.text !== q.text) return false;
  }
  for (let i = 0; i < a.relations.length; i++) {
    const r = a.relations[i];
    const s = b.relations[i];
    if (r.id !== s.id || r.kind !== s.kind || r.to !== s.to || String(premisesOf(r)) !== String(premisesOf(s))) return false;
    if (String(r.by || []) !== String(s.by || [])) return false;
  }
  return true;
}

// Undo and redo over whole documents (within this page's life).
export class History {
  constructor(doc) {
    this.past = [];
    this.future = [];
    this.doc = doc;
  }
  push(doc) {
    this.past.push(this.doc);
    this.future = [];
    this.doc = doc;
  }
  undo() {
    if (!this.past.length) return false;
    this.future.push(this.doc);
    this.doc = this.past.pop();
    return true;
  }
  redo() {
    if (!this.future.length) return false;
    this.past.push(this.doc);
    this.doc = this.future.pop();
    return true;
  }
  reset(doc) {
    this.past = [];
    this.future = [];
    this.doc = doc;
  }
}
