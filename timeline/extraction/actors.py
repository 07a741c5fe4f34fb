"""The actor gazetteer: find known actors (states, people, UN bodies, …) in text by their aliases.

Matching rules (see :meth:`Gazetteer.find`):

* An entry's ``name`` is one of its aliases. A leading "the " on an alias is ignored ("the Secretary-General"
  and "Secretary-General" are the same alias), so an article's "the" in front of a name never matters.
* Matching works on word tokens, so it is whitespace-insensitive (a line break or double space inside a
  multi-word name still matches) and always on word boundaries. Possessives match the actor
  ("DPRK's" -> DPRK, span "DPRK").
* Text and aliases are compared after a *length-preserving* fold: curly quotes/apostrophes and backticks
  become ``'``/``"``, Unicode hyphens become ``-``, accented Latin letters lose their accents ("António" ==
  "Antonio"). Offsets in the results are therefore offsets into the caller's original text.
* Case: aliases of several tokens ("North Korea", "UN chief", and hyphenated words such as
  "Secretary-General") match case-insensitively; single-word aliases ("Guterres", "Iranian", "DPRK", "US")
  match case-sensitively, so "us" the pronoun is never the United States and "Dprk" is not the DPRK.
* Longest match wins, leftmost first, and a match consumes its tokens: "Democratic People's Republic of
  Korea" is the DPRK and never also the Republic of Korea.
* Time-bounded aliases (``AliasSpec.valid_from``/``valid_to``, inclusive, ``None`` = open) only match when
  the article date ``on`` is inside the interval: "the Secretary-General" is Ban Ki-moon in 2016 and
  António Guterres in 2018, and nobody in 1900. Time-bounded aliases are roles, so they are not matched
  after a qualifier that makes them someone else ("Deputy Secretary-General", "Under-Secretary-General",
  "former UN Secretary-General", "Secretary-General-designate").
* When several entries share a surface form valid on the date, an entry whose alias is time-bounded wins over
  an open-ended one, then the entry given first.

:func:`find_titled_people` finds people introduced by a title ("Foreign Minister Wang Yi") so that the caller
can create actors for people the gazetteer does not know yet.

This module is pure Python (no Django).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "ActorMention",
    "AliasSpec",
    "Gazetteer",
    "GazetteerEntry",
    "fold_text",
    "find_titled_people",
]

KINDS = ("person", "state", "organization", "un_body", "group")


@dataclass(frozen=True)
class AliasSpec:
    """An alias, optionally valid only between two dates (inclusive; ``None`` means unbounded)."""

    name: str
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        """Is the alias in force on ``day``?"""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_time_bounded(self) -> bool:
        """True for role aliases that only apply during a period."""
        return self.valid_from is not None or self.valid_to is not None


@dataclass(frozen=True)
class GazetteerEntry:
    """A known actor. ``kind`` is one of person, state, organization, un_body, group."""

    slug: str
    name: str
    kind: str
    iso3: str | None = None
    aliases: tuple[AliasSpec, ...] = ()


@dataclass(frozen=True)
class ActorMention:
    """A matched actor: ``text == source[start:end]`` (the alias as written, without "the" or "'s")."""

    slug: str
    text: str
    start: int
    end: int


# --------------------------------------------------------------------------------------------------
# Length-preserving folding
# --------------------------------------------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for char in "’‘‛`´ʼ′":
        table[ord(char)] = "'"
    for char in "“”„‟″«»":
        table[ord(char)] = '"'
    for char in "‐‑‒":
        table[ord(char)] = "-"
    for char in "\u00a0\u2007\u202f":
        table[ord(char)] = " "
    for code in range(0x00C0, 0x0250):
        decomposed = unicodedata.normalize("NFD", chr(code))
        if len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha():
            table[code] = decomposed[0]
    table.update({ord(a): b for a, b in zip("øØđĐłŁı", "oOdDlLi", strict=True)})
    return table


_FOLD_TABLE = _build_fold_table()


def fold_text(text: str) -> str:
    """Fold quotes, hyphens, odd spaces and Latin accents; ``len(fold_text(s)) == len(s)`` always."""
    return text.translate(_FOLD_TABLE)


_TOKEN_RE = re.compile(r"\w+|[^\w\s]")

# Words which, right before a role alias, make it refer to someone else ("Deputy Secretary-General").
_ROLE_MODIFIERS = frozenset(
    "deputy assistant under vice acting former ex late then previous past future next incoming outgoing interim".split()
)
# Tokens skipped when looking back for such a modifier ("former UN Secretary-General").
_ROLE_LOOKBACK_SKIP = frozenset({"un", "united", "nations", "-", "the"})
_ROLE_SUFFIXES = frozenset({"designate", "elect"})  # "Secretary-General-designate"


@dataclass(frozen=True)
class _AliasRef:
    entry_index: int
    exact_tokens: tuple[str, ...] | None  # set when matching is case-sensitive
    spec: AliasSpec


def _alias_tokens(name: str) -> list[str]:
    tokens = _TOKEN_RE.findall(fold_text(name).strip())
    if len(tokens) > 1 and tokens[0].casefold() == "the":
        tokens = tokens[1:]
    return tokens


class Gazetteer:
    """An in-memory index of actors and aliases, matched with a token trie."""

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        self._entries: list[GazetteerEntry] = []
        self._by_slug: dict[str, GazetteerEntry] = {}
        self._root: dict[str, dict] = {}
        for entry in entries:
            if entry.slug in self._by_slug:
                raise ValueError(f"duplicate gazetteer slug: {entry.slug!r}")
            if entry.kind not in KINDS:
                raise ValueError(f"unknown actor kind {entry.kind!r} for {entry.slug!r}")
            self._by_slug[entry.slug] = entry
            self._entries.append(entry)
            index = len(self._entries) - 1
            seen: set[tuple[tuple[str, ...], AliasSpec]] = set()
            for spec in (AliasSpec(entry.name), *entry.aliases):
                tokens = _alias_tokens(spec.name)
                if not tokens:
                    continue
                key = (tuple(tokens), AliasSpec("", spec.valid_from, spec.valid_to))
                if key in seen:
                    continue
                seen.add(key)
                self._add(tokens, _AliasRef(index, tuple(tokens) if len(tokens) == 1 else None, spec))

    def _add(self, tokens: Sequence[str], ref: _AliasRef) -> None:
        node = self._root
        for token in tokens:
            node = node.setdefault(token.casefold(), {})
        node.setdefault("", []).append(ref)  # "" never is a token, so it marks the end of an alias

    # ------------------------------------------------------------------------------------------

    def entry(self, slug: str) -> GazetteerEntry:
        """The entry with this slug (``KeyError`` if unknown)."""
        return self._by_slug[slug]

    @property
    def entries(self) -> tuple[GazetteerEntry, ...]:
        """All entries, in the order given."""
        return tuple(self._entries)

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def __len__(self) -> int:
        return len(self._entries)

    # ------------------------------------------------------------------------------------------

    def find(self, text: str, *, on: date) -> list[ActorMention]:
        """Non-overlapping actor mentions in ``text`` (in order) for an article dated ``on``."""
        if isinstance(on, datetime):
            on = on.date()
        folded = fold_text(text)
        spans = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(folded)]
        tokens = [folded[s:e] for s, e in spans]
        keys = [token.casefold() for token in tokens]
        count = len(tokens)
        mentions: list[ActorMention] = []
        i = 0
        while i < count:
            node = self._root.get(keys[i])
            best: tuple[int, GazetteerEntry] | None = None
            j = i
            while node is not None:
                refs = node.get("")
                if refs:
                    chosen = self._choose(refs, tokens, keys, i, j, on)
                    if chosen is not None:
                        best = (j, chosen)
                j += 1
                if j >= count:
                    break
                node = node.get(keys[j])
            if best is None:
                i += 1
                continue
            last, entry = best
            start, end = spans[i][0], spans[last][1]
            mentions.append(ActorMention(entry.slug, text[start:end], start, end))
            i = last + 1
        return mentions

    def _choose(
        self, refs: list[_AliasRef], tokens: list[str], keys: list[str], i: int, j: int, on: date
    ) -> GazetteerEntry | None:
        """Pick the entry for tokens[i..j] among the aliases ending at this trie node, or ``None``."""
        best: _AliasRef | None = None
        for ref in refs:
            if not ref.spec.valid_on(on):
                continue
            if ref.exact_tokens is not None and not self._case_ok(ref.exact_tokens, tokens[i : j + 1]):
                continue
            if ref.spec.is_time_bounded and self._role_qualified(keys, i, j):
                continue
            if best is None or (ref.spec.is_time_bounded and not best.spec.is_time_bounded):
                best = ref
        return self._entries[best.entry_index] if best is not None else None

    @staticmethod
    def _case_ok(alias_tokens: tuple[str, ...], found: list[str]) -> bool:
        """Single-word aliases are case-sensitive (acronyms of <= 5 letters and ordinary words alike)."""
        return tuple(found) == alias_tokens

    @staticmethod
    def _role_qualified(keys: list[str], i: int, j: int) -> bool:
        """Is the role at tokens[i..j] qualified into another role ("Deputy …", "former …", "…-designate")?"""
        k = i - 1
        while k >= 0 and keys[k] in _ROLE_LOOKBACK_SKIP:
            k -= 1
        if k >= 0 and keys[k] in _ROLE_MODIFIERS:
            return True
        return j + 2 < len(keys) and keys[j + 1] == "-" and keys[j + 2] in _ROLE_SUFFIXES


# --------------------------------------------------------------------------------------------------
# People introduced by a title
# --------------------------------------------------------------------------------------------------

_PERSON_TITLES = sorted(
    """
    President|Vice-President|Vice President|President-elect|Prime Minister|Deputy Prime Minister|Foreign Minister
    |Defence Minister|Defense Minister|Minister for Foreign Affairs|Minister of Foreign Affairs|Minister
    |Ambassador|Permanent Representative|Secretary of State|Secretary-General|Deputy Secretary-General
    |Under-Secretary-General|Assistant Secretary-General|High Commissioner|Deputy High Commissioner
    |Special Envoy|Special Representative|Special Rapporteur|Special Adviser|Special Coordinator
    |Director-General|Executive Director|Executive Secretary|Chancellor|King|Queen|Emir|Sheikh|Crown Prince
    |Prince|Senator|Governor|General|Lieutenant General|Major General|Admiral|Commander|Colonel|Judge
    |Chairman|Chairperson|Chair|Spokesperson|Spokesman|Mr.|Ms.|Mrs.|Dr.|Professor|Pope|Archbishop|Mayor
    |Speaker|Supreme Leader|Leader|Envoy|Coordinator|Rapporteur|Commissioner
    """.replace("\n", "").split("|"),
    key=len,
    reverse=True,
)
_TITLE_RE = re.compile(
    r"(?<![\w-])(?P<title>"
    + "|".join(re.escape(t.strip()).replace(r"\ ", r"\s+") for t in _PERSON_TITLES)
    + r")(?![\w-])"
)
_NAME_TOKEN_RE = re.compile(
    r"[ \t]+(?P<token>[A-Z]\.(?=[ \t])|(?:(?:al|el|ad|as|ash|ar|an)-)?[^\W\d_][\w'’-]*(?<![-'’]))"
)
_PARTICLES = frozenset(
    "bin ibn ben bint abu al el de da del della di do dos das du van von der den ter la le y".split()
)
# Capitalised words that make the "name" an organisation or a place, not a person.
_NOT_NAME_WORDS = frozenset(
    """
    Council Assembly Nations United Republic Kingdom Federation States State Organization Organisation Agency
    Committee Commission Security General Office Ministry Government Union Court Bank Fund Programme Program
    Department Mission Forces Force Army Party Conference Summit Group Institute University Foundation
    Association Treaty Convention Peninsula Headquarters Development Affairs Rights Human International
    National World Global Secretariat Parliament Congress Senate Cabinet Administration Authority Authorities
    Centre Center Board Team Panel Coalition Alliance Movement Front Islamic Democratic People's People’s
    Korea Korean America American Africa African Europe European Asia Asian Middle East Iran Syria China
    Japan Russia Russian Chinese Japanese Iranian Syrian Israel Palestine UN UNICEF Peace Olympics Olympic
    """.split()
)
# Words that end a name without invalidating it ("Prime Minister Shinzo Abe Thursday said").
_NAME_STOPPERS = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December The This That These Those He She It They We I His Her Its
    Their And But Or In On At For With From To Of As By
    """.split()
)


def _name_tokens(text: str, position: int) -> list[tuple[str, int, int]]:
    """Read capitalised name tokens (and inner particles) from ``position``; return (token, start, end)."""
    found: list[tuple[str, int, int]] = []
    while len(found) < 6:
        match = _NAME_TOKEN_RE.match(text, position)
        if not match:
            break
        token = match.group("token")
        start, end = match.start("token"), match.end("token")
        possessive = token.endswith(("'s", "’s"))
        if possessive:
            token, end = token[:-2], end - 2
        if token in _NAME_STOPPERS:
            break
        is_particle = token in _PARTICLES
        if not is_particle and not token[:1].isupper() and not re.match(r"(?:al|el|ad|as|ash|ar|an)-", token):
            break
        found.append((token, start, end))
        position = end
        if possessive:
            break
    while found and found[-1][0] in _PARTICLES:
        found.pop()
    # "Donald J." with nothing after the initial is not a full name.
    while found and re.fullmatch(r"[A-Z]\.", found[-1][0]):
        found.pop()
    return found


def find_titled_people(text: str) -> list[tuple[str, str, int, int]]:
    """Find people introduced by a title: ``(title, name, start, end)`` with ``text[start:end] == name``.

    The name is 2-4 capitalised tokens right after the title ("President Xi Jinping", "Foreign Minister
    Wang Yi", "Ambassador Nikki Haley", "President Bashar al-Assad"); lowercase particles inside a name
    ("Mohammed bin Salman") are allowed. Nothing is returned when the words after the title are an
    organisation or place ("President of the Security Council", "General Assembly President …" yields only
    the person after "President").
    """
    results: list[tuple[str, str, int, int]] = []
    for match in _TITLE_RE.finditer(text):
        tokens = _name_tokens(text, match.end())
        capitalised = [t for t, _, _ in tokens if t not in _PARTICLES]
        if not 2 <= len(capitalised) <= 4:
            continue
        if any(t in _NOT_NAME_WORDS or (t.isalpha() and t.isupper() and len(t) > 1) for t in capitalised):
            continue
        start, end = tokens[0][1], tokens[-1][2]
        title = re.sub(r"\s+", " ", match.group("title"))
        results.append((title, text[start:end], start, end))
    return results
