from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "forum.council"
    verbose_name = _("Council papers")

    def ready(self) -> None:
        from . import panels, rules  # noqa: F401  (permissions; papers on agenda items and undertakings)
