"""The calendar helpers that extraction and the selectors share (timeline.calendar)."""

import datetime as dt
import subprocess
import sys

from timeline.calendar import month_end


def test_month_end_knows_leap_years_and_december():
    assert month_end(2016, 2) == dt.date(2016, 2, 29)
    assert month_end(2017, 2) == dt.date(2017, 2, 28)
    assert month_end(1900, 2) == dt.date(1900, 2, 28)
    assert month_end(2017, 12) == dt.date(2017, 12, 31)


def test_it_imports_neither_django_nor_dateparser():
    code = "import sys, timeline.calendar; print(sorted(m for m in ('django', 'dateparser') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
