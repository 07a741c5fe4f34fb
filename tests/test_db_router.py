"""The read-replica router, with a second database alias that mirrors the default test database.

``replica1`` is added here the way ``replica_databases`` builds it from ``DATABASE_REPLICA_URLS``: a copy of the
default's settings whose ``TEST`` says ``MIRROR: default``, so the test run creates no second database and the
replica connection reads the default test database, like a caught-up streaming replica.
"""

import copy

import pytest
from django.conf import settings
from django.db import connections, router, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from timeline.db_routers import ReadReplicaRouter, replica_aliases, replica_databases
from timeline.models import Actor, Article, Event

# Before the test databases are set up (this module is imported at collection), so the mirror is honoured.
if "replica1" not in settings.DATABASES:
    replica = copy.deepcopy(settings.DATABASES["default"])
    replica["TEST"] = {**replica.get("TEST", {}), "MIRROR": "default"}
    # A replica only reads: on SQLite it must not take the write lock that BEGIN IMMEDIATE takes.
    # And it reads through SQLite's shared cache, where the default connection's open test transaction holds
    # table locks: read_uncommitted lets it read anyway (PostgreSQL needs nothing: its readers never block).
    if replica["ENGINE"] == "django.db.backends.sqlite3":
        replica["OPTIONS"].pop("transaction_mode", None)
        replica["OPTIONS"]["init_command"] = "PRAGMA read_uncommitted = 1;"
    settings.DATABASES["replica1"] = replica

ROUTED = override_settings(DATABASE_ROUTERS=["timeline.db_routers.ReadReplicaRouter"], DATABASE_REPLICAS=["replica1"])
both = pytest.mark.django_db(databases=["default", "replica1"])


def test_replica_databases_from_the_environment_variable():
    databases = replica_databases(
        " postgres://reader@db-replica-a:5432/timeline, postgres://reader@db-replica-b:5432/timeline ,"
    )
    assert list(databases) == ["replica1", "replica2"]
    assert databases["replica1"]["HOST"] == "db-replica-a"
    assert databases["replica2"]["HOST"] == "db-replica-b"
    assert databases["replica1"]["ENGINE"] == "django.db.backends.postgresql"
    assert databases["replica1"]["TEST"] == {"MIRROR": "default"}
    assert databases["replica1"]["OPTIONS"]["connect_timeout"] == 3
    assert replica_databases("") == {}


def test_without_replicas_everything_goes_to_default():
    # replica1 exists in DATABASES (this module adds it), but only DATABASE_REPLICAS makes an alias a replica.
    assert "replica1" in settings.DATABASES
    with override_settings(DATABASE_REPLICAS=[]):
        assert replica_aliases() == []
        assert ReadReplicaRouter().db_for_read(Actor) == "default"
        assert ReadReplicaRouter().db_for_write(Actor) == "default"


@both
def test_reads_go_to_the_replica_and_writes_to_default():
    with ROUTED:
        assert router.db_for_read(Actor) == "replica1"
        assert router.db_for_write(Actor) == "default"
        # A real read: it runs on the replica's connection and the object remembers where it came from.
        with (
            CaptureQueriesContext(connections["replica1"]) as on_replica,
            CaptureQueriesContext(connections["default"]) as on_default,
        ):
            actor = Actor.objects.get(slug="security-council")
        assert actor._state.db == "replica1"
        assert len(on_replica) == 1
        assert len(on_default) == 0
        # A write goes to default, also for an object read from the replica.
        with CaptureQueriesContext(connections["default"]) as on_default:
            article = Article.objects.create(source_name="router.txt", title="t", published_on="2017-08-05", body="b")
            event = Event.objects.create(
                article=article, title="t", date_start="2017-08-05", date_end="2017-08-05", date_precision="day"
            )
            # Relations across the aliases are allowed (the replica holds the same rows).
            event.actors.add(actor)
        assert article._state.db == "default"
        assert len(on_default) >= 3
        assert event.actors.get() == actor


@both
def test_reads_inside_a_write_transaction_stay_on_default():
    with ROUTED:
        assert router.db_for_read(Actor) == "replica1"
        with transaction.atomic():
            assert router.db_for_read(Actor) == "default"
            with CaptureQueriesContext(connections["default"]) as on_default:
                Actor.objects.filter(slug="security-council").exists()
            assert len(on_default) == 1
        assert router.db_for_read(Actor) == "replica1"


@both
def test_related_reads_follow_the_instance():
    with ROUTED:
        actor = Actor.objects.using("default").get(slug="security-council")
        assert router.db_for_read(Event, instance=actor) == "default"


@ROUTED
def test_only_default_is_migrated_and_relations_are_allowed_across_aliases():
    routed = ReadReplicaRouter()
    assert routed.allow_migrate("default", "timeline")
    assert not routed.allow_migrate("replica1", "timeline")
    on_default, on_replica, elsewhere = Actor(), Actor(), Actor()
    on_default._state.db, on_replica._state.db, elsewhere._state.db = "default", "replica1", "archive"
    assert routed.allow_relation(on_default, on_replica) is True
    assert routed.allow_relation(on_default, elsewhere) is None


def test_reads_spread_over_several_replicas():
    databases = {
        "default": settings.DATABASES["default"],
        **replica_databases("postgres://r@a/t,postgres://r@b/t,postgres://r@c/t"),
    }
    with override_settings(DATABASES=databases, DATABASE_REPLICAS=["replica1", "replica2", "replica3"]):
        chosen = {ReadReplicaRouter().db_for_read(Actor) for _ in range(200)}
    assert chosen == {"replica1", "replica2", "replica3"}
