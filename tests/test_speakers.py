"""Speaker resolution: name variants merge, ambiguity is reported, overrides win, roles are inferred."""

from __future__ import annotations

import transcript
from transcript import Role


def names(doc: transcript.Transcript) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.name, s.aliases) for s in doc.speakers]


def test_short_forms_resolve_to_the_fullest_name() -> None:
    doc = transcript.parse(
        "Dr. Thompson: I start short.\nEditor: Go on.\nDr. Jane Thompson: Then full.\n"
        "Thompson: Then surname.\nJane Thompson: Then no title.\nJT: Then initials.\n"
    )
    assert names(doc) == [
        ("Dr. Jane Thompson", ("Dr. Thompson", "Thompson", "Jane Thompson", "JT")),
        ("Editor", ()),
    ]
    assert len({t.speaker for t in doc.turns}) == 2


def test_case_variants_are_one_speaker_and_every_turn_keeps_its_label() -> None:
    doc = transcript.parse("MR. SMITH: Yes.\nMs. Jones: No.\nMr. Smith: Maybe.\n")
    assert names(doc) == [("MR. SMITH", ("Mr. Smith",)), ("Ms. Jones", ())]
    assert [t.label for t in doc.turns] == ["MR. SMITH", "Ms. Jones", "Mr. Smith"]


def test_initial_and_hyphenated_surname_variants() -> None:
    doc = transcript.parse(
        "Hélène Marchetti-Roux: One.\nQ: Two?\nH. Marchetti-Roux: Three.\n"
        "Kwame Ashdown-Reyes: Four.\nKAR: Five.\nJosé Núñez-García: Six.\nJosé Núñez: Seven.\n"
    )
    assert names(doc) == [
        ("Hélène Marchetti-Roux", ("H. Marchetti-Roux",)),
        ("Q", ()),
        ("Kwame Ashdown-Reyes", ("KAR",)),
        ("José Núñez-García", ("José Núñez",)),
    ]


def test_two_people_with_one_surname_are_never_merged_silently() -> None:
    doc = transcript.parse(
        "Jane Thompson: I am Jane.\nMark Thompson: I am Mark.\nThompson: Which of us?\n"
    )
    assert [s.name for s in doc.speakers] == ["Jane Thompson", "Mark Thompson", "Thompson"]
    ambiguous = [d for d in doc.diagnostics if d.code == "ambiguous-speaker"]
    assert len(ambiguous) == 1 and ambiguous[0].line == 3
    assert "Jane Thompson" in ambiguous[0].message and "Mark Thompson" in ambiguous[0].message


def test_role_words_and_placeholders_are_never_merged_with_names() -> None:
    doc = transcript.parse(
        "Editor: Hi.\nEditor Jones: Hello.\nSpeaker 1: Yes.\nSpeaker 12: No.\n"
        "UNIDENTIFIED MALE: What?\nUNIDENTIFIED FEMALE: Nothing.\n"
    )
    assert len(doc.speakers) == 6


def test_look_alike_letters_are_kept_apart_and_reported() -> None:
    doc = transcript.parse("Editor: One.\nЕditor: Two.\n")  # the second starts with Cyrillic Ie
    assert len(doc.speakers) == 2
    assert [d.code for d in doc.diagnostics if d.code != "style-detected"] == [
        "mixed-script-label"
    ]


def test_overrides_name_a_label_and_merge_it() -> None:
    doc = transcript.parse(
        "JT: Hello.\nEditor: Welcome.\nDr. Thompson: Thanks.\n",
        speakers={"JT": "Dr. Jane Thompson"},
        roles={"Dr. Jane Thompson": "guest"},
    )
    assert names(doc) == [("Dr. Jane Thompson", ("JT", "Dr. Thompson")), ("Editor", ())]
    assert doc.speakers[0].role is Role.GUEST


def test_the_speaker_who_asks_is_the_interviewer() -> None:
    doc = transcript.parse(
        "Ana Ruiz: Where were you born?\nTom Baker: In Easton.\n"
        "Ana Ruiz: And your parents?\nTom Baker: Farmers, both.\n"
        "Ana Ruiz: Why did you leave?\nTom Baker: Work.\n"
    )
    assert [(s.name, s.role) for s in doc.speakers] == [
        ("Ana Ruiz", Role.INTERVIEWER), ("Tom Baker", Role.INTERVIEWEE)]


def test_speaker_ids_are_unique_readable_slugs() -> None:
    doc = transcript.parse("José Núñez: Hola.\n기자: 네.\nJose Nunez!: x\nJOSÉ: y\n")
    ids = [s.id for s in doc.speakers]
    assert ids[:2] == ["jose-nunez", "기자"]
    assert len(set(ids)) == len(ids)


def test_ten_thousand_distinct_speakers_resolve_without_comparing_all_pairs() -> None:
    lines = [f"Person{n} Surname{n}: Line {n}." for n in range(10_000)]
    lines += [f"Surname{n}: Again." for n in range(0, 10_000, 7)]
    doc = transcript.parse("\n".join(lines))
    assert len(doc.speakers) == 10_000
    assert len(doc.turns) == 10_000 + len(range(0, 10_000, 7))
    assert doc.turns[-1].speaker == doc.turns[9996].speaker


def test_a_short_first_name_is_not_read_as_initials() -> None:
    doc = transcript.parse("Emma Davis: Hi Ed, how are you?\nEd: Fine thanks.")
    assert [s.name for s in doc.speakers] == ["Emma Davis", "Ed"]


def test_two_titles_for_one_surname_are_not_both_merged() -> None:
    doc = transcript.parse(
        "Interviewer: Hello?\nJohn Smith: Hi.\nMrs. Smith: Hello dear.\nMr. Smith: Yes."
    )
    assert len(doc.speakers) == 3
    assert [d.code for d in doc.diagnostics if d.code != "style-detected"] == [
        "ambiguous-speaker"
    ]
    senator = transcript.parse("Senator Ann Grassley: Yes.\nSen. Grassley: Again.\nQ: Why?")
    assert [s.name for s in senator.speakers] == ["Senator Ann Grassley", "Q"]


def test_a_cjk_surname_with_a_shorter_title_is_the_full_name() -> None:
    doc = transcript.parse(
        "사회자：안녕하십니까?\n최민준 선임연구원：반갑습니다.\n사회자：시작할까요?\n최 연구원：네.\n"
    )
    assert names(doc) == [("사회자", ()), ("최민준 선임연구원", ("최 연구원",))]
    both = transcript.parse(
        "사회자：안녕하십니까?\n최민준 선임연구원：네.\n최수아 연구원：네.\n최 연구원：누구?\n"
    )
    assert len(both.speakers) == 4
    assert [d.code for d in both.diagnostics if d.code == "ambiguous-speaker"] == [
        "ambiguous-speaker"
    ]
