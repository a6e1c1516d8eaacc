"""Load a district with its municipalities and partner bodies from the official data in ``data/``."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from .models import Organisation

DATA_DIR = Path(__file__).resolve().parent / "data"
OFFICIAL_SOURCE = (
    "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV100AD, Gebietsstand 31.08.2025; "
    "Koordinaten: Destatis Gemeindeverzeichnis-Auszug 31.12.2021 (© GeoBasis-DE / BKG); "
    "Datenlizenz Deutschland – Namensnennung – Version 2.0; Daten verändert (umformatiert)"
)
# Register types that are towns; everything else is a municipality (Gemeinde, Markt).
_TOWN_KINDS = {"Stadt", "Große Kreisstadt", "Kreisfreie Stadt", "Stadtkreis"}
_PARTNER_KINDS = {
    "zweckverband": Organisation.Kind.SPECIAL_PURPOSE_ASSOCIATION,
    "it_dienstleister": Organisation.Kind.IT_PROVIDER,
    "kommunaler_spitzenverband": Organisation.Kind.MUNICIPAL_ASSOCIATION,
    "verwaltungsgemeinschaft": Organisation.Kind.ADMINISTRATIVE_UNION,
    "land": Organisation.Kind.STATE,
    "sonstige": Organisation.Kind.OTHER,
}
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


class UnknownDistrict(ValueError):
    pass


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def german_slug(text: str, max_length: int = 100) -> str:
    return slugify(text.translate(_UMLAUTS))[:max_length].strip("-")


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _decimal(value: str) -> Decimal | None:
    return Decimal(value) if value else None


def _sync(
    result: LoadResult, lookup: dict[str, Any], official: dict[str, Any], on_create: dict[str, Any]
) -> Organisation:
    """Create or update one organisation; save (and so record history) only when a figure changed."""
    organisation = Organisation.objects.filter(**lookup).first()
    if organisation is None:
        organisation = Organisation(**lookup, **official, **on_create)
        organisation._change_reason = "Amtliche Daten geladen"  # type: ignore[attr-defined]
        organisation.full_clean()
        organisation.save()
        result.created.append(organisation.name)
        return organisation
    changed = [name for name, value in official.items() if getattr(organisation, name) != value]
    if not changed:
        result.unchanged += 1
        return organisation
    for name in changed:
        setattr(organisation, name, official[name])
    organisation._change_reason = "Amtliche Daten aktualisiert"  # type: ignore[attr-defined]
    organisation.full_clean()
    organisation.save()
    result.updated.append(organisation.name)
    return organisation


@transaction.atomic
def load_district(kreisschluessel: str) -> LoadResult:
    """Create or update the district, its municipalities and (if listed) its partner bodies.

    Idempotent: a second run with the same data changes nothing; newer figures update the rows and
    appear in their change history. Fields that editors maintain (website, address, contacts) are
    set only when the organisation is created.
    """
    district_row = next((row for row in _read("kreise_de.csv") if row["kreis_ags"] == kreisschluessel), None)
    if district_row is None:
        raise UnknownDistrict(f"Kein Kreis mit dem Kreisschlüssel {kreisschluessel} in den amtlichen Daten.")
    result = LoadResult()
    kind_name = district_row["kind"]
    name = district_row["name"] if kind_name != "Landkreis" else f"Landkreis {district_row['name']}"
    district = _sync(
        result,
        {"ags": kreisschluessel},
        {
            "name": name,
            "official_name": district_row["name"],
            "kind": Organisation.Kind.DISTRICT,
            "official_kind": kind_name,
            "population": int(district_row["population"]),
            "population_date": date.fromisoformat(district_row["population_date"]),
            "area_km2": _decimal(district_row["area_km2"]),
            "source": OFFICIAL_SOURCE,
        },
        {"slug": german_slug(name), "city": district_row["seat"]},
    )
    for row in _read("gemeinden_de.csv"):
        if row["kreis_ags"] != kreisschluessel:
            continue
        _sync(
            result,
            {"ags": row["ags"]},
            {
                "name": row["name"],
                "official_name": row["name_official"],
                "kind": Organisation.Kind.CITY if row["kind"] in _TOWN_KINDS else Organisation.Kind.MUNICIPALITY,
                "official_kind": row["kind"],
                "district": district,
                "population": int(row["population"]),
                "population_date": date.fromisoformat(row["population_date"]),
                "area_km2": _decimal(row["area_km2"]),
                "latitude": _decimal(row["lat"]),
                "longitude": _decimal(row["lon"]),
                "source": OFFICIAL_SOURCE,
            },
            {
                "slug": f"{german_slug(row['name'], 90)}-{row['ags']}",
                "postal_code": row["postal_code"],
                "city": row["name"],
            },
        )
    partner_file = DATA_DIR / f"partner_{kreisschluessel}.csv"
    if partner_file.exists():
        for row in _read(partner_file.name):
            if row["kind"] == "landkreis":
                if row["website"] and not district.website:
                    district.website = row["website"]
                    district._change_reason = "Amtliche Daten geladen"  # type: ignore[attr-defined]
                    district.save()
                continue
            partner_name = row["name"]
            _sync(
                result,
                {"slug": german_slug(partner_name)},
                {
                    "name": partner_name,
                    "kind": _PARTNER_KINDS.get(row["kind"], Organisation.Kind.OTHER),
                    "district": district,
                    "source": f"{row['note']}\n\nQuellen: {row['source']}".strip(),
                },
                {"website": row["website"]},
            )
    return result
