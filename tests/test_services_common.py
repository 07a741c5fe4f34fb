"""``model_save`` and ``primary_keys``: what every entity service builds on."""

import pytest

from tests.factories import ActorFactory, ArticleFactory
from timeline.models import Actor, Article
from timeline.services.common import model_save, primary_keys

pytestmark = pytest.mark.django_db
FIELDS = frozenset({"title"})
RELATIONS = frozenset({"actors"})


def test_model_save_sets_fields_and_replaces_relations():
    article = ArticleFactory()
    first, second = ActorFactory(), ActorFactory()
    article.actors.set([first])
    model_save(instance=article, data={"title": "New", "actors": [second]}, fields=FIELDS, relations=RELATIONS)
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, list(stored.actors.all())) == ("New", [second])


def test_model_save_leaves_out_what_data_does_not_name():
    article = ArticleFactory(title="Kept")
    article.actors.set([ActorFactory()])
    model_save(instance=article, data={}, fields=FIELDS, relations=RELATIONS)
    assert (Article.objects.get(pk=article.pk).title, article.actors.count()) == ("Kept", 1)


def test_model_save_refuses_a_field_it_was_not_given_and_writes_nothing():
    article = ArticleFactory(title="Kept")
    with pytest.raises(ValueError, match="Not an editable article field: body"):
        model_save(instance=article, data={"title": "New", "body": "x"}, fields=FIELDS)
    assert Article.objects.get(pk=article.pk).title == "Kept"


def test_model_save_is_all_or_nothing():
    with pytest.raises(ValueError):  # the row is inserted, then the relation fails
        model_save(
            instance=Article(source_name="half.txt", published_on="2017-08-16"),
            data={"title": "Half", "actors": [Actor(slug="unsaved")]},
            fields=FIELDS,
            relations=RELATIONS,
        )
    assert not Article.objects.filter(source_name="half.txt").exists()


def test_primary_keys_of_instances_and_querysets(django_assert_num_queries):
    actors = [ActorFactory(), ActorFactory()]
    with django_assert_num_queries(0):
        assert primary_keys(actors) == [actor.pk for actor in actors]
    with django_assert_num_queries(1):
        assert sorted(primary_keys(Actor.objects.filter(pk__in=[a.pk for a in actors]))) == sorted(a.pk for a in actors)
