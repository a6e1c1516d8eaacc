"""System checks of the instance's settings, and the deploy check of a production configuration."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from forum.core.checks import check_forum_settings, check_tasks_backend

BASE_DIR = Path(__file__).resolve().parents[3]

# run_checks() includes checks that look at the database.
pytestmark = pytest.mark.django_db


def _ids(messages):
    return [message.id for message in messages]


@pytest.mark.parametrize("key", ["8336", "083360", "0833A", " 08336", "08336\n", ""])
def test_it_rejects_a_malformed_kreisschluessel(key):
    with override_settings(FORUM_KREISSCHLUESSEL=key):
        assert "core.E001" in _ids(run_checks())


@pytest.mark.parametrize("key", ["08336", "09162"])
def test_it_accepts_a_five_digit_kreisschluessel(key):
    with override_settings(FORUM_KREISSCHLUESSEL=key):
        assert "core.E001" not in _ids(run_checks())


def test_it_passes_the_test_settings_without_errors():
    assert [m for m in run_checks() if m.is_serious()] == []


def test_it_requires_a_content_security_policy():
    with override_settings(SECURE_CSP={}):
        assert "core.E002" in _ids(check_forum_settings())


def test_it_warns_about_an_immediate_tasks_backend_in_production():
    tasks = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(DEBUG=False, TASKS=tasks):
        assert _ids(check_tasks_backend()) == ["core.W001"]
        assert "core.W001" in _ids(run_checks(include_deployment_checks=True))


def test_it_accepts_the_database_tasks_backend_in_production():
    with override_settings(DEBUG=False, TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        assert check_tasks_backend() == []


def _deploy_check(tmp_path, **extra):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "ALLOWED_HOSTS": "forum.example.org",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'forum.sqlite3'}",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_passes_the_deploy_check_with_a_production_environment(tmp_path):
    """The production minimum of .env.example (incl. EMAIL_HOST) passes ``check --deploy`` without any warning."""
    result = _deploy_check(tmp_path, EMAIL_HOST="smtp.example.org")
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_fails_the_deploy_check_with_the_development_key(tmp_path):
    """Without SECRET_KEY the development key is used, which the deploy check rejects (security.W009)."""
    result = _deploy_check(tmp_path, EMAIL_HOST="smtp.example.org", SECRET_KEY="")
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_the_wsgi_application_refuses_the_development_key_without_debug(tmp_path):
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'forum.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_fails_the_deploy_check_without_a_mail_server(tmp_path):
    """Without EMAIL_HOST mail goes to the console, which Django's deploy check rejects (mail.E001)."""
    result = _deploy_check(tmp_path)
    assert result.returncode != 0
    assert "mail.E001" in result.stderr
