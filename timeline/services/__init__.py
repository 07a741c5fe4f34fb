"""The only code that writes the timeline's data, one module per entity (events, mentions, actors, resolutions,
articles, reference data) plus ``ingest`` (loadseeds). Functions are keyword-only and atomic; views, admin,
commands and loadseeds call them."""
