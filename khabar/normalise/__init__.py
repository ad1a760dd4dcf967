"""Arabic normalisation for matching, with an offset map back to the original text."""
from khabar.normalise.arabic import NormText, Token, clitic_forms, normalise, normalise_phrase, stems

__all__ = ["NormText", "Token", "clitic_forms", "normalise", "normalise_phrase", "stems"]
