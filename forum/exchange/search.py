"""Full-text search of the catalogue: one interface, the database's own engine behind it.

``search_entries`` stems the query like the stored ``Entry.search_document`` (see search_text), so SQLite
(FTS5, ranked by bm25) and PostgreSQL (text search with the 'simple' configuration over the pre-stemmed words in
the stored, GIN-indexed ``search_vector`` column of migration 0004, ranked by ts_rank) match the same word forms.
Every query starts from ``Entry.objects.visible_to(user)``.

Cost at national scale (200,000 entries, see bench/bench_catalogue.py): one aggregate query counts the matches and
the type, phase and "exemplary" facets in one pass (the page reuses that count); topics and organisations are one
GROUP BY each (and one query for the top organisations' names); then the page. Ranking needs a score for every
match, so more than ``RANK_LIMIT`` matches (a very common word) are listed newest first, which the databases read
from the catalogue's index on ``modified`` without scoring them all (``SearchResult.ranked``). SQLite first counts
the matches in its FTS index alone, to choose between fetching them by id and scanning that index (``_InFts``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Count, Expression, F, FloatField, Lookup, Q, QuerySet
from django.utils.functional import cached_property

from forum.organisations.models import Organisation

from . import search_text
from .models import Entry

TOP_FACETS = 15
RANK_LIMIT = 5_000
# SQLite, counting facets: from this many matches, scanning the narrow catalogue index (about 200,000 entries in
# the time of fetching some 40,000 rows by id) is cheaper than fetching each match.
SCAN_FROM = 30_000
FTS_TABLE = "exchange_entry_fts"


@dataclass
class Facet:
    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    """``entries``: best first when ``ranked``, else newest first; ``total`` of them; ``facets`` by filter name."""

    query: str
    terms: list[str]
    entries: QuerySet[Entry]
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    total: int = 0
    ranked: bool = True

    @property
    def is_empty_query(self) -> bool:
        return not self.terms

    @property
    def rank_limit(self) -> int:
        return RANK_LIMIT

    def page(self, number: Any, per_page: int) -> Page:
        """The page ``number`` of the entries (the last one if too high, the first if invalid), without counting
        them again."""
        return _Counted(self.entries, per_page, total=self.total).get_page(number)


class _Counted(Paginator):
    def __init__(self, object_list: Any, per_page: int, *, total: int) -> None:
        super().__init__(object_list, per_page)
        self.total = total

    @cached_property
    def count(self) -> int:
        return self.total


def search_entries(query: str, *, user: Any, filters: dict[str, Any]) -> SearchResult:
    """The entries ``user`` may see that contain every word of ``query`` (the last one also as a prefix).

    ``filters`` as from ``CatalogueFilterForm.filters()``: art, thema (slug), kommune (Organisation or AGS),
    phase, beispielhaft. A query without words finds nothing.
    """
    terms = search_text.terms(query)[:20]
    if not terms:
        return SearchResult(query=query, terms=[], entries=Entry.objects.none())
    narrowed = filter_entries(Entry.objects.visible_to(user), filters)
    engine = _postgres if connection.vendor == "postgresql" else _sqlite
    matching, ranked, newest = engine(narrowed, terms)
    total, facets = _facets(matching)
    entries = ranked() if total <= RANK_LIMIT else newest()
    return SearchResult(
        query=query,
        terms=terms,
        entries=entries.select_related("organisation"),
        facets=facets,
        total=total,
        ranked=total <= RANK_LIMIT,
    )


# The matching entries (to count), and two functions that give them ranked (best first) or newest first.
Engine = tuple[QuerySet[Entry], Callable[[], QuerySet[Entry]], Callable[[], QuerySet[Entry]]]


def _sqlite(entries: QuerySet[Entry], terms: list[str]) -> Engine:
    # Each term quoted (so nothing in it is FTS5 syntax), all required, the last one also as a prefix.
    match = " ".join(f'"{term}"' for term in terms) + "*"
    with connection.cursor() as cursor:  # counting in the FTS index alone is cheap, even for common words
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608
        found = cursor.fetchone()[0]
    matching = entries.filter(_InFts(match, scan=found > SCAN_FROM))

    def newest() -> QuerySet[Entry]:  # (only asked for many matches: then scanning in order finds a page soonest)
        return entries.filter(_InFts(match, scan=True)).order_by("-modified", "-pk")

    def ranked() -> QuerySet[Entry]:
        # A join (not a subquery per row), so bm25 reads the index statistics once.
        return entries.extra(  # noqa: S610 - constant SQL, the query text is a parameter
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = exchange_entry.id", f"{FTS_TABLE} MATCH %s"],
            params=[match],
            select={"search_rank": f"bm25({FTS_TABLE})"},
            order_by=["search_rank", "-id"],
        )

    return matching, ranked, newest


class _OnTable(Expression):
    """SQL over a column of the query's own entry table (also under a subquery's alias), with one parameter."""

    template = ""

    def __init__(self, param: str) -> None:
        super().__init__()
        self.param = param

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        return self.template.format(table=compiler.quote_name(compiler.query.get_initial_alias())), (self.param,)


class _InFts(Lookup):
    """The entry is among the FTS5 matches (a lookup, so SQLite reads it as a condition on the id, not as a value).

    With ``scan`` (many matches) the "+" keeps SQLite from fetching each matching row by id: it scans the narrow
    catalogue index instead, in ``modified`` order, which also answers "newest first" without sorting and the
    facet counts without reading the wide rows.
    """

    lookup_name = "in_fts"
    prepare_rhs = False

    def __init__(self, match: str, *, scan: bool) -> None:
        super().__init__(F("pk"), match)
        self.scan = scan

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, params = self.process_lhs(compiler, connection)
        sql = f"{lhs} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608 - constant SQL
        return ("+" + sql if self.scan else sql), (*params, self.rhs)


class _ScanIn(Lookup):
    """``pk IN (subquery)`` that SQLite answers by scanning the catalogue index (in ``modified`` order, without the
    wide rows) and looking each id up in the subquery's rows; "+" keeps it from fetching every row of a large
    subquery by id and sorting them all for one page. For a small subquery the scan costs a few ms more."""

    lookup_name = "scan_in"
    prepare_rhs = False

    def __init__(self, ids: QuerySet[Any]) -> None:
        super().__init__(F("pk"), ids)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"+{lhs} IN {rhs}", (*lhs_params, *rhs_params)


class _Matches(_OnTable):
    template = "{table}.search_vector @@ to_tsquery('simple'::regconfig, %s)"
    output_field = BooleanField()


class _Rank(_OnTable):
    template = "ts_rank({table}.search_vector, to_tsquery('simple'::regconfig, %s))"
    output_field = FloatField()


def _postgres(entries: QuerySet[Entry], terms: list[str]) -> Engine:
    # The terms are word characters only (search_text), quoted as lexemes; the last one also as a prefix.
    tsquery = " & ".join(f"'{term}'" for term in terms) + ":*"
    matching = entries.filter(_Matches(tsquery))

    def ranked() -> QuerySet[Entry]:
        return matching.annotate(search_rank=_Rank(tsquery)).order_by("-search_rank", "-pk")

    def newest() -> QuerySet[Entry]:
        return matching.order_by("-modified", "-pk")

    return matching, ranked, newest


def filter_entries(entries: QuerySet[Entry], filters: dict[str, Any]) -> QuerySet[Entry]:
    """``entries`` narrowed by the catalogue's filters (as from ``CatalogueFilterForm.filters()``); no duplicates."""
    if filters.get("art"):
        entries = entries.filter(kind=filters["art"])
    if filters.get("thema"):  # a field (Themenfeld) stands for its sub-topics too; a subquery, so no duplicates
        slug = filters["thema"]
        tagged = Entry.topics.through.objects.filter(Q(topic__slug=slug) | Q(topic__parent__slug=slug))
        ids = tagged.values("entry_id")
        entries = entries.filter(_ScanIn(ids) if connection.vendor == "sqlite" else Q(pk__in=ids))
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


def _facets(matching: QuerySet[Entry]) -> tuple[int, dict[str, list[Facet]]]:
    """How many match, and the counts per value of each filter among them: four queries, whatever the numbers."""
    kinds = dict(Entry.Kind.choices)
    phases = dict(Entry.Phase.choices)
    project = Q(kind=Entry.Kind.PROJECT)
    summary = matching.aggregate(
        total=Count("pk"),
        exemplary=Count("pk", filter=Q(exemplary=True)),
        **{f"kind_{kind}": Count("pk", filter=Q(kind=kind)) for kind in kinds},
        **{f"phase_{phase}": Count("pk", filter=project & Q(phase=phase)) for phase in phases},
    )
    ids = matching.values("pk")
    by_topic = (
        Entry.topics.through.objects.filter(entry_id__in=ids)
        .values_list("topic__slug", "topic__name")
        .annotate(n=Count("entry_id"))
        .order_by(F("n").desc(), "topic__name")[:TOP_FACETS]
    )
    # Counted by organisation id, then the names of the top ones: no join per row, and "+ 0" so that SQLite reads
    # the narrow catalogue index rather than walk the organisation index and fetch every (wide) row.
    counts = dict(
        matching.exclude(organisation__in=Organisation.objects.filter(ags__isnull=True))  # (partners: few)
        .annotate(town=F("organisation_id") + 0)
        .values_list("town")
        .annotate(n=Count("pk"))
        .order_by("-n", "town")[:TOP_FACETS]
    )
    names = Organisation.objects.filter(pk__in=counts).values_list("pk", "ags", "name") if counts else []
    by_town = sorted(((ags, name, counts[pk]) for pk, ags, name in names), key=lambda town: (-town[2], town[1]))
    exemplary = summary["exemplary"]
    facets = {
        "art": [Facet(kind, str(label), n) for kind, label in kinds.items() if (n := summary[f"kind_{kind}"])],
        "thema": [Facet(slug, name, n) for slug, name, n in by_topic],
        "kommune": [Facet(ags or "", name, n) for ags, name, n in by_town],
        "phase": [Facet(phase, str(label), n) for phase, label in phases.items() if (n := summary[f"phase_{phase}"])],
        "beispielhaft": [Facet("1", "", exemplary)] if exemplary else [],
    }
    return summary["total"], facets
