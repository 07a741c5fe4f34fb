"""Settings for benchmark runs only: the production settings plus the anchor view's URLconf (``bench/urls.py``).

``bench/api_bench.py`` starts gunicorn with ``DJANGO_SETTINGS_MODULE=bench.settings``; nothing else uses it.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
