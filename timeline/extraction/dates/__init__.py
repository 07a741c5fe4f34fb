"""Find dated expressions in English news text and resolve them to honest intervals.

The public surface is :func:`find_dates`, the :class:`DateMention` dataclass, :data:`PRECISIONS` and
:data:`MONTH_NUMBERS`.

Every mention is an inclusive interval ``date_start..date_end`` with a precision (``day``, ``week``,
``month`` or ``year``) that says how much the text actually gave: "in 2015" is the whole of 2015 at year
precision, never a made-up day. Relative expressions ("yesterday", "last week", "earlier this month",
"Thursday", "March") are resolved against ``base``, the article's publication date.

The work is split by role:

* :mod:`.candidates` finds candidate expressions, one regular expression per shape of date, and rejects
  what is not a date ("We", "2371", "2,000 dollars"); explicit calendar phrases go to ``dateparser``;
* :mod:`.relative` resolves what depends on the base date and the tense (weekdays, yearless months and
  days, "last month", the year set by an earlier explicit date);
* :mod:`.context` reads sentence bounds and tense around a mention;
* :mod:`.intervals` holds the calendar arithmetic and precision, keeps the longest of overlapping candidates
  and merges "from ... to ..." / "between ... and ..." / dashes into one range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from timeline.extraction.dates.candidates import MONTH_NUMBERS, find_candidates
from timeline.extraction.dates.context import Context
from timeline.extraction.dates.intervals import PRECISIONS, merge_ranges, select
from timeline.extraction.dates.relative import apply_anchors

__all__ = ["MONTH_NUMBERS", "PRECISIONS", "DateMention", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """One dated expression found in a text.

    ``text`` is exactly ``source[start:end]``; ``date_start..date_end`` is an inclusive interval whose
    granularity is ``precision`` (one of :data:`PRECISIONS`).
    """

    text: str
    start: int
    end: int
    date_start: date
    date_end: date
    precision: str


def find_dates(text: str, *, base: date) -> list[DateMention]:
    """All dated expressions in ``text`` (typically one sentence), resolved against ``base``.

    ``base`` is the article's publication date. Mentions come back in order of appearance and never
    overlap; each carries the exact substring it came from and its character offsets.
    """
    if isinstance(base, datetime):
        base = base.date()  # a datetime is a date subclass; intervals are dates
    context = Context(text, base)
    selected = [item for item in select(list(find_candidates(context))) if item.valid]
    chosen = merge_ranges(context, apply_anchors(context, selected))
    return [
        DateMention(
            text=text[item.start : item.end],
            start=item.start,
            end=item.end,
            date_start=item.date_start,
            date_end=item.date_end,
            precision=item.precision,
        )
        for item in chosen
    ]
