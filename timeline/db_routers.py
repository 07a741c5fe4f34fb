"""Read replicas: reads go to a replica, writes and migrations to ``default``.

Configured by the environment: ``DATABASE_REPLICA_URLS`` is a comma-separated list of database URLs (the same
form as ``DATABASE_URL``); they become the aliases ``replica1`` .. ``replicaN`` (``replica_databases``), and
``ReadReplicaRouter`` sends each read to one of them at random. Unset, there are no replicas and every query
goes to ``default``, as without a router.

Two rules keep a reader from seeing the past:

* inside a transaction on ``default`` (``transaction.atomic()`` in a service, ``select_for_update``), reads stay on
  ``default``, so a writer reads its own writes and locks the rows it will change;
* a query that follows a relation from an object reads from the database that object came from.

Replicas are copies of ``default`` (streaming replication), so relations between objects from any of them are
allowed, and only ``default`` is migrated.
"""

from __future__ import annotations

import random

import dj_database_url
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections


def replica_databases(urls: str, *, conn_max_age: int = 60, connect_timeout: int = 3) -> dict[str, dict]:
    """``DATABASES`` entries ``replica1``..``replicaN`` for a comma-separated list of database URLs.

    Each one is a test mirror of ``default``: the test run does not create a database for it, it reads the
    default test database, which is what a replica shows once replication has caught up.
    """
    databases = {}
    for number, url in enumerate((part.strip() for part in urls.split(",") if part.strip()), start=1):
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
        if config["ENGINE"] != "django.db.backends.sqlite3":
            config.setdefault("OPTIONS", {}).setdefault("connect_timeout", connect_timeout)
        config["TEST"] = {"MIRROR": DEFAULT_DB_ALIAS}
        databases[f"replica{number}"] = config
    return databases


def replica_aliases() -> list[str]:
    """The replicas reads may go to: ``settings.DATABASE_REPLICAS``, the aliases built from the environment.

    Listed explicitly rather than guessed from the alias names in ``DATABASES``, so a database alias added for
    another purpose (a test's mirror, an archive) never receives the service's reads by accident.
    """
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def _in_write_transaction() -> bool:
    """True inside ``transaction.atomic()`` on ``default``, ignoring the blocks Django's TestCase opens."""
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        return False
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


class ReadReplicaRouter:
    """Reads to a random replica, writes and migrations to ``default``; see the module docstring."""

    def db_for_read(self, model, **hints) -> str:
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db
        replicas = replica_aliases()
        if not replicas or _in_write_transaction():
            return DEFAULT_DB_ALIAS
        return random.choice(replicas)  # noqa: S311 (load spreading, not security)

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        pool = {DEFAULT_DB_ALIAS, *replica_aliases()}
        if obj1._state.db in pool and obj2._state.db in pool:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
