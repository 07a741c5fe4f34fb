"""The Django admin: where curators browse and correct the machine's work."""

from django.contrib import admin
from django.db.models import Count

from timeline.models import Actor, ActorAlias, Article, Event, Resolution


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1
    fields = ["name", "valid_from", "valid_to"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "kind", "iso3", "event_count", "is_auto_created"]
    list_filter = ["kind", "is_auto_created"]
    search_fields = ["name", "short_name", "slug", "iso3", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_count=Count("events", distinct=True))

    @admin.display(description="events", ordering="event_count")
    def event_count(self, actor: Actor) -> int:
        return actor.event_count


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "actor", "valid_from", "valid_to"]
    list_select_related = ["actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["symbol", "body", "number", "year", "adopted_on", "vote", "agenda"]
    list_filter = ["body", "year", "is_auto_created"]
    search_fields = ["symbol", "=number", "agenda"]
    date_hierarchy = "adopted_on"


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["date_start", "date_end", "date_precision", "title", "kind", "is_curated", "is_rejected"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "published_on", "source_name", "loaded_at"]
    search_fields = ["title", "source_name", "body"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["actors", "resolutions"]
    readonly_fields = ["content_hash", "extractor_version", "loaded_at", "updated_at"]
    inlines = [EventInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["date_start", "date_end", "date_precision", "title", "kind", "article", "is_curated", "is_rejected"]
    list_filter = ["kind", "date_precision", "is_curated", "is_rejected", "actors__kind"]
    list_select_related = ["article"]
    search_fields = ["title", "summary", "quote", "actors__name"]
    date_hierarchy = "date_start"
    autocomplete_fields = ["actors", "resolutions", "article"]
    readonly_fields = ["fingerprint", "created_at", "updated_at"]
