"""The environment helpers of config/settings.py: plain values, ``*_FILE`` secrets, booleans and lists."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env, env_bool, env_list

NAME = "FORUM_TEST_SETTING"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)
    monkeypatch.delenv(f"{NAME}_FILE", raising=False)


# env


def test_it_reads_a_variable(monkeypatch):
    monkeypatch.setenv(NAME, "08336")
    assert env(NAME) == "08336"


def test_it_falls_back_to_the_default():
    assert env(NAME) == ""
    assert env(NAME, "standard") == "standard"


def test_it_keeps_an_empty_variable_empty(monkeypatch):
    monkeypatch.setenv(NAME, "")
    assert env(NAME, "standard") == ""


def test_it_reads_a_secret_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t-wert\n", encoding="utf-8")
    monkeypatch.setenv(f"{NAME}_FILE", str(secret))
    assert env(NAME) == "s3cr3t-wert"


def test_it_prefers_the_file_over_the_variable(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("aus-der-datei", encoding="utf-8")
    monkeypatch.setenv(NAME, "aus-der-umgebung")
    monkeypatch.setenv(f"{NAME}_FILE", str(secret))
    assert env(NAME) == "aus-der-datei"


def test_it_reads_the_file_as_utf8(monkeypatch, tmp_path):
    secret = tmp_path / "name"
    secret.write_text("Landratsamt Lörrach", encoding="utf-8")
    monkeypatch.setenv(f"{NAME}_FILE", str(secret))
    assert env(NAME) == "Landratsamt Lörrach"


def test_it_fails_loudly_for_a_missing_secret_file(monkeypatch, tmp_path):
    monkeypatch.setenv(f"{NAME}_FILE", str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError):
        env(NAME)


def test_it_ignores_an_empty_file_variable(monkeypatch):
    monkeypatch.setenv(NAME, "wert")
    monkeypatch.setenv(f"{NAME}_FILE", "")
    assert env(NAME) == "wert"


# env_bool


@pytest.mark.parametrize("value", ["1", "true", "True", "TRUE", "yes", "Yes", "on", "ON"])
def test_it_reads_true(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    assert env_bool(NAME, False) is True


@pytest.mark.parametrize("value", ["0", "false", "False", "no", "NO", "off", "Off"])
def test_it_reads_false(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    assert env_bool(NAME, True) is False


@pytest.mark.parametrize("default", [True, False])
def test_it_uses_the_boolean_default_when_unset_or_empty(monkeypatch, default):
    assert env_bool(NAME, default) is default
    monkeypatch.setenv(NAME, "")
    assert env_bool(NAME, default) is default


@pytest.mark.parametrize("value", ["2", "ja", "nein", "y", "enabled", "-1"])
def test_it_rejects_an_invalid_boolean(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_bool(NAME, False)


def test_it_reads_a_boolean_from_a_file(monkeypatch, tmp_path):
    flag = tmp_path / "flag"
    flag.write_text("yes\n", encoding="utf-8")
    monkeypatch.setenv(f"{NAME}_FILE", str(flag))
    assert env_bool(NAME, False) is True


def test_it_rejects_an_invalid_boolean_from_a_file(monkeypatch, tmp_path):
    flag = tmp_path / "flag"
    flag.write_text("vielleicht", encoding="utf-8")
    monkeypatch.setenv(f"{NAME}_FILE", str(flag))
    with pytest.raises(ImproperlyConfigured):
        env_bool(NAME, False)


# env_list


def test_it_splits_a_list_at_commas(monkeypatch):
    monkeypatch.setenv(NAME, "forum.example.org, www.forum.example.org ,localhost")
    assert env_list(NAME) == ["forum.example.org", "www.forum.example.org", "localhost"]


def test_it_drops_empty_list_items(monkeypatch):
    monkeypatch.setenv(NAME, ",a,, ,b,")
    assert env_list(NAME) == ["a", "b"]


def test_it_uses_the_list_default():
    assert env_list(NAME) == []
    assert env_list(NAME, "localhost,127.0.0.1") == ["localhost", "127.0.0.1"]


def test_it_reads_a_list_from_a_file(monkeypatch, tmp_path):
    hosts = tmp_path / "hosts"
    hosts.write_text("a.example.org,b.example.org\n", encoding="utf-8")
    monkeypatch.setenv(f"{NAME}_FILE", str(hosts))
    assert env_list(NAME) == ["a.example.org", "b.example.org"]
