"""The Jinja2 environment every khabar page is rendered with, and the rules it applies.

Autoescape is on, undefined names fail, and a link is made only to a local path (absolute or
relative) or to an http(s) IRI: anything else (javascript:, data:, a scheme-relative //host) is
shown as text, never as a link.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from khabar import __version__

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STYLESHEET = HERE / "static" / "khabar.css"
BRAND = "خبر"


def safe_href(url) -> str | None:
    """`url` when a page may link to it (a local path, or an http(s) IRI), else None."""
    if not url:
        return None
    url = str(url)
    if url[0] <= " " or url.startswith("//") or "\\" in url:
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in ("", "http", "https") else None


def ltr(text) -> Markup:
    """Text in a left-to-right isolate, so that English, IRIs and numbers keep their order in an Arabic page."""
    return Markup('<bdi dir="ltr">{}</bdi>').format("" if text is None else text)


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(ltr=ltr, safe_href=safe_href)
    env.globals.update(brand=BRAND, version=__version__, ltr=ltr, safe_href=safe_href)
    return env


def render(template: str, **values) -> str:
    """The page `template` (a path under templates/) filled with `values`."""
    return environment().get_template(template).render(**values)
