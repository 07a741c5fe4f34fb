"""HTML helpers for the timeline pages and the admin: quotes in context and article text with its extracted
dates and actors marked.

Everything that builds HTML here escapes the article's text piece by piece (``format_html`` / ``escape``) and
only then adds its own tags, so an article body can never inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from timeline.display import event_date

PARAGRAPH_BREAK = "\n\n"


def quote_span(body: str, quote: str, quote_start: int | None, quote_end: int | None) -> tuple[int, int] | None:
    """Where the quote sits in the body: its stored offsets when they hold the quote, else its first occurrence."""
    offsets_valid = quote_start is not None and quote_end is not None and 0 <= quote_start < quote_end <= len(body)
    if offsets_valid and (not quote or body[quote_start:quote_end] == quote):
        return quote_start, quote_end
    if quote:
        found = body.find(quote)
        if found >= 0:
            return found, found + len(quote)
    return None


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (blank-line separated, as ``Article.body`` is stored) around ``body[start:end]``."""
    before = body.rfind(PARAGRAPH_BREAK, 0, start)
    paragraph_start = 0 if before < 0 else before + len(PARAGRAPH_BREAK)
    after = body.find(PARAGRAPH_BREAK, end)
    return paragraph_start, len(body) if after < 0 else after


def quote_in_context(*, body: str, quote: str, quote_start: int | None, quote_end: int | None) -> SafeString:
    """The article paragraph holding the quote, escaped, with the quote inside ``<mark>``."""
    span = quote_span(body, quote, quote_start, quote_end)
    if span is None:
        return format_html('<span class="quote-missing">{}</span>', quote or "(no quote)")
    start, end = span
    paragraph_start, paragraph_end = paragraph_bounds(body, start, end)
    return format_html("{}<mark>{}</mark>{}", body[paragraph_start:start], body[start:end], body[end:paragraph_end])


@dataclass(frozen=True)
class Highlight:
    """A span of the article body to mark: a date (linked to its event) or an actor (linked to the filter)."""

    start: int
    end: int
    css_class: str
    href: str
    title: str


def date_highlights(body: str, events: Iterable) -> list[Highlight]:
    """Each event's date words found inside the sentence this article reports it in (where the extractor read
    them): the article's own mention (``event.here``) where there is one, else the event's quote."""
    highlights = []
    for event in events:
        report = getattr(event, "here", None) or event
        date_text = (report.date_text or "").strip()
        span = quote_span(body, report.quote, report.quote_start, report.quote_end)
        if not date_text or span is None:
            continue
        found = body.lower().find(date_text.lower(), span[0], span[1])
        if found < 0 and report.is_main:
            # The dateline is not part of the body; the main event's words may be anywhere in the lead.
            continue
        if found >= 0:
            highlights.append(
                Highlight(
                    found,
                    found + len(date_text),
                    "hl-date",
                    f"#event-{event.pk}",
                    f"{event_date(event)}: {event.title}",
                )
            )
    return highlights


def actor_highlights(body: str, names: dict[str, tuple[str, str]]) -> list[Highlight]:
    """Every whole-word occurrence of an actor's name or alias, longest first (so "Republic of Korea" inside
    "Democratic People's Republic of Korea" loses to the longer name).

    ``names`` maps a name to ``(href, title)``. Acronyms ("US", "DPRK") match only in capitals, so the
    pronoun "us" is not the United States; other names match ignoring case.
    """
    highlights = []
    acronyms = {name: value for name, value in names.items() if not any(char.islower() for char in name)}
    words = {name: value for name, value in names.items() if name not in acronyms}
    for group, flags in ((acronyms, 0), (words, re.IGNORECASE)):
        if not group:
            continue
        ordered = sorted(group, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(name) for name in ordered) + r")(?!\w)", flags)
        by_key = {(name if not flags else name.lower()): value for name, value in group.items()}
        for match in pattern.finditer(body):
            href, title = by_key[match.group(0) if not flags else match.group(0).lower()]
            highlights.append(Highlight(match.start(), match.end(), "hl-actor", href, title))
    highlights.sort(key=lambda highlight: (-(highlight.end - highlight.start), highlight.start))
    return highlights


def highlight_paragraphs(body: str, highlights: Iterable[Highlight]) -> list[SafeString]:
    """The body split into paragraphs, each escaped, with non-overlapping highlights as links.

    Where highlights overlap, the one listed first wins (callers put dates before actors).
    """
    chosen: list[Highlight] = []
    for highlight in highlights:
        if all(highlight.end <= other.start or highlight.start >= other.end for other in chosen):
            chosen.append(highlight)
    chosen.sort(key=lambda highlight: highlight.start)

    paragraphs: list[SafeString] = []
    position = 0
    for paragraph in body.split(PARAGRAPH_BREAK):
        paragraph_start, paragraph_end = position, position + len(paragraph)
        position = paragraph_end + len(PARAGRAPH_BREAK)
        parts: list[str] = []
        cursor = paragraph_start
        for highlight in chosen:
            if highlight.start < paragraph_start or highlight.end > paragraph_end:
                continue
            parts.append(escape(body[cursor : highlight.start]))
            parts.append(
                format_html(
                    '<a class="{}" href="{}" title="{}">{}</a>',
                    highlight.css_class,
                    highlight.href,
                    highlight.title,
                    body[highlight.start : highlight.end],
                )
            )
            cursor = highlight.end
        parts.append(escape(body[cursor:paragraph_end]))
        if paragraph.strip():
            paragraphs.append(mark_safe("".join(parts)))  # noqa: S308 - every part is escaped above
    return paragraphs
