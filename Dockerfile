# The Timeline service under gunicorn; static files served by whitenoise.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt && useradd --create-home --uid 1000 timeline
COPY . .
# collectstatic needs settings that start: a throwaway key for this build step only.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && chown -R timeline /app
USER timeline

EXPOSE 8000
# gunicorn with threaded workers (config/gunicorn.py): streaming exports are not cut off by the worker timeout.
ENV GUNICORN_WORKERS=3 GUNICORN_THREADS=4 GUNICORN_TIMEOUT=30
CMD ["sh", "docker/entrypoint.sh"]
