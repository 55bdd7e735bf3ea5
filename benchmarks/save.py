"""What a save costs the server: ``PUT /api/maps/<id>`` of the whole document, checked and written to SQLite.

Run: ``.venv/bin/python -m benchmarks save`` (target: the median save of the shipped map's size under
50 ms). The shipped map is copied into a throwaway database, then saved ``--saves`` times through
Flask's test client, each save one small edit (a proposition added or its text changed) over the
version just saved, with ``If-Match``; the database syncs each commit to disk (``synchronous=FULL``).
Also times the store's save alone, the first labels request after a save (the parse is cached by the
save, the evaluation is not), the verdicts of an unsaved draft (``POST /api/evaluate``, what an
editor asks after each edit), and a generated 2,000-proposition map. Prints medians; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import argmap
from argmap.web import create_app
from benchmarks.explorer import SEED_ID, SEEDS, summary, timed

TARGET_MS = 50.0


def edits(doc: dict[str, Any]) -> Any:
    """An endless run of small edits of ``doc``: add a proposition, then change its text, and so on."""
    n = 0
    while True:
        n += 1
        props = [p for p in doc["propositions"] if p["id"] != "bench-e"]
        props.append({"id": "bench-e", "text": f"Benchmark evidence, edit {n}", "kind": "evidence"})
        yield {**doc, "propositions": props if n % 2 else doc["propositions"]}


def bench(name: str, doc: dict[str, Any], saves: int, folder: Path, target: float | None = None) -> None:
    """Print the median save of ``doc`` through the API and through the store alone."""
    (folder / "shipped").mkdir(exist_ok=True)
    app = create_app({"TESTING": True, "MAPS_DIR": str(folder / "shipped"), "DB": str(folder / f"{doc['id']}.db")})
    client = app.test_client()
    assert client.post("/api/maps", json=doc).status_code == 201
    url = f"/api/maps/{doc['id']}"
    version = [1]
    drafts = edits(doc)
    size = len(json.dumps(doc).encode())

    def put() -> None:
        response = client.put(url, json=next(drafts), headers={"If-Match": f'"{version[0]}"'})
        assert response.status_code == 200, response.get_json()
        version[0] += 1

    def put_then_labels() -> None:
        put()
        assert client.get(f"{url}/labels").status_code == 200

    def evaluate_draft() -> None:
        response = client.post("/api/evaluate?explain=" + hypothesis, json=next(drafts))
        assert response.status_code == 200, response.get_json()

    hypothesis = next(p["id"] for p in doc["propositions"] if p["kind"] == "hypothesis")
    store = app.extensions["argmap"]["store"]

    def save_in_store() -> None:
        store.save(doc["id"], next(drafts), expected={version[0]})
        version[0] += 1

    label = f"{name} ({len(doc['propositions'])} propositions, {size // 1024} KiB)"
    timed(put, 3)  # warm up: connection, caches
    print(summary(f"PUT {label}", timed(put, saves), target=target), flush=True)
    print(summary(f"MapStore.save {label}", timed(save_in_store, saves)), flush=True)
    print(summary(f"PUT then GET labels {label}", timed(put_then_labels, max(5, saves // 2))), flush=True)
    print(summary(f"POST /api/evaluate (a draft's verdicts) {label}", timed(evaluate_draft, max(5, saves // 2))))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--saves", type=int, default=40, help="saves per measurement")
    parser.add_argument("--big", type=int, default=2000, help="propositions in the generated map (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="argmap-bench-save-") as tmp:
        folder = Path(tmp)
        seed = SEEDS / f"{SEED_ID}.yaml"
        if seed.is_file():
            bench("shipped map", argmap.load(seed).to_document(), args.saves, folder, TARGET_MS)
        if args.big:
            from benchmarks.generate import generate_document

            doc = generate_document(args.big, seed=1)
            doc["id"] = f"generated-{args.big}"
            bench(f"generated-{args.big}", doc, max(5, args.saves // 4), folder)


if __name__ == "__main__":
    main()
