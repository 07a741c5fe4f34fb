"""The data model's database constraints and natural keys."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from timeline.models import Actor, ActorAlias, Article, Event, Mention, Resolution

pytestmark = pytest.mark.django_db


def make_article(**fields) -> Article:
    defaults = {"source_name": "x.txt", "title": "T", "published_on": dt.date(2017, 8, 16), "body": "B"}
    return Article.objects.create(**{**defaults, **fields})


def test_reversed_interval_is_rejected_by_the_database():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(
            article=article,
            title="x",
            date_start=dt.date(2017, 8, 2),
            date_end=dt.date(2017, 8, 1),
            date_precision="day",
        )
    Event.objects.create(
        article=article, title="ok", date_start=dt.date(2017, 8, 1), date_end=dt.date(2017, 8, 1), date_precision="day"
    )
    assert Event.objects.count() == 1


def test_alias_names_are_unique_ignoring_case():
    dprk = Actor.objects.get(slug="north-korea")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorAlias.objects.create(actor=dprk, name="dprk")


def test_role_alias_may_repeat_for_another_term_but_not_the_same():
    ban = Actor.objects.get(slug="ban-ki-moon")
    assert ActorAlias.objects.filter(name__iexact="un chief").count() >= 3
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorAlias.objects.create(actor=ban, name="UN CHIEF", valid_from=dt.date(2007, 1, 1))


def test_alias_lookup_is_case_insensitive():
    assert ActorAlias.objects.get(name__iexact="Dprk").actor.slug == "north-korea"
    assert ActorAlias.objects.get(name__iexact="NORTH KOREA").actor.slug == "north-korea"


def test_iso3_only_for_states():
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(slug="someone", name="Someone", kind="person", iso3="XYZ")


def test_resolution_number_unique_per_body():
    with pytest.raises(IntegrityError), transaction.atomic():
        Resolution.objects.create(body="S", number=2371, year=2017, symbol="S/RES/2371 (2017) bis")


def test_mention_fingerprint_unique_within_an_article():
    article = make_article()
    day = dt.date(2017, 8, 1)
    event = Event.objects.create(article=article, title="x", date_start=day, date_end=day, date_precision="day")
    fields = {
        "event": event,
        "article": article,
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        "fingerprint": "abc",
    }
    Mention.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(**fields)
    # The same sentence in another article is another report.
    Mention.objects.create(**{**fields, "article": make_article(source_name="other.txt")})


def test_mention_dates_are_an_interval():
    article = make_article()
    day = dt.date(2017, 8, 1)
    event = Event.objects.create(article=article, title="x", date_start=day, date_end=day, date_precision="day")
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(
            event=event,
            article=article,
            date_start=day,
            date_end=day - dt.timedelta(days=1),
            date_precision="day",
            fingerprint="backwards",
        )


def test_natural_keys_round_trip_through_dumpdata_and_loaddata(tmp_path):
    article = make_article(source_name="roundtrip.txt")
    article.actors.add(Actor.objects.get(slug="north-korea"))
    article.resolutions.add(Resolution.objects.get(symbol="S/RES/2371 (2017)"))
    out = io.StringIO()
    call_command(
        "dumpdata",
        "timeline.article",
        "timeline.actor",
        "timeline.actoralias",
        "timeline.resolution",
        natural_foreign=True,
        natural_primary=True,
        stdout=out,
    )
    dumped = json.loads(out.getvalue())
    assert all("pk" not in row for row in dumped)
    saved = next(row for row in dumped if row["model"] == "timeline.article")
    assert saved["fields"]["actors"] == [["north-korea"]]
    assert saved["fields"]["resolutions"] == [["S/RES/2371 (2017)"]]

    Article.objects.all().delete()
    ActorAlias.objects.filter(name="DPRK").delete()
    path = tmp_path / "dump.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    call_command("loaddata", str(path), verbosity=0)
    restored = Article.objects.get_by_natural_key("roundtrip.txt")
    assert list(restored.actors.values_list("slug", flat=True)) == ["north-korea"]
    assert ActorAlias.objects.get(name="DPRK").actor.slug == "north-korea"
    # Loading the same dump again updates in place instead of duplicating.
    call_command("loaddata", str(path), verbosity=0)
    assert Article.objects.count() == 1
    assert ActorAlias.objects.filter(name__iexact="dprk").count() == 1
