"""Build fixtures/actors.json and fixtures/resolutions.json from ../shared/data and the curated lists below.

Run from the repository root: ``python scripts/build_fixtures.py [DATA_DIR]`` (default ``../shared/data``).
The output is Django fixture JSON with natural keys (no database ids), so ``manage.py loaddata`` works on any
database and the data migration can read the same files. Sources and licences: fixtures/README.md.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import reference_lists as lists  # noqa: E402 - the curated lists live next to this script

# Common short names and forms used in UN writing, beyond the official and UNTERM names.
STATE_EXTRA_ALIASES: dict[str, list[str]] = {
    "PRK": ["DPRK", "DPR Korea", "North Korea", "D.P.R.K."],
    "KOR": ["ROK", "South Korea"],
    "USA": ["US", "USA", "U.S.", "U.S.A.", "United States", "United States of America"],
    "GBR": ["UK", "U.K.", "United Kingdom", "Britain", "Great Britain"],
    "RUS": ["Russia"],
    "SYR": ["Syria"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "VEN": ["Venezuela"],
    "BOL": ["Bolivia"],
    "TZA": ["Tanzania"],
    "VNM": ["Vietnam"],
    "LAO": ["Laos", "Lao PDR"],
    "MDA": ["Moldova"],
    "TUR": ["Turkey", "Turkiye"],
    "CZE": ["Czech Republic"],
    "COD": ["DRC", "DR Congo", "D.R. Congo"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "FSM": ["Micronesia"],
    "PSE": ["Palestine"],
    "VAT": ["Vatican"],
    "MKD": ["Macedonia"],
    "SWZ": ["Swaziland"],
    "MMR": ["Burma"],
    "CPV": ["Cape Verde"],
    "BRN": ["Brunei"],
    "SYC": ["Seychelles"],
    "ARE": ["UAE"],
    "CAF": ["CAR"],
    "BIH": ["Bosnia"],
    "KNA": ["St. Kitts and Nevis"],
    "LCA": ["St. Lucia"],
    "VCT": ["St. Vincent and the Grenadines"],
    "STP": ["São Tomé and Príncipe"],
    "TLS": ["East Timor"],
}

# Adjectives that name exactly one state. Ambiguous ones ("Korean", "Congolese", "Guinean", "Indian",
# "American", "Sudanese") are left out on purpose.
STATE_ADJECTIVES: dict[str, list[str]] = {
    "AFG": ["Afghan"],
    "ALB": ["Albanian"],
    "DZA": ["Algerian"],
    "AGO": ["Angolan"],
    "ARG": ["Argentine"],
    "ARM": ["Armenian"],
    "AUS": ["Australian"],
    "AUT": ["Austrian"],
    "AZE": ["Azerbaijani"],
    "BGD": ["Bangladeshi"],
    "BLR": ["Belarusian"],
    "BEL": ["Belgian"],
    "BRA": ["Brazilian"],
    "BDI": ["Burundian"],
    "KHM": ["Cambodian"],
    "CMR": ["Cameroonian"],
    "CAN": ["Canadian"],
    "TCD": ["Chadian"],
    "CHL": ["Chilean"],
    "CHN": ["Chinese"],
    "COL": ["Colombian"],
    "CUB": ["Cuban"],
    "CYP": ["Cypriot"],
    "DNK": ["Danish"],
    "EGY": ["Egyptian"],
    "ERI": ["Eritrean"],
    "ETH": ["Ethiopian"],
    "FIN": ["Finnish"],
    "FRA": ["French"],
    "DEU": ["German"],
    "GHA": ["Ghanaian"],
    "GRC": ["Greek"],
    "HTI": ["Haitian"],
    "HUN": ["Hungarian"],
    "IDN": ["Indonesian"],
    "IRN": ["Iranian"],
    "IRQ": ["Iraqi"],
    "IRL": ["Irish"],
    "ISR": ["Israeli"],
    "ITA": ["Italian"],
    "JPN": ["Japanese"],
    "JOR": ["Jordanian"],
    "KAZ": ["Kazakh", "Kazakhstani"],
    "KEN": ["Kenyan"],
    "KWT": ["Kuwaiti"],
    "LBN": ["Lebanese"],
    "LBY": ["Libyan"],
    "MLI": ["Malian"],
    "MEX": ["Mexican"],
    "MAR": ["Moroccan"],
    "MMR": ["Myanmar's"],
    "NPL": ["Nepalese"],
    "NLD": ["Dutch"],
    "NGA": ["Nigerian"],
    "NOR": ["Norwegian"],
    "PAK": ["Pakistani"],
    "PSE": ["Palestinian"],
    "PER": ["Peruvian"],
    "POL": ["Polish"],
    "PRT": ["Portuguese"],
    "QAT": ["Qatari"],
    "RUS": ["Russian"],
    "RWA": ["Rwandan"],
    "SAU": ["Saudi"],
    "SOM": ["Somali"],
    "SSD": ["South Sudanese"],
    "ESP": ["Spanish"],
    "SWE": ["Swedish"],
    "CHE": ["Swiss"],
    "SYR": ["Syrian"],
    "TUR": ["Turkish"],
    "UGA": ["Ugandan"],
    "UKR": ["Ukrainian"],
    "GBR": ["British"],
    "VEN": ["Venezuelan"],
    "VNM": ["Vietnamese"],
    "YEM": ["Yemeni"],
    "ZWE": ["Zimbabwean"],
}

# Labels for chips where the common short name is not what UN writing uses.
STATE_SHORT_NAMES = {
    "PRK": "DPRK",
    "KOR": "Republic of Korea",
    "USA": "United States",
    "GBR": "United Kingdom",
    "RUS": "Russian Federation",
    "COD": "DR Congo",
    "COG": "Congo",
    "CIV": "Côte d'Ivoire",
    "VAT": "Holy See",
    "PSE": "State of Palestine",
    "TUR": "Türkiye",
}

# Readable slugs where the common short name would give a poor one.
STATE_SLUGS = {
    "PRK": "north-korea",
    "KOR": "south-korea",
    "USA": "united-states",
    "GBR": "united-kingdom",
    "COG": "congo",
    "COD": "dr-congo",
    "VAT": "holy-see",
    "CIV": "cote-d-ivoire",
    "BIH": "bosnia-and-herzegovina",
    "KNA": "saint-kitts-and-nevis",
    "LCA": "saint-lucia",
    "VCT": "saint-vincent-and-the-grenadines",
    "ATG": "antigua-and-barbuda",
    "TTO": "trinidad-and-tobago",
    "STP": "sao-tome-and-principe",
}

# (slug, name, kind, aliases)
ORGANISATIONS: list[tuple[str, str, str, list[str]]] = [
    ("united-nations", "United Nations", "organization", ["UN", "U.N."]),
    (
        "security-council",
        "Security Council",
        "un_body",
        ["UN Security Council", "United Nations Security Council", "UNSC", "U.N. Security Council"],
    ),
    (
        "general-assembly",
        "General Assembly",
        "un_body",
        ["UN General Assembly", "United Nations General Assembly", "UNGA"],
    ),
    ("secretariat", "Secretariat", "un_body", ["UN Secretariat", "United Nations Secretariat"]),
    ("ecosoc", "Economic and Social Council", "un_body", ["ECOSOC"]),
    ("international-court-of-justice", "International Court of Justice", "un_body", ["ICJ", "World Court"]),
    ("trusteeship-council", "Trusteeship Council", "un_body", []),
    ("human-rights-council", "Human Rights Council", "un_body", ["UN Human Rights Council", "HRC"]),
    ("iaea", "International Atomic Energy Agency", "un_body", ["IAEA"]),
    (
        "opcw",
        "Organisation for the Prohibition of Chemical Weapons",
        "organization",
        ["OPCW", "Organization for the Prohibition of Chemical Weapons"],
    ),
    (
        "opcw-un-jim",
        "OPCW-UN Joint Investigative Mechanism",
        "un_body",
        ["Joint Investigative Mechanism", "OPCW-UN JIM", "JIM", "OPCW-United Nations Joint Investigative Mechanism"],
    ),
    (
        "1718-committee",
        "Security Council Committee established pursuant to resolution 1718 (2006)",
        "un_body",
        ["1718 Committee", "1718 Sanctions Committee", "DPRK sanctions committee"],
    ),
    (
        "panel-of-experts-1718",
        "Panel of Experts established pursuant to resolution 1874 (2009)",
        "un_body",
        ["1874 Panel of Experts"],
    ),
    (
        "ohchr",
        "Office of the United Nations High Commissioner for Human Rights",
        "un_body",
        ["OHCHR", "UN Human Rights Office", "UN human rights office"],
    ),
    (
        "unhcr",
        "Office of the United Nations High Commissioner for Refugees",
        "un_body",
        ["UNHCR", "UN Refugee Agency", "UN refugee agency"],
    ),
    ("unicef", "United Nations Children's Fund", "un_body", ["UNICEF"]),
    ("wfp", "World Food Programme", "un_body", ["WFP"]),
    ("who", "World Health Organization", "un_body", ["WHO"]),
    ("undp", "United Nations Development Programme", "un_body", ["UNDP"]),
    ("unesco", "United Nations Educational, Scientific and Cultural Organization", "un_body", ["UNESCO"]),
    ("ocha", "Office for the Coordination of Humanitarian Affairs", "un_body", ["OCHA", "UN humanitarian office"]),
    ("unfpa", "United Nations Population Fund", "un_body", ["UNFPA"]),
    ("un-women", "UN Women", "un_body", ["UN-Women"]),
    ("unrwa", "United Nations Relief and Works Agency for Palestine Refugees in the Near East", "un_body", ["UNRWA"]),
    (
        "fao",
        "Food and Agriculture Organization of the United Nations",
        "un_body",
        ["FAO", "Food and Agriculture Organization"],
    ),
    ("unoda", "United Nations Office for Disarmament Affairs", "un_body", ["UNODA", "Office for Disarmament Affairs"]),
    (
        "dppa",
        "Department of Political and Peacebuilding Affairs",
        "un_body",
        ["DPPA", "Department of Political Affairs"],
    ),
    ("un-command", "United Nations Command", "organization", ["UN Command"]),
    ("european-union", "European Union", "organization", ["EU"]),
    ("african-union", "African Union", "organization", ["AU"]),
    ("nato", "North Atlantic Treaty Organization", "organization", ["NATO"]),
    ("asean", "Association of Southeast Asian Nations", "organization", ["ASEAN"]),
    ("league-of-arab-states", "League of Arab States", "organization", ["Arab League"]),
    ("six-party-talks", "Six-Party Talks", "group", ["Six Party Talks", "six-party talks"]),
    ("group-of-20", "Group of 20", "group", ["G20", "G-20"]),
]

# Role titles of the Secretary-General: each holder gets them, bounded by the term of office.
SG_ROLE_ALIASES = [
    "Secretary-General",
    "Secretary General",
    "UN Secretary-General",
    "United Nations Secretary-General",
    "U.N. Secretary-General",
    "UN chief",
    "U.N. chief",
    "United Nations chief",
]
# (slug, name, description, aliases, term as (first day, last day) or None)
PEOPLE: list[tuple[str, str, str, list[str], tuple[str, str] | None]] = [
    (
        "javier-perez-de-cuellar",
        "Javier Pérez de Cuéllar",
        "UN Secretary-General 1982-1991",
        ["Pérez de Cuéllar", "Perez de Cuellar", "Javier Perez de Cuellar"],
        ("1982-01-01", "1991-12-31"),
    ),
    (
        "boutros-boutros-ghali",
        "Boutros Boutros-Ghali",
        "UN Secretary-General 1992-1996",
        ["Boutros-Ghali"],
        ("1992-01-01", "1996-12-31"),
    ),
    (
        "kofi-annan",
        "Kofi Annan",
        "UN Secretary-General 1997-2006",
        ["Kofi A. Annan", "Annan"],
        ("1997-01-01", "2006-12-31"),
    ),
    (
        "ban-ki-moon",
        "Ban Ki-moon",
        "UN Secretary-General 2007-2016",
        ["Mr. Ban", "Secretary-General Ban"],
        ("2007-01-01", "2016-12-31"),
    ),
    (
        "antonio-guterres",
        "António Guterres",
        "UN Secretary-General from 2017",
        ["Antonio Guterres", "Guterres"],
        ("2017-01-01", "2026-12-31"),
    ),
    ("nursultan-nazarbayev", "Nursultan Nazarbayev", "President of Kazakhstan 1990-2019", ["Nazarbayev"], None),
    ("kim-jong-un", "Kim Jong Un", "Supreme Leader of the DPRK", ["Kim Jong-un", "Kim Jong-Un"], None),
    ("moon-jae-in", "Moon Jae-in", "President of the Republic of Korea 2017-2022", ["Moon Jae-In"], None),
    ("donald-trump", "Donald Trump", "President of the United States 2017-2021", ["Donald J. Trump", "Trump"], None),
    ("xi-jinping", "Xi Jinping", "President of China from 2013", [], None),
    ("vladimir-putin", "Vladimir Putin", "President of the Russian Federation", ["Putin"], None),
    ("shinzo-abe", "Shinzo Abe", "Prime Minister of Japan 2012-2020", [], None),
    ("hassan-rouhani", "Hassan Rouhani", "President of Iran 2013-2021", ["Rouhani"], None),
    ("bashar-al-assad", "Bashar al-Assad", "President of Syria", ["Bashar Al-Assad", "Assad"], None),
    ("nikki-haley", "Nikki Haley", "US Ambassador to the UN 2017-2018", [], None),
    ("federica-mogherini", "Federica Mogherini", "EU High Representative 2014-2019", ["Mogherini"], None),
]


def slugify(value: str) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def clean_unterm(value: str) -> str:
    """'Korea (the)' -> 'Korea'; observers' names carry a trailing ' *'."""
    value = value.removesuffix(" *").strip()
    return re.sub(r"\s*\(the\)$", "", value).strip()


class AliasBook:
    """Collects aliases, refusing a name (ignoring case) that another actor already has."""

    def __init__(self) -> None:
        self.owner: dict[tuple[str, str | None], str] = {}
        self.rows: list[dict] = []
        self.conflicts: list[str] = []

    def add(self, slug: str, name: str, valid_from: str | None = None, valid_to: str | None = None) -> None:
        name = name.strip()
        if not name:
            return
        key = (name.lower(), valid_from)
        if key in self.owner:
            if self.owner[key] != slug:
                self.conflicts.append(f"{name!r}: kept for {self.owner[key]}, refused for {slug}")
            return
        self.owner[key] = slug
        self.rows.append(
            {
                "model": "timeline.actoralias",
                "fields": {"actor": [slug], "name": name, "valid_from": valid_from, "valid_to": valid_to},
            }
        )


def actor_row(slug: str, name: str, kind: str, *, short_name: str = "", iso3=None, description: str = "") -> dict:
    return {
        "model": "timeline.actor",
        "fields": {
            "slug": slug,
            "name": name,
            "short_name": short_name,
            "kind": kind,
            "iso3": iso3,
            "description": description,
            "is_auto_created": False,
        },
    }


def build_actors(data_dir: Path, book: AliasBook) -> list[dict]:
    actors: list[dict] = []
    with (data_dir / "countries.csv").open(encoding="utf-8") as handle:
        states = [row for row in csv.DictReader(handle) if row["un_status"] in {"member", "observer"}]
    for row in states:
        iso3 = row["iso3"]
        slug = STATE_SLUGS.get(iso3) or slugify(row["cldr_name"])
        status = "UN Member State" if row["un_status"] == "member" else "UN observer State"
        actors.append(
            {
                "model": "timeline.actor",
                "fields": {
                    "slug": slug,
                    "name": row["official_name_en"],
                    "short_name": STATE_SHORT_NAMES.get(iso3) or row["cldr_name"].replace("’", "'"),
                    "kind": "state",
                    "iso3": iso3,
                    "description": f"{status}; {row['sub_region'] or row['region']}.",
                    "is_auto_created": False,
                },
            }
        )
        names = [row["official_name_en"], row["cldr_name"].replace("’", "'")]
        for unterm in (row["unterm_short"], row["unterm_formal"]):
            cleaned = clean_unterm(unterm)
            if cleaned:
                bare = re.sub(r"^the\s+", "", cleaned)
                names += [bare, f"the {bare}"]
        names += STATE_EXTRA_ALIASES.get(iso3, []) + STATE_ADJECTIVES.get(iso3, [])
        for name in names:
            if name and " - " not in name and "&" not in name:
                book.add(slug, name)
    for slug, name, kind, aliases in ORGANISATIONS:
        actors.append(
            {
                "model": "timeline.actor",
                "fields": {
                    "slug": slug,
                    "name": name,
                    "short_name": aliases[0] if aliases and aliases[0].isupper() else "",
                    "kind": kind,
                    "iso3": None,
                    "description": "",
                    "is_auto_created": False,
                },
            }
        )
        for alias in aliases:
            book.add(slug, alias)
    for slug, name, description, aliases, term in PEOPLE:
        actors.append(
            {
                "model": "timeline.actor",
                "fields": {
                    "slug": slug,
                    "name": name,
                    "short_name": "",
                    "kind": "person",
                    "iso3": None,
                    "description": description,
                    "is_auto_created": False,
                },
            }
        )
        for alias in aliases:
            book.add(slug, alias)
        surname = name.split()[-1]
        if term is not None:
            for role in SG_ROLE_ALIASES:
                book.add(slug, role, *term)
            book.add(slug, f"Secretary-General {surname}")
    return actors


def build_un_system(book: AliasBook) -> list[dict]:
    """Subsidiary bodies, departments, funds and programmes, specialized agencies, related and regional
    organizations, and the Security Council's sanctions committees and expert panels."""
    actors = []
    for slug, name, kind, aliases in lists.UN_SYSTEM:
        short = next((alias for alias in aliases if alias.isupper() and len(alias) <= 12), "")
        actors.append(actor_row(slug, name, kind, short_name=short))
        for alias in aliases:
            book.add(slug, alias)
    for slug, name, aliases in lists.SANCTIONS_BODIES:
        actors.append(actor_row(slug, name, "un_body", short_name=(aliases[0] if aliases else "")[:60]))
        for alias in aliases:
            book.add(slug, alias)
    return actors


def build_missions(book: AliasBook, country_names: dict[str, str]) -> list[dict]:
    """Every UN peacekeeping operation and special political mission: acronym, full name, country, years.

    The acronym and full name are always that mission. A descriptive name ("the UN mission in Haiti") is an
    alias bounded by the mission's days, so that it resolves by date, and only where the country's missions
    do not overlap in time.
    """
    actors = []
    by_country: dict[str, list[tuple[str, str, str | None]]] = {}
    for acronym, name, iso3, first, last, kind in lists.MISSIONS:
        slug = slugify(acronym)
        what = "UN peacekeeping operation" if kind == "pko" else "UN special political mission"
        where = country_names.get(iso3, "") if iso3 else ""
        years = f"{first}-{last}" if last and last != first else (str(first) if last else f"from {first}")
        description = f"{what}{' in ' + where if where else ''} ({iso3 or 'regional'}), {years}."
        actors.append(actor_row(slug, name, "un_body", short_name=acronym, description=description))
        book.add(slug, acronym)
        book.add(slug, name)
        book.add(slug, name.replace("United Nations", "UN"))
        for alias in lists.MISSION_EXTRA_ALIASES.get(acronym, []):
            book.add(slug, alias)
        if iso3 and acronym in lists.MISSION_DAYS:
            first_day, last_day = lists.MISSION_DAYS[acronym]
            by_country.setdefault(iso3, []).append((slug, first_day, last_day))
    for iso3, spans in by_country.items():
        spans.sort(key=lambda span: span[1])
        overlapping = any(spans[i][2] is None or spans[i][2] >= spans[i + 1][1] for i in range(len(spans) - 1))
        if overlapping:
            continue
        country = country_names[iso3]
        for slug, first_day, last_day in spans:
            for phrase in ("UN mission in", "United Nations mission in", "UN peacekeeping mission in"):
                book.add(slug, f"{phrase} {country}", first_day, last_day)
    return actors


def build_armed_groups(book: AliasBook) -> list[dict]:
    """Non-state armed groups and movements named in Security Council texts, with their aliases."""
    actors = []
    for slug, name, aliases in lists.ARMED_GROUPS:
        short = next((alias for alias in aliases if alias.isupper() and len(alias) <= 12), "")
        actors.append(
            actor_row(slug, name, "group", short_name=short, description="Non-state armed group or movement.")
        )
        for alias in aliases:
            book.add(slug, alias)
    return actors


def build_officials(book: AliasBook, known_slugs: set[str]) -> list[dict]:
    """UN officials by term: each holder gets the office's role titles, bounded by the term."""
    actors = []
    for slug, name, office, first, last, aliases, roles in lists.OFFICIALS:
        term = f"{first[:4]}-{last[:4]}" if last else f"from {first[:4]}"
        actors.append(actor_row(slug, name, "person", description=f"{office}, {term}."))
        for alias in aliases:
            book.add(slug, alias)
        for role in roles:
            book.add(slug, role, first, last)
    known = known_slugs | {actor["fields"]["slug"] for actor in actors}
    for session, name, aliases in lists.PGAS:
        slug = slugify(name)
        first, last = f"{1945 + session}-09-15", f"{1946 + session}-09-14"
        if slug in known:
            # Already listed under another office (Jan Eliasson): add the presidency's roles only.
            pass
        else:
            known.add(slug)
            actors.append(
                actor_row(
                    slug,
                    name,
                    "person",
                    description=f"President of the General Assembly at its {session}th session, {first[:4]}-{last[:4]}.",  # noqa: E501
                )
            )
        for alias in aliases:
            book.add(slug, alias)
        for role in lists.PGA_ROLES:
            book.add(slug, role, first, last)
    for slug, first, last, roles in lists.EXTRA_TERMS:
        for role in roles:
            book.add(slug, role, first, last)
    return actors


def build_resolutions(data_dir: Path) -> list[dict]:
    rows = []
    with (data_dir / "unsc_resolutions.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            vote = row["vote_yes_no_abstain"] or row["outcome_note"]
            rows.append(
                {
                    "model": "timeline.resolution",
                    "fields": {
                        "body": "S",
                        "number": int(row["res_no"]),
                        "year": int(row["year"]),
                        "symbol": row["symbol"],
                        "adopted_on": row["date"] or None,
                        "agenda": row["topic"],
                        "vote": vote[:100],
                        "meeting_record": row["meeting_record"],
                        "is_auto_created": False,
                    },
                }
            )
    return rows


def build_recent_resolutions() -> list[dict]:
    """Council resolutions after the Library's tables, and the Assembly's emergency-special-session ones."""
    rows = []
    starts = lists.COUNCIL_YEAR_STARTS
    for number in range(starts[0][0], lists.COUNCIL_LAST_NUMBER + 1):
        year = max(y for first, y in starts if first <= number)
        adopted_on, agenda = lists.COUNCIL_DAYS.get(number, (None, ""))
        rows.append(resolution_row("S", number, year, f"S/RES/{number} ({year})", adopted_on, agenda))
    for symbol, adopted_on, subject in lists.GA_EMERGENCY_SPECIAL:
        number = int(symbol.rsplit("/", 1)[1])
        rows.append(resolution_row("A", number, int(adopted_on[:4]), symbol, adopted_on, subject))
    return rows


def resolution_row(body: str, number: int, year: int, symbol: str, adopted_on: str | None, agenda: str) -> dict:
    return {
        "model": "timeline.resolution",
        "fields": {
            "body": body,
            "number": number,
            "year": year,
            "symbol": symbol,
            "adopted_on": adopted_on,
            "agenda": agenda,
            "vote": "",
            "meeting_record": "",
            "is_auto_created": False,
        },
    }


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    book = AliasBook()
    base = build_actors(data_dir, book)
    with (data_dir / "countries.csv").open(encoding="utf-8") as handle:
        country_names = {
            row["iso3"]: STATE_SHORT_NAMES.get(row["iso3"]) or row["cldr_name"] for row in csv.DictReader(handle)
        }
    lists_by_file = {
        "actors.json": base,
        "un_system.json": build_un_system(book),
        "missions.json": build_missions(book, country_names),
        "armed_groups.json": build_armed_groups(book),
    }
    known = {row["fields"]["slug"] for rows in lists_by_file.values() for row in rows}
    lists_by_file["officials.json"] = build_officials(book, known)
    slugs = [row["fields"]["slug"] for rows in lists_by_file.values() for row in rows]
    duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
    if duplicates:
        raise SystemExit(f"duplicate actor slugs: {sorted(duplicates)}")
    owner_file = {row["fields"]["slug"]: name for name, rows in lists_by_file.items() for row in rows}
    outputs = {name: list(rows) for name, rows in lists_by_file.items()}
    for alias in book.rows:
        # An alias goes with its actor, except extra role terms of an actor of another list (same file is
        # needed for loaddata only when the actor precedes it; every actor file is loaded before aliases load).
        outputs[owner_file[alias["fields"]["actor"][0]]].append(alias)
    outputs["resolutions.json"] = build_resolutions(data_dir) + build_recent_resolutions()
    for name, rows in outputs.items():
        path = ROOT / "fixtures" / name
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}: {len(rows)} objects")
    for conflict in book.conflicts:
        print(f"alias conflict: {conflict}")


if __name__ == "__main__":
    main()
