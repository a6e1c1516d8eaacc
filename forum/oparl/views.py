"""The OParl 1.1 endpoints: System, Body, the Body's lists, every object at its id, file downloads.

Read-only and anonymous: no view reads ``request.user`` or the session, so answers set no cookie and do not
vary by it. Every answer allows any origin (``Access-Control-Allow-Origin: *``); errors are JSON objects with
the HTTP status and a message.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.translation import gettext as _

from forum.documents.responses import file_response

from . import mapping, public, sources
from .lists import BadRequest, Query, find, page

CONTENT_TYPE = "application/json; charset=utf-8"


def _json(data: dict[str, Any], status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, content_type=CONTENT_TYPE, status=status)


def error(status: int, message: str) -> HttpResponse:
    """An error as OParl clients can read it: a JSON object with type, status and message."""
    return _json({"type": "Error", "status": status, "message": message}, status=status)


def oparl(view: Callable[..., dict[str, Any] | HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """GET/HEAD only, German labels, errors as JSON, CORS for every answer."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase
        with translation.override(settings.LANGUAGE_CODE):
            if request.method not in ("GET", "HEAD"):
                response = error(405, _("This interface can only be read (GET)."))
                response["Allow"] = "GET, HEAD"
            else:
                try:
                    result = view(request, *args, **kwargs)
                    response = result if isinstance(result, HttpResponseBase) else _json(result)
                except BadRequest as problem:
                    response = error(400, str(problem))
                except (Http404, LookupError):
                    response = error(404, _("There is no public object at this address."))
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def _context(request: HttpRequest, query: Query | None = None) -> mapping.Context:
    omit = query.omit_internal if query else request.GET.get("omit_internal", "").lower() in {"1", "true", "yes", "on"}
    return mapping.Context(mapping.base_url(), omit_internal=omit)


def _district() -> Any:
    district = public.district().first()
    if district is None:
        raise Http404
    return district


@oparl
def system(request: HttpRequest) -> dict[str, Any]:
    return mapping.system(_context(request), _district())


@oparl
def body_list(request: HttpRequest) -> dict[str, Any]:
    query = Query.parse(request.GET)
    ctx = _context(request, query)
    url = ctx.base + "body/"
    source = sources.Source("body", "Body", public.district, lambda ctx, d: _body(ctx, d))
    return page(ctx, url, [source], query)


def _body(ctx: mapping.Context, district: Any) -> dict[str, Any]:
    return mapping.body(ctx, district, list(public.terms().order_by("pk")))


@oparl
def body(request: HttpRequest, ags: str) -> dict[str, Any]:
    district = _district()
    if ags != district.ags:
        raise Http404
    return _body(_context(request), district)


@oparl
def body_part(request: HttpRequest, ags: str, name: str) -> dict[str, Any]:
    if ags != _district().ags or name not in sources.LISTS:
        raise Http404
    query = Query.parse(request.GET)
    ctx = _context(request, query)
    return page(ctx, ctx.body_list(name), sources.LISTS[name], query)


@oparl
def detail(request: HttpRequest, kind: str, key: str) -> dict[str, Any]:
    """One object at its id; a public object deleted since answers as ``deleted: true``."""
    if kind not in sources.OBJECTS:
        raise Http404
    source, pk = find(sources.OBJECTS[kind], key)
    ctx = _context(request)
    obj = source.live().filter(pk=pk).first()
    if obj is not None:
        return source.to_json(ctx, obj)
    record = source.deleted().filter(id=pk).order_by("-history_date").first() if source.deleted else None
    if record is None:
        raise Http404
    return mapping.tombstone(ctx, source.kind, source.type_name, source.key(pk), record)


@oparl
def download(request: HttpRequest, key: str) -> FileResponse:
    """A public file's bytes, sent as the pages send them (``documents.responses.file_response``)."""
    source, pk = find(sources.FILES, key)
    attachment = source.live().filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return file_response(attachment.stored_file)


@oparl
def not_found(request: HttpRequest, rest: str = "") -> dict[str, Any]:
    raise Http404
