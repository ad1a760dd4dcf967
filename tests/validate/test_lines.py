"""The fast validator's reading of N-Quads text as khabar writes it (khabar/validate/lines.pyx)."""
import pytest

from khabar.validate.lines import triples

GRAPH = (b'<https://x/a> <https://x/p> "va\\"lue with <angle> and spaces"@ar <https://x/g> .\n'
         b'_:b1 <https://x/q> <https://x/o> <https://x/g> .\n'
         b'<https://x/a> <https://x/text> "an article text, never read" <https://x/g> .\n')


def test_only_the_wanted_predicates_are_read():
    wanted = {b"<https://x/p>": "https://x/p", b"<https://x/q>": "https://x/q"}
    assert triples(GRAPH, wanted) == [
        ("https://x/a", "https://x/p", '"va\\"lue with <angle> and spaces"@ar'),
        ("_:b1", "https://x/q", "<https://x/o>"),
    ]


def test_every_line_without_a_choice():
    assert [p for _, p, _ in triples(GRAPH, None)] == ["https://x/p", "https://x/q", "https://x/text"]


@pytest.mark.parametrize("line", [b"<a>\n", b"<a> <b>\n", b"<a> <b> <c>\n"])
def test_a_line_khabar_does_not_write_is_refused(line):
    with pytest.raises(ValueError, match="N-Quads line"):
        triples(line, None)
