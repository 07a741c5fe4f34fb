"""The timeline's records: articles, the events they report, the actors involved and the resolutions cited."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from timeline.choices import ActorKind, DatePrecision, EventKind, ResolutionBody


class ActorManager(models.Manager):
    def get_by_natural_key(self, slug: str) -> "Actor":
        return self.get(slug=slug)


class Actor(models.Model):
    """A person, state, organisation, UN body or group that takes part in events.

    Reference actors come from ``fixtures/actors.json``; loadseeds may add people it finds named with a title
    ("Foreign Minister Wang Yi"), flagged ``is_auto_created`` so curators can review them.
    """

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True, help_text='The label for chips and tables, e.g. "DPRK".')
    kind = models.CharField(max_length=20, choices=ActorKind.choices, db_index=True)
    iso3 = models.CharField(
        "ISO 3166 alpha-3", max_length=3, unique=True, null=True, blank=True, help_text="States only."
    )
    description = models.TextField(blank=True)
    is_auto_created = models.BooleanField(
        default=False, db_index=True, help_text="Created by loadseeds from a titled name; needs a curator's review."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ActorManager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso3__isnull=True) | Q(kind=ActorKind.STATE), name="actor_iso3_only_for_states"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("api:actor-detail", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class ActorAliasManager(models.Manager):
    def get_by_natural_key(self, name: str, valid_from: str | None) -> "ActorAlias":
        return self.get(name__iexact=name, valid_from=valid_from)


class ActorAlias(models.Model):
    """Another name of an actor ("DPRK", "North Korea"), matched case-insensitively in article text.

    A role title ("the Secretary-General", "UN chief") is an alias bounded in time by ``valid_from`` and
    ``valid_to``: it names whoever held the office on the article's date. A name is unique, ignoring case,
    among the unbounded aliases, and among the bounded ones that start on the same day.
    """

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    valid_from = models.DateField(null=True, blank=True, help_text="For role titles: first day in office.")
    valid_to = models.DateField(null=True, blank=True, help_text="For role titles: last day in office.")

    objects = ActorAliasManager()

    class Meta:
        verbose_name_plural = "actor aliases"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), condition=Q(valid_from__isnull=True), name="actoralias_unique_name_ci"
            ),
            models.UniqueConstraint(
                Lower("name"), "valid_from", condition=Q(valid_from__isnull=False), name="actoralias_unique_role_ci"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="actoralias_valid_interval",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="actoralias_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str, str | None]:
        return (self.name, self.valid_from.isoformat() if self.valid_from else None)

    natural_key.dependencies = ["timeline.actor"]


class ResolutionManager(models.Manager):
    def get_by_natural_key(self, symbol: str) -> "Resolution":
        return self.get(symbol=symbol)


class Resolution(models.Model):
    """A United Nations resolution, identified by its symbol ("S/RES/2371 (2017)").

    Security Council resolutions 1-2640 come from ``fixtures/resolutions.json``; a citation of an unknown one
    creates a record flagged ``is_auto_created``.
    """

    body = models.CharField(max_length=10, choices=ResolutionBody.choices, default=ResolutionBody.SECURITY_COUNCIL)
    number = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    symbol = models.CharField(max_length=50, unique=True)
    adopted_on = models.DateField(null=True, blank=True)
    agenda = models.TextField(blank=True, help_text="The agenda item under which it was adopted.")
    vote = models.CharField(max_length=100, blank=True, help_text='Yes-no-abstain, e.g. "15-0-0", or a note.')
    meeting_record = models.CharField(max_length=50, blank=True)
    is_auto_created = models.BooleanField(default=False)

    objects = ResolutionManager()

    class Meta:
        ordering = ["body", "number", "id"]
        constraints = [
            # Security Council numbers run on for ever; General Assembly numbers restart every session
            # (A/RES/71/1, A/RES/72/1), where the symbol alone identifies a resolution.
            models.UniqueConstraint(
                fields=["body", "number"], condition=Q(body="S"), name="resolution_unique_council_number"
            ),
        ]

    def __str__(self) -> str:
        return self.symbol

    def natural_key(self) -> tuple[str]:
        return (self.symbol,)


class ArticleManager(models.Manager):
    def get_by_natural_key(self, source_name: str) -> "Article":
        return self.get(source_name=source_name)


class Article(models.Model):
    """One news article loaded from ``seeds/``; its ``body`` is the cleaned text that quote offsets refer to."""

    source_name = models.CharField(max_length=255, unique=True, help_text="The seed file's name.")
    source_path = models.CharField(
        max_length=1000,
        blank=True,
        db_default="",  # bulk writers (generate_synthetic's COPY) leave it out
        help_text="Where loadseeds last read it; re-extraction reads it there again.",
    )
    title = models.CharField(max_length=500)
    published_on = models.DateField(db_index=True)
    dateline_text = models.CharField(max_length=100, blank=True)
    body = models.TextField()
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the raw file.")
    extractor_version = models.CharField(max_length=20, blank=True)
    actors = models.ManyToManyField(Actor, related_name="articles", blank=True)
    resolutions = models.ManyToManyField(Resolution, related_name="articles", blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_on", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("article-page", kwargs={"pk": self.pk})

    def natural_key(self) -> tuple[str]:
        return (self.source_name,)


class EventQuerySet(models.QuerySet):
    def visible(self) -> "EventQuerySet":
        """Events a reader may see: rejected ones stay in the database for curators only."""
        return self.filter(is_rejected=False)

    def with_related(self) -> "EventQuerySet":
        """Everything an event's serializer reads, in a fixed number of queries."""
        return self.select_related("article").prefetch_related(
            models.Prefetch("actors", queryset=Actor.objects.order_by("name", "id")),
            models.Prefetch("resolutions", queryset=Resolution.objects.order_by("body", "number", "id")),
            models.Prefetch(
                "mentions",
                queryset=Mention.objects.select_related("article").order_by(
                    "article__published_on", "article_id", "id"
                ),
            ),
        )


class LocatedModel(models.Model):
    """Where a happening took place, as its text says: a country (ISO3) and optionally a place with coordinates."""

    location_country = models.CharField(max_length=3, blank=True, db_index=True, help_text="ISO3; empty: unknown.")
    location_place = models.CharField(max_length=200, blank=True, help_text="City or site, as GeoNames names it.")
    location_lat = models.FloatField(null=True, blank=True)
    location_lon = models.FloatField(null=True, blank=True)
    location_precision = models.CharField(
        max_length=10, blank=True, choices=[("place", "Place"), ("country", "Country")]
    )

    class Meta:
        abstract = True


class Event(LocatedModel):
    """A happening, reported by one or more articles (its ``mentions``).

    Dates are an inclusive interval with a precision; ``date_text`` keeps the words they came from. A machine
    event's date is the most precise date its mentions agree on, its actors and resolutions are the union of
    theirs, and ``article``, ``quote``, ``quote_start`` and ``quote_end`` are those of its primary mention
    (``timeline.services.mentions`` keeps all of this). Events a curator edited (``is_curated``) or rejected
    (``is_rejected``) survive every reload: they may gain mentions, but their fields never change.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.OTHER, db_index=True)
    date_start = models.DateField()
    date_end = models.DateField()
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices, db_index=True)
    date_text = models.CharField(max_length=200, blank=True, help_text="The words the date came from.")
    quote = models.TextField(blank=True, help_text="The sentence that reports the event.")
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    quote_end = models.PositiveIntegerField(null=True, blank=True)
    is_main = models.BooleanField(default=False, help_text="The event the article reports, dated by its dateline.")
    is_curated = models.BooleanField(default=False, db_index=True, help_text="Edited by a curator; reloads keep it.")
    is_rejected = models.BooleanField(default=False, db_index=True, help_text="Hidden from readers; reloads keep it.")
    mention_count = models.PositiveIntegerField(default=0, help_text="How many article reports it has.")
    actors = models.ManyToManyField(Actor, related_name="events", blank=True)
    resolutions = models.ManyToManyField(Resolution, related_name="events", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date_start", "id"]
        indexes = [
            models.Index(fields=["date_start", "id", "date_end"], name="event_date_start_id_end"),
            models.Index(fields=["date_end"], name="event_date_end"),
            models.Index(fields=["updated_at"], name="event_updated_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(date_start__lte=models.F("date_end")), name="event_date_interval"),
            models.CheckConstraint(
                condition=Q(quote_start__isnull=True)
                | Q(quote_end__isnull=True)
                | Q(quote_start__lte=models.F("quote_end")),
                name="event_quote_span",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_start}: {self.title}"

    def get_absolute_url(self) -> str:
        """The reader's view: the event highlighted in its article ("View on site" in the admin)."""
        return f"{reverse('article-page', kwargs={'pk': self.article_id})}#event-{self.pk}"


class Mention(LocatedModel):
    """One article's report of a happening: the sentence that says so, and the date as that article gives it.

    ``quote`` is ``article.body[quote_start:quote_end]``. ``fingerprint`` identifies a machine-extracted mention
    within its article (its sentence and date words, not its offsets), so a reload updates the mention in place:
    it stays with the event it was merged into, curated, rejected, merged or split by a curator.
    ``merge_rule`` and ``merge_score`` say why the mention joined an event that another article had already
    reported (empty for the mention that founded its event), so a curator can judge the merge.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="mentions")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    quote = models.TextField(blank=True, help_text="The sentence that reports the happening.")
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    quote_end = models.PositiveIntegerField(null=True, blank=True)
    date_start = models.DateField()
    date_end = models.DateField()
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices)
    date_text = models.CharField(max_length=200, blank=True, help_text="The words the date came from.")
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.OTHER)
    trigger = models.CharField(max_length=40, blank=True, help_text="The word that says what happened, as a lemma.")
    title = models.CharField(max_length=300, blank=True, help_text="The headline this article's words give.")
    summary = models.TextField(blank=True)
    is_main = models.BooleanField(default=False, help_text="The happening the article reports (its dateline's).")
    fingerprint = models.CharField(max_length=64)
    merge_rule = models.CharField(max_length=40, blank=True, help_text="Why it joined an existing event.")
    merge_score = models.FloatField(null=True, blank=True)
    actors = models.ManyToManyField(Actor, related_name="mentions", blank=True)
    resolutions = models.ManyToManyField(Resolution, related_name="mentions", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["date_start", "date_end"], name="mention_date_start_end"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(date_start__lte=models.F("date_end")), name="mention_date_interval"),
            models.CheckConstraint(
                condition=Q(quote_start__isnull=True)
                | Q(quote_end__isnull=True)
                | Q(quote_start__lte=models.F("quote_end")),
                name="mention_quote_span",
            ),
            models.UniqueConstraint(fields=["article", "fingerprint"], name="mention_unique_fingerprint"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.quote[:60]}"
