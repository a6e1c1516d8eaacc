"""The REST API at /api/v1/: one NinjaAPI with the routers of the catalogue, meetings and declarations."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from . import entries, errors, meetings, signatures

DESCRIPTION = """
Lesender und schreibender Zugriff auf das Digitalisierungsforum: Herausforderungen und Vorhaben des Katalogs,
Interessenbekundungen, Treffen, Veranstaltungen mit Anmeldungen und der Stand der Willensbekundungen.

**Anmeldung.** Öffentliche Daten lassen sich ohne Schlüssel lesen. Mit einem persönlichen API-Schlüssel
(„Mein Konto“ → „API-Schlüssel“) im Kopf `Authorization: Bearer <Schlüssel>` gelten dieselben Rechte wie auf den
Seiten. Schreiben braucht einen Schlüssel mit dem Umfang „lesen und schreiben“. Ein unbekannter, abgelaufener
oder widerrufener Schlüssel wird mit 401 abgewiesen.

**Fehler** kommen als JSON `{"detail": "…", "errors": [{"field": "…", "message": "…"}]}` mit deutscher
Meldung: 400 (kein gültiges JSON), 401, 403 (fehlendes Recht oder nur lesender Schlüssel), 404 (nicht vorhanden
oder nicht sichtbar), 422 (ungültige Werte, mit dem betroffenen Feld), 429 (zu viele Schreibzugriffe; der Kopf
`Retry-After` nennt die Sekunden bis zum nächsten Versuch).

**Listen** sind seitenweise (`page`, `page_size` bis 100) und nennen `count`, `next` und `previous`.
"""


class ForumApi(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        schemes = schema.get("components", {}).get("securitySchemes", {})
        for scheme in schemes.values():
            scheme["description"] = "Persönlicher API-Schlüssel aus „Mein Konto“"
        return schema

    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.view_func.__name__)


api = ForumApi(
    title="Digitalisierungsforum – REST-API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="rest-api",
    docs_url=None,
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/", entries.router)
api.add_router("/", meetings.router)
api.add_router("/", signatures.router)
