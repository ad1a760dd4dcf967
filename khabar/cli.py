"""The khabar command line: a thin layer over the library."""
from __future__ import annotations

import functools
import json
import signal
import sys
from pathlib import Path

import click

from khabar import __version__
from khabar.errors import KhabarError
from khabar.formats import FORMATS, atomic_output, format_for, write_chunks
from khabar.graph.results import RESULT_FORMATS
from khabar.model import Failure
from khabar.rdf import DEFAULT_BASE, IriScheme
from khabar.read.limits import MAX_ARTICLE_CHARS, MAX_INPUT_BYTES, ReadLimits
from khabar.run.settings import NONCONFORMING, TEXTS
from khabar.validate import ENGINES, validator

FORMAT_HELP = ", ".join(f"{f.name} (.{f.extensions[0]})" for f in FORMATS.values())

# One SHACL engine by default for `map` and `validate`: the fast one (compiled from the shapes, the
# same verdicts as pyshacl, about 20x quicker); pyshacl, the reference, by `--engine pyshacl`.
engine_option = click.option(
    "--engine", "engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
    help="SHACL engine: fast (compiled from the shapes, same verdicts as pyshacl) or pyshacl (the reference, "
         "about 20x slower).")


def http_options(retries: int, timeout_help: str, retries_help: str, auth_help: str | None = None,
                 backoff: bool = False):
    """The options of a command that talks to a triplestore over HTTP (--user, --password, --auth,
    --timeout, --retries and, with `backoff`, --backoff), handed to it as one HttpSettings `http`."""
    options = [
        click.option("--user", help="User name for the endpoint."),
        click.option("--password", envvar="KHABAR_PASSWORD", help="Password (or set KHABAR_PASSWORD)."),
        click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True,
                     help=auth_help),
        click.option("--timeout", type=click.FloatRange(min=0.001), default=60.0, show_default=True, help=timeout_help),
        click.option("--retries", type=click.IntRange(min=0), default=retries, show_default=True, help=retries_help),
    ]
    if backoff:
        options.append(click.option("--backoff", type=click.FloatRange(min=0), default=0.5, show_default=True,
                                    help="Seconds before the first retry."))

    def decorate(command):
        @functools.wraps(command)
        def with_http(*args, user, password, auth, timeout, retries, **kwargs):
            from khabar.stores.endpoint import HttpSettings

            extra = {"backoff": kwargs.pop("backoff")} if backoff else {}
            return command(*args, http=HttpSettings(user, password, auth, timeout, retries, **extra), **kwargs)

        for option in reversed(options):
            with_http = option(with_http)
        return with_http
    return decorate


def _fail(message: str, code: int = 2):
    click.echo(f"khabar: {message}", err=True)
    sys.exit(code)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KhabarError as exc:
            _fail(str(exc), exc.exit_code)


def _exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit so that partial output files are removed on the way out."""
    import signal

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    try:
        signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (e.g. inside a test runner's worker)
        pass


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="khabar")
def cli():
    """khabar: Arabic diplomacy news -> a validated RDF knowledge graph.

    \b
    Example:
      khabar map seeds/ -o out/seeds.nq
      khabar load out/seeds.nq --store out/store
      khabar query out/store @queries/who-said-what.rq
    """
    _exit_on_sigterm()


@cli.command("map")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (standard output when absent).")
@click.option("--format", "fmt", help=f"Output format: {FORMAT_HELP}. Default: from the file extension, "
              "else nquads. Turtle, N-Triples and RDF/XML merge all graphs into one.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI for minted resources.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@engine_option
@click.option("--nonconforming", type=click.Choice(NONCONFORMING), default=NONCONFORMING[0], show_default=True,
              help="What an article whose graph does not conform to the shapes becomes: keep (written, each "
              "violation reported) or drop (left out, reported as a failure); either way the exit status is 1.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; the output is the same bytes whatever the number.")
@click.option("--scheduler", help="Run on a Dask cluster: a scheduler address (tcp://host:8786), or local:N "
              "for N worker processes here. The output is the same bytes as with --jobs.")
@click.option("--shard-size", type=click.IntRange(min=1), help="Write shards of this many articles "
              "(out-00000.nq, out-00001.nq, ...; the entities graph in the last one) for bulk loaders.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False),
              help="Write the articles that failed, as JSON Lines (input, record, reason).")
@click.option("--strict", is_flag=True, help="Stop at the first failed article.")
@click.option("--max-article-chars", type=click.IntRange(min=1), default=MAX_ARTICLE_CHARS, show_default=True,
              help="An article longer than this many characters fails (named in the errors) without being mapped.")
@click.option("--max-input-bytes", type=click.IntRange(min=1), default=MAX_INPUT_BYTES, show_default=True,
              help="The most bytes held at once for one file, zip member (inflated), JSON line or standard "
              "input; a bigger one fails unread (JSON Lines files are read line by line).")
@click.option("--article-timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds to map one article; past them it fails and the run goes on.")
@click.option("--timestamp", is_flag=True, help="Record when each article was mapped (prov:generatedAtTime); "
              "without it the same input always gives the same bytes.")
@click.option("--text", "text", type=click.Choice(TEXTS), default=TEXTS[0], show_default=True,
              help="Whether each article's graph holds its text (dip:articleText). none: for publishing "
              "others' news; offsets still count into the source's text, checked by dip:contentHash.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors (no progress, no summary).")
def map_command(inputs, output, fmt, base, no_validate, engine, nonconforming, jobs, scheduler, shard_size, errors_path, strict,
                max_article_chars, max_input_bytes, article_timeout, timestamp, text, quiet):
    """Map articles to RDF: text files (.txt, with an optional NAME.json sidecar), JSON arrays,
    JSON Lines, .zip archives of those, folders (recursive) or - for standard input.

    Each article becomes one named graph; entity descriptions go into one entities graph.
    Validates against the SHACL shapes by default (an article that does not conform is kept and
    reported, or left out with --nonconforming drop); exit status 1 when any article failed or
    does not conform, 3 when the output could not be written (the file it replaces is left as it
    was). Nothing is written when no article was mapped.

    \b
    Example:
      khabar map seeds/ -o out/seeds.trig
      khabar map corpus.zip -o out/public.nq --text none
      khabar map ../shared/corpora/saudinewsnet/ -o out/corpus.nq --jobs 4 --shard-size 5000 --errors out/errors.jsonl
      khabar map corpus/ -o out/corpus.nq --scheduler tcp://scheduler:8786 --shard-size 100000
    """
    from khabar.run.progress import Progress
    from khabar.run import MappedArticle, RunSettings, make_executor, map_stream

    out_format = format_for(fmt, output)
    generated_at = None
    if timestamp:
        import datetime as dt

        generated_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    settings = RunSettings(base=base, engine=None if no_validate else engine, nonconforming=nonconforming, text=text,
                           generated_at=generated_at, limits=ReadLimits(max_input_bytes, max_article_chars),
                           article_timeout=article_timeout)
    executor = (make_executor("dask", scheduler=scheduler) if scheduler
                else make_executor("processes", jobs=jobs) if jobs > 1 else make_executor("serial", freeze=True))
    run = map_stream(inputs, settings, executor)
    failures: list[Failure] = []
    progress = Progress(not quiet)

    def chunks():
        for item in run:
            progress.update(failed=isinstance(item, Failure))
            if isinstance(item, Failure):
                failures.append(item)
                click.echo(f"\nkhabar: {item}" if progress.enabled else f"khabar: {item}", err=True)
                if strict:
                    raise KhabarError(f"stopped at the first failure (--strict): {item}")
                continue
            assert isinstance(item, MappedArticle)
            for v in item.violations[:20]:
                click.echo(f"khabar: {item.input_name}: does not conform: {v}", err=True)
            yield item.nquads

    def entities() -> bytes:
        return run.entity_nquads()

    try:
        written = write_chunks(chunks(), output, out_format, tail=entities, shard_size=shard_size)
    finally:
        run.close()  # stops the workers and the reader, and removes their files, now (Ctrl-C included)
        progress.close()
    if errors_path:
        with atomic_output(errors_path) as handle:
            for f in failures:
                handle.write((json.dumps({"input": f.input_name, "record": f.record_index, "reason": f.reason},
                                         ensure_ascii=False) + "\n").encode("utf-8"))
    if output and output != "-" and not written:
        click.echo(f"khabar: no article was mapped: {output} not written", err=True)
    if not quiet:
        click.echo(run.counts.line() + (f" -> {output}" if written else ""), err=True)
    if run.counts.failed or run.counts.nonconforming:
        sys.exit(1)


@cli.command("validate")
@click.argument("graphs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False), help="SHACL shapes (default: khabar's).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@engine_option
def validate_command(graphs, shapes, fmt, engine):
    """Validate graph files against the SHACL shapes; exit 0 when they conform, 1 when not.

    \b
    Example:
      khabar validate out/seeds.nq
      khabar validate out/seeds.trig --format json
      khabar validate out/seeds.nq --engine pyshacl
    """
    from khabar.stores import read_quads

    quads = [q for path in graphs for q in read_quads(path)]
    violations = validator(engine, shapes)(quads)
    if fmt == "json":
        click.echo(json.dumps({"conforms": not violations, "violations": [
            {"focus": v.focus, "path": v.path, "message": v.message, "value": v.value, "severity": v.severity}
            for v in violations]}, ensure_ascii=False, indent=1))
    elif violations:
        click.echo(f"{len(violations)} violation(s):")
        for v in violations:
            click.echo(f"- {v}")
    else:
        click.echo(f"conforms ({len(quads)} quads checked)")
    sys.exit(1 if violations else 0)


@cli.command("query")
@click.argument("args", nargs=-1, metavar="[SOURCE] QUERY")
@click.option("--format", "fmt", type=click.Choice(list(RESULT_FORMATS)), default="table", show_default=True,
              help="How the answer is written: a table, or SPARQL results in JSON, XML, CSV or TSV (a CONSTRUCT's "
              "triples: Turtle, JSON-LD, RDF/XML or N-Triples).")
@click.option("--endpoint", metavar="URL", help="Query a triplestore instead of SOURCE: its root URL "
              "(Oxigraph: /query; Virtuoso: /sparql).")
@click.option("--server", type=click.Choice(["auto", "oxigraph", "virtuoso"]), default="auto", show_default=True,
              help="Which store --endpoint is (auto: ask it).")
@click.option("--query-url", metavar="URL", help="The SPARQL query URL of any store (instead of --endpoint).")
@http_options(retries=2, timeout_help="Seconds to wait for the endpoint's answer.",
              retries_help="Tries again after a 5xx answer or a connection error, waiting 0.5 s, 1 s, 2 s, ...")
def query_command(args, fmt, endpoint, server, query_url, http):
    """Run a SPARQL query (SELECT, ASK or CONSTRUCT) on a graph file, a store folder or, with
    --endpoint, a triplestore (through SPARQLWrapper; the same output formats).

    QUERY is the query text, or @FILE to read it from a file. Plain triple patterns see all
    article graphs together (on Oxigraph through union-default-graph; on Virtuoso the default
    graph is the union of all its graphs, its system graphs included); GRAPH ?g { ... } asks per article.

    \b
    Example:
      khabar query out/store @queries/who-met-whom.rq
      khabar query out/seeds.nq 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv
      khabar query --endpoint http://127.0.0.1:7878 @queries/who-said-what.rq --format json
    """
    from khabar.graph.results import render

    remote = bool(endpoint or query_url)
    if len(args) != (1 if remote else 2):
        raise click.UsageError("give QUERY with --endpoint/--query-url" if remote else "give SOURCE and QUERY")
    text = _query_text(args[-1])
    if remote:
        from khabar.graph.remote import remote_answer
        from khabar.stores.endpoint import Http, resolve

        client = Http(http, urls=[endpoint or query_url])
        target = resolve(endpoint, server, client, query_url=query_url)
        if not target.query_url:
            raise KhabarError("no query URL: give --query-url")
        result = remote_answer(target.query_url, text, client, union_default_graph=target.server == "oxigraph")
    else:
        from khabar.graph import answer
        from khabar.stores import open_source

        result = answer(open_source(args[0]), text)
    click.echo(render(result, fmt), nl=False)


def _query_text(query: str) -> str:
    if query.startswith("@"):
        path = Path(query[1:])
        if not path.exists():
            raise KhabarError(f"no such query file: {path}")
        return path.read_text(encoding="utf-8")
    return query


@cli.command("load")
@click.argument("graphs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--store", "store_dir", type=click.Path(file_okay=False),
              help="An embedded store folder (pyoxigraph; created when missing).")
@click.option("--endpoint", metavar="URL", help="A triplestore's root URL instead: Oxigraph (/store, /update) "
              "or Virtuoso (/sparql-graph-crud-auth, /sparql-auth).")
@click.option("--server", type=click.Choice(["auto", "oxigraph", "virtuoso"]), default="auto", show_default=True,
              help="Which store --endpoint is (auto: ask it).")
@click.option("--gsp-url", metavar="URL", help="Graph Store Protocol URL of any store (instead of --endpoint).")
@click.option("--update-url", metavar="URL", help="SPARQL Update URL of any store (instead of --endpoint).")
@click.option("--protocol", type=click.Choice(["auto", "gsp", "update"]), default="auto", show_default=True,
              help="gsp: PUT each graph; update: DROP SILENT GRAPH + INSERT DATA; auto: gsp, else update.")
@http_options(retries=3, timeout_help="Seconds to wait for each answer.",
              retries_help="Tries again after a 5xx answer or a connection error, waiting --backoff, then twice as "
              "long ...", auth_help="HTTP authentication (Virtuoso: digest).", backoff=True)
@click.option("--state", "state_path", type=click.Path(dir_okay=False),
              help="Record each graph loaded (JSON Lines: graph, content hash); a rerun skips those with the "
              "same content, so a failed load resumes.")
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Triples per INSERT DATA (SPARQL Update).")
def load_command(graphs, store_dir, endpoint, server, gsp_url, update_url, protocol, http, state_path, batch_size):
    """Load graph files into a persistent embedded store (pyoxigraph) or, with --endpoint, into a
    triplestore over HTTP. Each article graph is replaced (the entities graph is added to), so
    loading the same files again gives the same store.

    With --store, all or nothing: the files go into a copy of the store that replaces it only once
    every file has loaded, so a bad file or a killed load leaves the store as it was. A second load
    into the same store while one runs stops with a message.

    With --endpoint, a failed load names the graph that failed and lists the graphs loaded and not
    loaded; with --state FILE, running the same command again loads only the rest.

    \b
    Example:
      khabar load out/seeds.nq --store out/store
      khabar load out/seeds.nq --endpoint http://127.0.0.1:7878 --state out/load.jsonl
      khabar load out/corpus-*.nq --endpoint http://127.0.0.1:8890 --server virtuoso --auth digest --user dba --password dba
    """
    remote = bool(endpoint or gsp_url or update_url)
    if bool(store_dir) == remote:
        raise click.UsageError("give either --store DIR or --endpoint URL (or --gsp-url/--update-url)")
    keep = [IriScheme().entities_graph]
    if store_dir:
        from khabar.stores import load_files

        if state_path:
            raise click.UsageError("--state is for loading into an --endpoint")
        for r in load_files(graphs, store_dir, keep_graphs=keep):
            counts = [f"{n} {what}" for n, what in ((r.graphs, "graphs"), (r.quads, "quads")) if n is not None]
            click.echo(f"loaded {r.path}" + (f": {', '.join(counts)}" if counts else ""), err=True)
        return
    from khabar.stores.endpoint import Http, load_graphs, resolve

    client = Http(http, urls=[endpoint, gsp_url, update_url])
    target = resolve(endpoint, server, client, gsp_url=gsp_url, update_url=update_url,
                     authenticated=http.user is not None)
    summary = load_graphs(graphs, target, client, protocol, state_path, add_only=keep, batch_size=batch_size)
    click.echo(f"khabar: {summary.line()}", err=True)


@cli.command("stats")
@click.argument("source")
def stats_command(source):
    """Count articles, events by type, statements and speakers in a graph file or store.

    \b
    Example:
      khabar stats out/store
    """
    from khabar.graph import answer
    from khabar.graph.results import render
    from khabar.resources import queries_path
    from khabar.stores import open_source

    store = open_source(source)
    click.echo(render(answer(store, queries_path("stats.rq").read_text(encoding="utf-8")), "table"), nl=False)


@cli.command("export")
@click.argument("graph")
@click.option("--tables", "tables_dir", required=True, type=click.Path(file_okay=False),
              help="Write the events, statements, entities, mentions and articles tables into this folder.")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True,
              help="Table format (parquet needs pyarrow: pip install 'khabar[tables]').")
@click.option("--excel", is_flag=True, help="CSV with a UTF-8 byte order mark, so that Excel shows the Arabic.")
def export_command(graph, tables_dir, fmt, excel):
    """Export a graph file or store as flat tables for spreadsheets and data frames:
    events, statements, entities, mentions and articles (columns in docs/tables.md; several values
    in one cell are joined with " | ").

    \b
    Example:
      khabar export out/seeds.trig --tables out/tables
      khabar export out/store --tables out/tables --excel
      khabar export out/store --tables out/parquet --format parquet
    """
    from khabar.graph import KnowledgeGraph
    from khabar.graph.tables import write_tables

    for path in write_tables(KnowledgeGraph.open(graph), tables_dir, fmt, excel):
        click.echo(f"wrote {path}", err=True)


@cli.command("report")
@click.argument("graph")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="The report folder (created; an earlier khabar report there is replaced).")
@click.option("--max-nodes", type=click.IntRange(min=2), default=30, show_default=True,
              help="Most entities drawn in the network picture (the busiest; the others are listed under it).")
def report_command(graph, output, max_nodes):
    """Write a static HTML report of a graph file or store: counts, a timeline of events, a
    network of who met whom, a page per entity (what each speaker said) and per article (its
    text with what was found). Opens offline from the folder; Arabic, right to left.

    \b
    Example:
      khabar report out/seeds.trig -o out/report
      xdg-open out/report/index.html
    """
    from khabar.graph import KnowledgeGraph
    from khabar.report import build_report

    click.echo(build_report(KnowledgeGraph.open(graph), output, max_nodes=max_nodes).line(), err=True)


@cli.command("explain")
@click.argument("article", type=click.Path(exists=True, dir_okay=False))
@click.option("--record", type=int, default=None, help="Which record of a JSON file (default: all).")
def explain_command(article, record):
    """Show, sentence by sentence, what was found in an article and by which rule.

    \b
    Example:
      khabar explain seeds/000_8083c612faa065c9.txt
    """
    from khabar.report.explain import explain
    from khabar.read import read_inputs

    for item in read_inputs([article]):
        if isinstance(item, Failure):
            click.echo(f"khabar: {item}", err=True)
            continue
        if record is not None and item.record_index != record:
            continue
        click.echo(explain(item))


@cli.command("serve")
@click.argument("source")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free port).")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of the data: {base}PATH is served at /id/PATH.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a SPARQL query may run before it is stopped.")
@click.option("--limit", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Most rows (or triples) a query returns; the rest is cut off.")
@click.option("--workers", type=click.IntRange(min=1), default=3, show_default=True,
              help="Query worker processes: the SPARQL queries that run at once.")
@click.option("--query-memory", type=click.IntRange(min=16), default=512, show_default=True, metavar="MB",
              help="Memory one query may take (its worker's address space); past it the query stops with 507.")
@click.option("--max-answer", type=click.IntRange(min=1), default=64, show_default=True, metavar="MB",
              help="Largest SPARQL answer sent; a larger one stops with 507.")
@click.option("--client-queries", type=click.IntRange(min=1), default=1, show_default=True,
              help="Queries one client address may run at once (as many more may wait); beyond: 429.")
@click.option("--queue", type=click.IntRange(min=0), default=32, show_default=True,
              help="Queries that may wait for a free worker, all clients together; beyond: 503.")
@click.option("--public-url", help="This server's address as others reach it, written in the VoID description "
                                   "(default: http://HOST:PORT).")
@click.option("--report", "report_dir", type=click.Path(exists=True, file_okay=False),
              help="Also serve a static report (made by khabar report) at /report/.")
@click.option("--license", "licence", metavar="IRI", help="The data's licence, stated in VoID/DCAT (dct:license) "
              "and on every page; none by default. A warning is printed when the data holds article texts and "
              "no licence is given.")
def serve_command(source, host, port, base, timeout, limit, workers, query_memory, max_answer, client_queries, queue,
                  public_url, report_dir, licence):
    """Serve a store folder or graph file as Linked Data, read-only: a SPARQL endpoint at /sparql,
    every IRI under the base at /id/... (Turtle, N-Triples, JSON-LD or Arabic HTML by Accept),
    a query page at /query, VoID at /.well-known/void, a dump at /dump.nq, the ontology at /ontology,
    and with --report DIR the pictures made by `khabar report` at /report/.

    \b
    Example:
      khabar serve out/store --report out/report
      khabar serve out/public.nq --license https://creativecommons.org/licenses/by/4.0/
      curl -H 'Accept: text/turtle' -L http://127.0.0.1:8000/id/entity/Q7747
    """
    from khabar.serve import Server, ServeConfig

    try:  # the base, the licence and the public URL are checked
        config = ServeConfig(source, host=host, port=port, base=base, timeout=timeout, limit=limit, workers=workers,
                             query_memory=query_memory, max_answer=max_answer << 20, client_queries=client_queries,
                             queue=queue, public_url=public_url, report=report_dir, licence=licence)
    except ValueError as exc:
        raise KhabarError(str(exc)) from None
    try:
        server = Server(config)
    except OSError as exc:
        raise KhabarError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    signal.signal(signal.SIGTERM, _stop_serving)  # SIGTERM ends it as Ctrl-C does: workers and their files go
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("khabar: stopped", err=True)
    finally:
        server.server_close()


def _stop_serving(signum, frame):
    raise KeyboardInterrupt


def main():  # pragma: no cover
    cli()


if __name__ == "__main__":  # pragma: no cover
    cli()
