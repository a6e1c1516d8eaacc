"""Geometry of the server-rendered SVG charts: the heatmap of the matrix and the district map.

Plain data for the templates (coordinates, colours, labels); no JavaScript, no external service. Colours use
presentation attributes (allowed by the CSP) and every text colour has a contrast of at least 4.5:1 on its cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .analysis import Row

# Sequential blues (ColorBrewer), lightest first; step 0 is "none". Text colour per step for 4.5:1 contrast.
EMPTY_FILL = "#f3f4f7"
PALETTE = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")
DARK_TEXT = "#171a2b"
LIGHT_TEXT = "#ffffff"
TEXT_ON = {EMPTY_FILL: DARK_TEXT, PALETTE[0]: DARK_TEXT, PALETTE[1]: DARK_TEXT, PALETTE[2]: DARK_TEXT}
OUTLINE = "#4a4f63"  # outline of every shape: 3:1 against white, so light fills stay visible


def text_colour(fill: str) -> str:
    return TEXT_ON.get(fill, LIGHT_TEXT)


def number(value: float) -> str:
    """A coordinate for an SVG attribute: always a dot, whatever the page's language (Django would write 1,5)."""
    return f"{value:.1f}"


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Scale:
    """Values 1..maximum in up to five colour steps; ``edges[k]`` is the largest value of step k."""

    edges: tuple[int, ...]

    @classmethod
    def up_to(cls, maximum: int) -> Scale:
        steps = len(PALETTE)
        edges: list[int] = []
        highest = 0
        for k in range(1, steps + 1):
            edge = math.ceil(maximum * k / steps)
            edges.append(edge if edge > highest else 0)  # 0: the step is not used
            highest = max(highest, edge)
        return cls(tuple(edges))

    def fill(self, value: int) -> str:
        if value <= 0:
            return EMPTY_FILL
        for step, edge in enumerate(self.edges):
            if edge and value <= edge:
                return PALETTE[step]
        return PALETTE[-1]

    def legend(self) -> list[dict[str, Any]]:
        items = [{"fill": EMPTY_FILL, "label": "0"}]
        low = 1
        for step, edge in enumerate(self.edges):
            if not edge:
                continue
            items.append({"fill": PALETTE[step], "label": str(edge) if edge == low else f"{low}–{edge}"})
            low = edge + 1
        return items


# Heatmap -------------------------------------------------------------------------------------------------------

CELL = 30
LABEL_WIDTH = 190
HEADER_HEIGHT = 170
LEGEND_HEIGHT = 60


def heatmap(rows: Sequence[Row], topics: Sequence[Any], maximum: int) -> dict[str, Any]:
    """Cells coloured by involvement (own entries + interest marks), organisations left, topics on top."""
    scale = Scale.up_to(maximum)
    width = LABEL_WIDTH + CELL * len(topics) + 120
    height = HEADER_HEIGHT + CELL * len(rows) + LEGEND_HEIGHT
    columns = [
        {
            "x": LABEL_WIDTH + CELL * index + CELL // 2,
            "y": HEADER_HEIGHT - 8,
            "label": short(topic.name, 28),
        }
        for index, topic in enumerate(topics)
    ]
    cells = []
    labels = []
    for row_index, row in enumerate(rows):
        y = HEADER_HEIGHT + CELL * row_index
        labels.append({"x": LABEL_WIDTH - 8, "y": y + CELL // 2 + 4, "label": short(row.organisation.name, 28)})
        for column_index, cell in enumerate(row.cells):
            fill = scale.fill(cell.total)
            cells.append(
                {
                    "x": LABEL_WIDTH + CELL * column_index,
                    "y": y,
                    "fill": fill,
                    "text": cell.total or "",
                    "text_fill": text_colour(fill),
                    "cx": LABEL_WIDTH + CELL * column_index + CELL // 2,
                    "cy": y + CELL // 2 + 4,
                }
            )
    legend_y = HEADER_HEIGHT + CELL * len(rows) + 20
    legend = [
        {"x": LABEL_WIDTH + 70 * index, "y": legend_y, "tx": LABEL_WIDTH + 70 * index + 22, "ty": legend_y + 13, **item}
        for index, item in enumerate(scale.legend())
    ]
    return {
        "width": width,
        "height": height,
        "cell": CELL,
        "columns": columns,
        "labels": labels,
        "cells": cells,
        "legend": legend,
        "legend_title_x": LABEL_WIDTH - 8,
        "legend_title_y": legend_y + 13,
    }


# Map -----------------------------------------------------------------------------------------------------------

MAP_WIDTH = 760
MAP_HEIGHT = 640
MARGIN = 40
MAX_RADIUS = 26.0
MIN_RADIUS = 4.0
LABELLED = 12  # the municipalities with the most entries get a text label beside their circle


@dataclass(frozen=True)
class Place:
    organisation: Any
    latitude: Decimal | float
    longitude: Decimal | float
    entries: int  # visible entries of the municipality
    in_topic: int  # its own entries + interest marks in the chosen topic


def project(places: Sequence[Place]) -> tuple[list[tuple[float, float]], float, float]:
    """Equirectangular projection with the cosine of the mean latitude, fitted into the view box.

    Returns the (x, y) of each place and the width and height of the view box.
    """
    if not places:
        return [], float(MAP_WIDTH), float(MAP_HEIGHT)
    lats = [float(place.latitude) for place in places]
    lons = [float(place.longitude) for place in places]
    factor = math.cos(math.radians(sum(lats) / len(lats)))
    xs = [lon * factor for lon in lons]
    ys = [-lat for lat in lats]
    span_x = max(max(xs) - min(xs), 1e-6)
    span_y = max(max(ys) - min(ys), 1e-6)
    inner_w, inner_h = MAP_WIDTH - 2 * MARGIN, MAP_HEIGHT - 2 * MARGIN
    zoom = min(inner_w / span_x, inner_h / span_y)
    width = span_x * zoom + 2 * MARGIN
    height = span_y * zoom + 2 * MARGIN
    points = [(MARGIN + (x - min(xs)) * zoom, MARGIN + (y - min(ys)) * zoom) for x, y in zip(xs, ys, strict=True)]
    return points, width, height


def district_map(places: Sequence[Place], *, topic: Any = None) -> dict[str, Any]:
    """Circles (area ~ entries), coloured by involvement in ``topic``; larger circles drawn first."""
    points, width, height = project(places)
    most = max((place.entries for place in places), default=0)
    scale = Scale.up_to(max((place.in_topic for place in places), default=0))
    ranked = sorted(range(len(places)), key=lambda i: (-places[i].entries, places[i].organisation.name))
    labelled = {index for index in ranked[:LABELLED] if places[index].entries}
    circles = []
    for index in ranked:
        place = places[index]
        x, y = points[index]
        radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(place.entries / most) if most else MIN_RADIUS
        fill = scale.fill(place.in_topic) if topic is not None else ("#2171b5" if place.entries else EMPTY_FILL)
        if topic is not None:
            title = _("%(name)s – entries: %(entries)s, in the topic: %(in_topic)s") % {
                "name": place.organisation.name,
                "entries": place.entries,
                "in_topic": place.in_topic,
            }
        else:
            title = _("%(name)s – entries: %(entries)s") % {"name": place.organisation.name, "entries": place.entries}
        circles.append(
            {
                "x": number(x),
                "y": number(y),
                "r": number(radius),
                "fill": fill,
                "title": title,
                "url": place.organisation.get_absolute_url(),
                "label": place.organisation.name if index in labelled else "",
                "label_x": number(x + radius + 3),
                "label_y": number(y + 4),
            }
        )
    legend = scale.legend() if topic is not None else []
    return {"width": round(width), "height": round(height), "circles": circles, "legend": legend}
