"""A static, offline report of a khabar graph: counts, a timeline, a network of who met whom,
a page per entity (with what each speaker said) and per article (its text with every span found).

Pages are plain HTML (Arabic, right to left) made with the HTML kit (khabar.html: the same templates,
stylesheet and labels as the server's pages) and one small script; charts are SVG drawn here. ``build_report(kg, "out/report")`` or ``khabar report``.

``khabar explain`` (explain.py) reports on one article as text: what was found, sentence by sentence,
and by which rule.
"""
from khabar.report.pages import ReportSummary, build_report

__all__ = ["ReportSummary", "build_report"]
