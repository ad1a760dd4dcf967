"""Events: a trigger word (لقاء، اتصال هاتفي، زيارة، قمة، مؤتمر صحفي، مقابلة ...) with its
participants, place and date taken from the clause around it; mentions of one occurrence merged."""
from __future__ import annotations

import bisect
from datetime import timedelta
from dataclasses import dataclass, replace

from khabar.extract.dates import DateMention
from khabar.extract.entities import (CHAIRED_BY, CLAUSE, FUTURE, PLACE_PREPOSITIONS, PLACE_TYPES, SPOKESPERSON, STATE_WORDS,
                                     EntityResult, Found)
from khabar.extract.knowledge import Knowledge, word_class, word_of, words_of
from khabar.extract.layout import Doc
from khabar.model import DateValue, Event, Span
from khabar.normalise import normalise_phrase, stems

WINDOW = 14  # tokens either side of the trigger
MONTH_ALONE_WORDS = 8  # the farthest a month named alone stands from the trigger it dates
FUTURE_WORDS = 6  # the farthest a future form stands before its trigger
FUTURE_UNBROKEN = 10  # … or this far, with no comma on the way (a verb with the future prefix)
WHERE_WITHIN = 6  # tokens from «حيث» to the trigger of the clause it opens
LEAD_PARAGRAPHS = 2  # the title (0) and the first paragraphs
OPENER_WORDS = 6  # the farthest into its sentence the person who opens it is named («وصل وزير الخارجية عادل الجبير»)
POSSESSED_OPENING = 2  # a possessed trigger this close to its sentence's start may name whose after it
ARTICLE_WORDS = 3  # words of a sense found anywhere in an article that make it that sense's (a football report)
LEAD_DAYS = 31  # the day the lead tells of is at most this long before the publication
MERGE_HORIZON = 64  # a mention is compared with at most the last 64 events it could be (real articles: a few)
IN = word_of("in")
REGION_WORDS = {(w,) for w in words_of("region_words")}  # منطقة، ولاية: a region of a state named after them
SAID_WHEN = words_of("said_when")  # أمس، اليوم: when, between a cue's frame and what was said
SPOKEN_WORDS = 5  # the farthest a speech cue stands before «في اتصال هاتفي» told as how one spoke
TO = words_of("to")  # إلى
DESTINATION_WORDS = 6  # the longest name of a place gone to, told before the visit
ARRIVAL_GAP = 3  # the most words between that place and «في زيارة» («إلى كينيا -أرض أجداده- في زيارة»)
WHERE = word_of("where")  # حيث: «وصل إلى نيروبي، حيث كان في استقباله»: what follows took place there
RELATION_PREPOSITIONS = words_of("relation_prepositions")  # مع، عن: a place after them is no place of anything
COUNTRY_NEAR = 3  # words between a trigger and a country that is its place (في السعودية)
CAPITAL = words_of("capital")
SETTLEMENTS = words_of("settlement_frames")  # مدينة، محافظة: «بمدينة جدة» names where an event was
NON_PARTIES = {"media", "armed_group", "company", "sports_club", "platform"}  # organisations named near an event, not parties to it
CREDIT_WORDS = words_of("credit_words")
RECEIVED = words_of("received")  # X تلقى اتصالا من Y: Y called
RECEPTION = words_of("reception")  # "كان في استقباله X، وY، وZ": each one named is a party
RECEIVERS = 8  # the most people of a reception's list taken as its parties
DELEGATION_WORDS = 10  # how far after «زيارة وفد» its sender and its head («برئاسة X») are named
CLAUSE_VERBS = words_of("clause_verbs")  # بعث، هنأ: after «، و» a verb that opens a clause of its own
CLAUSE_VERB_STARTS = ("وسي", "وست", "وي", "وت", "فسي", "فست")  # a verb written with «و»: a new clause
HOLDER_WORDS = 30  # the farthest a verb of holding stands before the event it holds
ARRIVAL = words_of("arrival")  # "ولدى وصول خادم الحرمين ... كان في استقباله": the one received
PLACED = words_of("placed")  # X أجرى اتصالا بـ Y: X called
FROM = word_of("from")
RELATIVES = words_of("relatives")  # الذي، التي: a relative clause begins
OTHER_TIMES = words_of("other_times")  # عشية، غداة: another event told as the time of this one
NAMED_BY_DATE = words_of("named_by_date")  # ثورة، ذكرى: the date after them names something
GREETINGS = words_of("greetings")  # تحيات، رسالة: whom they are for or from takes no part in the event
GREETED_WORDS = 4  # the farthest such a word stands before the name
CONVEYED = words_of("conveyed")  # نقل: «حيث نقل سموه تحيات …»: whose greetings or letter he brought
ARRIVAL_FILLERS = words_of("arrival_fillers")  # أول، بدء، مساء: between a place gone to and «في زيارة»
AS_ALSO = word_of("as_also")  # كما: «، كما سيجري» opens a clause of its own
CONTRASTS = words_of("contrasts")  # لكن، لكنه: a clause opens that may deny the one before
NEGATIONS = words_of("negations")  # لم، لا: before a trigger, nothing took place
PASSIVE_AUXILIARIES = words_of("passive_auxiliaries")  # يتم، يجر: «لم يتم استقبال», «لم يجر اتصال»
BETWEEN = words_of("between")
TOURS = words_of("tours")  # جولة: a visit only with the places it takes in
TOUR_WORDS = words_of("tour_words")  # تشمل، شملت: the places of a tour follow
EACH_OF = set(word_class("each_of"))  # كل من: the places a visit goes to follow
ATTENDING = words_of("attending")  # بحضور: who attended, not a party
HELD = words_of("held")  # عقد، أجرى: before a meeting noun, a verb whose subject is a party
HEADED_BODIES = words_of("headed_bodies")  # مكتب، ديوان: «مدير مكتب الرئيس بوتفليقة»: the president is no party
TOPIC_WORDS = words_of("topic_words")  # "وحول زيارة وفد حماس قال الجبير": what a speaker speaks of, not their event
DELEGATION = words_of("delegation")  # "زيارة وفد من حماس": the body whose delegation it is visits
ALSO = words_of("also")  # أيضا: a verb that goes on with the subject of the last event of its type
DURING_IT = words_of("during_it")  # خلالها: during the visit just told
COMPLEMENTIZERS = words_of("complementizers")  # أن، إن
DEMONSTRATIVES = words_of("demonstratives")  # هذه، ذلك
PURPOSE_WORDS = words_of("purpose_words")  # إلى، للقيام: «دعا المبعوث إلى زيارة عدن»: what is asked for
ASKS_WITH_BI = words_of("asks_with_bi")  # طالب، أوصى: «طالب الفرنسيين بزيارة تونس»: what is asked for
ASKED_WORDS = 6  # the farthest such a verb stands before the trigger it asks for
PURPOSE_REACH = 24  # how far before a trigger told as a purpose the word asking for it may be
COUNTERPARTS = words_of("counterparts")  # وفد، عدد، المسؤولين: «استقبل وفداً»، «التقى بعدد من»: the other party
COUNTERPART_WORDS = 3  # how far after its trigger a counterpart is named
OWN_PEOPLE = words_of("own_people")  # مديري، طياري، الجنود: «التقى الأمير محمد بن سلمان طياري التحالف»: one's own people
PEERS = words_of("peers")  # نظيره، نظرائها: a counterpart of another state by definition
STANDING_WORDS = 6  # how far before a name its title may begin («سفير خادم الحرمين الشريفين لدى الأردن سامي»)
STATE_ROLES = words_of("state_roles")  # the titles of a state's office holders (titles.tsv roles: king, minister …)
OWN_BUSINESS_KINDS = words_of("own_business_kinds")  # party: a meeting with one's own party is no diplomacy
OWN_BUSINESS_BODIES = word_class("own_business_bodies")  # مجلس الوزراء، حزب: a cabinet, a party no list knows
SESSION_ADJECTIVES = words_of("session_adjectives")  # الأسبوعي، الطارئ: between a session and the body it is of
STATE_KINDS = words_of("state_kinds")  # the kinds of organisations that are states' bodies (organisations.tsv)
COUNTRY_BODIES = frozenset(word_class("country_bodies"))  # الحكومة، مجلس الوزراء: a country's, named bare
STATE_BODIES = COUNTRY_BODIES | frozenset(word_class("state_bodies"))  # الحكومة، وزارة …
INTERNATIONAL = "international"  # the kind of an international body (organisations.tsv): an act between states
OTHER_STATES = 1  # the most other states an article of its country's own affairs names (in passing)
STATE_TITLES = words_of("state_titles")  # الملك، الوزير، السفير: before a name, a state's office holder


PAST_YEARS = 1  # an event dated more years than this before its article is history recalled


@dataclass
class EventDraft:
    type: str
    first: int  # trigger tokens
    last: int
    participants: set[str]
    place: str | None
    date: DateMention | None
    initiator: str | None = None
    begin: int = 0  # where the trigger starts in the original text (clitics left out)
    positions: list[int] | None = None  # first tokens of every trigger merged into this event
    future: bool = False  # told as still to come (سيلتقي، المقبل)


def other_sense(doc: Doc, kb: Knowledge, m) -> str | None:
    """The name of the other sense a trigger is used in here (event_senses.tsv), or None:
    «لقاء 1.65 مليار دولار» (in exchange for), «نجم اللقاء» (a match), «زيارة المرضى» (patients)."""
    s_first, s_last = doc.sentence_bounds[doc.sent[m.first]]
    for sense in kb.event_senses:
        if not sense.applies(m.payload, m.phrase):
            continue
        if sense.where == "article":
            if len(doc.meets(sense.words)) >= ARTICLE_WORDS:
                return sense.name
            continue
        if sense.where == "next":
            around = range(m.last, min(m.last + 2, s_last))
        elif sense.where == "after":
            around = range(m.last, min(m.last + 1, s_last))
        elif sense.where == "previous":
            around = range(max(s_first, m.first - 1), m.first)
        elif sense.where == "before":
            around = range(max(s_first, m.first - 2), m.first)
        elif sense.where == "sentence":
            around = [k for k in range(s_first, s_last) if not m.first <= k < m.last]
        elif sense.where == "purpose":
            if not _purpose(doc, kb, m):
                continue
            around = range(max(s_first, m.first - PURPOSE_REACH), m.first)
        else:
            around = [k for k in range(max(s_first, m.first - CLAUSE), min(s_last, m.last + CLAUSE))
                      if not m.first <= k < m.last]
        marked = doc.positions(sense.words)
        if any(k in marked or sense.number and doc.word(k)[:1].isdigit() for k in around):
            return sense.name
    return None


def _said_on_the_phone(doc: Doc, kb: Knowledge, ents: EntityResult, m) -> bool:
    """A call told as the way someone spoke to the paper: «في» right before it, a speech cue a few
    words before that in its sentence («وقال الأصبحي في اتصال هاتفي»), and right after it (past a time)
    what was said («أن»، a colon, a quotation) or an outlet («في اتصال هاتفي مع «الشرق الأوسط»»)."""
    s_first = doc.sentence_bounds[doc.sent[m.first]][0]
    if m.first - 1 <= s_first or doc.word(m.first - 1) != IN \
            or not any(doc.at(kb.cues, k) for k in range(max(s_first, m.first - 1 - SPOKEN_WORDS), m.first - 1)):
        return False
    k = m.last
    while k < len(doc.words) and doc.word(k) in SAID_WHEN:
        k += 1  # «في اتصال هاتفي، أمس، إن»
    if k >= len(doc.words) or doc.word(k) in COMPLEMENTIZERS or ":" in doc.gap(k) or "«" in doc.gap(k):
        return True
    outlet = next(iter(ents.between(k, k + 2)), None)
    return outlet is not None and kb.is_media(outlet.entity)


def _purpose(doc: Doc, kb: Knowledge, m) -> bool:
    """The trigger is written as a purpose: with ل («لزيارة الرياض»), with ب after a verb of asking
    («طالب الفرنسيين والأوروبيين بزيارة تونس»; «قام بزيارة» is made), after إلى («إلى زيارة عدن»; «إلى
    اجتماع قمة»: after another trigger that is), or a verb after أن («رغبته أن يزور»; a noun after «إن»
    is what is said of it, not asked for)."""
    before = doc.word(m.first - 1)
    clitics = doc.clitics(m.first, m.begin)
    return clitics.endswith("ل") or before in PURPOSE_WORDS \
        or clitics.endswith("ب") and any(doc.word(k) in ASKS_WITH_BI
                                         for k in range(max(0, m.first - ASKED_WORDS), m.first)) \
        or before in COMPLEMENTIZERS and m.phrase in kb.verb_triggers \
        or bool(doc.at(kb.triggers, m.first - 1)) and doc.word(m.first - 2) in PURPOSE_WORDS


def _holder(doc: Doc, kb: Knowledge, ents: EntityResult, m) -> Found | None:
    """Who holds an event told as the object of a verb of holding further back in its clause
    ("سيعقد وزير المياه والكهرباء المهندس عبدالله الحصين ... مؤتمراً صحافياً"): the person named
    right after the verb, when no other trigger, cue or comma comes between the verb and the event."""
    s_first = doc.sentence_bounds[doc.sent[m.first]][0]
    for k in range(m.first - 2, max(s_first, m.first - HOLDER_WORDS) - 1, -1):
        if "،" in doc.gap(k + 1) or doc.at(kb.triggers, k) or doc.at(kb.cues, k):
            return None
        if doc.word(k) in HELD:
            f = ents.by_token.get(k + 1) or next(iter(ents.between(k + 1, k + 3)), None)
            return f if f is not None and ents.entities[f.entity].type == "Person" and f.last <= m.first else None
    return None


def _attends(doc: Doc, ents: EntityResult, entity: str, lo: int, hi: int) -> bool:
    """The entity is named between tokens lo and hi only after «بحضور» (one who attended)."""
    named = [f for f in ents.between(lo, hi) if f.entity == entity]
    return bool(named) and all(any(doc.word(k) in ATTENDING for k in range(lo, f.first)) for f in named)


def _receivers(doc: Doc, kb: Knowledge, ents: EntityResult, m) -> set[str]:
    """The people of a reception's list after "في استقباله" in its sentence ("كان في استقباله الأمير
    فيصل بن بندر أمير منطقة الرياض، والأمير متعب بن عبدالله، ..."), up to the first one who only
    attended, another event or a speech, and no further than RECEIVERS; and the one whose arrival
    the sentence tells ("ولدى وصول خادم الحرمين الشريفين")."""
    s_first, s_last = doc.sentence_bounds[doc.sent[m.first]]
    arrived = next((f for f in ents.between(s_first, m.first) if doc.word(f.first - 1) in ARRIVAL
                    and ents.entities[f.entity].type == "Person"), None)
    found = [arrived.entity] if arrived else []
    end = next((k for k in range(m.last, s_last) if doc.at(kb.triggers, k) or doc.at(kb.cues, k)), s_last)
    for f in ents.between(m.last, end):  # up to another event or a speech: "... وقبل الحصة اجتمع المدرب"
        if f.last > end:
            break
        if _credited(doc, f):
            break
        if ents.entities[f.entity].type == "Person" and f.entity not in found:
            found.append(f.entity)
    return set(found[:RECEIVERS])


def _credited(doc: Doc, f: Found, visit: bool = False) -> bool:
    """بحسب ما كشف الإليزيه: the source of the report, not a party to the event; one greetings or a
    letter are for or from («ونقل تحيات خادم الحرمين»، «رسالة من الرئيس»); "وبحضور الشيخ نواف
    الأحمد": one who attended it (but a visitor's presence is the visit: "مشيدا بحضور الأمير محمد بن سلمان")."""
    if not visit and f.first > 0 and doc.word(f.first - 1) in ATTENDING:
        return True
    for k in range(f.first - 1, max(0, f.first - GREETED_WORDS) - 1, -1):
        if any(c in doc.gap(k + 1) for c in "،,.:؛"):
            return False  # "بحسب الوزارة، ويزور نظيره الفرنسي": a new clause
        read = {stem for _, stem in stems(doc.word(k))}
        if read & CREDIT_WORDS and k >= f.first - 3 or read & GREETINGS:
            return True  # «وطلب نقل تحياته وتقديره للملك سلمان»: whom greetings or a letter are for or from
    return False


def _introduces_place(doc: Doc, kb: Knowledge, ents: EntityResult, f: Found, trig_last: int, visit: bool) -> bool:
    """في باريس، إلى موسكو، للكويت، بجدة, or right after a visit verb (زار موسكو); the capital named
    by its frame (للعاصمة الإثيوبية أديس أبابا). A country is the place of a visit, or of another
    event when it follows the trigger closely (محادثات في السعودية، مؤتمر صحافي عقده في الكويت),
    not further on, where it is more often the subject of the talks (بحثا الأوضاع في اليمن), nor
    after a person's title."""
    kind = ents.entities[f.entity].type
    if kind == "Country" and not visit and (f.first - trig_last > COUNTRY_NEAR or doc.word(f.first - 1) != IN
                                            or _titled(doc, kb, ents, f.first - 2)):  # "السفير الأميركي في اليمن"
        return False
    clitic = f.begin is not None and doc.word(f.first)[:1] in "بل"  # بجدة، للكويت
    framed = any(stems(doc.word(k))[-1][1] in CAPITAL or not visit and _settlement_named(doc, k)
                 for k in range(max(trig_last, f.first - 2), f.first))
    listed = visit and (doc.word(f.first - 1) in TOUR_WORDS or (doc.word(f.first - 2), doc.word(f.first - 1)) in EACH_OF)
    # "جولة تشمل قطر"، "بزيارة كل من قطر وعمان"
    state = doc.word(f.first - 1) in STATE_WORDS and doc.word(f.first - 2) in PLACE_PREPOSITIONS or any(
        removed == 1 and doc.word(f.first - 1)[:1] in "بل" and stem in STATE_WORDS for removed, stem in stems(doc.word(f.first - 1)))
    # «زيارته الرسمية لمملكة إسبانيا»، «إلى جمهورية مصر»: the country after the word of its state
    return doc.word(f.first - 1) in PLACE_PREPOSITIONS or clitic or f.first == trig_last or framed or listed or state


def _settlement_named(doc: Doc, k: int) -> bool:
    """Token k is a word that names a town or a land (settlement_frames: مدينة، محافظة) introduced as
    where an event was: «في مدينة أبها»، «بمحافظة جدة» (not a visit's: «لمدينة الطائف» after a visit
    finds a host the text does not name as often as the place)."""
    word = doc.word(k)
    if word in SETTLEMENTS:
        return k > 0 and doc.word(k - 1) == IN
    return any(stem in SETTLEMENTS and word[removed - 1] == "ب" for removed, stem in stems(word)[1:])


def _place_before(doc: Doc, kb: Knowledge, ents: EntityResult, lo: int, trig_first: int) -> str | None:
    """The place named between an event's verb and its noun ("عقد الوزير في مكتبه بجدة اجتماعاً",
    "استقبل الملك في قصر السلام بجدة"): a city, region or building, with في or ب, after the last
    person named and with no comma on the way to the trigger (but the one right before the object of a
    verb of holding: "وأجرى X أمس في الكويت، مباحثات"); not a country (the subject of the talks as often
    as their place) unless «في» names it before what such a verb holds."""
    last_person = max((f.last for f in ents.between(lo, trig_first) if ents.entities[f.entity].type == "Person"),
                      default=lo)
    held = any(doc.word(k) in HELD for k in range(lo, trig_first))  # "وأجرى X أمس في الكويت، مباحثات مع
    for f in reversed(ents.between(last_person, trig_first)):
        if ents.entities[f.entity].type in PLACE_TYPES \
                and (ents.entities[f.entity].type != "Country" or held and doc.word(f.first - 1) == IN) \
                and (doc.word(f.first - 1) in PLACE_PREPOSITIONS or f.begin is not None and doc.word(f.first)[:1] == "ب") \
                and not any(("،" in doc.gap(k) or "," in doc.gap(k)) and not (k == trig_first and held)
                            for k in range(f.first, trig_first + 1)) \
                and not _titled(doc, kb, ents, f.first - (1 if doc.word(f.first - 1) not in PLACE_PREPOSITIONS else 2)):
            return f.entity  # (the word before the preposition, written apart or on the place: "اليوم بالرياض")
    return None


def _place_where(doc: Doc, ents: EntityResult, s_first: int, trig_first: int) -> str | None:
    """The place the event's clause says it took place at, opening with «حيث» right after it: «وصل
    مساء أمس إلى نيروبي، حيث كان في استقباله نظيره الكيني»، «وسط العاصمة كوالالمبور، حيث استقبل»."""
    for k in range(trig_first - 1, max(s_first, trig_first - WHERE_WITHIN) - 1, -1):
        gap = doc.gap(k)
        comma = "،" in gap or "," in gap
        if doc.word(k) == WHERE:
            place = ents.by_token.get(k - 1)
            if comma and place is not None and place.last == k and ents.entities[place.entity].type in PLACE_TYPES \
                    and doc.word(place.first - 1) not in RELATION_PREPOSITIONS:
                return place.entity  # but «في قاعدة ... قرب الحدود مع سوريا، حيث التقى» was not in Syria
            return None
        if comma:
            return None  # another clause on the way
    return None


def _place_before_object(doc: Doc, kb: Knowledge, ents: EntityResult, m, participants: set[str]) -> str | None:
    """For a verb that opens its sentence, the place named between its subject and its object, however
    far on ("التقى X نائب الرئيس …، أمس في مقر الحكومة المؤقت في الرياض، Y")."""
    s_first, s_last = doc.sentence_bounds[doc.sent[m.first]]
    if m.phrase not in kb.verb_triggers or m.first > s_first + 1:
        return None
    people = [f for f in ents.between(m.last, s_last) if f.entity in participants
              and ents.entities[f.entity].type == "Person"]
    obj = next((f for f in people if f.entity != people[0].entity), None) if people else None
    if obj is None:
        return None
    subject_end = max(f.last for f in people if f.entity == people[0].entity and f.first < obj.first)
    return _place_after(doc, kb, ents, subject_end, obj.first, False)


def _titled(doc: Doc, kb: Knowledge, ents: EntityResult, k: int) -> bool:
    """Token k ends a person's title or name ("السفير الأميركي", "وزير الخارجية")."""
    mention = ents.by_token.get(k)
    if mention is not None and ents.entities[mention.entity].type == "Person":
        return True
    return any(m.last == k + 1 and m.payload[0] in ("title", "adjective")
               for j in range(max(0, k - 2), k + 1) for m in doc.at(kb.names, j))


def _place_after(doc: Doc, kb: Knowledge, ents: EntityResult, trig_last: int, stop: int, visit: bool) -> str | None:
    for f in ents.between(trig_last, stop):
        if ents.entities[f.entity].type in PLACE_TYPES \
                and _introduces_place(doc, kb, ents, f, trig_last, visit):
            return f.entity
    return None


def find_events(doc: Doc, kb: Knowledge, ents: EntityResult, dates: list[DateMention]) -> list[EventDraft]:
    drafts: list[EventDraft] = []
    dates_at = _DatesByPosition(dates)
    covered = set(ents.by_token)
    other_senses: set[str] = set()  # the types of the triggers read in another sense so far
    bodies_opened = {stem for f in ents.found if f.last - f.first > 1 and ents.entities[f.entity].type == "Organization"
                     for _, stem in stems(doc.word(f.first)) if stem.startswith("ال")}  # «اللقاء الديمقراطي»
    cues = [c.first for c in doc.find(kb.cues)]  # where the speech cues start, in the order of the text
    for m in doc.find(kb.triggers):
        frame = kb.event_frames[m.payload]
        named = ents.by_token.get(m.first)  # "قمة العشرين": a summit that is also a name
        if doc.skip[m.first] or (m.first in covered and not (
                frame.named and named.first == m.first and ents.entities[named.entity].type == "Organization")):
            continue
        if m.last - m.first == 1 and bodies_opened and any(stem in bodies_opened for _, stem in stems(doc.word(m.first))):
            continue  # «أن اللقاء يرفض»: the body the article names «اللقاء الديمقراطي», told again by its first word
        if other_sense(doc, kb, m) or doc.word(m.first - 1) in NEGATIONS or (
                doc.word(m.first - 1) in PASSIVE_AUXILIARIES and doc.word(m.first - 2) in NEGATIONS):
            other_senses.add(m.payload)
            continue  # "لم يلتق الرئيسان", "لا تلتقي بالضرورة مع مصالح", "لم يتم استقبال": nothing took place
        if frame.caller and _said_on_the_phone(doc, kb, ents, m):
            continue  # «وقال الأصبحي في اتصال هاتفي، إنه»: how he spoke to the paper, no call between parties
        etype = m.payload
        s_first, s_last = doc.sentence_bounds[doc.sent[m.first]]
        lo, hi = max(s_first, m.first - WINDOW), min(s_last, m.last + WINDOW)
        said = s_last  # where what a party said begins («، الذي أكد أن»): no party or date of the event in it
        if frame.parties != "visit":  # a visit's host may be named in the next clause («، ويلتقي خلالها روحاني»)
            said = min(_clause_stop(doc, kb, m.last, s_last, _opens_speech),  # and its date in what the visitor said
                       _said_across(doc, ents, cues, m, s_first, s_last))
            hi = min(_clause_stop(doc, kb, m.last, hi), said)  # there («، الذي أكد خلال زيارته الخميس لبغداد»)
        if doc.word(m.first - 1) in OTHER_TIMES and m.phrase not in kb.possessed_triggers:
            lo = m.first  # «عشية زيارة يقوم بها وزير الخارجية الفرنسي»: another event than the clause's, its
            # parties named after it (but «قبيل زيارته»: whose was told before)
        hi = _other_time(doc, kb, m.last, hi)  # «اتصال هاتفي … مع نظيره الفرنسي عشية زيارة …»: no party of it
        window = [f for f in ents.between(lo, hi) if not _credited(doc, f, frame.parties == "visit")]
        future = _future(doc, kb, m, s_first, ents.by_token)
        date = _date_for(doc, dates_at, m.first, m.last, s_first, s_last, covered, future, said)
        anaphoric = m.phrase not in kb.verb_triggers and definite(doc.word(m.first))
        same_type = next((d for d in reversed(drafts) if d.type == etype), None)
        if anaphoric and same_type is None and etype in other_senses:
            continue  # "بزيارة للمرضى المنومين … وتقدم الزيارة": the visit told before was no event
        if anaphoric and same_type is not None and (date is None or date.value == getattr(same_type.date, "value", None)):
            same_type.positions.append(m.first)  # "المكالمة", "اللقاء": the event already reported
            continue
        if anaphoric and frame.talks and drafts and date is None and doc.word(m.first).endswith(("محادثات", "مباحثات")):
            drafts[-1].positions.append(m.first)  # "المحادثات": the talks of the last event
            continue
        if frame.parties == "visit":
            for place, participants in _visits(doc, kb, ents, m, window, hi):
                if place is None and m.phrase[0] in TOURS:
                    continue  # "خلال جولتها الميدانية": a tour is a visit where the text says where it went
                drafts.append(EventDraft(etype, m.first, m.last, participants, place, date, None, m.begin, [m.first], future))
            continue
        participants = _parties(doc, kb, ents, m, frame.parties, window, lo, hi, drafts)
        if participants is None:
            continue
        if m.phrase in kb.verb_triggers and doc.word(m.last) in ALSO and same_type is not None:
            subject = [p for p in same_type.participants if ents.entities[p].type == "Person"]
            if len(subject) == 1:  # "كما سيلتقي كارتر جنودا ... وسيلتقي أيضًا حيدر العبادي": the same subject
                participants.add(subject[0])
        if m.phrase in kb.verb_triggers and doc.word(m.last) in DURING_IT and len(participants) < 2:
            visit = next((d for d in reversed(drafts) if doc.sent[d.first] == doc.sent[m.first]
                          and kb.event_frames[d.type].parties == "visit"), None)
            if visit is not None:  # «في زيارة عمل يلتقي خلالها بالرئيس السيسي»: the visitor meets the one named
                participants |= {p for p in visit.participants if ents.entities[p].type == "Person"}
        if len(participants) == 1 and same_type and participants <= same_type.participants:
            participants = set(same_type.participants)  # "لقائه" after a first report: the same parties
        if doc.word(m.first - 1) == IN and doc.word(m.first) in RECEPTION:
            participants |= _receivers(doc, kb, ents, m)
        holder = _holder(doc, kb, ents, m)
        if holder is not None:  # "سيعقد وزير المياه ... عبدالله الحصين وبحضور ... آل إبرهيم مؤتمراً صحافياً"
            participants = {p for p in participants if not _attends(doc, ents, p, holder.last, m.first)}
            participants.add(holder.entity)
        if not participants:
            continue
        place = None if not frame.place else (_place_after(doc, kb, ents, m.last, hi, False)
                                              or _place_before(doc, kb, ents, lo, m.first)
                                              or _place_before_object(doc, kb, ents, m, participants)
                                              or _place_where(doc, ents, s_first, m.first))
        if place:
            participants.discard(place)
            if not participants:
                continue  # the one named was where it is ("ارتفاع قمة جبال روكي في أمريكا"): no party
        initiator = _initiator(doc, ents, m, window) if frame.caller else None
        drafts.append(EventDraft(etype, m.first, m.last, participants, place, date, initiator, m.begin, [m.first], future))
    merged = _merge(doc, kb, drafts)
    told = _lead_date(doc, dates)
    that_day = {(e.type, frozenset(e.participants)) for e in merged  # the events told of on the lead's day
                if told is not None and e.date is not None and e.date.value == told.value}
    for d in merged:
        undated = kb.event_frames[d.type].undated
        if d.date is None and told is not None and undated == "day" and not d.future and told.first < d.first \
                and (d.type, frozenset(d.participants)) not in that_day:
            d.date = told  # "وقالت موغيريني، خلال مؤتمر صحافي": on the day the article tells of (unless that
            # made it the same as another told of that day: "اجتماعا موسعا" after "اجتماعا ثنائيا" is a second)
            that_day.add((d.type, frozenset(d.participants)))
        elif d.date is None and told is not None and undated == "month" and not d.future and told.first < d.first:
            d.date = replace(told, value=DateValue(told.value.year, told.value.month))  # a visit lasts: its month
    return [d for d in merged if d.future or not _long_ago(doc, d.date)]


def _long_ago(doc: Doc, date: DateMention | None) -> bool:
    """The event's clause dates it to a year long before the article («عند زيارة الرئيس جيمي كارتر إلى
    بولندا عام 1977»، «قمة جدة عام 2008»): history the article recalls, no news of diplomacy (but an
    event still to come keeps its place, whatever date its clause gave it)."""
    published = doc.article.published
    return date is not None and not date.relative and published is not None and published[:4].isdigit() \
        and date.value.year is not None and date.value.year < int(published[:4]) - PAST_YEARS


def _lead_date(doc: Doc, dates: list[DateMention]) -> DateMention | None:
    """The day the article tells of: the first day its title or first paragraph names (أمس، اليوم،
    الثلاثاء، 21 يوليو), when it names one, and no later than the publication."""
    if doc.published_day is None:
        return None
    lead = [d for d in dates if doc.para[d.first] <= LEAD_PARAGRAPHS and not d.since and d.value.day is not None
            and NAMED_BY_DATE.isdisjoint(st for _, st in stems(doc.word(d.first - 1)))]  # not "ذكرى ثورة 23 يوليو 1952"
    first = min(lead, key=lambda d: d.first, default=None)
    if first is None:
        return None
    value = first.value
    told = (value.year, value.month, value.day)
    recent = (doc.published_day - timedelta(days=LEAD_DAYS)).timetuple()[:3]
    return first if recent <= told <= doc.published_day.timetuple()[:3] else None


def _initiator(doc: Doc, ents: EntityResult, m, window: list[Found]) -> str | None:
    """Who placed the call: Y in "X تلقى اتصالا من Y", X in "X أجرى اتصالا بـ Y"."""
    before = {stem for k in range(max(0, m.first - 4), m.first) for _, stem in stems(doc.word(k))}
    people = [f for f in window if ents.entities[f.entity].type == "Person"]
    if before & RECEIVED:
        caller = next((f for f in people if f.first >= m.last and doc.word(f.first - 1) == FROM), None)
        return caller.entity if caller else None
    if before & PLACED:
        caller = next((f for f in people if m.first - 4 <= f.first < m.first), None)
        return caller.entity if caller else None
    return None


def _parties(doc: Doc, kb: Knowledge, ents: EntityResult, m, rule: str, window: list[Found], lo: int, hi: int,
             before: list[EventDraft]):
    """The parties named in the clause, by the frame's rule (event_frames.tsv): people first;
    organisations or countries when people are few; "الجانبان", "بينهما": the parties of the last
    event reported with two. None: the frame is not filled (an interview with no medium)."""
    if rule == "members" or m.first > 0 and doc.word(m.first - 1) in HELD:
        window = [f for f in window if f.first >= m.first]  # the members of a summit are named after the word
        # (قمة أنقرة للدول الضامنة، روسيا وتركيا); "، وعقد اجتماعا مع Y": those after it and the verb's subject
    people = [f for f in window if ents.entities[f.entity].type == "Person" and not _in_title(doc, kb, f.first)]
    pair = _named_pair(doc, people, m) if rule == "pair" else None
    if pair:
        return pair
    participants = {f.entity for f in people}
    if rule == "medium":
        media = [f for f in window if kb.is_media(f.entity)]
        return ({f.entity for f in people[:1]} | {media[0].entity}) if media else None
    if rule == "members":
        participants |= {f.entity for f in window if ents.entities[f.entity].type in ("Organization", "Country")
                         and kb.kinds.get(f.entity) not in NON_PARTIES}
    elif len(participants) < 2 and (rule == "pair" or not participants):
        if len(participants) == 1 and rule == "pair":  # one person named near: the other may be further on
            participants |= _clause_parties(doc, kb, ents, m, participants)
        others = [f for f in window if ents.entities[f.entity].type == "Organization"
                  and kb.kinds.get(f.entity) not in NON_PARTIES and f.entity not in participants
                  and not _titled(doc, kb, ents, f.first - 1)  # "ومدير إدارة العلاقات العامة": its head, not it
                  and doc.word(f.first - 1) not in PLACE_PREPOSITIONS]  # "في نادي الضباط": where, not who
        participants |= {f.entity for f in others[:2 - len(participants)]}
    if any(lo <= p < hi for p in ents.pairs) and len(participants) < 2:
        last = next((d for d in reversed(before) if len(d.participants) >= 2), None)
        participants |= last.participants if last else set()
    if rule == "pair" and participants and m.phrase in kb.possessed_triggers:
        owner = _possessor(doc, ents, m)
        if owner is not None:  # «وصل وزير الخارجية عادل الجبير إلى الدوحة. وكان في استقباله … العطية»: the one
            participants.add(owner)  # received, told by the sentence before, and those who received him
    return participants


def _possessor(doc: Doc, ents: EntityResult, m) -> str | None:
    """Whose a possessed trigger told after «في» is («وكان في استقباله») when its own sentence names no one
    before it: the person who opens the sentence before («وصل وزير الخارجية عادل الجبير …»)."""
    s_first = doc.sentence_bounds[doc.sent[m.first]][0]
    if s_first == 0 or doc.word(m.first - 1) != IN \
            or any(ents.entities[f.entity].type == "Person" for f in ents.between(s_first, m.first)):
        return None  # (but «وخلال لقائه مع رؤساء التحرير قال داود أوغلو»: whose, told after it)
    p_first = doc.sentence_bounds[doc.sent[s_first - 1]][0]
    opener = next((f for f in ents.between(p_first, s_first) if ents.entities[f.entity].type == "Person"), None)
    return opener.entity if opener is not None and opener.first <= p_first + OPENER_WORDS else None


def _in_title(doc: Doc, kb: Knowledge, k: int) -> bool:
    """A person named from token k is named in another's title, as the one whose office it is («مدير
    مكتب الرئيس بوتفليقة»; but not «في مكتب سموه», the receiver's own office): no party."""
    return k > 1 and doc.word(k - 1) in HEADED_BODIES and any(stem in kb.title_words for _, stem in stems(doc.word(k - 2)))


def _named_pair(doc: Doc, people: list[Found], m) -> set[str] | None:
    """The two people the trigger names right after it, joined by و ("اجتماع ولي ولي العهد والرئيس
    المصري", "لقاء بين الرئيسين X وY"): the parties, and no one else in the sentence."""
    after = [f for f in people if f.first >= m.last]
    if len(after) < 2 or after[0].first > m.last + (doc.word(m.last) in BETWEEN):
        return None
    first, second = after[0], after[1]
    if second.first != first.last or not doc.word(second.first).startswith("و") or first.entity == second.entity:
        return None
    return {first.entity, second.entity}


def _clause_parties(doc: Doc, kb: Knowledge, ents: EntityResult, m, found: set[str]) -> set[str]:
    """Parties the clause names beyond the trigger's window: the person who opens the sentence
    («تلقى [الأمير محمد بن سلمان ... وزير الدفاع] اتصالاً هاتفياً من ...»), and, for a verb that opens
    it («استقبل X في قصره في جدة أمس الأول Y»), the next person after its subject, however long the
    titles, when no clause, event or speech opens between them («استقبل سماحة مفتي عام المملكة … الشيخ
    عبدالعزيز آل الشيخ، في مكتبه …، أمس، رئيس ديوان المظالم … الشيخ الدكتور خالد بن محمد اليوسف»)."""
    s_first, s_last = doc.sentence_bounds[doc.sent[m.first]]
    people = [f for f in ents.between(s_first, s_last) if ents.entities[f.entity].type == "Person" and not _credited(doc, f)]
    out = set()
    opener = next((f for f in people if f.first <= s_first + 5 and f.last <= m.first), None)
    if opener is None and m.first > 0 and doc.word(m.first - 1) in HELD:  # "هنأ خادم الحرمين X، وعقد اجتماعا
        opener = next((f for f in people if f.last < m.first), None)  # مع Y": the sentence's subject held it
    if opener is not None:
        out.add(opener.entity)
    if m.first <= s_first + 1:
        subject = next((f for f in people if f.first >= m.last), None)
        if subject is not None:
            obj = next((f for f in people if f.first >= subject.last and f.entity != subject.entity
                        and (f.first <= m.last + 2 * WINDOW or f.first <= subject.last + 2 * WINDOW
                             and _clause_stop(doc, kb, subject.last, f.first) == f.first
                             and not any(doc.at(kb.triggers, k) or doc.at(kb.cues, k)
                                         for k in range(subject.last, f.first)))), None)
            out |= {f.entity for f in (subject, obj) if f is not None}
    return out - found


def _visits(doc: Doc, kb: Knowledge, ents: EntityResult, m, window: list[Found], hi: int):
    """One visit per destination ("يزور الكويت وقطر والعراق"): the visitor, the visited country and,
    when the text names one, the host."""
    destinations = []
    for f in window:
        if f.first < m.last or ents.entities[f.entity].type not in PLACE_TYPES:
            continue
        joined = destinations and f.first - destinations[-1].last <= 1 and \
            (doc.word(f.first).startswith("و") or "،" in doc.gap(f.first))
        after_visitor = any(g.last == f.first and ents.entities[g.entity].type == "Person" for g in window)
        if not destinations and f.first > m.last and any(g.first == f.last and ents.entities[g.entity].type == "Person"
                                                         and not doc.gap(g.first).strip() for g in window):
            continue  # «زار المبعوث الخاص إلى سوريا ستيفان دي ميستورا طهران»: a place in the visitor's role
        if not destinations and (_introduces_place(doc, kb, ents, f, m.last, visit=True) or after_visitor) or joined:
            destinations.append(f)
        elif destinations:
            break
    if not destinations:
        destinations = _arrived_at(doc, kb, ents, m)
    people = [f.entity for f in window if ents.entities[f.entity].type == "Person"]
    s_first = doc.sentence_bounds[doc.sent[m.first]][0]
    before = [f.entity for f in ents.between(s_first, m.first) if ents.entities[f.entity].type == "Person"]
    if m.phrase in kb.possessed_triggers and (before or m.first > s_first + POSSESSED_OPENING):
        # "زيارته": of someone named before it; but where it opens the sentence with no one before
        # ("في إطار زيارته لإسبانيا، اجتمع X"), of the one named after
        people = [f.entity for f in window if ents.entities[f.entity].type == "Person" and f.last <= m.first]
    if before and before[0] not in people:
        people.insert(0, before[0])  # the visitor opens the sentence: "وحاول الرئيس ... وزار موسكو"
    sender = next((f.entity for f in ents.between(m.last + 1, m.last + 4)  # "زيارة وفد من حماس للمملكة":
                   if ents.entities[f.entity].type in ("Organization", "Country")), None) \
        if m.last < len(doc.words) and doc.word(m.last) in DELEGATION else None  # Hamas visits
    destinations = [f for f in destinations if f.entity != sender]
    led_by = next((f.entity for f in ents.between(m.last + 1, m.last + DELEGATION_WORDS)  # "وفد من حماس برئاسة
                   if doc.word(f.first - 1) in CHAIRED_BY and ents.entities[f.entity].type == "Person"),
                  None) if sender else None  # خالد مشعل": its head visits with it
    home = kb.home_countries.get(doc.article.source or "")
    for dest in destinations or [None]:
        country = None
        if dest is not None:
            e = ents.entities[dest.entity]
            country = dest.entity if e.type == "Country" else e.country
        visitors = [sender, *([led_by] if led_by else [])] if sender else [p for p in people if ents.entities[p].country != country] or (
            people[:1] if country is None or m.phrase not in kb.possessed_triggers else [])  # "زيارته" is no
        # local's visit home
        local = bool(people) and country is not None and country == home and ents.entities[dest.entity].type != "Country" \
            and all(ents.entities[p].country == home for p in people)  # a governor's tour of his own region
        guessed = [] if local or not visitors and m.phrase not in kb.possessed_triggers \
            or any(ents.entities[p].country is None for p in visitors) else ents.salient_people(5)
        # (a visit of no one named, «انها زارت اربع مناطق في عدن», has no host guessed; «زيارته» is of
        # someone the article is about)
        hosts = [] if sender else [p for p in people + guessed  # named in the clause, else the article's
                                   if country and ents.entities[p].country == country  # best-known person of the
                                   and p not in visitors]  # place; not for a visitor from who knows where (the
        # king named at the end of a story of a minister's tour of Riyadh is no host of it)
        participants = set(visitors[:2]) | set(hosts[:1])
        if country and country in kb.entities and not local:
            ents.entities.setdefault(country, kb.entities[country])
            participants.add(country)
        if participants and (visitors or hosts):
            yield (dest.entity if dest else None), participants


def _arrived_at(doc: Doc, kb: Knowledge, ents: EntityResult, m) -> list[Found]:
    """The place gone to, told right before the visit («يصل ظريف إلى الكويت في زيارة رسمية»، «سيغادر
    إلى جمهورية مصر العربية في زيارة عمل»), a few words at most between (`_arrival_fillers`)."""
    end = m.first - 1 if doc.word(m.first - 1) == IN else m.first
    for f in ents.between(max(0, end - DESTINATION_WORDS - ARRIVAL_GAP), end):
        if ents.entities[f.entity].type in PLACE_TYPES and doc.sent[f.first] == doc.sent[m.first] \
                and doc.word(f.first - 1) in TO and end - f.last <= ARRIVAL_GAP and _arrival_fillers(doc, kb, f.last, end):
            return [f]
    return []


def _arrival_fillers(doc: Doc, kb: Knowledge, lo: int, hi: int) -> bool:
    """The tokens from `lo` (after a place gone to) to `hi` («في زيارة») leave the visit the one made
    there: no comma, and each a time («إلى كينيا أمس في زيارة»)، a word of its start (arrival_fillers:
    «في بدء أول زيارة») or in an aside between dashes or brackets («الى كينيا -أرض أجداده- في زيارة»);
    not «متوجها الى اثيوبيا في ختام زيارة» (the end of the visit to the place left). None between: yes."""
    gaps = [doc.gap(j) for j in range(lo, hi + 1)]  # gaps[i]: before token lo + i
    if lo < hi and any("،" in g or "," in g for g in gaps):
        return False
    for k in range(lo, hi):
        timed = any(t.first <= k < t.last for j in range(max(0, k - 2), k + 1) for t in doc.at(kb.relative_dates, j))
        aside = any(c in g for g in gaps[:k - lo + 1] for c in "-–(") and any(c in g for g in gaps[k - lo + 1:] for c in "-–)")
        if not (timed or aside or doc.word(k) in ARRIVAL_FILLERS):
            return False
    return True


def _future(doc: Doc, kb: Knowledge, m, s_first: int, names) -> bool:
    """The trigger tells of what is still to come: it or a word up to six before it in its sentence is
    a future form (future_words.tsv: سيزور، سيعقد مؤتمرا، المزمع), or up to ten with no comma on the way
    («سيجري رئيس النمسا هاينز فيشر في سبتمبر (أيلول) أول زيارة»: a verb of the future prefix as written,
    not a word read through a clitic, «فيصل» no «ف» + «يصل»). A name is none (`names`: the tokens of
    the article's mentions)."""
    future = doc.positions(kb.future_words)
    if any(k in future and k not in names for k in range(max(s_first, m.first - FUTURE_WORDS), m.last)):
        return True
    for k in range(m.first - 1, max(s_first, m.first - FUTURE_UNBROKEN) - 1, -1):
        if "،" in doc.gap(k + 1) or "," in doc.gap(k + 1):
            return False
        verb = doc.word(k).removeprefix("و")
        if verb.startswith(FUTURE) and verb in kb.future_words and k not in names:
            return True
    return False


def _foreign_clause(doc: Doc, covered: set[int], first: int, stop: int) -> int:
    """Where, from token `first` on, the relative clause of another noun than the trigger starts: a
    relative pronoun after more than two words that are in no name; `stop` if none does."""
    unnamed = 0
    for k in range(first, stop):
        if doc.word(k) in RELATIVES and unnamed > 2:
            return k
        unnamed += k not in covered
    return stop


class _DatesByPosition:
    """The article's dates, cut by token range without a scan of them all."""

    def __init__(self, dates: list[DateMention]):
        self.dates = dates
        self.order = sorted(range(len(dates)), key=lambda i: dates[i].first)
        self.firsts = [dates[i].first for i in self.order]

    def between(self, lo: int, hi: int) -> list[DateMention]:
        """The dates that start in [lo, hi), in the order they were found (which breaks ties)."""
        cut = self.order[bisect.bisect_left(self.firsts, lo):bisect.bisect_left(self.firsts, hi)]
        return [self.dates[i] for i in sorted(cut)]


def _date_for(doc: Doc, dates: _DatesByPosition, first: int, last: int, s_first: int, s_last: int,
              covered: set[int], future: bool, said: int) -> DateMention | None:
    """The date of the trigger's clause: in its sentence, after it unless the relative clause of
    another noun comes between (one more than two words, none of them names, after the trigger:
    «مؤتمر صحافي عقده ... بعد الاتفاق الذي أبرم في 14 يوليو» dates the agreement) or what a party
    said begins (token `said`), the nearest; a weekday or a day and month without a year points ahead
    when the event is still to come."""
    cut = min(_foreign_clause(doc, covered, last, s_last), _next_clause(doc, last, s_last), said)
    best, best_key = None, None
    for d in dates.between(s_first, min(s_last, cut + 1)):
        if d.since or d.first in covered or not NAMED_BY_DATE.isdisjoint(st for _, st in stems(doc.word(d.first - 1))):
            continue  # "ثورة 25 يناير", "هجمات 11 سبتمبر": a date that names something else
        if future and d.last <= first and _told_in_content(doc, d.last, first):
            continue  # «استعادت … وضع السفارة اليوم على أن تجري … خلال زيارة لكيري مرتقبة»، «أعلن مساء أمس أن …
            # سيغادر … في زيارة»: the day it was told of, not the day of an event still to come (but «لفت فلتشر
            # أمس إلى أن زيارته لمقبل»: a visit told of while it was made)
        distance = d.first - last if d.first >= last else first - d.last
        if d.alone and distance > MONTH_ALONE_WORDS:
            continue  # «مباحثاته في جدة ركزت على … بعد التزامات قطعتها دول الخليج خلال قمة في كامب ديفيد في مايو»
        key = (d.approximate and not (future and d.ahead), d.relative, distance > WINDOW, abs(distance))  # a Hijri
        # year alone, only if nothing else (but «سيزور إيران في سبتمبر» dates what is to come)
        if best_key is None or key < best_key:
            best, best_key = d, key
    if best is not None and future and best.ahead is not None:
        return replace(best, value=best.ahead, approximate=False)  # («سيزور إيران في سبتمبر»: this year's)
    return best


def _told_in_content(doc: Doc, lo: int, first: int) -> bool:
    """A complementizer among the words [lo, first) opens a clause the trigger at `first` stands in, no
    comma after it on the way (but «أعلن كارتر الاثنين أن …، مشيرا …، خلال لقاء»: back in the clause
    of the verb, whose date it is)."""
    opened = next((k for k in range(first - 1, lo - 1, -1) if doc.word(k) in COMPLEMENTIZERS), None)
    return opened is not None and not any("،" in doc.gap(k) or "," in doc.gap(k) for k in range(opened + 1, first + 1))


def _opens_clause(doc: Doc, kb: Knowledge, k: int) -> bool:
    """Token k opens a coordinated clause of its own: after a comma, «و» or «ف» and a verb (a trigger,
    a cue of speech, or a verb of clause_verbs): «، وبعث برقية عزاء لملك الأردن»; after a comma, «حيث»
    and a cue or a verb of conveying; or «لكن» («أجرى سلسلة لقاءات مع المسؤولين السوريين، لكنه لم
    يلتق … بشار الأسد»: not one he met)."""
    word = doc.word(k)
    if word in CONTRASTS:
        return True
    if "،" in doc.gap(k) and word == WHERE and k + 1 < len(doc.words):  # «اجتماعاً مع سموه، حيث نقل سموه
        word = doc.word(k + 1)  # تحيات خادم الحرمين»: whose greetings he brought takes no part
        return word in CONVEYED or bool(doc.at(kb.cues, k + 1))  # (but «، حيث بحث معه»: a party may follow)
    if "،" in doc.gap(k) and word == AS_ALSO and k + 1 < len(doc.words):  # «خلال القمة العالمية لرواد الأعمال،
        verb = doc.word(k + 1)  # كما سيجري محادثات مع نظيره الكيني»: a verb of its own after «، كما»
        return verb in CLAUSE_VERBS or verb.startswith(FUTURE) or bool(doc.at(kb.triggers, k + 1)) \
            or bool(doc.at(kb.cues, k + 1))
    return "،" in doc.gap(k) and word[:1] in ("و", "ف") and len(word) > 3 and (
        word[1:] in CLAUSE_VERBS or bool(doc.at(kb.triggers, k)) or bool(doc.at(kb.cues, k)))


def _opens_speech(doc: Doc, kb: Knowledge, k: int) -> bool:
    """Token k opens what a party said: after a colon and a quotation mark, or after a comma a
    participle or continuation cue («، مؤكداً أن») or a relative pronoun and a cue («التقى خلالها
    الرئيس المصري، الذي أكد أن الملك سلمان كان داعماً ... عام 1956»): the names and dates in it are
    what was said, not the event's parties or date. A verb cue alone is not («في مقابلة مع نيويورك
    تايمز، قال أوباما»: its speaker comes next)."""
    gap = doc.gap(k)
    if ":" in gap and any(q in gap for q in "«\"“"):
        return True  # «في مؤتمر صحافي بزيوريخ أمس: «نحن ندعو كوفي أنان …»»: Annan is named in what was said
    if "،" not in gap:
        return False
    if doc.word(k) in RELATIVES:
        return bool(doc.at(kb.cues, k + 1))
    return any(m.payload[1] in ("participle", "continuation") for m in doc.at(kb.cues, k))


def _said_across(doc: Doc, ents: EntityResult, cues: list[int], m, s_first: int, s_last: int) -> int:
    """Where what a cue before the trigger says begins after it, no other cue between («وأعلن المتحدث
    خلال المؤتمر الصحافي اليومي أول من أمس أن «الإدارة الأميركية …»»: no party of the conference in it);
    s_last if none does. `cues`: the first tokens of the article's speech cues, in the order of the text."""
    at = bisect.bisect_left(cues, m.first)
    if at == 0 or cues[at - 1] < s_first \
            or any(doc.word(j) in COMPLEMENTIZERS for j in range(cues[at - 1] + 1, m.first)):
        return s_last  # («أوضح مكتبه أن أوغلو بحث في اتصال هاتفي مع … بان كي مون»: the event is what was said)
    after = next((c for c in cues[at:] if c >= m.last), s_last)  # «وفي تصريح عقب لقاء جمعهما …، لفت فلتشر إلى
    for k in range(m.last, min(after, s_last)):  # أن»: what another cue after the trigger says is its own
        if doc.word(k) in COMPLEMENTIZERS and k not in ents.by_token:  # (not «بان» of «بان كي مون»)
            return k
    return s_last


def _clause_stop(doc: Doc, kb: Knowledge, last: int, stop: int, opens=_opens_clause) -> int:
    """Where, from token `last` on, the next clause of the sentence opens (`opens`: a coordinated
    clause, or with _opens_speech what a party said): the parties of an event are named before it
    («تلقى اتصالاً من X، وبعث برقية عزاء لY»: Y is no party to the call); `stop` if none does. What
    comes before the trigger is not cut: a clause opened by «و» and a verb shares the subject of the
    one before it («استقبل X ... Y، وعقد معه اجتماعاً»)."""
    for k in range(last, stop):
        if opens(doc, kb, k):
            return k
    return stop


def _other_time(doc: Doc, kb: Knowledge, last: int, stop: int) -> int:
    """Where, from token `last` on, another event is told as the time of this one («عشية زيارة»، «غداة
    لقاء»): its parties are its own; `stop` if none is."""
    for k in range(last, stop - 1):
        if doc.word(k) in OTHER_TIMES and doc.at(kb.triggers, k + 1):
            return k
    return stop


def _next_clause(doc: Doc, first: int, stop: int) -> int:
    """Where, after token `first`, a new clause opens after a comma with a verb of its own («،
    وسيواصل النصر تدريباته ... في 12 أغسطس»: that date is the training's); `stop` if none does."""
    for k in range(first + 1, stop):
        word = doc.word(k)
        if "،" in doc.gap(k) and len(word) > 4 and word.startswith(CLAUSE_VERB_STARTS):
            return k
    return stop


def _indefinite(word: str) -> bool:
    """An indefinite noun in the accusative (اجتماعا، اتصالا، لقاءً): an event told for the first time."""
    return word.endswith("ا") and len(word) > 4 and not definite(word)


def definite(word: str) -> bool:
    """A noun with the article, once its clitics are read off (اللقاء، وبالزيارة): an event the reader knows."""
    return any(stem.startswith("ال") for _, stem in stems(word))


def _merge(doc: Doc, kb: Knowledge, drafts: list[EventDraft]) -> list[EventDraft]:
    """One event per occurrence: same type, same participants and compatible dates.

    The headline (the first line) names the event the body reports: there, a subset of the
    participants and a missing date are enough."""
    merged: list[EventDraft] = []
    in_headline: dict[str, list[int]] = {}  # type -> the merged events of the first line (their parties grow)
    by_parties: dict[tuple[str, frozenset[str]], list[int]] = {}  # (type, parties) -> the other merged events
    for d in drafts:
        near = in_headline.get(d.type, [])[-MERGE_HORIZON:] + \
            by_parties.get((d.type, frozenset(d.participants)), [])[-MERGE_HORIZON:]
        near += [i for i in range(max(0, len(merged) - MERGE_HORIZON), len(merged))
                 if i not in near and merged[i].type == d.type and _told_in(doc, merged[i], doc.sent[d.first])]
        # (a visit told again in its sentence)
        for e in (merged[i] for i in sorted(near)):
            headline = doc.para[e.first] == 0 and doc.para[d.first] > 0
            multilateral = len(e.participants) >= 3 and e.participants == d.participants
            if (headline and (e.participants <= d.participants or d.participants <= e.participants)
                    or multilateral) and e.date is None:
                _fold(e, d)
                break
            if _told_again(doc, kb, e, d):
                e.positions.extend(d.positions)
                break
            if e.participants != d.participants:
                continue
            if d.date is not None and (e.date is None or d.date.value != e.date.value):
                continue  # a dated mention is its own occurrence unless the dates agree
            if _indefinite(doc.word(d.first)) and 0 < doc.para[d.first] <= doc.para[e.positions[-1]] + 1:
                continue  # "عقب ذلك، عقد ... اجتماعا موسعا": told on as a new meeting, not the one before
            _fold(e, d)
            e.initiator = e.initiator or d.initiator
            break
        else:
            if doc.para[d.first] == 0:
                in_headline.setdefault(d.type, []).append(len(merged))
            else:
                by_parties.setdefault((d.type, frozenset(d.participants)), []).append(len(merged))
            merged.append(d)
    return merged


def _fold(e: EventDraft, d: EventDraft) -> None:
    """d tells again of e: e takes d's parties and its mentions, and its date and place where it has none."""
    e.participants |= d.participants
    e.date, e.place = e.date or d.date, e.place or d.place
    e.positions.extend(d.positions)


def _retold_in_part(e: EventDraft, d: EventDraft) -> bool:
    """d tells again of e (an earlier event), with fewer or more of its parties: same type, the
    parties of one among the other's, two of them at least or one at the same place, as much still to
    come, no other place and no other date («لقاء شكري بولي العهد» then «لقاءه بولي العهد وولي ولي
    العهد»; but «سيلتقي كارتر جنودا» is not his meeting with al-Abadi told on)."""
    fewer = min(e.participants, d.participants, key=len)
    return e.type == d.type and e.future == d.future \
        and (d.participants < e.participants or e.participants < d.participants) \
        and (len(fewer) >= 2 or d.place is not None and d.place == e.place) \
        and (d.place is None or e.place is None or d.place == e.place) \
        and (d.date is None or e.date is None or _compatible(d.date.value, e.date.value))


def _told_again(doc: Doc, kb: Knowledge, e: EventDraft, d: EventDraft) -> bool:
    """(e an event of d's type, as _merge looks at) A visit told again in the sentence that told of it, by its visitors alone or some of them, with
    no other place and no other date («وسيزور فابيوس إيران الأسبوع المقبل في أول زيارة يقوم بها وزير
    خارجية فرنسي»): the same visit."""
    return kb.event_frames[d.type].parties == "visit" and _told_in(doc, e, doc.sent[d.first]) \
        and bool(d.participants) and d.participants <= e.participants and d.place in (None, e.place) \
        and (d.date is None or e.date is None or _compatible(d.date.value, e.date.value))


def _told_in(doc: Doc, e: EventDraft, sentence: int) -> bool:
    """One of the event's triggers is in the sentence."""
    return any(doc.sent[p] == sentence for p in e.positions)


def _compatible(a, b) -> bool:
    """Two dates that may be one: each part known in both is the same."""
    return all(x is None or y is None or x == y for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))


def add_speakers(doc: Doc, kb: Knowledge, ents: EntityResult, drafts: list[EventDraft], statements) -> None:
    """An event told by its party ("وأوضح معاليه خلال المؤتمر الصحفي مع ..."): the speaker of a
    statement in the trigger's sentence is a party when the clause names fewer than two people; a
    statement told after the next clause opens («، ويقول Y») only when its speaker is also the one
    who tells of the event in the sentence («وأدان ليون … عقب لقائه …، واصفًا») or says it at the
    event, told again right after the cue («وطالب خلال الاجتماع»)."""
    told_in: dict[int, list] = {}  # sentence -> the statements whose cue is in it
    for st in statements:
        if st.cue:
            told_in.setdefault(doc.sent[doc.token_at(st.cue.begin)], []).append(st)
    for d in drafts:
        if not kb.event_frames[d.type].speaker or d.first > 0 and doc.word(d.first - 1) in TOPIC_WORDS:
            continue
        people = {p for p in d.participants if ents.entities[p].type == "Person"}
        if len(people) >= 2:
            continue
        told = told_in.get(doc.sent[d.first])
        if not told:
            continue
        cut = _clause_stop(doc, kb, d.last, doc.sentence_bounds[doc.sent[d.first]][1])
        stop = doc.starts[cut] if cut < len(doc.words) else len(doc.article.text)
        tellers = {st.speaker for st in told if st.content.begin <= d.begin < st.content.end}
        # a visit of someone named that one tells of («تطرق … إلى زيارة وفد من حركة حماس برئاسة خالد مشعل …،
        # مبينًا أنها») is not the teller's (but «إن زيارته إلى المملكة» is his own)
        others_visit = bool(people) and kb.event_frames[d.type].parties == "visit" and not _told_as_own(doc, kb, d)
        for st in told:
            if ents.entities[st.speaker].type == "Person" and st.speaker not in d.participants \
                    and not (others_visit and st.speaker in tellers) \
                    and (st.cue.begin < stop or st.speaker in tellers or _told_at(doc, st, d)) \
                    and not st.content.begin <= d.begin < st.content.end:  # told of, not taken part in
                d.participants.add(st.speaker)
                break


def _told_at(doc: Doc, st, d: EventDraft) -> bool:
    """The statement's cue is followed by the event itself, told again («وطالب خلال الاجتماع»)."""
    cue = doc.token_at(st.cue.begin)
    return any(cue < p <= cue + 3 for p in d.positions or ())


def _of_states(doc: Doc, kb: Knowledge, ents: EntityResult, d: EventDraft) -> bool:
    """An event is an act of states: one of its parties acts for a state. In a visit with a person
    among its parties, a country is none (the one visited, or a company's adjective): the country a
    person no state sends visits makes no visit of states («زيارتها برفقة عائلتها لسلطنة عمان»، «رودمان
    … زيارته إلى كوريا الشمالية»، «الشركة السعودية للخدمات الأرضية … بزيارة لمشغل المعدات»)."""
    visit = kb.event_frames[d.type].parties == "visit" and any(ents.entities[p].type == "Person" for p in d.participants)
    return any(_of_state(doc, kb, ents, p) for p in d.participants
               if not (visit and ents.entities[p].type == "Country"))


def _of_state(doc: Doc, kb: Knowledge, ents: EntityResult, party: str) -> bool:
    """A party that acts for a state: a country, a state's body (a government, ministry, embassy, army,
    an international organisation) or one who holds a state's office: a person known to a list, named
    with a title of a state's (الملك، السفير، «رئيس النمسا») before or right after the name («معتز موسى وزير
    الموارد المائية»), or with a state's body in their title or apposition («المسؤول في وزارة الداخلية»،
    «رئيس شعبة السكان في الأمم المتحدة»), no other person named between."""
    entity = ents.entities[party]
    if entity.type != "Person":
        return entity.type == "Country" or entity.type == "Organization" and _state_organisation(kb, ents, party)
    if party in kb.entities:
        return True
    for f in ents.found:
        if f.entity != party:
            continue
        if f.role in STATE_ROLES or f.role and f.country:  # (a title of a country's: «رئيس النمسا»)
            return True
        s_first, s_last = doc.sentence_bounds[doc.sent[f.first]]
        near = [g for g in ents.between(max(s_first, f.first - 2 * STANDING_WORDS), min(s_last, f.last + STANDING_WORDS))
                if g.entity != party]
        lo = max([max(s_first, f.first - STANDING_WORDS)]
                 + [g.last for g in near if g.last <= f.first and ents.entities[g.entity].type == "Person"])
        hi = min([min(s_last, f.last + STANDING_WORDS)]
                 + [g.first for g in near if g.first >= f.last and ents.entities[g.entity].type == "Person"])
        if any(_state_title(doc, k) for k in range(lo, f.first)) \
                or any(_state_title(doc, k) for k in range(f.last, min(hi, f.last + 2))):  # «لي كيشيانغ رئيس وزراء»
            return True
        if any(lo <= g.first < hi and ents.entities[g.entity].type == "Organization" and _state_organisation(kb, ents, g.entity)
               for g in near):
            return True
    return False


def _abroad(doc: Doc, kb: Knowledge, ents: EntityResult, d: EventDraft) -> bool:
    """An act between states (event_frames.tsv: abroad): a party or the place is another state's than
    the paper's own, or an international body; or, where the parties' states are not known, the article
    tells of other states: in the event's sentence or the one before, or more than one of them in all.
    A minister with his officials, a governor receiving a sheikh, princes receiving the king, told in an
    article of the country's own affairs, are its own business; so are, whatever the state, a meeting
    or a call of its people and bodies among themselves and a visit of its people, told as its
    visitors, at home. Held only where the paper's country is known (sources.tsv)."""
    home = kb.home_countries.get(doc.article.source or "")
    if home is None:
        return True
    keys = set(d.participants)
    if d.place:
        keys.add(d.place)
    parties = [f for f in ents.found if f.entity in keys]
    frame = kb.event_frames[d.type].parties
    people = [p for p in d.participants if ents.entities[p].type == "Person"]
    if frame == "pair" and people and len(d.participants) >= 2 and _one_state(kb, ents, parties, keys):
        return False  # «لقائه المرشد علي خامنئي» of Zarif, «اجتماع مع نائب الرئيس جو بايدن» of a senator, Obama
        # with the Congress: a state's people and bodies among themselves
    if frame == "visit" and people and len(keys) > len(people) and (
            _visitors_told_first(doc, d, parties, people) or _visitor_after_verb(doc, kb, ents, d, people)) \
            and _one_state(kb, ents, parties, keys):
        return False  # «قرر أبوت القيام بجولة في سيدني»، «زار المدينة المنورة مليكنا الغالي سلمان بن عبدالعزيز»: a
        # state's own people at home (but where the people are named after the visit, they may be its host,
        # and its visitor missed)
    if frame == "visit" and people and _tour_at_home(doc, kb, ents, d, parties, people):
        return False  # «رئيس الحكومة الفرنسي مانويل فالس، الذي قام بزيارة إلى منطقة بوردو»
    if _other_states(doc, kb, ents, home, parties, 0, 0):
        return frame != "pair" or _own_business(kb, ents, parties, keys) is None
    sentence = doc.sent[d.first]
    lo, hi = doc.sentence_bounds[sentence]
    lo = doc.sentence_bounds.get(sentence - 1, (lo, hi))[0]
    if _other_states(doc, kb, ents, home, ents.between(lo, hi), lo, hi):
        return True
    return len(_other_states(doc, kb, ents, home, ents.found, 0, len(doc.words))) > OTHER_STATES


def _visitors_told_first(doc: Doc, d: EventDraft, parties, people: list[str]) -> bool:
    """Each of a visit's people is named before its trigger in the trigger's sentence: told as its
    visitor («الأمير تشارلز … قد زار المكتبة البريطانية في لندن»)."""
    sentence = doc.sent[d.first]
    return all(any(f.entity == p and f.last <= d.first and doc.sent[f.first] == sentence for f in parties)
               for p in people)


def _visitor_after_verb(doc: Doc, kb: Knowledge, ents: EntityResult, d: EventDraft, people: list[str]) -> bool:
    """A visit told by its verb («زار»), its one person named after it in its clause, before any other
    verb, relative pronoun or «حيث»: the verb's subject, the visitor («زار المدينة المنورة مليكنا الغالي
    سلمان بن عبدالعزيز»), not a host named in a clause of its own («زار … حيث استقبله»)."""
    if len(people) != 1 or not any(m.last == d.last and m.phrase in kb.verb_triggers
                                   for m in doc.at(kb.triggers, d.first)):
        return False
    s_last = doc.sentence_bounds[doc.sent[d.first]][1]
    named = next((f.first for f in ents.between(d.last, s_last) if f.entity == people[0]), None)
    return named is not None and not any(
        doc.word(k) in RELATIVES or doc.word(k) == WHERE or "،" in doc.gap(k) or doc.at(kb.triggers, k)
        or doc.at(kb.cues, k) for k in range(d.last, named + 1))


def _own_business(kb: Knowledge, ents: EntityResult, parties, keys: set[str]) -> str | None:
    """The one state all of a meeting's or a call's parties and its place are of (each known to be),
    when one of them is its own party or cabinet (word_classes.tsv own_business_kinds, own_business_bodies:
    «خلال ترؤسه اجتماع اللجنة المركزية لحركة فتح»، «اجتماعا لمجلس الوزراء الأردني»، coalition talks with
    «حزب العدالة والتنمية»): that state's own business, told abroad. Else None."""
    states, body = set(), False
    for key in keys:
        entity = ents.entities[key]
        of = _states_of(ents, parties, key)
        words = normalise_phrase(entity.label_ar)
        own = entity.type == "Organization" and (
            kb.kinds.get(key) in OWN_BUSINESS_KINDS or _opens_with(words, OWN_BUSINESS_BODIES))
        body = body or own
        if own and of == {None} and _opens_with(words, COUNTRY_BODIES):
            continue  # «مجلس الوزراء» of no state named: the cabinet of the state the others are of (but a
            # party's state is not told by the others': «قيادات بحزب المؤتمر … لاجتماع مع السفير الأمريكي»)
        if not of or None in of or len(of) > 1:
            return None
        states |= of
    return states.pop() if body and len(states) == 1 else None


def _session_of_body(doc: Doc, d: EventDraft) -> bool:
    """The trigger names the session of a cabinet or a party right after it («اجتماع مجلس الوزراء»،
    «اجتماعا لمجلس الوزراء»، «اجتماع للمكتب السياسي»، «الاجتماع الأسبوعي لحكومته»): that body's own
    business, whoever chaired it."""
    k = d.last
    while doc.word(k) in SESSION_ADJECTIVES:
        k += 1  # «الاجتماع الأسبوعي لحكومته»
    words = tuple(doc.word(j) for j in range(k, k + 3))
    if words[:1] and words[0].startswith("ل") and not words[0].startswith("ال"):
        readings = [(words[0][1:], *words[1:])]  # لمجلس، للجنتها
        if words[0].startswith("لل"):
            readings.append(("ا" + words[0][1:], *words[1:]))  # للمكتب: ل and the article, its alef elided
        return any(_opens_with(reading, OWN_BUSINESS_BODIES) for reading in readings)
    return _opens_with(words, OWN_BUSINESS_BODIES)


def _opens_with(words: tuple[str, ...], phrases) -> bool:
    """The words open with one of the phrases (each a tuple of normal-form words)."""
    return any(words[:len(h)] == h for h in phrases)


def _one_state(kb: Knowledge, ents: EntityResult, parties, keys: set[str]) -> bool:
    """Each of the parties and the place (`keys`) is known to be of one and the same state (no
    international body among them)."""
    states = set()
    for key in keys:
        of = _states_of(ents, parties, key)
        if len(of) != 1 or None in of or kb.kinds.get(key) == INTERNATIONAL:
            return False
        states |= of
    return len(states) == 1


def _states_of(ents: EntityResult, parties, key: str) -> set[str | None]:
    """The states the mentions of one party (among `parties`) are of (None: a mention of no known state)."""
    return {_state_of(ents, f) for f in parties if f.entity == key}


def _at_most_one_state(ents: EntityResult, d: EventDraft) -> bool:
    """An event's parties are of one state at most, as far as their states are known."""
    return len({_state_of(ents, f) for f in ents.found if f.entity in d.participants} - {None}) <= 1


def _other_states(doc: Doc, kb: Knowledge, ents: EntityResult, home: str, found, lo: int, hi: int) -> set[str]:
    """The states other than `home` (and the international bodies) that these mentions are of, or
    that a nationality among the words [lo, hi) names («الأمريكي»), not as a person's family name."""
    states = set()
    for f in found:
        country = _state_of(ents, f)
        if country and country != home:
            states.add(country)
        elif kb.kinds.get(f.entity) == INTERNATIONAL:
            states.add(f.entity)
    for k in range(lo, hi):
        if _family_name(doc, kb, ents, k):
            continue  # «الفريق محمد العماني»: a family name, no Omani
        for _, stem in stems(doc.word(k)):
            country = kb.adjectives.get((stem,))
            if country and country != home:
                states.add(country)
    return states


def _state_of(ents: EntityResult, f: Found) -> str | None:
    """The state a mention is of: the country itself, else the one it is named with or its list gives."""
    entity = ents.entities[f.entity]
    return f.entity if entity.type == "Country" else f.country or entity.country


def _family_name(doc: Doc, kb: Knowledge, ents: EntityResult, k: int) -> bool:
    """Token k ends a person's name, or follows a name's word or a given name with nothing between: a
    family name («محمد العماني», found or not), not a nationality; after a title it is one («الرئيس اليمني»)."""
    before = doc.word(k - 1) if k > 0 else ""
    if before in kb.given_names and before not in kb.given_names_also_words and not doc.gap(k).strip():
        return True
    for j in (k, k - 1):
        named = ents.by_token.get(j)
        if named is not None and ents.entities[named.entity].type == "Person" and named.last == j + 1 \
                and (j == k or not doc.gap(k).strip() and doc.word(j) not in kb.title_words):
            return True
    return False


def _state_title(doc: Doc, k: int) -> bool:
    return any(stem in STATE_TITLES for _, stem in stems(doc.word(k)))


def _state_organisation(kb: Knowledge, ents: EntityResult, key: str) -> bool:
    """A state's body: of a kind that is (organisations.tsv), or no list's, named as a state's body
    (وزارة الداخلية، السفارة الأمريكية، الحكومة اليمنية)."""
    if key in kb.entities:
        return kb.kinds.get(key) in STATE_KINDS
    words = normalise_phrase(ents.entities[key].label_ar)
    return bool(words) and any(h in STATE_BODIES for h in (words[:1], words[:2], (words[0].removeprefix("ال"),)))


def drop_unfilled(doc: Doc, kb: Knowledge, ents: EntityResult, drafts: list[EventDraft]) -> list[int | None]:
    """An event is its frame filled (event_frames.tsv: filled), once its speakers are added: a trigger
    whose parties fall short told of none («اجتماع المجلس الفيدرالي» a cause of prices, «ويأتي هذا
    اللقاء» a staff party, «في اتصال هاتفي بالدكتور» the paper's own call, «في مقابلة مع رويترز» with
    no one named). An event told again with more or fewer of its parties, now that they are known, is
    the one told before. Gives each draft's new index (None: dropped), for what refers to them."""
    kept: list[EventDraft] = []
    renumbered: list[int | None] = []
    for d in drafts:
        if not _filled(doc, kb, ents, d):
            renumbered.append(None)
            continue
        told = next((i for i in range(len(kept) - 1, max(0, len(kept) - MERGE_HORIZON) - 1, -1)
                     if _retold_in_part(kept[i], d)), None)
        if told is None:
            renumbered.append(len(kept))
            kept.append(d)
            continue
        _fold(kept[told], d)  # the event told again, with more or fewer of its parties
        renumbered.append(told)
    drafts[:] = kept
    return renumbered


def _filled(doc: Doc, kb: Knowledge, ents: EntityResult, d: EventDraft) -> bool:
    if not _of_states(doc, kb, ents, d) or kb.event_frames[d.type].abroad and not _abroad(doc, kb, ents, d):
        return False
    rule = kb.event_frames[d.type].filled
    if kb.event_frames[d.type].parties == "pair" and _session_of_body(doc, d) and _at_most_one_state(ents, d):
        return False  # «وطبقا للقرار الصادر عن اجتماع مجلس الوزراء … مكتب العبادي»، «عقب اجتماع للجنتها المركزية
        # برئاسة الرئيس الفلسطيني»: a cabinet's or a party's own session, no other state's party at it
    if rule == "person":
        return any(ents.entities[p].type == "Person" for p in d.participants)
    if rule == "one" or len(d.participants) >= 2:
        return True
    if rule == "place" and d.place:
        return True
    if not d.participants:
        return False
    [party] = d.participants
    if rule == "two" and any(kb.is_media(f.entity) for f in ents.between(d.last, d.last + COUNTERPART_WORDS)):
        return False  # «أوضح نايف البكري في اتصال هاتفي لـ«الشرق الأوسط»»: an outlet's call, no one else's
    if rule == "two":
        told = _told_after(doc, d, d.last)
        return (not told.isdisjoint(COUNTERPARTS) or not told.isdisjoint(kb.title_words)) \
            and (told | _told_after(doc, d, _named_after(ents, d, party))).isdisjoint(OWN_PEOPLE) \
            and not _among_own(doc, kb, ents, d, party)  # one party and a
        # counterpart told by a title or a group («التقى بممثلين عن نقابة المزارعين»: of its own state, no event); one
        # party alone, however known, is no meeting («العالم الذي اجتمع يوما ليقرر تخليص الليبيين من حقبة معمر
        # القذافي»، «سيلتقي كارتر جنودا أميركيين»); nor one's own people («يجتمع وزير التعليم بمديري التعليم»،
        # «والتقى الأمير محمد بن سلمان طياري التحالف»: staff, soldiers, students)
    return _standing(doc, kb, ents, party)


def _standing(doc: Doc, kb: Knowledge, ents: EntityResult, party: str) -> bool:
    """A party of standing: a person known to a list, or named after a title in one of its mentions."""
    entity = ents.entities[party]
    if entity.type != "Person":
        return False
    if entity.qid or entity.role:
        return True
    for f in ents.found:
        if f.entity == party:
            s_first = doc.sentence_bounds[doc.sent[f.first]][0]
            if f.role or any(doc.word(k) in kb.title_words for k in range(max(s_first, f.first - STANDING_WORDS), f.first)):
                return True
    return False


def _among_own(doc: Doc, kb: Knowledge, ents: EntityResult, d: EventDraft, party: str) -> bool:
    """One party, the other told by a group right after the trigger («وفد»، «عدد»، «ممثلين»), and its
    sentence of that party's state alone: the group is of its own («التقى رئيس الحكومة الفرنسي مانويل
    فالس بممثلين عن نقابة المزارعين»، «لدى استقباله عدد من كبار المسؤولين في مملكة البحرين»). Not a
    counterpart told by a title, most often the named party's own («عقد جلسة مباحثات مع الرئيس الأفغاني»:
    its subject untold), nor peers («مع عدد من نظرائها الأفارقة»: of other states by definition)."""
    told = _told_after(doc, d, d.last)
    return told.isdisjoint(PEERS) and not told.isdisjoint(COUNTERPARTS) and _of_one_state_alone(doc, kb, ents, d, {party})


def _tour_at_home(doc: Doc, kb: Knowledge, ents: EntityResult, d: EventDraft, parties, people: list[str]) -> bool:
    """A visit of a state's people, told as its visitors, to a region of a state (a list's, «ولاية أيوا»، or
    one no list knows, named after a region's word: «قام بزيارة إلى منطقة بوردو»), in a sentence of that
    state alone: a tour at home («خلال جولتها الانتخابية في ولاية أيوا»)."""
    return d.place is not None and (d.place not in kb.entities and normalise_phrase(ents.entities[d.place].label_ar)[:1]
                                    in REGION_WORDS or kb.entities.get(d.place) is not None
                                    and kb.entities[d.place].type == "Region" and kb.entities[d.place].country) \
        and _visitors_told_first(doc, d, parties, people) and _of_one_state_alone(doc, kb, ents, d, set(people))


def _of_one_state_alone(doc: Doc, kb: Knowledge, ents: EntityResult, d: EventDraft, keys: set[str]) -> bool:
    """The mentions of `keys` in the event's sentence are of one known state, and no other state, no
    international body and no place of another state is named there (by name or nationality)."""
    s_first, s_last = doc.sentence_bounds[doc.sent[d.first]]
    found = ents.between(s_first, s_last)
    states = {_state_of(ents, f) for f in found if f.entity in keys} - {None}
    return len(states) == 1 and not _other_states(doc, kb, ents, next(iter(states)), found, s_first, s_last)


def _named_after(ents: EntityResult, d: EventDraft, party: str) -> int:
    """Where the words that may name the people a party met start, past its name when it is named right
    after the trigger («التقى الأمير محمد بن سلمان طياري التحالف»، «يجتمع وزير التعليم … اليوم بمديري
    التعليم»); else right after the trigger."""
    f = next((f for f in ents.between(d.last, d.last + 1) if f.entity == party), None)
    return f.last if f is not None else d.last


def _told_after(doc: Doc, d: EventDraft, start: int) -> set[str]:
    """The stems of the words from token `start` (right after the trigger, or its subject's name), in its
    sentence, where its counterpart is named, with مع or ب or none, by a title or a group («استقبل وفداً»،
    «لدى استقباله عدد من كبار المسؤولين»، «اجتماعاً موسعاً مع مدير عام الطرق»)."""
    s_last = doc.sentence_bounds[doc.sent[d.first]][1]
    return {stem for k in range(start, min(start + COUNTERPART_WORDS, s_last)) for _, stem in stems(doc.word(k))}


def drop_reporters(doc: Doc, kb: Knowledge, ents: EntityResult, drafts: list[EventDraft], statements) -> None:
    """An event told in what someone said is not theirs by being told: "قال الجبير إن اجتماع ولي ولي
    العهد والرئيس المصري ...": the speaker, named outside what they said, is no party, when the event
    keeps its parties without them (two, or a visitor and where they went), or when it is told as one
    known and they were its only person («وقال السفير … أسامة شلتوت … أن الزيارة تهدف»: a commenter).
    But a meeting told with a possessive («أن لقاءه بسمو ولي العهد») is the speaker's own."""
    by_begin = sorted(drafts, key=lambda d: d.begin)
    begins = [d.begin for d in by_begin]
    for st in statements:
        told = by_begin[bisect.bisect_left(begins, st.content.begin):bisect.bisect_left(begins, st.content.end)]
        if not any(st.speaker in d.participants for d in told):
            continue
        said = range(st.content.begin, st.content.end)
        inside = {f.entity for f in ents.between(doc.token_at(st.content.begin), doc.token_at(st.content.end - 1) + 1)
                  if doc.starts[f.first] in said}
        spokesperson = any(f.entity == st.speaker and f.role == SPOKESPERSON for f in ents.found)
        for d in told:
            if kb.event_frames[d.type].parties != "visit" and _told_as_own(doc, kb, d):
                continue  # «مبينا أن لقاءه بسمو ولي العهد»: whose the meeting is, the one who tells of it (but
                # «أهمية زيارته لمصر» in another's words: the visitor is told before, not the speaker)
            if st.speaker in d.participants and st.speaker not in inside \
                    and (spokesperson or len(d.participants) - 1 >= (1 if kb.event_frames[d.type].parties == "visit" and d.place else 2)
                         or _known_visit(doc, kb, d) and not any(ents.entities[p].type == "Person"
                                                             for p in d.participants if p != st.speaker)):
                d.participants.discard(st.speaker)


def _told_as_own(doc: Doc, kb: Knowledge, d: EventDraft) -> bool:
    """The event's trigger carries a possessive pronoun («لقاءه»، «زيارته»): whose it is was told before it."""
    return any(m.phrase in kb.possessed_triggers for m in doc.at(kb.triggers, d.first))


def _known_visit(doc: Doc, kb: Knowledge, d: EventDraft) -> bool:
    """A visit named as one the reader knows, with the article and no owner, as the subject of what is
    said («أن الزيارة تهدف»، «أن هذه الزيارة للوفد»): the one who says it is its commenter, not its party
    («أن زيارته» is the speaker's own), or with its owner told by a definite word («إن زيارة الوفد كانت
    لتأدية العمرة»)."""
    if kb.event_frames[d.type].parties != "visit" or not (
            definite(doc.word(d.first)) or d.last < len(doc.words) and doc.span(d.last, d.last + 1).text.startswith("ال")):
        return False
    k = d.first - 1
    if doc.word(k) in DEMONSTRATIVES:
        k -= 1
    return doc.word(k) in COMPLEMENTIZERS


def to_events(doc: Doc, drafts: list[EventDraft]) -> list[Event]:
    out = []
    for d in drafts:
        end = doc.span(d.first, d.last).end
        trigger = Span(d.begin, end, doc.article.text[d.begin:end])
        out.append(Event(type=d.type, participants=tuple(sorted(d.participants)), trigger=trigger,
                         place=d.place, date=d.date.value if d.date and not d.date.approximate else None,
                         initiator=d.initiator,
                         rule=f"trigger:{d.type}"))
    return out
