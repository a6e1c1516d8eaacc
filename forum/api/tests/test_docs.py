"""The OpenAPI document and the documentation page built from it: every operation, no scripts or CDN."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from forum.api.api import api

pytestmark = pytest.mark.django_db


def test_the_openapi_document_describes_every_operation(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    operations = [(method, path) for path, methods in document["paths"].items() for method in methods]
    assert len(operations) == 17
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            assert spec["summary"] and spec.get("description"), (method, path)
            assert "401" in spec["responses"], (method, path)
            if method != "get":
                assert spec["security"] == [{"TokenAuth": []}], (method, path)
                assert {"403", "422", "429"} <= set(spec["responses"]), (method, path)
            else:
                assert {} in spec["security"], (method, path)
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_lists_every_operation_without_scripts(client: Client) -> None:
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    document = api.get_openapi_schema()
    for path, methods in document["paths"].items():
        for method in methods:
            assert f"<code>{method.upper()} {path}</code>" in page
    assert 'href="/api/v1/openapi.json"' in page
    assert "<script" not in page.split("</main>")[0].split("<main")[1]
    assert not re.search(r'(src|href)="https?://(?!testserver)', page)


def test_unknown_api_addresses_answer_json(client: Client) -> None:
    response = client.get("/api/v1/gibt-es-nicht")
    assert response.status_code == 404
    assert response.json()["errors"] == []


def test_the_interactive_page_mounts_swagger_ui_without_inline_code(client: Client) -> None:
    response = client.get("/api/v1/docs/interaktiv/")
    assert response.status_code == 200
    page = response.content.decode()
    main = page.split("<main")[1].split("</main>")[0]
    assert 'data-openapi-url="/api/v1/openapi.json"' in main
    assert 'href="/api/v1/docs/"' in main  # and the documentation page links back (above)
    assert "<script" not in main and "style=" not in page
    head = page.split("</head>")[0]
    for asset in ("swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css", "api/swagger-init.js"):
        assert f'="/static/{asset}"' in head
    assert not re.search(r'(src|href)="https?://(?!testserver)', page)
    assert 'href="/api/v1/docs/interaktiv/"' in client.get("/api/v1/docs/").content.decode()


def test_only_the_needed_files_of_swagger_ui_are_static_files() -> None:
    from django.contrib.staticfiles import finders

    from forum.api.finders import NpmFilesFinder

    finder = NpmFilesFinder()
    assert finder.check() == []
    listed = sorted(f"{getattr(storage, 'prefix', '')}/{path}" for path, storage in finder.list([]))
    assert listed == ["swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css", "swagger-ui/swagger-ui.css.map"]
    assert str(finders.find("swagger-ui/swagger-ui-bundle.js")).endswith(
        "node_modules/swagger-ui-dist/swagger-ui-bundle.js"
    )
    assert finders.find("swagger-ui/index.html") is None  # the demo page with its inline initialiser stays out
    assert finders.find("swagger-ui/../package.json") is None
    assert finder.find("swagger-ui/swagger-ui.css", find_all=True) != []
