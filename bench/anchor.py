"""The benchmark's anchor: the events list page answered by ONE hand-written SQL query whose JSON PostgreSQL builds.

``GET /bench/anchor/events/?actor=<slug>&date_from=YYYY-MM-DD&date_to=YYYY-MM-DD&page_size=50[&after=DATE_ID]``
returns ``{"next", "previous", "results"}`` with the same events, in the same order (``date_start``, ``id``), and
the same fields as ``/api/events/`` (actors and resolutions as arrays, the article as an object). It does no
validation beyond what the SQL needs. Unlike the API it does not bound the date overlap by the longest event's
span (``date_start >= date_from - span``): that bound as a subquery turns the plan into a 0.5 s one, and as a
literal it needs a second query, so a page with ``date_from`` costs the anchor an index walk from 1945. Compare
``anchor_first`` with ``api_first`` for the same work on both sides. It is a yardstick for what the hardware and
PostgreSQL can do, not a second API. Mounted only by ``bench/urls.py`` (``bench.settings``), never in the
service's URLconf.
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest

# One statement: the page (one row more than asked, to know whether there is a next page), then one JSON
# document with each event's actors, resolutions and article, built by PostgreSQL.
PAGE_SQL = """
WITH page AS (
    SELECT e.id, e.title, e.summary, e.kind, e.date_start, e.date_end, e.date_precision, e.date_text,
           e.quote, e.quote_start, e.quote_end, e.is_curated, e.article_id
    FROM timeline_event e
    WHERE NOT e.is_rejected
      AND e.date_start <= %(date_to)s AND e.date_end >= %(date_from)s
      AND (e.date_start, e.id) > (%(after_date)s, %(after_id)s)
      AND EXISTS (
          SELECT 1 FROM timeline_event_actors ea JOIN timeline_actor a ON a.id = ea.actor_id
          WHERE ea.event_id = e.id AND a.slug = %(actor)s
      )
    ORDER BY e.date_start, e.id
    LIMIT %(limit)s
), shown AS (
    SELECT * FROM page ORDER BY date_start, id LIMIT %(page_size)s
)
SELECT json_build_object(
    'next', CASE WHEN (SELECT count(*) FROM page) > %(page_size)s
                 THEN %(next_base)s || (SELECT to_char(date_start, 'YYYY-MM-DD') || '_' || id
                                        FROM shown ORDER BY date_start DESC, id DESC LIMIT 1) END,
    'previous', NULL,
    'results', COALESCE((
        SELECT json_agg(json_build_object(
            'id', s.id,
            'url', %(url_base)s || s.id || '/',
            'title', s.title,
            'summary', s.summary,
            'kind', s.kind,
            'date_start', s.date_start,
            'date_end', s.date_end,
            'date_precision', s.date_precision,
            'date_text', s.date_text,
            'date_display', CASE s.date_precision
                WHEN 'day' THEN to_char(s.date_start, 'FMDD FMMonth YYYY')
                WHEN 'month' THEN to_char(s.date_start, 'FMMonth YYYY')
                WHEN 'year' THEN CASE WHEN extract(year FROM s.date_start) = extract(year FROM s.date_end)
                                      THEN to_char(s.date_start, 'YYYY')
                                      ELSE to_char(s.date_start, 'YYYY') || '–' || to_char(s.date_end, 'YYYY') END
                ELSE to_char(s.date_start, 'FMDD FMMonth YYYY') || '–' || to_char(s.date_end, 'FMDD FMMonth YYYY')
            END,
            'actors', COALESCE((
                SELECT json_agg(json_build_object('slug', a.slug, 'name', a.name, 'kind', a.kind, 'iso3', a.iso3)
                                ORDER BY a.name, a.id)
                FROM timeline_event_actors ea JOIN timeline_actor a ON a.id = ea.actor_id
                WHERE ea.event_id = s.id), '[]'::json),
            'resolutions', COALESCE((
                SELECT json_agg(json_build_object('symbol', r.symbol, 'number', r.number, 'year', r.year,
                                                  'adopted_on', r.adopted_on)
                                ORDER BY r.body, r.number, r.id)
                FROM timeline_event_resolutions er JOIN timeline_resolution r ON r.id = er.resolution_id
                WHERE er.event_id = s.id), '[]'::json),
            'article', json_build_object('id', ar.id, 'title', ar.title, 'published_on', ar.published_on),
            'quote', s.quote,
            'quote_start', s.quote_start,
            'quote_end', s.quote_end,
            'is_curated', s.is_curated
        ) ORDER BY s.date_start, s.id)
        FROM shown s JOIN timeline_article ar ON ar.id = s.article_id
    ), '[]'::json)
)::text
"""


def events(request):
    """One page of an actor's events in a date range, as JSON built by PostgreSQL."""
    params = request.GET
    try:
        page_size = int(params.get("page_size", "50"))
        after_date, after_id = "0001-01-01", 0
        if params.get("after"):
            after_date, raw_id = params["after"].split("_", 1)
            after_id = int(raw_id)
        actor = params["actor"]
    except (KeyError, ValueError):
        return HttpResponseBadRequest(
            '{"detail": "actor, page_size and after=DATE_ID"}', content_type="application/json"
        )
    base = request.build_absolute_uri(request.path)
    query = params.copy()
    query.pop("after", None)
    with connection.cursor() as cursor:
        cursor.execute(
            PAGE_SQL,
            {
                "actor": actor,
                "date_from": params.get("date_from") or "0001-01-01",
                "date_to": params.get("date_to") or "9999-12-31",
                "after_date": after_date,
                "after_id": after_id,
                "limit": page_size + 1,
                "page_size": page_size,
                "next_base": f"{base}?{query.urlencode()}&after=",
                "url_base": request.build_absolute_uri("/api/events/"),
            },
        )
        document = cursor.fetchone()[0]
    return HttpResponse(document, content_type="application/json")
