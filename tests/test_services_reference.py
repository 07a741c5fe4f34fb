"""The reference data service: adds what the fixtures have and the database lacks, all or nothing."""

import json

import pytest

from timeline.models import Actor, ActorAlias, Resolution
from timeline.services.reference import reference_data_sync

pytestmark = pytest.mark.django_db


def test_sync_adds_only_what_is_missing_and_keeps_curator_edits():
    Actor.objects.filter(slug="iaea").update(name="IAEA (curated name)")
    Resolution.objects.filter(body="S", number=1).delete()
    result = reference_data_sync()
    assert (result.actors, result.aliases, result.resolutions) == (0, 0, 1)
    assert Actor.objects.get(slug="iaea").name == "IAEA (curated name)"
    assert reference_data_sync().total == 0


def test_sync_brings_back_a_deleted_actor_with_its_aliases():
    Actor.objects.filter(slug="north-korea").delete()
    result = reference_data_sync()
    assert result.actors == 1 and result.aliases >= 3
    assert ActorAlias.objects.get(name__iexact="DPRK", valid_from__isnull=True).actor.slug == "north-korea"


def test_sync_reads_another_fixtures_folder(tmp_path):
    (tmp_path / "actors.json").write_text(
        json.dumps(
            [
                {"model": "timeline.actor", "fields": {"slug": "test-ref", "name": "Test Ref", "kind": "group"}},
                {
                    "model": "timeline.actoralias",
                    "fields": {"actor": ["test-ref"], "name": "TR", "valid_from": None, "valid_to": None},
                },
            ]
        )
    )
    (tmp_path / "resolutions.json").write_text("[]")
    result = reference_data_sync(fixtures_dir=tmp_path)
    assert (result.actors, result.aliases, result.resolutions) == (1, 1, 0)
    assert ActorAlias.objects.get(name="TR").actor.slug == "test-ref"


def test_sync_is_all_or_nothing(monkeypatch):
    Actor.objects.filter(slug="iaea").delete()
    Resolution.objects.filter(body="S", number=1).delete()

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(Resolution.objects, "bulk_create", fail)  # after the actors and aliases were added
    with pytest.raises(RuntimeError):
        reference_data_sync()
    assert not Actor.objects.filter(slug="iaea").exists()


def test_sync_with_nothing_missing_only_reads(django_assert_num_queries):
    with django_assert_num_queries(4) as captured:  # slugs, alias names, symbols, numbers: no write, no lock
        assert reference_data_sync().total == 0
    assert all(query["sql"].startswith("SELECT") for query in captured.captured_queries)
