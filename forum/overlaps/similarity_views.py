"""The page (and htmx fragment) "similar entries elsewhere" of one entry (the method is in similarity.py)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from forum.core.access import visible_or_404
from forum.exchange.models import Entry

from . import similarity

TEMPLATE = "overlaps/similar_entries.html"


@require_GET
def similar_entries(request: HttpRequest, pk: int) -> HttpResponse:
    """Up to five visible entries of other organisations similar to the entry; just the list for htmx."""
    entry = visible_or_404(Entry.objects.select_related("organisation"), request, pk=pk)
    context = {"entry": entry, "similar": similarity.similar_entries(entry, request.user, limit=5)}
    template = f"{TEMPLATE}#similar" if request.headers.get("HX-Request") else TEMPLATE
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # the same address answers with a page or a fragment
    return response
