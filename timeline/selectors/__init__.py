"""The read side: every query the API, the exports, the pages and the admin share.

``events`` reads event rows and their related rows (and defines the Event field groups), ``keyset`` pages through
events by ``(date_start, id)`` with one cursor format, ``counts`` counts events per period (the API's timeline and
the page's density strip), ``dates`` parses the partial dates every filter takes. Writes live in
``timeline/services/``.
"""
