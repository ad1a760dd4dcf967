"""The one Arabic HTML kit of khabar: what `khabar serve` pages and `khabar report` are both made of.

- labels.py   Arabic names of the ontology's classes, properties and concepts, read from ontology/khabar.ttl
- text.py     the article text with its spans marked (one highlighter) and the sentence around a span
- kit.py      the Jinja2 environment (autoescaped), the safe-link rule, the stylesheet and the layout's words
- templates/  one set of templates: base.html (header, nav, footer), macros.html, serve/ and report/ pages
- static/     khabar.css, the one stylesheet
"""
