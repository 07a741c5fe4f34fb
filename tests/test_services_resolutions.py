"""Resolution services: curators' edits and deletes, and the records loadseeds creates; all or nothing."""

import pytest
from django.db import IntegrityError, transaction

from tests.conftest import deleting_fails_at
from tests.factories import EventFactory, ResolutionFactory
from timeline.models import Event, Resolution
from timeline.services.resolutions import (
    resolution_auto_create,
    resolution_create,
    resolution_update,
    resolutions_delete,
)

pytestmark = pytest.mark.django_db


def test_create_and_update_save_the_fields_given():
    resolution = resolution_create(data={"symbol": "S/RES/999001 (2031)", "body": "S", "number": 999001, "year": 2031})
    resolution_update(resolution=resolution, data={"agenda": "Non-proliferation", "vote": "15-0-0"})
    stored = Resolution.objects.get(symbol="S/RES/999001 (2031)")
    assert (stored.number, stored.agenda, stored.vote, stored.is_auto_created) == (
        999001,
        "Non-proliferation",
        "15-0-0",
        False,
    )


def test_update_refuses_an_unknown_field_and_the_database_rules_hold():
    resolution = ResolutionFactory(agenda="Kept")
    with pytest.raises(ValueError, match="events"):
        resolution_update(resolution=resolution, data={"agenda": "Changed", "events": []})
    assert Resolution.objects.get(pk=resolution.pk).agenda == "Kept"
    with pytest.raises(IntegrityError), transaction.atomic():  # one Council resolution per number
        resolution_create(data={"symbol": "S/RES/2371 bis", "body": "S", "number": 2371, "year": 2017})


def test_delete_unlinks_events_and_keeps_them():
    resolution = ResolutionFactory()
    event = EventFactory(resolutions=[resolution])
    assert resolutions_delete(resolutions=Resolution.objects.filter(pk=resolution.pk)) == 1
    assert Event.objects.filter(pk=event.pk).exists() and not event.resolutions.exists()


def test_delete_is_all_or_nothing():
    first, second = ResolutionFactory(), ResolutionFactory()
    EventFactory(resolutions=[first])

    with deleting_fails_at(Resolution, second.pk), pytest.raises(RuntimeError):
        resolutions_delete(resolutions=[first, second])
    assert Resolution.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    assert first.events.count() == 1, "the links deleted before the failure came back"


def test_auto_create_makes_a_flagged_record_once():
    resolution, created = resolution_auto_create(symbol="A/RES/72/999", body="A", number=999, year=None)
    assert created and resolution.is_auto_created
    again, created = resolution_auto_create(symbol="A/RES/72/999", body="A", number=999, year=None)
    assert (again.pk, created) == (resolution.pk, False)
    known, created = resolution_auto_create(symbol="S/RES/2371 (2017)", body="S", number=2371, year=2017)
    assert not created and not known.is_auto_created
