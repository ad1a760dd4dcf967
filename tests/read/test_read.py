import io
import json
import zipfile

from conftest import write_json

from khabar.model import Article, Failure
from khabar.read import read_inputs

RECORD = {"source": "aawsat", "url": "http://example.com/a/1", "date_extracted": "2015-07-21 02:51:32",
          "title": "عنوان الخبر", "author": "", "content": "التقى الرئيس بنظيره."}


def only_articles(items):
    return [i for i in items if isinstance(i, Article)]


def test_text_file_with_sidecar(tmp_path):
    (tmp_path / "a1.txt").write_text("نص الخبر", encoding="utf-8")
    write_json(tmp_path / "a1.json", {"url": "http://x.org/1", "published": "2020-01-02", "title": "t"})
    [article] = list(read_inputs([tmp_path]))
    assert article.article_id == "a1"
    assert article.text == "نص الخبر"
    assert article.url == "http://x.org/1" and article.published == "2020-01-02"


def test_json_array_record_fields(tmp_path):
    [article] = list(read_inputs([write_json(tmp_path / "day.json", [RECORD])]))
    assert article.article_id == RECORD["url"]
    assert article.text == "عنوان الخبر\nالتقى الرئيس بنظيره."
    assert article.published == "2015-07-21T02:51:32"
    assert article.record_index == 0


def test_record_id_wins_and_no_title_means_content_only(tmp_path):
    rec = dict(RECORD, id="r-1", title="")
    [article] = list(read_inputs([write_json(tmp_path / "r.json", [rec])]))
    assert article.article_id == "r-1"
    assert article.text == RECORD["content"]


def test_json_lines_with_a_bad_line(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n{broken\n" +
                    json.dumps(dict(RECORD, url="http://example.com/a/2")) + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert len(only_articles(items)) == 2
    [failure] = [i for i in items if isinstance(i, Failure)]
    assert "line 2" in failure.reason and failure.input_name == str(path)


def test_truncated_json_array_keeps_good_records(tmp_path):
    good = json.dumps([RECORD, dict(RECORD, url="http://example.com/a/2")], ensure_ascii=False)
    path = tmp_path / "cut.json"
    path.write_text(good[:-40], encoding="utf-8")
    items = list(read_inputs([path]))
    assert len(only_articles(items)) == 1
    assert isinstance(items[-1], Failure) and "malformed JSON" in items[-1].reason


def test_zip_of_json(tmp_path):
    path = tmp_path / "2015-07-21.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("2015-07-21.json", json.dumps([RECORD], ensure_ascii=False))
    [article] = list(read_inputs([path]))
    assert article.input_name.endswith("2015-07-21.zip:2015-07-21.json")


def test_corrupt_zip_is_a_failure(tmp_path):
    path = tmp_path / "bad.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    [failure] = list(read_inputs([path]))
    assert isinstance(failure, Failure) and "zip" in failure.reason


def test_folder_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("اثنان", encoding="utf-8")
    (tmp_path / "1.txt").write_text("واحد", encoding="utf-8")
    ids = [a.article_id for a in read_inputs([tmp_path])]
    assert ids == ["1", "2"]


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("خبر من المدخل".encode())))
    [article] = list(read_inputs(["-"]))
    assert article.text == "خبر من المدخل"


def test_empty_binary_missing_and_unknown_files(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    items = list(read_inputs([tmp_path, tmp_path / "missing.txt"]))
    reasons = {i.input_name.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Failure)}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["bin.txt"]
    assert "not an article file" in reasons["pic.png"]
    assert "no such file" in reasons["missing.txt"]


def test_encodings(tmp_path):
    text = "قال الوزير"
    for name, data in {"bom.txt": b"\xef\xbb\xbf" + text.encode(), "u16.txt": text.encode("utf-16"),
                       "u16le.txt": text.encode("utf-16-le"), "cp1256.txt": text.encode("cp1256")}.items():
        (tmp_path / name).write_bytes(data)
    texts = {a.input_name.rsplit("/", 1)[-1]: a.text for a in read_inputs([tmp_path])}
    assert set(texts.values()) == {text}, texts


def test_record_without_content_is_a_failure(tmp_path):
    items = list(read_inputs([write_json(tmp_path / "x.json", [{"url": "u", "content": None, "title": None}])]))
    assert isinstance(items[0], Failure) and "no content" in items[0].reason


def test_big_json_lines_are_streamed_with_bad_lines_named(tmp_path, monkeypatch):
    from khabar.read import sources

    monkeypatch.setattr(sources, "STREAM_BYTES", 10)
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(RECORD).encode() + b"\n\xff\xfe broken\n" +
                     json.dumps(dict(RECORD, url="http://example.com/a/3")).encode() + b"\n")
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    assert "line 2 is not UTF-8" in items[1].reason
