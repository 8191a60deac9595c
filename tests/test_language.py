"""The language guess is cautious: script first, then function words, else nothing."""

from __future__ import annotations

from transcript.language import guess_language


def test_scripts() -> None:
    assert guess_language(["이번 연구 결과를 간단히 소개해 주시겠어요?"]) == "ko"
    assert guess_language(["まず、何が映っていたのか教えてください。"]) == "ja"
    assert guess_language(["我们今天讨论的是这个问题的历史背景和影响"]) == "zh"


def test_function_words() -> None:
    english = "It was the end of the line, and the people in the town had to leave it for good."
    french = "La forêt est un voisin et nous pensons que les gens ne sont pas prêts pour la saison."
    assert guess_language([english * 2]) == "en"
    assert guess_language([french * 2]) == "fr"


def test_too_little_evidence_gives_no_guess() -> None:
    assert guess_language(["Yes."]) is None
    assert guess_language([]) is None
    assert guess_language(["1234 5678 !!!"]) is None
