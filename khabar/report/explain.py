"""`khabar explain`: what was found in an article, sentence by sentence, and by which rule."""
from __future__ import annotations

from khabar.extract import extract
from khabar.model import Article


def explain(article: Article) -> str:
    ex = extract(article)
    text = article.text
    lines = [f"# {article.article_id}  ({article.input_name}; published {article.published or 'unknown'})"]
    items = []
    for m in ex.mentions:
        e = ex.entities[m.entity]
        link = f" wd:{e.qid}" if e.qid else ""
        items.append((m.span.begin, f"  entity   [{m.span.begin}:{m.span.end}] «{m.span.text}» -> {e.type} "
                                    f"{e.label_ar}{link}  ({m.rule})"))
    for ev in ex.events:
        parts = ", ".join(ex.entities[p].label_ar for p in ev.participants)
        extra = (f"; place {ex.entities[ev.place].label_ar}" if ev.place else "") + \
                (f"; date {ev.date.lexical}" if ev.date else "")
        items.append((ev.trigger.begin, f"  event    [{ev.trigger.begin}:{ev.trigger.end}] «{ev.trigger.text}» -> "
                                        f"{ev.type}: {parts}{extra}  ({ev.rule})"))
    for st in ex.statements:
        kind = "direct" if st.direct else "reported"
        cue = f"«{st.cue.text}» " if st.cue else ""
        src = f"; source {ex.entities[st.source].label_ar}" if st.source else ""
        items.append((st.content.begin, f"  said     {cue}{kind} {st.speech_act or ''} by "
                                        f"{ex.entities[st.speaker].label_ar}{src}: «{st.content.text[:120]}»  ({st.rule})"))
    items.sort(key=lambda t: t[0])
    start = 0
    for line_no, line in enumerate(text.split("\n")):
        end = start + len(line)
        found = [s for pos, s in items if start <= pos <= end]
        if line.strip():
            lines.append(f"\n{line_no + 1}: {line[:200]}{'…' if len(line) > 200 else ''}")
            lines.extend(found)
        start = end + 1
    return "\n".join(lines)
