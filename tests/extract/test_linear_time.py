"""Extraction time grows linearly with the article: four times the text, about four times the time.

A stage that compares each trigger, cue or date with all the others once made a 1 MB article take
16 s and a 500 KB run of call clauses without a stop 70 s. The ratio of two lengths measured in the
same run does not depend on the machine's speed; quadratic work gives about 16, linear about 4.
bench/article_length.py prints the whole curve.
"""
import time

import pytest

from khabar.extract import extract
from khabar.model import Article

CLAUSES = {  # name -> (a clause repeated to the length, the smaller length: quadratic shows from there)
    "calls without a stop": ("تلقى الأمير محمد بن سلمان اتصالاً هاتفياً من الرئيس أوباما الثلاثاء المقبل، مؤكداً أن ", 50_000),
    "statements": ("وقال وزير الخارجية عادل الجبير إن الوضع مستقر. ", 100_000),
    "honorifics and titles": ("استقبل الرئيس عبدالفتاح السيسي صاحب السمو الأمير محمد بن سلمان، وعقد فخامته اجتماعاً مع "
                              "سموه ومع الرئيس ماكي سال رئيس جمهورية السنغال، وقال سموه: «إن الوضع مستقر». ", 50_000),
}


def took(clause: str, size: int, tries: int) -> float:
    article = Article("t", (clause * (size // len(clause) + 1))[:size], "t.txt", published="2015-07-21")
    best = float("inf")
    for _ in range(tries):
        start = time.process_time()  # CPU time: other processes on the machine do not count
        extract(article)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("clause, size", CLAUSES.values(), ids=CLAUSES.keys())
def test_four_times_the_text_takes_about_four_times_as_long(clause, size):
    extract(Article("t", clause, "t.txt"))  # the model loads outside the timings
    small, large = took(clause, size, tries=3), took(clause, 4 * size, tries=1)
    assert large / small < 8, f"{small:.3f}s -> {large:.3f}s: ×{large / small:.1f} for ×4 the text"
