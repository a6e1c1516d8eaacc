"""Checking OParl objects against the official 1.1 schema (copied to ./schema) and the spec's further rules.

The schema files use OParl's own variant of JSON Schema (see schema/SOURCES.md): ``jsonschema`` checks
``required``, the JSON types and the ``type`` pattern; this module follows the non-standard ``schema`` keys into
embedded objects and checks the rest the spec's text asks for.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator

SCHEMA_DIR = Path(__file__).parent / "schema"
TYPE_PREFIX = "https://schema.oparl.org/1.1/"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
URL = re.compile(r"^https?://[^\s]+$")

# Lists the spec's text makes mandatory on a Body, beyond the schema's required array.
BODY_LISTS = ("agendaItem", "consultation", "file", "locationList", "legislativeTermList", "membership")

# (embedded type, embedding type) → the back reference the embedded object leaves out.
BACK_REFERENCES = {
    ("Location", "Meeting"): "meetings",
    ("Location", "Body"): "bodies",
    ("Location", "Paper"): "papers",
    ("Location", "Organization"): "organizations",
    ("File", "Meeting"): "meeting",
    ("File", "AgendaItem"): "agendaItem",
    ("File", "Paper"): "paper",
    ("AgendaItem", "Meeting"): "meeting",
    ("Consultation", "Paper"): "paper",
    ("Membership", "Person"): "person",
    ("LegislativeTerm", "Body"): "body",
}


@cache
def schema(type_name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / f"{type_name}.json").read_text(encoding="utf-8"))
    return data


def type_of(obj: dict[str, Any]) -> str:
    return str(obj.get("type", "")).removeprefix(TYPE_PREFIX)


def problems(obj: dict[str, Any], *, within: str = "", where: str = "$") -> list[str]:
    """Everything wrong with one OParl object (and the objects it embeds); an empty list when it conforms."""
    found: list[str] = []
    type_name = type_of(obj)
    if not (SCHEMA_DIR / f"{type_name}.json").exists():
        return [f"{where}: unknown type {obj.get('type')!r}"]
    definition = schema(type_name)
    found += [f"{where}: {error.message}" for error in Draft4Validator(definition).iter_errors(obj)]
    properties = definition["properties"]
    required = set(definition.get("required", []))
    if obj.get("deleted") is True:
        extra = set(obj) - {"id", "type", "created", "modified", "deleted"}
        return found + ([f"{where}: deleted object with {sorted(extra)}"] if extra else [])
    for name in ("created", "modified"):
        if name not in obj:
            found.append(f"{where}: no {name}")
    if type_name == "Body":
        found += [f"{where}: Body without {name}" for name in BODY_LISTS if name not in obj]
    if within and (back := BACK_REFERENCES.get((type_name, within))) and back in obj:
        found.append(f"{where}: embedded {type_name} repeats its back reference {back}")
    for name, value in obj.items():
        spot = f"{where}.{name}"
        if name not in properties:
            found.append(f"{spot}: not a property of {type_name}")
            continue
        if value is None or (value in ("", [], {}) and name not in required):
            found.append(f"{spot}: optional field given as {value!r}")
            continue
        found += _formats(properties[name], value, spot)
        nested = properties[name].get("schema") or properties[name].get("items", {}).get("schema")
        if nested and isinstance(value, dict):
            found += _embedded(value, nested, type_name, spot)
        elif nested and isinstance(value, list):
            for index, element in enumerate(value):
                found += _embedded(element, nested, type_name, f"{spot}[{index}]")
    return found


def _embedded(value: Any, schema_file: str, parent: str, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: expected an embedded object"]
    expected = schema_file.removesuffix(".json")
    if type_of(value) != expected:
        return [f"{where}: expected a {expected}, got {value.get('type')!r}"]
    return problems(value, within=parent, where=where)


def _formats(definition: dict[str, Any], value: Any, where: str) -> list[str]:
    check = {"url": URL, "date": DATE, "date-time": DATE_TIME}
    values = value if isinstance(value, list) else [value]
    form = definition.get("format") or (definition.get("items") or {}).get("format")
    pattern = check.get(form or "")
    if pattern is None:
        return []
    return [
        f"{where}: {item!r} is not a {form}" for item in values if isinstance(item, str) and not pattern.match(item)
    ]


def list_problems(page: dict[str, Any], where: str) -> list[str]:
    """The shape of a list page (spec 2.5): data, pagination and links, with self/first links."""
    found = [f"{where}: no {name}" for name in ("data", "pagination", "links") if name not in page]
    if set(page) - {"data", "pagination", "links"}:
        found.append(f"{where}: unexpected keys {sorted(set(page) - {'data', 'pagination', 'links'})}")
    for name, link in page.get("links", {}).items():
        if not isinstance(link, str) or not URL.match(link):
            found.append(f"{where}: links.{name} is not a URL")
    for index, obj in enumerate(page.get("data", [])):
        found += problems(obj, where=f"{where}.data[{index}]")
    return found
