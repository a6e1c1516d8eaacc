from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import LegalText


@require_GET
def legal(request: HttpRequest, page: str) -> HttpResponse:
    """Impressum, Datenschutzerklärung or Erklärung zur Barrierefreiheit: operator text, or the default."""
    if page not in LegalText.Page.values:
        raise Http404
    text = LegalText.objects.filter(page=page).first()
    return render(
        request,
        "core/legal.html",
        {"page": page, "title": LegalText.Page(page).label, "text": text, "settings": settings},
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database status for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception as error:  # noqa: BLE001  (any database failure is reported, not raised)
        database = f"error: {error.__class__.__name__}"
    ok = database == "ok"
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": database, "vendor": connection.vendor},
        status=200 if ok else 503,
    )
