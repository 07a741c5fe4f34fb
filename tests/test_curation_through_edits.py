"""Curators win through edits (issue 14, items 7 and 9): a rejected or curated happening stays so when its
sentence is reworded, no machine twin appears beside it, and its quote offsets point into the new text."""

import io
import shutil

import pytest
from django.core.management import call_command

from tests.conftest import SEEDS_DIR
from timeline.models import Article, Event

pytestmark = pytest.mark.django_db

SEED_2017 = "000_7e3c3fa8f530c069.txt"
WAR = "He noted that more than three million people died in the Korean War"
WAR_REWORDED = "He noted that well over three million people died in the Korean War"
SANCTIONS = "the UN Security Council strengthened sanctions"
SANCTIONS_REWORDED = "the United Nations Security Council strengthened sanctions"


def load(path) -> None:
    call_command("loadseeds", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def edit(path, *replacements) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def visible_with(article: Article, words: str):
    return Event.objects.filter(mentions__article=article, is_rejected=False, quote__contains=words).distinct()


def assert_offsets_hold(event: Event) -> None:
    body = event.article.body
    assert event.quote_start is not None, event.quote
    assert body[event.quote_start : event.quote_end] == event.quote


@pytest.fixture
def article_file(tmp_path):
    seed = tmp_path / SEED_2017
    shutil.copy(SEEDS_DIR / SEED_2017, seed)
    load(seed)
    return seed


def test_a_rejected_event_stays_rejected_when_its_sentence_is_reworded(article_file):
    article = Article.objects.get(source_name=SEED_2017)
    war = article.events.get(quote__contains=WAR)
    war.is_rejected = True
    war.save()
    # A paragraph before it moves every offset; the sentence itself is reworded.
    edit(
        article_file,
        (WAR, WAR_REWORDED),
        ("Addressing the growing tensions", "A new opening sentence was added here. Addressing the growing tensions"),
    )
    load(article_file)

    assert not visible_with(article, "three million people died").exists(), "no machine twin of a rejected event"
    war.refresh_from_db()
    assert war.is_rejected
    assert war.mentions.filter(article=article).count() == 1
    assert "well over three million" in war.quote
    assert_offsets_hold(war)


def test_the_issue_s_wording_change_keeps_a_rejected_event(article_file):
    """ "Council members expressed" -> "the Council members expressed": the rewording the issue measured."""
    article = Article.objects.get(source_name=SEED_2017)
    sanctions = article.events.get(quote__contains=SANCTIONS)
    sanctions.is_rejected = True
    sanctions.save()
    edit(article_file, (SANCTIONS, SANCTIONS_REWORDED))
    load(article_file)
    assert not visible_with(article, "strengthened sanctions").exists()
    sanctions.refresh_from_db()
    assert sanctions.is_rejected
    assert_offsets_hold(sanctions)


def test_a_curated_event_gets_no_machine_twin_and_its_quote_moves_with_the_text(article_file):
    article = Article.objects.get(source_name=SEED_2017)
    war = article.events.get(quote__contains=WAR)
    war.title = "Korean War (curated)"
    war.is_curated = True
    war.save()
    curated_quote = war.quote
    edit(article_file, ("Addressing the growing tensions", "A new opening sentence. Addressing the growing tensions"))
    load(article_file)
    war.refresh_from_db()
    assert war.title == "Korean War (curated)"
    assert war.quote == curated_quote
    assert_offsets_hold(war)
    assert visible_with(article, "three million people died").count() == 1


def test_a_curated_quote_the_new_text_lacks_keeps_its_words_and_loses_its_offsets(article_file):
    article = Article.objects.get(source_name=SEED_2017)
    war = article.events.get(quote__contains=WAR)
    war.is_curated = True
    war.save()
    curated_quote = war.quote
    edit(article_file, (WAR, WAR_REWORDED))
    load(article_file)
    war.refresh_from_db()
    assert war.quote == curated_quote
    assert (war.quote_start, war.quote_end) == (None, None)
    assert visible_with(article, "three million people died").count() == 1, "the reworded sentence is the curated one"
