"""A concrete attachment model for the tests only (its table is made by the ``example_attachment`` fixture).

Its owner is core's ``LegalText``, the simplest model below ``documents``; a real owner is a meeting, a paper …
"""

from django.db import models

from forum.documents.models import AttachmentBase


class ExampleAttachment(AttachmentBase):
    owner = models.ForeignKey("core.LegalText", on_delete=models.CASCADE, related_name="+")

    class Meta(AttachmentBase.Meta):
        app_label = "documents"
        db_table = "documents_test_exampleattachment"
