"""The catalogue as a table to download (CSV or XLSX): the rows the person may see, as they filtered them.

The view passes entries that already start from ``Entry.objects.visible_to(user)`` and carry the filters and an
``interest_count``. The rows are read in chunks of ``CHUNK`` with their topics, software and vendors prefetched
per chunk, so the queries grow with the chunks, not the rows, and the CSV streams without holding them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Lower
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from forum.core.exports import table_response
from forum.core.roles import roles_of
from forum.topics.models import Topic

from .models import Entry, Product, Vendor

CHUNK = 2000


def shows_visibility(user: Any) -> bool:
    """Members, editors and the coordination see more than the public, so they get the visibility column."""
    return roles_of(user).is_member


def header(*, with_visibility: bool) -> list[str]:
    columns = [
        _("Type"),
        _("Title"),
        _("Organisation"),
        _("AGS"),
        _("Phase"),
        _("exemplary"),
        _("Topics"),
        _("Software products"),
        _("Vendors"),
        _("Year"),
    ]
    if with_visibility:
        columns.append(_("Visibility"))
    return [*columns, _("Interest marks"), _("Link"), _("Last changed")]


def rows(entries: QuerySet[Entry], *, with_visibility: bool, absolute_url: Callable[[str], str]) -> Iterator[list[Any]]:
    """One row per entry, newest change first, in the columns of ``header``."""
    entries = (
        entries.select_related("organisation")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by(Lower("name"), "pk")),
            Prefetch("products", queryset=Product.objects.order_by(Lower("name"), "pk")),
            Prefetch("vendors", queryset=Vendor.objects.order_by(Lower("name"), "pk")),
        )
        .order_by("-modified", "-pk")
    )
    yes = _("yes")
    draft = _("draft")
    entry_url = absolute_url(Entry(pk=0).get_absolute_url())  # one reverse(), not one per row
    prefix, suffix = entry_url.rsplit("/0/", 1)
    for entry in entries.iterator(chunk_size=CHUNK):
        row: list[Any] = [
            entry.get_kind_display(),
            entry.title,
            entry.organisation.name,
            entry.organisation.ags or "",
            entry.get_phase_display() if entry.phase else "",
            yes if entry.exemplary else "",
            ", ".join(topic.name for topic in entry.topics.all()),
            ", ".join(product.name for product in entry.products.all()),
            ", ".join(vendor.name for vendor in entry.vendors.all()),
            entry.year or "",
        ]
        if with_visibility:
            visibility = str(entry.get_visibility_display())
            row.append(f"{visibility} ({draft})" if entry.is_draft else visibility)
        row += [getattr(entry, "interest_count", 0), f"{prefix}/{entry.pk}/{suffix}", entry.modified]
        yield row


def catalogue_response(
    fmt: str, entries: QuerySet[Entry], *, user: Any, absolute_url: Callable[[str], str]
) -> HttpResponse | StreamingHttpResponse:
    """The download of ``entries`` (visible to ``user``, filtered) as ``fmt``, "csv" or "xlsx"."""
    with_visibility = shows_visibility(user)
    return table_response(
        fmt,
        "katalog",
        str(_("Catalogue")),
        header(with_visibility=with_visibility),
        rows(entries, with_visibility=with_visibility, absolute_url=absolute_url),
    )
