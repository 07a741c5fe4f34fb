"""The only code that writes the timeline's data: ingestion (ingest.py), event curation (events.py) and
actor curation (actors.py). Views, admin actions and commands call these functions."""
