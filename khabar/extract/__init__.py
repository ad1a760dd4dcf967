"""Extraction: an Article -> an Extraction (entities, mentions, events, statements, dates).

Rules and lexicons only; nothing here imports rdflib or knows about IRIs.
"""
from khabar.extract.pipeline import extract

__all__ = ["extract"]
