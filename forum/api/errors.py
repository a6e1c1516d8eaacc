"""Every error of the API as JSON: ``{"detail": "<German message>", "errors": [{"field": …, "message": …}]}``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .access import RateLimited


class ErrorItem(Schema):
    field: str | None = None
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem]


class Invalid(Exception):
    """Bad input found after parsing (a form, a model's clean, a service): answered 422 with the fields."""

    def __init__(self, errors: list[dict[str, str | None]]) -> None:
        super().__init__(errors)
        self.errors = errors

    @classmethod
    def from_form(cls, form: forms.BaseForm, *, rename: dict[str, str] | None = None) -> Invalid:
        rename = rename or {}
        errors: list[dict[str, str | None]] = []
        for name, items in form.errors.get_json_data().items():
            field = None if name == NON_FIELD_ERRORS else rename.get(name, name)
            errors.extend({"field": field, "message": str(item["message"])} for item in items)
        return cls(errors)

    @classmethod
    def from_validation_error(cls, error: DjangoValidationError) -> Invalid:
        errors: list[dict[str, str | None]] = []
        if hasattr(error, "error_dict"):
            for name, items in error.message_dict.items():
                field = None if name == NON_FIELD_ERRORS else name
                errors.extend({"field": field, "message": message} for message in items)
        else:
            errors.extend({"field": None, "message": message} for message in error.messages)
        return cls(errors)

    @classmethod
    def field(cls, field: str | None, message: str) -> Invalid:
        return cls([{"field": field, "message": message}])


# German messages for pydantic's error types (English msgids, translated in locale/de).
def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind == "greater_than_equal":
        return _("Enter a number of at least %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Enter a number of at most %(limit)s.") % {"limit": ctx.get("le")}
    if kind == "string_too_long":
        return _("Enter at most %(limit)s characters.") % {"limit": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Enter at least %(limit)s characters.") % {"limit": ctx.get("min_length")}
    if kind == "too_long":
        return _("Enter at most %(limit)s items.") % {"limit": ctx.get("max_length")}
    if kind == "too_short":
        return _("Enter at least %(limit)s items.") % {"limit": ctx.get("min_length")}
    if kind == "string_pattern_mismatch":
        return _("The value does not have the expected form.")
    if kind in ("enum", "literal_error"):
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Enter a date as YYYY-MM-DD.")
    if kind == "string_type":
        return _("Enter a text.")
    if kind == "list_type":
        return _("Enter a list.")
    if kind in ("model_type", "model_attributes_type", "dict_type", "json_invalid"):
        return _("Send a JSON object.")
    return _("This value is not valid.")


_LOCATIONS = {"body", "query", "path", "header", "cookie", "form"}
_BODY_PARAMETERS = {"payload"}


def _field(location: Iterable[Any]) -> str | None:
    parts = [str(part) for part in location]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    if parts and parts[0] in _BODY_PARAMETERS:
        parts = parts[1:]
    return ".".join(parts) or None


def _response(api: NinjaAPI, request: HttpRequest, status: int, detail: str, errors: Any = ()) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": list(errors)}, status=status)


def install(api: NinjaAPI) -> None:
    """Replace ninja's English error answers with ours."""

    @api.exception_handler(NinjaValidationError)
    def invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [{"field": _field(error.get("loc", ())), "message": _message(error)} for error in exc.errors]
        return _response(api, request, 422, _("The request contains invalid values."), errors)

    @api.exception_handler(Invalid)
    def invalid_input(request: HttpRequest, exc: Invalid) -> HttpResponse:
        return _response(api, request, 422, _("The request contains invalid values."), exc.errors)

    @api.exception_handler(DjangoValidationError)
    def invalid_model(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return invalid_input(request, Invalid.from_validation_error(exc))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = _response(
            api,
            request,
            401,
            _("Authentication failed: send a valid, unrevoked API key as “Authorization: Bearer <key>”."),
        )
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(AuthorizationError)
    def forbidden_scope(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return _response(api, request, 403, exc.message)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _response(api, request, 403, _("You may not do this."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _response(api, request, 404, _("Not found, or not visible to you."))

    @api.exception_handler(RateLimited)
    def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = _response(
            api,
            request,
            429,
            _("Too many write requests. Please wait %(seconds)s seconds.") % {"seconds": exc.retry_after},
        )
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            return _response(api, request, 400, _("The request body is not valid JSON."))
        return _response(api, request, exc.status_code, _("The request cannot be answered."))
