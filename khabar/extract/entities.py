"""Entities: gazetteer names, titles (with country adjectives and names), unknown people minted from
title + name, organisations by pattern, and in-document coreference (surname alone, "نظيره الروسي",
bare titles resolved through the office holders at the article's date)."""
from __future__ import annotations

import bisect
from collections import Counter
from typing import NamedTuple

from khabar.extract.knowledge import Knowledge, word_class, word_of, words_of
from khabar.extract.layout import ACCUSATIVE_ENDINGS, Doc, once
from khabar.extract.matcher import Match, tuple_new
from khabar.extract.recogniser import Tagged, coarse_type, gazetteer_tags, recogniser_for
from khabar.model import Entity, Mention, Span
from khabar.normalise import PREPOSITION_CLITICS, clitic_readings, normalise_phrase, stems, undecorated

TITLE_RULE = "title"  # the rule of a part that is a title alone: «الأمير» before the name
NISBA_ENDINGS = ("ي", "يه")  # a relative adjective, normalised: العربي، العربية
PRONOUN_RULE = "honorific-pronoun"  # «سموه»: who it stands for takes part and speaks, but the word names no one
DATELINE_RULE = "dateline"  # the rule of a place or outlet named in a byline or dateline
DATELINE_MARKS = frozenset("-–—:")  # what divides a dateline's parts
PREPOSED = ("بال", "لل", "كال")  # a definite word behind a preposition: a noun, never an adjective
POSSESSED = ("ها", "هم", "هما")  # «نتائجها»: a noun with its owner's pronoun, no name
BODY_QUALIFIERS = words_of("body_qualifiers")  # الوطني، القومي: «مجلس الأمن القومي» is another body than «مجلس الأمن»
STOP = words_of("name_stops")  # words that end a name after a title: prepositions, conjunctions, time adverbs
FOREIGN_NAME_WORDS = 3  # the most words of a name no list knows read after a speech verb
PLURAL_NOUN_ENDINGS = ("يون", "يين", "ات")  # «دبلوماسيون»، «نبرات»: plural nouns, no names («مسعفون»: a participle's)
DEFINITE_CLITICS = ("لل", "بال", "وال", "فال", "كال")  # a definite noun behind a clitic («للمحققين»)
NAME_ENDS_BEFORE = frozenset({"ان", "بان"})  # «أن»، «إن»، «بأن» (normal forms): what was said opens after a name
CLAUSE = 8  # words on each side of a speech cue or an event trigger where its speaker or parties are
CAPITAL_WORDS = words_of("capital")  # العاصمة
NATIONALITY_WORDS = words_of("nationality")  # الجنسية: «سوريا الجنسية» is an adjective (Syrian by nationality)
SPORTS_WORDS = words_of("sports_words")  # مباراة، المنتخب، تصفيات: a sports report, where countries listed are teams
LIST_MARKS = ("", "،", ",", "..", "…", "-", "–")  # what may stand between the teams of a list
FIXTURE_MARKS = ("×",)  # what sets two teams against each other («الصومال × النيجر»)
LIST_LINE_WORDS = 20  # a paragraph no longer than this may be a line of a list
LIST_ITEM_WORDS = 3  # the longest team no list knows that a list of teams may hold («جزر فارو»)
LIST_SKIPPED = 7  # the most words of such teams between two countries of one list
CHAMPIONS = words_of("champions")  # بطلة، وصيف: «ألمانيا بطلة العالم»: a national team
DRAW_WORDS = words_of("draw_words")  # المجموعة، القرعة: in a sports report, teams are listed with them
SPOKESPERSON_WORDS = words_of("spokesperson_words")  # متحدث، الناطق: «باسم» after them is «in the name of»
IN_THE_NAME_OF = word_of("in_the_name_of")  # باسم
EPONYM_TITLES = words_of("eponym_titles")  # الإمام: a title no list holds before an eponym's name
EPONYM_HEADS = words_of("eponym_heads")  # مستشفى، جامعة: a person's name after them names a place or body
NAME_GAP_MARKS = frozenset(':«»“”"()[]')  # never inside a person's name the recogniser found
COLON = frozenset(":")  # never inside any name it found
THROUGH, WAY = words_of("through"), words_of("way")  # «عن طريق»: by way of, no road
ROLE_KIND = "role"  # the kind of key minted for a role's holder no name was found for ("role:مدير الدفاع المدني")
SHADDA = "\u0651"
FORMER = words_of("former")  # السابق after a title: one who held it before
NAMED_AFTER_WORDS = 12  # the farthest a name follows the titles it bears
_BLOCKS = frozenset("،,.:;؛()\n")
PRONOUN_SUFFIXES = ("هما", "هم", "ها", "نا", "كم", "ه")
NAME_LINKS = words_of("name_links")
COMPLEMENTIZERS = words_of("complementizers")  # أن، بأن: what opens what was said ends a name before it
FAMILY = word_of("family")
SON_OF = words_of("son_of")  # after a name, before his father's: never a name's first word
REGNAL_NUMBERS = words_of("regnal_numbers")  # "عبدالله الثاني": a king's number, never his family name
COMPOUND_NAME_ENDS = words_of("compound_name_ends")  # "صلاح الدين"، "عبد العزيز": half a given name, never a family name
VERB_PREFIXES = tuple(sorted(words_of("verb_prefixes")))  # يست، يت: a present verb of a derived form (يستعرض، يتعهد)
NOUN_ENDINGS = ("ه", "ات", "ون")  # a word with ال that ends so (ة written ه) is a feminine or a plural noun, no family name
CLITIC_OPENERS = ("ال", "و", "ف", "ب", "ل", "ك")  # a word of no list that starts so is read as a clitic on a word, no name
GIVEN_WORDS = 3  # the most words of a name told before such a family name
GOD = word_of("god")  # الله: «يرحمه الله» after a name is a blessing, no name carried on
PLURAL_ENDINGS = ("ين", "ون")  # «قائلين»: a plural carries no name on
CARRIED_ON_DF = 100  # a word seen in fewer articles than this, right after a listed name of «بن», carries it on
FAMILY_NAME_DF = 300  # a word with ال seen in fewer articles than this may be a family name (الجبير)
HONORIFICS = words_of("honorifics")
SHEIKH = "sheikh"  # titles.tsv: the role of «الشيخ», an honorific when it follows another title
TEAMS = words_of("teams")  # الفريق: a rank, or after a title the team it heads («قائد الفريق الأول لكرة القدم»)
TITLED_WORDS = frozenset(entry[0] for entry in word_class("honorifics") if len(entry) == 1 and entry[0].startswith("ال"))  # المهندس
ORG_HEADS = frozenset(word_class("country_bodies")) | frozenset(word_class("regime_bodies"))  # a body of a
# country, named with its adjective (a regime, an administration: a body only so named, none of a state's alone)
REGIME_BODIES = words_of("regime_bodies")
ADJECTIVES_ALSO_WORDS = words_of("adjectives_also_words")  # المالي: "financial" far more often than Malian
SPORT_OF = words_of("sport_of")  # لكرة، للتنس: after a federation's name, of a sport
FOREIGN_BODIES = words_of("foreign_bodies")  # النظام: «النظام السوري» is the regime, «النظام السعودي» in a Saudi paper the law
FACILITY_QUALIFIERS = words_of("facility_qualifiers")  # الدولي، العام: «مطار القاهرة الدولي» goes on past the town
CHAMBER_WORDS = words_of("chamber_words")  # تجارة، وصناعة: «غرفة تجارة وصناعة جدة» is named after its town
TOWN_TAKES = frozenset({"town", "region"})  # institution_names.tsv: a head named after a town or a region
TOWN_TYPES = ("City", "Region")
POSSESSIVE_ENDINGS = ("ه", "ها", "هم", "هما")  # أحفاده: his grandchildren
GOVERNMENT = word_of("government")  # الحكومة: what a regime is one body with
MINISTRY = word_of("ministry")
ORG_FIRST_WORDS = frozenset({words[0] for words in ORG_HEADS} | {MINISTRY})
PAIR_WORDS = words_of("pair_words")
QUANTITY_WORDS = words_of("quantity_words")  # أول، كل، بعض: a body's name never goes on with them
STATE_WORDS = words_of("state_words")  # جمهورية، مملكة: before a country's name
DEPUTY_WORDS = words_of("deputy_words")  # before a title: another person, who serves its holder
CHAIRED_BY = words_of("chaired_by")  # برئاسة: a person follows, who chairs; no body's head
HOME_ROLES = words_of("home_roles")  # a title with no country that means the paper's own country's
PLACES_ALSO_WORDS = words_of("places_also_words")  # الخبر: a place only where a place is expected
HA_WORDS = words_of("ha_words")  # جدة: written «جده» (his grandfather), a place only after «في» or with «ب»
PLACE_PREPOSITIONS = words_of("place_prepositions")  # في، إلى: a place follows
PLACE_WORDS = PLACE_PREPOSITIONS | words_of("place_words_before")
COMPASS = words_of("compass")  # شرق، جنوب: «شرق آسيا» is a region of the continent, not the continent
CONTINENTS = words_of("continents")  # آسيا، أوروبا: the names a quarter word before makes another region's
TEAM_WORDS = words_of("team_words")  # فريق، منتخب: «فريق روما»، «منتخب كوريا الشمالية»: a team, not the place
IMPERATIVE_PLACE_WORDS = words_of("imperative_place_words")  # قم: before a word with ب, a verb («قم بإعداد»)
FRAMED_PLACE_WORDS = words_of("framed_place_words")  # صور، مشهد: a place only in its frame («مدينة مشهد»)
NAMES_ALSO_WORDS = words_of("names_also_words")  # فتح، مالي: a name only where the recogniser or a frame says so


def _by_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """Each word of some phrases -> where it stands in each phrase it is a word of, and the phrase."""
    found: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for phrase in sorted(set(phrases)):
        for k, word in enumerate(phrase):
            found.setdefault(word, []).append((k, phrase))
    return found


# مسقط رأسه (his birthplace): a phrase with a name in it that names nothing, by its words, so that
# a name meets only the idioms it is a word of
IDIOMS = _by_word(word_class("idioms"))
SPOKESPERSON = "spokesperson"  # the role (titles.tsv) of one who speaks for another (events: never a party to what they tell of)
GENERIC_ROLES = {"minister", "head", "director", "ambassador", "envoy", SPOKESPERSON, "secretary_general",
                 "deputy_minister", "deputy_foreign_minister", "deputy_prime_minister", "leader", "commander",
                 "chief_of_staff"}
THE_MINISTER = "the_minister"  # «الوزير»: the minister the text named before it (its country's, when it gives one)
MINISTERS = {"minister", "foreign_minister", "defence_minister", "interior_minister", THE_MINISTER}
PERSON_ROLES_WITH_COUNTRY = {"president", "king", "crown_prince", "deputy_crown_prince", "prime_minister",
                             "foreign_minister", "defence_minister", "interior_minister", "emir", "sultan",
                             "chancellor", "vice_president", "supreme_leader"}


HEAD_CLITICS = {"", "و", "ب", "ل", "ف", "وب", "ول", "وف"}  # what may stand before a body's head: وبمحافظة، للهيئة
CHAIN_CLITICS = {"ل", "و", "ول"}  # what may stand before a word of its name: للسياحة، والتراث
DESCRIBED_BY = words_of("descriptor_prepositions")  # في، من: after «القيادي»، «البالغ» they show a description
NOT_FAMILY_STARTS = ("و", "ف", "ل", "ب", "ك", "ي", "ت")  # a family name after «X بن Y» starts otherwise
FUTURE = ("ست", "سي", "سن")  # a verb to come: ستشارك، سيزور
DEFINITE_WRITTEN = ("ال", "وال", "لل", "ولل")  # how such a word is written (never أل: ألغت is a verb)
MAX_NAME_CHAIN = 8  # words after a body's head
NAMED_TYPES = {"Organization", "Facility", "Medium"}  # heads named by a quoted or proper name right after them
PLACE_TYPES = {"Country", "City", "Region", "Facility"}
POSTED_ROLES = {"ambassador", "envoy"}  # an office held in another state, told with where: «السفير الأمريكي لدى المملكة»
POSTED_AT = words_of("posted_at")  # لدى، في
PORTFOLIO_WORDS = words_of("portfolio_words")  # لشؤون: «مساعد وزير الدفاع لشؤون الأمن الدولي»: what the office deals with
PORTFOLIO_LENGTH = 4  # the most words of a portfolio after its word
MINTED = {"PER": ("person", "Person"), "ORG": ("organization", "Organization"), "LOC": ("place", "Place")}
COMPATIBLE = {"Person": {"PER"}, "Organization": {"ORG", "LOC"}, "Country": {"LOC", "ORG"}, "City": {"LOC", "ORG"},
              "Region": {"LOC"}, "Facility": {"LOC", "ORG"}}  # entity type -> what the recogniser may call it


class Found(NamedTuple):
    """A mention with its token range, so later stages can reason by position."""

    entity: str
    first: int
    last: int
    rule: str
    role: str | None = None
    country: str | None = None
    begin: int | None = None  # where the mention starts when its first word carries a clitic


class EntityResult:
    """The mentions found in an article and their entities. Compiled, its fields are the object's own
    (entities.pxd): the event and statement rules read them thousands of times an article."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.found: list[Found] = []
        self.pairs: list[int] = []  # token positions of "الرئيسان", "بينهما", ...
        self.by_token: dict[int, Found] = {}
        self.parts: list[Found] = []  # evidence only: the name and the title of a titled mention
        self.firsts: list[int] = []  # found[i].first, set once found is sorted

    def mint(self, kind: str, type_: str, label: str, role: str | None = None, country: str | None = None) -> str:
        """The key of an entity no list knows, named `label` (its normal form: one entity per name in an
        article), made on first use."""
        key = f"{kind}:{' '.join(normalise_phrase(label))}"
        if key not in self.entities:
            self.entities[key] = Entity(key=key, type=type_, label_ar=label, role=role, country=country)
        return key

    def sort(self) -> None:
        """Order the mentions by position, so that `between` can cut them out by bisection."""
        self.found.sort(key=lambda f: (f.first, f.last))
        self.firsts = [f.first for f in self.found]

    def between(self, lo: int, hi: int) -> list[Found]:
        """The mentions that start at a token in [lo, hi), in order: a cut, not a scan of the article."""
        return self.found[bisect.bisect_left(self.firsts, lo):bisect.bisect_left(self.firsts, hi)]

    def mentions(self, doc: Doc) -> tuple[Mention, ...]:
        """The mentions of the entities, in the order of the text; a title told with the name after it
        («الأمير» of «الأمير محمد بن سلمان») is one mention with it, not one of its own; an honorific with a
        pronoun («سموه») is none."""
        out = {}
        named_from: dict[tuple[str, int], int] = {}  # (entity, first token) -> the end of its longest mention there
        for f in self.found:
            named_from[(f.entity, f.first)] = max(named_from.get((f.entity, f.first), f.last), f.last)
        for f in self.found + self.parts:
            if f.rule == TITLE_RULE and named_from.get((f.entity, f.first), f.last) > f.last or f.rule == PRONOUN_RULE:
                continue
            span = doc.span(f.first, f.last)
            if f.begin is not None and span.begin < f.begin < span.end:
                span = Span(f.begin, span.end, doc.article.text[f.begin:span.end])
            out[(f.entity, span.begin, span.end)] = Mention(f.entity, span, f.rule)
        return tuple(out[k] for k in sorted(out, key=lambda k: (k[1], k[2], k[0])))

    def salient_people(self, n: int = 2) -> list[str]:
        counts = Counter(f.entity for f in self.found if self.entities[f.entity].type == "Person")
        return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


NAMED_BEFORE_STATE = {"Person", "Organization"}  # the kinds of name a state or an adverb follows («عيّن X مدرباً»)


def _kind(match: Match):
    return match.payload[0]


class _Finder:
    # compiled, its own attributes are fields of the object (entities.pxd): compiled code reads them
    # thousands of times an article

    def __init__(self, doc: Doc, kb: Knowledge):
        self.doc, self.kb = doc, kb
        self.result = EntityResult()
        self.day = doc.published_day
        self.home = kb.home_countries.get(doc.article.source or "")  # the paper's own country ("المملكة")
        self.titled: dict[tuple[str, str], str] = {}  # (role, country) -> person, from this text
        self.pending: list[tuple[int, int, str, str | None, str]] = []  # bare titles to resolve
        self.tagged: dict[int, Tagged] = {}  # token -> the recognised name it is in
        self.named_later: list[tuple[int, int, str | None, int]] = []  # "نظيره العراقي خالد العبيدي": a
        # counterpart whose name, no list's, follows it (first, last, country, begin)
        self.ministers_later: list[tuple[int, int, str | None, int]] = []  # «الوزير» (first, last, country, begin)
        self.title_tokens: set[int] = set()  # the tokens of the titles named ("لرئيس مجلس الوزراء")

    # -- helpers -------------------------------------------------------------------------
    def entity(self, key: str) -> Entity:
        if key not in self.result.entities:
            self.result.entities[key] = self.kb.entities[key]
        return self.result.entities[key]

    def mint(self, kind: str, type_: str, label: str, role: str | None = None, country: str | None = None) -> str:
        return self.result.mint(kind, type_, label, role, country if country in self.kb.entities else None)

    def add(self, key: str, first: int, last: int, rule: str, role=None, country=None, begin=None) -> None:
        found = tuple_new(Found, (key, first, last, rule, role, country, begin))  # Found(...), at C speed
        self.result.found.append(found)
        for i in range(first, last):
            self.result.by_token[i] = found
        if country and country in self.kb.entities:
            self.entity(country)

    def text(self, first: int, last: int) -> str:
        return self.doc.span(first, last).text

    def title_text(self, m: Match, last: int) -> str:
        """The title as written, from the match (clitics removed) to the end of token `last`-1."""
        end = self.doc.span(m.first, last).end
        return _label(self.doc.article.text[m.begin:end], m.phrase[0])

    # -- the pass over the text ------------------------------------------------------------
    def run(self) -> EntityResult:
        doc, kb = self.doc, self.kb
        matches = doc.find(kb.names)
        self.recogniser = recogniser = recogniser_for(kb)
        if recogniser is not None:
            for t in recogniser.tag(doc, gazetteer_tags(doc, kb), self.windows(matches)):
                self.tagged.update(dict.fromkeys(range(t.first, t.last), t))
        full_names = {m.payload[1] for m in matches if _kind(m) == "entity" and (m.last - m.first > 1 or (
            doc.word(m.first) in FRAMED_PLACE_WORDS and self.framed_place(m)))}  # and «مدينة مشهد» as Mashhad's
        starts: dict[int, list[Match]] = {}
        for m in matches:
            starts.setdefault(m.first, []).append(m)
            if _kind(m) == "title":
                self.title_tokens.update(range(m.first, m.last))
        home = kb.home_names.get(doc.article.source or "")
        if home is not None:  # "المملكة" in a Saudi paper
            taken = {i for m in matches for i in range(m.first, m.last)}
            for m in doc.find(home):
                if m.first not in taken and not (starts.get(m.last) and _kind(starts[m.last][0]) == "adjective"):
                    starts.setdefault(m.first, []).append(m)
        org_heads = doc.positions(ORG_FIRST_WORDS) | doc.positions(kb.institution_forms)
        pairs = doc.positions(PAIR_WORDS)
        i = 0
        for position in sorted(starts.keys() | org_heads | pairs):  # only where something can start
            if position < i:
                continue
            i = position
            if doc.skip[i]:
                continue
            here = starts.get(i)
            if not here:
                if i in pairs:
                    self.result.pairs.append(i)
                i = (self.organisation(i) or self.named_organisation(i) or self.institution(i)
                     if i in org_heads else None) or i + 1
                continue
            m = self.reading(here)
            kind = _kind(m)
            if kind == "entity" and m.last - 1 in doc.accusatives:  # «دوماً», «تركيًا»: an adverb, no name
                i = m.last
                continue
            if kind == "entity":
                key = m.payload[1]
                if kb.entities[key].type in PLACE_TYPES and self.quoted(m):
                    key = kb.media_titles.get(tuple(doc.words[m.first:m.last]))
                    if key is None:  # «...» a title, not the place
                        i = m.last
                        continue
                    m = m._replace(payload=("entity", key))  # لـ«الشرق الأوسط»: the paper, not the region
                elif not self.agrees(m, full_names) or self.in_quoted_name(m.first, m.last):
                    i = self.foreign_body(m) or self.qualified_body(m, mint=True) or m.last
                    continue
                elif (k := self.compass_before(m)) is not None:  # «شرق آسيا»، «غرب إفريقيا»: not the continent
                    removed = next(removed for removed, stem in stems(doc.word(k)) if stem in COMPASS)
                    self.add_minted("place", "Region", k, m.last, removed, "compass")
                    i = m.last
                    continue
                elif self.team_before(m):  # «فريق نجران»، «منتخب ترينيداد وتوباغو»: a team, not the place
                    self.add_minted("organization", "Organization", m.first - 1, m.last,
                                    _clitic_length(kb, doc.word(m.first - 1)), "team")
                    i = m.last
                    continue
                elif self.another_family(m):  # «د. عبدالله بن عبدالعزيز الربيعة»: not King Abdullah
                    self.add_minted(*MINTED["PER"], m.first, m.last + 1, m.begin - doc.starts[m.first], "family-name")
                    i = m.last + 1
                    continue
                self.entity(key)
                clitic = m.begin if m.begin != doc.norm.origin[doc.tokens.starts[m.first]] else None
                self.add(key, m.first, m.last, "gazetteer", begin=clitic)
                i = self.own_country_after(m)
            elif kind == "title":
                i = self.title(m, starts)
            else:  # a country adjective on its own
                self.capital_named(m, starts)
                i = m.last
        self.resolve_pending()
        self.dateline_names()
        self.unknown_names(longer=True)
        self.given_names(starts)
        self.surnames()
        self.speaking_family_names()
        self.names_after_cues()
        self.unknown_names(longer=False)
        self.counterparts_named()
        self.ministers_named_before()
        self.honorific_pronouns()
        self.drop_accusatives()
        self.drop_eponyms()
        self.drop_spoken_for()
        self.drop_team_lists()
        self.join_short_names()
        self.join_regimes()
        self.result.sort()
        return self.result

    def dateline_names(self) -> None:
        """The places, agencies and papers a byline or dateline names, each a part of it between dashes
        or before its colon that is their name and nothing else («سبق- أبها:»، «عين اليوم – واس»): mentions
        of the article, but no party, place or speaker of what it tells (the line is no sentence of it)."""
        doc, kb = self.doc, self.kb
        signs = kb.outlet_signs.get(doc.article.source or "")
        for first, last in doc.datelines:
            part = first
            for k in range(first, last + 1):
                if k < last and (k == first or DATELINE_MARKS.isdisjoint(doc.gap(k))):
                    continue
                while part < k and not _arabic(doc.word(part)):
                    part += 1  # «Next Previous عين اليوم»: the site's menu before the paper's name
                for m in doc.at(kb.names, part) + (doc.at(signs, part) if signs is not None else []):
                    if m.last == k and _kind(m) == "entity" and self.dateline_kind(m.payload[1]):
                        self.entity(m.payload[1])
                        self.result.parts.append(Found(m.payload[1], part, k, DATELINE_RULE))
                        break
                part = k

    def dateline_kind(self, key: str) -> bool:
        """An entity a dateline may name: a place, or a news outlet (never a person: a reporter's name
        that is also a listed person's is his namesake)."""
        entity = self.kb.entities[key]
        return entity.type in PLACE_TYPES or self.kb.kinds.get(key) == "media"

    def capital_named(self, m: Match, starts: dict[int, list[Match]]) -> None:
        """«في العاصمة البلجيكية»: the capital of the adjective's country, named by its frame alone (with
        no name after it: «العاصمة الفرنسية باريس» is Paris's own mention)."""
        doc, kb = self.doc, self.kb
        k = m.first - 1
        capital = kb.capitals.get(m.payload[1])
        tagged = self.tagged.get(k)
        if capital not in kb.entities or doc.gap(m.first).strip() or not CAPITAL_WORDS.intersection(
                stem for _, stem in stems(doc.word(k))) or any(_kind(n) == "entity" for n in starts.get(m.last, ())) \
                or tagged is not None and tagged.first < k and tagged.type != "LOC":
            return  # nor in a body's name the recogniser found: «شرطة العاصمة البريطانية»
        removed = next(removed for removed, stem in stems(doc.word(k)) if stem in CAPITAL_WORDS)
        self.entity(capital)
        self.add(capital, k, m.last, "capital", begin=doc.norm.origin[doc.tokens.starts[k] + removed] if removed else None)

    def honorific_pronouns(self) -> None:
        """«وعقد فخامته اجتماعاً مع سموه»: an honorific with a pronoun stands for the person named before
        it with that honorific or holding an office it is said of at the article's date, when the article
        has named one such person only (lexicons/honorific_pronouns.tsv)."""
        doc, kb = self.doc, self.kb
        positions = doc.positions(frozenset(kb.honorific_pronouns))
        if not positions:
            return
        people = sorted((f for f in self.result.found if self.result.entities[f.entity].type == "Person"),
                        key=lambda f: f.last)
        senses = set(kb.honorific_pronouns.values())
        seen: dict[tuple, set[str]] = {sense: set() for sense in senses}  # who each honorific may stand for
        i = 0
        for k in sorted(positions):
            while i < len(people) and people[i].last <= k:  # one pass over the people named, in order
                f = people[i]
                i += 1
                for sense in senses:
                    if len(seen[sense]) < 2 and self.said_of(f, *sense):
                        seen[sense].add(f.entity)
            if k in self.result.by_token or doc.skip[k]:
                continue
            pronoun = next((st for _, st in stems(doc.word(k)) if st in kb.honorific_pronouns), None)
            named = seen[kb.honorific_pronouns[pronoun]] if pronoun else set()  # with a clitic too: "لفخامته"
            if len(named) == 1:  # one such person named so far; with several, whom it means is not told here
                self.add(next(iter(named)), k, k + 1, PRONOUN_RULE)

    def said_of(self, f: Found, honorifics: frozenset[str], roles: frozenset[str]) -> bool:
        """The person named by f was named with one of the honorifics or holds one of the roles."""
        doc = self.doc
        return f.role in roles or self.day is not None and any(o.role in roles and o.held_on(self.day)
                                                               for o in self.kb.person_offices.get(f.entity, ())) \
            or any(doc.word(j) in honorifics for j in range(max(0, f.first - 4), f.first))

    def join_short_names(self) -> None:
        """A person the text names by the start of a longer name it also gives («منصور بن متعب» in the
        headline, «منصور بن متعب بن عبدالعزيز» in the body) is that one person, when only one longer
        name starts so."""
        result = self.result
        names = {k: k.split(":", 1)[1].split() for k in result.entities if k.startswith("person:")}
        into = {}
        for short, words in names.items():
            longer = [k for k, w in names.items() if len(w) > len(words) >= 2 and w[:len(words)] == words
                      and self.name_goes_on(words, w[len(words):])]
            if len(longer) == 1:
                into[short] = longer[0]
        self.merge(into)

    def join_regimes(self) -> None:
        """A state's regime and its government named in one article («النظام السوري»، «الحكومة السورية»)
        are one body: the government."""
        result = self.result
        governments = {e.country: k for k, e in result.entities.items() if e.country and body_head(k) == GOVERNMENT}
        self.merge({k: governments[e.country] for k, e in result.entities.items() if e.country in governments
                    and regime(k)})

    def merge(self, into: dict[str, str]) -> None:
        """The mentions of each entity in `into` become its target's; the entity goes."""
        if not into:
            return
        result = self.result
        renamed = {id(f): f._replace(entity=into[f.entity]) for f in result.found if f.entity in into}
        result.found = [renamed.get(id(f), f) for f in result.found]
        result.parts = [f._replace(entity=into.get(f.entity, f.entity)) for f in result.parts]
        result.by_token = {i: renamed.get(id(f)) or (f._replace(entity=into[f.entity]) if f.entity in into else f)
                           for i, f in result.by_token.items()}
        for short in into:
            del result.entities[short]

    def name_goes_on(self, name: list[str], more: list[str]) -> bool:
        """The words after a name carry it on: a father's or family's name («بن عبدالعزيز»، «آل سعود»), or
        one family name after a name with «بن» in it («عادل بن زيد الطريفي»; not «فيصل القاسم المذيع»)."""
        if more[-1] in NAME_LINKS:
            return False  # "جلوي بن عبدالعزيز بن": a name cut short
        if more[0] in NAME_LINKS:
            return True
        word = more[0]
        return len(more) == 1 and any(w in SON_OF for w in name) and word not in self.kb.title_words \
            and word not in self.kb.common_words and not word.endswith("ا")  # not «الرابط», «غناء», «أميرا»

    def drop_accusatives(self) -> None:
        """A word with the accusative's tanween is no part of a name («عيّن حسام الدين عامري مدرباً»،
        «فيصل بن عبدالعزيز ملكًا»، «وسيلعب ... إدارياً»): a mention that ends with such words ends before
        them, and its entity is named without them (a person or a body: «عيّن X مدرباً»; a place read so
        is a misreading, «وبه 38 سريراً»); a mention made of nothing else, or of a list's name, is none."""
        marked = self.doc.accusatives
        result = self.result
        if not marked or not any(f.last - 1 in marked for f in result.found + result.parts):
            return
        into: dict[str, str | None] = {}  # a minted entity -> the one named without the words (None: none)
        for f in result.found + result.parts:
            if f.last - 1 in marked and f.entity not in into and f.entity not in self.kb.entities:
                entity = result.entities[f.entity]
                words = entity.label_ar.split()
                while words and words[-1].endswith(ACCUSATIVE_ENDINGS):
                    words.pop()
                into[f.entity] = self.mint(f.entity.partition(":")[0], entity.type, " ".join(words), entity.role,
                                           entity.country) if words and entity.type in NAMED_BEFORE_STATE else None

        def trimmed(f: Found) -> Found | None:
            last = f.last
            while last > f.first and last - 1 in marked:
                last -= 1
            if last == f.first or last < f.last and f.entity in self.kb.entities:
                return None  # nothing else, or a list's name read in the word («دوماً»: Douma)
            if f.entity not in into:  # (a minted entity ending so is in `into`: this one ends as it did)
                return f
            return f._replace(entity=into[f.entity], last=last) if into[f.entity] is not None else None

        kept = {id(f): trimmed(f) for f in result.found + result.parts}
        result.found = [kept[id(f)] for f in result.found if kept[id(f)] is not None]
        result.parts = [kept[id(f)] for f in result.parts if kept[id(f)] is not None]
        by_token = {}
        for i, f in result.by_token.items():
            f = kept.get(id(f), f)
            if f is not None and i < f.last:
                by_token[i] = f
        result.by_token = by_token
        for key, new in into.items():
            if new != key:
                del result.entities[key]  # (a list's entity stays: the pipeline keeps those still named)

    def drop_eponyms(self) -> None:
        """A person's name that names a place or a body after them is no mention of the person
        («مستشفى الملك فهد»، «حدائق الشيخ محمد بن راشد»، «جائزة الملك فيصل»، «طريق الشيخ جابر الصباح»;
        a road is named with a title: «في طريق جحفلي» is "in Jahfali's way", «عن طريق الأمير» "through
        the prince")."""
        doc, result, titles = self.doc, self.result, self.kb.title_words
        self.drop({f for f in result.found if result.entities[f.entity].type == "Person" and f.first > 0
                   and not doc.gap(f.first).strip() and EPONYM_HEADS.intersection(
                       stem for _, stem in stems(doc.word(f.first - 1)))
                   and not (doc.word(f.first - 1) in WAY and (f.first > 1 and doc.word(f.first - 2) in THROUGH
                                                               or doc.word(f.first) not in titles))})

    def drop_spoken_for(self) -> None:
        """«باسم» after a spokesperson's word is «in the name of», no given name: «وقالت متحدثة باسم فيشر»،
        «المتحدث باسم كودرين» name no «باسم فيشر» (word_classes.tsv spokesperson_words)."""
        doc, result = self.doc, self.result
        self.drop({f for f in result.found if f.first > 0 and doc.word(f.first) == IN_THE_NAME_OF
                   and result.entities[f.entity].type == "Person" and f.entity not in self.kb.entities
                   and not doc.gap(f.first).strip() and SPOKESPERSON_WORDS.intersection(
                       stem for _, stem in stems(doc.word(f.first - 1)))})

    def drop_team_lists(self) -> None:
        """Countries listed one after the other in a sports report's draw or groups are national teams,
        no mention of the countries («المجموعة الثانية: البرتغال، وسويسرا، والمجر»، «بجانب جمهورية التشيك
        وايرلندا الشمالية والنرويج»، «المجموعة الأولى: هولندا.. فرنسا.. السويد»): three countries or more
        in a row, with nothing but a comma, «..», a dash or «و» between them, the first in a sentence with
        a word of draw_words or in a line of a list with one; every country of such a line that names three;
        and two set against each other by «×» («أفريقيا الوسطى × مدغشقر»: a fixture); in an article with
        three words of sports_words. Countries named otherwise stay («مونديالي روسيا 2018 وقطر 2022»،
        «معسكره في النمسا»), as do «مجموعة 5+1» and its members in a report on talks; «منتخب مصر» is named
        by its frame."""
        doc, result = self.doc, self.result
        if len(doc.positions(SPORTS_WORDS)) < 3:
            return
        drawn = {doc.sent[i] for i in doc.positions(DRAW_WORDS)}
        countries = [f for f in result.found if result.entities[f.entity].type == "Country"]
        lines = {p for p in {doc.para[f.first] for f in countries} if self.list_line(p, drawn)}
        dropped, run = set(), countries[:1]
        for f in countries[1:] + [None]:
            joined = f is not None and doc.para[f.first] == doc.para[run[-1].first] and (
                f.first == run[-1].last or self.listed_between(run[-1].last, f.first))
            if joined and doc.gap(f.first).strip() in LIST_MARKS:
                run.append(f)
                continue
            if joined and doc.gap(f.first).strip() in FIXTURE_MARKS:
                dropped.update((run[-1], f))  # a fixture: the two teams
            if len(run) >= 3 and (doc.sent[run[0].first] in drawn or doc.para[run[0].first] in lines):
                dropped.update(run)
            run = [f]
        per_line = Counter(doc.para[f.first] for f in countries if doc.para[f.first] in lines)
        dropped.update(f for f in countries if per_line[doc.para[f.first]] >= 3)  # a line of a draw's list,
        # whatever else it names («انجلترا.. سلوفاكيا.. اسكتلندا»: England and Scotland no list knows)
        dropped.update(f for f in countries if self.champion(f))
        self.drop(dropped)

    def listed_between(self, last: int, first: int) -> bool:
        """The words from token last to token first are teams no list knows, one to three words each, a
        list's mark after each and before the first («البرتغال، سويسرا، المجر، جزر فارو، لاتفيا»)."""
        doc = self.doc
        if not 0 < first - last <= LIST_SKIPPED or not doc.gap(last).strip() or not doc.gap(first).strip():
            return False
        words = 0
        for k in range(last, first):
            mark = doc.gap(k).strip()
            if mark and mark not in LIST_MARKS:
                return False
            words = 1 if mark else words + 1
            if words > LIST_ITEM_WORDS:
                return False
        return True

    def champion(self, f: Found) -> bool:
        """A country told as a champion in a sports report: «ألمانيا بطلة العالم»، «بطلة العالم ألمانيا»
        (a word of champions right after it, or one word before it)."""
        doc = self.doc
        after = f.last < len(doc.words) and not doc.gap(f.last).strip() and doc.word(f.last) in CHAMPIONS
        return after or f.first >= 2 and not doc.gap(f.first).strip() and doc.word(f.first - 2) in CHAMPIONS

    def list_line(self, paragraph: int, drawn: set[int]) -> bool:
        """The paragraph is short (a line of a list: «* المجموعة السادسة: انجلترا.. سلوفاكيا.. اسكتلندا..
        سلوفينيا..») and has a sentence of `drawn`."""
        doc = self.doc
        first, last = doc.paragraph_bounds[paragraph]
        return last - first <= LIST_LINE_WORDS and any(doc.sent[i] in drawn for i in range(first, last))

    def drop(self, dropped: set[Found]) -> None:
        """Some mentions found are none after all: they go, with their parts."""
        result = self.result
        if not dropped:
            return
        result.found = [f for f in result.found if f not in dropped]
        spans = [(f.first, f.last) for f in dropped]
        result.parts = [p for p in result.parts if not any(a <= p.first < b for a, b in spans)]
        for f in dropped:
            for i in range(f.first, f.last):
                if result.by_token.get(i) is f:
                    del result.by_token[i]

    def reading(self, here: list[Match]) -> Match:
        """Which of the names read at one place it is: the first, unless a city of the same words is
        written with its shadda or named as its country's capital («عمّان»، «العاصمة الأردنية عمان»:
        Amman, not Oman)."""
        doc, kb = self.doc, self.kb
        first = here[0]
        for m in here[1:]:
            if (m.first, m.last) != (first.first, first.last) or _kind(m) != "entity":
                continue
            city = kb.entities[m.payload[1]]
            if city.type != "City" or not city.country:
                continue
            before = {w for k in range(max(0, m.first - 3), m.first) for _, w in stems(doc.word(k))}
            capital = bool(before & CAPITAL_WORDS) and any(
                x.payload[1] == city.country for k in range(max(0, m.first - 3), m.first)
                for x in doc.at(kb.names, k) if _kind(x) in ("entity", "adjective"))
            if SHADDA in doc.article.text[m.begin:m.end] or capital:
                return m
        return first

    def windows(self, matches: list[Match]) -> list[tuple[int, int]]:
        """Where the recogniser looks (it costs about 10 us a word): around speech cues and event
        triggers (their speakers and parties), one-word gazetteer names (is it that name?), given
        names and the words that start an organisation's name (unknown people and bodies)."""
        doc, kb = self.doc, self.kb
        around = [(m.first, m.first - CLAUSE, m.last + CLAUSE)  # (anchor, first, last)
                  for m in [*doc.find(kb.cues), *doc.find(kb.reported_cues)]]
        around += [(m.first, m.first - CLAUSE, m.last + CLAUSE) for m in doc.find(kb.triggers)]
        around += [(m.first, m.first - 2, m.last + 3) for m in matches if m.last - m.first == 1 and _kind(m) == "entity"]
        around += [(i, i - 1, i + 4) for w in doc.meets(kb.given_names) for i in doc.word_positions[w]]
        around += [(i, i, i + 5) for i in doc.positions(ORG_FIRST_WORDS) | doc.positions(kb.institution_words)]
        bounds, sent = doc.sentence_bounds, doc.sent
        return [(max(first, bounds[sent[anchor]][0]), min(last, bounds[sent[anchor]][1]))
                for anchor, first, last in around]  # a name never runs over a sentence end

    def frame_before(self, first: int) -> str | None:
        """The kind a frame word right before token `first` names (مدينة X: LOC; صحيفة X: ORG), if any."""
        if first == 0 or self.doc.gap(first).strip():
            return None
        return self.kb.frames.get(stems(self.doc.word(first - 1))[-1][1])

    def adjective_at(self, k: int) -> bool:
        """A country adjective starts at token k, written right after the word before it
        («القاعدة التركية»، «مشهد الإيرانية»)."""
        return not self.doc.gap(k).strip() and any(_kind(x) == "adjective" for x in self.doc.at(self.kb.names, k))

    def framed_place(self, m: Match) -> bool:
        """A one-word place named in a frame: a place word right before it (مدينة مشهد) or a country
        adjective right after it (مشهد الإيرانية، صور اللبنانية)."""
        return self.frame_before(m.first) == "LOC" or self.adjective_at(m.last)

    def agrees(self, m: Match, full_names: set[str]) -> bool:
        """Whether a gazetteer name stands for its entity here. A name of two words or more always
        does; a function word (كيف) never. Otherwise one word does when a frame names its kind
        (العاصمة X، صحيفة X، منتخب X); when the recogniser tags it as another kind of name or joins
        another name to it (ريال مدريد is not Madrid, جورج شولتز is not Scholz), it does not; a word
        that is mostly no name (مالية، ترأس: NewsFANE's annotators left it out of names) needs the
        recogniser's agreement, and so does a person's one word unless the article gives their
        longer name, and a place's word read through the ك of comparison (كسرت is a verb, كمصر
        "like Egypt"); an organisation's one word followed by a country adjective (القاعدة التركية) is a
        common noun. With no model shipped, every name but a function word stands."""
        doc, kb = self.doc, self.kb
        if kb.entities[m.payload[1]].type == "Person" and doc.word(m.first - 1) in NAME_LINKS \
                and not doc.gap(m.first).strip():
            return False  # "فهد بن سلطان بن عبدالعزيز" is not Sultan bin Abdulaziz but his son
        if kb.entities[m.payload[1]].type == "Country" and doc.word(m.last) in SPORT_OF and not doc.gap(m.last).strip():
            return False  # «الاتحاد الروسي لكرة القدم»: a sport's federation, not the state
        if m.last - m.first > 1:
            return self.foreign_adjective(m) is None and not self.carried_on(m) and self.qualified_body(m) is None
        word = stems(doc.word(m.first))[-1][1]
        if word in kb.function_words or doc.word(m.first) in kb.function_words:
            return False
        if any(st in IDIOMS and self.in_idiom(m, IDIOMS[st]) for _, st in stems(doc.word(m.first))):
            return False  # "مسقط رأس والده": his father's birthplace, not Muscat; "أذان المغرب": no Morocco
        entity = kb.entities[m.payload[1]]
        if entity.type == "Country" and word.startswith("ال") and not doc.word(m.first).startswith(PREPOSED) \
                and self.after_definite_noun(m.first):
            return False  # "البنوك السعودية"، "العلاقات السعودية اللبنانية": the adjective, not the country
            # (but "الإصلاحات بالعراق": an adjective takes no preposition)
        if entity.type == "Country" and self.nationality_adjective(m.first):
            return False  # «سوريا الجنسية» (Syrian by nationality)
        if self.recogniser is None:
            return True
        frame = self.frame_before(m.first)
        if frame is not None:
            return frame == coarse_type(entity.type)
        if word in IMPERATIVE_PLACE_WORDS and doc.word(m.last).startswith("ب") and not doc.gap(m.last).strip():
            return False  # "قم بإعداد قائمة" (make a list): the imperative, not Qom
        if word in FRAMED_PLACE_WORDS:  # "في صور" (in pictures), "بمشهد عام" (a scene): Tyre and Mashhad in their
            return self.framed_place(m) or (  # frame («مدينة مشهد», «مشهد الإيرانية»), and after في where the
                m.payload[1] in full_names and doc.word(m.first - 1) in PLACE_WORDS)  # article has named it so
        if entity.type == "Organization" and self.adjective_at(m.first + 1):
            return False
        if kb.is_media(m.payload[1]):
            if self.quoted(m, "«\"“(", "»\"”)"):
                return True  # «الشرق الأوسط», (واس): a paper or an agency credited
            if word.startswith("ال"):
                return False  # "الأمة العربية" is no channel: a name that is a word of the news needs its frame
        if word in PLACES_ALSO_WORDS and not (word != doc.word(m.first) or doc.word(m.first - 1) in PLACE_WORDS):
            return False  # "رابط الخبر" (the news) is not Khobar; "في الخبر", "بالخبر" is
        if word in HA_WORDS:
            written = undecorated(doc.span(m.first, m.last).text)
            if written.endswith("ه") and not (written.startswith("ب") or doc.word(m.first - 1) in PLACE_PREPOSITIONS):
                return False  # «جده» (his grandfather; «وجده»: found it) is not «جدة»; «في جده»، «بجده» is
        tagged = self.tagged.get(m.first)
        if tagged is None and entity.type in PLACE_TYPES and doc.clitics(m.first, m.begin).endswith("ك"):
            return False  # read through ك ("like"), a place needs the recogniser: «كسرت» (broke), «كسبها» (won it)
        if tagged is None:
            if entity.type == "Person":  # or a headline's subject: "بوتفليقة يهنئ السيسي"
                return m.payload[1] in full_names or self.headline_subject(m)
            if word in NAMES_ALSO_WORDS:  # "الحرص هو القاعدة", "عند فتح تفاصيل": the recogniser's word, a place's,
                return entity.type in PLACE_TYPES and doc.word(m.first - 1) in PLACE_WORDS \
                    or m.payload[1] in full_names  # or the article's own short name for "تنظيم القاعدة"
            return word not in self.recogniser.not_names
        if tagged.type not in COMPATIBLE[entity.type]:
            return False
        if word in NAMES_ALSO_WORDS and m.payload[1] not in full_names and not self.quoted(m, "«\"“(", "»\"”)") \
                and not self.listed_with(m, entity.type) \
                and not (entity.type in PLACE_TYPES and doc.word(m.first - 1) in PLACE_WORDS):
            return False  # «إعادة فتح البرنامج»، «فتح باب القبول»، «القاعدة البحرية»، «دعم مالي»: a word the
            # recogniser took for the name, which needs its full name in the article, quotation marks,
            # others of its kind listed with it («السنغال ومالي وبنين»، «طالبان والقاعدة») or a place's preposition
        if entity.type == "Person" and m.last - m.first == 1 and tagged.first == m.first \
                and (tagged.last > m.last or getattr(self.tagged.get(m.last), "first", None) == m.last) \
                and doc.word(m.last) in kb.given_names and not doc.gap(m.last).strip() \
                and not any(_kind(x) == "entity" and kb.entities[x.payload[1]].type == "Person"
                            for x in doc.at(kb.names, m.last)):
            return False  # «هادي حمود الجبوري»: a listed one-word name opening a longer one, a father's given
            # name after it, is another's given name (but «السيسي محمد بن سلمان»: two listed people)
        if entity.type == "Person" and any(x.payload[1] != m.payload[1] and _kind(x) == "entity"
                                           and kb.entities[x.payload[1]].type == "Person"
                                           for j in (tagged.first, tagged.last - 1) if j != m.first
                                           for x in doc.at(kb.names, j)):
            return True  # "بوتفليقة يهنئ السيسي": two people the recogniser ran together
        if entity.type == "Person" and tagged.last == m.last and tagged.first < m.first:
            label = normalise_phrase(entity.label_ar)  # "خالد محفوظ بحاح" is Khaled Bahah: his given name,
            if len(label) > 1 and doc.word(tagged.first) == label[0]:  # a middle name, then the listed one
                return True
        return all(j == m.first or self.joinable(j) for j in range(tagged.first, tagged.last))

    def carried_on(self, m: Match) -> bool:
        """A listed person's name of «بن» with a family name right after it that it does not hold, read by
        the recogniser in one name with it or ending the name there: another's name it opens («أحمد بن
        عبدالعزيز قطان», the ambassador, is not Prince Ahmed bin Abdulaziz)."""
        doc, kb = self.doc, self.kb
        entity = kb.entities[m.payload[1]]
        if entity.type != "Person" or not any(doc.word(j) in SON_OF for j in range(m.first, m.last)) \
                or m.last >= len(doc.words) or doc.gap(m.last).strip():
            return False
        word, tagged = doc.word(m.last), self.tagged.get(m.last)
        ends = m.last + 1 >= len(doc.words) or bool(doc.gap(m.last + 1).strip())
        read = tagged is not None and tagged.type == "PER" and tagged.first < m.last
        if not (read or ends) or not ends and self.written_definite(m.last + 1) \
                or doc.word(m.last - 2) == FAMILY or word in kb.given_names \
                or word.endswith(PLURAL_ENDINGS):
            return False  # the recogniser reads the word in the name, or the name ends with it («قطان،»), and
            # it governs no definite word («محمد بن سلمان هديتي الكلية»، «طياري التحالف»: gifts, pilots); no
            # family ends the listed name («… آل سعود وسام الأسد»), no other's given name or a plural
            # follows it («محمد بن سلمان قائلين»)
        return self.family_word(word) and kb.common_words.get(word, 0) < CARRIED_ON_DF and not word.startswith("ال") \
            and _arabic_or_latin_name(word) and word not in kb.title_words and m.last not in self.cues_at \
            and m.last not in self.triggers_at and not _future_verb(kb, word) and not doc.at(kb.names, m.last) \
            and not _preposition_and_word(kb, word) \
            and doc.word(m.last + 1) != GOD and word not in normalise_phrase(entity.label_ar)  # (not a blessing:
        # «… يرحمه الله»)

    def listed_with(self, m: Match, entity_type: str) -> bool:
        """The one-word name m is listed with another name of the same type, joined to it by و
        («السنغال ومالي وبنين»، «في ليبيا والجزائر ومالي»)."""
        doc, kb = self.doc, self.kb
        neighbours = []
        if doc.word(m.first).startswith("و") and m.first > 0 and not doc.gap(m.first).strip():
            neighbours.append(m.first - 1)
        if m.last < len(doc.words) and doc.word(m.last).startswith("و") and not doc.gap(m.last).strip():
            neighbours.append(m.last)
        return any(_kind(x) == "entity" and x.payload[1] != m.payload[1] and kb.entities[x.payload[1]].type == entity_type
                   for j in neighbours for x in doc.at(kb.names, j) if x.first == j or x.last == j + 1)

    def in_idiom(self, m: Match, idioms: list[tuple[int, tuple[str, ...]]]) -> bool:
        """The one-word name m is the word at place i of one of `idioms` (i, idiom) here, the
        idiom's other words written around it with nothing between."""
        doc = self.doc
        for i, idiom in idioms:
            first = m.first - i
            written = idiom[:i] + (doc.word(m.first),) + idiom[i + 1:]  # the name as written, clitics and all
            if first >= 0 and tuple(doc.words[first:first + len(idiom)]) == written \
                    and not any(doc.gap(k).strip() for k in range(first + 1, first + len(idiom))):
                return True
        return False

    def headline_subject(self, m: Match) -> bool:
        """A name that opens its sentence, with a present verb right after it (a headline's order:
        "بوتفليقة يهنئ السيسي")."""
        doc = self.doc
        after = doc.word(m.last)
        return m.first == doc.sentence_bounds[doc.sent[m.first]][0] and not doc.gap(m.last).strip() \
            and after[:1] in "يت" and len(after) > 3 and (m.last in self.cues_at or not _ordinary(self.kb, after))

    def countries_after(self, m: Match) -> tuple[str | None, list[Match]]:
        """The country of a body named by `m` and the names at the word right after it, where a
        country or its adjective may stand ("شركة أرامكو السعودية", "الدفاع المدني اللبناني");
        (None, []) for a name of no one country's body."""
        doc, kb = self.doc, self.kb
        entity = kb.entities[m.payload[1]]
        if entity.type != "Organization" or not entity.country or doc.gap(m.last).strip():
            return None, []
        return entity.country, doc.at(kb.names, m.last)

    def own_country_after(self, m: Match) -> int:
        """Past a body's own country named right after it, which is part of its name ("شركة أرامكو
        السعودية" names no country)."""
        country, after = self.countries_after(m)
        return next((x.last for x in after if x.payload[1] == country), m.last)

    def in_quoted_name(self, first: int, last: int) -> bool:
        """The name is one word of a short quoted name («بترو فيتنام»، «أوشان بنك»): a company's or a
        title's, not the place."""
        text = self.doc.article.text
        span = self.doc.span(first, last)
        opened = text.rfind("«", max(0, span.begin - 30), span.begin)
        if opened < 0 or "»" in text[opened:span.begin]:
            return False
        closed = text.find("»", span.end, span.end + 30)
        if closed < 0:
            return False
        inside = text[opened + 1:closed]
        return inside.strip() != span.text.strip() and len(inside.split()) <= 4

    def foreign_adjective(self, m: Match) -> Match | None:
        """Another country's adjective right after a body of one country's name: "الدفاع المدني
        اللبناني" is not Saudi Arabia's civil defence."""
        country, after = self.countries_after(m)
        return next((x for x in after if _kind(x) == "adjective" and x.payload[1] != country), None)

    def foreign_body(self, m: Match) -> int | None:
        """The end of a body named by another country's body and that country's adjective, as an
        entity of its own ("الدفاع المدني اللبناني"); None when the name is not one."""
        if m.last - m.first < 2 or (adjective := self.foreign_adjective(m)) is None:
            return None
        begin = m.begin if m.begin != self.doc.starts[m.first] else None
        label = self.doc.article.text[m.begin:self.doc.span(adjective.first, adjective.last).end]
        self.add(self.mint("organization", "Organization", label, country=adjective.payload[1]),
                 m.first, adjective.last, "gazetteer:foreign", begin=begin)
        return adjective.last

    def qualified_body(self, m: Match, mint: bool = False) -> int | None:
        """A body's name of two words or more with a word right after it that makes it another body
        (word class body_qualifiers: «مجلس الأمن الوطني العراقي»، «مجلس الأمن القومي الإيراني» are
        no Security Council), with the country adjective after it, if any: where that body's name
        ends (with `mint`, as an entity of its own), None when the name is not so qualified."""
        doc, kb = self.doc, self.kb
        if kb.entities[m.payload[1]].type != "Organization" or m.last - m.first < 2 or m.last >= len(doc.words) \
                or doc.gap(m.last).strip() or doc.word(m.last) not in BODY_QUALIFIERS:
            return None
        end = m.last + 1
        adjective = next((x for x in doc.at(kb.names, end) if _kind(x) == "adjective"), None) \
            if end < len(doc.words) and not doc.gap(end).strip() else None
        end = adjective.last if adjective is not None else end
        if mint:
            begin = m.begin if m.begin != doc.starts[m.first] else None
            label = doc.article.text[m.begin:doc.span(end - 1, end).end]
            self.add(self.mint("organization", "Organization", label,
                               country=adjective.payload[1] if adjective is not None else None),
                     m.first, end, "gazetteer:qualified", begin=begin)
        return end

    def quoted(self, m: Match, openers: str = "«\"“", closers: str = "»\"”") -> bool:
        """The name stands alone in quotation marks («الرياض», "الشرق الأوسط"): a title (of a paper,
        a programme), not the place."""
        text, end = self.doc.article.text, self.doc.span(m.first, m.last).end
        return m.begin > 0 and text[m.begin - 1] in openers and text[end:end + 1] in tuple(closers)

    def joinable(self, j: int) -> bool:
        """A word the recogniser may tag beside a name without making it another name: a common
        word, a title, a country adjective, or a name of its own in the gazetteers."""
        word = self.doc.word(j)
        return _ordinary(self.kb, word) or bool(self.doc.at(self.kb.names, j))

    def unknown_names(self, longer: bool) -> None:
        """Names the recogniser found that no list knows: an entity of their own, keyed by the
        normal form of the name. `longer`: names of two words or more (first), else one word."""
        doc, kb = self.doc, self.kb
        named = {f.entity for f in self.result.found}
        for t in dict.fromkeys(self.tagged.values()):  # a name overlapped whole by a later one is gone
            first, last, kind = t.first, t.last, t.type
            while first < last and (first in self.cues_at or first in self.triggers_at
                                    or _future_verb(kb, doc.word(first))):
                first += 1  # "وزار السعودية"، "وسيبحث كارتر": a verb that opens the span is no part of the name
            breaks = NAME_GAP_MARKS if kind == "PER" else COLON  # (a body's name may hold a quoted name)
            last = next((j for j in range(first + 1, last) if not breaks.isdisjoint(doc.gap(j))), last)
            # "قال ياسر القحطاني: «الحمد لله»": a person's name ends before a colon or a quotation mark
            if kind == "ORG" and self.given_and_family(first, last):
                kind = "PER"  # "الناطق الإعلامي بصحة الطائف سراج الحميدان": a person the recogniser took for a body
            if kind == "PER" and last - first == 2 and doc.word(first).startswith("و") and any(
                    _kind(x) == "entity" and x.last == last and x.payload[1] in named for x in doc.at(kb.names, first + 1)):
                first += 1  # «وساق كيري»: a verb with «و» before the name of one the article names in full (not
                # «وريتشارد هاموند»: another of that name)
            if kind == "PER":  # "ينحدر حسين حبري", "تيلور الضعيف": common words at the edges are not the name
                if doc.word(first) in SON_OF and first > 0 and not doc.gap(first).strip() and first - 1 not in \
                        self.result.by_token and _arabic_or_latin_name(doc.word(first - 1)) \
                        and doc.word(first - 1) not in kb.function_words and doc.word(first - 1) not in HONORIFICS:
                    first -= 1  # "[مساعد] بن محمد العيبان": a name does not start with بن; the window began too late
                while first < last and ((_ordinary(kb, doc.word(first)) or _verb_like(kb, doc.word(first))
                                         or _clitic_and_noun(kb, doc.word(first))
                                         and doc.word(first + 1) not in kb.given_names)
                                        and doc.word(first + 1) not in SON_OF
                                        or first in self.cues_at or first in self.triggers_at
                                        or doc.word(first) in TITLED_WORDS and last - first > 2):
                    first += 1  # but "مساعد بن محمد": a word before بن is a name, however common; "زار كارتر";
                    # "لكوكب بلوتو": a common noun behind a preposition opens no name (but "لصدام حسين"); nor a
                    # rank («العريف أحمد جعفر حسن المجيشي»)
                honoured = first > 0 and doc.word(first - 1) in HONORIFICS and not doc.gap(first).strip() \
                    and last - first == 2 and doc.word(first) in kb.given_names \
                    and not doc.word(last - 1).startswith(("لل", "بال")) and doc.word(last - 1) not in kb.function_words
                while last > first and (len(doc.word(last - 1)) < 2 or doc.word(last - 1) in COMPLEMENTIZERS):
                    last -= 1  # "قال السوهاجي لـ«عكاظ»": the preposition written apart is no part of the name,
                    # nor what opens what was said («السفير علاء يوسف بأن»)
                while last > first and not honoured and (_ordinary(kb, doc.word(last - 1)) or _verb_like(kb, doc.word(last - 1))
                                                         or doc.word(last - 1).startswith(("لل", "بال"))) \
                        and doc.word(last - 2) not in NAME_LINKS:
                    last -= 1  # but "عبدالله بن مساعد": a word after بن is a name, however common; and
                    # "اللواء منصور التركي": after a rank, a given name and a family name, however common
                if last - first == 2 and doc.word(first) in kb.given_names_also_words \
                        and _preposition_and_word(kb, doc.word(first + 1)):
                    continue  # "سعيد بعودة" (glad of a return): a noun with a preposition is no family name
                if first < last and doc.word(last) == FAMILY and _arabic_or_latin_name(doc.word(last + 1)) \
                        and not doc.gap(last).strip() and not doc.gap(last + 1).strip():
                    last += 2  # "تميم بن حمد آل ثاني": the family is the name's end
                elif last - first >= 3 and doc.word(last - 2) in SON_OF and self.family_name_at(last):
                    last += 1  # "المهندس صالح بن حسين قدح": the family name after the father's
                elif last - first in (2, 3) and all(doc.word(j) in kb.given_names for j in range(first, last)) \
                        and self.family_name_at(last) and (last - first == 2 or not doc.word(last).endswith(NOUN_ENDINGS)) \
                        and (doc.word(last) not in kb.common_words or _nisba(kb, doc.word(last))):
                    last += 1  # «المواطن خالد محمد القحطاني»، «محمد مهدي علام»: his and his father's given names
                    # (and his grandfather's: «محمد علي ياسين العمري»), then the family's (a word of no list, or a
                    # family's adjective; not «خالد محمد الوفد»)
            else:  # "البرلمان أحمد المساري", "جامعة أكسفورد ستشارك": a person or a verb is no part of a body's name
                last = next((j for j in range(first + 1, last) if self.starts_person(j) or doc.word(j).startswith(FUTURE)
                             or j in self.cues_at or doc.word(j) in QUANTITY_WORDS or doc.word(j) in TITLED_WORDS
                             or j in self.relative_dates_at),  # nor a day («الاتحاد الروسي لكرة القدم الأربعاء»;
                            # a month may be in a name: «قوى 14 آذار»)
                            last)  # "الجامعة أول فوج"، "للمعاهد المهندس سهل": a rank or honorific starts a person
            if (last - first > 1) != longer or first >= last or any(doc.skip[j] for j in range(first, last)):
                continue
            if any(j in self.result.by_token or j in self.months_at or j in self.title_tokens
                   for j in range(first, last)):
                continue  # known already, a date (نيسان/أبريل), or part of a title ("لرئيس مجلس الوزراء")
            if last - first == 1 and (kind == "PER" or doc.word(first) in kb.common_words or len(doc.word(first)) < 3
                                      or doc.at(kb.names, first) or self.in_quoted_name(first, last)
                                      or self.adjective_of_noun(first)):
                continue  # one word alone: a surname of someone named in full, a common word, a listed name
                # that stands for nothing here ("البيانات المجمعة"), or an adjective ("الأمن القومي العربي")
            removed = _clitic_length(kb, doc.word(first)) or self.listed_after_and(first, kind)
            self.add_minted(*MINTED[kind], first, last, removed, f"recogniser:{kind}")

    def add_minted(self, kind: str, type_: str, first: int, last: int, removed: int, rule: str) -> None:
        """A mention of tokens first to last of an entity no list knows, named by their text less the
        `removed` clitic letters written on the first token («وغرب إفريقيا»: «غرب إفريقيا»)."""
        doc = self.doc
        start = doc.starts[first] + removed
        self.add(self.mint(kind, type_, doc.article.text[start:doc.span(first, last).end]), first, last, rule,
                 begin=start if removed else None)

    def listed_after_and(self, first: int, kind: str) -> int:
        """1 where the name at token first is told with و on it, a word of letters no list or the news
        knows, that joins it to a list: the article also writes it without the و after a comma («،
        وعفيفي عبدالوهاب سفير مصر» and «السفير عفيفي عبدالوهاب»), or a name of the same kind comes right
        before it («أفغانستان وباكستان وتركستان»); but «وليام سكاباس» told once is William's."""
        doc, kb = self.doc, self.kb
        word = doc.word(first)
        stem = word[1:]
        if not word.startswith("و") or len(stem) < 3 or not _arabic_or_latin_name(stem) or _ordinary(kb, word) \
                or word in kb.given_names or doc.at(kb.names, first):
            return 0
        return int(len(stem) >= 4 and "،" in doc.gap(first) and stem in doc.word_set
                   or self.named_before(first, kind))

    def named_before(self, first: int, kind: str) -> bool:
        """A name of this kind (PER, ORG, LOC) ends right before token first, nothing written between."""
        doc = self.doc
        if first == 0 or doc.gap(first).strip():
            return False
        before = self.result.by_token.get(first - 1)
        if before is not None:
            return before.last == first and coarse_type(self.result.entities[before.entity].type) == kind
        tagged = self.tagged.get(first - 1)
        return tagged is not None and tagged.last == first and tagged.type == kind

    def given_and_family(self, first: int, last: int) -> bool:
        """Tokens [first, last) are a given name and a family name: two words, the first a given name,
        the second a definite word of letters, neither heading a body («سراج الحميدان»، «يوسف الخميس»)."""
        doc, kb = self.doc, self.kb
        if last - first != 2 or doc.word(first) not in kb.given_names or not doc.word(first + 1).startswith("ال") \
                or doc.article.text[doc.span(first, first + 1).end:doc.span(first + 1, last).begin].strip():
            return False  # (nothing between them as written: «عبدالله ـ الدمام» is a byline)
        return not any(stem.removeprefix("ال") in kb.institution_heads or stem in ORG_FIRST_WORDS
                       for j in (first, first + 1) for _, stem in stems(doc.word(j)))

    def team_before(self, m: Match) -> bool:
        """A listed place is named right after a team's word («فريق روما الإيطالي»، «مع فريق نجران»، «منتخب
        كوريا الشمالية»): the name is the team's (a club, a national side), not the place's."""
        doc = self.doc
        return self.kb.entities[m.payload[1]].type in PLACE_TYPES and m.first > 0 and not doc.gap(m.first).strip() \
            and m.first - 1 not in self.result.by_token and any(stem in TEAM_WORDS for _, stem in stems(doc.word(m.first - 1)))

    def compass_before(self, m: Match) -> int | None:
        """The first token of the quarter words right before a continent's name («جنوب شرق آسيا»، «غرب
        إفريقيا»، «وسط أوروبا»): the region they name is a part of it, not it; None if none."""
        doc = self.doc
        if m.last - m.first != 1 or doc.word(m.first) not in CONTINENTS:
            return None  # (but «جنوب البحر الأحمر»، «شمال القوقاز»: the sea, the mountains themselves)
        k = m.first
        while k > 0 and k > m.first - 2 and not doc.gap(k).strip() and k - 1 not in self.result.by_token \
                and any(stem in COMPASS for _, stem in stems(doc.word(k - 1))):
            k -= 1
        return k if k < m.first else None

    def another_family(self, m: Match) -> bool:
        """A listed person's name of a father's name («X بن Y») goes on with a family name the list does
        not give («عبدالله بن عبدالعزيز الربيعة»، «عبدالله بن عبدالعزيز الموسى»): another man of the same
        given names, not the one listed."""
        doc = self.doc
        return self.kb.entities[m.payload[1]].type == "Person" and m.last - m.first >= 3 \
            and any(doc.word(j) in SON_OF for j in range(m.first + 1, m.last - 1)) and m.last < len(doc.words) \
            and doc.word(m.last).startswith("ال") and doc.word(m.last)[2:] not in self.kb.common_words \
            and self.family_name_at(m.last)  # (not «القائد الأعلى»، «المشرف العام»: a role after the name)

    def family_name_at(self, j: int) -> bool:
        """Token j, right after a name, may be its family name: a word of letters that is no common or
        function word, title, cue, trigger or mention, with nothing written between, that does not
        start as a clitic or a present verb does («وشارع»، «للإيقاف»، «يتفقد»), and, definite
        («محمد بن عثمان القرني»), does not describe the person instead (`describes`)."""
        doc, kb = self.doc, self.kb
        word = doc.word(j)
        return j < len(doc.words) and not doc.gap(j).strip() and _arabic_or_latin_name(word) and len(word) > 2 \
            and not word.startswith(NOT_FAMILY_STARTS) and not _ordinary(kb, word) and word not in STOP \
            and word not in kb.title_words and j not in self.result.by_token and j not in self.cues_at \
            and j not in self.triggers_at and not doc.skip[j] and not (word.startswith("ال") and self.describes(j))

    def describes(self, j: int) -> bool:
        """Definite token j after a name describes what it names rather than being its family name: a
        feminine adjective («مدرسة أسامة بن زيد الابتدائية»: a school's name goes on), or a word of the
        news without its article («قيادي»، «معروف») with a preposition after it («القيادي في الحزب»،
        «المعروف ببندار»، «البالغ من العمر»); «القرني في تصريح» is a family name (قرني is no word)."""
        doc, kb = self.doc, self.kb
        word = doc.word(j)
        if word.endswith("يه"):
            return True
        after = doc.word(j + 1) if j + 1 < len(doc.words) else ""
        return word[2:] in kb.common_words and (after in DESCRIBED_BY or after[:1] in ("ب", "ل"))

    def starts_person(self, j: int) -> bool:
        """A title, a given name or a known person's name starts at token j."""
        doc, kb = self.doc, self.kb
        return doc.word(j) in kb.given_names or not kb.title_words.isdisjoint(st for _, st in stems(doc.word(j))) \
            or any(_kind(m) == "title" or _kind(m) == "entity" and kb.entities[m.payload[1]].type == "Person"
                   for m in doc.at(kb.names, j))

    def organisation(self, i: int) -> int | None:
        """وزارة الدفاع الروسية، الحكومة الروسية: an organisation head followed by a country adjective."""
        doc, kb = self.doc, self.kb
        readings = stems(doc.word(i))
        if not any(stem in ORG_FIRST_WORDS for _, stem in readings):
            return None
        for removed, stem in readings:
            head_len = 0
            for words in ORG_HEADS:
                if words[0] == stem and tuple(doc.word(i + k) for k in range(1, len(words))) == words[1:]:
                    head_len = max(head_len, len(words))
            if not head_len and stem == MINISTRY and i + 1 < len(doc.words):
                head_len = 2
            if head_len:
                break
        else:
            return None
        j = i + head_len
        for m in doc.at(kb.names, j):
            if _kind(m) == "adjective" and doc.para[m.first] == doc.para[i] \
                    and not (stem in FOREIGN_BODIES and m.payload[1] == self.home) \
                    and not (stem in REGIME_BODIES and (doc.word(m.first) in ADJECTIVES_ALSO_WORDS
                                                        or doc.word(m.last).startswith("ل") and not doc.gap(m.last).strip())):
                # («النظام المالي» is the financial system; «الإدارة الأمريكية لدراسة المحيطات» a body of its own name)
                country = m.payload[1]
                begin = doc.norm.origin[doc.tokens.starts[i] + removed]
                label = _label(doc.article.text[begin:m.end], stem)
                key = self.mint("organization", "Organization", label, country=country)
                self.add(key, i, m.last, "organisation-pattern", country=country, begin=begin)
                return m.last
        return None

    def named_organisation(self, i: int) -> int | None:
        """شركة فلاشبوينت الأمريكية، مركز «تنسيق المصالحة في سوريا»: a kind of body and its name
        (quoted, or one or two words that are not common words); the name is the label."""
        doc = self.doc
        removed, head = next(((r, self.kb.institution_heads[stem]) for r, stem in stems(doc.word(i))
                              if stem in self.kb.institution_heads), (0, None))
        if head is None or "proper" not in head.takes or head.role not in NAMED_TYPES or i + 1 >= len(doc.words):
            return None
        type_ = head.role
        gap = doc.gap(i + 1)
        text = doc.article.text
        if any(q in gap for q in "«\"“"):
            open_at = doc.starts[i + 1] - 1
            closer = {"«": "»", '"': '"', "“": "”"}.get(text[open_at])
            close_at = text.find(closer, open_at + 1) if closer else -1
            if close_at < 0 or len(text[open_at + 1:close_at].split()) > 6 or "\n" in text[open_at:close_at]:
                return None
            last = doc.token_at(close_at - 1) + 1
            begin, end = open_at + 1, close_at
            known = next((m for m in doc.at(self.kb.names, i + 1) if _kind(m) == "entity" and m.last == last), None)
            if known is not None:  # "موقع «تويتر»": the name a list knows
                self.entity(known.payload[1])
                self.add(known.payload[1], i + 1, last, "gazetteer")
                return last
        else:
            last = i + 1
            while last < len(doc.words) and last - i <= 2 and not doc.gap(last).strip() and \
                    doc.word(last) not in self.kb.common_words and not doc.word(last).startswith("ال") and \
                    _arabic_or_latin_name(doc.word(last)) and doc.word(last) not in STOP and \
                    not doc.at(self.kb.names, last) and last in self.tagged and not doc.word(last).endswith(POSSESSED):
                last += 1  # not "مكتب موغيريني", "اتحاد أوروبي" (a name of its own, an adjective), nor "شركة دواء"
                # (a word the recogniser does not take for a name), nor «شركة نتائجها» (a noun of its own)
            if last == i + 1:
                return None
            begin, end = doc.starts[i + 1], doc.span(i + 1, last).end
        return self.name_after_head(i, removed, last, begin, end, type_)

    def name_after_head(self, i: int, removed: int, last: int, begin: int, end: int, type_: str) -> int | None:
        """The name after the head at token i (`removed` letters of clitics before it), text[begin:end]
        ending token last-1: the mention, with the head and the name as its evidence («منظمة
        اليونيسيف», «جامعة أكسفورد»)."""
        doc = self.doc
        label = doc.article.text[begin:end].strip()
        if not label:
            return None
        type_ = "Organization" if type_ == "Medium" else type_
        key = self.mint("organization" if type_ == "Organization" else "place", type_, label)
        self.add(key, i + 1, last, "named-organisation", begin=begin)
        head_begin = doc.norm.origin[doc.tokens.starts[i] + removed]
        self.result.parts.append(Found(key, i, last, "named-organisation", begin=head_begin if removed else None))
        return last

    def institution(self, i: int) -> int | None:
        """A body, a building or a place that no list knows, named by a head noun and what follows it
        (mappers/lexicons/institution_names.tsv): «الهيئة العامة للسياحة والتراث الوطني», «جامعة
        الملك سعود», «محافظة الدوادمي». The whole phrase is the name; its end, one past the last token."""
        doc, kb = self.doc, self.kb
        head = next(((removed, stem) for removed, stem in stems(doc.word(i))
                     if doc.word(i)[:removed] in HEAD_CLITICS and (stem in kb.institution_heads or
                                                                  stem[2:] in kb.institution_heads and stem[:2] == "ال")), None)
        if head is None or i + 1 >= len(doc.words) or doc.word(i) in CHAIRED_BY:
            return None  # "برئاسة المحافظ": chaired by the governor, no body
        removed, stem = head
        definite = stem.startswith("ال") and stem not in kb.institution_heads
        kind = kb.institution_heads[stem[2:] if definite else stem]
        type_ = kind.role
        if type_ in ("Region", "City"):
            last = None if definite else self.place_name(i + 1, region=type_ == "Region")
        elif not definite and not kind.takes.isdisjoint(TOWN_TAKES) and (town := self.place_after(
                self.past_chamber_words(i + 1), ("Region",) if "town" not in kind.takes else TOWN_TYPES)):
            last = town  # «مستشفى جازان العام»، «غرفة جدة»، «أمانة منطقة تبوك»: named after its town
        elif definite and doc.word(i + 1).startswith("لل"):
            return None  # "وكيل الوزارة للشؤون التعليمية": the ministry spoken of, and a department of it
        elif "definite" in kind.takes or "article" in kind.takes and definite:
            last = self.name_chain(i + 1, definite, "eponym" in kind.takes)
        else:
            return None
        if last is None or (stem, *doc.words[i + 1:last]) in ORG_HEADS:
            return None  # "مجلس الوزراء" alone: whose, the text does not say here
        begin = doc.norm.origin[doc.tokens.starts[i] + removed]
        tagged = self.tagged.get(i + 1)
        if last == i + 2 and not definite and tagged and (tagged.type, tagged.first, tagged.last) == ("ORG", i + 1, i + 2):
            return self.name_after_head(i, removed, last, doc.starts[i + 1], doc.span(i + 1, last).end,
                                        type_)  # منظمة اليونيسيف
        label = _label(doc.article.text[begin:doc.span(i, last).end], stem)
        key = self.mint("organization" if type_ == "Organization" else "place", type_, label)
        self.add(key, i, last, f"institution:{type_}", begin=begin if removed else None)
        return last

    def place_at(self, k: int) -> bool:
        """A listed place's name of one word is token k («للجبيل»، «وينبع»)."""
        return any(_kind(m) == "entity" and m.last == k + 1 and self.kb.entities[m.payload[1]].type in PLACE_TYPES
                   for m in self.doc.at(self.kb.names, k))

    def past_chamber_words(self, j: int) -> int:
        """The first token from j on past the words of a chamber's trades («غرفة تجارة وصناعة جدة»)."""
        doc = self.doc
        while j < len(doc.words) and doc.word(j) in CHAMBER_WORDS and not doc.gap(j).strip():
            j += 1
        return j

    def place_after(self, j: int, types: tuple[str, ...] = TOWN_TYPES) -> int:
        """The end of a listed town or region's name (of `types`) at token j, written right after the head
        before it, with the words that qualify a building after it («الدولي»، «العام»); 0 if none starts
        there."""
        doc, kb = self.doc, self.kb
        if j >= len(doc.words) or doc.gap(j).strip():
            return 0
        place = next((m for m in doc.at(kb.names, j) if _kind(m) == "entity"
                      and kb.entities[m.payload[1]].type in types), None)
        if place is None:
            return 0
        k = place.last
        while k < len(doc.words) and doc.word(k) in FACILITY_QUALIFIERS and not doc.gap(k).strip():
            k += 1
        return k

    def place_name(self, j: int, region: bool = False) -> int | None:
        """The end of one to three words after a place's head that are a name no list knows («الدوادمي»،
        «خراب دليل»): neither common words nor a name the gazetteers hold (مدينة الرياض is Riyadh). After
        a region's head, a city's name is the region's (منطقة مكة المكرمة is not the city of Mecca)."""
        doc, kb = self.doc, self.kb
        if region and not doc.gap(j).strip():
            city = next((m for m in doc.at(kb.names, j) if _kind(m) == "entity"
                         and kb.entities[m.payload[1]].type == "City"), None)
            if city is not None:
                return city.last
        if doc.word(j).endswith("ه") and not doc.word(j).startswith("ال"):
            return None  # "منطقة عازلة", "منطقة آمنة": an adjective agreeing with the head
        k = j
        while k < len(doc.words) and k - j < 3 and not doc.gap(k).strip() and not doc.skip[k] \
                and _arabic_or_latin_name(doc.word(k)) and len(doc.word(k)) > 2 and not _ordinary(kb, doc.word(k)) \
                and doc.word(k) not in kb.name_stops and not doc.at(kb.names, k) and not self.dated(k) \
                and (k == j and not doc.word(k).startswith(("لل", "وال", "بال")) or k in self.tagged):
            k += 1  # "محافظة الأفلاج للمحطة", "ولاية بورنو ومهد": after the first word, only what the recogniser
            # takes for a name goes on
        return k if k > j else None

    def name_chain(self, j: int, definite_head: bool, eponym: bool) -> int | None:
        """The end of the words that name a body after its head: definite nouns and adjectives, with
        ل or و before them (للسياحة والتراث الوطني), a noun in construct before one (لرعاية الشباب,
        «لجنة تقييم المنشآت»), or a title and a name right after the head (جامعة الملك سعود). None
        when what follows names nothing: only generic words (العامة) or a country adjective."""
        doc, kb = self.doc, self.kb
        k, named = j, False
        while k < len(doc.words) and k - j < MAX_NAME_CHAIN and not doc.gap(k).strip() and not doc.skip[k]:
            w = doc.word(k)
            if eponym and k == j and not definite_head and w in EPONYM_TITLES and (end := self.eponym_name(k + 1)) is not None:
                k, named = end, True  # «جامع الإمام تركي بن عبدالله»: a title no list holds, then the name
                continue
            names = doc.at(kb.names, k)
            if names and _kind(names[0]) == "entity" and kb.entities[names[0].payload[1]].type not in PLACE_TYPES \
                    and not (eponym and k == j and kb.entities[names[0].payload[1]].type == "Person") \
                    and not (k > j and names[0].last == k + 1 and w.startswith("ال") and w.endswith(NISBA_ENDINGS)):
                break  # "اللجنة التنفيذية لمنظمة التحرير", "إدارة أوباما": a name of its own (but «لجنة حقوق
                # الإنسان العربية»: a body's one-word name that is an adjective, «العربية», agrees with the head)
            if names and _kind(names[0]) == "title" or names and _kind(names[0]) == "entity" and \
                    kb.entities[names[0].payload[1]].type == "Person":
                if k > j or definite_head or not eponym:
                    break  # "رئيس الهيئة العامة للسياحة الأمير سلطان": a person after the name
                end = self.eponym(names[0])
                if end is None:
                    break
                k, named = end, True
                continue
            if not kb.name_stops.isdisjoint(st for _, st in stems(w)) or w in HONORIFICS \
                    or self.dated(k) or k in self.cues_at:
                break  # "لهذا", "القائد العام", "المتحدث": the name has ended
            if self.construct_after_and(k):
                k += 2  # «الرئاسة العامة للأرصاد وحماية البيئة»: a second noun and what it governs
                continue
            stem = _definite(w, doc.span(k, k + 1).text)
            if stem is not None and w.startswith("وال") and stem[2:] in kb.institution_heads:
                break  # "الهيئة المصرية للكتاب والمركز القومي للترجمة": another body's name begins
            if stem is not None and (not w.startswith("وال") or k == j + 1 and not definite_head
                                     or k > j and doc.word(k - 1).startswith("لل") or self.adjective_before(k)):
                named = named or (stem not in kb.generic_modifiers and not any(_kind(m) == "adjective" for m in names))
                k += 1  # "والتراث" after "للسياحة" is the name's, after "السعودي" another body's
                continue
            if stem is not None:
                break
            if any(st in kb.institution_heads for _, st in stems(w)):
                break  # "النادي الإسباني لمنظمة ...": another body's name begins
            if k > j and w.startswith("و") and self.place_at(k) and self.place_at(k - 1):
                k += 1  # «الهيئة الملكية للجبيل وينبع»: the second town the body is of
                continue
            follows = k + 1 < len(doc.words) and not doc.gap(k + 1).strip() and \
                _definite(doc.word(k + 1), doc.span(k + 1, k + 2).text) is not None
            construct = (k == j and not definite_head or w.startswith("ل") and k > j) and follows
            if not construct or not _arabic_or_latin_name(w) or w[:1] in "يت" or len(w) < 3:
                break
            k += 1
        if definite_head and k - j < 2:
            return None  # "المجلس العسكري", "التنظيم المتطرف": the body spoken of, not yet its name
        return k if named else None

    def construct_after_and(self, k: int) -> bool:
        """Token k, after a body's «لل» word, is «و» and a noun without its article that governs the
        definite word after it («للأرصاد وحماية البيئة»): the body's name goes on; not another body's
        head («ووزارة الداخلية»)."""
        doc, kb = self.doc, self.kb
        w = doc.word(k)
        return k > 0 and doc.word(k - 1).startswith("لل") and w.startswith("و") and not w.startswith("وال") \
            and len(w) > 3 and w[1:] not in kb.function_words and w[1:] not in kb.institution_heads \
            and k + 1 < len(doc.words) and not doc.gap(k + 1).strip() and doc.span(k + 1, k + 2).text.startswith("ال") \
            and k not in self.result.by_token and k + 1 not in self.result.by_token and not doc.at(kb.names, k) \
            and doc.word(k + 1) not in kb.title_words and doc.word(k + 1) not in HONORIFICS
        # (not «للجبيل وينبع الأمير سعود»: a town of the name, then a title)

    def adjective_before(self, k: int) -> bool:
        """Word k-1 is a definite adjective of the name, no country's: "الشؤون الاقتصادية والتنمية",
        "الإحصاءات العامة والمعلومات" go on after it; "مؤسسة النقد العربي السعودي والهيئة" does not."""
        doc, kb = self.doc, self.kb
        before = doc.word(k - 1)
        return k >= 2 and before.startswith("ال") and (before.endswith(("يه", "ي")) or before in kb.generic_modifiers) \
            and not any(_kind(m) == "adjective" for m in doc.at(kb.names, k - 1))

    def eponym(self, m: Match) -> int | None:
        """The end of the person a body is named after (جامعة الملك سعود، مستشفى الأمير محمد بن عبدالعزيز):
        a title and the name after it, or a person's name from the gazetteers."""
        return m.last if _kind(m) == "entity" else self.eponym_name(m.last)

    def eponym_name(self, first: int) -> int | None:
        """The end of a person's name from token `first` on, after the title a body is named with: a
        person of the gazetteers, or name-like words; None if none starts there."""
        doc, kb = self.doc, self.kb
        listed = [x for x in doc.at(kb.names, first) if _kind(x) == "entity"
                  and kb.entities[x.payload[1]].type == "Person"]
        if listed:
            return listed[0].last
        k = first
        while k < len(doc.words) and k - first < 4 + (doc.word(k - 1) in NAME_LINKS) and not doc.gap(k).strip() and (
                doc.word(k) in NAME_LINKS or doc.word(k) in kb.given_names or k > first and doc.word(k - 1) in NAME_LINKS
                or _arabic_or_latin_name(doc.word(k)) and not doc.word(k).startswith(("ال", "ي", "ت", "ن", "س"))
                and not _ordinary(kb, doc.word(k)) and len(doc.word(k)) > 1):
            k += 1  # not a verb after the name (ستشارك، يضم): a name that starts so is a given name; after بن or
            # أبي a name, however common the word («مسجد الإمام علي بن أبي طالب»); not a letter alone («د.»)
        while k > first and doc.word(k - 1) in NAME_LINKS:
            k -= 1
        return k if k > first else None

    @once
    def cues_at(self) -> frozenset[int]:
        """The tokens where a speech cue starts."""
        return frozenset(m.first for m in self.doc.find(self.kb.cues))

    @once
    def triggers_at(self) -> frozenset[int]:
        """The tokens where an event trigger starts."""
        return frozenset(m.first for m in self.doc.find(self.kb.triggers))

    @once
    def months_at(self) -> frozenset[int]:
        """The tokens where a month's name starts (Gregorian or Hijri)."""
        doc = self.doc
        return frozenset(m.first for matcher in (self.kb.months, self.kb.hijri_months) for m in doc.find(matcher))

    @once
    def relative_dates_at(self) -> frozenset[int]:
        return frozenset(m.first for m in self.doc.find(self.kb.relative_dates))

    def dated(self, k: int) -> bool:
        return k in self.months_at or k in self.relative_dates_at

    def title(self, m: Match, starts: dict[int, list[Match]], chain: Match | None = None) -> int:
        doc, kb = self.doc, self.kb
        role = m.payload[1]
        j, country = m.last, m.payload[2] or (chain.payload[2] if chain else None)
        # titles in a row ("خادم الحرمين الشريفين الملك سلمان"): one mention from the first
        after = starts.get(j)
        if after and _kind(after[0]) == "title" and not doc.gap(j).strip() and role not in (THE_MINISTER, "ambassador") \
                and after[0].payload[1] not in ("counterpart", THE_MINISTER) \
                and after[0].begin == doc.starts[j] \
                and not self.other_country_after(after[0], country, starts):
            return self.title(after[0], starts, chain or m)  # but "ولي ولي العهد والرئيس المصري" are two, and
            # "التقى خادم الحرمين الشريفين بالرئيس المصري" too: a title after a clitic is another's
        first, begin = (chain.first, chain.begin) if chain else (m.first, m.begin)
        if first > 0 and doc.word(first - 1) in DEPUTY_WORDS and not doc.gap(first).strip():
            return m.last  # "نائب المستشارة الألمانية" is not the chancellor, "سفارة خادم الحرمين" not the king
        if role == "counterpart":
            nxt = starts.get(j)
            if nxt and _kind(nxt[0]) == "adjective":
                country = nxt[0].payload[1]
                named = starts.get(nxt[0].last)
                if named and _kind(named[0]) == "entity" and kb.entities[named[0].payload[1]].type == "Person" \
                        and not doc.gap(nxt[0].last).strip():  # "نظيره الإسرائيلي موشيه يعالون": the one named
                    person = named[0].payload[1]
                    self.entity(person)
                    self.add(person, m.first, named[0].last, "title+name", role, country, begin=m.begin)
                    return named[0].last
                self.pending.append((m.first, nxt[0].last, "counterpart", country, m.begin))
                return nxt[0].last
            return j
        # generic titles (وزير الجيوش الفرنسي، مدير وكالة ...) may take a few words before the adjective
        lookahead = 3 if role in GENERIC_ROLES else 0
        for k in range(j, min(j + lookahead, len(doc.words)) + 1):
            nxt = starts.get(k)
            if nxt and _kind(nxt[0]) == "adjective" and (k == j or all(
                    doc.word(x) not in STOP and x not in starts for x in range(j, k))):
                country, j = nxt[0].payload[1], nxt[0].last
                break
            state = k == j and doc.word(k) in STATE_WORDS and not doc.gap(k + 1).strip() and k not in starts
            if state:
                nxt = starts.get(k + 1)  # "رئيس جمهورية أستونيا"
            if nxt and _kind(nxt[0]) == "entity" and k == j and kb.entities[nxt[0].payload[1]].type == "Country" \
                    and nxt[0].begin == doc.starts[k + state] and not doc.word(j - 1).startswith("ال"):
                # but "زيارة ولي ولي العهد لمصر": to Egypt; "غادر ... وزير الدفاع جمهورية مصر": a definite title
                # takes no country after it (it is the verb's object)
                country, j = nxt[0].payload[1], nxt[0].last  # وزير خارجية روسيا
                self.entity(country)
                self.add(country, nxt[0].first, nxt[0].last, "gazetteer")
                break
        if role in POSTED_ROLES and country and doc.word(j) in POSTED_AT and not doc.gap(j + 1).strip():
            at = starts.get(j + 1)  # «السفير الأمريكي لدى المملكة جوزيف ويستفال»، «السفير المصري في الخرطوم أسامة
            # شلتوت»: where posted, then the name
            if at and _kind(at[0]) == "entity" and kb.entities[at[0].payload[1]].type in PLACE_TYPES \
                    and at[0].begin == doc.starts[j + 1]:
                self.entity(at[0].payload[1])
                self.add(at[0].payload[1], at[0].first, at[0].last, "gazetteer")
                j = at[0].last
        j = self.past_portfolio(j)  # «مساعد وزير الدفاع لشؤون الأمن الدولي أليسا سلوتكين»
        head_of = starts.get(j)
        if role in ("director", "head", "secretary_general", "envoy", "leader") and country is None and head_of \
                and _kind(head_of[0]) == "entity" and kb.entities[head_of[0].payload[1]].type == "Organization":
            return self.head_of(m, first, begin, head_of[0], starts)
        if role in GENERIC_ROLES and country is None and j == m.last and role != SPOKESPERSON:
            # "وزير التعليم الدكتور عزام الدخيل": a portfolio, an honorific, then the name
            h = next((x for x in range(j, min(j + 3, len(doc.words))) if doc.word(x) in HONORIFICS), None)
            if h is None or any(doc.gap(x).strip() for x in range(j + 1, h + 1)):
                return m.last  # "وزير" alone says nothing
            j = h
        # a name right after, past honorifics (الأستاذ، الدكتور): a known person, or name-like words
        k = j
        former = k + 1 < len(doc.words) and doc.word(k) in FORMER and not doc.gap(k).strip() \
            and not doc.gap(k + 1).strip() and not doc.word(k + 1).startswith(("ل", "ب")) \
            and (self.person_named_at(k + 1) or any(_kind(x) == "entity" and kb.entities[x.payload[1]].type == "Person"
                                                    for x in starts.get(k + 1, ())))
        if former:  # «الرئيس الأمريكي السابق جيمي كارتر»: one who held it before, named right after
            k += 1
        while k < len(doc.words) and not doc.gap(k).strip() and (doc.word(k) in HONORIFICS and k not in starts or any(
                _kind(x) == "title" and x.payload[1] == SHEIKH and x.last == k + 1 for x in starts.get(k, ()))):
            k += 1  # «مفتي عام المملكة الشيخ عبدالعزيز …»: «الشيخ» as an honorific after a title
        honoured = k > j
        if honoured and doc.word(k - 1) in TEAMS and doc.word(k).startswith("ال") and k not in starts \
                and not doc.gap(k).strip():
            k, honoured = k + 1, False  # «رئيس الفريق الإعلامي حمد العمر»: the team the title is of, not a rank
        nxt = starts.get(k)
        if nxt and _kind(nxt[0]) == "entity" and kb.entities[nxt[0].payload[1]].type == "Person" and "\n" not in doc.gap(k) \
                and nxt[0].begin == doc.starts[k] and not self.carried_on(nxt[0]) \
                and (honoured or j > m.last or chain is not None or doc.word(m.last - 1).startswith("ال")
                     or len(m.phrase) == 1):  # "وزير خارجية الأسد": of Assad, not Assad
            person = nxt[0].payload[1]  # (not after a clitic: «ولي ولي العهد والسيسي» are two)
            self.entity(person)
            self.add(person, first, nxt[0].last, "title+name", role, country, begin=begin)
            self.result.parts.append(Found(person, first, j, "title", role, country, begin))
            self.result.parts.append(Found(person, nxt[0].first, nxt[0].last, "gazetteer", begin=nxt[0].begin))
            if country and not former:
                self.titled.setdefault((role, country), person)
            return nxt[0].last
        if role == SPOKESPERSON:
            return self.spokesperson(m, j, starts)
        holder = kb.holder(role, self.home, self.day) if country is None and role in HOME_ROLES and j == m.last \
            and self.home and k < len(doc.words) and not doc.gap(k).strip() else None  # none with no day
        if holder is not None and normalise_phrase(kb.entities[holder].label_ar)[:1] == (doc.word(k),):
            self.entity(holder)  # "استقبل الملك سلمان محمد نواز شريف": the king named by his given name
            self.add(holder, first, k + 1, "title+name", role, self.home, begin=begin)
            return k + 1
        named = self.tagged.get(k)
        read = named.last if named is not None and named.type == "PER" and named.first == k else k
        if role != THE_MINISTER or honoured:
            name_end = self.name_words(k, starts, lenient=honoured)
            if former and read > k:
                name_end = min(name_end, read)  # «الرئيس التشادي السابق حسين حبري المتهم»: the name the recogniser reads
        else:  # "الوزير سامحك الله": no name; "الوزير الإسرائيلي سيلفان شالوم الموكل بملف": the name the recogniser reads
            name_end = read
        if name_end - k >= 2:
            label = self.text(k, name_end)
            key = self.mint("person", "Person", label, role=self.title_text(m, j), country=country)
            self.add(key, first, name_end, "title+unknown-name", role, country, begin=begin)
            self.result.parts.append(Found(key, first, j, "title", role, country, begin))
            self.result.parts.append(Found(key, k, name_end, "unknown-name"))
            if country and not former:
                self.titled.setdefault((role, country), key)
            return name_end
        if country is None and role in HOME_ROLES and j == m.last and not self.name_follows(k) \
                and (doc.word(m.last - 1).startswith("ال") or len(m.phrase) > 1 and m.phrase[-1].endswith("ه")):
            country = self.home  # "ولي ولي العهد" in a Saudi paper, "ولي عهده" (the king's); "ملك" alone is no
            # king: it needs its country
        if country and self.apposition(first, j, role, country, begin, starts):
            return j
        if country and role in PERSON_ROLES_WITH_COUNTRY or role == THE_MINISTER and doc.word(j) not in FORMER:
            self.pending.append((first, j, role, country, begin))
            return j
        return max(j, m.last)

    def past_portfolio(self, j: int) -> int:
        """Past the portfolio a title names from token j, after the ministry it may name first («مساعد
        وزير [الدفاع] لشؤون الأمن الدولي»، «لشؤون الشرق الأدنى»: portfolio_words and the definite words
        after it, or a word and the definite one it governs), written in a row; j where none opens there."""
        doc = self.doc
        p = j
        while p < min(j + 2, len(doc.words)) and self.written_definite(p) and not doc.gap(p + 1).strip():
            p += 1  # «وزير الدفاع»: the ministry of a title no list holds whole
        if p >= len(doc.words) or doc.word(p) not in PORTFOLIO_WORDS or p in self.result.by_token:
            return j
        k = p + 1
        while k < min(p + 1 + PORTFOLIO_LENGTH, len(doc.words)) and not doc.gap(k).strip() and k not in self.result.by_token:
            if not (self.written_definite(k) or k + 1 < len(doc.words) and self.written_definite(k + 1)
                    and doc.word(k) in self.kb.common_words and not doc.gap(k + 1).strip()):
                break  # (as written: «أليسا» is no «ال» word)
            k += 1
        return k if k > p + 1 else j

    def written_definite(self, k: int) -> bool:
        """Token k is written with the article, bare or after و («الأمن»، «والدفاع»)."""
        return self.doc.span(k, k + 1).text.startswith(("ال", "وال"))

    def appositive(self, ending: dict[int, Found], openers: dict[int, Found], first: int, last: int,
                   role: str, country: str | None) -> str | None:
        """The person a title right after their name belongs to ("مع فخامة الرئيس ماكي سال رئيس جمهورية
        السنغال"), unless that person is the first named in the sentence (`openers`: sentence -> its first
        person named): after a verb's subject a title is more often its object ("استقبل خادم الحرمين
        الشريفين رئيس جمهورية السنغال"), but not one a comma closes ("استقبل الرئيس عبدالله يامين رئيس
        جمهورية المالديف، في قصر الرئاسة": the same office, of no other country, and a comma after it).
        `ending`: token -> the person named up to it."""
        doc = self.doc
        if first == 0 or doc.gap(first).strip():
            return None
        before = ending.get(first)
        if before is None:
            return None
        opener = openers.get(doc.sent[first])
        own = before.role == role and (before.country or self.result.entities[before.entity].country) in (None, country) \
            and last < len(doc.words) and not _BLOCKS.isdisjoint(doc.gap(last))
        return None if opener is None or opener.first == before.first and not own else before.entity

    def named_after(self, people: list[Found], last: int) -> str | None:
        """The person named from token `last` on, with only titles, honorifics and one comma on the
        way ("وزير الدفاع الأميركي السابق، تشاك هاغل"; not "السابق وجه خطابا لخادم الحرمين الشريفين
        الملك سلمان")."""
        doc = self.doc
        for f in people:
            if last <= f.first < last + NAMED_AFTER_WORDS and doc.sent[f.first] == doc.sent[last - 1]:
                titled = all(k in self.title_tokens or doc.word(k) in HONORIFICS for k in range(last, f.first))
                blocked = any(_BLOCKS.intersection(doc.gap(k)) for k in range(last + 1, f.first + 1))
                return f.entity if titled and not blocked else None
        return None

    def other_country_after(self, m: Match, country: str | None, starts) -> bool:
        """Title m is followed by a country not the one of the titles before it: another person's
        title, not theirs ("استقبل خادم الحرمين الشريفين ملك البحرين": the King of Bahrain)."""
        k = m.last + (self.doc.word(m.last) in STATE_WORDS and not self.doc.gap(m.last + 1).strip())
        nxt = starts.get(k)  # "ملك البحرين", "رئيس جمهورية أستونيا"
        own = country or self.home
        if not nxt or self.doc.gap(m.last).strip() or nxt[0].begin != self.doc.starts[k]:
            return False
        if _kind(nxt[0]) == "adjective":  # "ولي العهد وزير الخارجية الأمريكي": the American's title
            return k == m.last and nxt[0].payload[1] != own
        return _kind(nxt[0]) == "entity" and self.kb.entities[nxt[0].payload[1]].type == "Country" \
            and nxt[0].payload[1] != own

    def after_definite_noun(self, k: int) -> bool:
        """Token k follows a definite noun with nothing between (البنوك، العلاقات): a word that agrees
        with it, as an adjective does."""
        doc, kb = self.doc, self.kb
        if k == 0 or doc.gap(k).strip():
            return False
        before = _definite(doc.word(k - 1), doc.span(k - 1, k).text)  # "والاتصالات السعودية" too
        return before is not None and before not in kb.function_words and not doc.at(kb.names, k - 1) \
            and (k - 1) not in self.title_tokens

    def nationality_adjective(self, k: int) -> bool:
        """Token k, a country's name, is the adjective of relation in the indefinite accusative, written
        the same, before «الجنسية» («سوريا الجنسية»: Syrian by nationality). (After a noun in the
        accusative, «جنديا تركيا», it is as often the country after a verb or a pronoun: «تنفذها تركيا».)"""
        return self.doc.word(k + 1) in NATIONALITY_WORDS and not self.doc.gap(k + 1).strip()

    def adjective_of_noun(self, k: int) -> bool:
        """Token k is a definite adjective of relation (نسبة: العربي، الخليجية) agreeing with the definite
        noun right before it: «الأمن القومي العربي» names no body «العربي»."""
        word = self.doc.word(k)
        return word.startswith("ال") and word.endswith(("ي", "يه")) and self.after_definite_noun(k)

    def name_follows(self, k: int) -> bool:
        """A name no list knows starts at token k: the recogniser reads one there, or the word is in
        no list of common words ("الملك إدوارد الأول", "الملك هنري الثالث": not the king of today)."""
        doc, kb = self.doc, self.kb
        if k >= len(doc.words) or doc.gap(k).strip():
            return False
        named = self.tagged.get(k)
        w = doc.word(k)
        return named is not None and named.type == "PER" and named.first == k or w in kb.given_names or \
            _arabic_or_latin_name(w) and w not in kb.common_words and w not in kb.function_words \
            and not any(stem in kb.common_words for _, stem in stems(w)[1:])

    def head_of(self, m: Match, first: int, begin: int, org: Match, starts) -> int:
        """مدير وكالة الأمن القومي الأمريكية [name]: a person known by the body they lead."""
        doc, kb = self.doc, self.kb
        self.entity(org.payload[1])
        self.add(org.payload[1], org.first, org.last, "gazetteer")
        k = self.past_places(org.last, starts)  # "مدير فرع الهيئة بمنطقة تبوك ناصر الخريصي"
        while k < len(doc.words) and doc.word(k) in HONORIFICS and not doc.gap(k + 1).strip():
            k += 1  # "الأمين العام لمجلس التعاون ... الدكتور عبداللطيف بن راشد الزياني"
        after = starts.get(k)
        if after and _kind(after[0]) == "entity" and kb.entities[after[0].payload[1]].type == "Person" \
                and not doc.gap(k).strip():
            person = after[0].payload[1]
            self.entity(person)
            self.add(person, after[0].first, after[0].last, "head-of+name", m.payload[1], org.payload[1])
            return after[0].last
        end = self.name_words(k, starts)
        if end - k >= 2 and not doc.gap(k).strip():
            label = _label(doc.article.text[begin:doc.span(org.first, org.last).end], m.phrase[0])
            key = self.mint("person", "Person", self.text(k, end), role=label)
            self.add(key, k, end, "head-of+unknown-name", m.payload[1], org.payload[1])
            self.result.parts.append(Found(key, first, org.last, f"head-of:{m.payload[1]}", begin=begin))
            return end
        label = _label(doc.article.text[begin:doc.span(org.first, org.last).end], m.phrase[0])
        holder = kb.holder(m.payload[1], org.payload[1], self.day) if doc.word(org.last) not in FORMER else None
        key = holder if holder in kb.entities else self.mint(ROLE_KIND, "Person", label, role=label)
        if holder in kb.entities:  # "الأمين العام لمجلس التعاون": the one who held it on the article's day
            self.entity(holder)
        self.result.parts.append(Found(key, first, org.last, f"head-of:{m.payload[1]}", begin=begin))
        self.result.found.append(Found(key, first, m.last, f"head-of:{m.payload[1]}", begin=begin))
        for t in range(first, m.last):
            self.result.by_token[t] = self.result.found[-1]
        return org.last

    def apposition(self, first: int, last: int, role: str, country: str, begin: int, starts) -> bool:
        """"الطيب البكوش، وزير الخارجية التونسي،": a name, a comma, then its title."""
        doc, kb = self.doc, self.kb
        if first == 0 or not any(c in doc.gap(first) for c in "،,") or (first - 1) in self.result.by_token:
            return False
        start = first
        while start > 0 and first - start < 4:
            w = doc.word(start - 1)
            if (start - 1) in starts or (start - 1) in self.result.by_token or w in STOP or not _arabic_or_latin_name(w) \
                    or doc.at(kb.cues, start - 1) or doc.at(kb.triggers, start - 1):
                break
            if w not in kb.given_names and w not in NAME_LINKS and kb.common_words.get(w, 0) >= (
                    FAMILY_NAME_DF if w.startswith("ال") else 1):
                break
            start -= 1
            if doc.gap(start).strip():
                break
        if first - start < 2:
            return False
        label = self.text(start, first)
        key = self.mint("person", "Person", label, role=_label(doc.article.text[begin:doc.span(first, last).end], "ال"),
                        country=country)
        self.add(key, start, first, "name+apposition", role, country)
        self.result.parts.append(Found(key, first, last, "title", role, country, begin))
        self.titled.setdefault((role, country), key)
        return True

    def spokesperson(self, m: Match, j: int, starts) -> int:
        """المتحدث باسم الكرملين دميتري بيسكوف: the organisation, then maybe the person's name."""
        kb = self.kb
        nxt = starts.get(j)
        if not nxt or _kind(nxt[0]) != "entity":
            return j
        k = self.foreign_body(nxt[0])
        if k is not None:  # المتحدث باسم الدفاع المدني اللبناني
            org = self.result.by_token[nxt[0].first].entity
        else:
            org, k = nxt[0].payload[1], nxt[0].last
            self.entity(org)
            self.add(org, nxt[0].first, k, "gazetteer")
        k = self.past_places(k, starts)  # "متحدث هيئة الهلال الأحمر بجازان بيشي الصرخي"
        ranked = k
        while k < len(self.doc.words) and self.doc.word(k) in HONORIFICS and k not in starts and not self.doc.gap(k).strip():
            k += 1  # "المتحدث باسم البنتاغون اللفتنانت كولونيل جيفري مارتن"
        after = starts.get(k)
        if after and _kind(after[0]) == "entity" and kb.entities[after[0].payload[1]].type == "Person":
            person = after[0].payload[1]
            self.entity(person)
            self.add(person, after[0].first, after[0].last, "spokesperson+name", SPOKESPERSON, org)
            return after[0].last
        end = self.name_words(k, starts, lenient=k > ranked)
        if end - k >= 2:
            key = self.mint("person", "Person", self.text(k, end), role=self.title_text(m, nxt[0].last))
            self.add(key, m.first, end, "spokesperson+unknown-name", SPOKESPERSON, org, begin=m.begin)
            return end
        return ranked

    def past_places(self, k: int, starts) -> int:
        """The first token from k on past the places that locate a body right after its name («بجازان»،
        «في منطقة تبوك»), each taken as a mention of that place."""
        doc, kb = self.doc, self.kb
        while k < len(doc.words) and not doc.gap(k).strip():
            j = k + (doc.word(k) in PLACE_PREPOSITIONS)
            nxt = starts.get(j)
            if not nxt or _kind(nxt[0]) != "entity" or kb.entities[nxt[0].payload[1]].type not in PLACE_TYPES \
                    or j == k and doc.word(k)[:1] != "ب" or doc.gap(j).strip():
                break
            self.entity(nxt[0].payload[1])
            self.add(nxt[0].payload[1], nxt[0].first, nxt[0].last, "gazetteer")
            k = nxt[0].last
        return k

    def name_words(self, k: int, starts, lenient: bool = False) -> int:
        """The end of a run of name-like words starting at token k (at most seven: فيصل بن بندر بن
        عبدالعزيز; a known person's name after بن is his father's, part of the run). The first word is a given name or a rare word; later words may be family names
        (الجبير) but not frequent words. After an honorific (الدكتور) the first two words are taken
        as a name whatever they are."""
        doc, kb = self.doc, self.kb
        end = k
        while end < len(doc.words) and end - k < 7 + 2 * (doc.word(end - 1) == FAMILY):
            w = doc.word(end)
            gap = doc.gap(end) if end > k else ""
            if end > k and (gap.strip() or "\n" in gap):
                break
            if end > k and doc.word(end - 1) == FAMILY and _arabic_or_latin_name(w) and w not in STOP:
                end += 1  # آل الشيخ، آل سعود: the family, however common the word
                continue
            patronymic = end > k and doc.word(end - 1) in NAME_LINKS  # "فهد بن [سلطان بن عبدالعزيز]": his father's name
            stop = w in STOP and not (w in kb.given_names and doc.span(end, end + 1).text.endswith("ي"))  # علي, not على
            if end in starts and not patronymic or stop or w.isdigit() or len(w) < 2 or doc.skip[end]:
                break
            if end in self.cues_at or end in self.triggers_at:
                break
            if not _arabic_or_latin_name(w) or _verb_like(kb, w):
                break  # "ولي ولي العهد يستعرض التطورات": a headline's verb after the title
            if end == k and w in REGNAL_NUMBERS:
                break  # «أنصار الفريق الثاني»: an ordinal after a rank is the team's or party's, no one's name
            if end > k and w.startswith(("لل", "بال", "وال")):
                break  # "إياد علاوي للإطاحة", "... والوزير": a preposition or و and an article start no part of a name
            if end > k and w.startswith("و") and w not in kb.given_names and (
                    w[1:] in kb.common_words or w[1:].endswith(POSSESSIVE_ENDINGS) or w.endswith("وا")):
                break  # «الملك فهد وأحفاده»: «و» and a noun, or one of his, begin another part of the sentence,
                # as «و» and a verb of many does («العقيد سعد الراجح المصابين واطمأنوا»)
            if end > k and w.startswith("الم") and w.endswith(("ين", "ون")):
                break  # «المصابين»: a participle's plural, the verb's object, no family name
            if end > k and doc.word(end - 1) in NAME_LINKS and w not in kb.function_words:
                end += 1  # "عادل بن زيد": after بن a name, however common the word
                continue
            if w not in kb.given_names and w not in NAME_LINKS:
                if end == k and not lenient and (w[:1] in "وف" or w in kb.common_words or any(
                        stem in kb.common_words or stem.startswith("ال") for _, stem in stems(w))):
                    break  # "وأيدتها", "أطراف": no name starts like that
                if end == k and not lenient and w.endswith("ه") and doc.span(end, end + 1).text.endswith("ة") and not (
                        end in self.tagged and self.tagged[end].type == "PER"):
                    break  # «أمير دولة الكويت مأدبة غداء»: a noun, unless the recogniser reads a name (أمينة الكردي)
                if end > k + lenient and kb.common_words.get(w, 0) >= (FAMILY_NAME_DF if w.startswith("ال") else 1):
                    break  # "يتلقى", "الوفد", "ضيفه" after a name: the sentence goes on
            end += 1
        while end > k and doc.word(end - 1) in NAME_LINKS:
            end -= 1
        return end

    # -- coreference ----------------------------------------------------------------------
    def resolve_pending(self) -> None:
        doc_people = [f for f in self.result.found if self.result.entities[f.entity].type == "Person"]
        ending = {f.last: f for f in doc_people}
        openers: dict[int, Found] = {}
        for f in sorted(doc_people, key=lambda f: f.first):
            openers.setdefault(self.doc.sent[f.first], f)
        for first, last, role, country, _ in self.pending:  # a title the text gives a name anywhere stands for
            if role != "counterpart":  # that person before it too ("الرئيس المالديفي يستقبل" in the headline)
                named = self.appositive(ending, openers, first, last, role, country)
                if named is not None:
                    self.titled.setdefault((role, country), named)
        for first, last, role, country, begin in self.pending:
            label = _label(self.doc.article.text[begin:self.doc.span(first, last).end], "ال")
            person = None
            if role == THE_MINISTER:
                self.ministers_later.append((first, last, country, begin))  # once every person is found
                continue
            if role == "counterpart" and self.person_named_at(last):
                self.named_later.append((first, last, country, begin))  # the one named after it, once found
                continue
            if role == "counterpart":
                candidates = Counter(f.entity for f in doc_people
                                     if (f.country == country or self.result.entities[f.entity].country == country))
                if candidates:
                    person = max(sorted(candidates), key=lambda k: candidates[k])
                else:
                    roles = [f.role for f in doc_people if f.first < first and f.role] or ["president"]
                    person = self.kb.holder(roles[-1], country, self.day)
            else:
                former = self.doc.word(last) in FORMER  # "وزير الدفاع الأميركي السابق، تشاك هاغل": not the day's
                holder = None if former else self.kb.holder(role, country, self.day)
                person = self.titled.get((role, country)) or self.appositive(ending, openers, first, last, role, country) \
                    or (self.named_after(doc_people, last + 1) if former
                        else self.day_holder(doc_people, first, role, country, holder))
                if person is not None:
                    self.titled.setdefault((role, country), person)
                if person is None and holder is None:  # no one holds it that day: the one holder the text names
                    holders = {o.person for o in self.kb.offices.get((role, country), ())}
                    in_doc = sorted({f.entity for f in doc_people if f.entity in holders})
                    person = in_doc[0] if len(in_doc) == 1 else None
            if person is None:
                if role == "counterpart":
                    continue
                person = self.mint(ROLE_KIND, "Person", label, role=label, country=country)
            elif person in self.kb.entities:
                self.entity(person)
            self.add(person, first, last, f"title-coreference:{role}", role, country, begin=begin)

    def day_holder(self, people: list[Found], first: int, role: str, country: str | None,
                   holder: str | None) -> str | None:
        """Who a bare title at token `first` stands for: `holder`, who held the office on the article's
        day (offices.tsv), unless the text names another who held it («سيرة الملك فهد … الملك») and not
        him: then the last of them named before it, if any."""
        if holder is None or any(f.entity == holder for f in people):
            return holder
        others = [f for f in people if f.entity != holder and f.role == role
                  and country in (f.country, self.result.entities[f.entity].country)]
        if not others:
            return holder
        before = [f for f in others if f.first < first]
        return before[-1].entity if before else None

    def ministers_named_before(self) -> None:
        """«وقال الوزير»: each bare minister's title, once every person of the text is found."""
        people = [f for f in self.result.found if self.result.entities[f.entity].type == "Person"]
        for first, last, country, begin in self.ministers_later:
            person = self.minister_before(people, first, country)
            if person is not None:
                self.add(person, first, last, f"title-coreference:{THE_MINISTER}", THE_MINISTER, country, begin=begin)

    def minister_before(self, people: list[Found], first: int, country: str | None) -> str | None:
        """«وقال الوزير» (الأمريكي): the person named last before token `first` (of that country), when
        the text names them a minister; none when the last one named is no minister («وبرر سيغمار
        غابرييل ... وقال الوزير»: Gabriel, if only his title was given), or, with no country said, was
        named before the sentence before."""
        entities, sent = self.result.entities, self.doc.sent
        before = [f for f in people if f.last <= first
                  and (country is None or f.country == country or entities[f.entity].country == country)]
        if not before:
            return None
        last = max(before, key=lambda f: f.first)
        if country is None and sent[last.first] < sent[first] - 1:
            return None
        return last.entity if any(f.entity == last.entity and f.role in MINISTERS for f in people) else None

    def person_named_at(self, k: int) -> bool:
        """A person's name starts at token k, right after what comes before it: the recogniser reads
        one there, or a given name opens it."""
        doc = self.doc
        if k >= len(doc.words) or doc.gap(k).strip():
            return False
        named = self.tagged.get(k)
        return named is not None and named.type == "PER" and named.first == k \
            or doc.word(k) in self.kb.given_names and doc.word(k) not in self.kb.given_names_also_words

    def counterparts_named(self) -> None:
        """A counterpart followed by a person's name no list knows stands for that person («ونظيره
        العراقي خالد العبيدي»), not for the most mentioned one of that country; by none when no person
        was found there."""
        for first, last, country, begin in self.named_later:
            named = self.result.by_token.get(last)
            if named is not None and named.first == last and self.result.entities[named.entity].type == "Person":
                self.add(named.entity, first, named.last, "title+name", "counterpart", country, begin=begin)

    def given_names(self, starts: dict[int, list[Match]]) -> None:
        """People no list knows, named by a given name and a family name («معتز العتيبي», «وفؤاد
        الهندي», «ناصر بن علي»): a given name (و before it allowed) and name words after it, the
        second a family name (a rare word with ال) or بن and a name."""
        doc, kb = self.doc, self.kb
        for k in sorted(doc.positions(kb.given_names)):
            if k in self.result.by_token or doc.skip[k] or k + 1 >= len(doc.words) or doc.gap(k + 1).strip():
                continue
            removed = _clitic_length(kb, doc.word(k))
            given, second = doc.word(k)[removed:], doc.word(k + 1)
            if given in NAME_LINKS or given.startswith("ال") or (removed and doc.word(k)[:removed] != "و") \
                    or doc.span(k, k + 1).text.endswith("ى") and given.endswith("ي"):
                continue  # "على الفور" is no Ali, "الكريم" no given name
            rare = second.startswith("ال") and len(second) > 4 and not _ordinary(kb, second) \
                and not any(_kind(m) == "adjective" for m in doc.at(kb.names, k + 1))  # not الهندي
            tagged = self.tagged.get(k)
            if given in kb.given_names_also_words:  # "حسن الضيافة": a family name must read as one
                family = rare and second.endswith("ي") or tagged is not None and tagged.type == "PER" \
                    and tagged.first <= k and k + 1 < tagged.last and not _preposition_and_word(kb, second) \
                    or len(second) > 5 and self.bare_family(k + 1)  # "وليد باخشوين": a long word no list knows
            else:
                family = rare or second in NAME_LINKS and second != FAMILY or self.bare_family(k + 1)
            if not family:
                continue
            end = self.name_words(k, starts, lenient=True)
            while end > k + 2 and (doc.word(end - 1)[:1] in "لب" and doc.word(end - 1) not in kb.given_names
                                   or doc.word(end - 1) in kb.given_names_also_words):
                end -= 1  # "عبدالعزيز الدوسري لتأخذ", "لويس انريكي سعيد بـ": a verb, a preposition or a word ends the name
            if end - k < 2 or any(j in self.result.by_token for j in range(k, end)):
                continue
            if not removed:
                k, removed = self.given_before(k)
            begin = doc.norm.origin[doc.tokens.starts[k] + removed]
            key = self.mint("person", "Person", doc.article.text[begin:doc.span(k, end).end])
            self.add(key, k, end, "given-name", begin=begin if removed else None)

    def given_before(self, k: int) -> tuple[int, int]:
        """Where a name found from the given name at token k starts: at the given names right before it
        («حسين علي المالكي»، «وحسين علي المالكي»: a father's name between), two at most; and the length
        of the clitic before the first."""
        doc, kb = self.doc, self.kb
        for _ in range(2):
            j = k - 1
            if j < 0 or doc.gap(k).strip() or j in self.result.by_token or doc.skip[j]:
                break
            removed = _clitic_length(kb, doc.word(j))
            given = doc.word(j)[removed:]
            if given not in kb.given_names or given in kb.given_names_also_words or given in NAME_LINKS \
                    or given.startswith("ال") or removed and doc.word(j)[:removed] != "و":
                break
            k = j
            if removed:
                return k, removed
        return k, 0

    def bare_family(self, j: int) -> bool:
        """Word j reads as a family name without the article («لوكاس زوكالا»، «محمد مرسي»): a word of
        letters no list holds and the news rarely uses, that is no given name, date, cue or trigger."""
        doc, kb = self.doc, self.kb
        word = doc.word(j)
        return len(word) > 2 and not word.startswith(("ال", "و", "ف")) and not _preposition_and_word(kb, word) \
            and _arabic_or_latin_name(word) \
            and not _ordinary(kb, word) and word not in kb.given_names and not doc.at(kb.names, j) \
            and not self.dated(j) and j not in self.cues_at and j not in self.triggers_at

    def speaking_family_names(self) -> None:
        """A family name no list knows that speaks («وأكد الثقفي»): a rare word with ال right after a speech
        cue, told elsewhere in the article after a given name or words the recogniser read as a person's
        («الطالب عبدالله بن أحمد الثقفي»): a person, named in full where the name is told, and every
        bare mention of it theirs. (A role said again, «قال المفتي», has no name told before it.)"""
        doc, kb = self.doc, self.kb
        covered = set(self.result.by_token)
        after_cue: dict[str, None] = {}  # the words found so, in the order found
        for m in doc.find(kb.cues):
            j = m.last
            if j < len(doc.words) and j not in covered and not doc.skip[j] and not doc.gap(j).strip() \
                    and self.unknown_family_word(doc.word(j)) and not doc.at(kb.names, j) \
                    and not (j + 1 < len(doc.words) and not doc.gap(j + 1).strip() and self.person_at(j + 1)):
                # (not «قال المبتعث خالد العنزي»: a word before a name describes the one named)
                after_cue.setdefault(doc.word(j))
        for word in after_cue:
            told = [i for i in doc.word_positions[word] if i not in covered and not doc.skip[i]]
            for named in told:
                opens = self.given_words_before(named)
                if opens < named:
                    break
            else:
                continue  # «قال المفتي»، «أوضح المنسق»: a role said again, no name
            key = self.mint("person", "Person", doc.span(opens, named + 1).text)
            for i in told:
                self.add(key, opens if i == named else i, i + 1, "speaking-family-name")
            covered.update(told)

    def names_after_cues(self) -> None:
        """A person's name no list or model knows, told right after a speech verb that opens its clause
        («وقالت شلبي كواست، مديرة السياسات»، «وقال مباكي فال إن»): two or three words of no common use
        (`foreign_word`), then a mark or «أن»/«إن» (not «شدد على إحراز تقدم»: the verb's object)."""
        doc, kb = self.doc, self.kb
        for m in doc.find(kb.cues):
            first = last = m.last
            if m.payload[1] != "verb" or m.payload[2] or first >= len(doc.words) or doc.gap(first).strip() or not (
                    doc.clitics(m.first, m.begin)[:1] in ("و", "ف") or doc.gap(m.first).strip()
                    or m.first == doc.sentence_bounds[doc.sent[m.first]][0]):
                continue
            while last < len(doc.words) and last - first < FOREIGN_NAME_WORDS and self.foreign_word(last) \
                    and (last == first or not doc.gap(last).strip() and not doc.word(last).startswith(("و", "ل", "ب"))):
                last += 1  # («مراقبون ومحللون»، «سواريز لمحادثه»: another noun, or a preposition after a name)
            if last - first < 2 or last < len(doc.words) and not (
                    doc.gap(last).strip() or doc.word(last) in NAME_ENDS_BEFORE):
                continue
            self.add_minted(*MINTED["PER"], first, last, 0, "named-after-cue")

    def foreign_word(self, k: int) -> bool:
        """Token k may be a word of a name no list knows: not found already, no given name (read by rules of
        their own), no common word of the news (bare, behind a clitic or with a pronoun), no word ending
        as a pronoun or a plural does («استنكارها»، «دبلوماسيون»), function word, title, verb's form,
        definite noun (behind a clitic too), month or day, and written in letters only."""
        doc, kb = self.doc, self.kb
        word = doc.word(k)
        return k not in self.result.by_token and not doc.skip[k] and len(word) >= 3 and word.isalpha() \
            and not word.startswith("ال") and word not in kb.given_names and not _ordinary(kb, word) \
            and not _verb_like(kb, word) and not word.endswith(PRONOUN_SUFFIXES[:-1]) \
            and not word.endswith(PLURAL_NOUN_ENDINGS) and not (word.startswith("م") and word.endswith(("ون", "ين"))) \
            and not word.startswith(DEFINITE_CLITICS) \
            and not _clitic_and_noun(kb, word) and not _future_verb(kb, word) and word not in kb.title_words \
            and word not in HONORIFICS and not doc.at(kb.names, k) and not doc.at(kb.cues, k) \
            and not doc.at(kb.triggers, k) and k not in self.months_at and k not in self.relative_dates_at

    def person_at(self, j: int) -> bool:
        """A person's name, found or no list's, or a title starts at token j."""
        named = self.result.by_token.get(j)
        return self.starts_person(j) or named is not None and self.result.entities[named.entity].type == "Person"

    def unknown_family_word(self, word: str) -> bool:
        """A word with ال that may be a family name no list holds: seen, with or without ال, in too few
        articles to be a common word of the news («المفكر»، «المبتعث» are not), not a feminine or a
        plural noun («النشرة»، «المراقبون»), no nationality, not a listed person's family name
        («المالكي» alone is not a new person)."""
        kb = self.kb
        return word.startswith("ال") and len(word) >= 5 and word not in kb.common_words \
            and word[2:] not in kb.common_words and not word.endswith(NOUN_ENDINGS) and self.family_word(word) \
            and (word,) not in kb.adjectives and word not in kb.listed_family_names

    def given_words_before(self, i: int) -> int:
        """Where the words right before token i that may open a person's name start (i: none): up to
        three (`name_word_before`), none written apart by a mark."""
        doc = self.doc
        first = i
        while first > 0 and i - first < GIVEN_WORDS and not doc.gap(first).strip() \
                and first - 1 not in self.result.by_token and not doc.skip[first - 1]:
            if not self.name_word_before(first - 1):
                break
            first -= 1
        if first < i and (doc.word(first) in NAME_LINKS or doc.word(first) in COMPOUND_NAME_ENDS):
            return i  # «روح الله الخميني»: half a name before it; none told
        return first

    def name_word_before(self, k: int) -> bool:
        """Token k may be a word of a person's name told before a family name: a given name that is no
        common word too (nor «على», written as «علي» is), or a word the recogniser read in a person's
        name that is no common word of the news, bare or behind a clitic («واستشهد»), nor a verb."""
        doc, kb = self.doc, self.kb
        word = doc.word(k)
        if word in kb.given_names and word not in kb.given_names_also_words:
            return self.given_name_at(k)
        tagged = self.tagged.get(k)
        return tagged is not None and tagged.type == "PER" and len(word) >= 3 and word.isalpha() \
            and not word.startswith(CLITIC_OPENERS) and not any(stem in kb.common_words for _, stem in stems(word)) \
            and word not in kb.function_words and not _verb_like(kb, word)

    def surnames(self) -> None:
        """People named again by their last name alone ("روجرز", "شكري" after "سامح شكري"), or by its
        last two words where the last is the end of a compound ("نصر الله" after "حسن نصر الله", "العبد
        اللطيف": «الله»، «الدين» alone are no one's name)."""
        aliases: dict[tuple[str, ...], str] = {}  # the words of a family name -> the person
        for f in self.result.found:
            if self.result.entities[f.entity].type != "Person" or f.last - f.first < 2 \
                    or self.doc.word(f.last - 2) in NAME_LINKS and self.doc.word(f.last - 2) != FAMILY \
                    or f.rule.startswith("title-coreference"):
                continue  # "عبدالله بن عبدالعزيز": a father's name; "عبد الله": half a name (not "آل غيث");
                # "لنظيره الكيني": a title, no name
            last = self.doc.word(f.last - 1)
            if last in COMPOUND_NAME_ENDS:
                if f.last - f.first >= 3 and self.family_word(self.doc.word(f.last - 2)):
                    aliases.setdefault((self.doc.word(f.last - 2), last), f.entity)
            elif last not in REGNAL_NUMBERS and self.family_word(last):
                aliases.setdefault((last,), f.entity)
        if not aliases:
            return
        doc = self.doc
        readings: dict[str, set[tuple[int, tuple[str, ...]]]] = {}  # a written form of a family name's first
        for alias in aliases:  # word, with clitics -> (letters removed, the family name)
            for form, removed in clitic_readings(alias[0]):
                readings.setdefault(form, set()).add((removed, alias))
        covered = set(self.result.by_token)
        starts, ends = doc.tokens.starts, doc.tokens.ends
        for i in sorted(i for form in doc.word_set.intersection(readings) for i in doc.word_positions[form]):
            if i in covered or doc.skip[i] or i > 1 and doc.word(i - 1) in NAME_LINKS and not doc.gap(i).strip() \
                    and (i - 2 in covered or doc.word(i - 1) in SON_OF):
                continue  # «محمد بن سلمان بن عبدالعزيز آل سعود»: the end of another's name (but «وأكد آل كركمان»)
            for removed, alias in sorted(readings[doc.words[i]]):  # "وكريتر": «وكريتر» and «و» + «كريتر»
                if removed and doc.words[i] in self.kb.common_words:
                    continue  # «لصالح الناس» (for the people's good): a word of the news as written, no «ل» + «صالح»
                last = i + len(alias)
                if last > len(doc.words) or any(doc.words[j] != alias[j - i] or j in covered or doc.gap(j).strip()
                                                for j in range(i + 1, last)):
                    continue
                if last < len(doc.words) and not doc.gap(last).strip() and (
                        self.given_name_at(last) or doc.word(last) in SON_OF):
                    continue  # «أحمد محمد الأمين» after «روسادا أحمد»: the first name of another, his father's next
                if i > 0 and doc.word(i - 1) == FAMILY and not doc.gap(i).strip() and i - 1 not in covered:
                    self.add(aliases[alias], i - 1, last, "surname")  # «وأكد آل كركمان»: the family's word with it
                    continue
                begin, _ = doc.norm.original_span(starts[i] + removed, ends[i])
                self.add(aliases[alias], i, last, "surname", begin=begin)

    def given_name_at(self, k: int) -> bool:
        """Token k is a given name that is no word too («محمد»; not «على», read «علي», nor «حسن»)."""
        word = self.doc.word(k)
        return word in self.kb.given_names and word not in self.kb.given_names_also_words \
            and not self.doc.span(k, k + 1).text.endswith("ى")

    def family_word(self, word: str) -> bool:
        """A word that may be (the first of) a family name said alone: no function word, name link,
        present verb or frequent word of the news."""
        return len(word) >= 3 and word not in STOP and word not in NAME_LINKS and not _verb_like(self.kb, word) \
            and self.kb.common_words.get(word, 0) < FAMILY_NAME_DF


def _label(text: str, first_word: str) -> str:
    """Text whose article was elided after ل (لرئيس from للرئيس) gets its alef back for a label."""
    if first_word.startswith("ال") and text.startswith("ل") and not text.startswith("ال"):
        return "ا" + text
    return text


def _ordinary(kb: Knowledge, word: str) -> bool:
    """A common word of the news that is no part of a person's name (also with a pronoun attached:
    لقاءنا، موقفها)."""
    if word in kb.given_names or word in NAME_LINKS:
        return False
    if word in kb.function_words:  # هو، لكن
        return True
    if word.startswith("ال"):  # العتيبي is frequent in Saudi news, and a family name
        return kb.common_words.get(word, 0) >= FAMILY_NAME_DF
    return word in kb.common_words or any(
        word.endswith(suffix) and word[:-len(suffix)] in kb.common_words for suffix in PRONOUN_SUFFIXES) \
        or len(word) > 4 and word.endswith("ا") and word[:-1] in kb.common_words  # جنودا: a noun's accusative


def _nisba(kb: Knowledge, word: str) -> bool:
    """A definite adjective of belonging that names no country's people («القحطاني»، «الحازمي»; not
    «الأمريكي»): the form of a family name."""
    return word.startswith("ال") and word.endswith("ي") and len(word) > 5 and (word,) not in kb.adjectives \
        and (word[2:],) not in kb.adjectives


def _verb_like(kb: Knowledge, word: str) -> bool:
    """A present verb of a derived form («يستعرض»، «يتعهد»، «تتمسك»): its prefix and three letters or
    more; no name starts so (a given name that does is listed, «يتسحاق»). With و or ف before it the
    word may be a foreign name («ويستبروك»، «فيتزجيرالد»): not read so."""
    if word in kb.given_names:
        return False
    return any(word.startswith(prefix) and len(word) - len(prefix) >= 3 for prefix in VERB_PREFIXES)


def _future_verb(kb: Knowledge, word: str) -> bool:
    """A verb to come, with or without «و» or «ف» («وسيبحث»، «سيلتقي»): its present form, after «س», a
    common word of the news of four letters or more («يبحث»). A name that so starts is not («وسيرلانكا»،
    «وستمنستر»، «سيدي بوزيد»: «يدي» is too short to tell)."""
    bare = word[1:] if word[:1] in "وف" else word
    return bare.startswith(FUTURE) and len(bare) > 4 and bare[1:] in kb.common_words  # (not «سيدي بوزيد»)


def _clitic_and_noun(kb: Knowledge, word: str) -> bool:
    """A common word of the news behind a preposition («لكوكب»، «وبكوكب»), not a given name however
    written."""
    return word not in kb.given_names and any(
        stem in kb.common_words and not stem.startswith("ال") and kb.given_names.isdisjoint(s for _, s in stems(stem))
        for removed, stem in stems(word)[1:] if word[removed - 1] in PREPOSITION_CLITICS)
    # but «بلحسن»: a given name behind the letter is a name («لحسن»); «ويلي» (Willy) is no «و» + «يلي»


def _preposition_and_word(kb: Knowledge, word: str) -> bool:
    """ب or ل and a common word («بعودة»، «بتدشين»، «لتأخذ»): no family name («بادوكون»، «لافي» are)."""
    return word[:1] in "بل" and word not in NAME_LINKS and _ordinary(kb, word[1:])


def _clitic_length(kb: Knowledge, word: str) -> int:
    """How many letters of a name's first word are a clitic (وريمون -> 1), by the deepest reading
    that is a given name, or a known or definite word of four letters or more; none when the word itself
    is a given name (وليد). «وكالة» is no «و» + «ك» + «الة», «والي» no «و» + «إلى»."""
    if word in kb.given_names:
        return 0
    for removed, stem in reversed(stems(word)):
        if removed and (stem in kb.given_names or len(stem) > 3 and (stem in kb.common_words or stem.startswith("ال"))):
            return removed
    return 0


def _definite(word: str, written: str) -> str | None:
    """The definite noun or adjective a word is, with ل or و before it (للسياحة، والتراث): its
    normal form with ال; None for any other word (بالرياض is "in Riyadh", no part of a name; ألغت,
    الغت once normalised, is a verb: the article is never written with a hamza)."""
    if not written.startswith(DEFINITE_WRITTEN) or len(word) <= 3:
        return None
    if word.startswith("ال"):
        return word
    for removed, stem in stems(word):
        if removed and word[:removed] in CHAIN_CLITICS and stem.startswith("ال") and len(stem) > 3:
            return stem
    return None


def body_head(key: str) -> str | None:
    """The first word of the name of a body no list knows, by its key («organization:النظام السوري»: النظام)."""
    kind, _, name = key.partition(":")
    return name.split(" ", 1)[0] if kind == "organization" else None


def regime(key: str) -> bool:
    """The key of a state's regime no list knows («النظام السوري»: foreign_bodies)."""
    return body_head(key) in FOREIGN_BODIES


def _arabic(word: str) -> bool:
    return any("\u0621" <= ch <= "\u064a" for ch in word)


def _arabic_or_latin_name(word: str) -> bool:
    return all(ch.isalpha() for ch in word)


def find_entities(doc: Doc, kb: Knowledge) -> EntityResult:
    return _Finder(doc, kb).run()
