"""Mentions and the events they build: merging reports of one happening across articles, through the database."""

import datetime as dt
import itertools
import random

import pytest
from django.db import transaction

from tests.factories import ArticleFactory
from timeline.models import Actor, Event, Mention, Resolution
from timeline.services.mentions import MentionDraft, article_mentions_replace

pytestmark = pytest.mark.django_db

D = dt.date


def draft(quote: str, day: dt.date, **fields) -> MentionDraft:
    values = {
        "fingerprint": fields.pop("fingerprint", quote[:40]),
        "quote": quote,
        "quote_start": 0,
        "quote_end": len(quote),
        "date_start": day,
        "date_end": fields.pop("date_end", day),
        "date_precision": "day",
        "date_text": "today",
        "kind": "statement",
        "trigger": "",
        "title": quote[:60],
        "summary": "",
        "is_main": False,
        **fields,
    }
    return MentionDraft(**values)


def save(article, drafts: list[MentionDraft]):
    with transaction.atomic():
        return article_mentions_replace(article=article, drafts=drafts)


def ids(*slugs: str) -> tuple[int, ...]:
    return tuple(Actor.objects.filter(slug__in=slugs).order_by("slug").values_list("id", flat=True))


def resolution(symbol: str) -> tuple[int, ...]:
    return (Resolution.objects.get(symbol=symbol).id,)


def adoption_reports() -> tuple[MentionDraft, MentionDraft]:
    """The Council's adoption of resolution 2397 as a press release and as a news story put it."""
    council, dprk = ids("security-council"), ids("north-korea")
    press = draft(
        "The Security Council today unanimously adopted resolution 2397 (2017), tightening sanctions on the DPRK.",
        D(2017, 12, 22),
        kind="sanctions",
        trigger="adopt",
        actor_ids=council + dprk,
        resolution_ids=resolution("S/RES/2397 (2017)"),
        is_main=True,
    )
    news = draft(
        "Responding to the ballistic missile launch, the 15-member body voted for resolution 2397, cutting fuel.",
        D(2017, 12, 22),
        kind="resolution",
        trigger="vote",
        actor_ids=council,
        resolution_ids=resolution("S/RES/2397 (2017)"),
    )
    return press, news


def test_the_same_adoption_in_a_press_release_and_a_news_story_is_one_event():
    press, news = adoption_reports()
    release, story = ArticleFactory(published_on=D(2017, 12, 22)), ArticleFactory(published_on=D(2017, 12, 22))
    first = save(release, [press])
    second = save(story, [news])

    assert (first.events_created, second.events_created, second.mentions_merged) == (1, 0, 1)
    event = Event.objects.get()
    assert event.mention_count == 2
    assert set(event.mentions.values_list("article_id", flat=True)) == {release.id, story.id}
    joined = Mention.objects.get(article=story)
    assert (joined.merge_rule, joined.merge_score) == ("same resolution", 1.0)
    # Its actors are the union of its reports'; its resolution the one both cite.
    assert set(event.actors.values_list("slug", flat=True)) == {"security-council", "north-korea"}
    assert list(event.resolutions.values_list("symbol", flat=True)) == ["S/RES/2397 (2017)"]


def test_two_launches_on_different_days_stay_apart():
    dprk = ids("north-korea")
    words = "The DPRK launched a ballistic missile over Japan, the Secretary-General said."
    save(ArticleFactory(), [draft(words, D(2017, 8, 29), kind="test_or_launch", trigger="launch", actor_ids=dprk)])
    save(ArticleFactory(), [draft(words, D(2017, 9, 15), kind="test_or_launch", trigger="launch", actor_ids=dprk)])
    assert Event.objects.count() == 2
    assert sorted(Event.objects.values_list("date_start", flat=True)) == [D(2017, 8, 29), D(2017, 9, 15)]


def test_different_kinds_on_one_day_stay_apart_even_with_the_same_resolution():
    press, _news = adoption_reports()
    statement = draft(
        "The Secretary-General welcomed the adoption of resolution 2397 (2017) by the Security Council.",
        D(2017, 12, 22),
        kind="statement",
        trigger="welcome",
        actor_ids=ids("antonio-guterres", "security-council"),
        resolution_ids=resolution("S/RES/2397 (2017)"),
    )
    save(ArticleFactory(), [press])
    save(ArticleFactory(), [statement])
    assert Event.objects.count() == 2


def test_the_most_precise_date_the_mentions_agree_on_dates_the_event():
    words = "The Council strengthened sanctions on the DPRK by adopting resolution 2371."
    vague = draft(
        words,
        D(2017, 8, 1),
        date_end=D(2017, 8, 16),
        date_precision="month",
        date_text="Earlier this month",
        kind="sanctions",
        trigger="adopt",
        resolution_ids=resolution("S/RES/2371 (2017)"),
    )
    precise = draft(
        words, D(2017, 8, 5), date_text="5 August 2017", kind="sanctions", resolution_ids=vague.resolution_ids
    )
    save(ArticleFactory(published_on=D(2017, 8, 16)), [vague])
    save(ArticleFactory(published_on=D(2017, 8, 5)), [precise])
    event = Event.objects.get()
    assert (event.date_start, event.date_end, event.date_precision, event.date_text) == (
        D(2017, 8, 5),
        D(2017, 8, 5),
        "day",
        "5 August 2017",
    )
    # Each mention keeps the date as its own article gives it.
    assert sorted(event.mentions.values_list("date_precision", flat=True)) == ["day", "month"]


def signature() -> set[tuple]:
    """What a reader sees of the events, without ids: date, kind, title and the articles that report each."""
    return {
        (
            event.date_start,
            event.date_end,
            event.kind,
            event.title,
            tuple(sorted(event.mentions.values_list("article__source_name", flat=True))),
        )
        for event in Event.objects.all()
    }


def test_the_result_does_not_depend_on_the_order_of_loading():
    press, news = adoption_reports()
    council, dprk = ids("security-council"), ids("north-korea")
    # A chain: the third report shares wording with the second and the resolution with the first.
    third = draft(
        "Responding to the ballistic missile launch, the 15-member body voted for resolution 2397, cutting fuel.",
        D(2017, 12, 22),
        kind="resolution",
        trigger="vote",
        actor_ids=council + dprk,
        fingerprint="third",
    )
    launch = draft(
        "The DPRK launched an intercontinental ballistic missile.",
        D(2017, 11, 29),
        kind="test_or_launch",
        trigger="launch",
        actor_ids=dprk,
    )
    reports = {"release.txt": [press], "story.txt": [news, launch], "digest.txt": [third]}
    seen = []
    for order in itertools.permutations(reports):
        sid = transaction.savepoint()
        for name in order:
            save(ArticleFactory(source_name=name, published_on=D(2017, 12, 22)), reports[name])
        seen.append(signature())
        transaction.savepoint_rollback(sid)
    assert all(result == seen[0] for result in seen)
    assert len(seen[0]) == 2  # the adoption (three reports) and the launch


def test_a_curated_event_gains_a_mention_without_changing():
    press, news = adoption_reports()
    save(ArticleFactory(), [press])
    event = Event.objects.get()
    Event.objects.filter(pk=event.pk).update(title="Council tightens DPRK sanctions", is_curated=True)
    before = Event.objects.values().get(pk=event.pk)

    save(ArticleFactory(), [news])

    after = Event.objects.values().get(pk=event.pk)
    assert after.pop("mention_count") == 2
    before.pop("mention_count")
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    # Its actors stay the curator's too, although the new report names no other.
    assert set(Event.objects.get(pk=event.pk).actors.values_list("slug", flat=True)) == {
        "security-council",
        "north-korea",
    }


def test_reextracting_one_article_of_a_merged_event_removes_only_its_mention():
    press, news = adoption_reports()
    release, story = ArticleFactory(), ArticleFactory()
    save(release, [press])
    save(story, [news])
    event = Event.objects.get()

    changes = save(story, [])  # the story no longer reports it

    event.refresh_from_db()
    assert (changes.mentions_deleted, changes.events_deleted, event.mention_count) == (1, 0, 1)
    assert list(event.mentions.values_list("article_id", flat=True)) == [release.id]
    # Its last mention gone, a machine event goes too.
    assert save(release, []).events_deleted == 1
    assert not Event.objects.exists()


def test_an_event_a_curator_touched_outlives_its_last_mention():
    press, _news = adoption_reports()
    article = ArticleFactory()
    save(article, [press])
    Event.objects.update(is_rejected=True)
    save(article, [])
    event = Event.objects.get()
    assert (event.is_rejected, event.mention_count) == (True, 0)


def test_a_reworded_sentence_keeps_its_rejected_happening():
    article = ArticleFactory()
    original = draft("Council members expressed concern about the launch.", D(2017, 8, 29), date_text="29 August")
    save(article, [original])
    Event.objects.update(is_rejected=True)

    reworded = draft("The Council members expressed concern about the launch.", D(2017, 8, 29), date_text="29 August")
    assert reworded.fingerprint != original.fingerprint
    save(article, [reworded])

    event = Event.objects.get()
    assert event.is_rejected
    assert event.mentions.get().merge_rule == "reworded"


def test_a_reload_updates_offsets_in_place_and_keeps_the_merge():
    press, news = adoption_reports()
    release, story = ArticleFactory(), ArticleFactory()
    save(release, [press])
    save(story, [news])
    mention = Mention.objects.get(article=story)
    moved = MentionDraft(**{**news.__dict__, "quote_start": 120, "quote_end": 120 + len(news.quote)})

    changes = save(story, [moved])

    assert (changes.mentions_updated, changes.mentions_created, changes.events_created) == (1, 0, 0)
    mention.refresh_from_db()
    assert (mention.quote_start, mention.merge_rule) == (120, "same resolution")
    assert Event.objects.count() == 1


def test_shuffled_loads_of_many_reports_agree():
    council = ids("security-council")
    reports = []
    for day in range(1, 7):
        for copy in range(3):
            reports.append(
                (
                    f"a{day}-{copy}.txt",
                    draft(
                        f"The Security Council met on the situation in region number {day} and heard briefings.",
                        D(2020, 3, day),
                        kind="meeting",
                        trigger="meet",
                        actor_ids=council,
                        fingerprint=f"meeting-{day}",
                    ),
                )
            )
    results = []
    for seed in (1, 2, 3):
        sid = transaction.savepoint()
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        for name, report in shuffled:
            save(ArticleFactory(source_name=name), [report])
        results.append(signature())
        transaction.savepoint_rollback(sid)
    assert results[0] == results[1] == results[2]
    assert len(results[0]) == 6  # one meeting per day, three reports each


def _statement_articles():
    """Two articles about Côte d'Ivoire of one day, as ingest leaves them (their actors recorded)."""
    first, second = ArticleFactory(published_on=D(2011, 4, 11)), ArticleFactory(published_on=D(2011, 4, 11))
    for article in (first, second):
        article.actors.set(Actor.objects.filter(slug__in=["cote-d-ivoire", "ban-ki-moon"]))
    return first, second


def test_the_same_statement_reported_by_two_articles_about_one_state_is_one_event():
    first, second = _statement_articles()
    ban = ids("ban-ki-moon")
    save(
        first,
        [draft("I am deeply concerned about recent developments.", D(2011, 4, 10), trigger="statement", actor_ids=ban)],
    )
    changes = save(
        second,
        [
            draft(
                "In a statement issued on Sunday, the Secretary-General had said that heavy weapons must stop.",
                D(2011, 4, 10),
                trigger="statement",
                # Too few shared actors for "same trigger and actors": the speaker and the topic decide.
                actor_ids=ban + ids("security-council", "cote-d-ivoire"),
            )
        ],
    )
    assert changes.mentions_merged == 1 and Event.objects.count() == 1
    assert Mention.objects.filter(merge_rule="same speaker and topic").count() == 1


def test_a_briefing_and_remarks_to_reporters_by_one_person_stay_apart():
    first, second = _statement_articles()
    ban = ids("ban-ki-moon")
    save(first, [draft("He briefed the Council behind closed doors.", D(2011, 4, 11), trigger="brief", actor_ids=ban)])
    save(second, [draft("He told reporters the fighting must end.", D(2011, 4, 11), trigger="tell", actor_ids=ban)])
    assert Event.objects.count() == 2


def test_statements_by_one_person_about_different_states_stay_apart():
    first, second = _statement_articles()
    second.actors.set(Actor.objects.filter(slug__in=["libya", "ban-ki-moon"]))
    ban = ids("ban-ki-moon")
    save(first, [draft("I am deeply concerned.", D(2011, 4, 11), trigger="statement", actor_ids=ban)])
    save(second, [draft("I call for a ceasefire now.", D(2011, 4, 11), trigger="statement", actor_ids=ban)])
    assert Event.objects.count() == 2


def test_one_persons_words_of_one_day_are_one_statement_whichever_verb_reports_them():
    first, second = _statement_articles()
    ban = ids("ban-ki-moon")
    save(first, [draft("He told the Council the force must deploy.", D(2011, 4, 11), trigger="tell", actor_ids=ban)])
    changes = save(
        second, [draft("In his address, he said the force must deploy.", D(2011, 4, 11), trigger="say", actor_ids=ban)]
    )
    assert changes.mentions_merged == 1 and Event.objects.count() == 1
