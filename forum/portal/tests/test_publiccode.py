"""publiccode.yml at the repository root follows the publiccode.yml standard 0.4 and agrees with the project.

The rules are the standard's (https://yml.publiccode.tools/schema.core.html): mandatory keys, allowed values,
the length limits of the descriptions, the vocabularies of categories and scopes. The version, licence and the
database versions are checked against pyproject.toml, LICENSE.md and Django's own minimum versions.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]

# The standard's controlled vocabularies (docs/standard/categories-list.rst and scope-list.rst).
CATEGORIES = {
    "accounting",
    "agile-project-management",
    "applicant-tracking",
    "application-development",
    "appointment-scheduling",
    "backup",
    "billing-and-invoicing",
    "blog",
    "budgeting",
    "business-intelligence",
    "business-process-management",
    "cad",
    "call-center-management",
    "cloud-management",
    "collaboration",
    "communications",
    "compliance-management",
    "contact-management",
    "content-management",
    "crm",
    "customer-service-and-support",
    "data-analytics",
    "data-collection",
    "data-visualization",
    "design",
    "design-system",
    "digital-asset-management",
    "digital-citizenship",
    "document-management",
    "donor-management",
    "e-commerce",
    "e-signature",
    "educational-content",
    "email-management",
    "email-marketing",
    "employee-management",
    "enterprise-project-management",
    "enterprise-social-networking",
    "erp",
    "event-management",
    "facility-management",
    "feedback-and-reviews-management",
    "financial-reporting",
    "fleet-management",
    "fundraising",
    "gamification",
    "geographic-information-systems",
    "grant-management",
    "graphic-design",
    "help-desk",
    "hr",
    "ide",
    "identity-management",
    "instant-messaging",
    "inventory-management",
    "it-asset-management",
    "it-development",
    "it-management",
    "it-security",
    "it-service-management",
    "knowledge-management",
    "learning-management-system",
    "marketing",
    "mind-mapping",
    "mobile-marketing",
    "mobile-payment",
    "network-management",
    "office",
    "online-booking",
    "online-community",
    "payment-gateway",
    "payroll",
    "predictive-analysis",
    "procurement",
    "productivity-suite",
    "project-collaboration",
    "project-management",
    "property-management",
    "real-estate-management",
    "remote-support",
    "resource-management",
    "sales-management",
    "seo",
    "service-desk",
    "social-media-management",
    "survey",
    "talent-management",
    "task-management",
    "taxes-management",
    "test-management",
    "time-management",
    "time-tracking",
    "translation",
    "video-conferencing",
    "video-editing",
    "visitor-management",
    "voip",
    "warehouse-management",
    "web-collaboration",
    "web-conferencing",
    "website-builder",
    "whistleblowing",
    "workflow-management",
}
SCOPES = {
    "agriculture",
    "culture",
    "defence",
    "education",
    "emergency-services",
    "employment",
    "energy",
    "environment",
    "finance-and-economic-development",
    "foreign-affairs",
    "healthcare",
    "infrastructures",
    "justice",
    "local-authorities",
    "manufacturing",
    "research",
    "science-and-technology",
    "security",
    "society",
    "sport",
    "tourism",
    "transportation",
    "welfare",
}
PLATFORMS = {"web", "windows", "mac", "linux", "ios", "android"}
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
TOP_LEVEL = {
    "publiccodeYmlVersion",
    "name",
    "applicationSuite",
    "url",
    "landingURL",
    "isBasedOn",
    "softwareVersion",
    "releaseDate",
    "logo",
    "platforms",
    "categories",
    "usedBy",
    "roadmap",
    "developmentStatus",
    "softwareType",
    "intendedAudience",
    "description",
    "legal",
    "maintenance",
    "localisation",
    "dependsOn",
}
MANDATORY = {
    "publiccodeYmlVersion",
    "name",
    "url",
    "platforms",
    "categories",
    "developmentStatus",
    "softwareType",
    "description",
    "legal",
    "maintenance",
    "localisation",
}
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@pytest.fixture(scope="module")
def publiccode() -> dict[str, Any]:
    raw = (ROOT / "publiccode.yml").read_bytes()
    document = yaml.safe_load(raw.decode("utf-8"))  # the standard: UTF-8
    assert isinstance(document, dict)
    return document


@pytest.fixture(scope="module")
def project() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_it_has_the_mandatory_keys_and_no_unknown_ones(publiccode):
    assert set(publiccode) >= MANDATORY
    assert set(publiccode) <= TOP_LEVEL
    assert publiccode["publiccodeYmlVersion"] == "0.4"
    assert publiccode["name"] == "Digitalisierungsforum"


def test_the_url_names_a_repository(publiccode):
    assert re.fullmatch(r"https://[^\s/]+/\S+", publiccode["url"])


def test_version_and_release_date_are_strings_of_the_right_form(publiccode, project):
    assert publiccode["softwareVersion"] == project["version"]
    assert isinstance(publiccode["releaseDate"], str)  # quoted: YAML would make an unquoted date a date
    assert date.fromisoformat(publiccode["releaseDate"]) <= date.today()


def test_values_come_from_the_standards_lists(publiccode):
    assert publiccode["platforms"] and set(publiccode["platforms"]) <= PLATFORMS
    assert publiccode["categories"] and set(publiccode["categories"]) <= CATEGORIES
    assert publiccode["developmentStatus"] in DEVELOPMENT_STATUSES
    assert publiccode["softwareType"] in SOFTWARE_TYPES
    audience = publiccode["intendedAudience"]
    assert audience["countries"] == ["de"]
    assert set(audience["scope"]) <= SCOPES


def test_the_description_keeps_the_length_limits(publiccode):
    descriptions = publiccode["description"]
    assert descriptions and all(LANGUAGE_TAG.match(tag) for tag in descriptions)
    german = descriptions["de"]
    assert german["shortDescription"] and len(german["shortDescription"]) <= 150
    assert "\n" not in german["shortDescription"]
    assert 150 <= len(german["longDescription"]) <= 10_000
    assert 5 <= len(german["features"]) <= 20
    assert all(isinstance(feature, str) and feature for feature in german["features"])


def test_the_licence_is_the_projects(publiccode, project):
    assert publiccode["legal"]["license"] == project["license"] == "EUPL-1.2"
    assert "EUROPÄISCHE UNION PUBLIC LICENCE v. 1.2" in (ROOT / "LICENSE.md").read_text(encoding="utf-8")
    assert publiccode["legal"]["mainCopyrightOwner"]


def test_maintenance_names_its_contacts(publiccode):
    maintenance = publiccode["maintenance"]
    assert maintenance["type"] in MAINTENANCE_TYPES
    if maintenance["type"] in ("internal", "community"):
        assert maintenance["contacts"]
        assert all(contact["name"] for contact in maintenance["contacts"])
    if maintenance["type"] == "contract":
        assert all(c["name"] and date.fromisoformat(c["until"]) for c in maintenance["contractors"])


def test_localisation_is_german(publiccode):
    localisation = publiccode["localisation"]
    assert localisation["localisationReady"] is True
    assert localisation["availableLanguages"] == ["de"]


def test_dependencies_match_what_the_project_needs(publiccode, project):
    from django.db.backends.postgresql.base import DatabaseWrapper as Postgres
    from django.db.backends.sqlite3.base import DatabaseWrapper as Sqlite

    dependencies = {item["name"]: item for item in publiccode["dependsOn"]["open"]}
    assert all(
        set(item) <= {"name", "versionMin", "versionMax", "version", "optional"} for item in dependencies.values()
    )
    assert project["requires-python"] == f">={dependencies['Python']['versionMin']}"
    postgres = ".".join(map(str, Postgres.features_class.minimum_database_version or ()))
    sqlite = ".".join(map(str, Sqlite.features_class.minimum_database_version or ()))
    assert dependencies["PostgreSQL"]["versionMin"] == postgres
    assert dependencies["SQLite"]["versionMin"] == sqlite
    assert dependencies["PostgreSQL"]["optional"] and dependencies["SQLite"]["optional"]  # one of the two
