"""Statements: direct quotes and reported speech after a cue (قال، أكد، حذر، بيان ...), attributed to
a speaker (verb-subject order, subject-verb order, continuation, participles, pronouns), with the
crediting medium (بحسب، وفق، نقلت ... عن) and the event they were made during."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from khabar.extract.entities import (HONORIFICS, ORG_FIRST_WORDS, PLACE_PREPOSITIONS, PLACE_TYPES, POSSESSIVE_ENDINGS,
                                     ROLE_KIND, STOP, EntityResult, Found, regime)
from khabar.extract.events import COMPLEMENTIZERS, FROM, IN, RELATIVES, TO, TOPIC_WORDS, EventDraft, definite
from khabar.extract.knowledge import Knowledge, spellings, word_class, word_of, words_of, written
from khabar.extract.layout import SENTENCE_END, SENTENCE_STOPS, Doc
from khabar.model import Span, Statement
from khabar.normalise import CONJUNCTION_CLITICS, PREPOSITION_CLITICS, normalise_phrase, stems, undecorated

PAIRED_QUOTES = "«“"  # opening marks unlike their closing ones
QUOTES = {"«": "»", "“": "”", "”": "”“", '"': '"', "„": "“”", "‹": "›"}
SOURCE_WORDS = words_of("source_words")
SOURCE_FILLERS = words_of("source_fillers")
REPORTING_VERBS = words_of("reporting_verbs")
ABOUT = word_of("about")  # نقلت X عن Y
VOCATIVE = word_of("vocative")  # يا: the one called on is spoken to
AND = word_of("and")  # و written apart: «وزير الخارجية و كبير المفاوضين»
NEGATIONS = words_of("negations")  # لم، لن، ما before a cue
ADJECTIVE_PARTICIPLES = words_of("adjective_participles")  # لافتا: «نجاحا لافتا» (remarkable), no one pointing out
INDEFINITE_ENDINGS = ("ا", "ه")  # an indefinite noun, accusative (نجاحا) or feminine (قدرة, normalised قدره)
DESCRIBED = words_of("described_before_participle")  # "حالات مؤكدة", "شبه مؤكدة": a participle that describes the word before it
FRAMING_PREPOSITIONS = words_of("framing_prepositions")  # في، على، عبر: "قال على صفحته على فيسبوك «...»"
MEDIA_FRAMES = words_of("media_frames")  # قناة، صحيفة: a body so named is an outlet
TITLE_NOUNS = words_of("title_nouns")  # برنامج، بعنوان، كتاب: a quotation right after them is a title, nothing said
SAID_WHEN_NEGATED = words_of("said_when_negated")  # لم يستبعد، لم يخف: a negated cue that still says
YEARS = (1300, 2100)  # a number in these is a year (Hijri or Gregorian), not a count of what a cue's word names
MEMBER_WORDS = words_of("member_words")  # عضو، المدير، رئيس: a person's place in the body named after it
MASDAR_BEFORE = words_of("masdar_before")  # نتيجة، بسبب، تم: a cue spelled like its noun after them is the noun
THING_SUBJECTS = words_of("thing_subjects")  # الواقع، الأدلة: «الواقع يقول»: no one speaks
AS_IF = words_of("as_if")  # وكأنه: «وكأنه يقول»: as if saying, no one says
UNSAID_BEFORE = word_class("unsaid_before")  # «من المتوقع أن تدعو»، «إذا ما رفض»: to be said or if said, not said
MASDAR_PHRASES_BEFORE = word_class("masdar_phrases_before")  # «بناء على طلب الرئيس»: the cue's noun, at his request
ELATIVE_CUES = words_of("elative_cues")  # أوضح: a cue spelled like a comparative («صورة أوضح»: a clearer picture)
ELATIVE_NOUNS = words_of("elative_nouns")  # صورة، بشكل: a noun such a comparative describes
PASSIVE_CUES = words_of("passive_cues")  # يعتبر: «يعتبر منتدى … هو الداعم»: is held to be, no one's opinion
QUOTED_NAME_WORDS = 4  # the most words a quoted name holds («شبكة الجهاد العالمي»): a quotation that closes so soon says nothing
PASSIVE_WORDS = 12  # the words after such a cue within which «أن», a colon or a quotation makes it someone's opinion
THING_PARTICLES = words_of("thing_particles")  # مما، بما: «مما يؤكد أن»: a fact shows it, no one says it
PRONOUNS = words_of("pronouns")  # هو، هي: «وهو يقول»: the one spoken of before goes on
TOLD_FROM = words_of("told_from")  # رضي، رحمه: «وعن أبي ذر رضي الله عنه قال»: a blessed name a saying is told from
TURNS = words_of("turns")  # «من جهته»، «بدوره»: another takes his turn to speak
MASCULINE_COUNTRIES = frozenset(word_class("masculine_countries"))  # «لبنان»: a country told with a masculine verb
CLAUSE_OPENERS = words_of("clause_openers")  # فيما، بينما، ومضى: a clause opens or goes on, its subject elsewhere
SAID_AFTER_PRONOUN = 10  # words after «قال عنه» within which «أن» or a quotation still opens what was said
QUOTE_MARKS = frozenset("".join(QUOTES) + "".join(QUOTES.values()))
DEMONSTRATIVES = words_of("demonstratives")  # هذا، هذه: an object that an opinion holds to be something
SPELLED_CUES = spellings("spelled_cues")  # normal form -> the one spelling that is a cue: «أطلع» (informed),
# «مضيفة» (adding); «اطلع على» (looked at), «مضيفه» (his host) have the same normal form and say nothing
DECLINED = words_of("declined")  # "رفض ... الرد على": declining to speak says nothing
REJECTED_SAID = words_of("rejected_said")  # تصريحات، مزاعم، التدخل: a rejection of words or of another's
# act, a stance declared (but «رفضت جنوب افريقيا اعتقال البشير»: a refusal to act)
REJECTED_WORDS = 6  # the farthest into what follows a rejection's or a welcome's cue its object is named
PUBLISHED_BY = words_of("published_by")  # نشرته، أوردته: the medium named after them carried what was said
WELCOMED_GUESTS = words_of("welcomed_guests")  # الحضور، الضيوف، الوفد: «رحب بالحضور»: a gathering greeted, nothing said
SOURCE_MARKERS = SOURCE_WORDS | REPORTING_VERBS
PREPOSITIONS = words_of("content_prepositions")  # دعا إلى، شدد على، أعرب عن: only right after the cue
NO_SUBJECT = words_of("no_subject")
CONNECTIVES = words_of("connectives")  # كما أن، بل إن: a clause goes on, what was said does not start there
FRONTED_WORDS = 12  # the farthest a subject fronted after «أن» stands before its verb
PRAISE = "praise"  # the act of a cue whose object is what was said (أشاد بالاتفاق، ثمن، رفع شكره)
PRAISE_INTENSIFIERS = words_of("praise_intensifiers")  # أسمى، خالص: «أسمى آيات التهاني»، «خالص شكره»
OBJECT_WORDS = 2  # the farthest after such a cue (or its subject) a preposition or «أن» opens what was said
THEN_WORDS = 6  # the farthest a word a cue needs (عبر عن) stands after it, or after the name of its subject
ROLE_WORDS = 12  # the longest role and name between a cue and what was said («وقال الناطق الإعلامي بصحة الطائف ...»)
ROLE_PREPOSITIONS = words_of("role_prepositions")  # في، باسم، إلى: «مشرفة البرامج في المهرجان»، «المبعوث إلى اليمن»
SAID_WHEN = words_of("said_when")  # أمس، اليوم: «وقالت … تسيبي هوتوفلي أمس إنه»: when, before what was said
SAID_WHEN_WORDS = 2
WAS = words_of("was")  # كان، وكانت: «وكان نتنياهو حث»: a subject before its verb
ALREADY = words_of("already")  # قد: «وكان نتنياهو قد حث»
ISSUED = words_of("issued")  # صادر: «وقال بيان صادر عن وزارة الخارجية إن»: the body that issued it said it
ISSUED_BY = words_of("issued_by")  # عن، من: «صادر عن»
BETWEEN = words_of("between")  # بين: «وبين الجيار أن» (he made clear), or «الاتفاق بين مصر وفرنسا» (between)
OPINION = "opinion"  # the act of رأى، يرى (speech_cues.tsv)
CREDITED_BY = words_of("credited_by")  # حسب، وفق: «…، حسب وكالة الصحافة الفرنسية، إنه»
CREDITED_AS, WHAT = words_of("credited_as"), word_of("what")  # حسبما; ما: «وفق ما ذكرت»
SAID_BEFORE = words_of("said_before")  # عنها، عليه: «أعلنت عنها»: what was said is told elsewhere
OCCASIONS = words_of("occasions")  # الحفل، مأدبة: «دعا إلى الحفل أكثر من 900 شخصية»: who was invited, nothing said
INVITED_TO = words_of("to")  # إلى: before an occasion
TIMES_OF_DAY = words_of("times_of_day")  # ليلة، يوم: «ليلة الاثنين» is no statement
TIME_WORDS = 3  # the longest time said alone («مساء يوم الاثنين»)
THEN_OPENERS = words_of("then_openers")  # فإن، فقد: «وحسب المتحدث X، فإن …»: what X is credited with follows
ARMED_FORCES = words_of("armed_forces")  # قوات: «القوات الموالية للرئيس X»: a body, not X
SUBJECT_WORDS = 12  # the longest rest of a speaker's title and name before a comma
RELAYED_WORDS = 6  # how far into what a medium reports the speaker it relays and their cue stand
APPOSITION_WORDS = 10  # the longest apposition between commas after a speaker's name
NAMELESS_MEMBERS = words_of("nameless_members")  # عضو، خبير: one of a body who does not speak for it
CAME_IN_VERBS = words_of("came_in_verbs")  # جاء، ورد: «وجاء في بيان»
UNNAMED_SUBJECT_WORDS = 3  # the farthest an unnamed source («مصادر إعلامية») stands before its verb
OUTLET_WORDS = 5  # the longest name of an outlet in quotation marks no list knows
REPORTED_FROM_WORDS = 16  # the farthest «عن» before «قوله» whose name and apposition it reports from
FRAMED_WORDS = 16  # the longest frame (في مؤتمر صحفي ...) between a cue and the quotation it opens
CLAUSE_WORDS = frozenset(COMPLEMENTIZERS | STOP)
NAME_WORDS = 3  # the most words of a name no list knows between a body and what its head said
RESUMPTIVE_ENDINGS = tuple(sorted(words_of("resumptive_endings")))  # as written (not ة): «الذي أكد فيه»، «التي حذر رئيسها»
NOT_SUBJECT_HEADS = frozenset(COMPLEMENTIZERS | PREPOSITIONS | STOP)  # no subject starts with these
DESCRIBING_CUES = words_of("describing_cues")  # وصف، اعتبر: «وصف إيران بأنها شريرة»: the name right after, «بأن» on, is described
THAT_IT = tuple(w for w in COMPLEMENTIZERS if w.startswith("ب"))  # بأن، بأنه، بأنها (normal forms)
UNNAMED_GROUPS = words_of("unnamed_groups")  # بعض، عدد، أحد: «دعت بعض الأطراف الحكومة»: a subject no name
# gives, the body named after it the verb's object
REMINDS = words_of("reminds")  # «ذكّر بمخاطر …»: reminded of; who follows is what he reminded of, no speaker
STUDENT, STUDIES = words_of("student"), words_of("studies")  # «طالب كلية الهندسة»: a student, not «طالب» (demanded)
NATIONAL_BODIES = words_of("national_bodies")  # شركة، نادي: «شركة زين السعودية»: named with a country, not it
STUDENT_AFTER = words_of("student_after")  # هو، كان: «وهو طالب (24 عاما)»: what he is, a student
UNNAMED_SOURCES = words_of("unnamed_sources")  # مصادر: «مصادر «الشرق الأوسط»»: a paper's sources, no name
NO_SUBJECT_BEFORE = NOT_SUBJECT_HEADS | CLAUSE_OPENERS  # a particle or a clause opener: no subject before the verb
TOPIC_THEN = words_of("topic_then")  # أما: «أما الدكتور X فطالب الوزارة»: X, the topic, said it
TOPIC_PARTICLES = words_of("topic_particles")  # فقد: «أما رئيس وزراء لوكسمبورغ، فقد أكد»: «ف» on the word before the verb
SAID_OBJECTS = words_of("said_objects")  # "وأكد حرص بلاده", "وأكد أهمية": what was said, the verb's object
NOT_UNKNOWN_SUBJECTS = NOT_SUBJECT_HEADS | NO_SUBJECT
SHORT_QUOTE = 4  # words: a shorter quotation inside a clause is a quoted phrase, not a direct quote
CLAUSE_BREAKS = words_of("clause_breaks")
HARD_BREAKS = tuple(f"{phrase} " for phrase in written("hard_breaks"))  # «... يبقى مطروحا رغم أن
# خبراء يرون»، «... تواجه تهديدا وذلك بعد يوم من هجوم»: the statement ends before, comma or not
CLAUSE_BREAK_PAIRS = frozenset(word_class("clause_break_pairs"))
PAIR_SUBJECTS = words_of("pair_subjects")  # "وأكد الجانبان": the two parties of the last event, each saying it
PAIR_PEOPLE = words_of("pair_people")  # "وعبر الرئيسان": the two people of the last event with two
AGENT_TYPES = {"Person", "Organization", "Country"}
MAX_CONTENT = 600
_SPEECH_COLON = re.compile(r":[\s«“\"]")  # a colon that opens what was said: a space or a quotation mark after it
# the characters that can end reported speech or open or close a quotation in it (clause_end)
_CLAUSE_MARKS = re.compile("[\\s" + re.escape("".join(sorted({*QUOTES, *"".join(QUOTES.values()), *SENTENCE_STOPS, *"،,;؛"})))
                           + "]")


@dataclass
class _Said:
    speaker: str
    direct: bool
    begin: int
    end: int
    cue_first: int
    cue: Span
    act: str
    source: str | None = None
    during: int | None = None
    rule: str = ""
    shared: bool = False  # another party to the same words (a dual or plural cue), after the first
    silent: bool = False  # a refusal told, no words («رفضت تركيا التدخل»): its speaker has the floor, no statement
    nested: bool = False  # told within what another says («وأضاف شكري أن الرئيس السيسي أكد»): the teller keeps the floor
    named: bool = False  # its speaker named right after the cue («قال الرئيس الكيني أوهورو كينياتا»)


class _StatementFinder:
    def __init__(self, doc: Doc, kb: Knowledge, ents: EntityResult, events: list[EventDraft]):
        self.doc, self.kb, self.ents, self.events = doc, kb, ents, events
        self.text = doc.article.text
        self.starts = doc.starts
        self.mention_at = {f.first: f for f in ents.found}
        self.mention_ending = {f.last: f for f in ents.found}  # the last found wins, as a backward scan would
        self.nested_at = -1  # the cue of the last statement told within another's words (fronted_subject)
        self.fronted_at = -1  # the cue of the last subject found right before its verb (fronted_subject)
        self.regimes = frozenset(k for k in ents.entities if regime(k))  # told of, never speaking (agent)
        self.sources = self.find_sources()
        self.unknown_at = -1
        self.unknown_after_object = -1  # the cue of the last speaker no list knows named after its object
        self.then_words: frozenset[str] = frozenset()  # the words the cue read now needs (speech_cues.tsv)
        self.last_by_body: _Said | None = None  # the last statement an organisation made
        self.women: set[str] = set()  # persons an article gives a feminine cue («وقالت هيلاري كلينتون»)
        self.men: set[str] = set()  # persons it gives a masculine one («وقال داريو تاندي»)
        self.events_in: dict[int, list[int]] = {}  # sentence -> the events told in it, in order
        for index, e in enumerate(events):
            for sentence in sorted({doc.sent[p] for p in e.positions or ()}):
                self.events_in.setdefault(sentence, []).append(index)

    def agent(self, f: Found | None) -> bool:
        """Who may say something: a person or a body, not a platform it is said on («على موقع تويتر»), nor a
        regime, which others tell of («النظام السوري يشدد حصاره»، «ندد … بالنظام السوري»): its state speaks
        by its government, ministers and media, named so."""
        return f is not None and self.ents.entities[f.entity].type in AGENT_TYPES \
            and self.kb.kinds.get(f.entity) != "platform" and f.entity not in self.regimes

    def find_sources(self) -> list[tuple[int, str, str | None]]:
        """(token, source entity, reported speaker) for بحسب X، وفق X، نقلت X عن Y."""
        doc, out = self.doc, []
        for i in sorted(doc.positions(SOURCE_MARKERS)):  # read with any clitic: narrowed below
            w = doc.words[i]
            stem = w[1:] if w[:1] in "وف" and len(w) > 3 else w
            if stem in SOURCE_WORDS or w in SOURCE_WORDS:
                k = i + 1
                while k < len(doc.words) and k - i <= 4 and k not in self.mention_at:
                    if doc.word(k) not in SOURCE_FILLERS and not doc.word(k).startswith(("ل", "ب")):
                        break
                    k += 1
                f = self.mention_at.get(k)
                if f and self.agent(f):
                    out.append((i, f.entity, None))
            elif stem in REPORTING_VERBS:
                f = next(iter(self.ents.between(i + 1, i + 5)), None)
                if f and self.agent(f):
                    k = f.last
                    while k < len(doc.words) and k - f.last <= 2 and doc.word(k) != ABOUT:
                        k += 1
                    if doc.word(k) == ABOUT:  # نقلت X عن Y: X is the source
                        y = self.mention_at.get(k + 1)
                        out.append((i, f.entity, y.entity if y and self.agent(y) else None))
        return out

    def person_past_body(self, body: Found, k: int) -> Found | None:
        """The person named after the body a role opening the sentence has, right before the cue at token
        k with no more than a comma between («لاعب نادي النصر … السابق سعد الزهراني، يقول»), and nothing but
        role words between the body and the name."""
        doc = self.doc
        person = self.mention_ending.get(k)
        if person is None or self.ents.entities[person.entity].type != "Person" or person.first <= body.last \
                or _gap_blocks_but_commas(doc.gap(k)):
            return None
        between = range(body.last, person.first)
        if any(_gap_blocks(doc.gap(x)) for x in between) or not all(self.role_word(x) for x in between):
            return None  # (a title's word, or a definite one: «السابق»)
        return person

    def unnamed_before(self, k: int) -> bool:
        """Unnamed sources are the subject told right before the verb at token k, within its clause
        («وكانت مصادر إعلامية أكدت»، «مصادر مطلعة قالت»; not «مجهولة المصدر وقالت نورة»: a verb with «و»
        opens a clause of its own)."""
        doc = self.doc
        for j in range(k - 1, max(doc.sentence_bounds[doc.sent[k]][0], k - UNNAMED_SUBJECT_WORDS) - 1, -1):
            if _gap_blocks(doc.gap(j + 1)) or j in self.mention_at:
                return False
            if doc.word(j).removeprefix("و") in UNNAMED_SOURCES:
                return True
        return False

    def came_in(self, k: int) -> bool:
        """The noun cue at token k is told by «جاء في» or «ورد في» («وجاء في بيان»): no verb of speech
        frames it, no one named says it."""
        doc = self.doc
        return k > 1 and doc.word(k - 1) == IN \
            and not CAME_IN_VERBS.isdisjoint(stem for _, stem in stems(doc.word(k - 2)))

    def reported_from(self, cue_first: int) -> str | None:
        """Whom a sentence reports words from, told after «عن» before the cue at `cue_first` with no
        other cue, «أن» or sentence end between, a reporting verb before it («نقلت وسائل إعلام محلية عن أميت
        جاين رئيس خدمة «أوبر» في الهند قوله»، «ونقلت الصحف الأوروبية في بروكسل، عن المفوضية قوله»)."""
        doc = self.doc
        s_first = doc.sentence_bounds[doc.sent[cue_first]][0]
        for k in range(cue_first - 1, max(s_first, cue_first - REPORTED_FROM_WORDS) - 1, -1):
            if doc.word(k) in COMPLEMENTIZERS or k < cue_first - 1 and doc.at(self.kb.cues, k):
                return None
            if doc.word(k) == ABOUT:
                if not any(stem in REPORTING_VERBS for j in range(s_first, k) for _, stem in stems(doc.word(j))):
                    return None
                f = self.mention_at.get(k + 1) or self.subject_after(k + 1, None)
                return f.entity if f is not None and self.agent(f) and f.last <= cue_first else None
        return None

    def credit_word(self, m, prev: str) -> int | None:
        """The token of the word that makes the cue a credit for what its sentence told before it
        («…، حسبما ذكرت وكالة إرنا»، «وفق ما أفاد السفير»), if one does."""
        if prev in CREDITED_AS:
            return m.first - 1
        if prev == WHAT and m.first > 1 and self.doc.word(m.first - 2) in CREDITED_BY:
            return m.first - 2
        return None

    def no_speech(self, m, prev: str) -> bool:
        """A verb cue that tells no one's words: a noun behind ل («استجابة لطلب الرئيس»: at his request),
        a noun counted («لعدد 600 طالب»: students), a word behind ب or ك («كلفت»: commissioned), a verb
        after «وكأنه» (as if it said), its subject a thing right before it («الواقع يقول»، «أدلة تشير
        إلى»: reality, evidence), or its object what was said before or a thing pointed at, with no
        «أن», colon or quotation after it («الذي دعا إليه المكتب التنفيذي»، «كشف ذلك»، «وأكد هذه الحصيلة
        محمد وارا»)."""
        doc = self.doc
        clitic = doc.clitics(m.first, m.begin)
        if any(c in clitic for c in PREPOSITION_CLITICS):
            return True  # and no verb takes ب or ك: «كلفت شركة» (commissioned) is no «لفت»
        if prev.isdigit() and not YEARS[0] <= int(prev) <= YEARS[1] and not clitic and doc.gap(m.first) == " ":
            return True  # (but «وفي 2011 قالت الحكومة»: a year is a time, the verb after it a cue)
        if prev in THING_SUBJECTS and not clitic and not doc.gap(m.first).strip():
            return True  # (but «ليقوم بهذه التجربة فيقول:»: the thing is the last clause's object)
        if prev in AS_IF and not clitic:
            return True  # «وكأنه يقول من خلالها بأن ثقافة الزمن اختلفت»: a designer's dress, no words
        if not clitic and (self.phrase_before(m.first, UNSAID_BEFORE) or self.phrase_before(m.first, MASDAR_PHRASES_BEFORE)):
            return True  # «من المتوقع أن تدعو إلى»، «إذا ما رفض الكونغرس»: to be said or if said, not said;
            # «بناء على طلب الرئيس»: at his request
        if not clitic and m.phrase[0] in ELATIVE_CUES and prev in ELATIVE_NOUNS and not doc.gap(m.first).strip():
            return True  # «للحصول على صورة أوضح حول»: a clearer picture
        if m.phrase[0] in PASSIVE_CUES and self.held_to_be(m):
            return True  # «فيما يعتبر منتدى «شبكة الجهاد العالمي» … هو الداعم الأساسي»: is held to be
        if m.phrase[0] in STUDENT and not clitic and (prev in STUDENT_AFTER or m.last < len(doc.words)
                                                      and doc.word(m.last) in STUDIES):
            return True  # «شادي حبيب طالب كلية الهندسة»، «وهو طالب (24 عاما)»: a student, no demand
        if m.phrase[0] in REMINDS and m.last < len(doc.words) and self.with_bi(doc.word(m.last)):
            return True  # «وبعدما ذكر بمخاطر «حركة الشباب» في الصومال»: reminded of them (but «ذكر بيان»)
        if prev in MASDAR_BEFORE and not clitic and not doc.gap(m.first).strip():
            return True  # «نتيجة رفض أميركا»، «في حال رفض الكونغرس»، «تم رفض»: the verb's noun, no one speaking
        after = doc.word(m.last) if m.last < len(doc.words) and not doc.gap(m.last).strip() else ""
        if after not in SAID_BEFORE and after not in DEMONSTRATIVES:
            return False
        last = min(m.last + SAID_AFTER_PRONOUN, doc.sentence_bounds[doc.sent[m.first]][1])
        for k in range(m.last + 1, last):  # but «الذي قالت عنه ميركل إنه …»، «وأكد هذا الناطق أن»
            if doc.word(k) in COMPLEMENTIZERS or ":" in doc.gap(k) or not QUOTE_MARKS.isdisjoint(doc.gap(k)):
                return False
            if doc.word(k)[:1] in CONJUNCTION_CLITICS and doc.at(self.kb.cues, k):
                break  # «أكدت ذلك والدتها وأفادت بأن»: what follows is the next clause's (but «نفى ذلك … بقوله:»)
        return True

    def with_bi(self, word: str) -> bool:
        """A known word with ب written on it («بمخاطر»، «بأهمية»), none that is a word itself («بيان») and
        no «بأن»."""
        return word.startswith("ب") and word not in COMPLEMENTIZERS and any(
            removed == 1 and len(stem) >= 3 and stem in self.kb.common_words for removed, stem in stems(word)) \
            and not (word in self.kb.common_words and word[1:] not in self.kb.common_words)

    def subject_past_object(self, m) -> bool:
        """A demonstrative right after the cue, its object, then a noun of someone's no list knows
        («أكدت ذلك والدتها»، «أكد هذا مديره»): an unknown speaker, after the object."""
        doc, k = self.doc, m.last + 1
        return m.last < len(doc.words) and doc.word(m.last) in DEMONSTRATIVES and k < len(doc.words) \
            and self.unknown_subject(k) and not doc.word(k).startswith("ال") and len(doc.word(k)) > 3 \
            and doc.word(k).endswith(POSSESSIVE_ENDINGS) and doc.word(k)[:1] not in PREPOSITION_CLITICS

    def phrase_before(self, k: int, phrases) -> bool:
        """One of the phrases (tuples of normal-form words) ends right before token k, written in a row."""
        doc = self.doc
        return any(k >= len(p) and all(doc.word(k - len(p) + i) == w for i, w in enumerate(p))
                   and not any(doc.gap(x).strip() for x in range(k - len(p) + 1, k + 1)) for p in phrases)

    def held_to_be(self, m) -> bool:
        """A present opinion verb (يعتبر) with no person or title right after it, nor «أن», a colon or a
        quotation in the words after it in its sentence: «is held to be» («الذي يعتبر في تونس موعد دخول
        موسم الذروة»), no one's opinion (but «ويعتبر نتنياهو الاتفاق ليس كافيا»، «يعتبر الخبير أن»)."""
        doc = self.doc
        if m.last >= len(doc.words):
            return False
        f = self.mention_at.get(m.last)
        if f is not None and self.ents.entities[f.entity].type == "Person" or doc.word(m.last) in self.kb.title_words:
            return False
        s_last = doc.sentence_bounds[doc.sent[m.first]][1]
        return not any(doc.word(k) in COMPLEMENTIZERS or ":" in doc.gap(k) or self.quotation_opens(k)
                       for k in range(m.last, min(s_last, m.last + PASSIVE_WORDS)))

    def quotation_opens(self, k: int) -> bool:
        """A quotation opens before token k and does not close within a name's few words («منتدى «شبكة
        الجهاد العالمي» التابع لـ«القاعدة»» quotes names, no words said)."""
        doc = self.doc
        gap = doc.gap(k)
        opener = next((c for c in gap if c in QUOTES), None)
        if opener is None:
            return False
        closers = QUOTES[opener]
        return not any(c in closers for j in range(k + 1, min(k + 1 + QUOTED_NAME_WORDS, len(doc.words) + 1))
                       for c in doc.gap(j))

    def says_nothing(self, begin: int, end: int) -> bool:
        """The text holds nothing said: under two words, or it opens with a pronoun for what was said
        before («أعلنت عنها في أواخر يونيو»: the list told of), it is a time alone («ليلة الاثنين»), or
        it opens with an occasion one is invited to («دعا إلى الحفل أكثر من 900 شخصية»، «دعاهم للحفل»)."""
        if end - begin < 4 or len(self.text[begin:end].split()) < 2:
            return True
        doc = self.doc
        first, last = bisect.bisect_left(self.starts, begin), doc.token_at(end - 1) + 1  # its words, as tokens
        if first >= last or doc.word(first) in SAID_BEFORE:
            return True
        if doc.word(first) in INVITED_TO and first + 1 < last and doc.word(first + 1) in OCCASIONS or any(
                stem in OCCASIONS for removed, stem in stems(doc.word(first)) if removed == 1 and doc.word(first)[0] == "ل"):
            return True
        return last - first <= TIME_WORDS and all(
            doc.word(k) in SAID_WHEN or doc.word(k) in TIMES_OF_DAY for k in range(first, last))

    def credited(self) -> list[_Said]:
        """What someone is credited with by a sentence that opens «وحسب X»، «وبحسب X» and goes on «، فإن …»
        or «: «…»» («وحسب نائب المتحدث الرسمي للدفاع المدني … محمد القرني فقد تلقى …»، «وحسب مموزيني:
        «أعدم …»»): X's statement, X a person or a body but no medium (a medium credited is a source)."""
        doc, out = self.doc, []
        for i in sorted(doc.positions(CREDITED_BY)):
            if i != doc.sentence_bounds[doc.sent[i]][0] or doc.skip[i]:
                continue
            f = self.subject_after(i + 1, None) or self.role_holder(i + 1)
            if f is None or not self.agent(f) or self.kb.is_media(f.entity) or f.last >= len(doc.words):
                continue
            name_end = doc.span(f.first, f.last).end
            gap = doc.gap(f.last)
            quote = self.quote_after(name_end) if ":" in gap else None
            if quote is not None:
                (begin, end), direct = self.trim(*quote), True
            elif doc.word(f.last) in THEN_OPENERS and not gap.strip(" ،,"):
                begin, direct = self.starts[f.last + 1] if f.last + 1 < len(doc.words) else len(self.text), False
                begin, end = self.trim(begin, self.clause_end(begin))
            else:
                continue
            if self.says_nothing(begin, end):
                continue
            out.append(_Said(f.entity, direct, begin, end, i, doc.span(i, i + 1), "statement", None,
                             self.during(i, f.entity), "credit"))
        return out

    def source_for(self, cue_first: int) -> tuple[str | None, str | None]:
        doc = self.doc
        sent, para = doc.sent[cue_first], doc.para[cue_first]
        best = (None, None)
        for i, entity, speaker in self.sources:  # a medium credited earlier in the paragraph goes on crediting
            if doc.sent[i] == sent or (doc.para[i] == para and i < cue_first and self.kb.is_media(entity)):
                best = (entity, speaker if doc.sent[i] == sent and i < cue_first else None)
        return best

    # -- content ----------------------------------------------------------------------------
    def held_object(self, k: int) -> bool:
        """Token k, right after an opinion's speaker, opens the object of the opinion: a definite noun
        or a demonstrative ("الاتفاق"، "هذه التصريحات")."""
        word = self.doc.word(k)
        return not _gap_blocks(self.doc.gap(k)) and (word.startswith("ال") and word not in self.kb.function_words
                                                    or word in DEMONSTRATIVES)

    def quotations_in(self, begin: int, end: int) -> list[tuple[int, int]]:
        """The insides of the quotations that open and close within [begin, end) of the text, by marks
        that tell an opening from a closing one (« », “ ”; a straight " may pair with the wrong one)."""
        out, k, text = [], begin, self.text
        while k < end:
            if text[k] in PAIRED_QUOTES:
                close = self.quote_end(k)
                if close > end or close >= len(text) or text[close] not in QUOTES[text[k]]:
                    break  # an unclosed one: where it ends is a guess
                out.append((k + 1, close))
                k = close
            k += 1
        return out

    def quote_after(self, pos: int) -> tuple[int, int] | None:
        """A quotation opening soon after `pos` (a few connecting words at most): its inside."""
        text = self.text
        limit = min(len(text), pos + 120)
        k = pos
        while k < limit:
            ch = text[k]
            if ch in QUOTES:
                between = text[pos:k]
                if SENTENCE_END.search(between):
                    return None
                end = self.quote_end(k)
                after = text[end + 1:end + 3].strip()
                short = len(text[k + 1:end].split()) <= SHORT_QUOTE
                phrase = short and after and after[0] not in ".،,:؛;!?؟\n"
                if phrase and ":" in text[end:end + 40].split("\n")[0] \
                        or short and after[:1] == ":" and text[end + 1:end + 6].lstrip(" :")[:1] in QUOTES:
                    k = end + 1  # a quoted name on the way: "لصحيفة «جورنال دو ديمانش» الفرنسية: «...",
                    continue  # "، رئيس قسم التأمين البحري بشركة «ويليس» للوساطة في قطاع التأمين: «..."
                words = between.split()
                if short and words and words[-1].rstrip("ـ\u0640") == "ل":
                    k = end + 1  # «لـ«المدينة»: أن»، «كما قالت مصادر لـ«الشرق الأوسط».»: the outlet it was said
                    continue  # to, named by no list
                opening = normalise_phrase(text[k + 1:end])[:1] if short else ()
                if opening and opening[0] in HONORIFICS:
                    k = end + 1  # «وذكر مدير عام فرع الهيئة "المهندس عبدالعزيز آل حسن"؛ أن»: a name quoted, not
                    continue  # what was said
                if short and self.reported_next(end + 1):
                    k = end + 1  # «في اتصال هاتفي أجرته معه «الشرق الأوسط»، أن»: a quoted name, then what
                    continue  # was said, reported
                framed = normalise_phrase(words[0])[:1] if words else []  # "على صفحته على فيسبوك «...»"
                framing = bool(framed) and framed[0] in FRAMING_PREPOSITIONS
                manner = bool(framed) and framed[0].startswith("بال") and not short  # "بالهاتف من باكو «...»"
                introduced = between.rstrip().endswith(":") and between.count(":") == 1 and len(words) <= 12 \
                    or len(words) <= 6 and (framing or manner) \
                    or len(words) <= FRAMED_WORDS and framing \
                    and framed[0] not in PREPOSITIONS and not any(q in between for q in QUOTES) \
                    and not any(normalise_phrase(w)[:1] and normalise_phrase(w)[0] in COMPLEMENTIZERS for w in words)
                # "وقال بنيتز في مؤتمر صحفي استعدادا لمواجهة ... غدا الجمعة «...»": a frame, then the quotation;
                # "وقال زينالوف بالهاتف من باكو «...»": the way it was said
                if len(words) > 3 and not introduced:
                    return None
                if phrase and not (between.rstrip().endswith(":") and text[end + 1:end + 2].isspace()):
                    return None  # "الضرورة الملحة" لامتثال ...: a quoted phrase in reported speech (but
                    # «وقالت كيربر: "أحب فعل هذا" مضيفة»: a short quotation)
                if short and words and any(stem in TITLE_NOUNS for word in normalise_phrase(words[-1])[-1:]
                                           for _, stem in stems(word)):
                    return k + 1, k + 1  # «خلال استضافته في برنامج “لقاء الجمعة”»: a title, nothing said
                return k + 1, end
            if ch in "\n":
                return None
            k += 1
        return None

    def reported_next(self, at: int) -> bool:
        """What follows `at` (a comma at most on the way) opens reported speech: «أن»، «إن»، «إلى أن»، «على أن»."""
        words = [normalise_phrase(w)[:1] for w in self.text[at:at + 24].lstrip(" ،,").split()[:2]]
        first, second = (w[0] if w else "" for w in (words + [[], []])[:2])
        return first in COMPLEMENTIZERS or first in PREPOSITIONS and second in COMPLEMENTIZERS

    def quote_end(self, open_at: int) -> int:
        text = self.text
        opener = text[open_at]
        closers = QUOTES[opener]
        depth = 0
        para_end = text.find("\n", open_at)
        para_end = len(text) if para_end < 0 else para_end
        for k in range(open_at + 1, min(para_end, open_at + 1 + MAX_CONTENT)):
            ch = text[k]
            if opener == "«" and ch == "«":
                depth += 1
            elif opener == '"' and ch == '"' and text[k - 1].isspace() and text[k + 1:k + 2].isalpha():
                depth += 1  # an inner opening quotation mark
            elif ch in closers:
                if depth == 0:
                    return k
                depth -= 1
            elif ch in "،," and self.starts_new_statement(k + 1, after_comma=True):
                return k  # an unclosed quotation ends where the next statement starts: "، مضيفاً «"
        return para_end if para_end <= open_at + 1 + MAX_CONTENT else self.cut_whole(open_at + 1)

    def clause_end(self, start: int) -> int:
        """Where reported speech starting at `start` ends: the sentence end or a new clause."""
        text = self.text
        quoted = None
        k = start
        stop = min(len(text), start + MAX_CONTENT)
        while (found := _CLAUSE_MARKS.search(text, k, stop)) is not None:  # the other characters change nothing
            k = found.start()
            ch = text[k]
            if quoted:
                if ch in QUOTES[quoted]:
                    quoted = None
                elif ch == "\n":
                    return k
            elif ch in QUOTES and ch not in "”":
                quoted = ch
            elif ch in SENTENCE_STOPS and SENTENCE_END.match(text, k):
                return k
            elif ch.isspace() and k > start and (self.starts_new_statement(k) or self.text.startswith(HARD_BREAKS, k + 1)):
                return k
            elif ch in "،,;؛":
                nxt = self.doc.token_at(k + 1) + (1 if self.starts[self.doc.token_at(k + 1)] <= k else 0)
                if nxt < len(self.doc.words):
                    word = self.doc.word(nxt)
                    stemmed = word[1:] if word[:1] == "و" else word
                    pair = (stemmed, self.doc.word(nxt + 1))
                    if word in CLAUSE_BREAKS or stemmed in CLAUSE_BREAKS or pair in CLAUSE_BREAK_PAIRS \
                            or self.doc.at(self.kb.cues, nxt):
                        return k
                    if word in FRAMING_PREPOSITIONS and self.doc.at(self.kb.triggers, nxt + 1):
                        return k  # "...، خلال لقاء مع نظيره": where it was said, not what
            k += 1
        return stop if stop == len(text) else self.cut_whole(start)

    def cut_whole(self, start: int) -> int:
        """Where what was said from `start`, longer than MAX_CONTENT, is cut: after the last sentence
        end within it, else before its last comma or semicolon, else at its last space (never within a
        word: «صلى الله عليه و»)."""
        text, stop = self.text, start + MAX_CONTENT
        half = start + MAX_CONTENT // 2
        ends = [m.end() for m in SENTENCE_END.finditer(text, half, stop)]
        if ends:
            return ends[-1]
        mark = max(text.rfind("،", half, stop), text.rfind("؛", half, stop), text.rfind(",", half, stop))
        if mark > 0:
            return mark
        space = text.rfind(" ", start, stop)
        return space if space > start else stop

    def opens_clause(self, pos: int) -> bool:
        """Reported content starts at `pos`: a colon or a complementizer (أن، إن، بأن), perhaps after
        a word like أيضاً."""
        tok = self.doc.token_at(pos) + (1 if pos > self.starts[self.doc.token_at(pos)] else 0)
        while tok < len(self.doc.words) and self.doc.word(tok) in NO_SUBJECT and ":" not in self.doc.gap(tok):
            tok += 1
        if tok >= len(self.doc.words):
            return False
        return ":" in self.text[pos:self.starts[tok]] or self.doc.word(tok) in COMPLEMENTIZERS

    def starts_new_statement(self, k: int, after_comma: bool = False) -> bool:
        """A participle or continuation cue right after offset k ("... فرنسا" مؤكداً أن", "، مضيفاً"):
        a new statement starts; with no comma or quotation mark before it, a participle only
        ("... مع اسرائيل مشيرا الى")."""
        quoted = after_comma or self.text[k - 1] in '"”»' + "'"
        nxt = self.doc.token_at(k + 1)
        if nxt >= len(self.doc.words) or self.starts[nxt] <= k:
            return False
        kinds = ("participle", "continuation") if quoted else ("participle",)
        for m in self.doc.at(self.kb.cues, nxt):
            if m.payload[1] in kinds:
                return not self.describes(nxt)
        return False

    def describes(self, i: int) -> bool:
        """The participle at token i describes the word right before it, or counts it: an adjective or a
        noun ("حالة إصابة مؤكدة", "شبه مؤكدة", "20 متهما", and after an indefinite noun «نجاحا لافتا»،
        «قدرة لافتة»: remarkable), not a speech cue."""
        before = self.doc.word(i - 1)
        if self.doc.gap(i).strip():
            return False
        return before in DESCRIBED or before.isdigit() or self.doc.word(i) in ADJECTIVE_PARTICIPLES \
            and before.endswith(INDEFINITE_ENDINGS) and not definite(before)

    def quoted_after_complementizer(self, begin: int) -> tuple[int, int] | None:
        """What was said opens with a complementizer and a quotation that holds the rest of it («إن
        "..."», «أن «...»،»): the inside of that quotation, the speaker's own words; None otherwise
        (a quoted phrase the clause goes on after is reported speech)."""
        text, doc = self.text, self.doc
        tok = doc.token_at(begin)
        if doc.word(tok) not in COMPLEMENTIZERS:
            return None
        k = doc.span(tok, tok + 1).end
        while k < len(text) and (text[k].isspace() or text[k] == ":"):
            k += 1
        if k >= len(text) or text[k] not in QUOTES or text[k] == "”":
            return None
        close = self.quote_end(k)
        if close >= len(text) or text[close] not in QUOTES[text[k]]:
            return None  # unclosed
        after = text[close + 1:close + 3].strip()
        if after and after[0] not in ".،,؛;!?؟\n":
            return None
        inner = self.trim(k + 1, close)
        return inner if inner[1] - inner[0] >= 4 else None

    def quoted_whole(self, begin: int, end: int) -> bool:
        """What was said, text[begin:end], is the whole of a quotation («...: “إن هذا التكليف ...”»)."""
        text = self.text
        b = begin - 1
        while b >= 0 and text[b].isspace():
            b -= 1
        e = end
        while e < len(text) and text[e].isspace():
            e += 1
        return b >= 0 and e < len(text) and any(text[b] == opener and text[e] == closer and opener not in text[begin:end]
                                                for opener, closer in (("«", "»"), ("“", "”")))

    def trim(self, begin: int, end: int) -> tuple[int, int]:
        junk = " \t\n:،,.؛;-–—"
        while begin < end and self.text[begin] in junk:
            begin += 1
        while end > begin and self.text[end - 1] in junk:
            end -= 1
        for opener, closer in (("«", "»"), ("“", "”")):  # "...: “إن هذا التكليف مبعث فخر”": taken from
            if end > begin and self.text[end - 1] == closer and opener not in self.text[begin:end]:  # inside
                end -= 1
                while end > begin and self.text[end - 1] in junk:
                    end -= 1
        return begin, end

    # -- the pass -----------------------------------------------------------------------------
    def run(self) -> list[_Said]:
        doc, kb = self.doc, self.kb
        said: list[_Said] = []
        quoted_regions: list[tuple[int, int]] = []
        source_markers = {i for i, _, _ in self.sources}
        credited = self.credited()
        for m in sorted(doc.find(kb.cues) + doc.find(kb.reported_cues), key=lambda m: m.first):
            while credited and credited[0].cue_first < m.first:  # in the order of the text: "وأضاف" goes on
                said.append(credited.pop(0))  # with the one credited before it
                if said[-1].direct:
                    bisect.insort(quoted_regions, (said[-1].begin, said[-1].end))
            if doc.skip[m.first] or m.first in self.ents.by_token:
                continue
            if m.phrase[0] in SPELLED_CUES and not undecorated(self.text[m.begin:m.end]).endswith(SPELLED_CUES[m.phrase[0]]):
                continue  # "واطلع رئيس النادي على سير التدريبات": he looked on; "فاز على مضيفه": his host
            act, kind, then = m.payload
            if then and not self.then_follows(m, then):
                continue  # "عبر" without "عن" is "via", not "expressed"; «رفع العلم» without «التهاني» says nothing
            if self.opinion_described(m, act):
                continue
            self.then_words = then  # what the cue needs may open what was said, right after the speaker's name
            prev = doc.word(m.first - 1)
            if prev in NEGATIONS and act not in ("denial", "rejection") and doc.word(m.first) not in SAID_WHEN_NEGATED:
                continue  # "ولم يعلن بريمن", "وهو ما يؤكد": nothing said (but "ولم يستبعد" says something)
            if kind == "participle" and self.describes(m.first):
                continue  # "حالات مؤكدة أو شبه مؤكدة", "محاكمة 20 متهما": an adjective or a noun, nothing said
            if kind == "verb" and self.no_speech(m, prev):
                if self.subject_past_object(m):
                    self.unknown_at = self.unknown_after_object = m.first  # «وقد أكدت ذلك والدتها وأفادت بأن»: the
                    # mother has the floor, not the body that opened the sentence
                continue
            if (m.first - 1) in source_markers or (m.first - 2) in source_markers and prev in SOURCE_FILLERS:
                continue  # "بحسب بيان ..." credits a source, it is not a statement
            at = bisect.bisect_right(quoted_regions, (m.begin, len(self.text)))  # quotations do not overlap: only
            inside = quoted_regions[at - 1] if at and m.begin < quoted_regions[at - 1][1] else None  # the last opened
            if inside and kind != "continuation":
                continue
            source, reported_speaker = self.source_for(m.first)
            if kind == "reported":  # «ونقلت وكالة "تسنيم" عن محمد علي جعفري، قائد الحرس الثوري، قوله»: Y's words
                reported_speaker = reported_speaker or self.reported_from(m.first)
                if reported_speaker is None:
                    continue  # «في قوله تعالى»: no one reported from
            spoken_to = self.addressee(m.last)
            if spoken_to is not None:  # "قال لـ«عكاظ»": the outlet spoken to is the source, never the speaker
                source = spoken_to.entity
            carried = self.carried_by(m.last, kind)
            if carried is not None:  # «وأضاف في تصريح نشرته وكالة "سبأ" أن»: the medium that published it
                source = carried.entity
            feminine = _feminine(doc.word(m.first), kind, kb.cues.first_words)
            pair = self.pair_subject(m)
            if pair:
                speaker, after_end = pair[0], doc.span(m.last, m.last + 1).end
            else:
                speaker, after_end = self.speaker(m, kind, feminine, said, reported_speaker, source)
            if carried is None and after_end and kind == "verb" and source is None:  # «وأوضح النهاري في تصريح لـ«عكاظ» أن»
                carried = self.carried_by(bisect.bisect_left(self.starts, after_end), kind)
                if carried is not None and carried.entity != speaker:
                    source = carried.entity
                else:
                    carried = None
            if carried is not None:  # what was said comes after the medium («…"سبأ" أن “…”»)
                after_end = max(after_end, self.name_end(carried))
            elif after_end and kind == "verb":  # «في تصريحات إلى "الوطن": إن»: after an outlet no list knows,
                k = bisect.bisect_left(self.starts, after_end)  # whose quoted name is no quotation
                after_end = self.starts[j] if (j := self.past_quoted_outlet(k)) != k else after_end
            if speaker is None:
                continue
            if after_end and kind != "noun" and m.phrase not in kb.several_speakers \
                    and self.ents.entities[speaker].type == "Person":
                if feminine:
                    self.women.add(speaker)
                elif doc.word(m.first)[-1:] not in "ته" and self.named_bare(m.last, speaker):
                    self.men.add(speaker)  # «قال»، «مؤكدا»; not «أبدت» (of «أبدى»)، «لفت»; nor «وأوضح المدير
                    # العام لليونسكو إيرينا بوكوفا»: the verb agrees with the title
            speakers = pair or [speaker, *self.co_speakers(m, speaker, after_end)]
            if len(speakers) == 1 and not after_end and m.phrase in kb.several_speakers \
                    and getattr(self.mention_ending.get(m.first), "entity", None) != speaker:
                continue  # "وطالبوا"، "مؤكدين" with no parties known: a group unnamed, not the last one named
                # (but "مسؤولان في المخابرات الأمريكية أكدا": the subject named right before)
            if spoken_to is None and after_end:  # "وقال محمد العتيبي لـ«عكاظ»"، "وقال X، مستشار المفتي، لـ«الشرق الأوسط»"
                spoken_to = self.addressee_past_apposition(bisect.bisect_left(self.starts, after_end))
                if spoken_to is not None and spoken_to.entity != speaker:
                    source = spoken_to.entity
                    after_end = max(after_end, doc.span(spoken_to.first, spoken_to.last).end)
            pos = max(m.end, after_end)
            if inside:  # 'وأضاف' inside an unclosed quotation: the quotation ends before it
                for s in said:
                    if s.direct and s.begin <= m.begin < s.end:
                        s.begin, s.end = self.trim(s.begin, self.text.rfind("،", s.begin, m.begin) if "،" in self.text[s.begin:m.begin] else m.begin)
            credit = self.credit_word(m, prev)
            quote = None if credit is not None else self.quote_after(pos)
            if credit is None and kind in ("noun", "continuation") and not quote and not self.opens_clause(pos):
                continue  # "تصريحات خامنئي الأخيرة", "تابع عام 2013": no statement follows
            if credit is not None:  # «وسيبقى أوباما في نيروبي حسبما صرح السفير»: what was said is told before
                s_first = doc.sentence_bounds[doc.sent[m.first]][0]  # the credit, from its sentence's start;
                if self.ents.entities[speaker].type != "Person" or any(doc.at(kb.cues, k) for k in range(s_first, credit)):
                    continue  # a medium or a body credited is a source, a statement already told its speaker's
                begin, end = self.trim(self.starts[s_first], self.starts[credit])
                direct = self.quoted_whole(begin, end)
            elif quote:
                begin, end = self.trim(*quote)
                direct = True
                bisect.insort(quoted_regions, (begin, end))
            else:
                tok = self.doc.token_at(pos) + (1 if pos > self.starts[self.doc.token_at(pos)] else 0)
                after_time = pos  # where what was said starts if nothing opens it: past when it was said
                if tok < len(doc.words) and doc.at(kb.relative_dates, tok):  # («طالب … اوباما السبت بانهاء»)
                    tok = max(t.last for t in doc.at(kb.relative_dates, tok))
                    after_time = self.starts[tok] if tok < len(doc.words) else pos
                start, opened = pos, False
                framed = stems(doc.word(tok))[-1][1] in FRAMING_PREPOSITIONS  # "في كلمة له، باسمه ... عن شكرهم":
                # «عن» after a frame opens what was expressed (على، إلى there are more often the frame's own)
                colon = self.colon_after_frame(tok) if framed else None
                for k in range(tok, tok if colon is not None else min(tok + (OBJECT_WORDS if act == PRAISE else 45), len(doc.words))):
                    if doc.sent[k] != doc.sent[m.first] or (k > tok and doc.at(kb.cues, k)
                                                              and stems(doc.word(k - 1))[-1][1] not in FRAMING_PREPOSITIONS):
                        break  # but "أعلنت في بيان ... أن": the statement's frame, what was said comes after it
                    if k > tok and k - tok < SUBJECT_WORDS and _SPEECH_COLON.search(doc.gap(k)) and colon is None:
                        start, opened = self.starts[k], True  # «وقال عبدالله سالم الحازمي: التنظيم … رائع …، رغم
                        break  # أنه»: what was said follows the colon after the rest of the name
                    if doc.word(k) in COMPLEMENTIZERS and doc.word(k - 1) not in CONNECTIVES:  # not "كما أن" (also)
                        # "... في ختام مباحثات، على أن": from the preposition
                        start = self.starts[k - 1 if k > tok and doc.word(k - 1) in PREPOSITIONS else k]
                        opened = True
                        break
                    if doc.word(k) in PREPOSITIONS and (k - tok < 2 or act == "appeal" and "،" in doc.gap(k)
                                                        or framed and k - tok <= FRAMED_WORDS and doc.word(k) == ABOUT):
                        start = self.starts[k]  # "ودعا الرئيس اليمني خلال لقائه ... ولد الشيخ، إلى زيارة عدن"
                        break
                if start == pos and colon is not None:  # «وقالت أمانة جدة في بيان لها: قامت»: after the frame
                    start = self.starts[colon]
                elif start == pos and self.then_words:  # «رفع … الشيخ خالد اليوسف، أسمى آيات التهاني»
                    start = self.object_start(tok, start)
                elif start == pos and self.fronted_at == m.first and self.object_named(tok, speaker):
                    start = self.starts[self.mention_at[tok].last]  # «أن … بارزاني أبلغ الإدارة الأمريكية رفضه»:
                    # the subject before the verb, the name after it the one told, what was told after that
                elif start == pos:  # nothing opened what was said before the clause ends ("، واصفاً")
                    start = self.past_subject(tok, after_time)
                if act == "opinion" and not opened and ":" not in self.text[pos:start + 1] \
                        and not (after_end and self.held_object(tok)):
                    continue  # "ويعتبر الذوادي لاعبا حرا": he is considered one; an opinion says «أن»,
                    # or holds an object to be something ("ويعتبر نتنياهو الاتفاق ليس كافيا")
                begin, end = self.trim(start, self.clause_end(start))
                direct = self.quoted_whole(begin, end)
                for region in self.quotations_in(begin, end):  # "إن «التقرير يؤكد أن ...»": a cue quoted is
                    bisect.insort(quoted_regions, region)  # the speaker's words, no statement of its own
                quoted = None if direct else self.quoted_after_complementizer(begin)
                if quoted is not None:  # «وقال إن "مستوى الانتشار الأمني خانق".»: the words themselves
                    (begin, end), direct = quoted, True
            if self.says_nothing(begin, end):
                continue
            silent = act == "rejection" and (any(doc.word(k) in DECLINED for k in range(m.last, doc.token_at(begin) + 1))
                                             or not (direct or quote or self.opens_rejected(m.last, begin)))
            # "ورفض الوزير التعليق على التقارير": he declined to comment; «رفضت جنوب افريقيا اعتقال البشير»:
            # a refusal to act; nothing said, but «، معتبرة أن»، «وقال» after it are still theirs
            silent = silent or act == "welcome" and not (direct or quote) and self.welcomes_guests(m.last, begin)
            cue = Span(m.begin, m.end, self.text[m.begin:m.end])
            for k, speaker in enumerate(speakers):
                said.append(_Said(speaker, direct, begin, end, m.first, cue, act, None if speaker == source else source,
                                  self.during(m.first, speaker), f"cue:{kind}", shared=k > 0, silent=silent,
                                  nested=self.nested_at == m.first, named=bool(after_end)))
            if self.ents.entities[speaker].type == "Organization":
                self.last_by_body = said[-1]
        said.extend(credited)
        said = self.relayed([s for s in said if not s.silent])
        unique: dict[tuple, _Said] = {}
        for s in said:
            unique.setdefault((s.begin, s.end, s.speaker) if s.shared else (s.begin, s.end), s)
        return list(unique.values())

    def name_end(self, f: Found) -> int:
        """Where a name ends in the text, its closing quotation mark with it («وذكرت "بلومبرج"»)."""
        end = self.doc.span(f.first, f.last).end
        return end + (1 if self.text[end:end + 1] in ("»", "”", '"') else 0)

    def object_words(self, k: int, begin: int) -> range:
        """The words, from word k after a cue, in which its object is named: up to REJECTED_WORDS into
        what was said (which starts at offset `begin`), in the cue's sentence."""
        doc = self.doc
        return range(k, min(max(doc.token_at(begin), k) + REJECTED_WORDS, len(doc.words),
                            doc.sentence_bounds[doc.sent[k]][1]))

    def opens_rejected(self, k: int, begin: int) -> bool:
        """What follows a rejection's cue at word k is a stance declared: it opens with «أن» or a colon
        («ورفض أن يكون …»), or names within its first words something said or another's act («رفض
        روحاني مزاعم تدخل إيران»، «رفض السفير … تصريحات المالكي»، «ورفض تكرار استهداف القوات الروسية»)."""
        doc = self.doc
        first = doc.token_at(begin)
        if first < len(doc.words) and (doc.word(first) in COMPLEMENTIZERS or ":" in self.text[doc.starts[k]:begin]):
            return True
        return any(stem in REJECTED_SAID for x in self.object_words(k, begin) for _, stem in stems(doc.word(x)))

    def welcomes_guests(self, k: int, begin: int) -> bool:
        """A welcome's cue at word k greets a gathering, no words (its first «ب» within a few words is on
        those present: «رحب بالحضور»، «رحب بطلابه»، «رحب بالوفد»): hospitality, not a stance (but «رحب
        بالهدنة»، and a named guest welcomed by a host, «رحب السيسي بضيف مصر»، «رحب بالأمير نواف»)."""
        for x in self.object_words(k, begin):
            word = self.doc.word(x)
            with_b = [stem for removed, stem in stems(word) if removed and word[removed - 1] == "ب"]
            if with_b:
                return any(stem in WELCOMED_GUESTS for stem in with_b)
        return False

    def relayed(self, said: list[_Said]) -> list[_Said]:
        """What a medium reports someone said is that one's statement, the medium its source ("وذكرت
        وكالة أنباء البحرين أن مملكة البحرين تشدد على أن ..."): a statement of a medium whose words
        open with a speaker and their cue gives way to that speaker's."""
        doc, out, dropped = self.doc, [], set()
        cues = [t.cue_first for t in said]  # in the order of the cues
        for s in said:
            if s.direct or not self.kb.is_media(s.speaker):
                continue
            first = doc.token_at(s.begin)
            near = said[bisect.bisect_right(cues, first):bisect.bisect_right(cues, first + RELAYED_WORDS)]
            inner = next((t for t in near if t is not s and t.speaker != s.speaker and s.begin < t.begin <= s.end), None)
            if inner is not None:
                dropped.add(id(s))
                if inner.source is None:
                    inner.source = s.speaker
        for s in said:
            if id(s) not in dropped:
                out.append(s)
        return out

    def pair_subject(self, m) -> list[str]:
        """The speakers of a cue whose subject is a pair word ("وأكد الجانبان"، "وشدد الوزيران"): the
        parties of the last event before it with two or more (its people, when two are people; two
        people for "الرئيسان"); none when no such event was told."""
        word = self.doc.word(m.last)
        if word not in PAIR_SUBJECTS and word not in PAIR_PEOPLE:
            return []
        for event in reversed(self.events):
            parties = self.parties(event) if event.first < m.first else []
            if len(parties) >= 2 and (word in PAIR_SUBJECTS or self.ents.entities[parties[0]].type == "Person"):
                return parties
        return []

    def co_speakers(self, m, speaker: str, after_end: int) -> list[str]:
        """The other speakers of the same words: with a dual or plural cue and no subject after it
        ("استقبل ... X ... Y، وأكدا"، "مؤكدين"), the other parties of the event told before it in its
        sentence that the speaker is one of; after a subject named after the cue, a person named right
        after it with «و» ("وأكد الرئيس X والرئيس Y")."""
        doc = self.doc
        if after_end:
            first = self.mention_at.get(doc.token_at(after_end - 1) + 1)
            subject = self.mention_ending.get(first.first) if first else None
            if first is None or subject is None or not doc.word(first.first).startswith("و") \
                    or first.begin != doc.starts[first.first] + 1 or first.entity == speaker or _gap_blocks(doc.gap(first.first)) \
                    or {self.ents.entities[x].type for x in (speaker, first.entity)} != {"Person"}:
                return []
            return [first.entity]
        if m.phrase not in self.kb.several_speakers:
            return []
        told = [self.events[i] for i in self.events_in.get(doc.sent[m.first], ()) if self.events[i].first < m.first]
        event = next((e for e in reversed(told) if speaker in e.participants and len(e.participants) >= 2), None)
        return [p for p in self.parties(event) if p != speaker] if event else []

    def parties(self, event: EventDraft) -> list[str]:
        """An event's parties who may speak: its people when two or more are people, else all its agents."""
        agents = sorted(p for p in event.participants if self.ents.entities[p].type in AGENT_TYPES
                        and self.kb.kinds.get(p) != "platform")
        people = [p for p in agents if self.ents.entities[p].type == "Person"]
        return people if len(people) >= 2 else agents

    def speaker(self, m, kind: str, feminine: bool, said: list[_Said], reported: str | None, source: str | None):
        """(speaker, end offset of an explicit speaker after the cue, or 0).

        In order: a name right after the cue (verb-subject, "بيان الكرملين", "أفاد المركز الصحافي
        للكرملين"); the Y of "نقلت X عن Y"; for present-tense verbs and nouns a name right before the
        cue (headlines: "ماكرون يدعو"); participles and continuations take the current speaker; a
        verb without a subject continues the last speaker, else the last person named before it.
        """
        doc = self.doc
        if kind == "reported":
            return reported, 0
        before = self.mention_ending.get(m.first)
        adjacent = before is not None and self.agent(before) and not _gap_blocks(doc.gap(m.first)) \
            and doc.clitics(m.first, m.begin)[:1] not in CONJUNCTION_CLITICS \
            and before.entity != source and doc.sent[before.first] == doc.sent[m.first] \
            and self.agrees(before.entity, feminine, m) and not self.place_told_in(before)  # («وشكرت … خادم
        # الحرمين الشريفين وقالت إن»: not his; «الوضع في اليمن يؤكد»: where, not who)
        if adjacent and kind == "verb" and doc.word(m.first)[:1] in "يت" and not self.owned_place(before):
            return before.entity, 0  # a headline's subject-verb order: "ماكرون يدعو بوتين"
        if self.subject_before(m, kind):
            self.unknown_at = m.first  # «حقوق الإنسان اليمنية تدعو مفوض الأمم المتحدة»: a subject no list
            return None, 0  # knows before a present verb, the name after it its object
        statement_after = self.noun_cue_at(m.last)
        # («وأضاف البيان»، «وقال بيان صادر عن …»: a statement named after a verb)
        issuer = self.issued_by(m.last + 1 if kind == "verb" and statement_after else m.last) \
            if kind in ("verb", "noun") else None
        if issuer is not None:
            return issuer.entity, self.name_end(issuer)  # «وأفاد بيان صادر عن قيادة الجيش اللبناني بأن»
        if m.last < len(doc.words) and doc.word(m.last) in self.kb.honorific_pronouns and kind in ("verb", "noun"):
            named = self.mention_at.get(m.last)  # "وقال سموه": whom the honorific stands for (entities.py),
            return (named.entity if named else self.honoured(said)), doc.span(m.last, m.last + 1).end  # else the
            # last speaker or the one the article is about
        opens_content = m.last < len(doc.words) and (doc.word(m.last) in COMPLEMENTIZERS or ":" in doc.gap(m.last))
        if kind == "verb" and doc.word(m.first - 1) in RELATIVES and "،" in doc.gap(m.first - 1) and (
                opens_content or doc.word(m.last) in FRAMING_PREPOSITIONS or m.payload[0] == PRAISE):
            antecedent = self.mention_ending.get(m.first - 1)  # «التقى الرئيس المصري عبدالفتاح السيسي، الذي أكد
            if antecedent is not None and self.ents.entities[antecedent.entity].type == "Person" \
                    and doc.sent[antecedent.first] == doc.sent[m.first] and doc.word(antecedent.first - 1) not in \
                    STOP:  # أن»: the person the relative pronoun stands for, not the sentence's subject;
                return antecedent.entity, 0  # («، الذي أكد خلال زيارته»); not «مصدر مقرب من X، الذي», nor
                # «الذي يعتبر أرفع مستشار» (who is held to be): what was said opens right after the cue
        if kind == "verb" and doc.word(m.first - 1) in RELATIVES and not doc.gap(m.first - 1).strip():
            told = self.relative_subject(m)
            if told is not None:
                return told
        if kind == "verb" and doc.clitics(m.first, m.begin)[:1] not in CONJUNCTION_CLITICS \
                and self.unnamed_before(m.first):
            self.unknown_at = m.first  # «وكانت مصادر إعلامية أكدت أن»: unnamed sources have the floor, not the
            return None, 0  # last one named
        fronted = self.fronted_subject(m) if kind == "verb" else None
        if fronted is not None:
            return fronted.entity, 0  # "أشار الإليزيه إلى أن ماكرون ... حض روسيا على": Macron urged Russia
        topic = self.topic_subject(m) if kind == "verb" else None
        if topic is False:
            self.unknown_at = m.first  # «أما المواطن سيف القحطاني فأبدى»: someone no list knows has the floor
            return None, 0
        if topic is not None:
            return topic.entity, 0  # «أما المختص الصحي الدكتور نزار خضري فطالب وزارة الصحة»: a name after is its object
        object_after = m.phrase in self.kb.several_speakers  # "وطالبوا حزب الله بإرسال": a name after is their
        after = None if object_after else self.subject_after(m.last, source)  # object
        if after is not None and kind == "participle" and not self.titled_subject(after):
            after = None  # «مؤكدا استمرار الإمارات في دعمها»، «داعيا الرئيس الأمريكي إلى»: a name after a
            # participle is in what was said, its subject the speaker's; but «مؤكدا وزير الدفاع الأمريكي حرص»
        if after is None and not object_after and kind in ("verb", "continuation"):
            after = self.role_holder(m.last)
        if after is not None:
            return after.entity, self.name_end(after)
        if kind == "verb" and self.thing_before(m):
            return None, 0
        if statement_after:
            issuer = self.last_by_body
            return (issuer.speaker if issuer else None), 0  # "وأضاف البيان": the body that issued the statement
        if kind in ("verb", "continuation") and (self.unknown_subject(m.last) or self.quoted_body(m.last)):
            self.unknown_at = m.first  # an unknown speaker now has the floor (or a body named as a title,
            return None, 0  # «وذكرت "بلومبرج" أن»: not the last speaker)
        last = next((s for s in reversed(said) if not s.nested), None)  # who has the floor (not one told of in it),
        last = last if last is not None and last.cue_first > self.unknown_at else None  # since the unknown speaker
        if last is not None and not self.agrees(last.speaker, feminine, m):
            last = None  # «وقال الوزير … مضيفة»: not his words; «قالت وكالة الأنباء … مؤكدا»: not the agency's
        if reported and kind != "continuation":
            return reported, 0
        if adjacent and kind in ("verb", "noun") and (kind == "noun" or opens_content) \
                and not self.in_topic(doc.sentence_bounds[doc.sent[m.first]][0], before):
            return before.entity, 0  # (but «وعن سيرخيو راموس قال:»: whom it is about)
        if kind == "noun":
            body = self.last_by_body
            if body is not None and body.cue_first > self.unknown_at:
                return body.speaker, 0
            credited = source is not None and self.came_in(m.first) and not self.kb.is_media(source) \
                and self.ents.entities[source].type in AGENT_TYPES and self.kb.kinds.get(source) != "platform"
            return (source if credited else None), 0  # «، حسب ما أعلن البيت الأبيض، وجاء في بيان: أن»: the body
            # credited in its sentence issued it
        if kind == "participle" and last and doc.sent[last.cue_first] == doc.sent[m.first]:
            return last.speaker, 0
        if kind in ("participle", "verb"):
            s_first = doc.sentence_bounds[doc.sent[m.first]][0]
            lead = s_first + 2 if doc.word(s_first).removeprefix("و") == FROM and doc.word(s_first + 1) in CLAUSE_OPENERS \
                else s_first
            subject = next((f for f in self.ents.between(s_first, min(m.first, lead + 6))  # («من جانبه قدم …»)
                            if self.agent(f) and f.entity != source and not self.unnamed_member(f, s_first + 1)
                            and not self.outlet_addressed(f) and not self.called_on(f)  # («وقال لـ«عكاظ»
                            # الناطق …»، «آمل منكم يا خادم الحرمين الشريفين … مثمناً لكم»)
                            and self.ents.entities[f.entity].type != "Country"
                            and not self.clause_before(s_first, f.first, kind == "participle")
                            and not self.in_topic(s_first, f)), None)  # the subject opens the sentence
            if subject and last and last.named and last.cue_first > subject.last \
                    and doc.sent[last.cue_first] == doc.sent[m.first] \
                    and any(doc.word(k) in TURNS for k in range(max(subject.last, last.cue_first - 2), last.cue_first)):
                subject = None  # «وحذرت السفارة … ، من جهته قال الرئيس الكيني …: …، وأكد أن»: one who took
                # his turn later in the sentence has the floor, not the one it opened with
            if subject and any(subject.last <= i < m.first for i, _, _ in self.sources):
                subject = None  # «تمكنت شرطة جدة من ضبط …، وفقًا لمدير شرطة منطقة مكة المكرمة، اللواء …، وقال:»: the
                # one the sentence credits since has the floor, not what opened it
            if subject and s_first <= self.unknown_after_object < m.first:
                subject = None  # «أوضحت المديرية … ؛ وقد أكدت ذلك والدتها وأفادت بأن»: one unknown took the floor since
            if subject and self.ents.entities[subject.entity].type != "Person":
                subject = self.person_past_body(subject, m.first) or subject  # «لاعب نادي النصر والمنتخب السعودي
                # السابق سعد الزهراني، يقول»: the one named after the body his role has
            if subject and self.agrees(self.head_of(subject).entity, feminine, m):
                return self.head_of(subject).entity, 0  # "أما رئيس المجلس العام الماروني وديع الخازن فأعرب"
        if last and (kind == "continuation" or doc.para[last.cue_first] >= doc.para[m.first] - 2):
            return last.speaker, 0
        if last and kind == "verb" and opens_content:
            return last.speaker, 0  # "وقال إن ..." with no subject: the speaker who has the floor
        if kind == "continuation":
            return None, 0
        if feminine:
            return None, 0  # "وأكدت أن سبب انقطاع الخدمة ...": she or a body, not the man named before
        para_first = doc.paragraph_bounds[doc.para[m.first]][0]
        spoken = [(s.begin, s.end) for s in said if s.end > doc.starts[para_first]]
        person = next((f for f in reversed(self.ents.between(para_first, m.first + 1)) if f.last <= m.first
                       and self.ents.entities[f.entity].type == "Person" and f.entity != source
                       and not any(b <= doc.starts[f.first] < e for b, e in spoken) and not self.recipient(f)
                       and not self.named_in_said(f)), None)
        return (person.entity if person else None), 0  # the last person named before, in the paragraph, not
        # one named in what someone said there (of whom it was said)

    def named_in_said(self, f: Found) -> bool:
        """«أن»/«إن» between the last cue before the name f in its sentence and f: f is named in what was
        said («وأضاف الوزير في تصريحات صحفية أن نائب الرئيس الإيراني … وافق»), not one who goes on speaking."""
        doc = self.doc
        s_first = doc.sentence_bounds[doc.sent[f.first]][0]
        cue = next((k for k in range(f.first - 1, s_first - 1, -1) if doc.at(self.kb.cues, k)), None)
        return cue is not None and any(doc.word(j) in COMPLEMENTIZERS for j in range(cue, f.first))

    def agrees(self, speaker: str, feminine: bool, m) -> bool:
        """Whether a cue's gender fits a speaker it would take from before it: a man never says what a
        feminine cue says («وقالت … مضيفة»: a woman unnamed, not the man named before), nor a woman what a
        masculine one says. A body, any: a masculine noun may stand for it («وأشار التقرير»، «وأضاف
        المصدر»). A country, though, is told in the feminine («وأعلنت تركيا»: «وقال إن الهجوم» is no more
        Turkey's), except the few told as masculine (word_classes.tsv masculine_countries: «لبنان»). A
        plural or dual cue, any; a person of no known given name and no cue yet, any."""
        if m.phrase in self.kb.several_speakers:
            return True
        entity = self.ents.entities[speaker]
        if entity.type == "Country":
            return feminine or normalise_phrase(entity.label_ar) in MASCULINE_COUNTRIES
        if entity.type != "Person":
            return True
        woman = self.woman(speaker)
        return woman is None or feminine == woman

    def named_bare(self, k: int, person: str) -> bool:
        """The person is named at token k by name alone, no title before it."""
        f = self.mention_at.get(k)
        return f is not None and f.entity == person and "title" not in f.rule

    def woman(self, person: str) -> bool | None:
        """Whether a person is a woman: one the article gave a feminine cue, or whose given name is a
        woman's (given_names.tsv); a man when the article gave him a masculine cue, named bare after it, or
        when it is another listed given name; None when not known."""
        if person in self.women:
            return True
        if person in self.men:
            return False
        first = normalise_phrase(self.ents.entities[person].label_ar)[:1]
        if not first or first[0] not in self.kb.given_names:
            return None
        return first[0] in self.kb.women_names

    def thing_before(self, m) -> bool:
        """A present-tense cue with no subject after it whose subject is the word right before it, a
        word no list knows as anyone («مخرج يؤكد»، «أسلوبنا في التعامل … يؤكد»، «مما يؤكد»، «إحصائيات
        … تؤكد»): a thing or someone unnamed shows or says it, not the last one named. A particle or a
        pronoun there («لكنه يؤكد»، «بينما تؤكد») or a title («الرئيس يؤكد») leaves the cue to them."""
        doc, k = self.doc, m.first - 1
        if doc.word(m.first)[:1] not in "يت" or k < doc.sentence_bounds[doc.sent[m.first]][0] \
                or doc.gap(m.first).strip() or k in self.ents.by_token:
            return False
        word = doc.word(k)
        if word in THING_PARTICLES:
            return True
        function_words, titles = self.kb.function_words, self.kb.title_words
        readings = {stem for _, stem in stems(word)} | ({word[1:]} if word[:1] in CONJUNCTION_CLITICS else set())
        return not any(stem in function_words or stem in titles or stem in PRONOUNS or stem in CLAUSE_OPENERS
                       or stem in CREDITED_AS or any(stem.endswith(e) and stem[:-len(e)] in function_words
                                                     for e in RESUMPTIVE_ENDINGS)  # لكنه، إنها: its pronoun
                       for stem in readings) and not word.isdigit()

    def relative_subject(self, m) -> tuple[str | None, int] | None:
        """The speaker of a cue right after a relative pronoun (الذي، التي): the one it stands for, named
        right before it («المالكي الذي اتهم المملكة بدعم»), or none when that is a thing («الأمر الذي يدعو
        إلى») or one a source is close to («مصدر مقرب من X الذي»); a country or body whose head speaks
        («نيجيريا التي حذر رئيسها»). None when the relative clause names its own subject after the cue
        («الذي أكد فيه المتحدث»، «الكرملين الذي وصف المتحدث باسمه»)."""
        doc = self.doc
        antecedent = self.mention_ending.get(m.first - 1)
        kind = self.ents.entities[antecedent.entity].type \
            if antecedent is not None and doc.sent[antecedent.first] == doc.sent[m.first] else None
        if not self.resumptive(m.last) and doc.word(m.last) not in self.kb.title_words:
            named = kind in ("Person", "Organization") and (antecedent.first == 0 or doc.word(antecedent.first - 1) != FROM)
            return (antecedent.entity if named else None), 0  # («وبالعودة إلى المزروعي الذي أكد»: his)
        if kind in ("Country", "Organization") and self.holder_word(m.last):
            return antecedent.entity, doc.span(m.last, m.last + 1).end
        return None

    def resumptive(self, k: int) -> bool:
        """Word k carries a pronoun that refers back (فيه، رئيسها، خلاله): a relative clause's own subject
        is named after it."""
        return k < len(self.doc.words) and self.doc.span(k, k + 1).text.endswith(RESUMPTIVE_ENDINGS)

    def holder_word(self, k: int) -> bool:
        """Word k is a title or a place in a body with a pronoun (رئيسها، وزيرها، زعيمه)."""
        word = self.doc.word(k)
        without_pronoun = [word[:-len(e)] for e in RESUMPTIVE_ENDINGS if word.endswith(e)]
        return any(stem in self.kb.title_words or stem in MEMBER_WORDS for stem in without_pronoun)

    def titled_subject(self, f: Found) -> bool:
        """A person named by title right after a participle, and no preposition after them: its subject
        («مؤكدا وزير الدفاع الأمريكي حرص الولايات المتحدة»), not its object («داعيا الرئيس إلى»)."""
        return self.ents.entities[f.entity].type == "Person" and f.rule.startswith("title") \
            and PREPOSITIONS.isdisjoint(stem for _, stem in stems(self.doc.word(f.last)))

    def recipient(self, f: Found) -> bool:
        """A person named after the preposition ل, on the name or on an honorific before it («لخادم
        الحرمين الشريفين»، «ولسمو ولي عهده»), or called on («يا خادم الحرمين الشريفين»): one something
        was said or sent to, not the one who speaks next."""
        doc = self.doc
        if f.begin is not None and doc.clitics(f.first, f.begin).endswith("ل"):
            return True
        if self.called_on(f):
            return True
        for k in range(self.honorifics_before(f), f.first):
            honorific = [removed for removed, stem in stems(doc.word(k)) if stem in HONORIFICS]
            if honorific[-1] and doc.word(k)[honorific[-1] - 1] == "ل":
                return True
        return False

    def called_on(self, f: Found) -> bool:
        """A person called on («يا خادم الحرمين الشريفين»، «يا سمو الأمير»): «يا» right before the name or
        the honorifics before it."""
        k = self.honorifics_before(f)
        return k > 0 and not self.doc.gap(k).strip() and self.doc.word(k - 1) == VOCATIVE

    def honorifics_before(self, f: Found) -> int:
        """The first of the honorifics right before the name f, nothing between them («سمو» in «يا سمو
        الأمير»); f.first when there are none."""
        doc, k = self.doc, f.first
        while k > 0 and not doc.gap(k).strip() and any(stem in HONORIFICS for _, stem in stems(doc.word(k - 1))):
            k -= 1
        return k

    def fronted_subject(self, m) -> Found | None:
        """The subject named before a past verb: after «كان» («وكان نتنياهو قد حث»، «وكانت الوزارة أكدت»),
        or right after «أن»/«إن» in its sentence, past a comma ("إلى أن ماكرون، وفي اتصال هاتفي مع بوتين، حض
        روسيا") or, where no cue before tells it, titled right before the verb: who did the saying, when
        no other cue comes between; a name after the verb is then its object."""
        doc = self.doc
        if doc.word(m.first)[:1] in "يت":
            return None  # a present verb: a headline's order, read elsewhere
        end = m.first - (doc.word(m.first - 1) in ALREADY)  # «وكان نتنياهو قد حث»
        before = self.mention_ending.get(end)
        if before is not None and self.agent(before) and doc.word(before.first - 1) in WAS \
                and not any(_gap_blocks(doc.gap(x)) for x in range(before.first, m.first + 1)):
            return before  # «وكان نتنياهو حث أعضاء الكونغرس»: the subject before the verb
        s_first = doc.sentence_bounds[doc.sent[m.first]][0]
        for j in range(m.first - 1, max(s_first, m.first - FRONTED_WORDS) - 1, -1):
            if doc.at(self.kb.cues, j):
                return None
            if doc.word(j) in COMPLEMENTIZERS:
                f = self.mention_at.get(j + 1)
                if f is not None and f.last < m.first and "،" in doc.gap(f.last):
                    return f if self.agent(f) and self.ents.entities[f.entity].type == "Person" else None
                f = self.mention_ending.get(m.first)  # «علمت «عكاظ» أن رئيس إقليم كردستان مسعود بارزاني أبلغ
                if f is None or not all(self.titled_at(x) for x in range(j + 1, f.first)) or not self.agent(f) \
                        or self.ents.entities[f.entity].type != "Person":  # الإدارة الأمريكية رفضه»: the subject,
                    return None  # titled, right before its verb, a name after the verb its object
                if any(doc.at(self.kb.cues, x) for x in range(s_first, j)):  # «وأضاف شكري أن الرئيس السيسي
                    self.nested_at = m.first  # أكد ضرورة»: told within what another says, whose words go on
                self.fronted_at = m.first  # after it («، مشيرا»: still the teller's)
                return f
        return None

    def object_named(self, k: int, speaker: str) -> bool:
        """An agent other than the speaker is named at token k, right after a cue whose subject stands
        right before it (fronted_subject), and the sentence goes on after the name: the one told."""
        f = self.mention_at.get(k)
        return f is not None and f.entity != speaker and self.agent(f) and f.last < len(self.doc.words) \
            and self.doc.sent[f.last] == self.doc.sent[k] and not _gap_blocks(self.doc.gap(f.last))

    def owned_place(self, f: Found) -> bool:
        """A country or town named right after a noun of no list, nothing between («غاز قطر تنفي»): the
        noun's owner, the noun the subject (but a state's body or a title stands for it: «حكومة ليبيا
        تحذر»، «رئيس وزراء تركيا يعلن»)."""
        doc = self.doc
        k, s_first = f.first - 1, doc.sentence_bounds[doc.sent[f.first]][0]
        return self.ents.entities[f.entity].type in PLACE_TYPES and k >= s_first and not doc.gap(f.first).strip() \
            and k not in self.ents.by_token and doc.word(k).isalpha() and doc.word(k) not in self.kb.function_words \
            and not any(self.titled_at(x) for x in range(s_first, f.first)) \
            and not any(self.body_head(stem) for _, stem in stems(doc.word(k)))

    def place_told_in(self, f: Found) -> bool:
        """A place named after a preposition («الوضع في اليمن يؤكد»، «بالعراق»): where, not who."""
        doc = self.doc
        return self.ents.entities[f.entity].type in PLACE_TYPES and (
            doc.word(f.first - 1) in PLACE_PREPOSITIONS or f.begin is not None
            and doc.clitics(f.first, f.begin)[-1:] in ("ب", "ل"))

    def described(self, f: Found) -> bool:
        """The name f, right after a describing cue, is followed by «بأن»: the one described."""
        doc = self.doc
        return not DESCRIBING_CUES.isdisjoint(st for _, st in stems(doc.word(f.first - 1))) \
            and doc.word(f.last).startswith(THAT_IT) and not doc.gap(f.last).strip()

    def titled_at(self, k: int) -> bool:
        """Token k is a title's word or a name's, as in the title before a name («رئيس إقليم كردستان»)."""
        return k in self.ents.by_token or not self.kb.title_words.isdisjoint(st for _, st in stems(self.doc.word(k)))

    def subject_before(self, m, kind: str) -> bool:
        """A present verb with no conjunction on it, after the words its sentence opens with and no
        particle («أن»، «لن»، «كما»): a headline's subject-verb order, whose subject stands before it
        («حقوق الإنسان اليمنية تدعو مفوض الأمم المتحدة»)."""
        doc = self.doc
        if kind != "verb" or doc.word(m.first)[:1] not in "يت" or doc.clitics(m.first, m.begin):
            return False
        s_first = doc.sentence_bounds[doc.sent[m.first]][0]
        before = doc.word(m.first - 1)
        return m.first > s_first and doc.para[m.first] == 0 and not _gap_blocks(doc.gap(m.first)) \
            and {stem for _, stem in stems(before)}.isdisjoint(NO_SUBJECT_BEFORE)

    def topic_subject(self, m) -> Found | bool | None:
        """The topic «أما» names before a verb that «ف» joins to it («أما المختص الصحي الدكتور نزار خضري
        فطالب وزارة الصحة»): the subject, a name after the verb its object. False when the topic names
        no agent (one no list knows: «أما وحيد البراق فيقول»); None when the verb is no topic's, or the
        topic is what was said is about («أما بخصوص الغاز الصخري، فأفاد»)."""
        doc = self.doc
        word = doc.word(m.first)
        first = m.first
        if doc.word(first - 1) in TOPIC_PARTICLES:
            first -= 1  # «أما رئيس وزراء لوكسمبورغ، فقد أكد»
        elif not word.startswith("ف") or word == m.phrase[0]:
            return None
        s_first = doc.sentence_bounds[doc.sent[m.first]][0]
        for j in range(first - 1, max(s_first, first - FRONTED_WORDS) - 1, -1):
            if doc.at(self.kb.cues, j):
                return None
            if doc.word(j) in TOPIC_THEN:
                after = doc.word(j + 1)
                if after in TOPIC_WORDS or after in CLAUSE_OPENERS or {stem for _, stem in stems(after)} & NOT_SUBJECT_HEADS:
                    return None  # «أما عن مسلسل "مريم" فقال سلامة»، «أما بخصوص الغاز الصخري، فأفاد»: what it is
                    # about, not who said it
                named = [g for g in self.ents.between(j + 1, first) if self.agent(g)]
                f = next((g for g in named if self.ents.entities[g.entity].type == "Person"), None)
                if f is None and named and named[0].first <= j + 2:
                    f = named[0]  # «أما الوزارة فأكدت»; but «أما مدرب بنما داريو جوميز فقال»: the person
                return self.head_of(f) if f is not None else False  # («أما خلف داهود، عضو المكتب التنفيذي
                # لهيئة التنسيق، فقال»: no body named in the topic's apposition)
        return None

    def honoured(self, said: list[_Said]) -> str | None:
        """Whom "سموه"، "معاليه" after a cue stand for: the last speaker named, else the first person the
        article names (the one its lead is about)."""
        named = next((s for s in reversed(said) if self.ents.entities[s.speaker].type == "Person"), None)
        if named is not None:
            return named.speaker
        first = next((f for f in self.ents.found if self.ents.entities[f.entity].type == "Person"), None)
        return first.entity if first else None

    def past_subject(self, tok: int, start: int) -> int:
        """Where what was said starts when no complementizer or preposition opens it: after the rest
        of the speaker's title and name, up to a comma ("وأكد الأمين العام لمنظمة التعاون الإسلامي
        الأستاذ إياد مدني، أهمية ..."), when a name ends there; else where it was."""
        doc = self.doc
        for k in range(tok + 1, min(tok + SUBJECT_WORDS, len(doc.words))):
            if _SPEECH_COLON.search(doc.gap(k)):  # "وقال جبر عبدالله مسؤول أحد الإسطبلات: نقوم": what was said
                return self.starts[k]  # follows the colon (not a time's, "12:01", nor a link's, "http://")
            if "،" in doc.gap(k) or "," in doc.gap(k):
                named = any(f.last == k for f in self.ents.between(tok, k))
                return self.starts[k] if named else start
            if doc.sent[k] != doc.sent[tok] or doc.at(self.kb.cues, k):
                break
        return start

    def colon_after_frame(self, tok: int) -> int | None:
        """The token after a colon that closes the frame opened at token tok («في بيان لها: قامت»، «في
        كلمته أمام المؤتمر:»), no complementizer, cue or sentence end before it; None if none does."""
        doc = self.doc
        for k in range(tok + 1, min(tok + FRAMED_WORDS, len(doc.words))):
            if doc.sent[k] != doc.sent[tok] or doc.word(k) in COMPLEMENTIZERS \
                    or any(c.payload[1] != "noun" for c in doc.at(self.kb.cues, k)):
                return None  # (a noun is the frame's own: «بيان»، «تصريح»)
            if _SPEECH_COLON.search(doc.gap(k)):
                while k + 1 < len(doc.words) and _SPEECH_COLON.search(doc.gap(k + 1)):
                    k += 1  # «في بيانها ما يلي: أولاً: إن»: past the heading of a list
                return k
            if _gap_blocks(doc.gap(k).replace(":", "")):
                return None
        return None

    def object_start(self, tok: int, start: int) -> int:
        """Where what was said starts for a cue whose object it is (speech_cues.tsv: then): at the first
        word the cue needs from token tok on in its sentence, with the praise words right before it
        («رفع صاحب السمو الأمير سعود بن ثنيان رئيس الهيئة الملكية للجبيل وينبع شكره»، «أسمى آيات
        التهاني»); else where it was."""
        doc = self.doc
        k = self.needed_word(self.then_words, tok, tok + ROLE_WORDS)
        if k is None:
            return start
        while k > tok and doc.word(k - 1) in PRAISE_INTENSIFIERS and not doc.gap(k).strip():
            k -= 1
        return self.starts[k]

    def past_places(self, k: int) -> int:
        """The first token from k on past the places that locate a body («بمنطقة تبوك»، «في جدة») and the
        body it is part of («رئيس لجنة الشؤون الخارجية بمجلس النواب عبدالله بن حويل»)."""
        doc = self.doc
        while k < len(doc.words) and not _gap_blocks(doc.gap(k)):
            j = k + (doc.word(k) in PLACE_PREPOSITIONS)
            f = self.mention_at.get(j)
            if f is None and j == k and self.body_after_bi(k):
                k += 1  # «بمجلس النواب»: a body no mention holds here, its head word and what defines it
                while k < len(doc.words) and doc.word(k).startswith("ال") and k not in self.mention_at \
                        and not _gap_blocks(doc.gap(k)) and doc.word(k) not in self.kb.function_words:
                    k += 1
                continue
            if f is None or self.ents.entities[f.entity].type not in PLACE_TYPES | {"Organization"} \
                    or j == k and doc.word(k)[:1] != "ب":
                break
            k = f.last
        return k

    def body_after_bi(self, k: int) -> bool:
        """Token k is «ب» and the head word of a body («بمجلس»، «بوزارة»، «بهيئة»)."""
        word = self.doc.word(k)
        return word[:1] == "ب" and any(clitics == 1 and self.body_head(stem) for clitics, stem in stems(word))

    def body_head(self, stem: str) -> bool:
        """A word that heads a body's name («هيئة»، «مجلس»، «وزارة»)."""
        return stem in self.kb.institution_heads or "ال" + stem in ORG_FIRST_WORDS

    def past_alias(self, k: int) -> int:
        """The first token from k on past a body's short name quoted after it and the honorifics of
        the man named next («الشركة الوطنية السياحية "سياحية" المهندس صالح قدح»، «لجنة حقوق الإنسان
        العربية “لجنة الميثاق” الدكتور هادي اليامي»)."""
        doc, text = self.doc, self.text
        start = k
        if 0 < k < len(doc.words):
            before = doc.span(k - 1, k).end
            opened = max(text.rfind(q, before, self.starts[k]) for q in QUOTES)
            if opened >= 0 and not text[opened + 1:self.starts[k]].strip():
                close = self.quote_end(opened)
                end = doc.token_at(close) + 1
                if close < len(text) and text[close] in QUOTES[text[opened]] and end - k <= 3:
                    k = end
        while k < len(doc.words) and doc.word(k) in HONORIFICS and k not in self.mention_at \
                and (k > start or not _gap_blocks(doc.gap(k))):
            k += 1  # but "المهندس صالح الجاسر" found whole: from the honorific
        return k

    def clause_before(self, first: int, k: int, said: bool) -> bool:
        """A relative pronoun between a sentence's start and token k, or, for a participle (`said`), a
        complementizer: a name after it is no subject opening the sentence ("وأشار إلى الاتفاق الذي وقعه
        رئيس المنظمة علي أكبر صالحي"، «واشار ان المليشيات الحوثية وصالح وجهت …، موضحاً»: in what was said,
        where a verb's own subject may stand: «وأضاف أن رئيس الوزراء … دعا إلى»)."""
        return any(self.doc.word(j) in RELATIVES or said and self.doc.word(j) in COMPLEMENTIZERS for j in range(first, k))

    def in_topic(self, first: int, f: Found) -> bool:
        """The sentence opens at token `first` with a word that names what it is about (حول، بشأن، وعن),
        and no comma comes before the name f: it is the topic («وحول دور الرئاسة العامة لرعاية الشباب في
        الأمر، قال:»، «وعن حبيب الحبيب قال إنه فنان»), not who speaks (but «وعن أبي ذر رضي الله عنه قال»:
        one blessed after the name is whom it is told from)."""
        doc = self.doc
        opener = doc.word(first)
        if opener.removeprefix("و") == ABOUT and f.first == first + 1 \
                and any(doc.word(j) in TOLD_FROM for j in range(f.last, min(f.last + 2, len(doc.words)))):
            return False
        return (opener in TOPIC_WORDS or opener.removeprefix("و") == ABOUT) \
            and not any("،" in doc.gap(j) or "," in doc.gap(j) for j in range(first + 1, f.first + 1))

    def subject_after(self, k: int, source: str | None) -> Found | None:
        """An agent named right after the cue, allowing up to three words of an unnamed head
        ("المركز الصحافي للكرملين") but no punctuation or conjunction on the way."""
        doc = self.doc
        spoken_to = self.addressee(k)
        if spoken_to is not None and spoken_to.entity == source:
            k = spoken_to.last  # "وأوضح لـ «عكاظ» عبدالله الطميح": past the outlet spoken to
        k = self.past_turn(k)  # «وبين من جهته محمود عبدالشكور أن»
        for j in range(k, min(k + 4, len(doc.words))):
            if doc.word(j) in self.then_words:
                return None  # «وقدم التهنئة للأمير محمد بن نايف»: the cue's object, then whom it is for
            f = self.mention_at.get(j)
            gap = doc.gap(j)
            if _gap_blocks(gap) and not (f is not None and self.ents.entities[f.entity].type == "Person"
                                         and not _gap_blocks(gap.translate(_QUOTE_MARKS))):
                return None  # but «وأوضح "الجاسر" أن»: a person's name quoted alone (checked below) is the
                # subject; a body's so quoted («ذكرت "بلومبرج"»، «"دايلي مايل"») is most often an outlet's
            if any(q in gap for q in QUOTES):  # a quotation: the subject only when it is quoted alone
                if f is None:
                    return None
                end = doc.span(f.first, f.last).end
                if self.text[end:end + 1] not in "»”\"":  # the character after the name (no copy of the rest)
                    return None
            if f is None and {stem for _, stem in stems(doc.word(j))} & NOT_SUBJECT_HEADS:
                return None
            if f is None and j == k and doc.word(j) in UNNAMED_GROUPS and doc.word(j + 1).startswith("ال") \
                    and j + 1 not in self.mention_at:
                return None  # «دعت بعض الأطراف الحكومة الإسرائيلية إلى»: some, unnamed, called on the government
                # (but «أحد نواب البرلمان الإيراني»، «بعض تقارير الهيئة»: some of the body's own)
            if f is not None and j > k and doc.word(k) in UNNAMED_SOURCES and (
                    self.kb.is_media(f.entity) or self.ents.entities[f.entity].type in PLACE_TYPES):
                return None  # «وتحدثت مصادر «الشرق الأوسط» عن»، «قالت مصادر سورية معارضة»: unnamed sources, not the
                # paper or the country
            if f is not None and f.entity == source and doc.word(j - 1) in PUBLISHED_BY:
                continue  # «تصريح نشرته وكالة "سبأ"»: the medium that carried it, no speaker
            if f is not None and (f.entity == source and j <= k + 1 and self.addressee(k) is f
                                  or (self.kb.is_media(f.entity) or self.outlet_frame(f.first))
                                  and (self.addressee(j) is f or self.addressee(j - 1) is f)
                                  or f.first > 0 and self.outlet_frame(f.first - 1, addressed=True)):
                continue  # "قال لـ«عكاظ» مدير ...", "وقالت مصادر لـ«الشرق الأوسط»": an outlet spoken to is never the speaker
            if f is not None and j > k and self.kb.is_media(f.entity) and not self.role_words(k, j) \
                    and not any(self.outlet_frame(x) for x in range(k, j)):
                return None  # «أكد خبراء مصريون استطلعت «الشرق الأوسط» آراءهم»: the paper of another clause (but
                # «وقال تلفزيون «فوكس»»، «ذكرت شبكة سي إن إن»: the outlet's frame before its name)
            if f is not None and j == k and self.described(f):
                return None  # «بدلا من ذلك، وصف إيران بأنها شريرة»: what is described, its subject told before
            if f is not None:
                if j > k and self.ents.entities[f.entity].type != "Person" and doc.span(j - 1, j).text.startswith("ال") \
                        and (f.entity in self.kb.entities or any(stem in self.kb.institution_heads for _, stem in stems(doc.word(j)))) \
                        and not any(removed and {"ل", "ب"} & set(doc.word(j)[:removed]) for removed, _ in stems(doc.word(j))):
                    return None  # «دعا الصرخي الأمم المتحدة إلى»: a definite word heads nothing after it, so a body a
                    # list knows is the verb's object, its subject the word before (but «المركز الصحافي للكرملين»،
                    # «مفتي فنلندا»; and a name only the recogniser found, unless a body's head opens it («وزارة
                    # المالية»), may be a person's: «المتطوعة منال الشمري»)
                if self.unnamed_member(f, k):
                    return None
                if self.agent(f) and f.entity != source and (j == k or self.ents.entities[f.entity].type != "Person"
                                                             or all(self.role_word(x) for x in range(k, j))):
                    if j > k and self.ents.entities[f.entity].type in PLACE_TYPES:
                        if self.place_told_in(f):
                            if not all(self.role_word(x) for x in range(k, j)):
                                return None  # «وتشير إحصائيات الخزينة العامة للمملكة إلى»: a thing of the state's
                            return self.named_after_role(f.last) or self.role_holder(k)  # «وقال المبعوث الأممي
                            # الخاص باليمن»: the role's holder, not the country it is for
                        if any(stem in NATIONAL_BODIES for x in range(k, j) for _, stem in stems(doc.word(x))):
                            return None  # «أعلنت شركة زين السعودية»: a body's nationality, the body no list's
                            # (but «وزارة الخارجية الإيرانية»، «وكالة الأنباء التونسية»: the state's own)
                        named = self.named_after_role(f.last)  # «مفتي عام المملكة … الشيخ عبدالعزيز آل الشيخ،
                        if named is not None or any(self.body_word(x) for x in range(k, j)) \
                                or self.role_words(k, j):  # أن»: the one named after the
                            return named or self.head_of(f)  # country's role said it; with no one named, the
                            # country («وقال رئيس وزراء باكستان إن»، «وقالت وزارة خارجية السعودية»)
                        return self.role_holder(k)  # «أكد البيان المشترك بين السعودية وجمهورية ناميبيا حرص
                        # البلدين»: words of no role or body before the country, which is no speaker
                    head = self.head_of(f)
                    if head is f and (f.entity.startswith(ROLE_KIND + ":") or j > k and self.ents.entities[f.entity].type
                                      == "Organization" and all(self.role_word(x) or self.member_word(x)
                                                                or x > k and self.body_word(x) for x in range(k, j))):
                        holder = self.named_after_role(f.last) or self.unnamed_head(f.last) or self.role_holder(k) \
                            or self.named_elsewhere(k, f)
                        return holder or (None if {st for _, st in stems(doc.word(k))} & NAMELESS_MEMBERS else head)
                        # («وأكد عضو المجلس الاستشاري للمركز الدولي للأمن الرياضي أن»: a member no one names, not
                        # the body; but «رئيس الهيئة» with no name: the body)
                        # «أوضح المتحدث الإعلامي بشرطة منطقة مكة المكرمة العقيد عاطي القرشي أن»، «أكد الرئيس
                        # التنفيذي لشركة المهو لؤي شيخ أنهم»، «قال رئيس الاتحاد الأوروبي لكرة القدم
                        # ميشيل بلاتيني إن»: the head of the body or the holder of the role said it, by a name no
                        # list or model knows, past the places the role names («المتحدث الإعلامي للدفاع المدني
                        # بمنطقة نجران جنوب السعودية المقدم علي …»), or named after the same role elsewhere
                    return head
                return None
        return None

    def unnamed_member(self, f: Found, k: int) -> bool:
        """The body f is named as a person's place in it («المدير بمركز البنوك»، «عضو مجلس الشورى») after
        words from token k on that are no role's, a name no list knows («وقال أشعر ناظم المدير بمركز
        البنوك»، «قال الدكتور صدقة فاضل عضو مجلس الشورى»): that person is the subject, not the body."""
        j = f.first
        return j > k + 1 and self.ents.entities[f.entity].type != "Person" \
            and self.member_word(j - 1) and not all(self.role_word(x) or self.member_word(x) or x in self.ents.by_token
                                                    or self.doc.word(x) in self.kb.function_words
                                                    for x in range(k, j - 1))  # («أمين المنطقة ورئيس اللجنة»، «محافظ
        # تنومة رئيس اللجنة»: roles, places and bodies on the way, the name after them; «يذكر أن رئيس لجنة»)

    def unnamed_head(self, k: int) -> Found | None:
        """From token k on, past the places that locate a body and its short name, one to three words
        that may be a name no list knows (no mention, no definite or function word first, no number),
        right before what was said opens or the outlet it was said to («… بتونس بدرة قعلول لـ«المدينة»:»،
        «… لؤي شيخ أنهم»): the person named so, made an entity of its own."""
        return self.unknown_name(self.past_alias(self.past_places(k)))

    def unknown_name(self, start: int) -> Found | None:
        """One to three words from token `start` that may be a name no list knows, right before what was
        said opens or the outlet it was said to (see `unnamed_head`): the person, minted, or None."""
        doc, kb = self.doc, self.kb
        first = doc.word(start) if start < len(doc.words) else ""
        if not first or start in self.ents.by_token or any(stem.startswith("ال") for _, stem in stems(first)) \
                or first in kb.function_words or first.isdigit() or _gap_blocks(doc.gap(start)) \
                or first in kb.common_words and first not in kb.given_names:
            return None
        for end in range(start + 1, min(start + NAME_WORDS + 1, len(doc.words))):
            w, gap = doc.word(end), doc.gap(end)
            if w in COMPLEMENTIZERS or w in PREPOSITIONS and w not in kb.given_names or w in THEN_OPENERS \
                    or _SPEECH_COLON.search(gap) or any(q in gap for q in QUOTES) or w == "ل" or self.addressee(end) is not None \
                    or self.outlet_frame(end, addressed=True):  # (not «عادل علي»: a name, no «على»)
                if _gap_blocks(gap.translate(_QUOTE_MARKS).replace(":", "")) and not _SPEECH_COLON.search(gap):
                    return None
                name = Found(self.ents.mint("person", "Person", doc.span(start, end).text), start, end, "unknown-head")
                self.ents.parts.append(name)  # its mention, as evidence
                return name
            if end in self.ents.by_token or _gap_blocks(gap) or w in kb.function_words or w.isdigit() \
                    or w.startswith(("لل", "بال")):  # («عبدالعزيز للعلوم والتقنية»: a body's name goes on)
                return None
        return None

    def body_word(self, x: int) -> bool:
        """Token x is the kind of body whose name follows («لشركة سبائك»، «بهيئة»): a head of institutions."""
        return any(stem.removeprefix("ال") in self.kb.institution_heads for _, stem in stems(self.doc.word(x)))

    def member_word(self, x: int) -> bool:
        """Token x names a person's place in a body (member_words: «عضو»، «المدير»، «ورئيس»)."""
        return any(stem in MEMBER_WORDS for _, stem in stems(self.doc.word(x)))

    def role_holder(self, k: int) -> Found | None:
        """A person named after a role longer than `subject_after` reads, right before what they said
        («وقال الناطق الإعلامي بصحة الطائف سراج الحميدان، إن»، «وأضافت مشرفة البرامج في المهرجان
        مريم المهبط، أن»): the role's words are nouns in a chain (a title, definite words, a word and
        the definite one or the title it governs, prepositions and what they govern, bodies and places
        named, a second role after «و»), and the name ends right before «أن»/«إن», a preposition that
        opens what was said («عن أمله»، «إلى أن»), «فإن»/«فقد» or a colon, a time («أمس») or a medium
        credited («، حسب وكالة الصحافة الفرنسية،») at most between. Anything else on the way (a verb, a
        mark, a clause word) and it is none: who is named there is no subject of the cue. Nor is a role
        headed by a body («مكتب رئيس الوزراء») or ending in a title alone: the one named is whose it is."""
        doc, kb = self.doc, self.kb
        if k >= len(doc.words) or doc.word(k) in kb.function_words:
            return None  # «وأشارت إلى سعي الرئيس العراقي …»: what was said, no role
        if self.body_word(k) or any(stem in ARMED_FORCES for _, stem in stems(doc.word(k))):
            return None  # «أوضح مكتب رئيس الوزراء»، «قالت القوات الموالية لحكومة الرئيس … هادي»: a body, whose
            # the one named is
        j, end = k, min(k + ROLE_WORDS, len(doc.words))
        while j < end:
            if doc.sent[j] != doc.sent[k]:
                return None
            if j > k + 1 and (doc.word(j) in COMPLEMENTIZERS or doc.word(j) in self.then_words
                              or doc.word(j) in PREPOSITIONS and "،" in doc.gap(j)) \
                    and not _gap_blocks_but_commas(doc.gap(j)):
                return self.holder_named_before(k, j)  # «وأكد مدير إدارة شؤون الزيارة بالمسجد النبوي أن»، «أعرب
                # المبعوث الأممي إلى اليمن، عن أمله»
            if j > k and _gap_blocks(doc.gap(j)):
                return None
            f = self.mention_at.get(j)
            if f is not None:
                if self.ents.entities[f.entity].type == "Person":
                    if j == k or f.last >= len(doc.words) or doc.sent[f.last] != doc.sent[k] \
                            or f.rule.startswith("title-coreference"):
                        return None  # (a name right after the cue is subject_after's; a title alone at the
                        # end is whose the role is: «المستشار في مكتب وزير الدفاع»)
                    return f if self.said_after(f) or self.object_after(f) else None
                j = f.last  # a body or a place the role names
                continue
            w = doc.word(j)
            if w == AND and j > k or w == ABOUT and j > k + 1 and self.member_word(k):
                j += 1  # «مساعد وزير الخارجية الإيراني و كبير المفاوضين»: two roles of one person; «عضو البرلمان
                continue  # العراقي عن اتحاد القوى العراقي»: whom the member is for
            if w in COMPLEMENTIZERS or w in kb.function_words and w not in ROLE_PREPOSITIONS \
                    or doc.at(kb.cues, j) or doc.at(kb.triggers, j) and not self.governed_trigger(j, k):
                return None
            if not (self.role_word(j) or w in kb.title_words or w in ROLE_PREPOSITIONS or self.body_word(j)
                    or w.startswith(("بال", "لل")) or j + 1 < end and (doc.word(j + 1).startswith("ال")
                                                                      or doc.word(j + 1) in kb.title_words)):
                return self.unknown_name(j) if j > k and w in kb.given_names and doc.word(k) in kb.title_words \
                    else None  # (an indefinite word governs the definite
                # one after it, «مشرفة البرامج», or a title, «نائبة وزير الخارجية»); past the role, a name no
                # list knows right before what was said («الرئيس التنفيذي لشركة سبائك الكويت لتجارة المعادن
                # الثمينة رجب حامد إن»)
            j += 1
        return None

    def holder_named_before(self, k: int, j: int) -> Found | None:
        """The one person the article named before, right after a role that has the words of the role
        from token k to j, the first of them a title («أوضح مدير إدارة شؤون الزيارة بوكالة شؤون المسجد
        النبوي ياسر الجيار»، then «وأكد مدير إدارة شؤون الزيارة بالمسجد النبوي أن»): that person, at the
        role; None if the role opens with no title, or no one or several were so named."""
        doc, kb = self.doc, self.kb
        if doc.word(k) not in kb.title_words:
            return None
        wanted = [{stem.removeprefix("ال") for _, stem in stems(doc.word(x))} | _nisba_base(doc.word(x))
                  for x in range(k, j) if doc.word(x) not in kb.function_words]  # («الأممي» told as «الأمم المتحدة»)
        named = set()
        for g in self.ents.found:
            if g.last > k or self.ents.entities[g.entity].type != "Person" or g.rule.startswith("title-coreference"):
                continue
            s_first = doc.sentence_bounds[doc.sent[g.first]][0]
            for p in range(max(s_first, g.first - ROLE_WORDS), g.first):
                if doc.word(p).removeprefix("ال") == doc.word(k).removeprefix("ال"):  # «مبعوث …» then «المبعوث …»
                    told = {stem.removeprefix("ال") for x in range(p, g.first) for _, stem in stems(doc.word(x))}
                    if all(readings & told for readings in wanted) and not any(
                            self.ents.entities[h.entity].type == "Person" for h in self.ents.between(p, g.first)) \
                            and not any(doc.word(x) in COMPLEMENTIZERS or doc.at(kb.cues, x) for x in range(p, g.first)):
                        named.add(g.entity)  # (not «أقال وزير الثقافة المصري عبد الواحد النبوي أحمد مجاهد»، nor
                        # «قال مسؤول أمني إن الرئيس السوري بشار الأسد»: one told of, no holder)
                    break
        return Found(named.pop(), k, j, "role-named") if len(named) == 1 else None

    def then_follows(self, m, then: frozenset[str]) -> bool:
        """One of the words a cue needs (`then` in speech_cues.tsv: عبر عن، أثنى على، رفع … أسمى آيات
        التهاني) follows it in its sentence within THEN_WORDS words: of the cue, or of the end of its
        subject's name when a person is named right after it, past their role and with no comma
        between («رفع رئيس ديوان المظالم رئيس مجلس القضاء الإداري الشيخ الدكتور خالد بن محمد
        اليوسف، أسمى آيات التهاني»)."""
        doc = self.doc
        end = m.last + THEN_WORDS
        subject = next((f for f in self.ents.between(m.last, m.last + ROLE_WORDS)
                        if self.ents.entities[f.entity].type == "Person"), None)
        if subject is not None and not any("،" in doc.gap(k) for k in range(m.last, subject.first)):  # (a comma
            # may stand right before the name: «يرى أستاذ العلوم السياسية بجامعة الحديدة، صالح البيحاني، أن»)
            end = max(end, subject.last + THEN_WORDS)
            if subject.last < len(doc.words) and "،" in doc.gap(subject.last):  # «بين الدكتور عبدالرحمن الزامل،
                end = max(end, subject.last + APPOSITION_WORDS + 1)  # رئيس الغرفة …، أن»: past his apposition
        if m.last >= len(doc.words) or doc.sent[m.last] != doc.sent[m.first]:
            return False
        k = self.needed_word(then, m.last, end)
        return k is not None and not (m.phrase[0] in BETWEEN and self.between_two(m.first, k))

    def between_two(self, cue: int, k: int) -> bool:
        """The cue «بين» at token `cue` and the words up to the one it needs at k tell two parties or a
        preposition, so it is the preposition (between), not the verb (he made clear): «بين مصر وفرنسا من
        المقرر أن»، «بين راموس وبيريز بعد أن»، «بينك وبين من معك قال تعالى: (ان»."""
        doc = self.doc
        written = self.text[doc.starts[cue]:doc.span(cue, cue + 1).end]
        verb = written[:1] in "وف" or "\u0651" in written or cue == doc.sentence_bounds[doc.sent[cue]][0] \
            or doc.gap(cue).strip() or {stem for _, stem in stems(doc.word(cue - 1))} & CLAUSE_OPENERS
        # (the verb opens its clause: «وبين»، «كما بين»، «بيّن»; «التناقض الظاهر بين ما أشار إليه» is between)
        return not verb or doc.word(k - 1) in self.kb.function_words or doc.word(cue - 1).startswith(tuple(BETWEEN)) \
            or any(stem in BETWEEN for x in range(cue + 1, k) for _, stem in stems(doc.word(x))) \
            or any(f.begin is not None and doc.word(f.first)[:1] == "و" for f in self.ents.between(cue + 1, k))

    def object_after(self, f: Found) -> bool:
        """A word the cue needs follows the name f within THEN_WORDS words of its sentence: what was said
        is the cue's object, right after its subject («رفع … الشيخ الدكتور خالد بن محمد اليوسف، أسمى
        آيات التهاني»)."""
        return f.last < len(self.doc.words) and self.doc.sent[f.last] == self.doc.sent[f.first] \
            and self.needed_word(self.then_words, f.last, f.last + THEN_WORDS) is not None

    def needed_word(self, words: frozenset[str], first: int, stop: int) -> int | None:
        """The first token from `first` up to `stop` in the sentence of token `first` that is one of the
        words a cue needs; None if none is."""
        doc = self.doc
        for k in range(first, min(stop, len(doc.words))):
            if doc.sent[k] != doc.sent[first]:
                return None
            if doc.word(k) in words:
                return k
        return None

    def said_after(self, f: Found) -> bool:
        """What was said opens right after the name f: «أن»/«إن» (quoted or not), a preposition that opens it («عن أمله»،
        «إلى أن»), «فإن»/«فقد» or a colon, a time («أمس») or a medium credited («، حسب وكالة الصحافة
        الفرنسية،») at most between."""
        doc = self.doc
        after = f.last
        while after < min(f.last + SAID_WHEN_WORDS, len(doc.words) - 1) and doc.word(after) in SAID_WHEN \
                and not doc.gap(after).strip(" ،,"):
            after += 1  # «تسيبي هوتوفلي أمس أنه»: when it was said, between the name and what
        medium = self.mention_at.get(after + 1) if after < len(doc.words) and doc.word(after) in CREDITED_BY else None
        if medium is not None and self.kb.is_media(medium.entity):
            after = medium.last  # «جان باسكال تورو، حسب وكالة الصحافة الفرنسية، إنه»
        elif after < len(doc.words) and not doc.gap(after).strip(" ،,"):
            medium = self.carried_by(after, "verb")
            if medium is not None:
                after = medium.last  # «ياسر الجيار في تصريح لوكالة الأنباء السعودية، أن»
            else:
                after = self.past_quoted_outlet(after)  # «ناجي السامعي في تصريحات إلى "الوطن": إن»
        if after >= len(doc.words):
            return False
        gap = doc.gap(after)
        return (doc.word(after) in COMPLEMENTIZERS or doc.word(after) in PREPOSITIONS
                or doc.word(after) in THEN_OPENERS) and not gap.translate(_QUOTE_MARKS).strip(" ،,") \
            or bool(_SPEECH_COLON.search(gap))  # «… أنور قرقاش عن أمله»، «… إلى أن»

    def named_after_role(self, start: int) -> Found | None:
        """The person named after a role whose country or body was taken first («مفتي عام المملكة رئيس هيئة
        كبار العلماء … الشيخ عبدالعزيز آل الشيخ، أن»): the first person from `start` on in the sentence,
        with no verb, cue, «أن» or mark but commas on the way, right before what was said."""
        doc, kb = self.doc, self.kb
        end = min(start + ROLE_WORDS, doc.sentence_bounds[doc.sent[start]][1])
        for j in range(start, end):
            if doc.word(j) in COMPLEMENTIZERS or doc.at(kb.cues, j) or doc.at(kb.triggers, j) \
                    or j > start and _gap_blocks_but_commas(doc.gap(j)):
                return None
            f = self.mention_at.get(j)
            if f is not None and self.ents.entities[f.entity].type == "Person" and not f.rule.startswith("title-coreference"):
                return f if self.said_after(f) else None
        return None

    def named_elsewhere(self, k: int, f: Found) -> Found | None:
        """The one person the article names right after the same role and body as from token k to the
        body f («دعا رئيس لجنة حقوق الإنسان العربية “لجنة الميثاق” الدكتور هادي اليامي …»، then «وشدد رئيس
        لجنة حقوق الإنسان العربية على»): that person, at f; None if none or several."""
        doc = self.doc
        role = doc.words[k:f.first]
        named = set()
        for g in self.ents.found if role else ():
            if g.entity == f.entity and g.first != f.first and g.first >= len(role) \
                    and doc.words[g.first - len(role):g.first] == role:
                p = self.mention_at.get(self.past_alias(g.last))
                if p is not None and self.ents.entities[p.entity].type == "Person" \
                        and not p.rule.startswith("title-coreference"):
                    named.add(p.entity)
        return Found(named.pop(), f.first, f.last, "role-named") if len(named) == 1 else None

    def quoted_body(self, k: int) -> bool:
        """Right after the cue, a short name quoted alone that is not taken as the speaker (a body's,
        most often an outlet's, «وذكرت "بلومبرج" أن», or one no list or rule knows): a subject all the
        same, so the statement is no one's rather than the last speaker's."""
        doc, text = self.doc, self.text
        if k >= len(doc.words) or not any(q in doc.gap(k) for q in QUOTES):
            return False
        for j in range(k, min(k + 3, len(doc.words))):
            end = doc.span(j, j + 1).end
            if text[end:end + 1] in ("»", "”", '"'):
                f = self.mention_at.get(k)
                return f is None or self.ents.entities[f.entity].type != "Person"
        return False

    def head_of(self, f: Found) -> Found:
        """The person named right after a body, who heads or speaks for it ("زعيم «حزب الله» اللبناني حسن
        نصر الله"، "مدير فرع الهيئة ... بمنطقة تبوك ناصر الخريصي"), or after a role no name was found for
        ("مدير الدفاع المدني في جدة العقيد سعيد سرحان": the role is his), else the body (or the agent) itself."""
        doc = self.doc
        end = f.last
        if f.entity.startswith(ROLE_KIND + ":"):
            body = self.mention_at.get(end)  # the role's body, named right after its title
            if body is None or self.ents.entities[body.entity].type != "Organization" or _gap_blocks(doc.gap(end)):
                return f
            end = body.last
        elif self.ents.entities[f.entity].type != "Organization":
            return f
        after_places = self.past_places(end)
        after_org = self.past_alias(after_places)  # past a short name quoted and honorifics (their marks checked)
        gaps_from = end if after_org == after_places else after_org + 1
        head = next((g for g in self.ents.between(after_org, after_org + 2)
                     if self.ents.entities[g.entity].type == "Person"
                     and not any(_gap_blocks(doc.gap(x)) and not self.apposed(x, g) for x in range(gaps_from, g.first + 1))
                     and not any({st for _, st in stems(doc.word(x))} & CLAUSE_WORDS
                                 for x in range(after_org, g.first))), None)  # (the name's own words are no
        # clause words: «علي أكبر صالحي» is no «على»)
        return head or self.second_title_holder(after_org) or f

    def apposed(self, x: int, g: Found) -> bool:
        """The gap before token x is the comma that opens the name g in apposition, closed by a comma
        after it («عضو اللجنة التنفيذية لمنظمة التحرير الفلسطينية، أحمد مجدلاني، الدول»), with his rank
        or honorific at most between («المتحدث باسم وزارة الداخلية، اللواء منصور التركي، إن»)."""
        doc = self.doc
        return x <= g.first and doc.gap(x).strip() in ("،", ",") and doc.gap(g.last).strip() in ("،", ",") \
            and all(self.role_word(y) for y in range(x, g.first))

    def second_title_holder(self, k: int) -> Found | None:
        """«مستشار وزارة الحج والمتحدث الرسمي للوزارة حاتم قاضي»: a second title of the body's man, joined
        by و, then his name: the person named."""
        doc = self.doc
        if not doc.word(k).startswith("وال") or doc.gap(k).strip():
            return None
        for j in range(k + 1, min(k + 5, len(doc.words))):
            if _gap_blocks(doc.gap(j)):
                return None
            g = self.mention_at.get(j)
            if g is not None:
                return g if g.first == j and self.ents.entities[g.entity].type == "Person" else None
            w = doc.word(j)
            if not (self.role_word(j) or w.startswith("لل")):
                return None
        return None

    def role_words(self, k: int, j: int) -> bool:
        """Tokens k to j are a role: each a role's word, or a title's first word and the words it governs
        («رئيس وزراء»، «مفتي عام»), no mark on the way."""
        doc = self.doc
        return all(self.role_word(x) for x in range(k, j)) or doc.word(k) in self.kb.title_words and not any(
            doc.gap(x).strip() or doc.word(x) in self.kb.function_words for x in range(k + 1, j))

    def role_word(self, x: int) -> bool:
        """A word of a person's role or honorific before the name («المدرب فهد العتيبي»، «رئيس البرلمان
        أحمد المساري»): an honorific, a title's word, or a definite noun or adjective that is no function word."""
        w = self.doc.word(x)
        return w in HONORIFICS or w in self.kb.title_words or w.startswith("ال") and w not in self.kb.function_words \
            and self.doc.span(x, x + 1).text.startswith("ال")

    def past_turn(self, k: int) -> int:
        """Past the words of a turn right after the cue («من جهته»، «بدوره»), where its subject is named
        next («وقال من جهته محمود عبدالشكور إن»): the token after them, else k."""
        doc = self.doc
        j = k + (k < len(doc.words) and doc.word(k) == FROM)
        if j < len(doc.words) and doc.word(j) in TURNS and not _gap_blocks(doc.gap(j)) \
                and j + 1 < len(doc.words) and not _gap_blocks(doc.gap(j + 1)):
            return j + 1
        return k

    def opinion_described(self, m, act: str) -> bool:
        """A verb of opinion in the present with no conjunction, after «من» or a relative («ومنهم من يرى
        أن»), or after a word that names no one («أيديولوجية متطرفة ترى أن»): it describes someone unnamed
        or a thing, no one's statement."""
        doc = self.doc
        if act != OPINION or m.first == 0 or doc.word(m.first)[:1] not in "يت" or _gap_blocks(doc.gap(m.first)):
            return False
        prev = doc.word(m.first - 1)
        return prev in RELATIVES or prev == FROM or m.first not in self.mention_ending \
            and prev not in self.kb.function_words and prev not in CLAUSE_OPENERS

    def issued_by(self, k: int) -> Found | None:
        """The body or person named right after «صادر عن» at token k, the issuer of the statement named
        before it («بيان صادر عن وزارة الخارجية»، «في بيان صادر عن قيادة الجيش»)."""
        doc = self.doc
        if k + 2 >= len(doc.words) or doc.word(k) not in ISSUED or doc.word(k + 1) not in ISSUED_BY \
                or _gap_blocks(doc.gap(k)) or _gap_blocks(doc.gap(k + 2)):
            return None
        f = self.mention_at.get(k + 2)
        if f is None and k + 3 < len(doc.words) and not doc.span(k + 2, k + 3).text.startswith("ال") \
                and doc.word(k + 2) not in self.kb.function_words and not doc.gap(k + 3).strip():
            f = self.mention_at.get(k + 3)  # «صادر عن قيادة الجيش اللبناني»: the body whose command it is
        return f if f is not None and self.agent(f) else None

    def governed_trigger(self, j: int, k: int) -> bool:
        """The word of an event at token j is part of a role that starts at token k, governed by the noun
        before it («مدير إدارة شؤون الزيارة ياسر الجيار»، «رئيس لجنة الاجتماعات»): written with «ال» and
        after a word that is no function word (not «خلال الزيارة»، «في اللقاء»)."""
        doc = self.doc
        return j > k and doc.span(j, j + 1).text.startswith("ال") and doc.word(j - 1) not in self.kb.function_words

    def addressee(self, k: int) -> Found | None:
        """The agent a cue is addressed to, named right after it with the preposition ل
        («قال لـ«عكاظ»»، «صرح لوكالة رويترز»; not «أفاد المركز الصحافي للكرملين»)."""
        doc = self.doc
        j = k + (doc.word(k) == "ل")  # لـ«عكاظ»: the preposition stands alone before the quote mark
        f = self.mention_at.get(j)
        if f is None or not self.agent(f) or (j > k and _gap_blocks(doc.gap(j))):
            return None
        begin = f.begin if f.begin is not None else doc.starts[f.first]
        before = self.text[max(0, begin - 4):begin].rstrip("«\"“ ـ\u0640")
        return f if before.endswith("ل") and not before[-2:-1].isalpha() else None

    def carried_by(self, k: int, kind: str) -> Found | None:
        """The medium that published what a cue at word k tells, named in its frame: «في تصريح نشرته
        وكالة الأنباء اليمنية "سبأ"» or «في تصريح لـ«عكاظ»» after a verb, «نشرته وكالة …» right after a noun
        cue: the source."""
        doc = self.doc
        if kind != "noun":  # a verb's frame: «في» and a noun cue
            if not self.speech_frame(k):
                return None
            k += 2
            spoken_to = self.addressee(k) or (self.addressee(k + 1) if k + 1 < len(doc.words) and k not in self.mention_at
                                              and not doc.gap(k + 1).strip() else None)
            if spoken_to is not None and self.outlet_addressed(spoken_to):
                return spoken_to  # «في تصريح لـ«عكاظ»»، «في حديث خاص لقناة …»: the outlet it was given to
        if k + 1 >= len(doc.words) or doc.word(k) not in PUBLISHED_BY:
            return None
        f = self.mention_at.get(k + 1)
        return f if f is not None and (self.kb.is_media(f.entity) or self.outlet_frame(f.first)) else None

    def past_quoted_outlet(self, k: int) -> int:
        """The token after a frame that opens at token k and names an outlet no list knows in quotation
        marks («في تصريحات إلى "الوطن"»، «في حديث لـ«المدينة»»: a framing preposition, a noun cue, ل or إلى,
        the quoted name), or k if there is none."""
        doc = self.doc
        if k + 3 >= len(doc.words) or not self.speech_frame(k):
            return k
        j = k + 2 + (doc.word(k + 2) in TO or doc.word(k + 2) == "ل")
        if j == k + 2 and not doc.word(j).startswith("ل") or not any(q in doc.gap(j) for q in PAIRED_QUOTES + '"'):
            return k
        for end in range(j + 1, min(j + OUTLET_WORDS, len(doc.words))):
            if doc.sent[end] != doc.sent[k]:
                return k
            if any(q in doc.gap(end) for q in '»”"'):
                return end
        return k

    def noun_cue_at(self, k: int) -> bool:
        """A noun cue starts at token k («بيان»، «تصريح»)."""
        return k < len(self.doc.words) and any(c.payload[1] == "noun" for c in self.doc.at(self.kb.cues, k))

    def speech_frame(self, k: int) -> bool:
        """A framing preposition at token k and a noun cue after it («في تصريح»، «في بيان له»): the frame
        a statement is told in, after its verb."""
        return k < len(self.doc.words) and self.doc.word(k) in FRAMING_PREPOSITIONS and self.noun_cue_at(k + 1)

    def outlet_addressed(self, f: Found) -> bool:
        """f is an outlet something was said to («لـ«عكاظ»»، «لوكالة الأناضول»), not one said by
        («في تصريح ليوسف الظاهري»، «القيادة المشتركة لتحالف دعم الشرعية»)."""
        return (self.kb.is_media(f.entity) or self.outlet_frame(f.first) or f.first > 0 and self.outlet_frame(f.first - 1)) \
            and (self.addressee(max(f.first - 1, 0)) is f or self.addressee(f.first) is f)

    def outlet_frame(self, j: int, addressed: bool = False) -> bool:
        """Token j is an outlet's frame word («قناة»، «صحيفة»، «وكالة» …: media_frames), with ل before it
        where `addressed` («لقناة»): a body so named is a medium no list may know («قال الضابط لقناة
        «المسيرة»»)."""
        word = self.doc.word(j)
        return any(stem in MEDIA_FRAMES and (not addressed or removed == 1 and word[0] == "ل")
                   for removed, stem in stems(word))

    def addressee_past_apposition(self, k: int) -> Found | None:
        """The outlet spoken to right at token k, or after an apposition between commas that starts
        there ("، مستشار مفتي مصر، لـ«الشرق الأوسط»، إن")."""
        doc = self.doc
        found = self.addressee(k)
        if found is not None or k >= len(doc.words) or "،" not in doc.gap(k) and "," not in doc.gap(k):
            return found
        for j in range(k + 1, min(k + APPOSITION_WORDS, len(doc.words))):
            if doc.sent[j] != doc.sent[k] or doc.word(j) in COMPLEMENTIZERS or doc.at(self.kb.cues, j):
                return None
            if "،" in doc.gap(j) or "," in doc.gap(j):
                return self.addressee(j)
        return None

    def unknown_subject(self, k: int) -> bool:
        """The cue has a subject of its own right after it that is not a known agent
        ("قالت شركة ...", "أشار صحفي"): not the last speaker going on."""
        doc = self.doc
        if k >= len(doc.words) or _gap_blocks(doc.gap(k)) or k in self.mention_at \
                or any(q in doc.gap(k) for q in QUOTES):
            return False
        word = doc.word(k)
        readings = {stem for _, stem in stems(word)}
        if readings & NOT_UNKNOWN_SUBJECTS or word in SAID_OBJECTS or word.isdigit():
            return False
        return not doc.at(self.kb.cues, k) and not doc.at(self.kb.triggers, k)

    def during(self, cue_first: int, speaker: str) -> int | None:
        """The first event told in the cue's sentence that the speaker is a party to."""
        return next((i for i in self.events_in.get(self.doc.sent[cue_first], ())
                     if speaker in self.events[i].participants), None)


def _nisba_base(word: str) -> set[str]:
    """What an adjective of belonging is formed on («الأممي»: «امم», as in «الأمم المتحدة»), if the word is one."""
    bare = word.removeprefix("ال")
    return {bare[:-1]} if bare != word and word.endswith("ي") and len(bare) > 3 else set()


def _feminine(word: str, kind: str, cue_words: frozenset[str]) -> bool:
    """A cue in the feminine («وأكدت»، «وأضافت»، «تضيف»، «موضحة»: the masculine form with ت or ة, or ت for
    ي): its speaker is a woman or a body (most bodies' names are feminine), never a man. «لفت» is
    masculine: no cue «لف»."""
    if kind == "participle":
        return any(st.endswith("ه") and st[:-1] + "ا" in cue_words for _, st in stems(word))  # موضحة: موضحا
    return kind in ("verb", "continuation") and any(
        st.endswith("ت") and st[:-1] in cue_words or st[:1] == "ت" and "ي" + st[1:] in cue_words
        for _, st in stems(word))


_BLOCKING = frozenset("،,.:;؛\n()\"“”")
_BLOCKING_BUT_COMMAS = _BLOCKING - frozenset("،,")


_QUOTE_MARKS = str.maketrans("", "", "".join(QUOTES) + "".join(QUOTES.values()))  # opening and closing marks


def _gap_blocks(gap: str) -> bool:
    """Punctuation between a cue and a name that says the name is not its subject."""
    return not _BLOCKING.isdisjoint(gap)


def _gap_blocks_but_commas(gap: str) -> bool:
    """Punctuation other than a comma between two words: a role or a name with an apposition goes on
    past a comma («رئيس الغرفة …، أن»), not past other marks."""
    return not _BLOCKING_BUT_COMMAS.isdisjoint(gap)


def find_statements(doc: Doc, kb: Knowledge, ents: EntityResult, events: list[EventDraft]) -> list[Statement]:
    out = []
    for s in _StatementFinder(doc, kb, ents, events).run():
        content = Span(s.begin, s.end, doc.article.text[s.begin:s.end])
        out.append(Statement(speaker=s.speaker, direct=s.direct, content=content, cue=s.cue, speech_act=s.act,
                             source=s.source, during=s.during, rule=s.rule))
    return sorted(out, key=lambda st: (st.content.begin, st.content.end, st.speaker))
