"""A repeated article id is a failure that says where the id was first read, for records and for
one-article files, in one process and with workers alike."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from khabar.cli import cli
from khabar.run.reading import FirstReads
from khabar.model import Article

TEXT = "قال الرئيس الفرنسي إن المحادثات مثمرة."


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_repeated_id_is_a_failure_that_names_where_it_was_first_read(tmp_path, jobs):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(json.dumps({"id": i, "content": TEXT}) for i in ("a", "b")), encoding="utf-8")
    second.write_text("\n".join(json.dumps({"id": i, "content": TEXT}) for i in ("c", "b", "a")), encoding="utf-8")
    texts = tmp_path / "texts"
    for folder in ("x", "y"):
        (texts / folder).mkdir(parents=True)
        (texts / folder / "same.txt").write_text(TEXT, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(cli, ["map", str(first), str(second), str(texts), "-o", str(tmp_path / "out.nq"),
                                      "--jobs", jobs, "--errors", str(errors)])
    assert result.exit_code == 1
    assert "7 read = 4 mapped + 3 failed" in result.output
    reasons = [json.loads(line)["reason"] for line in errors.read_text(encoding="utf-8").splitlines()]
    assert reasons == [f"duplicate article id 'b' (first read from {first}#1)",
                       f"duplicate article id 'a' (first read from {first}#0)",
                       f"duplicate article id 'same' (first read from {texts / 'x' / 'same.txt'})"]


def test_ids_are_told_apart_exactly_and_any_text_can_be_one():
    reads = FirstReads()
    ids = [f"http://example.org/{i}" for i in range(5000)] + ["\udcff-undecodable-file-name", "", "خبر"]
    for index, article_id in enumerate(ids):
        assert reads.repeat(Article(article_id, "t", "in.jsonl", index)) is None
    for index, article_id in enumerate(ids):
        assert reads.repeat(Article(article_id, "t", "other.jsonl", 0)) == f"in.jsonl#{index}"
