import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# No web request may hold a database statement longer than this (PostgreSQL; see DATABASE_STATEMENT_TIMEOUT in
# config/settings.py): a cancelled statement answers 503 with Retry-After.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "15000")
application = get_wsgi_application()
