"""Synthetic timelines for benchmarks: articles, events, mentions, actors and resolutions in realistic proportions.

Not a service: nothing a user does writes through it. ``manage.py generate_synthetic`` and the benchmarks in
``bench/`` call it to fill a database with what ``loadseeds`` would have written for a large archive of UN news,
fast enough to make a million events in a few minutes: on PostgreSQL it streams rows with ``COPY``, elsewhere it
uses batched ``bulk_create``. Proportions (the scale issue):

* about 3 actors per event (1 to 6), drawn from the reference actors plus synthetic people; a few "popular"
  actors (``POPULAR_SLUGS``) each appear in about 5% of all events, the rest follow a flat Zipf law so no other
  actor comes near that;
* 10% of the events cite a resolution (the reference Security Council resolutions);
* dates from 1945 to ``today``, more of them in recent decades; precisions day/month/year, and 1% of the events
  span several years;
* every article has a main event dated by its dateline and a few more, each quoting its own sentence of the body
  (``quote == body[quote_start:quote_end]``);
* every event is reported by one mention in its article, as an event ``loadseeds`` founds: the same quote, date,
  kind, actors and resolutions, a trigger lemma, a fingerprint, ``mention_count`` 1.

Everything is drawn from one ``random.Random(seed)``, so the same seed, ``today`` and reference data give the
same rows. Synthetic articles are named ``synthetic-000001.txt`` and so on; synthetic people have slugs
``synthetic-person-00001``; ``synthetic_clear`` removes both.

The modules: ``draw.py`` (the vocabulary and every random choice), ``rows.py`` (the rows of whole articles, in
batches), ``write.py`` (``COPY`` on PostgreSQL, ``bulk_create`` elsewhere, and the delete) and ``generate.py``
(``synthetic_generate`` and ``synthetic_clear``, the entry points).
"""

from timeline.synthetic.draw import PERSON_SLUG_PREFIX, POPULAR_SLUGS, SOURCE_PREFIX
from timeline.synthetic.generate import SyntheticResult, synthetic_clear, synthetic_generate

__all__ = [
    "PERSON_SLUG_PREFIX",
    "POPULAR_SLUGS",
    "SOURCE_PREFIX",
    "SyntheticResult",
    "synthetic_clear",
    "synthetic_generate",
]
