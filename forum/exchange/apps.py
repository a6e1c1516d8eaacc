from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "forum.exchange"
    verbose_name = _("Exchange")

    def ready(self) -> None:
        # The receivers; the entries shown on the strategy page (slot topics.field_of_action).
        from . import panels, signals  # noqa: F401
