"""A walk through the whole API as a crawler would do it: from the System through every list page and every URL."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

BASE = "http://testserver/oparl/v1.1/"


@dataclass
class Walk:
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → the object as served at its id
    lists: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # first page URL → every page
    bodies: list[str] = field(default_factory=list)  # every answer's text
    downloads: dict[str, bytes] = field(default_factory=dict)
    embedded: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (where, object) of embedded objects


def urls_in(value: Any) -> list[str]:
    """Every URL of this API inside a JSON value."""
    if isinstance(value, str):
        return [value] if value.startswith(BASE) else []
    if isinstance(value, list):
        return [url for item in value for url in urls_in(item)]
    if isinstance(value, dict):
        return [url for item in value.values() for url in urls_in(item)]
    return []


def embedded_objects(value: Any, where: str = "$") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(value, dict):
        for name, item in value.items():
            if isinstance(item, dict) and "id" in item:
                found.append((f"{where}.{name}", item))
            found += embedded_objects(item, f"{where}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict) and "id" in item:
                found.append((f"{where}[{index}]", item))
            found += embedded_objects(item, f"{where}[{index}]")
    return found


def get(client: Any, url: str) -> Any:
    response = client.get(url)
    assert response["Access-Control-Allow-Origin"] == "*", url
    assert "Set-Cookie" not in response, url
    assert "cookie" not in response.get("Vary", "").lower(), url
    return response


def walk(client: Any, start: str = BASE) -> Walk:
    """Fetch the System, follow every URL of the API it leads to, every page of every list, every download."""
    result = Walk()
    queue: deque[str] = deque([start])
    seen: set[str] = set()
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = get(client, url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        if url.endswith("/download/"):
            result.downloads[url] = response.getvalue()
            continue
        assert response["Content-Type"] == "application/json; charset=utf-8", url
        text = response.content.decode()
        result.bodies.append(text)
        data = json.loads(text)
        if "data" in data and "links" in data:
            first = url.split("?")[0]
            result.lists.setdefault(first, []).append(data)
            items = data["data"]
            if "next" in data["links"]:
                queue.append(data["links"]["next"])
            for item in items:
                queue.extend(urls_in(item))
                result.embedded += embedded_objects(item, url)
            continue
        assert data["id"] == url, (data["id"], url)
        result.objects[url] = data
        result.embedded += embedded_objects(data, url)
        queue.extend(urls_in(data))
    return result
