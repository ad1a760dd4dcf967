"""Arabic normalisation for matching, with an offset map back to the original text."""
from khabar.normalise.arabic import (
    CONJUNCTION_CLITICS, PREPOSITION_CLITICS, NormText, Tokens, clitic_forms, clitic_readings, normalise,
    normalise_phrase, stems, undecorated,
)

__all__ = ["CONJUNCTION_CLITICS", "PREPOSITION_CLITICS", "NormText", "Tokens", "clitic_forms", "clitic_readings",
           "normalise", "normalise_phrase", "stems", "undecorated"]
