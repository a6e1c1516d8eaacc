from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "forum.cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from . import panels  # noqa: F401 - undertakings on the strategy page (slot topics.field_of_action)
