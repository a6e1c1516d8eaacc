from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may read a piece of content (DESIGN.md: public, members, coordination)."""

    PUBLIC = "public", _("public")
    MEMBERS = "members", _("members only")
    COORDINATION = "coordination", _("coordination only")
