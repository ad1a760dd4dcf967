"""The layout of an article for extraction: tokens, paragraphs, sentences, and which parts are
site boilerplate or repeated lines (left out of extraction, offsets kept)."""
from __future__ import annotations

import bisect
import datetime as dt
import re
import threading
from functools import lru_cache
from operator import itemgetter

from khabar.extract.lexicons import FormIndex
from khabar.extract.matcher import index_words
from khabar.model import Article, Span
from khabar.normalise import NormText, Tokens, clitic_forms, normalise
from khabar.normalise.fold import breaks

SENTENCE_STOPS = "!?؟\n."  # the characters a sentence end starts with
# the one definition; not a dot inside a word or number (إيه.بي.تي، 1.65), nor right after an Arabic letter
# written alone («د. عبدالله»: doctor, abbreviated), but one between two Arabic
# words of three letters or more, a space left out («والإرهاب.الندوة»), unless a word of up to five
# letters on either side has another dot beyond it: letters spelt out («إن.اتش.كيه»). The lookahead changes no
# match: it lets the regex engine skip to the next stop instead of trying both branches everywhere.
# layout finds its matches in a compiled pass of the same definition (khabar.normalise.fold.breaks)
_L = "[\u0621-\u064a]"  # an Arabic letter
SENTENCE_END = re.compile(rf"(?=[!?؟\n.])(?:[!?؟\n]+|(?<!(?<![^\W_]){_L})\.+(?![^\W_])|(?<={_L}{{3}})(?<!\.{_L}{{3}})(?<!\.{_L}{{4}})"
                          rf"(?<!\.{_L}{{5}})\.(?={_L}{{3}})(?!{_L}{{3}}\.)(?!{_L}{{4}}\.)(?!{_L}{{5}}\.))")
SHORT_LINE = 8  # a boilerplate phrase marks a line only when the line is this short (in words)
BYLINE_WORDS = 5
LONGEST_SENTENCE = 500  # words; a longer run (no stop in it) is cut, so that work per sentence stays bounded
_BYLINE = re.compile(r"\s[–—-]\s|^\s*(?:كتب|بقلم|إعداد|تحرير)\s*:", re.MULTILINE)
# a dateline opening one of the first lines: the reporter, the paper (or city) and the city, each
# short, between dashes, then a colon ("عبدالعزيز السلمي - سبق - جدة: عقد نادي الاتحاد ..."), or two
# of them ("فهد العتيبي- سبق:", "سبق- الرياض:", "واس- عمان:")
_DATELINE = re.compile(r"^\s*[^\n:\-–—]{3,40}?\s*[-–—]\s*[^\s\-–—:]{2,12}(?:\s*[-–—]\s*[^\n:\-–—]{2,25}?)?\s*:",
                       re.MULTILINE)
DATELINE_WITHIN = 300  # characters from the start of the text
ACCUSATIVE_ENDINGS = ("\u064b", "\u064bا")  # the tanween fath, before or after its alef: «ـاً», «ـًا»


class once:  # noqa: N801 (named as the decorator it is used as)
    """A property computed on first use and kept in the object's __dict__: functools.cached_property
    without its lock, compiled (an article's objects live in one thread; ten are asked for an
    article)."""

    def __init__(self, compute) -> None:
        self.compute, self.name, self.__doc__ = compute, compute.__name__, compute.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.compute(obj)
        return value


class _Lexicons:
    """The sets of written forms the rules look for in a text (each phrase matcher's first words,
    each set of words `Doc.positions` reads: some seventy), numbered as they are first asked for and
    indexed together (khabar/extract/lexicons.pyx): an article's words then meet all the sets in one
    pass, where meeting each set took a lookup of each word (a tenth of the extraction's time)."""

    def __init__(self) -> None:
        self.numbers: dict[frozenset[str], int] = {}
        self.forms = FormIndex()
        self.lock = threading.Lock()

    def number(self, forms: frozenset[str]) -> int:
        found = self.numbers.get(forms)
        if found is None:
            with self.lock:
                found = self.numbers.get(forms)
                if found is None:
                    found = self.numbers[forms] = self.forms.add(forms)
        return found


_LEXICONS = _Lexicons()


class Doc:
    """An article laid out for the rules: its normal form and tokens, the paragraph and sentence of
    each token, which are boilerplate; and what the rules found in it, kept for the next rule that asks."""

    def __init__(self, article: Article, norm: NormText, tokens: Tokens, words: list[str], para: list[int],
                 sent: list[int], skip: list[bool], datelines: list[tuple[int, int]] | None = None) -> None:
        self.article, self.norm, self.tokens = article, norm, tokens
        self.words = words  # = tokens.words
        self._text, self._starts, self._ends = norm.text, tokens.starts, tokens.ends  # read by gap and span, often
        self.para = para  # paragraph (line) number of each token
        self.sent = sent  # sentence number of each token
        self.skip = skip  # boilerplate or a repeated line
        self.datelines = datelines or []  # tokens [first, last) of each byline or dateline (skipped too)
        self._found = {}  # matcher -> its matches (the matcher held, not its id)
        self._spans = {}  # (first, last) -> its Span
        self._at = {}  # (matcher, token) -> the matches starting there
        self._positions = {}  # a set of words -> the tokens that read as one
        self._met = {}  # a lexicon's number (_Lexicons) -> its words in this text
        self._met_count = 0  # how many lexicons `_met` knows

    def span(self, first: int, last: int) -> Span:
        """The original-text span of tokens [first, last); made once (the rules ask for the same
        spans again and again)."""
        spans = self._spans
        found = spans.get((first, last))
        if found is None:
            begin, end = self.norm.original_span(self._starts[first], self._ends[last - 1])
            found = spans[first, last] = Span(begin, end, self.article.text[begin:end])
        return found

    def gap(self, i: int) -> str:
        """The normal-form text between token i-1 and token i (punctuation, spaces)."""
        start = self._ends[i - 1] if i > 0 else 0
        stop = self._starts[i] if i < len(self.words) else len(self._text)
        return self._text[start:stop]

    def word(self, i: int) -> str:
        words = self.words
        return words[i] if 0 <= i < len(words) else ""

    def clitics(self, i: int, begin: int) -> str:
        """The clitics written on token i before what starts at `begin` in the original text (a name or
        a trigger found without them): «ل» of «لزيارة», «ك» of «كمصر», «ول» of «ولسمو»."""
        return self.article.text[self.starts[i]:begin]

    @once
    def sentence_bounds(self) -> dict[int, tuple[int, int]]:
        """Sentence number -> its tokens [first, last)."""
        return _runs(self.sent)

    @once
    def paragraph_bounds(self) -> dict[int, tuple[int, int]]:
        """Paragraph number -> its tokens [first, last)."""
        return _runs(self.para)

    @once
    def word_positions(self) -> dict[str, list[int]]:
        """Each distinct word -> its token positions (shared by all the lexicon matchers)."""
        return index_words(self.words)

    @once
    def word_set(self) -> frozenset[str]:
        """The distinct words, as a set to meet the lexicons' sets of forms."""
        return frozenset(self.word_positions)

    def meets(self, forms: frozenset[str]) -> list[str]:
        """The distinct words of this text that are among `forms` (a set the rules keep asking for:
        a lexicon's forms, numbered once in _LEXICONS)."""
        number = _LEXICONS.number(forms)
        if number >= self._met_count:  # a set this text has not met yet (asked for the first time in this run)
            count = _LEXICONS.forms.count
            self._met, self._met_count = _LEXICONS.forms.meet(self.word_positions, count), count
        return self._met.get(number, [])

    def find(self, matcher) -> list:
        """All the matches of a phrase matcher in this text, left to right, longest first; found once
        per matcher (entities, the recogniser's windows, events and statements all ask for some)."""
        found = self._found.get(matcher)
        if found is None:
            places: dict[int, list] = {}
            found = self._found[matcher] = matcher.find(self.norm, self.tokens, self.word_positions,
                                                        self.meets(matcher.surface), places)
            for i, matches in places.items():  # `at` asks for many of the same places again
                self._at[matcher, i] = matches
        return found

    def at(self, matcher, i: int) -> list:
        """The matches of a phrase matcher that start at token i, longest first (none, at once,
        where the word is no written form of a phrase's first word: most words, most times asked;
        the others found once, the rules ask for the same places again and again)."""
        if 0 <= i < len(self.words) and self.words[i] in matcher.surface:
            found = self._at.get((matcher, i))
            if found is None:
                found = self._at[matcher, i] = matcher.at(self.norm, self.tokens, i)
            return found
        return []

    def positions(self, stems_: frozenset[str]) -> frozenset[int]:
        """The tokens that read as one of these words once their clitics are removed (found once per
        set of words: the event senses ask for the same ones at each trigger)."""
        found = self._positions.get(stems_)
        if found is None:
            positions, tokens = self.word_positions, []
            for w in self.meets(_forms_of(stems_)):
                tokens += positions[w]
            found = self._positions[stems_] = frozenset(tokens)
        return found

    @once
    def published_day(self) -> dt.date | None:
        """The day the article was published, the reference for relative dates and office holders."""
        if not self.article.published:
            return None
        try:
            return dt.date.fromisoformat(self.article.published[:10])
        except ValueError:
            return None

    @once
    def starts(self) -> list[int]:
        """Where each token starts in the original text."""
        at = self.tokens.starts
        origin = self.norm.origin
        if isinstance(origin, range):  # nothing was dropped: the same offsets
            return list(at)
        return list(itemgetter(*at)(origin)) if len(at) > 1 else [origin[k] for k in at]

    @once
    def accusatives(self) -> frozenset[int]:
        """The tokens that end with the accusative's tanween («دوماً»، «مدرباً»، «تركيًا»، «ميناءً»): an
        adverb, a state or an indefinite object, never a name nor the end of one."""
        text, found, tanween = self.article.text, set(), ACCUSATIVE_ENDINGS[0]
        at = text.find(tanween) if self.words else -1
        while at >= 0:
            i = self.token_at(at)
            if self.span(i, i + 1).text.endswith(ACCUSATIVE_ENDINGS):
                found.add(i)
            at = text.find(tanween, at + 1)
        return frozenset(found)

    def token_at(self, offset: int) -> int:
        """The token at or before an original-text offset."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


@lru_cache(maxsize=256)  # some sixty sets of words now (the event senses, the lexicons): room to grow
def _forms_of(stems_: frozenset[str]) -> frozenset[str]:
    return frozenset(form for stem in stems_ for form in clitic_forms(stem))


def _runs(numbers: list[int]) -> dict[int, tuple[int, int]]:
    """A non-decreasing numbering (paragraphs, sentences) -> each number's positions [first, last)."""
    runs: dict[int, tuple[int, int]] = {}
    first = 0
    while first < len(numbers):
        last = bisect.bisect(numbers, numbers[first], first)
        runs[numbers[first]] = (first, last)
        first = last
    return runs


def _numbered(starts: list[int], cuts: list[int]) -> list[int]:
    """For each token start, how many cut offsets (line breaks, sentence ends) come before it."""
    out: list[int] = []
    for number, cut in enumerate(cuts):
        out.extend([number] * (bisect.bisect(starts, cut) - len(out)))
    out.extend([len(cuts)] * (len(starts) - len(out)))
    return out


def _bounded(sent: list[int], longest: int = LONGEST_SENTENCE) -> list[int]:
    """Sentence numbers with no sentence longer than `longest` words: a longer run is cut into
    pieces of that length (real news has none; a text without stops must not make each trigger's
    clause the whole text). Unchanged when no sentence is too long."""
    runs = _runs(sent)
    if all(last - first <= longest for first, last in runs.values()):
        return sent
    out: list[int] = []
    number = 0
    for first, last in runs.values():
        for k in range(first, last):
            out.append(number + (k - first) // longest)
        number += (last - first - 1) // longest + 1
    return out


def layout(article: Article, boilerplate: list[tuple[tuple[str, ...], str]]) -> Doc:
    norm = normalise(article.text)
    tokens = norm.tokens()
    words, starts = tokens.words, tokens.starts
    line_breaks, sentence_ends = breaks(norm.text)
    para = _numbered(starts, line_breaks)
    sent = _bounded(_numbered(starts, sentence_ends))
    skip = [False] * len(words)
    seen_lines: set[tuple[str, ...]] = set()
    datelines: list[tuple[int, int]] = []
    rest = False

    def line_text(first: int, last: int) -> str:
        """The whole original line that tokens [first, last) sit on."""
        begin, end = norm.origin[starts[first]], norm.origin[starts[last - 1]]
        stop = article.text.find("\n", end)
        return article.text[article.text.rfind("\n", 0, begin) + 1:len(article.text) if stop < 0 else stop]

    for first, last in _runs(para).values():  # line by line (a line: the tokens of one paragraph number)
        line = tuple(words[first:last])
        drop = rest or line in seen_lines
        if not drop and len(line) <= SHORT_LINE:
            for phrase, scope in boilerplate:
                if line[:len(phrase)] == phrase:
                    drop = True
                    rest = rest or scope == "rest"
                    break
        if not drop and all(w.isdigit() for w in line):
            drop = True
        if not drop and len(line) <= BYLINE_WORDS and _BYLINE.search(line_text(first, last)):
            drop = True  # a byline or dateline on its own line: "عين اليوم – الرياض"
            datelines.append((first, last))
        seen_lines.add(line)
        if drop:
            skip[first:last] = [True] * (last - first)
    for m in _DATELINE.finditer(norm.text, 0, DATELINE_WITHIN):  # no content: its reporter is no speaker
        first, last = bisect.bisect_left(starts, m.start()), bisect.bisect_left(starts, m.end())
        skip[first:last] = [True] * (last - first)
        if first < last:
            datelines.append((first, last))
    return Doc(article, norm, tokens, words, para, sent, skip, sorted(set(datelines)))
