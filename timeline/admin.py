"""The Django admin: where curators browse and correct the machine's work.

Every change a curator makes goes through the services (``timeline/services/``: ``events.py``, ``mentions.py``,
``actors.py``, ``resolutions.py``, ``articles.py``), never through the admin's default ``save()`` and
``delete()``: each admin names its service in ``ServiceAdminMixin``'s hooks, for its own form, its inlines and
its deletes. So the rules "a curated event survives reloads" and "a merge moves everything in one transaction"
live in one place. Changelists declare their joins and prefetches so that a page costs a fixed number of
queries whatever its length.
"""

from __future__ import annotations

import datetime as dt
import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from timeline.choices import ActorKind
from timeline.display import event_date
from timeline.highlights import quote_in_context
from timeline.inputs import ascii_int
from timeline.models import Actor, ActorAlias, Article, Event, Mention, Resolution
from timeline.selectors.events import EVENT_DATE_FIELDS, EVENT_QUOTE_FIELDS, EVENT_RELATION_FIELDS, EVENT_TEXT_FIELDS
from timeline.services.actors import (
    actor_alias_update,
    actor_aliases_delete,
    actor_merge,
    actor_update,
    actors_delete,
    actors_make_alias_of,
)
from timeline.services.articles import article_update, articles_delete
from timeline.services.events import (
    event_save_curated,
    events_delete,
    events_mark_curated,
    events_reject,
    events_restore,
)
from timeline.services.mentions import events_merge, mention_split
from timeline.services.resolutions import resolution_update, resolutions_delete

logger = logging.getLogger(__name__)


def form_changes(form: forms.ModelForm) -> dict:
    """The fields the curator changed in a model form, many-to-many ones included, as the service's ``data``."""
    return {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}


class ServiceAdminMixin:
    """Saves and deletes through services: the form's object with its many-to-many fields (``service_save``),
    the rows of each inline (``inline_services``: the child model's save and delete) and deletes, single or bulk
    (``service_delete``). Django's own ``save()``, ``save_m2m()`` and ``delete()`` are never called. The admin's
    add, change and delete views run in one transaction, so an object and its inline rows are saved together."""

    # {inline model: (save(instance), delete(instances))}
    inline_services: dict = {}

    def service_save(self, request: HttpRequest, obj, data: dict) -> None:
        raise NotImplementedError

    def service_delete(self, request: HttpRequest, objs) -> None:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        self.service_save(request, obj, form_changes(form))

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # The form's many-to-many fields were saved with the object by the service (save_model).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        save, delete = self.inline_services[formset.model]
        instances = formset.save(commit=False)
        if formset.deleted_objects:
            delete(formset.deleted_objects)
        for instance in instances:
            save(instance)
        formset.save_m2m()  # the inlines' own many-to-many fields (none of ours has one)

    def delete_model(self, request: HttpRequest, obj) -> None:
        self.service_delete(request, [obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        self.service_delete(request, queryset)


# ---------------------------------------------------------------------------------------------------- actors
class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1
    fields = ["name", "valid_from", "valid_to"]


class ActorMergeForm(forms.Form):
    """Choose, among the selected actors, the one that stays."""

    keep = forms.ModelChoiceField(
        queryset=Actor.objects.none(), widget=forms.RadioSelect, label="Keep this actor", empty_label=None
    )

    def __init__(self, *args, actors: QuerySet[Actor], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = actors
        self.fields["keep"].label_from_instance = self.label_for

    @staticmethod
    def label_for(actor: Actor) -> str:
        origin = "auto-created" if actor.is_auto_created else "reference"
        events = getattr(actor, "event_count", None)
        counted = f", {events} event{'s' if events != 1 else ''}" if events is not None else ""
        return f"{actor.name} ({actor.slug}) — {actor.get_kind_display()}, {origin}{counted}"


class ActorAliasToForm(forms.Form):
    """Choose the existing actor that an auto-created actor really is."""

    alias_name = forms.CharField(
        max_length=200,
        required=False,
        label="Also add this alias",
        help_text="Optional: another spelling to add to the existing actor. The selected actors' own names "
        "become its aliases anyway.",
    )

    def __init__(self, *args, admin_site: admin.AdminSite, selected: list[Actor], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.selected = selected
        # Built here, not declared: the autocomplete widget needs the admin site; declared first in the form.
        self.fields = {"target": None, **self.fields}
        self.fields["target"] = forms.ModelChoiceField(
            queryset=Actor.objects.all(),
            label="Existing actor",
            widget=AutocompleteSelect(ActorAlias._meta.get_field("actor"), admin_site),
        )

    def clean_target(self) -> Actor:
        target = self.cleaned_data["target"]
        if target.pk in {actor.pk for actor in self.selected}:
            raise ValidationError("Choose an actor that is not among the selected ones.")
        return target


@admin.register(Actor)
class ActorAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "kind", "iso3", "event_count", "alias_list", "is_auto_created"]
    list_filter = ["kind", "is_auto_created"]
    search_fields = ["name", "short_name", "slug", "iso3", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline]
    actions = ["merge_actors", "make_alias_of_existing"]
    list_per_page = 100
    inline_services = {
        ActorAlias: (
            lambda alias: actor_alias_update(alias=alias, data={}),
            lambda aliases: actor_aliases_delete(aliases=aliases),
        )
    }

    def service_save(self, request: HttpRequest, obj: Actor, data: dict) -> None:
        actor_update(actor=obj, data=data)

    def service_delete(self, request: HttpRequest, objs) -> None:
        actors_delete(actors=objs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Actor]:
        return (
            super()
            .get_queryset(request)
            .annotate(event_count=Count("events", distinct=True))
            .prefetch_related(Prefetch("aliases", queryset=ActorAlias.objects.order_by("name", "id")))
            .order_by(*Actor._meta.ordering)  # Meta.ordering does not apply to a GROUP BY query
        )

    @admin.display(description="events", ordering="event_count")
    def event_count(self, actor: Actor) -> int:
        return actor.event_count

    @admin.display(description="aliases")
    def alias_list(self, actor: Actor) -> str:
        return Truncator(", ".join(alias.name for alias in actor.aliases.all())).chars(80)

    def _action_context(self, request: HttpRequest, queryset: QuerySet[Actor], **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            **extra,
        }

    @admin.action(description="Merge selected duplicate actors…", permissions=["change", "delete"])
    def merge_actors(self, request: HttpRequest, queryset: QuerySet[Actor]) -> TemplateResponse | None:
        """Ask which of the selected actors stays, then move everything of the others to it."""
        queryset = queryset.order_by("is_auto_created", "-event_count", "name", "id")
        actors = list(queryset)
        if len(actors) < 2:
            self.message_user(request, "Select at least two actors to merge.", messages.WARNING)
            return None
        if request.POST.get("post") == "yes":
            form = ActorMergeForm(request.POST, actors=queryset)
            if form.is_valid():
                keep = form.cleaned_data["keep"]
                merged = [actor for actor in actors if actor.pk != keep.pk]
                actor_merge(keep=keep, merge=merged)
                self.message_user(
                    request,
                    f"Merged {', '.join(actor.name for actor in merged)} into {keep.name}.",
                    messages.SUCCESS,
                )
                return None
        else:
            form = ActorMergeForm(actors=queryset, initial={"keep": actors[0].pk})
        return TemplateResponse(
            request,
            "admin/timeline/actor/merge_confirmation.html",
            self._action_context(request, queryset, title="Merge duplicate actors", form=form, actors=actors),
        )

    @admin.action(description="Make alias of an existing actor…", permissions=["change", "delete"])
    def make_alias_of_existing(self, request: HttpRequest, queryset: QuerySet[Actor]) -> TemplateResponse | None:
        """An auto-created actor ("Foreign Minister Wang Yi") is really an existing one: its name becomes an
        alias of the existing actor, its events and articles move there, and it is deleted."""
        actors = list(queryset.order_by("name", "id"))
        reference = [actor.name for actor in actors if not actor.is_auto_created]
        if reference:
            self.message_user(
                request,
                f"Only auto-created actors can become aliases; {', '.join(reference)} "
                "came from the reference data. Use “Merge selected duplicate actors” instead.",
                messages.ERROR,
            )
            return None
        if request.POST.get("post") == "yes":
            form = ActorAliasToForm(request.POST, admin_site=self.admin_site, selected=actors)
            if form.is_valid():
                target = form.cleaned_data["target"]
                try:
                    actors_make_alias_of(target=target, actors=actors, alias_name=form.cleaned_data["alias_name"])
                except ValidationError as error:
                    form.add_error("alias_name", error)
                else:
                    names = ", ".join(actor.name for actor in actors)
                    self.message_user(
                        request,
                        f"{names} {'is now an alias' if len(actors) == 1 else 'are now aliases'} of {target.name}; "
                        f"{'its' if len(actors) == 1 else 'their'} events moved there.",
                        messages.SUCCESS,
                    )
                    return None
        else:
            form = ActorAliasToForm(admin_site=self.admin_site, selected=actors)
        return TemplateResponse(
            request,
            "admin/timeline/actor/alias_form.html",
            self._action_context(
                request,
                queryset,
                title="Make alias of an existing actor",
                form=form,
                actors=actors,
                media=self.media + form.media,
            ),
        )


@admin.register(ActorAlias)
class ActorAliasAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["name", "actor", "valid_from", "valid_to"]
    list_select_related = ["actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]

    def service_save(self, request: HttpRequest, obj: ActorAlias, data: dict) -> None:
        actor_alias_update(alias=obj, data=data)

    def service_delete(self, request: HttpRequest, objs) -> None:
        actor_aliases_delete(aliases=objs)


# ----------------------------------------------------------------------------------------------- resolutions
@admin.register(Resolution)
class ResolutionAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["symbol", "body", "number", "year", "adopted_on", "vote", "short_agenda", "event_count"]
    list_filter = ["body", "year", "is_auto_created"]
    search_fields = ["symbol", "=number", "agenda"]
    date_hierarchy = "adopted_on"
    list_per_page = 100

    def service_save(self, request: HttpRequest, obj: Resolution, data: dict) -> None:
        resolution_update(resolution=obj, data=data)

    def service_delete(self, request: HttpRequest, objs) -> None:
        resolutions_delete(resolutions=objs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Resolution]:
        return (
            super()
            .get_queryset(request)
            .annotate(event_count=Count("events", distinct=True))
            .order_by(*Resolution._meta.ordering)
        )

    @admin.display(description="agenda", ordering="agenda")
    def short_agenda(self, resolution: Resolution) -> str:
        return Truncator(resolution.agenda).chars(70)

    @admin.display(description="events", ordering="event_count")
    def event_count(self, resolution: Resolution) -> int:
        return resolution.event_count


# ---------------------------------------------------------------------------------------------------- events
class EventYearFilter(admin.SimpleListFilter):
    """Events whose interval overlaps the year (so "1950–1953" is listed under 1951 too). The years offered are
    those in which events start (one query); any year works in the URL."""

    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(day.year), str(day.year)) for day in Event.objects.dates("date_start", "year", order="DESC")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        year = ascii_int(self.value(), maximum=9999)
        if not year:
            return queryset.none()
        return queryset.filter(date_start__lte=dt.date(year, 12, 31), date_end__gte=dt.date(year, 1, 1))


class EventActorKindFilter(admin.SimpleListFilter):
    """Events involving at least one actor of the kind (an EXISTS, so no duplicate rows)."""

    title = "actor kind"
    parameter_name = "actor_kind"

    def lookups(self, request, model_admin):
        return ActorKind.choices

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        links = Event.actors.through.objects.filter(event_id=OuterRef("pk"), actor__kind=self.value())
        return queryset.filter(Exists(links))


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        # Every editable field, listed so that a new model field is a decision here.
        fields = [
            *EVENT_TEXT_FIELDS,
            "article",
            *EVENT_DATE_FIELDS,
            *EVENT_QUOTE_FIELDS,
            *EVENT_RELATION_FIELDS,
            "is_main",
            "is_curated",
            "is_rejected",
        ]
        widgets = {"title": forms.TextInput(attrs={"size": 90}), "summary": forms.Textarea(attrs={"rows": 3})}


@admin.register(Event)
class EventAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = EventAdminForm
    list_display = ["date", "title", "kind", "actor_list", "article_link", "is_curated", "is_rejected"]
    list_display_links = ["title"]
    list_filter = [
        "kind",
        "date_precision",
        "is_curated",
        "is_rejected",
        EventActorKindFilter,
        EventYearFilter,
    ]
    list_select_related = ["article"]
    list_per_page = 100
    search_fields = ["title", "summary", "quote", "actors__name", "actors__short_name"]
    date_hierarchy = "date_start"
    autocomplete_fields = ["actors", "resolutions", "article"]
    readonly_fields = ["quote_in_context", "mention_count", "reports_link", "created_at", "updated_at"]
    actions = ["mark_curated", "reject", "restore", "merge_events"]
    fieldsets = [
        (None, {"fields": ["title", "summary", "kind", "article"]}),
        ("When", {"fields": [("date_start", "date_end"), "date_precision", "date_text"]}),
        ("Evidence", {"fields": ["quote_in_context", "quote", ("quote_start", "quote_end")]}),
        ("Who and which resolutions", {"fields": ["actors", "resolutions"]}),
        (
            "Review",
            {
                "fields": [
                    "is_curated",
                    "is_rejected",
                    "is_main",
                    ("mention_count", "reports_link"),
                    "created_at",
                    "updated_at",
                ],
                "description": "Saving this form marks the event curated: later reloads of its article keep it.",
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("actors", queryset=Actor.objects.order_by("name", "id")))
        )

    @admin.display(description="date", ordering="date_start")
    def date(self, event: Event) -> str:
        return event_date(event)

    @admin.display(description="actors")
    def actor_list(self, event: Event) -> str:
        return ", ".join(actor.label for actor in event.actors.all())

    @admin.display(description="article", ordering="article__published_on")
    def article_link(self, event: Event) -> str:
        url = reverse("admin:timeline_article_change", args=[event.article_id])
        return format_html('<a href="{}">{}</a>', url, Truncator(event.article.title).chars(60))

    @admin.display(description="reports")
    def reports_link(self, event: Event) -> str:
        if event.pk is None:
            return "—"
        url = f"{reverse('admin:timeline_mention_changelist')}?event__id__exact={event.pk}"
        return format_html('<a href="{}">Split off a report that is another happening</a>', url)

    @admin.display(description="source quote in context")
    def quote_in_context(self, event: Event) -> str:
        if event.pk is None:
            return "—"
        return format_html(
            '<div class="readonly quote-context" style="max-width: 60em; line-height: 1.5">{}</div>',
            quote_in_context(
                body=event.article.body,
                quote=event.quote,
                quote_start=event.quote_start,
                quote_end=event.quote_end,
            ),
        )

    def service_save(self, request: HttpRequest, obj: Event, data: dict) -> None:
        relations = {name: data[name] for name in EVENT_RELATION_FIELDS if name in data}
        event_save_curated(event=obj, relations=relations)

    def service_delete(self, request: HttpRequest, objs) -> None:
        events_delete(events=objs)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        formset.save(commit=False)  # the mention inline is read-only: nothing to write, only the change message

    @admin.action(description="Mark selected events reviewed (curated)", permissions=["change"])
    def mark_curated(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        count = events_mark_curated(events=queryset)
        self.message_user(request, f"Marked {count} event{'s' if count != 1 else ''} curated.", messages.SUCCESS)

    @admin.action(description="Reject selected events (hide from readers)", permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        count = events_reject(events=queryset)
        self.message_user(
            request,
            f"Rejected {count} event{'s' if count != 1 else ''}; they are hidden from the API and the timeline.",
            messages.SUCCESS,
        )

    @admin.action(description="Restore selected rejected events", permissions=["change"])
    def restore(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        count = events_restore(events=queryset)
        self.message_user(request, f"Restored {count} event{'s' if count != 1 else ''}.", messages.SUCCESS)

    @admin.action(description="Merge selected events (one happening)", permissions=["change", "delete"])
    def merge_events(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        events = list(queryset.order_by("id"))
        if len(events) < 2:
            self.message_user(request, "Select at least two events to merge.", messages.WARNING)
            return
        # The one a curator already owns, else the best reported one, else the oldest, keeps its id.
        target = min(events, key=lambda event: (not event.is_curated, -event.mention_count, event.pk))
        merged = events_merge(target=target, others=[event for event in events if event.pk != target.pk])
        self.message_user(
            request,
            format_html(
                'Merged {} events into <a href="{}">{}</a>, now reported in {} articles; reloads keep it so.',
                len(events),
                reverse("admin:timeline_event_change", args=[merged.pk]),
                merged.title,
                merged.mention_count,
            ),
            messages.SUCCESS,
        )

    def get_inlines(self, request, obj):
        return [MentionInline] if obj is not None else []


class MentionInline(admin.TabularInline):
    """The articles that report the event, each with its own words and date; split one off from its page."""

    model = Mention
    extra = 0
    can_delete = False
    fields = ["article", "date_text", "date_start", "date_end", "quote", "merge_rule", "merge_score"]
    readonly_fields = fields
    show_change_link = True
    ordering = ["article__published_on", "article_id", "id"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    """One article's report of a happening. Curators read why it was merged and split it off when it is wrong."""

    list_display = ["article", "date_text", "date_start", "kind", "event", "merge_rule", "merge_score"]
    list_filter = ["merge_rule", "kind", "is_main"]
    list_select_related = ["article", "event"]
    search_fields = ["quote", "title", "article__title"]
    readonly_fields = [field.name for field in Mention._meta.fields] + ["actors", "resolutions"]
    actions = ["split_off"]

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Mention, form, change: bool) -> None:
        """Every field is read-only: a mention changes only by a reload, a merge or a split (services.mentions)."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        """Nothing to save: see ``save_model``."""

    def has_delete_permission(self, request, obj=None) -> bool:
        # A mention goes when its article no longer reports the happening: re-extract the article instead.
        return False

    @admin.action(description="Split selected mentions off into events of their own", permissions=["change"])
    def split_off(self, request: HttpRequest, queryset: QuerySet[Mention]) -> None:
        split, alone = 0, 0
        for mention in queryset.order_by("id"):
            try:
                mention_split(mention=mention)
            except ValueError:
                alone += 1
            else:
                split += 1
        if split:
            self.message_user(
                request, f"Split {split} mention{'s' if split != 1 else ''} off into curated events.", messages.SUCCESS
            )
        if alone:
            self.message_user(
                request,
                f"{alone} mention{'s were' if alone != 1 else ' was'} the only report of its event: nothing to split.",
                messages.WARNING,
            )


# -------------------------------------------------------------------------------------------------- articles
class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["date", "date_start", "date_end", "date_precision", "title", "kind", "is_curated", "is_rejected"]
    readonly_fields = ["date"]
    show_change_link = True
    ordering = ["date_start", "id"]

    @admin.display(description="date")
    def date(self, event: Event) -> str:
        return event_date(event) if event.pk else "—"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "title":
            formfield.widget.attrs["size"] = 50
        return formfield


def _reextract(article: Article) -> tuple[bool, str]:
    """Run the ingest service's re-extraction; returns (ok, message). Imported lazily: it pulls in extraction."""
    from timeline.services.ingest import article_reextract

    try:
        result = article_reextract(article=article)
    except Exception as error:  # the admin reports any failure instead of answering 500
        logger.exception("re-extracting article %s failed", article.pk)
        return False, f"{article.title}: re-extraction failed ({error})."
    outcome = str(getattr(result, "outcome", "done"))
    if outcome == "failed":
        return False, f"{article.title}: re-extraction failed: {getattr(result, 'reason', 'unknown reason')}."
    detail = ", ".join(
        f"{getattr(result, name)} {label}"
        for name, label in [
            ("events_created", "events created"),
            ("events_deleted", "removed"),
            ("events_kept", "curated or rejected kept"),
        ]
        if hasattr(result, name)
    )
    return True, f"{article.title}: {outcome}" + (f" ({detail})." if detail else ".")


@admin.register(Article)
class ArticleAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["title", "published_on", "source_name", "event_count", "loaded_at"]
    search_fields = ["title", "source_name", "body"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["actors", "resolutions"]
    readonly_fields = ["content_hash", "extractor_version", "loaded_at", "updated_at", "reader_page"]
    fields = [
        "title",
        "published_on",
        "dateline_text",
        "source_name",
        "reader_page",
        "body",
        "actors",
        "resolutions",
        "content_hash",
        "extractor_version",
        "loaded_at",
        "updated_at",
    ]
    inlines = [EventInline]
    actions = ["reextract_articles"]
    list_per_page = 100
    # Events edited in the inline are curator edits too; "delete" there rejects, because a deleted row would come
    # back with the next re-extraction.
    inline_services = {
        Event: (lambda event: event_save_curated(event=event), lambda events: events_reject(events=events)),
    }

    def service_save(self, request: HttpRequest, obj: Article, data: dict) -> None:
        article_update(article=obj, data=data)

    def service_delete(self, request: HttpRequest, objs) -> None:
        articles_delete(articles=objs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return (
            super()
            .get_queryset(request)
            .annotate(event_count=Count("events", distinct=True))
            .order_by(*Article._meta.ordering)
        )

    @admin.display(description="events", ordering="event_count")
    def event_count(self, article: Article) -> int:
        return article.event_count

    @admin.display(description="reader's page")
    def reader_page(self, article: Article) -> str:
        if article.pk is None:
            return "—"
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), "Text with extracted dates and actors")

    def get_urls(self):
        return [
            path(
                "<path:object_id>/reextract/",
                self.admin_site.admin_view(self.reextract_view),
                name="timeline_article_reextract",
            ),
            *super().get_urls(),
        ]

    def reextract_view(self, request: HttpRequest, object_id: str) -> HttpResponseRedirect:
        """The change page's "Re-extract this article" button (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        ok, message = _reextract(article)
        self.message_user(request, message, messages.SUCCESS if ok else messages.ERROR)
        return HttpResponseRedirect(reverse("admin:timeline_article_change", args=[article.pk]))

    @admin.action(
        description="Re-extract selected articles (keeps curated and rejected events)", permissions=["change"]
    )
    def reextract_articles(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            ok, message = _reextract(article)
            self.message_user(request, message, messages.SUCCESS if ok else messages.ERROR)
