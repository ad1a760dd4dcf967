"""Bad input never stops a run or loses an article: each one is named, the others are mapped, and
read = mapped + failed. The same inputs given to validate and load get a clear message, no traceback."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from khabar.cli import cli
from khabar.model import Article, Failure
from khabar.read import read_inputs

GOOD = "قال الرئيس الروسي فلاديمير بوتين إن الحوار مع فرنسا ضروري."
CASES = {  # file name -> bytes, and whether it should map (True) or fail (False)
    "empty.txt": (b"", False),
    "blank.txt": (b"  \n\t\n", False),
    "binary.txt": (bytes(range(256)) * 8, False),
    "utf16-bom.txt": (GOOD.encode("utf-16"), True),
    "utf16-nobom.txt": (GOOD.encode("utf-16-le"), True),
    "cp1256.txt": (GOOD.encode("cp1256"), True),
    "iso8859-6.txt": ("قال الوزير إن الحوار ضروري".encode("iso-8859-6"), True),
    "utf8-bom.txt": (b"\xef\xbb\xbf" + GOOD.encode(), True),
    "english.txt": (b"The minister said talks were useful.", True),
    "french.txt": ("Le ministre a déclaré que les pourparlers étaient utiles.".encode(), True),
    "html.txt": (("<p>" + GOOD + "</p><script>alert('x')</script>").encode(), True),
    "controls.txt": (("قال\u200b بوتين\u202e إن\u2066 الحوار\x07 ضروري").encode(), True),
    "truncated.json": (json.dumps([{"url": "http://e/1", "content": GOOD}, {"url": "http://e/2", "content": GOOD}])[:-30].encode(), None),
    "lines.jsonl": ((json.dumps({"url": "http://e/3", "content": GOOD}) + "\n{oops\n" +
                     json.dumps({"url": "http://e/4", "content": GOOD, "date_extracted": None}) + "\n").encode(), None),
    "nulls.json": (json.dumps([{"url": "http://e/5", "content": None, "title": None}]).encode(), False),
    "surrogates.json": (b'[{"url": "http://e/6", "title": "\\ud800", "content": "\\u0000 ' + GOOD.encode() + b'"}]', True),
    "bad-url.json": (json.dumps([{"url": "http://e/a\"b>c d\nq", "content": GOOD}]).encode(), True),
    "corrupt.zip": (b"PK\x03\x04 broken", False),
    "picture.png": (b"\x89PNG\r\n", False),
}


@pytest.fixture
def messy(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in CASES.items():
        (folder / name).write_bytes(data)
    return folder


def test_every_article_ends_in_the_graph_or_in_the_error_report(messy, tmp_path):
    out, errors = tmp_path / "out.nq", tmp_path / "errors.jsonl"
    result = CliRunner().invoke(cli, ["map", str(messy), "-o", str(out), "--errors", str(errors)])
    assert result.exit_code == 1, result.output
    failed = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    failed_inputs = {f["input"].rsplit("/", 1)[-1] for f in failed}
    for name, (_, maps) in CASES.items():
        if maps is False:
            assert name in failed_inputs, name
        elif maps is True:
            assert name not in failed_inputs, (name, failed)
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.N_QUADS)
    mapped = len(list(store.query("SELECT ?a WHERE { GRAPH ?g { ?a a <https://w3id.org/khabar/ontology#Article> } }")))
    line = [l for l in result.output.splitlines() if " read = " in l][-1]
    read, rest = line.split(" read = ")
    assert int(read) == mapped + len(failed)
    assert f"{mapped} mapped + {len(failed)} failed" in line
    assert all(f["reason"] for f in failed)
    assert "Traceback" not in result.output


def test_non_arabic_text_maps_with_nothing_extracted(tmp_path):
    [article] = list(read_inputs([_write(tmp_path / "en.txt", b"The minister met his counterpart.")]))
    from khabar.extract import extract

    x = extract(article)
    assert not x.events and not x.statements


def test_a_huge_article_and_many_records(tmp_path):
    big = (GOOD + "\n") * 1000 + "".join(f"قال الوزير رقم {i} إن اللقاء مثمر.\n" for i in range(20000))
    path = _write(tmp_path / "big.txt", big.encode())
    assert path.stat().st_size > 1_000_000
    records = [{"url": f"http://e/{i}", "content": GOOD} for i in range(3000)]
    many = _write(tmp_path / "many.jsonl", "\n".join(json.dumps(r) for r in records).encode())
    result = CliRunner().invoke(cli, ["map", str(path), str(many), "-o", str(tmp_path / "o.nq"), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "3001 read = 3001 mapped + 0 failed" in result.output


@pytest.mark.parametrize("name", ["empty.nq", "binary.nq", "broken.ttl", "missing.nq", "data.unknown"])
def test_validate_and_load_name_the_bad_file(tmp_path, name):
    path = tmp_path / name
    if name != "missing.nq":
        path.write_bytes({"empty.nq": b"", "binary.nq": bytes(range(256)), "broken.ttl": b"<a> <b> ",
                          "data.unknown": b"<a> <b> <c> ."}[name])
    for args in (["validate", str(path)], ["load", str(path), "--store", str(tmp_path / "store")]):
        result = CliRunner().invoke(cli, args)
        if name == "empty.nq" and args[0] == "validate":
            assert result.exit_code == 0  # an empty graph conforms
            continue
        if name == "empty.nq":
            assert result.exit_code == 0
            continue
        assert result.exit_code == 2, (args, result.output)
        assert name in result.output and "Traceback" not in result.output


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.binary(max_size=400))
def test_readers_never_crash_on_any_bytes(tmp_path, data):
    for name in ("a.txt", "b.json", "c.jsonl"):
        path = tmp_path / name
        path.write_bytes(data)
        for item in read_inputs([path]):
            assert isinstance(item, (Article, Failure))
            if isinstance(item, Failure):
                assert item.reason and item.input_name == str(path)


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=1, max_size=300), url=st.text(max_size=40))
def test_serialisers_always_parse_back_to_the_same_quads(text, url):
    from khabar.read.decode import clean_text
    from khabar.run import RunSettings, map_stream

    article = Article("x", clean_text(text), "x.txt", url=clean_text(url) or None)
    [mapped] = map_stream(article, RunSettings(engine=None))
    quads = mapped.quads
    for fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD):
        back = set(ox.parse(ox.serialize(quads, format=fmt), format=fmt))
        assert back == set(quads), fmt
