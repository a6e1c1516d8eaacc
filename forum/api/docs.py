"""The API documentation page, built from the OpenAPI document: operations, parameters, bodies, answers, schemas."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from .api import api

METHOD_ORDER = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}


@dataclass
class Row:
    name: str
    type: str
    required: bool
    description: str = ""
    where: str = ""


@dataclass
class Answer:
    status: str
    description: str
    type: str
    ref: str = ""  # the schema's name, when the content is one of the documented schemas


@dataclass
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    description: str
    needs_token: bool
    parameters: list[Row] = field(default_factory=list)
    body: str = ""
    body_ref: str = ""
    answers: list[Answer] = field(default_factory=list)


@dataclass
class SchemaDoc:
    name: str
    description: str
    rows: list[Row]


def type_of(schema: dict[str, Any]) -> str:
    """A short, readable name of a JSON schema's type (schema names link as "#schema-Name" in the template)."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " oder ".join(type_of(option) for option in schema["anyOf"])
    if "enum" in schema:
        return "eins von: " + ", ".join(str(value) for value in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"Liste von {type_of(schema.get('items', {}))}"
    if kind == "null":
        return "null"
    details = []
    if "format" in schema:
        details.append(schema["format"])
    if "minimum" in schema or "maximum" in schema:
        details.append(f"{schema.get('minimum', '')}–{schema.get('maximum', '')}")
    if "maxLength" in schema:
        details.append(f"bis {schema['maxLength']} Zeichen")
    if "pattern" in schema and "\\x00" not in schema["pattern"]:
        details.append(f"Muster {schema['pattern']}")
    names = {"string": "Text", "integer": "ganze Zahl", "boolean": "true/false", "number": "Zahl", "object": "Objekt"}
    name = names.get(kind, kind or "beliebig")
    return f"{name} ({', '.join(details)})" if details else name


def _operations(document: dict[str, Any]) -> dict[str, list[Operation]]:
    groups: dict[str, list[Operation]] = {}
    for path, methods in document.get("paths", {}).items():
        for method, spec in sorted(methods.items(), key=lambda item: METHOD_ORDER.get(item[0], 9)):
            security = spec.get("security", [])
            operation = Operation(
                anchor=spec.get("operationId", f"{method}-{path}"),
                method=method.upper(),
                path=path,
                summary=spec.get("summary", ""),
                description=spec.get("description", ""),
                needs_token=bool(security) and {} not in security,
            )
            for parameter in spec.get("parameters", []):
                operation.parameters.append(
                    Row(
                        name=parameter["name"],
                        type=type_of(parameter.get("schema", {})),
                        required=parameter.get("required", False),
                        description=parameter.get("description", ""),
                        where={"path": "Pfad", "query": "Abfrage", "header": "Kopf"}.get(
                            parameter["in"], parameter["in"]
                        ),
                    )
                )
            body = spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                operation.body = type_of(body)
                operation.body_ref = operation.body if "$ref" in body else ""
            for status, answer in spec.get("responses", {}).items():
                content = answer.get("content", {}).get("application/json", {}).get("schema")
                operation.answers.append(
                    Answer(
                        status=status,
                        description=answer.get("description", ""),
                        type=type_of(content) if content else "",
                        ref=type_of(content) if content and "$ref" in content else "",
                    )
                )
            for tag in spec.get("tags", ["API"]):
                groups.setdefault(tag, []).append(operation)
    return groups


def _schemas(document: dict[str, Any]) -> list[SchemaDoc]:
    result = []
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        rows = [
            Row(name=prop, type=type_of(spec), required=prop in required, description=spec.get("description", ""))
            for prop, spec in schema.get("properties", {}).items()
        ]
        result.append(SchemaDoc(name=name, description=schema.get("description", ""), rows=rows))
    return result


def context(request: HttpRequest) -> dict[str, Any]:
    document = api.get_openapi_schema(path_prefix=reverse("rest-api:api-root"))
    return {
        "info": document.get("info", {}),
        "groups": sorted(_operations(document).items()),
        "schemas": _schemas(document),
        "openapi_url": reverse("rest-api:openapi-json"),
        "base_url": request.build_absolute_uri(reverse("rest-api:api-root")),
    }
