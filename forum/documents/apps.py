from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "forum.documents"
    verbose_name = _("Files")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
