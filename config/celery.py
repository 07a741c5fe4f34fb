"""The Celery app: ``celery -A config worker`` loads articles that ``loadseeds --queue`` sends (timeline/tasks.py).

Settings come from config/settings.py (the ``CELERY_*`` names), so a worker reads the same ``DATABASE_URL`` and
``CELERY_BROKER_URL`` as the web service and the command. Any number of workers, on any number of machines, may
share one broker and one database.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
