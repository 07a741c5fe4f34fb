"""Calendar arithmetic shared by extraction and reads: pure Python, no Django, no dateparser.

One home for what both the date finder (``timeline.extraction.dates``) and the selectors need, so that neither
imports the other's dependencies.
"""

from __future__ import annotations

import calendar
import datetime as dt


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``year-month``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])
