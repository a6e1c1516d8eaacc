from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from forum.core.forms import Form, ModelForm

from .models import Topic

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def unique_slug(name: str) -> str:
    """A readable, unused short name for the topic's address ("Bürgerservice" → "buergerservice")."""
    base = slugify(name.translate(_UMLAUTS))[:70].strip("-") or "thema"
    slug, number = base, 1
    while Topic.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _label(topic: Topic) -> str:
    return f"{topic.parent.name} › {topic.name}" if topic.parent_id and topic.parent else topic.name


class TopicForm(ModelForm):
    """Create or edit a topic. The short name (and so the address) is set once and survives every rename."""

    class Meta:
        model = Topic
        fields = ["name", "parent", "description", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "parent": _("Leave empty to make the topic a field of its own, under which other topics are listed."),
            "source": _("Where the topic comes from, e.g. an OZG topic area or a decision of the forum."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        # Two levels only: a topic hangs under an active field (or keeps the field it already has).
        offered = Topic.objects.fields().filter(
            Q(retired=False, merged_into__isnull=True) | Q(pk=self.instance.parent_id)
        )
        if self.instance.pk:
            offered = offered.exclude(pk=self.instance.pk)
        parent.queryset = offered.order_by("name")

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        clash = Topic.objects.active().filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("An active topic of this name exists already."), code="duplicate_name")
        return name

    def clean_parent(self) -> Topic | None:
        parent: Topic | None = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and self.instance.children.exists():
            raise ValidationError(
                _("This topic has sub-topics, so it stays a field; move or merge them first."), code="has_children"
            )
        return parent

    def save(self, commit: bool = True) -> Topic:
        topic: Topic = super().save(commit=False)
        if not topic.slug:
            topic.slug = unique_slug(topic.name)
        if commit:
            topic.save()
        return topic


class MergeForm(Form):
    """Choose the topic that takes over all entries of ``topic``."""

    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Topic.objects.none(),
        help_text=_("All entries of this topic move to the chosen one; the old address forwards to it."),
    )

    def __init__(self, *args: Any, topic: Topic, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topic = topic
        target = self.fields["target"]
        assert isinstance(target, forms.ModelChoiceField)
        # Any topic is accepted here so that Topic.merge_into can say why a choice is wrong
        # ("into itself", "into a retired topic"); the list offers only the sensible ones.
        target.queryset = Topic.objects.select_related("parent")
        offered = Topic.objects.active().exclude(pk=topic.pk).select_related("parent")
        choices = sorted(((t.pk, _label(t)) for t in offered), key=lambda choice: choice[1].casefold())
        target.widget.choices = [("", target.empty_label), *choices]

    def clean_target(self) -> Topic:
        target: Topic = self.cleaned_data["target"]
        if self.topic.children.filter(pk=target.pk).exists():
            raise ValidationError(_("A field cannot be merged into one of its own sub-topics."), code="own_subtopic")
        return target
