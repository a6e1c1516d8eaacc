"""The personalised declaration of intent as a tagged PDF (PDF/UA-1), ready to print and sign."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from forum.core.markdown import render_markdown

from .declarations import BLANK, mayor_of, personalised_text
from .models import Signature


def declaration_pdf(signature: Signature, user: Any) -> bytes:
    """The declaration's version as ``signature``'s municipality signs it: placeholders filled, signature lines."""
    from weasyprint import HTML  # imported here: loading pango takes a moment and only this needs it

    mayor = mayor_of(signature.organisation, user)
    html = render_to_string(
        "cooperation/declaration_pdf.html",
        {
            "signature": signature,
            "campaign": signature.campaign,
            "organisation": signature.organisation,
            "text": render_markdown(personalised_text(signature, user)),
            "mayor": mayor,
            "blank": BLANK,
            "language": translation.get_language() or "de",
        },
    )
    document = HTML(string=html, base_url=None)
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))
