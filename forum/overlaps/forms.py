"""The filters of the overlap pages (GET). A value that does not fit gets a message and is ignored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.core.forms import Form
from forum.exchange.forms import topic_filter_choices
from forum.exchange.models import Entry
from forum.organisations.models import Organisation
from forum.topics.models import Topic

from . import analysis

ALL_DISTRICTS = "alle"
LEVEL_CHOICES = [("felder", _("Topic fields")), ("themen", _("Sub-topics"))]
LEVELS = {"felder": analysis.FIELDS, "themen": analysis.TOPICS}


@dataclass(frozen=True)
class Filters:
    district: str | None  # Kreisschlüssel, or None for every district
    level: analysis.Level = analysis.FIELDS
    kind: str | None = None
    topic: Topic | None = None


def district_choices(user: Any, *, allow_all: bool) -> list[tuple[str, str]]:
    districts = Organisation.objects.visible_to(user).filter(kind=Organisation.Kind.DISTRICT, ags__isnull=False)
    choices = [(str(ags), name) for ags, name in districts.order_by("name").values_list("ags", "name")]
    if allow_all and len(choices) > 1:
        choices.append((ALL_DISTRICTS, str(_("All districts"))))
    return choices


class DistrictForm(Form):
    """Which district (Kreis): the instance's own unless another is chosen."""

    kreis = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, *args: Any, user: Any, allow_all: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kreis"].choices = district_choices(user, allow_all=allow_all)  # type: ignore[attr-defined]
        self.fields["kreis"].initial = analysis.default_district()

    def value(self, name: str) -> Any:
        """The cleaned value of a field, or None if it is missing or did not validate."""
        self.is_valid()
        if name in self.errors:
            return None
        return getattr(self, "cleaned_data", {}).get(name) or None

    def filters(self) -> Filters:
        kreis = self.value("kreis") or analysis.default_district()
        return Filters(district=None if kreis == ALL_DISTRICTS else kreis)


class KindMixin(forms.Form):
    art = forms.ChoiceField(label=_("Type"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["art"].choices = [("", _("Challenges and projects")), *Entry.Kind.choices]  # type: ignore[attr-defined]


class MatrixFilterForm(KindMixin, DistrictForm):
    """District, level (fields or sub-topics) and type of entry of the matrix."""

    ebene = forms.ChoiceField(label=_("Level"), required=False, choices=LEVEL_CHOICES)
    field_order = ["kreis", "ebene", "art"]

    def filters(self) -> Filters:
        base = super().filters()
        level = LEVELS.get(self.value("ebene") or "", analysis.FIELDS)
        return Filters(district=base.district, level=level, kind=self.value("art"))


class TopicFilterForm(KindMixin, DistrictForm):
    """District and type of entry on a topic's page."""

    field_order = ["kreis", "art"]

    def filters(self) -> Filters:
        return Filters(district=super().filters().district, kind=self.value("art"))


class MapFilterForm(DistrictForm):
    """District and the topic that colours the map (one district at a time)."""

    thema = forms.ChoiceField(label=_("Colour by topic"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, allow_all=False, **kwargs)
        self.fields["thema"].choices = [("", _("No topic")), *topic_filter_choices()]  # type: ignore[attr-defined]

    def filters(self) -> Filters:
        slug = self.value("thema")
        topic = Topic.objects.filter(slug=slug).first() if slug else None
        return Filters(district=super().filters().district, topic=topic)
