"""Pages of the api app: "API-Schlüssel" in "Mein Konto", the API documentation, and JSON for unknown API paths."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum.core.access import page_of, require_perm

from . import docs
from .forms import TokenForm
from .models import ApiToken

TOKENS_PER_PAGE = 25


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """API-Schlüssel: the person's keys, a form for a new one, and the new key's secret, shown this once."""
    require_perm(request, "api.add_token")
    form = TokenForm(request.POST or None)
    secret = None
    created = None
    if request.method == "POST" and form.is_valid():
        created, secret = ApiToken.issue(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            expires_at=form.expires_at(),
        )
        form = TokenForm()
    tokens = ApiToken.objects.of(request.user).order_by("-created", "-pk")
    response = render(
        request,
        "api/token_list.html",
        {
            "form": form,
            "page_obj": page_of(request, tokens, TOKENS_PER_PAGE),
            "created": created,
            "secret": secret,
            "api_url": request.build_absolute_uri(reverse("api:docs").removesuffix("docs/")),
        },
    )
    if secret:
        response["Cache-Control"] = "no-store"  # the secret must not stay in any cache
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.of(request.user), pk=pk)
    require_perm(request, "api.revoke_token", token)
    token.revoke()
    messages.success(request, _("The API key “%(name)s” has been revoked. It no longer works.") % {"name": token.name})
    return redirect("api:tokens")


@require_GET
def documentation(request: HttpRequest) -> HttpResponse:
    """The API's documentation, rendered on the server from its OpenAPI document (no scripts, no CDN)."""
    return render(request, "api/docs.html", docs.context(request))


@require_GET
def documentation_interactive(request: HttpRequest) -> HttpResponse:
    """The API to try out in the browser: Swagger UI (from npm, served as static files) on the OpenAPI document."""
    return render(request, "api/docs_interactive.html", {"openapi_url": reverse("rest-api:openapi-json")})


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/v1/: a JSON 404 like the API's own."""
    return JsonResponse({"detail": _("Not found, or not visible to you."), "errors": []}, status=404)
