"""Health check, legal pages (Impressum, Datenschutz, Barrierefreiheit) and the security headers of every page."""

from html.parser import HTMLParser

import pytest

from forum.core.models import LegalText

pytestmark = pytest.mark.django_db

LEGAL_PAGES = ["/impressum/", "/datenschutz/", "/barrierefreiheit/"]


class _InlineCode(HTMLParser):
    """Collects inline scripts, <style> elements and style attributes, which a strict CSP would block."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts: list[str] = []
        self.style_elements = 0
        self.style_attributes: list[str] = []
        self.event_handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if "style" in names:
            self.style_attributes.append(tag)
        self.event_handlers += [name for name in names if name.startswith("on")]
        if tag == "script" and not names.get("src"):
            self._in_script = True
            self.inline_scripts.append("")
        if tag == "style":
            self.style_elements += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts[-1] += data


def _inline_code(html: str) -> _InlineCode:
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    return parser


def _csp(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# Health check


def test_it_reports_a_healthy_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"] == "ok"
    assert data["vendor"] in {"sqlite", "postgresql"}


def test_it_is_never_cached(client):
    response = client.get("/healthz")
    assert "no-cache" in response.headers["Cache-Control"]


def test_it_rejects_post_on_the_health_check(client):
    assert client.post("/healthz").status_code == 405


# Legal pages


@pytest.mark.parametrize("url", LEGAL_PAGES)
def test_it_shows_the_operator_settings_by_default(client, settings, url):
    settings.FORUM_OPERATOR_NAME = "Gemeindeverwaltungsverband Musterhausen"
    settings.FORUM_OPERATOR_EMAIL = "kontakt@musterhausen.example"
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Gemeindeverwaltungsverband Musterhausen" in content
    assert 'href="mailto:kontakt@musterhausen.example"' in content


def test_it_shows_the_optional_operator_details_only_when_set(client, settings):
    settings.FORUM_OPERATOR_REPRESENTATIVE = ""
    settings.FORUM_OPERATOR_PHONE = ""
    assert "Musterfrau" not in client.get("/impressum/").content.decode()
    settings.FORUM_OPERATOR_REPRESENTATIVE = "Landrätin Dr. Musterfrau"
    settings.FORUM_OPERATOR_PHONE = "07621 410-0"
    content = client.get("/impressum/").content.decode()
    assert "Landrätin Dr. Musterfrau" in content
    assert "07621 410-0" in content


@pytest.mark.parametrize("page", ["impressum", "datenschutz", "barrierefreiheit"])
def test_it_shows_the_operators_own_text_when_stored(client, settings, page):
    settings.FORUM_OPERATOR_NAME = "Gemeindeverwaltungsverband Musterhausen"
    LegalText.objects.create(
        page=page, body="## Eigener Abschnitt\n\nUnser **eigener** Text mit [Link](https://example.org/)."
    )
    response = client.get(f"/{page}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h2>Eigener Abschnitt</h2>" in content
    assert "<strong>eigener</strong>" in content
    assert '<a href="https://example.org/" rel="noopener noreferrer">Link</a>' in content
    assert "Gemeindeverwaltungsverband Musterhausen" not in content


def test_it_keeps_one_pages_text_off_the_others(client):
    LegalText.objects.create(page="datenschutz", body="Nur Datenschutz-Text")
    assert "Nur Datenschutz-Text" in client.get("/datenschutz/").content.decode()
    assert "Nur Datenschutz-Text" not in client.get("/impressum/").content.decode()


def test_it_sanitises_the_operators_markdown(client):
    LegalText.objects.create(
        page="impressum",
        body=(
            "Text <script>alert('xss')</script> und [klick](javascript:alert(1)) "
            '<a href="https://example.org" onclick="evil()">x</a> <img src=x onerror="evil()"> '
            '<iframe src="https://evil.example"></iframe>'
        ),
    )
    response = client.get("/impressum/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "alert(" not in content
    assert "javascript:" not in content.lower()
    assert "evil" not in content
    assert "<img" not in content
    assert "<iframe" not in content
    code = _inline_code(content)
    assert code.inline_scripts == []
    assert code.event_handlers == []


def test_it_answers_404_for_an_unknown_page(client):
    assert client.get("/gibt-es-nicht/").status_code == 404


def test_it_rejects_post_on_a_legal_page(client):
    assert client.post("/impressum/").status_code == 405


# Security headers and strict CSP

HTML_PAGES = ["/", *LEGAL_PAGES, "/konto/anmelden/", "/konto/passwort-vergessen/", "/kommunen/", "/gibt-es-nicht/"]


@pytest.mark.parametrize("url", HTML_PAGES)
def test_it_sends_the_security_headers_on_every_html_page(client, url):
    response = client.get(url)
    assert response.headers["Content-Type"].startswith("text/html")
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_it_sends_the_security_headers_to_logged_in_users(client, user_in_role, loerrach):
    client.force_login(user_in_role("editor_own", loerrach))
    response = client.get("/konto/")
    assert response.status_code == 200
    assert _csp(response)["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("role", ["anonymous", "editor_own", "coordination"])
def test_it_has_no_inline_script_or_style_on_the_start_page(client, user_in_role, loerrach, role):
    user = user_in_role(role, loerrach)
    if role != "anonymous":
        client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    code = _inline_code(response.content.decode())
    assert code.inline_scripts == []
    assert code.style_attributes == []
    assert code.style_elements == 0
    assert code.event_handlers == []


@pytest.mark.parametrize("url", [*LEGAL_PAGES, "/konto/anmelden/"])
def test_it_has_no_inline_script_or_style_on_core_pages(client, url):
    code = _inline_code(client.get(url).content.decode())
    assert code.inline_scripts == []
    assert code.style_attributes == []
    assert code.style_elements == 0
