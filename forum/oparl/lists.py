"""External object lists (spec 2.5): keyset pages, the four date filters, deleted objects.

A list is one or more *sources* (a file list reads the attachments of meetings, agenda items and papers), each
ordered by primary key. A page continues after a cursor (``?after=12`` or ``?after=paper-12``) instead of skipping
rows, so page 1,000 costs the same queries and roughly the same time as page 1, and the order is stable while
objects are added. The filters and the client's page size are carried into every link.

Deleted objects (``deleted: true``) come from the change history (django-simple-history records of type "-")
and appear only when the client asks for ``modified_since``, as the spec says; only objects that were public and
published when they were deleted are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from forum.core.models import Visibility

from .mapping import Context, tombstone

PAGE_SIZE = 100  # the spec recommends at most 100 objects per page
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
TRUE_VALUES = {"1", "true", "yes", "on"}


class BadRequest(Exception):
    """A parameter the client must correct; answered with status 400."""


def deleted_public(model: type[Model]) -> QuerySet[Any]:
    """Deletion records of rows that were public and published when they were deleted."""
    return model.history.filter(  # type: ignore[attr-defined]
        history_type="-", visibility=Visibility.PUBLIC, is_draft=False
    )


@dataclass(frozen=True)
class Source:
    """One ordered stream of objects in a list."""

    kind: str  # the URL kind of its objects, e.g. "meeting"
    type_name: str  # the OParl type, e.g. "Meeting"
    live: Callable[[], QuerySet[Any]]  # the public rows, with what a page needs loaded along
    to_json: Callable[[Context, Any], dict[str, Any]]
    deleted: Callable[[], QuerySet[Any]] | None = None
    prefix: str = ""  # for lists of several sources: ids read "<prefix>-<pk>"

    def key(self, pk: int) -> str:
        return f"{self.prefix}-{pk}" if self.prefix else str(pk)


@dataclass
class Query:
    """The parameters of a list request, checked."""

    filters: dict[str, datetime] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)  # the filters as the client wrote them, for the links
    size: int = PAGE_SIZE
    size_asked: str = ""
    omit_internal: bool = False
    after: str = ""
    page: int = 1

    @classmethod
    def parse(cls, params: QueryDict) -> Query:
        query = cls(omit_internal=params.get("omit_internal", "").lower() in TRUE_VALUES)
        for name in FILTERS:
            text = params.get(name, "").strip()
            if not text:
                continue
            # A "+" of the offset arrives as a space when the client did not encode it.
            try:
                value = parse_datetime(text.replace(" ", "+"))
            except ValueError:
                value = None
            if value is None:
                raise BadRequest(
                    _("%(name)s must be a date and time such as 2022-01-19T14:00:00+01:00.") % {"name": name}
                )
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            query.filters[name] = value
            query.raw[name] = text.replace(" ", "+")
        if size := params.get("elementsPerPage", "").strip():
            if not size.isdigit() or int(size) < 1:
                raise BadRequest(_("elementsPerPage must be a positive whole number."))
            query.size, query.size_asked = min(int(size), PAGE_SIZE), size
        query.after = params.get("after", "").strip()
        page = params.get("page", "").strip()
        query.page = int(page) if page.isdigit() and int(page) > 0 else 1
        return query

    @property
    def with_deleted(self) -> bool:
        return "modified_since" in self.filters

    def apply(self, queryset: QuerySet[Any], *, modified: str = "modified") -> QuerySet[Any]:
        lookups = {
            "created_since": "created__gte",
            "created_until": "created__lte",
            "modified_since": f"{modified}__gte",
            "modified_until": f"{modified}__lte",
        }
        return queryset.filter(**{lookups[name]: value for name, value in self.filters.items()})

    def link(self, url: str, *, after: str = "", page: int = 1) -> str:
        params: dict[str, Any] = dict(self.raw)
        if self.size_asked:
            params["elementsPerPage"] = self.size_asked
        if self.omit_internal:
            params["omit_internal"] = "true"
        if after:
            params["after"] = after
            params["page"] = page
        return f"{url}?{urlencode(params)}" if params else url


def _cursor(sources: list[Source], after: str) -> tuple[int, int]:
    """(index of the source, last primary key seen) from ``?after=``."""
    if not after:
        return 0, 0
    prefix, _dash, number = after.rpartition("-")
    for index, source in enumerate(sources):
        if source.prefix == prefix and number.isdigit():
            return index, int(number)
    raise BadRequest(_("The value of “after” is not a position in this list."))


def page(ctx: Context, url: str, sources: list[Source], query: Query) -> dict[str, Any]:
    """One list page: ``data``, ``pagination`` and ``links`` (``next`` on every page but the last)."""
    start, floor = _cursor(sources, query.after)
    rows: list[tuple[Source, int, Any, bool]] = []
    for index in range(start, len(sources)):
        source = sources[index]
        lower = floor if index == start else 0
        wanted = query.size + 1 - len(rows)
        found = [
            (row.pk, row, False) for row in query.apply(source.live()).filter(pk__gt=lower).order_by("pk")[:wanted]
        ]
        if query.with_deleted and source.deleted is not None:
            gone = query.apply(source.deleted(), modified="history_date").filter(id__gt=lower).order_by("id")
            found = sorted([*found, *((record.id, record, True) for record in gone[:wanted])], key=lambda r: r[0])
            found = found[:wanted]
        rows.extend((source, pk, row, is_deleted) for pk, row, is_deleted in found)
        if len(rows) > query.size:
            break
    has_next = len(rows) > query.size
    rows = rows[: query.size]
    data = [
        tombstone(ctx, source.kind, source.type_name, source.key(pk), row) if is_deleted else source.to_json(ctx, row)
        for source, pk, row, is_deleted in rows
    ]
    links = {"first": query.link(url), "self": query.link(url, after=query.after, page=query.page)}
    if has_next:
        last_source, last_pk = rows[-1][0], rows[-1][1]
        links["next"] = query.link(url, after=last_source.key(last_pk), page=query.page + 1)
    return {
        "data": data,
        "pagination": {"elementsPerPage": query.size, "currentPage": query.page},
        "links": links,
    }


def find(sources: list[Source], key: str) -> tuple[Source, int]:
    """The source and primary key an object's URL key (``12`` or ``paper-12``) names; LookupError if none."""
    prefix, _dash, number = key.rpartition("-")
    for source in sources:
        if source.prefix == prefix and number.isdigit():
            return source, int(number)
    raise LookupError(key)
