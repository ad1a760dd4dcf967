"""The README's shell commands, pasted in order by a newcomer, work: every file or folder a command
reads is in the repository, in ../shared (the project's data), or written by an earlier command."""
from __future__ import annotations

import fnmatch
import re
import shlex

import click

from conftest import ROOT
from khabar.cli import cli

BLOCK = re.compile(r"^```(?:sh|bash|shell)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# what each khabar command writes (options), beside its positional arguments, which it reads
WRITES = {"map": ("-o", "--output", "--errors"), "load": ("--store", "--state"), "export": ("--tables",),
          "report": ("-o", "--output")}


def shell_commands(markdown: str) -> list[list[str]]:
    """Each simple command of the ```sh blocks, in order, as its words (comments and `&` dropped)."""
    out = []
    for block in BLOCK.findall(markdown):
        text = block.replace("\\\n", " ")
        for line in text.splitlines():
            words = shlex.split(line, comments=True)
            command: list[str] = []
            for w in words + [";"]:
                if w in (";", "&", "&&", "|", "||"):
                    if command:
                        out.append(command)
                    command = []
                else:
                    command.append(w)
    return out


def _khabar_paths(words: list[str]) -> tuple[list[str], list[str]]:
    """(read, written) paths of `khabar SUBCOMMAND ...`, its options known from the CLI itself."""
    name, args = words[1], words[2:]
    command = cli.commands[name]
    takes_value = {}
    for p in command.params:
        if isinstance(p, click.Option):
            for opt in p.opts + p.secondary_opts:
                takes_value[opt] = not p.is_flag
    reads, writes = [], []
    i = 0
    while i < len(args):
        word = args[i]
        if word.startswith("-") and word != "-":
            opt, _, inline = word.partition("=")
            assert opt in takes_value, f"README: `khabar {name}` has no option {opt}"
            if takes_value[opt]:
                value = inline or args[i + 1]
                i += 0 if inline else 1
                if opt in WRITES.get(name, ()):
                    writes.append(value)
        elif word.startswith("@"):
            reads.append(word[1:])
        else:
            reads.append(word)
        i += 1
    if "--shard-size" in args:  # out/corpus.nq is written as out/corpus-00000.nq, out/corpus-00001.nq, ...
        out = next(w for w in writes if w.endswith(".nq") or "." in w.rsplit("/", 1)[-1])
        stem, ext = out.rsplit(".", 1)
        writes.append(f"{stem}-00000.{ext}")
    return reads, writes


def _oxigraph_paths(words: list[str]) -> tuple[list[str], list[str]]:
    reads, writes = [], []
    for opt, value in zip(words, words[1:]):
        if opt == "--location":
            writes.append(value)
        elif opt == "--file":
            reads.append(value)
    return reads, writes


def test_every_path_a_readme_command_reads_exists_or_was_written_before():
    commands = shell_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert sum(1 for c in commands if c[0] == "khabar") >= 15
    written: list[str] = []
    problems = []
    for words in commands:
        if words[0] == "khabar" and len(words) > 1 and words[1] in cli.commands:
            reads, writes = _khabar_paths(words)
        elif words[0] == "oxigraph":
            reads, writes = _oxigraph_paths(words)
        else:
            continue
        for path in reads:
            if path.startswith(("/", "-", "http")):  # an illustration of one's own data, standard input, a URL
                continue
            if path.startswith("../shared/"):  # the project's data (corpora), beside the checkout
                continue
            if path.startswith("out/"):
                if not any(fnmatch.fnmatch(w, path) or fnmatch.fnmatch(w.rstrip("/"), path.rstrip("/"))
                           for w in written):
                    problems.append(f"`{shlex.join(words)}` reads {path}, which no earlier command writes")
            elif not (ROOT / path).exists():
                problems.append(f"`{shlex.join(words)}` reads {path}, which is not in the repository")
        written += writes
    assert not problems, "\n".join(problems)
