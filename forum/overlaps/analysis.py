"""The overlap analysis: who shares which topic, and which topics make cooperation candidates.

Everything starts from ``Entry.objects.visible_to(user)`` and ``Interest.objects.visible_to(user)``, so nothing a
person may not see is ever counted. The counting is done by the database (GROUP BY organisation and topic over the
entries' topic links); Python only arranges the grouped rows. Cooperation candidates use one integer per topic as a
bitset over the organisations (bit *i* set = organisation *i* is involved), so intersections of topic groups are a
single ``&`` and a ``bit_count()`` even for every municipality of Germany.

An organisation *is involved* in a topic if it has an entry with that topic (own entries) or has marked an entry
with that topic with interest (interest marks).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from django.conf import settings
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_noop

from forum.exchange.models import Entry, Interest
from forum.organisations.models import Organisation
from forum.topics.models import Topic

Level = Literal["fields", "topics"]
FIELDS: Level = "fields"
TOPICS: Level = "topics"
LEVELS: tuple[Level, ...] = (FIELDS, TOPICS)

MIN_ORGANISATIONS = 3
PAIR_TOPICS = 60  # pairs of topics are formed among the this many most widely shared topics
TRIPLE_TOPICS = 25  # triples among the this many
KEY_SEPARATOR = "+"

# The organisations the analysis is about: municipalities and districts (not partner bodies).
SCOPE_KINDS = (*Organisation.MUNICIPAL_KINDS, Organisation.Kind.DISTRICT)


def default_district() -> str:
    return str(settings.FORUM_KREISSCHLUESSEL)


def scope_organisations(user: Any, district: str | None) -> QuerySet[Organisation]:
    """The visible district and its municipalities (``district=None``: every district and municipality)."""
    organisations = Organisation.objects.visible_to(user).filter(kind__in=SCOPE_KINDS)
    if district:
        organisations = organisations.of_district(district)
    return organisations


def _in_district(district: str | None, prefix: str = "organisation__") -> Q:
    """The scope's kinds and district as a join condition on the owning or marking organisation.

    A join, not ``organisation__in=<subquery>``: SQLite would probe every (entry, organisation) pair of an IN list.
    The organisations' own visibility is applied on the grouped rows (``ids``), which are few.
    """
    condition = Q(**{f"{prefix}kind__in": SCOPE_KINDS})
    if district:
        condition &= Q(**{f"{prefix}ags": district}) | Q(**{f"{prefix}district__ags": district})
    return condition


def _visible_entries(user: Any, district: str | None, kind: str | None) -> QuerySet[Entry]:
    entries = Entry.objects.visible_to(user).filter(_in_district(district))
    return entries.filter(kind=kind) if kind else entries


def _visible_marks(user: Any, district: str | None, kind: str | None) -> QuerySet[Interest]:
    marks = Interest.objects.visible_to(user).filter(_in_district(district))
    return marks.filter(entry__kind=kind) if kind else marks


# The matrix ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One organisation and one topic: its own entries with the topic, its interest marks on entries with it."""

    entries: int = 0
    marks: int = 0

    @property
    def total(self) -> int:
        return self.entries + self.marks

    @property
    def involved(self) -> bool:
        return self.total > 0


EMPTY = Cell()


@dataclass(frozen=True)
class ColumnTotal:
    topic: Topic
    organisations: int  # organisations involved
    entries: int
    marks: int


@dataclass(frozen=True)
class Row:
    organisation: Organisation
    cells: tuple[Cell, ...]  # in the order of Matrix.topics

    @property
    def entries(self) -> int:
        return sum(cell.entries for cell in self.cells)

    @property
    def marks(self) -> int:
        return sum(cell.marks for cell in self.cells)

    @property
    def topics_involved(self) -> int:
        return sum(1 for cell in self.cells if cell.involved)


@dataclass(frozen=True)
class Matrix:
    """Organisations (rows) × topics (columns); at the field level a sub-topic counts for its field."""

    organisations: tuple[Organisation, ...]
    topics: tuple[Topic, ...]
    cells: dict[tuple[int, int], Cell]
    level: Level
    kind: str | None

    def cell(self, organisation_id: int, topic_id: int) -> Cell:
        return self.cells.get((organisation_id, topic_id), EMPTY)

    def row(self, organisation: Organisation) -> Row:
        return Row(organisation, tuple(self.cell(organisation.pk, topic.pk) for topic in self.topics))

    def rows(self, organisations: Iterable[Organisation] | None = None) -> list[Row]:
        """The rows of these organisations (a page of them), or of all."""
        chosen = self.organisations if organisations is None else organisations
        return [self.row(organisation) for organisation in chosen]

    @property
    def max_total(self) -> int:
        return max((cell.total for cell in self.cells.values()), default=0)

    def column_totals(self) -> list[ColumnTotal]:
        organisations: dict[int, int] = defaultdict(int)
        entries: dict[int, int] = defaultdict(int)
        marks: dict[int, int] = defaultdict(int)
        for (_organisation_id, topic_id), cell in self.cells.items():
            organisations[topic_id] += cell.involved
            entries[topic_id] += cell.entries
            marks[topic_id] += cell.marks
        return [
            ColumnTotal(topic, organisations[topic.pk], entries[topic.pk], marks[topic.pk]) for topic in self.topics
        ]


def _column(level: Level, prefix: str = "") -> Any:
    """The topic a link counts for: its field (``parent``, or itself if it is a field) or the topic itself."""
    if level == FIELDS:
        return Coalesce(F(f"{prefix}topics__parent_id"), F(f"{prefix}topics__id"))
    return F(f"{prefix}topics__id")


def count_cells(
    user: Any, district: str | None, ids: Collection[int], *, level: Level = FIELDS, kind: str | None = None
) -> dict[tuple[int, int], Cell]:
    """(organisation id, topic id) → Cell for the organisations ``ids``, counted by the database.

    An entry with two sub-topics of one field counts once for the field (COUNT DISTINCT, needed only there).
    """
    entries, marks = _counts(user, district, ids, level=level, kind=kind)
    return {key: Cell(entries.get(key, 0), marks.get(key, 0)) for key in entries.keys() | marks.keys()}


def _counts(
    user: Any, district: str | None, ids: Collection[int], *, level: Level, kind: str | None
) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
    """Own entries and interest marks per (organisation, topic), as two dictionaries."""
    counter = Count("pk", distinct=level == FIELDS)
    entries_of = _visible_entries(user, district, kind)
    if district:  # a district's few organisations: look them up by id instead of going through every entry
        entries_of = Entry.objects.visible_to(user).filter(organisation_id__in=list(ids))
        entries_of = entries_of.filter(kind=kind) if kind else entries_of
    own = (
        entries_of.filter(topics__isnull=False)
        .values("organisation_id", column=_column(level))
        .annotate(n=counter)
        .order_by()
        .values_list("organisation_id", "column", "n")
    )
    entries = {(organisation, topic): n for organisation, topic, n in own if organisation in ids}
    marks = _count_marks_of(user, ids, level, kind) if district else _count_marks(user, ids, level, kind, counter)
    return entries, marks


def _count_marks(user: Any, ids: Collection[int], level: Level, kind: str | None, counter: Count) -> dict:
    """Interest marks per (organisation, topic), grouped by the database over all visible marks."""
    marked = (
        _visible_marks(user, None, kind)
        .filter(entry__topics__isnull=False)
        .values("organisation_id", column=_column(level, "entry__"))
        .annotate(n=counter)
        .order_by()
        .values_list("organisation_id", "column", "n")
    )
    return {(organisation, topic): n for organisation, topic, n in marked if organisation in ids}


def _count_marks_of(user: Any, ids: Collection[int], level: Level, kind: str | None) -> dict:
    """Interest marks per (organisation, topic) of a few organisations: their marks, then the visible entries.

    Two small queries; SQLite would otherwise probe every visible entry for each of the organisations.
    """
    marks = list(Interest.objects.filter(organisation_id__in=list(ids)).values_list("organisation_id", "entry_id"))
    visible = Entry.objects.visible_to(user).filter(pk__in={entry_id for _organisation, entry_id in marks})
    visible = visible.filter(kind=kind) if kind else visible
    columns: dict[int, set[int]] = defaultdict(set)
    for entry_id, column in visible.filter(topics__isnull=False).values_list("pk", _column(level)):
        columns[entry_id].add(column)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for organisation_id, entry_id in marks:
        for column in columns.get(entry_id, ()):
            counts[organisation_id, column] += 1
    return dict(counts)


def _ordered_scope(scope: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """The district(s) first, then towns and municipalities by name."""
    district_first = Case(When(kind=Organisation.Kind.DISTRICT, then=Value(0)), default=Value(1))
    return scope.order_by(Coalesce("district__name", "name"), district_first, "name", "pk")


def overlap_matrix(user: Any, *, district: str | None, level: Level = FIELDS, kind: str | None = None) -> Matrix:
    """The matrix for the district's visible organisations (``district=None``: all) and the visible entries."""
    scope = scope_organisations(user, district)
    organisations = tuple(_ordered_scope(scope).only("pk", "name", "kind", "ags", "slug", "district_id"))
    cells = count_cells(user, district, {o.pk for o in organisations}, level=level, kind=kind)
    used = {topic_id for _organisation_id, topic_id in cells}
    if level == FIELDS:
        topics = Topic.objects.filter(Q(parent__isnull=True, retired=False, merged_into__isnull=True) | Q(pk__in=used))
        topics = topics.order_by("name")
    else:
        topics = (
            Topic.objects.filter(pk__in=used)
            .select_related("parent")
            .order_by(Coalesce("parent__name", "name"), "name")
        )
    return Matrix(organisations, tuple(topics), cells, level, kind)


# One topic -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Involvement:
    organisation: Organisation
    entries: int
    marks: int

    @property
    def total(self) -> int:
        return self.entries + self.marks


def topic_ids(topic: Topic) -> list[int]:
    """The topic and, for a field, its sub-topics."""
    return [topic.pk, *topic.children.values_list("pk", flat=True)]


def topic_involvement(user: Any, topic: Topic, *, district: str | None, kind: str | None = None) -> list[Involvement]:
    """The organisations involved in a topic (a field: in any of its sub-topics), most involved first."""
    ids = topic_ids(topic)
    scope = set(scope_organisations(user, district).values_list("pk", flat=True))
    own = dict(
        _visible_entries(user, district, kind)
        .filter(topics__in=ids)
        .values("organisation_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        .values_list("organisation_id", "n")
    )
    marked = dict(
        _visible_marks(user, district, kind)
        .filter(entry__topics__in=ids)
        .values("organisation_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        .values_list("organisation_id", "n")
    )
    involved = (own.keys() | marked.keys()) & scope
    organisations = Organisation.objects.filter(pk__in=involved).only("pk", "name", "kind", "ags", "slug")
    result = [Involvement(o, own.get(o.pk, 0), marked.get(o.pk, 0)) for o in organisations]
    result.sort(key=lambda item: (-item.total, item.organisation.name.casefold(), item.organisation.pk))
    return result


def topic_entries(
    user: Any, topic: Topic, organisation_ids: Sequence[int], *, kind: str | None = None
) -> tuple[dict[int, list[Entry]], dict[int, list[Interest]]]:
    """For these organisations: their visible entries with the topic, and their marks on visible entries with it."""
    ids = topic_ids(topic)
    entries = (
        Entry.objects.visible_to(user)
        .filter(organisation_id__in=organisation_ids, topics__in=ids)
        .distinct()
        .order_by("title", "pk")
        .only("pk", "title", "kind", "organisation_id", "visibility", "is_draft")
    )
    marks = (
        Interest.objects.visible_to(user)
        .filter(organisation_id__in=organisation_ids, entry__in=Entry.objects.filter(topics__in=ids))
        .select_related("entry__organisation")
        .order_by("entry__title", "kind", "pk")
    )
    if kind:
        entries = entries.filter(kind=kind)
        marks = marks.filter(entry__kind=kind)
    own: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        own[entry.organisation_id].append(entry)
    marked: dict[int, list[Interest]] = defaultdict(list)
    for mark in marks:
        marked[mark.organisation_id].append(mark)
    return own, marked


# Cooperation candidates ----------------------------------------------------------------------------------------

CANDIDATE_RULE = gettext_noop(
    "A candidate is a topic, or a group of up to three topics, that at least three organisations share through "
    "their own entries or their interest marks; a group is listed only if no larger group is shared by exactly "
    "the same organisations. Ranked by the number of organisations, then by the entries and interest marks."
)


@dataclass(frozen=True)
class Candidate:
    key: str  # sorted topic slugs joined by "+", e.g. "e-akte+ratsinformationssystem"
    topics: tuple[Topic, ...]
    organisations: tuple[Organisation, ...]  # the organisations sharing all the topics, by name
    entries: tuple[Entry, ...]  # visible entries with one of the topics, owned or marked by those organisations
    score: float  # the number of organisations (ties broken by activity, see CANDIDATE_RULE)


@dataclass(frozen=True)
class Group:
    """A ranked candidate before its organisations and entries are loaded (cheap, for lists)."""

    key: str
    topic_ids: tuple[int, ...]
    bits: int  # organisations, as bits over Ranking.organisation_ids
    activity: int  # entries + marks of the least active of its topics (tie-break)

    @property
    def organisation_count(self) -> int:
        return self.bits.bit_count()

    @property
    def score(self) -> float:
        return float(self.organisation_count)


@dataclass
class Ranking:
    organisation_ids: list[int]
    topics: dict[int, Topic]
    groups: list[Group] = field(default_factory=list)

    bits: dict[int, int] = field(default_factory=dict)  # topic id -> organisations involved
    activity: dict[int, int] = field(default_factory=dict)  # topic id -> entries + marks
    min_organisations: int = MIN_ORGANISATIONS

    def get(self, key: str) -> Group | None:
        """The group of topics this key names, if at least ``min_organisations`` share all of them.

        Also a group that the list leaves out (a larger group has the same organisations) is found, so a link
        to a candidate keeps working when someone who sees more, or later data, extends the group.
        """
        listed = next((group for group in self.groups if group.key == key), None)
        if listed is not None:
            return listed
        slugs = key.split(KEY_SEPARATOR)
        by_slug = {topic.slug: pk for pk, topic in self.topics.items()}
        if not 1 <= len(slugs) <= 3 or slugs != sorted(set(slugs)) or not all(slug in by_slug for slug in slugs):
            return None
        ids = tuple(by_slug[slug] for slug in slugs)
        shared = self.bits[ids[0]]
        for pk in ids[1:]:
            shared &= self.bits[pk]
        if shared.bit_count() < self.min_organisations:
            return None
        return Group(key, ids, shared, min(self.activity[pk] for pk in ids))

    def organisation_ids_of(self, group: Group) -> list[int]:
        return [self.organisation_ids[index] for index in bit_indices(group.bits)]

    def topics_of(self, group: Group) -> tuple[Topic, ...]:
        return tuple(sorted((self.topics[pk] for pk in group.topic_ids), key=lambda t: t.name.casefold()))


def bit_indices(bits: int) -> list[int]:
    """The positions of the set bits, lowest first."""
    raw = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    return [8 * byte_index + bit for byte_index, byte in enumerate(raw) if byte for bit in range(8) if byte >> bit & 1]


def _bitset(indices: Iterable[int], size: int) -> int:
    raw = bytearray((size + 7) // 8)
    for index in indices:
        raw[index >> 3] |= 1 << (index & 7)
    return int.from_bytes(raw, "little")


def rank_candidates(user: Any, *, min_organisations: int = MIN_ORGANISATIONS, district: str | None = None) -> Ranking:
    """All candidates, ranked, without loading their organisations and entries (see CANDIDATE_RULE)."""
    scope = scope_organisations(user, district)
    organisation_ids = list(scope.order_by("pk").values_list("pk", flat=True))
    position = {pk: index for index, pk in enumerate(organisation_ids)}
    members: dict[int, list[int]] = defaultdict(list)
    activity: dict[int, int] = defaultdict(int)
    for counts in _counts(user, district, position, level=TOPICS, kind=None):
        for (organisation_id, topic_id), n in counts.items():
            members[topic_id].append(position[organisation_id])  # twice if both: harmless for a bitset
            activity[topic_id] += n
    size = len(organisation_ids)
    bits = {topic_id: _bitset(indices, size) for topic_id, indices in members.items()}
    frequent = [topic_id for topic_id, b in bits.items() if b.bit_count() >= min_organisations]
    frequent.sort(key=lambda topic_id: (-bits[topic_id].bit_count(), -activity[topic_id], topic_id))
    topics = {topic.pk: topic for topic in Topic.objects.filter(pk__in=bits).select_related("parent")}
    ranking = Ranking(organisation_ids, topics, bits=bits, activity=activity, min_organisations=min_organisations)

    pairs: dict[tuple[int, ...], int] = {}
    for a, b in combinations(frequent[:PAIR_TOPICS], 2):
        shared = bits[a] & bits[b]
        if shared.bit_count() >= min_organisations:
            pairs[tuple(sorted((a, b)))] = shared
    triples: dict[tuple[int, ...], int] = {}
    top = set(frequent[:TRIPLE_TOPICS])
    for (a, b), shared in pairs.items():
        if a not in top or b not in top:
            continue
        for c in top:
            if c <= max(a, b) or c == a:
                continue
            three = shared & bits[c]
            if three.bit_count() >= min_organisations:
                triples[tuple(sorted((a, b, c)))] = three

    # A group is left out if a larger group has exactly the same organisations (it adds nothing then).
    covered: set[tuple[int, ...]] = set()
    for group, shared in (*triples.items(), *pairs.items()):
        for smaller in combinations(group, len(group) - 1):
            if (pairs.get(smaller) if len(smaller) == 2 else bits[smaller[0]]) == shared:
                covered.add(smaller)
    candidates = [
        *(((topic_id,), bits[topic_id]) for topic_id in frequent),
        *pairs.items(),
        *triples.items(),
    ]
    for group_ids, shared in candidates:
        if group_ids in covered:
            continue
        key = KEY_SEPARATOR.join(sorted(topics[pk].slug for pk in group_ids))
        least = min(activity[pk] for pk in group_ids)
        ranking.groups.append(Group(key, group_ids, shared, least))
    ranking.groups.sort(key=lambda g: (-g.organisation_count, -g.activity, len(g.topic_ids), g.key))
    return ranking


def candidate_entries(user: Any, topic_ids: Sequence[int], organisation_ids: Sequence[int]) -> QuerySet[Entry]:
    """Visible entries with one of the topics, owned or marked with interest by one of the organisations.

    For one topic the organisations are all those involved in it, so the long lists of their ids are not needed:
    an entry with the topic by a municipality or district, or marked by one, is behind it.
    """
    with_topics = Entry.objects.visible_to(user).filter(pk__in=Entry.objects.filter(topics__in=topic_ids).values("pk"))
    if len(topic_ids) == 1:
        marked_in_scope = Exists(Interest.objects.filter(entry=OuterRef("pk"), organisation__kind__in=SCOPE_KINDS))
        return with_topics.filter(Q(organisation__kind__in=SCOPE_KINDS) | marked_in_scope)
    marked = Interest.objects.filter(organisation_id__in=organisation_ids).values("entry_id")
    return with_topics.filter(Q(organisation_id__in=organisation_ids) | Q(pk__in=marked))


def _candidate(user: Any, ranking: Ranking, group: Group) -> Candidate:
    organisation_ids = ranking.organisation_ids_of(group)
    organisations = tuple(Organisation.objects.filter(pk__in=organisation_ids).order_by("name", "pk"))
    entries = tuple(
        candidate_entries(user, group.topic_ids, organisation_ids)
        .select_related("organisation")
        .order_by("title", "pk")
    )
    return Candidate(group.key, ranking.topics_of(group), organisations, entries, group.score)


def cooperation_candidates(user: Any, *, min_organisations: int = MIN_ORGANISATIONS) -> list[Candidate]:
    """All cooperation candidates in the instance, ranked, from visible data only.

    Loads the organisations and entries of every candidate (two queries each): for long lists page through
    ``rank_candidates`` instead and load only the candidates shown.
    """
    ranking = rank_candidates(user, min_organisations=min_organisations)
    return [_candidate(user, ranking, group) for group in ranking.groups]


def candidate_for(user: Any, key: str, *, min_organisations: int = MIN_ORGANISATIONS) -> Candidate | None:
    """The candidate with this key, or None if its topics are not (in the data this user sees) shared by enough.

    See ``Ranking.get``: a group the ranked list leaves out because a larger one covers it is still found.
    """
    ranking = rank_candidates(user, min_organisations=min_organisations)
    group = ranking.get(key)
    return None if group is None else _candidate(user, ranking, group)
