"""dedupe_records / dedupe_file: the ``tidings dedupe`` contract on small inputs."""
from __future__ import annotations

import json
import random

from tidings.dedupe import dedupe_file, dedupe_records, group_records
from tidings.dedupe.synth import generate

STORY = ("Firefighters in Kelworth battled a warehouse blaze for six hours on Monday night, "
         "the city fire service said. No one was hurt, but smoke forced the closure of the "
         "coastal road and two schools stayed shut on Tuesday. Investigators have not yet said "
         "what started the fire, which destroyed stock worth several million euros. The owner, "
         "a shipping firm, said it would rebuild on the same site.")
OTHER = ("The central bank of Valdoria raised its main interest rate by a quarter point to four "
         "percent on Thursday, citing stubborn inflation in services. The governor said more "
         "increases could follow if wages keep rising faster than productivity, and mortgage "
         "lenders said they would pass on the change within weeks to their customers.")
REPORT = ("A warehouse in Kelworth burned down overnight Monday after a fire that took crews six "
          "hours to control. Nobody was injured. The coastal road was closed because of thick "
          "smoke and two schools cancelled classes on Tuesday. The building belonged to a "
          "shipping company, whose director promised to rebuild there, while investigators look "
          "for the cause of the blaze.")


def records():
    return [
        {"id": "a", "date": "2024-05-02", "lang": "en", "title": "Warehouse fire in Kelworth", "text": STORY},
        {"id": "b", "date": "2024-05-03", "lang": "en", "title": "Big blaze closes coastal road",
         "text": "<p>" + STORY.replace(". ", ".</p><p>") + "</p>\n\nSign up for our newsletter."},
        {"id": "c", "date": None, "lang": "en", "title": "Kelworth fire", "text": STORY[: len(STORY) // 2]},
        {"id": "d", "date": "2024-05-01", "lang": "en", "title": "Valdoria raises rates", "text": OTHER},
        {"id": "e", "date": "2024-05-02", "lang": "en", "title": "Kelworth warehouse destroyed", "text": REPORT},
        {"id": "f", "date": "2024-05-02", "lang": "en", "title": "", "text": ""},
    ]


def test_dedupe_records_groups_copies_under_their_original():
    groups = dedupe_records(records())
    assert set(groups) == {"a", "b", "c", "d", "e", "f"}
    assert groups["a"] == groups["b"] == groups["c"] == "a"
    assert groups["d"] == "d" and groups["e"] == "e" and groups["f"] == "f"


def test_dedupe_file_writes_id_to_group(tmp_path):
    src, out = tmp_path / "a.jsonl", tmp_path / "g.json"
    src.write_text("\n".join(json.dumps(r) for r in records()) + "\n\n", encoding="utf-8")
    counts = dedupe_file(src, out)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written == dedupe_records(records())
    assert counts == {"articles": 6, "groups": 4, "copies": 2}


def test_result_does_not_depend_on_input_order():
    recs = records()
    shuffled = recs[:]
    random.Random(4).shuffle(shuffled)
    assert dedupe_records(shuffled) == dedupe_records(recs)


def test_synthetic_corpus_scores_well():
    corpus = generate(60, seed=2)
    grouping = group_records(corpus.records())
    docs = corpus.docs
    copies = [d for d in docs if d.edit != "original"]
    found = sum(grouping.group[d.id] == grouping.group[d.original] for d in copies)
    originals = [d for d in docs if d.edit == "original"]
    merged = sum(grouping.group[a.id] == grouping.group[b.id]
                 for a in originals for b in originals if a.id < b.id)
    assert found >= 0.95 * len(copies) and merged == 0
    correct = sum(grouping.attributions[grouping.group[d.id]].primary.id == d.id for d in originals
                  if any(c.original == d.id for c in copies))
    assert correct >= 0.9 * len({c.original for c in copies})
