"""Arabic normalisation for matching, with an offset map back to the original text."""
from khabar.normalise.arabic import NormText, Token, normalise, normalise_phrase, stems

__all__ = ["NormText", "Token", "normalise", "normalise_phrase", "stems"]
