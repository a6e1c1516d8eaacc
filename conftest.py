"""Shared fixtures: the district's real data, users in each role, a real SMTP server."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

KREISSCHLUESSEL = "08336"
LOERRACH = "08336050"
BINZEN = "08336008"

ROLES = ["anonymous", "no_role", "member_own", "member_other", "editor_own", "editor_other", "coordination", "operator"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The 35 municipalities of 08336, loaded once per session by the real command."""
    with django_db_blocker.unblock():
        call_command("load_district", KREISSCHLUESSEL, verbosity=0)
        call_command("load_topics", verbosity=0)
        call_command("load_strategy", verbosity=0)


@pytest.fixture
def district_data(transactional_db: Any) -> None:
    """For transactional tests (live server), which empty the database after each test."""
    call_command("load_district", KREISSCHLUESSEL, verbosity=0)
    call_command("load_topics", verbosity=0)
    call_command("load_strategy", verbosity=0)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Every test stores its files in its own folder, never in the instance's MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def district(db: Any) -> Any:
    """The district of this instance (the session database holds 08336)."""
    from django.conf import settings

    from forum.organisations.models import Organisation

    return Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)


@pytest.fixture
def loerrach(db: Any) -> Any:
    from forum.organisations.models import Organisation

    return Organisation.objects.get(ags=LOERRACH)


@pytest.fixture
def binzen(db: Any) -> Any:
    from forum.organisations.models import Organisation

    return Organisation.objects.get(ags=BINZEN)


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    from forum.accounts.models import User

    counter = iter(range(1, 10_000))

    def make(email: str | None = None, password: str = "geheim-passwort-123", **fields: Any) -> Any:
        number = next(counter)
        return User.objects.create_user(
            email or f"person{number}@example.org",
            password,
            full_name=fields.pop("full_name", f"Person {number}"),
            **fields,
        )

    return make


@pytest.fixture
def user_in_role(make_user: Callable[..., Any]) -> Callable[[str, Any], Any]:
    """user_in_role(role, organisation): a fresh user holding ``role`` (see ROLES) relative to ``organisation``.

    ``*_own`` roles belong to ``organisation``; ``*_other`` roles to another municipality of the district.
    """
    from django.contrib.auth.models import AnonymousUser

    from forum.organisations.models import Organisation, Role

    def make(role: str, organisation: Any = None) -> Any:
        if role == "anonymous":
            return AnonymousUser()
        user = make_user()
        own = organisation
        other = Organisation.objects.municipalities().exclude(pk=getattr(own, "pk", None)).order_by("ags").first()
        kind, _, whose = role.partition("_")
        if role == "no_role":
            return user
        if role in ("coordination", "operator"):
            Role.objects.create(user=user, kind=role)
        else:
            Role.objects.create(user=user, kind=kind, organisation=own if whose == "own" else other)
        return user

    return make


@dataclass
class SmtpInbox:
    host: str
    port: int
    messages: list[Message] = field(default_factory=list)


class _Handler:
    def __init__(self, inbox: SmtpInbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.inbox.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpInbox]:
    """A real SMTP server (aiosmtpd) on loopback; Django sends through it."""
    from aiosmtpd.controller import Controller

    inbox = SmtpInbox("127.0.0.1", _free_port())
    controller = Controller(_Handler(inbox), hostname=inbox.host, port=inbox.port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": inbox.host, "port": inbox.port, "timeout": 10},
        }
    }
    try:
        yield inbox
    finally:
        controller.stop()


def mail_text(message: Message) -> str:
    """The decoded plain-text body of a received e-mail."""
    part = message
    if message.is_multipart():
        part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(part.get_content_charset() or "utf-8")
