"""Tagged PDFs (PDF/UA-1): the personalised declaration of intent, ready to print and sign; the cost table."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from forum.core.markdown import render_markdown

from .declarations import BLANK, mayor_of, personalised_text
from .models import CostPlan, Signature


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


def cost_table_pdf(plan: CostPlan, context: dict[str, Any], header: list[str], rows: list[list[Any]]) -> bytes:
    """The cost table as the page shows it (``rows`` from the export, the total last), with the population dates."""
    from weasyprint import HTML

    table = context["table"]
    html = render_to_string(
        "cooperation/costplan_pdf.html",
        {
            "plan": plan,
            "undertaking": plan.undertaking,
            "table": table,
            "scenario": context["scenario"],
            "header": header,
            "rows": rows[:-1],
            "total": rows[-1],
            "language": translation.get_language() or "de",
        },
    )
    return bytes(HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1"))
