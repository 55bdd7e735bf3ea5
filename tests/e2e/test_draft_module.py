"""static/draft.js, the editor's pure document operations, run in Chromium as the page runs them."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

# The page's CSP forbids eval, as it should: each body runs as a function of its own through the driver.
RUN = 'async () => {{ const draft = await import("/static/draft.js"); {} }}'


@pytest.fixture
def run(page: Page, live_url: str, watch: Any) -> Any:
    page.goto(f"{live_url}/")
    return lambda code: page.evaluate(RUN.format(code))


def test_ids_are_fresh_across_propositions_and_relations(run: Any) -> None:
    got = run("""
      let doc = draft.emptyDocument("m", "T", "Q");
      let e, c, r;
      [doc, e] = draft.addProposition(doc, {kind: "evidence", text: "E"});
      [doc, c] = draft.addProposition(doc, {kind: "claim", text: "C", label: "c"});
      doc = {...doc, propositions: [...doc.propositions, {id: "r1", text: "odd", kind: "claim"}]};
      [doc, r] = draft.addRelation(doc, {from: [e], to: c, kind: "support"});
      return [e, c, r, doc.relations[0].from, doc.propositions[1].label];
    """)
    assert got == ["e1", "c1", "r2", "e1", "c"]


def test_removing_a_proposition_takes_what_cannot_stand_without_it(run: Any) -> None:
    got = run("""
      const doc = draft.normalised({id: "m", propositions: ["e1", "e2", "e3", "c1", "h1"].map(
        (id) => ({id, text: id, kind: id[0] === "e" ? "evidence" : id[0] === "c" ? "claim" : "hypothesis"})),
        relations: [
          {id: "r1", from: ["e1", "e2"], to: "c1", kind: "support"},
          {id: "r2", from: "c1", to: "h1", kind: "support"},
          {id: "r3", from: "e3", to: "r2", kind: "attack"},
          {id: "r4", from: "e3", to: "r3", kind: "attack"},
        ]});
      const a = draft.removeProposition(doc, "e1");
      const b = draft.removeProposition(doc, "c1");
      return [a.relations.map((r) => [r.id, r.from]), b.relations.map((r) => r.id)];
    """)
    assert got == [[["r1", "e2"], ["r2", "c1"], ["r3", "e3"], ["r4", "e3"]], []]


def test_a_quote_is_the_passage_trimmed_and_at_most_25_words(run: Any) -> None:
    got = run("""
      const long = Array.from({length: 26}, (_, i) => `w${i}`).join(" ");
      return [draft.quoteFrom("  the  exact\\nwords "), draft.quoteFrom(long).error, draft.quoteFrom(" ").error];
    """)
    assert got[0] == {"quote": "the  exact\nwords"}
    assert "26 words" in got[1] and "at most 25" in got[1] and got[2]


def test_undo_and_redo_walk_whole_documents(run: Any) -> None:
    got = run("""
      const h = new draft.History({v: 0});
      h.push({v: 1}); h.push({v: 2}); h.undo(); h.undo();
      const low = [h.doc.v, h.undo()];
      h.redo(); h.push({v: 3});
      return [...low, h.doc.v, h.redo(), h.past.map((d) => d.v)];
    """)
    assert got == [0, False, 3, False, [0, 1]]


def test_the_shape_changes_with_kinds_ends_and_analysts_not_with_quotes(run: Any) -> None:
    got = run("""
      const doc = draft.normalised({id: "m", sources: [{id: "s1", title: "S"}],
        propositions: [{id: "e1", text: "E", kind: "evidence"}, {id: "h1", text: "H", kind: "hypothesis"}],
        relations: [{id: "r1", from: "e1", to: "h1", kind: "support"}]});
      return [
        draft.sameShape(doc, draft.addQuote(doc, "r1", "s1", "E")),
        draft.sameShape(doc, draft.updateRelation(doc, "r1", {kind: "attack"})),
        draft.sameShape(doc, draft.updateRelation(doc, "r1", {by: ["a"]})),
        draft.sameShape(doc, draft.updateProposition(doc, "h1", {label: "short"})),
      ];
    """)
    assert got == [True, False, False, False]
