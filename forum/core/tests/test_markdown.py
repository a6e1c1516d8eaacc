"""Markdown written by editors and operators becomes safe HTML."""

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString

from forum.core.markdown import render_markdown


def test_it_renders_the_usual_markdown():
    html = render_markdown(
        "## Abschnitt\n\nText mit **fett** und *kursiv*.\n\n- eins\n- zwei\n\n1. erstens\n2. zweitens"
    )
    assert "<h2>Abschnitt</h2>" in html
    assert "<strong>fett</strong>" in html
    assert "<em>kursiv</em>" in html
    assert "<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>" in html
    assert "<ol>\n<li>erstens</li>\n<li>zweitens</li>\n</ol>" in html


def test_it_renders_tables_quotes_and_code():
    html = render_markdown("| Kommune | Einwohner |\n|---|---|\n| Binzen | 2988 |\n\n> Zitat\n\n`code`")
    assert "<table>" in html
    assert "<th>Kommune</th>" in html
    assert "<td>2988</td>" in html
    assert "<blockquote>" in html
    assert "<code>code</code>" in html


def test_it_returns_a_safe_string():
    assert isinstance(render_markdown("x"), SafeString)


@pytest.mark.parametrize("text", ["", None])
def test_it_renders_nothing_as_nothing(text):
    assert render_markdown(text) == ""


def test_it_keeps_web_and_mail_links_with_a_safe_rel():
    html = render_markdown('[Forum](https://example.org/ "Titel") und [Mail](mailto:forum@example.org)')
    assert '<a href="https://example.org/" title="Titel" rel="noopener noreferrer">Forum</a>' in html
    assert '<a href="mailto:forum@example.org" rel="noopener noreferrer">Mail</a>' in html


@pytest.mark.parametrize(
    "text",
    [
        "[klick](javascript:alert(1))",
        "[klick](JaVaScRiPt:alert(1))",
        '<a href="javascript:alert(1)">klick</a>',
        "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[klick](vbscript:msgbox(1))",
    ],
)
def test_it_removes_dangerous_link_targets(text):
    html = render_markdown(text).lower()
    assert "klick" in html
    assert "href" not in html


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("<script>alert(1)</script>", "alert"),
        ("<style>body { display: none }</style>", "display"),
        ('<img src="x" onerror="alert(1)">', "<img"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
        ('<a href="https://example.org" onclick="alert(1)">x</a>', "onclick"),
        ('<p style="color: red">x</p>', "style"),
        ('<p class="kern-alert" id="fehler">x</p>', "fehler"),
        ('<form action="https://evil.example/"><input name="pw"></form>', "<form"),
        ("<svg><script>alert(1)</script></svg>", "alert"),
    ],
)
def test_it_removes_dangerous_html(text, forbidden):
    assert forbidden not in render_markdown(text)


def test_it_escapes_angle_brackets_in_plain_text():
    html = render_markdown("Wenn a < b und c > d")
    assert "&lt;" in html
    assert "&gt;" in html


def test_it_is_available_as_a_template_filter():
    rendered = Template("{% load forum %}{{ text|markdown }}").render(Context({"text": "**fett** <script>x</script>"}))
    assert "<strong>fett</strong>" in rendered
    assert "<script" not in rendered
