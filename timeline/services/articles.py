"""Writes to articles: the row and links ``loadseeds`` stores for an extracted file, curators' edits in the
admin, deletes. Their events and mentions are written by ``services.mentions`` (loadseeds) and
``services.events`` (curators)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from timeline.models import Article
from timeline.services.common import model_save, primary_keys

ARTICLE_FIELDS = frozenset(
    {"source_name", "source_path", "title", "published_on", "dateline_text", "body", "content_hash"}
    | {"extractor_version"}
)
ARTICLE_RELATIONS = frozenset({"actors", "resolutions"})


def article_update(*, article: Article, data: Mapping[str, Any]) -> Article:
    """Save ``article`` (new or existing) with ``data`` applied (``actors`` and ``resolutions`` replace the current
    lists), in one transaction. A curator's edit of the text does not re-extract it: that is ``article_reextract``
    in ``services.ingest``."""
    return model_save(instance=article, data=data, fields=ARTICLE_FIELDS, relations=ARTICLE_RELATIONS)


def articles_delete(*, articles: Iterable[Article] | QuerySet[Article]) -> int:
    """Delete articles with their events and mentions; returns how many articles went. Their files in ``seeds/``
    load them again on the next ``loadseeds``."""
    with transaction.atomic():
        deleted = Article.objects.filter(pk__in=primary_keys(articles)).delete()[1]
    return deleted.get(Article._meta.label, 0)


def article_store(
    *,
    article: Article | None,
    source_name: str,
    data: Mapping[str, Any],
    actor_ids: list[int],
    resolution_ids: list[int],
) -> Article:
    """``loadseeds``' write of one extracted article: create it (``article`` is None) or update the locked row,
    and link exactly ``actor_ids`` and ``resolution_ids``.

    Runs inside the caller's transaction per article, with no savepoint of its own. A new article has no links
    yet, so they are inserted without reading or deleting anything.
    """
    with transaction.atomic(savepoint=False):
        if article is None:
            article = Article.objects.create(source_name=source_name, **data)
            Article.actors.through.objects.bulk_create(
                [Article.actors.through(article_id=article.id, actor_id=actor_id) for actor_id in actor_ids]
            )
            Article.resolutions.through.objects.bulk_create(
                [
                    Article.resolutions.through(article_id=article.id, resolution_id=resolution_id)
                    for resolution_id in resolution_ids
                ]
            )
            return article
        for name, value in data.items():
            setattr(article, name, value)
        article.save()
        article.actors.set(actor_ids)
        article.resolutions.set(resolution_ids)
    return article
