"""Render the report's pages with Jinja2 (autoescaped) into a folder."""
from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from khabar.graph import EntityRow, KnowledgeGraph
from khabar.errors import KhabarError
from khabar.html.kit import STYLESHEET, render
from khabar.html.labels import Labels, ontology_labels
from khabar.html.text import Span, highlight, quote
from khabar.report import dates
from khabar.report.data import EVENT_TYPES, ReportData, gather, heading, page_name
from khabar.report.svg import Edge, Node, bar_chart, network

SCRIPT = Path(__file__).resolve().parent / "static" / "report.js"
NAV = [("index.html", "الملخص", "index"), ("timeline.html", "الخط الزمني", "timeline"), ("network.html", "الشبكة", "network"),
       ("speakers.html", "المتحدثون", "speakers"), ("articles.html", "المقالات", "articles"),
       ("entities.html", "الكيانات", "entities")]
_MARKER = 'name="generator" content="khabar'
_PLACE_TYPES = {"City", "Region", "Facility"}


@dataclass
class ReportSummary:
    folder: Path
    counts: dict[str, int] = field(default_factory=dict)
    pages: int = 0

    def line(self) -> str:
        c = self.counts
        return (f"report: {self.pages} pages ({c.get('articles', 0)} articles, {c.get('events', 0)} events, "
                f"{c.get('statements', 0)} statements, {c.get('speakers', 0)} speakers) -> {self.folder / 'index.html'}")


def _context(data: ReportData, labels: Labels, licence: str | None) -> dict:
    """What every page of the report is rendered with (beside its own values)."""
    return dict(
        page_name=page_name, label=data.label, label_of=labels.concept, entities=data.entities, articles=data.articles,
        data=data, date_label=dates.date_label, range_label=dates.range_label, kind_label=labels.statement_kind,
        class_label=labels.cls, type_label=lambda t: labels.cls(t, "كيان"), quote_html=quote, heading=heading,
        web_url=lambda url: bool(url) and url.lower().startswith(("http://", "https://")), licence=licence,
        footer_links=[], alternates={})


def _layout(root: str) -> dict:
    """The shared layout's links for a page `root` (relative: '' or '../') below the report's folder."""
    return dict(root=root, home=root + "index.html", stylesheet=root + "assets/khabar.css",
                scripts=[root + "assets/report.js"], nav=[(root + href, name, key) for href, name, key in NAV])


def _prepare(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise KhabarError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        index = folder / "index.html"
        if not index.is_file() or _MARKER not in index.read_text(encoding="utf-8", errors="replace")[:2000]:
            raise KhabarError(f"{folder} is not empty and holds no khabar report; give a new or empty folder")
        for sub in ("entities", "articles", "assets"):
            shutil.rmtree(folder / sub, ignore_errors=True)
    for sub in ("entities", "articles", "assets"):
        (folder / sub).mkdir(parents=True, exist_ok=True)


def time_buckets(days: list[str]) -> list[tuple[str, int]]:
    """Counts per day, month or year (the finest that every date allows and that keeps the chart
    short), with the empty periods in between."""
    if not days:
        return []
    if all(len(d) >= 10 for d in days):
        first, last = dt.date.fromisoformat(min(days)[:10]), dt.date.fromisoformat(max(days)[:10])
        if (last - first).days <= 62:
            counts = Counter(d[:10] for d in days)
            span = [(first + dt.timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
            return [(d, counts[d]) for d in span]
    if all(len(d) >= 7 for d in days):
        months = sorted({d[:7] for d in days})
        y0, m0 = map(int, months[0].split("-"))
        y1, m1 = map(int, months[-1].split("-"))
        if (y1 - y0) * 12 + m1 - m0 <= 48:
            counts = Counter(d[:7] for d in days)
            span = [f"{y0 + (m0 - 1 + i) // 12:04d}-{(m0 - 1 + i) % 12 + 1:02d}" for i in range((y1 - y0) * 12 + m1 - m0 + 1)]
            return [(m, counts[m]) for m in span]
    counts = Counter(d[:4] for d in days)
    y0, y1 = int(min(counts)), int(max(counts))
    return [(f"{y:04d}", counts[f"{y:04d}"]) for y in range(y0, y1 + 1)] if y1 - y0 <= 60 else sorted(counts.items())


def _network(data: ReportData, max_nodes: int) -> tuple:
    pairs = data.pairs()
    degree: Counter = Counter()
    for a, b, w in pairs:
        degree[a] += w
        degree[b] += w
    spoken = Counter(s.speaker for s in data.statements)
    ranked = sorted(degree, key=lambda k: (-degree[k], -spoken[k], data.label(k), k))
    keep = set(ranked[:max_nodes])
    nodes = []
    for key in keep:
        entity = data.entities.get(key)
        kind = entity.type if entity else None
        css = "Place" if kind in _PLACE_TYPES else (kind or "")
        nodes.append(Node(key, data.label(key), f"entities/{page_name(key)}.html", spoken[key], css,
                          f"{data.label(key)}: {spoken[key]} تصريحاً، {degree[key]} مشاركة في أحداث مشتركة"))
    edges = [Edge(a, b, w, f"{data.label(a)} و{data.label(b)}: {w} حدثاً") for a, b, w in pairs if a in keep and b in keep]
    others = [(k, degree[k]) for k in ranked[max_nodes:]]
    return nodes, edges, pairs, len(ranked), others


def _article_text(data: ReportData, iri: str, labels: Labels):
    article = data.articles[iri]
    statements = {s.iri: s for s in data.statements if s.article == iri}
    events = {e.iri: e for e in data.events}
    spans = []
    for sp in data.spans.get(iri, []):
        if sp.kind == "entity":
            entity = data.entities.get(sp.target)
            kind = entity.type if entity else None
            spans.append(Span(sp.begin, sp.end, f"ent ent-{kind}" if kind else "ent",
                              f"{labels.cls(kind, 'كيان')}: {data.label(sp.target)}",
                              f"../entities/{page_name(sp.target)}.html", rank=2))
        elif sp.kind == "event":
            event = events.get(sp.target)
            spans.append(Span(sp.begin, sp.end, "hl-event", f"{labels.cls('Event')}: {labels.concept(event.type) if event else ''}", rank=1))
        elif sp.target in statements:
            s = statements[sp.target]
            spans.append(Span(sp.begin, sp.end, f"st st-{s.kind}", f"{labels.statement_kind(s.kind)} — {data.label(s.speaker)}",
                              rank=0, element="mark"))
    return highlight(article.text, spans), list(statements.values())


def build_report(kg: KnowledgeGraph, folder: str | Path, max_nodes: int = 30, max_pairs: int = 100,
                 max_others: int = 300, labels: Labels | None = None, licence: str | None = None) -> ReportSummary:
    """Write the report into `folder` (created; an earlier khabar report there is replaced).
    `max_nodes` caps the network picture (the busiest parties; the rest are listed under it, up to
    `max_others`); every pair is still listed up to `max_pairs`. Class and concept names come from
    `labels` (khabar's ontology by default); the footer states `licence` (an IRI) or that none is stated."""
    folder = Path(folder)
    _prepare(folder)
    data = gather(kg)
    labels = labels or ontology_labels()
    context = _context(data, labels, licence)
    summary = ReportSummary(folder)

    def write(name: str, template: str, root: str = "", **values) -> None:
        html = render("report/" + template, **{**context, **_layout(root), **values})
        (folder / name).write_text(html, encoding="utf-8")
        summary.pages += 1

    shutil.copyfile(STYLESHEET, folder / "assets" / STYLESHEET.name)
    shutil.copyfile(SCRIPT, folder / "assets" / SCRIPT.name)

    # make sure every entity that is linked to has a description (even a bare one) and a page
    for e in data.events:
        for iri in e.participants + e.places:
            data.entities.setdefault(iri, EntityRow(iri, None, None))
    for s in data.statements:
        for iri in (s.speaker, s.source):
            if iri:
                data.entities.setdefault(iri, EntityRow(iri, None, None))

    speakers = data.speakers
    pairs_all = data.pairs()
    direct = sum(1 for s in data.statements if s.kind == "direct")
    counts = {"articles": len(data.articles), "events": len(data.events), "statements": len(data.statements),
              "speakers": len(speakers), "entities": len(data.entities), "mentions": sum(data.mention_counts.values()),
              "direct": direct, "reported": len(data.statements) - direct}
    summary.counts = counts
    type_counts = Counter(e.type for e in data.events)
    events_by_type = sorted(type_counts.items(), key=lambda kv: (-kv[1], EVENT_TYPES.index(kv[0]) if kv[0] in EVENT_TYPES else 99))

    write("index.html", "index.html", title="الملخص", page="index", heading="تقرير خبر", counts=counts,
          events_by_type=events_by_type, top_speakers=speakers[:10], more_speakers=len(speakers) > 10,
          top_pairs=pairs_all[:10], max_type=max(type_counts.values(), default=1))

    ordered = sorted(data.events, key=lambda e: (dates.sort_key(e.date), e.type, e.iri))
    published = [a.published for a in data.articles.values() if a.published]
    participants = Counter(p for e in data.events for p in set(e.participants))
    write("timeline.html", "timeline.html", title="الخط الزمني", page="timeline", events=ordered,
          groups=dates.timeline_sections(ordered, published), period=dates.articles_period(published),
          types=events_by_type,
          participants=sorted(participants.items(), key=lambda kv: (-kv[1], data.label(kv[0]), kv[0])))

    nodes, edges, pairs, total, others = _network(data, max_nodes)
    shown_pairs = sum(1 for a, b, _ in pairs if a not in {k for k, _ in others} and b not in {k for k, _ in others})
    write("network.html", "network.html", title="شبكة اللقاءات", page="network",
          svg=network(nodes, edges, "شبكة اللقاءات"), shown=len(nodes), total=total, others=others[:max_others],
          others_total=len(others), pairs_hidden=len(pairs) - shown_pairs,
          most_events=max((w for *_, w in pairs), default=0), most_statements=max((nd.size for nd in nodes), default=0),
          pairs=pairs[:max_pairs], pairs_total=len(pairs))

    by_speaker: dict[str, list] = defaultdict(list)
    for s in data.statements:
        by_speaker[s.speaker].append(s)
    rows = []
    for iri, n in speakers:
        items = by_speaker[iri]
        acts = Counter(s.speech_act for s in items if s.speech_act)
        rows.append({"iri": iri, "total": n, "direct": sum(1 for s in items if s.kind == "direct"),
                     "reported": sum(1 for s in items if s.kind == "reported"),
                     "top_act": min(acts, key=lambda a: (-acts[a], a)) if acts else ""})
    write("speakers.html", "speakers.html", title="المتحدثون", page="speakers", rows=rows)

    article_rows = []
    events_in: Counter = Counter(a for e in data.events for a in e.articles)
    statements_in: Counter = Counter(s.article for s in data.statements)
    mentions_in = {a: sum(1 for sp in spans if sp.kind == "entity") for a, spans in data.spans.items()}
    for iri, article in data.articles.items():
        article_rows.append({"article": article, "events": events_in[iri], "statements": statements_in[iri],
                             "mentions": mentions_in.get(iri, 0)})
    article_rows.sort(key=lambda r: (r["article"].published or "", r["article"].title or "", r["article"].iri))
    write("articles.html", "articles.html", title="المقالات", page="articles", rows=article_rows)

    by_type: dict[str | None, list] = defaultdict(list)
    for e in data.entities.values():
        by_type[e.type].append((e, data.mention_counts[e.iri]))
    order = ["Person", "Organization", "Country", "City", "Region", "Facility", None]
    entity_groups = [(t, sorted(by_type[t], key=lambda en: (-en[1], en[0].label, en[0].iri))) for t in order if by_type.get(t)]
    write("entities.html", "entities.html", title="الكيانات", page="entities", groups=entity_groups,
          total=len(data.entities))

    event_dates = {e.iri: e.date for e in data.events if e.date}
    mentioned_in: dict[str, set] = defaultdict(set)
    for a, spans in data.spans.items():
        for sp in spans:
            if sp.kind == "entity":
                mentioned_in[sp.target].add(a)
    for iri, entity in sorted(data.entities.items()):
        items = sorted(by_speaker.get(iri, []), key=lambda s: (data.statement_date(s, event_dates) or "~", s.article or "", s.begin or 0))
        days = [d for d in (data.statement_date(s, event_dates) for s in items) if d]
        acts = Counter(s.speech_act or "" for s in items)
        chart = bar_chart(time_buckets(days), f"تصريحات {data.label(iri)} عبر الزمن",
                          extra=("بلا تاريخ", len(items) - len(days)))
        write(f"entities/{page_name(iri)}.html", "entity.html", root="../", title=data.label(iri), page="entity",
              entity=entity, statements=items, chart=chart, undated=len(items) - len(days),
              acts=sorted(acts.items(), key=lambda kv: (-kv[1], kv[0])),
              counterparts=data.counterparts(iri)[:15],
              events=sorted(data.events_of(iri), key=lambda e: (dates.sort_key(e.date), e.type, e.iri)),
              mentions=data.mention_counts[iri],
              in_articles=sorted(mentioned_in.get(iri, ()), key=lambda a: (data.articles[a].published or "", a))[:200])

    for iri, article in data.articles.items():
        text, statements = _article_text(data, iri, labels)
        write(f"articles/{page_name(iri)}.html", "article.html", root="../", title=heading(article, 60),
              page="article", article=article, text=text, statements=statements,
              events=[e for e in ordered if iri in e.articles],
              mentions=mentions_in.get(iri, 0))
    return summary
