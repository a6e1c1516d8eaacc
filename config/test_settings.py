"""Settings for the test run: the real settings module with test-friendly defaults.

Environment variables still win, e.g. ``DATABASE_URL`` for the PostgreSQL run.
"""

import os

os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("FORUM_MANIFEST_STATIC", "0")
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("FORUM_BASE_URL", "http://testserver")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
