from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "forum.exchange"
    verbose_name = _("Exchange")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the receivers
