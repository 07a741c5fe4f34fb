"""factory_boy factories for the timeline's models; shared by every test module.

The test database already holds the reference actors and resolutions (migration 0002), so factories make new
rows with slugs and numbers that cannot collide with them (``test-actor-N``, resolution numbers from 900000).
"""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from timeline.choices import ActorKind, DatePrecision, EventKind, ResolutionBody
from timeline.models import Actor, ActorAlias, Article, Event, Mention, Resolution


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    source_name = factory.Sequence(lambda n: f"test-article-{n}.txt")
    title = factory.Sequence(lambda n: f"Test article {n}")
    published_on = dt.date(2017, 8, 16)
    dateline_text = "16 August 2017"
    body = factory.LazyAttribute(lambda article: f"{article.title}. The Security Council met today.")
    content_hash = factory.Sequence(lambda n: f"{n:064x}")


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-actor-{n}")
    name = factory.Sequence(lambda n: f"Test Actor {n}")
    kind = ActorKind.ORGANIZATION


class ActorAliasFactory(DjangoModelFactory):
    class Meta:
        model = ActorAlias

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Test alias {n}")


class ResolutionFactory(DjangoModelFactory):
    class Meta:
        model = Resolution

    body = ResolutionBody.SECURITY_COUNCIL
    number = factory.Sequence(lambda n: 900000 + n)
    year = 2030
    symbol = factory.LazyAttribute(lambda resolution: f"S/RES/{resolution.number} ({resolution.year})")
    adopted_on = factory.LazyAttribute(lambda resolution: dt.date(resolution.year, 1, 15))
    agenda = "Test agenda"


class EventFactory(DjangoModelFactory):
    """An event of one day (16 August 2017 unless told); ``actors=[...]`` and ``resolutions=[...]`` link rows."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    title = factory.Sequence(lambda n: f"Test event {n}")
    summary = "What happened."
    kind = EventKind.STATEMENT
    date_start = dt.date(2017, 8, 16)
    date_end = factory.LazyAttribute(lambda event: event.date_start)
    date_precision = DatePrecision.DAY
    date_text = "16 August 2017"
    quote = factory.LazyAttribute(lambda event: f"{event.title} happened.")
    quote_start = 0
    quote_end = factory.LazyAttribute(lambda event: len(event.quote))
    mention_count = 1

    @factory.post_generation
    def mention(self, create, extracted, **kwargs):
        """Every event is reported somewhere: one mention in its own article (``mention=False`` for none)."""
        if create and extracted is not False:
            MentionFactory(event=self, article=self.article)

    @factory.post_generation
    def actors(self, create, extracted, **kwargs):
        if create and extracted:
            self.actors.set(extracted)

    @factory.post_generation
    def resolutions(self, create, extracted, **kwargs):
        if create and extracted:
            self.resolutions.set(extracted)


class MentionFactory(DjangoModelFactory):
    """One article's report of ``event``, with the event's own date and quote unless told."""

    class Meta:
        model = Mention

    event = factory.SubFactory(EventFactory, mention=False)
    article = factory.LazyAttribute(lambda mention: mention.event.article)
    quote = factory.LazyAttribute(lambda mention: mention.event.quote)
    quote_start = factory.LazyAttribute(lambda mention: mention.event.quote_start)
    quote_end = factory.LazyAttribute(lambda mention: mention.event.quote_end)
    date_start = factory.LazyAttribute(lambda mention: mention.event.date_start)
    date_end = factory.LazyAttribute(lambda mention: mention.event.date_end)
    date_precision = factory.LazyAttribute(lambda mention: mention.event.date_precision)
    date_text = factory.LazyAttribute(lambda mention: mention.event.date_text)
    kind = factory.LazyAttribute(lambda mention: mention.event.kind)
    title = factory.LazyAttribute(lambda mention: mention.event.title)
    fingerprint = factory.Sequence(lambda n: f"factory-{n}")


def machine_event(article: Article, title: str = "An event", *, day: dt.date = dt.date(2017, 8, 16), **fields) -> Event:
    """A machine-extracted event of one day in ``article``, without mentions: the plain row service tests edit."""
    return EventFactory(article=article, title=title, date_start=day, date_end=day, mention=False, **fields)
