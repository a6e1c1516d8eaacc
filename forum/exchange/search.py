"""Full-text search of the catalogue: one interface, the database's own engine behind it.

``search_entries`` stems the query like the stored ``Entry.search_document`` (see search_text), so SQLite
(FTS5, ranked by bm25) and PostgreSQL (text search with the 'simple' configuration over the pre-stemmed words,
ranked by ts_rank) match the same word forms. Every query starts from ``Entry.objects.visible_to(user)``;
the facet counts are one GROUP BY each over the matching visible entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Count, F, Func, Q, QuerySet
from django.db.models.expressions import RawSQL

from forum.organisations.models import Organisation

from . import search_text
from .models import Entry

TOP_FACETS = 15
FTS_TABLE = "exchange_entry_fts"


@dataclass
class Facet:
    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    """``entries``: ranked, best first (``None`` rank order on an empty query); ``facets`` by filter name."""

    query: str
    terms: list[str]
    entries: QuerySet[Entry]
    facets: dict[str, list[Facet]] = field(default_factory=dict)

    @property
    def is_empty_query(self) -> bool:
        return not self.terms


def search_entries(query: str, *, user: Any, filters: dict[str, Any]) -> SearchResult:
    """The entries ``user`` may see that contain every word of ``query`` (the last one also as a prefix).

    ``filters`` as from ``CatalogueFilterForm.filters()``: art, thema (slug), kommune (Organisation or AGS),
    phase, beispielhaft. A query without words finds nothing.
    """
    terms = search_text.terms(query)[:20]
    if not terms:
        return SearchResult(query=query, terms=[], entries=Entry.objects.none())
    visible = Entry.objects.visible_to(user)
    if connection.vendor == "postgresql":
        matching, ranked = _postgres(visible, terms)
    else:
        matching, ranked = _sqlite(visible, terms)
    matching = _filtered(matching, filters)
    ranked = _filtered(ranked, filters).select_related("organisation")
    return SearchResult(query=query, terms=terms, entries=ranked, facets=_facets(matching))


def _sqlite(visible: QuerySet[Entry], terms: list[str]) -> tuple[QuerySet[Entry], QuerySet[Entry]]:
    # Each term quoted (so nothing in it is FTS5 syntax), all required, the last one also as a prefix.
    match = " ".join(f'"{term}"' for term in terms) + "*"
    ids = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608, S611 - constant SQL
    matching = visible.filter(pk__in=ids)
    # A join (not a subquery per row), so bm25 reads the index statistics once.
    ranked = visible.extra(  # noqa: S610 - constant SQL, the query text is a parameter
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = exchange_entry.id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"search_rank": f"bm25({FTS_TABLE})"},
        order_by=["search_rank", "-id"],
    )
    return matching, ranked


def _postgres(visible: QuerySet[Entry], terms: list[str]) -> tuple[QuerySet[Entry], QuerySet[Entry]]:
    # The same expression as the GIN index of migration 0003, so the index is used.
    vector = Func(
        F("search_document"),
        function="to_tsvector",
        template="%(function)s('simple'::regconfig, %(expressions)s)",
        output_field=SearchVectorField(),
    )
    raw = " & ".join(f"'{term}'" for term in terms) + ":*"
    tsquery = SearchQuery(raw, search_type="raw", config="simple")
    matching = visible.annotate(search_vector=vector).filter(search_vector=tsquery)
    ranked = matching.annotate(search_rank=SearchRank(vector, tsquery)).order_by("-search_rank", "-pk")
    return matching, ranked


def _filtered(entries: QuerySet[Entry], filters: dict[str, Any]) -> QuerySet[Entry]:
    if filters.get("art"):
        entries = entries.filter(kind=filters["art"])
    if filters.get("thema"):  # a field (Themenfeld) stands for its sub-topics too; a subquery, so no duplicates
        slug = filters["thema"]
        tagged = Entry.topics.through.objects.filter(Q(topic__slug=slug) | Q(topic__parent__slug=slug))
        entries = entries.filter(pk__in=tagged.values("entry_id"))
    if filters.get("kommune"):
        town = filters["kommune"]
        entries = (
            entries.filter(organisation=town)
            if isinstance(town, Organisation)
            else entries.filter(organisation__ags=town)
        )
    if filters.get("phase"):
        entries = entries.filter(kind=Entry.Kind.PROJECT, phase=filters["phase"])
    if filters.get("beispielhaft"):
        entries = entries.filter(exemplary=True)
    return entries


def _facets(matching: QuerySet[Entry]) -> dict[str, list[Facet]]:
    """Counts per value of each filter among the matching entries: five GROUP BY queries, whatever the numbers."""
    ids = matching.values("pk")
    by_kind = Entry.objects.filter(pk__in=ids).values_list("kind").annotate(n=Count("pk")).order_by("kind")
    kinds = dict(Entry.Kind.choices)
    phases = dict(Entry.Phase.choices)
    by_phase = (
        Entry.objects.filter(pk__in=ids, kind=Entry.Kind.PROJECT)
        .exclude(phase="")
        .values_list("phase")
        .annotate(n=Count("pk"))
        .order_by("phase")
    )
    by_topic = (
        Entry.topics.through.objects.filter(entry_id__in=ids)
        .values_list("topic__slug", "topic__name")
        .annotate(n=Count("entry_id"))
        .order_by(F("n").desc(), "topic__name")[:TOP_FACETS]
    )
    by_town = (
        Entry.objects.filter(pk__in=ids, organisation__ags__isnull=False)
        .values_list("organisation__ags", "organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__name")[:TOP_FACETS]
    )
    exemplary = Entry.objects.filter(pk__in=ids, exemplary=True).count()
    phase_order = list(phases)
    return {
        "art": [Facet(kind, str(kinds.get(kind, kind)), n) for kind, n in by_kind],
        "thema": [Facet(slug, name, n) for slug, name, n in by_topic],
        "kommune": [Facet(ags, name, n) for ags, name, n in by_town],
        "phase": sorted(
            (Facet(phase, str(phases.get(phase, phase)), n) for phase, n in by_phase),
            key=lambda facet: phase_order.index(facet.value) if facet.value in phase_order else len(phase_order),
        ),
        "beispielhaft": [Facet("1", "", exemplary)] if exemplary else [],
    }
