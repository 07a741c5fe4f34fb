"""gunicorn's settings for the Timeline service: ``gunicorn -c config/gunicorn.py config.wsgi:application``.

Threaded workers (``gthread``) because exports stream: a sync worker is killed when one request runs longer than
``timeout`` (30 s by default), which cut large exports off mid-file. A gthread worker's main loop keeps telling
the arbiter it is alive while its threads serve requests, so ``timeout`` only catches a worker that is stuck,
and an export of any size up to ``EXPORT_MAX_ROWS`` completes however slowly the client reads. Every database
statement of a web request is bounded instead (``DATABASE_STATEMENT_TIMEOUT``, 15 s, set in config/wsgi.py), and
exports read in keyset chunks, each a short statement. Each variable below overrides its default.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
worker_class = "gthread"
# Threads per worker: a few exports or slow clients cannot hold every request slot.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Seconds a worker's main loop may be silent before it is restarted (not a limit on one request's length).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
