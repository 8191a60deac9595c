"""A cautious guess at the language of a document's speech, for `metadata.language`.

Writers need a language for hyphenation, fonts and `<html lang>`. The guess
looks at script first (Hangul, kana, Han) and then at a handful of very
common function words; when the evidence is thin it says nothing rather than
guess wrong.
"""

from __future__ import annotations

from collections.abc import Iterable

SAMPLE_CHARS = 4000
MIN_FUNCTION_WORDS = 8

_VOCABULARY = {
    "en": "the and of to is in that it was for you with this are have",
    "fr": "le la les des est et une que pour dans pas qui sur sont nous vous",
    "de": "der die und das ist nicht ein eine mit sich auf für wir sie den",
    "es": "el los las que y es por una para con del como pero más muy",
    "it": "il che di non per una sono gli della con anche come più questo",
    "pt": "o os que não uma para com dos mais como mas foi ao são você",
    "nl": "de het een en van is dat niet op te zijn voor met ook maar",
}
FUNCTION_WORDS = {language: frozenset(words.split()) for language, words in _VOCABULARY.items()}
"""The most frequent short words of each language: cheap and telling on a few hundred words."""


def guess_language(texts: Iterable[str]) -> str | None:
    """A BCP 47 primary tag (`en`, `ko`, …) or None when unsure."""
    sample = _sample(texts)
    if not sample:
        return None
    letters = sum(ch.isalpha() for ch in sample) or 1
    hangul = sum("\uac00" <= ch <= "\ud7af" for ch in sample)
    kana = sum("\u3040" <= ch <= "\u30ff" for ch in sample)
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in sample)
    if hangul / letters > 0.3:
        return "ko"
    if kana / letters > 0.1:
        return "ja"
    if han / letters > 0.3:
        return "zh"
    words = [word.strip(".,;:!?«»“”\"'’()").casefold() for word in sample.split()]
    scores = {
        language: sum(word in vocabulary for word in words)
        for language, vocabulary in FUNCTION_WORDS.items()
    }
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= MIN_FUNCTION_WORDS and top >= 1.5 * second:
        return best
    return None


def _sample(texts: Iterable[str]) -> str:
    parts: list[str] = []
    size = 0
    for text in texts:
        parts.append(text)
        size += len(text)
        if size >= SAMPLE_CHARS:
            break
    return " ".join(parts)[:SAMPLE_CHARS]
