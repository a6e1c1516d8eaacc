from django.urls import path

from . import views, views_strategy

app_name = "topics"
urlpatterns = [
    path("themen/", views.topic_list, name="topic_list"),
    path("themen/neu/", views.topic_create, name="topic_create"),
    path("themen/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("themen/<slug:slug>/bearbeiten/", views.topic_edit, name="topic_edit"),
    path("themen/<slug:slug>/zusammenfuehren/", views.topic_merge, name="topic_merge"),
    path("themen/<slug:slug>/stilllegen/", views.topic_retire, name="topic_retire"),
    path("themen/<slug:slug>/reaktivieren/", views.topic_reactivate, name="topic_reactivate"),
    # the district strategy (views_strategy)
    path("strategie/", views_strategy.strategy_current, name="strategy_current"),
    path("strategie/neu/", views_strategy.strategy_create, name="strategy_create"),
    path("strategie/handlungsfelder/<int:pk>/bearbeiten/", views_strategy.field_edit, name="field_edit"),
    path("strategie/handlungsfelder/<int:pk>/loeschen/", views_strategy.field_delete, name="field_delete"),
    path(
        "strategie/handlungsfelder/<int:pk>/leitgedanken/neu/",
        views_strategy.principle_create,
        name="principle_create",
    ),
    path("strategie/leitgedanken/<int:pk>/bearbeiten/", views_strategy.principle_edit, name="principle_edit"),
    path("strategie/leitgedanken/<int:pk>/loeschen/", views_strategy.principle_delete, name="principle_delete"),
    path("strategie/<slug:slug>/", views_strategy.strategy_detail, name="strategy_detail"),
    path("strategie/<slug:slug>/bearbeiten/", views_strategy.strategy_edit, name="strategy_edit"),
    path("strategie/<slug:slug>/handlungsfelder/neu/", views_strategy.field_create, name="field_create"),
]
