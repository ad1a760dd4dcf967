"""What the mappers know, loaded once from mappers/: gazetteers (countries, places, organisations,
people and their offices) and lexicons (event triggers, speech cues, titles, months, boilerplate).
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from khabar.extract.matcher import PhraseMatcher
from khabar.model import EVENT_TYPES, Entity
from khabar.normalise import normalise_phrase, undecorated
from khabar.resources import mappers_path


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file with a header line; lines starting with '#' are comments."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


@cache
def word_class(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of one class of mappers/lexicons/word_classes.tsv, each as its normal words:
    the stop words of names, honorifics, complementizers... (language knowledge kept as data)."""
    return tuple(tuple(normalise_phrase(entry)) for entry in _class_entries(name))


def _class_entries(name: str) -> list[str]:
    """The entries of one class of word_classes.tsv as written."""
    rows = [row for row in read_tsv(mappers_path() / "lexicons" / "word_classes.tsv") if row["class"] == name]
    if not rows:
        raise KeyError(f"word_classes.tsv has no class {name!r}")
    if len(rows) > 1:
        raise ValueError(f"word_classes.tsv names the class {name!r} {len(rows)} times")
    return _split(rows[0]["words"])


def words_of(name: str) -> frozenset[str]:
    """The words of a class of word_classes.tsv, phrases taken word by word."""
    return frozenset(word for entry in word_class(name) for word in entry)


def spellings(name: str) -> dict[str, str]:
    """The words of a class of word_classes.tsv as written (undecorated), by their normal form: where
    the spelling says what the normal form loses (أطلع، informed / اطلع، looked at)."""
    return {normalise_phrase(word)[0]: undecorated(word) for word in _class_entries(name)}


def written(name: str) -> tuple[str, ...]:
    """The entries of a class of word_classes.tsv as written (undecorated), phrases whole: where the
    raw text is matched («وذلك بعد»)."""
    return tuple(undecorated(entry) for entry in _class_entries(name))


def word_of(name: str) -> str:
    """The one word of a class of word_classes.tsv (في، آل، وزارة)."""
    [[word]] = word_class(name)
    return word


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _parse_day(value: str, end: bool) -> dt.date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    if len(parts) == 2:
        if end:
            nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(parts[0], parts[1], 1)
    return dt.date(*parts)


@dataclass(frozen=True, slots=True)
class Office:
    person: str
    role: str
    of: str
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class EventSense:
    """A trigger used in another sense (event_senses.tsv): no event when one of `words` (normal
    forms) is found `where` (next: the two words after the trigger; after: the word right after it;
    previous: the word before it; before: the two words before it; clause: eight words either side;
    article: three of them anywhere in the article)."""

    name: str
    triggers: frozenset[str]  # normal-form trigger phrases, words joined by a space
    types: frozenset[str]  # or whole event types
    where: str
    words: frozenset[str]
    number: bool  # any number in digits counts as one of the words

    def applies(self, event_type: str, phrase: tuple[str, ...]) -> bool:
        return event_type in self.types or " ".join(phrase) in self.triggers


@dataclass(frozen=True, slots=True)
class Frame:
    """How the text around a trigger fills an event of one type (lexicons/event_frames.tsv)."""

    type: str
    parties: str  # pair, people, members, medium or visit
    place: bool
    undated: str  # day, month or none
    caller: bool
    speaker: bool
    named: bool
    talks: bool
    filled: str  # two, place, person or one: what its parties must be for it to be an event
    abroad: bool  # an act between states: a party, its place or the article must name another state than the paper's


PARTY_RULES = ("pair", "people", "members", "medium", "visit")
UNDATED = ("day", "month", "none")
FILLED = ("two", "place", "person", "one")
SENSE_PLACES = ("next", "after", "previous", "before", "clause", "sentence", "article", "purpose")  # event_senses.tsv: where


def _frame(row: dict) -> Frame:
    flags = {}
    for name in ("place", "caller", "speaker", "named", "talks", "abroad"):
        if row.get(name) not in ("yes", "no"):
            raise ValueError(f"event_frames.tsv: {row.get('type')}: {name} must be yes or no, not {row.get(name)!r}")
        flags[name] = row[name] == "yes"
    if row.get("parties") not in PARTY_RULES or row.get("undated") not in UNDATED or row.get("filled") not in FILLED:
        raise ValueError(f"event_frames.tsv: {row.get('type')}: parties must be one of {', '.join(PARTY_RULES)}, "
                         f"undated one of {', '.join(UNDATED)} and filled one of {', '.join(FILLED)}")
    return Frame(row["type"], row["parties"], undated=row["undated"], filled=row["filled"], **flags)


@dataclass(frozen=True, slots=True)
class Head:
    """A noun that heads the name of a body or place no list knows (institution_names.tsv)."""
    role: str  # Organization, Facility, Medium, Region, City
    takes: frozenset[str]  # definite, proper, eponym: what may follow it to name it


class Knowledge:
    """What the rules know: the gazetteers and lexicons, loaded once (load_knowledge). Compiled, its
    fields are the object's own (knowledge.pxd): the rules read them thousands of times an article."""

    def __init__(self, folder: Path | None = None) -> None:
        self.entities: dict[str, Entity] = {}
        self.kinds: dict[str, str] = {}  # organisation key -> kind (media, ...)
        self.media_titles: dict[tuple[str, ...], str] = {}  # (الرياض,) -> the paper صحيفة الرياض
        self.adjectives: dict[tuple[str, ...], str] = {}  # adjective words -> country
        self.capitals: dict[str, str] = {}  # country -> its capital (a key of places.tsv)
        self.offices: dict[tuple[str, str], list[Office]] = defaultdict(list)
        self.person_offices: dict[str, list[Office]] = defaultdict(list)  # person -> offices held
        self.honorific_pronouns: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        # normal-form pronoun (سموه) -> (the honorifics that name its antecedent, the roles it is said of)
        self.names: PhraseMatcher | None = None  # entity names, adjectives and titles
        self.verb_triggers: frozenset = frozenset()  # the triggers that are verbs (التقى): never an event told again
        self.possessed_triggers: frozenset = frozenset()  # nouns with a possessive pronoun (زيارته): whose, named before
        self.triggers: PhraseMatcher | None = None
        self.cues: PhraseMatcher | None = None
        self.reported_cues: PhraseMatcher | None = None
        self.several_speakers: frozenset = frozenset()  # the cues' dual and plural forms (أكدا، مؤكدين): a statement per party
        self.months: PhraseMatcher | None = None
        self.hijri_months: PhraseMatcher | None = None
        self.decades: PhraseMatcher | None = None  # «الثمانينيات» -> 8
        self.relative_dates: PhraseMatcher | None = None
        self.boilerplate: list[tuple[tuple[str, ...], str]] = []
        self.common_words: dict[str, int] = {}  # frequent words -> in how many articles
        self.given_names: frozenset[str] = frozenset()
        self.given_names_also_words: frozenset[str] = frozenset()  # حسن، عمر، باسم: a name only before a family name
        self.women_names: frozenset[str] = frozenset()  # ليلى، هيلاري: a person so named is a woman
        self.listed_family_names: frozenset[str] = frozenset()  # the last words of listed people's names (المالكي)
        self.home_names: dict[str, PhraseMatcher] = {}  # source -> its country's home words
        self.home_countries: dict[str, str] = {}  # source -> the country it publishes in
        self.outlet_signs: dict[str, PhraseMatcher] = {}  # source -> the names it signs its datelines with
        self.function_words: frozenset[str] = frozenset()  # never a name on their own (كيف، لكن)
        self.frames: dict[str, str] = {}  # a word that names the kind of the next name -> PER/ORG/LOC
        self.future_words: frozenset[str] = frozenset()  # سيزور، سيعقد: the clause tells of what is to come
        self.institution_heads: dict[str, Head] = {}  # هيئة، محافظة -> what it heads, how
        self.generic_modifiers: frozenset[str] = frozenset()  # العامة، المختصة: not enough after a head to make a name
        self.name_enders: frozenset[str] = frozenset()  # السابق، نفسها: after a body's name, no part of it
        self.title_words: frozenset[str] = frozenset()  # the first words of the titles (الرئيس، مدير): a person's, not a body's
        self.name_stops: frozenset[str] = frozenset()  # function words, name enders and title words: no body's name goes on past them
        self.institution_words: frozenset[str] = frozenset()  # the heads named by a proper name (جامعة): where the recogniser looks
        self.institution_forms: frozenset[str] = frozenset()  # the heads bare or definite (هيئة، الهيئة)
        self.event_frames: dict[str, Frame] = {}  # event type -> its frame (event_frames.tsv)
        self.event_senses: tuple[EventSense, ...] = ()  # triggers in another sense (لقاء 1.65 مليار: in exchange for)
        self.folder: Path | None = folder  # the mappers folder this was loaded from
        self.recogniser: object = None  # the trained recogniser, made on first use (khabar.extract.recogniser)

    def holder(self, role: str, of: str, day: dt.date | None) -> str | None:
        """The person who held `role` of `of` on `day` (only when exactly one did)."""
        if day is None:
            return None
        people = {o.person for o in self.offices.get((role, of), ()) if o.held_on(day)}
        return people.pop() if len(people) == 1 else None

    def is_media(self, key: str) -> bool:
        return self.kinds.get(key) == "media"


def _event_sense(row: dict[str, str]) -> EventSense:
    triggers = _split(row["triggers"])
    types = frozenset(t for t in triggers if t in EVENT_TYPES)
    words = _split(row["words"])
    if row["where"] not in SENSE_PLACES:
        raise ValueError(f"event_senses.tsv: where must be one of {', '.join(SENSE_PLACES)}, not {row['where']!r}")
    return EventSense(row["sense"], frozenset(" ".join(normalise_phrase(t)) for t in triggers if t not in types), types,
                      row["where"], frozenset(w for word in words if word != "#number" for w in normalise_phrase(word)),
                      "#number" in words)


@cache
def load_knowledge(root: str | None = None) -> Knowledge:
    base = Path(root) if root else mappers_path()
    gaz, lex = base / "gazetteers", base / "lexicons"
    kb = Knowledge(folder=base)
    name_entries: list[tuple[str, tuple]] = []

    def add_entity(key, type_, row, names, country=None):
        names = names or [row.get("en", key)]
        kb.entities[key] = Entity(key=key, type=type_, label_ar=names[0], label_en=row.get("en") or None,
                                  qid=row.get("qid") or None, country=country or None, iso2=row.get("iso2") or None)
        for name in names:
            name_entries.append((name, ("entity", key)))

    for row in read_tsv(gaz / "countries.tsv"):
        add_entity(row["key"], "Country", row, _split(row.get("ar", "")), row["key"])
        if row.get("capital"):
            kb.capitals[row["key"]] = row["capital"]
        for adj in _split(row.get("adjectives", "")):
            words = normalise_phrase(adj)
            kb.adjectives.setdefault(words, row["key"])
            if words and words[0].startswith("ال") and len(words[0]) > 3:
                kb.adjectives.setdefault((words[0][2:],) + words[1:], row["key"])
    for row in read_tsv(gaz / "places.tsv"):
        add_entity(row["key"], row.get("type") or "City", row, _split(row.get("ar", "")), row.get("country"))
    frames = {normalise_phrase(r["phrase"])[0] for r in read_tsv(lex / "name_frames.tsv") if r["type"] == "ORG"}
    for row in read_tsv(gaz / "organisations.tsv"):
        add_entity(row["key"], "Organization", row, _split(row.get("ar", "")), row.get("country"))
        kb.kinds[row["key"]] = row.get("kind", "")
        for name in _split(row.get("ar", "")) if row.get("kind") == "media" else ():
            words = tuple(normalise_phrase(name))  # «الرياض» quoted is the paper named صحيفة الرياض
            if len(words) > 1 and words[0] in frames:
                kb.media_titles.setdefault(words[1:], row["key"])
    family_names = set()
    for row in read_tsv(gaz / "people.tsv"):
        add_entity(row["key"], "Person", row, _split(row.get("ar", "")), row.get("country"))
        family_names.update(words[-1] for words in map(normalise_phrase, _split(row.get("ar", ""))) if len(words) > 1)
    kb.listed_family_names = frozenset(family_names)
    for row in read_tsv(gaz / "offices.tsv"):
        try:
            office = Office(row["person"], row["role"], row["of"], _parse_day(row.get("start", ""), False),
                            _parse_day(row.get("end", ""), True))
        except (ValueError, KeyError):
            continue
        kb.offices[(office.role, office.of)].append(office)
        kb.person_offices[office.person].append(office)

    for words, country in kb.adjectives.items():
        name_entries.append((" ".join(words), ("adjective", country)))
    titles = read_tsv(lex / "titles.tsv")
    for row in titles:
        name_entries.append((row["phrase"], ("title", row["role"], row.get("country") or None)))
    kb.title_words = frozenset(normalise_phrase(row["phrase"])[0] for row in titles)
    kb.names = PhraseMatcher(name_entries)
    triggers = read_tsv(lex / "event_triggers.tsv")
    kb.triggers = PhraseMatcher((r["phrase"], r["type"]) for r in triggers)
    kb.verb_triggers = frozenset(normalise_phrase(r["phrase"]) for r in triggers if r.get("note", "").startswith("verb"))
    kb.possessed_triggers = frozenset(normalise_phrase(r["phrase"]) for r in triggers
                                      if re.search(r"\+ (his|her)\b", r.get("note", "")))
    cues = read_tsv(lex / "speech_cues.tsv")
    kb.cues, kb.reported_cues = (PhraseMatcher((r["phrase"], (r["act"], r["kind"], frozenset(
        w for alternative in r.get("then", "").split("|") for w in normalise_phrase(alternative))))
        for r in cues if (r["kind"] == "reported") == reported) for reported in (False, True))
    # («قوله» only tells what «نقل عن» reports: no cue elsewhere, «وأفاد قوله تعالى» a verb's object)
    kb.several_speakers = frozenset(normalise_phrase(r["phrase"]) for r in cues if r.get("speakers") == "several")
    kb.months = PhraseMatcher((r["phrase"], int(r["month"])) for r in read_tsv(lex / "months.tsv"))
    kb.hijri_months = PhraseMatcher((r["phrase"], int(r["month"])) for r in read_tsv(lex / "hijri_months.tsv"))
    kb.decades = PhraseMatcher((r["phrase"], int(r["decade"])) for r in read_tsv(lex / "decades.tsv"))
    kb.relative_dates = PhraseMatcher((r["phrase"], (r["unit"], int(r["offset"])))
                                      for r in read_tsv(lex / "relative_dates.tsv"))
    person_words = {w for e in kb.entities.values() if e.type == "Person" for w in normalise_phrase(e.label_ar)}
    given_names = read_tsv(lex / "given_names.tsv")
    kb.given_names = frozenset(w for r in given_names for w in normalise_phrase(r["name"]))
    kb.given_names_also_words = frozenset(w for r in given_names if r.get("also_a_word") == "yes"
                                          for w in normalise_phrase(r["name"]))
    kb.women_names = frozenset(w for r in given_names if r.get("gender") == "f" for w in normalise_phrase(r["name"]))
    kb.common_words = {r["word"]: int(r.get("df") or 0) for r in read_tsv(lex / "common_words.tsv")
                       if r["word"] not in person_words}
    for row in read_tsv(gaz / "sources.tsv"):
        if row.get("country") in kb.entities:
            kb.home_countries[row["source"]] = row["country"]
        if row.get("country") in kb.entities and row.get("home"):
            kb.home_names[row["source"]] = PhraseMatcher((w, ("entity", row["country"])) for w in _split(row["home"]))
        if row.get("outlet") in kb.entities and row.get("signs"):
            kb.outlet_signs[row["source"]] = PhraseMatcher((w, ("entity", row["outlet"])) for w in _split(row["signs"]))
    kb.function_words = frozenset(w for r in read_tsv(lex / "function_words.tsv") for w in normalise_phrase(r["word"]))
    kb.frames = {normalise_phrase(r["phrase"])[0]: r["type"] for r in read_tsv(lex / "name_frames.tsv")}
    kb.future_words = frozenset(w for r in read_tsv(lex / "future_words.tsv") for w in normalise_phrase(r["word"]))
    institution_names = read_tsv(lex / "institution_names.tsv")
    kb.institution_heads = {normalise_phrase(r["word"])[0]: Head(r["role"], frozenset(r["takes"].split(",")))
                            for r in institution_names if r["role"] not in ("generic", "end")}
    kb.generic_modifiers = frozenset(normalise_phrase(r["word"])[0] for r in institution_names if r["role"] == "generic")
    kb.name_enders = frozenset(normalise_phrase(r["word"])[0] for r in institution_names if r["role"] == "end")
    kb.institution_words = frozenset(w for w, head in kb.institution_heads.items() if "proper" in head.takes)
    kb.institution_forms = frozenset(kb.institution_heads) | frozenset("ال" + h for h in kb.institution_heads)
    kb.name_stops = kb.function_words | kb.name_enders | kb.title_words
    kb.event_senses = tuple(_event_sense(r) for r in read_tsv(lex / "event_senses.tsv"))
    kb.event_frames = {r["type"]: _frame(r) for r in read_tsv(lex / "event_frames.tsv")}
    unframed = {r["type"] for r in triggers} - kb.event_frames.keys()
    if unframed:
        raise ValueError(f"event_triggers.tsv names event types with no row in event_frames.tsv: {', '.join(sorted(unframed))}")
    kb.boilerplate = [(normalise_phrase(r["phrase"]), r["scope"]) for r in read_tsv(lex / "boilerplate.tsv")]
    for row in read_tsv(lex / "honorific_pronouns.tsv"):
        honorifics = frozenset(w for h in _split(row["honorifics"]) for w in normalise_phrase(h))
        for pronoun in _split(row["pronouns"]):
            for word in normalise_phrase(pronoun):
                kb.honorific_pronouns[word] = (honorifics, frozenset(_split(row["roles"])))
    return kb
