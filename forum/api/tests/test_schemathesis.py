"""Schemathesis against the API's own OpenAPI document, in process through WSGI, with a read-write API key.

At least 2,000 generated requests (positive and negative data, every operation), none answered with a server
error, every answer as documented: status code, content type, headers, body schema. Hypothesis is derandomised
(fixed seed per test, no example database), so CI sees the same requests every run.

Left out: ``positive_data_acceptance``, which expects every schema-valid request to succeed. Some rules cannot be
written in a schema (the topic must exist, a project needs a phase, a step may not be skipped); the API answers
those with 422 and a German message, which ``negative_data_rejection`` and the other checks still see.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.generation.meta import CoveragePhaseData, CoverageScenario
from schemathesis.specs.openapi.checks import positive_data_acceptance

from forum.api.api import api
from forum.meetings.models import Registration
from forum.organisations.models import Role

EXAMPLES_PER_OPERATION = 80
MINIMUM_REQUESTS = 2_000

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()
SENT: dict[str, int] = {}  # requests per operation
# Ids of objects that exist in the test's world, by path parameter (filled by the ``auth_header`` fixture).
KNOWN: dict[str, list[Any]] = {}


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
    """Half the time, valid path parameters name objects that exist, so reads and writes get past the 404."""

    if not path_parameters:
        return st.just(path_parameters)

    def known(choice: int) -> dict[str, Any]:
        chosen = dict(path_parameters)
        for name, value in chosen.items():
            valid = (isinstance(value, int) and value >= 0) or (name == "ags" and isinstance(value, str))
            if valid and KNOWN.get(name):
                chosen[name] = KNOWN[name][choice % len(KNOWN[name])]
        return chosen

    return st.one_of(st.just(path_parameters), st.integers(min_value=0, max_value=9).map(known))


ANSWERS: dict[int, int] = {}  # answers per status code


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """As Django's test client does: a request through the WSGI handler must not close the test's connection
    (PostgreSQL would lose the test transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def auth_header(world: Any, user_in_role: Any, loerrach: Any, other: Any, bearer: Any, settings: Any) -> str:
    """A read-write key of someone in the coordination who is also a member of "other" (to mark interest)."""
    settings.FORUM_API_WRITES_PER_MINUTE = 1_000_000
    settings.FORUM_API_WRITES_PER_MINUTE_PER_ADDRESS = 1_000_000
    user = user_in_role("coordination", loerrach)
    Role.objects.create(user=user, kind="member", organisation=other)
    registration = Registration.objects.create(event=world.event, user=user)
    KNOWN.update(
        entry_id=[e.pk for e in (world.public, world.project, world.members, world.coordination, world.draft)],
        interest_id=[world.interest.pk],
        meeting_id=[world.meeting.pk, world.members_meeting.pk],
        event_id=[world.event.pk, world.members_event.pk],
        registration_id=[registration.pk],
        campaign_id=[world.campaign.pk, world.draft_campaign.pk],
        ags=[loerrach.ags, other.ags],
    )
    return str(bearer(user)["HTTP_AUTHORIZATION"])


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_document(case: Any, auth_header: str) -> None:
    headers = {} if _drops_authorization(case) else {"Authorization": auth_header}
    response = case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
    SENT[case.operation.label] = SENT.get(case.operation.label, 0) + 1
    ANSWERS[response.status_code] = ANSWERS.get(response.status_code, 0) + 1


def _drops_authorization(case: Any) -> bool:
    """The coverage phase's case "without the Authorization header" (the answer must be 401)."""
    data = case.meta.phase.data if case.meta is not None else None
    return (
        isinstance(data, CoveragePhaseData)
        and data.scenario == CoverageScenario.MISSING_PARAMETER
        and (data.parameter or "").lower() == "authorization"
    )


def test_enough_requests_were_generated() -> None:
    if len(SENT) < len(list(schema.get_all_operations())):
        pytest.skip("run together with the schemathesis test of every operation")
    print(f"schemathesis: {sum(SENT.values())} requests; answers by status: {dict(sorted(ANSWERS.items()))}")
    print("\n".join(f"  {label}: {count}" for label, count in sorted(SENT.items())))
    assert sum(SENT.values()) >= MINIMUM_REQUESTS, SENT
    assert any(200 <= status < 300 and status != 200 for status in ANSWERS), "no write succeeded"
