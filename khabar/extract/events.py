"""Events: a trigger word (لقاء، اتصال هاتفي، زيارة، قمة، مؤتمر صحفي، مقابلة ...) with its
participants, place and date taken from the clause around it; mentions of one occurrence merged."""
from __future__ import annotations

from dataclasses import dataclass

from khabar.extract.dates import DateMention
from khabar.extract.entities import EntityResult, Found
from khabar.extract.knowledge import Knowledge
from khabar.extract.layout import Doc
from khabar.model import Event, Span
from khabar.normalise import normalise_phrase, stems

WINDOW = 14  # tokens either side of the trigger
PLACE_PREPS = set(normalise_phrase("في إلى الى"))
PLACE_TYPES = {"City", "Facility", "Region", "Country"}
NON_PARTIES = {"media", "armed_group", "company"}  # organisations named near an event, not parties to it
CREDIT_WORDS = set(normalise_phrase("بحسب حسب وفق وفقا طبقا كشف ذكر أفاد أعلن"))
AGENT_TYPES = {"Person", "Organization", "Country"}
INITIATOR_WORDS = set(normalise_phrase("تلقى تلقت تلقي"))
SINCE_WORDS = set(normalise_phrase("منذ"))


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


def _credited(doc: Doc, f: Found) -> bool:
    """بحسب ما كشف الإليزيه: the source of the report, not a party to the event."""
    return any({stem for _, stem in stems(doc.word(k))} & CREDIT_WORDS for k in range(max(0, f.first - 3), f.first))


def _place_after(doc: Doc, ents: EntityResult, trig_last: int, stop: int, visit: bool) -> str | None:
    for f in ents.found:
        if f.first < trig_last or f.first >= stop:
            continue
        if ents.entities[f.entity].type not in PLACE_TYPES:
            continue
        if ents.entities[f.entity].type == "Country" and not visit:
            continue
        prev = doc.word(f.first)
        clitic = prev[:1] in ("ب", "ف") and f.begin is None and ents.entities[f.entity].type != "Country"
        before = doc.word(f.first - 1)
        if before in PLACE_PREPS or clitic or (f.first == trig_last and ents.entities[f.entity].type != "Country"):
            return f.entity
    return None


def find_events(doc: Doc, kb: Knowledge, ents: EntityResult, dates: list[DateMention]) -> list[EventDraft]:
    drafts: list[EventDraft] = []
    covered = set(ents.by_token)
    for m in kb.triggers.find(doc.norm, doc.tokens):
        if doc.skip[m.first] or m.first in covered:
            continue
        etype = m.payload
        anaphoric = any(stem.startswith("ال") for _, stem in stems(doc.word(m.first)))
        same_type = next((d for d in reversed(drafts) if d.type == etype), None)
        s_first, s_last = doc.sentence_bounds[doc.sent[m.first]]
        lo, hi = max(s_first, m.first - WINDOW), min(s_last, m.last + WINDOW)
        # the clause ends at the next trigger of another event in the sentence
        window = [f for f in ents.found if lo <= f.first < hi and not _credited(doc, f)]
        if etype == "Summit":  # the members of a summit are named after the word: قمة أنقرة للدول الضامنة، روسيا وتركيا
            window = [f for f in window if f.first >= m.first]
        people = [f for f in window if ents.entities[f.entity].type == "Person"]
        media = [f for f in window if kb.is_media(f.entity)]
        participants = {f.entity for f in people}
        if etype == "Interview":
            if not media:
                continue
            participants = {f.entity for f in people[:1]} | {media[0].entity}
        elif etype == "Summit":
            participants |= {f.entity for f in window if ents.entities[f.entity].type in ("Organization", "Country")
                             and not kb.is_media(f.entity) and f.first >= m.first}
        elif len(participants) < 2:
            others = [f for f in window if ents.entities[f.entity].type in ("Organization",)
                      and kb.kinds.get(f.entity) not in NON_PARTIES and f.entity not in participants]
            participants |= {f.entity for f in others[:2 - len(participants)]}
        if any(lo <= p < hi for p in ents.pairs) and len(participants) < 2:
            participants |= set(ents.salient_people(2))
        if len(participants) == 1 and drafts:
            # "المكالمة" / "لقائه" after a first report: one of the parties of the last such event
            last = next((d for d in reversed(drafts) if d.type == etype), None)
            if last and participants <= last.participants:
                participants = set(last.participants)
        place = _place_after(doc, ents, m.last, hi, etype == "Visit")
        if place in participants and ents.entities[place].type == "Country" and etype != "Visit":
            place = None
        if place and ents.entities[place].type != "Country":
            participants.discard(place)
        if etype == "Visit" and place and ents.entities[place].type == "Country" and len(participants) < 2:
            participants.add(place)  # زيارة إلى الكويت: the visited country is the other party
        if etype == "Visit" and len(participants) == 1 and place:
            host_country = ents.entities[place].country or place
            hosts = [p for p in ents.salient_people(5) if ents.entities[p].country == host_country
                     and p not in participants]
            participants |= set(hosts[:1])
        date = _date_for(doc, dates, m.first, m.last, s_first, s_last, covered)
        if anaphoric and same_type is not None and (date is None or date.value == getattr(same_type.date, "value", None)):
            same_type.positions.append(m.first)  # "المكالمة", "اللقاء": the event already reported
            continue
        if anaphoric and etype == "Meeting" and drafts and date is None and doc.word(m.first).endswith(("محادثات", "مباحثات")):
            drafts[-1].positions.append(m.first)  # "المحادثات": the talks of the last event
            continue
        initiator = None
        if etype == "PhoneCall":
            before = doc.word(m.first - 1)
            if before in INITIATOR_WORDS:
                nxt = [f for f in people if f.first >= m.last]
                initiator = nxt[0].entity if nxt else None
        if not participants:
            last = next((d for d in reversed(drafts) if d.type == etype), None)
            if last is not None and doc.word(m.first).startswith(("ال", "وال", "بال", "لل")):
                continue  # "المكالمة" again: the same event
            continue
        drafts.append(EventDraft(etype, m.first, m.last, participants, place, date, initiator, m.begin, [m.first]))
    return _merge(doc, drafts)


def _date_for(doc: Doc, dates: list[DateMention], first: int, last: int, s_first: int, s_last: int,
              covered: set[int]) -> DateMention | None:
    best, best_key = None, None
    for d in dates:
        if d.since or not (s_first <= d.first < s_last) or d.first in covered:
            continue
        distance = d.first - last if d.first >= last else first - d.last
        key = (d.relative, distance > WINDOW, abs(distance))
        if best_key is None or key < best_key:
            best, best_key = d, key
    return best


def _merge(doc: Doc, drafts: list[EventDraft]) -> list[EventDraft]:
    """One event per occurrence: same type, same participants and compatible dates.

    The headline (the first line) names the event the body reports: there, a subset of the
    participants and a missing date are enough."""
    merged: list[EventDraft] = []
    for d in drafts:
        for e in merged:
            if e.type != d.type:
                continue
            headline = doc.para[e.first] == 0 and doc.para[d.first] > 0
            if headline and (e.participants <= d.participants or d.participants <= e.participants) \
                    and e.date is None:
                e.participants |= d.participants
                e.date, e.place = d.date, e.place or d.place
                e.positions.extend(d.positions)
                break
            if e.participants != d.participants:
                continue
            if d.date is not None and (e.date is None or d.date.value != e.date.value):
                continue  # a dated mention is its own occurrence unless the dates agree
            e.place = e.place or d.place
            e.initiator = e.initiator or d.initiator
            e.positions.extend(d.positions)
            break
        else:
            merged.append(d)
    return merged


def to_events(doc: Doc, drafts: list[EventDraft]) -> list[Event]:
    out = []
    for d in drafts:
        end = doc.span(d.first, d.last).end
        trigger = Span(d.begin, end, doc.article.text[d.begin:end])
        out.append(Event(type=d.type, participants=tuple(sorted(d.participants)), trigger=trigger,
                         place=d.place, date=d.date.value if d.date else None, initiator=d.initiator,
                         rule=f"trigger:{d.type}"))
    return out
