"""The GPO hearing reader: capitals and mixed-case labels, cover pages, inserted statements."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from doc_views import names as speaker_names
from transcript import Heading, Prose, ProseKind, Role, TranscriptError
from transcript.decode import normalise
from transcript.read import ReadOptions
from transcript.read.hearing import gpo_label, read

CORPUS = Path(__file__).parent / "data" / "corpus"


def prose_texts(doc: transcript.Transcript, kind: ProseKind) -> list[str]:
    return [
        p.text for b in doc.blocks if isinstance(b, Prose) and b.kind is kind for p in b.paragraphs
    ]


MODERN = """<html>
<title> - PIPELINE SAFETY REAUTHORIZATION</title>
<body><pre>
[Senate Hearing 117-88]
[From the U.S. Government Publishing Office, www.gpo.gov]



                                                        S. Hrg. 117-88

                   PIPELINE SAFETY REAUTHORIZATION

=======================================================================

                                HEARING

                               BEFORE THE

               COMMITTEE ON COMMERCE, SCIENCE, AND TRANSPORTATION
                          UNITED STATES SENATE

                    ONE HUNDRED SEVENTEENTH CONGRESS

                             FIRST SESSION

                               __________

                            OCTOBER 5, 2021

                               __________

    Printed for the use of the Committee on Commerce, Science, and 
                             Transportation

    The Committee met, pursuant to notice, at 10 a.m., in room SR-253, 
Russell Senate Office Building, Hon. Maria Cantwell, Chairwoman of 
the Committee, presiding.

           OPENING STATEMENT OF HON. MARIA CANTWELL, 
                  U.S. SENATOR FROM WASHINGTON

    The Chair. Good morning. The Senate Commerce Committee will come 
to order. Today we look at pipeline safety &amp; reliability.
    Senator Wicker.
    Senator Wicker. Thank you, Madam Chair.
    [Laughter.]
    It is good to be here.

  STATEMENT OF TOMAS OKONKWO-BELL, ADMINISTRATOR, PIPELINE AND 
       HAZARDOUS MATERIALS SAFETY ADMINISTRATION

    Mr. Okonkwo-Bell. Thank you, Chair Cantwell. We inspected 
1,200 facilities last year.
    [The prepared statement of Mr. Okonkwo-Bell follows:]

           Prepared Statement of Tomas Okonkwo-Bell, Administrator

    PHMSA's mission is to protect people and the environment.
    The Chair. Thank you. Senator Wicker.
    Senator Wicker. How many inspectors do you have?
    Mr. Okonkwo-Bell. About 600.
    The Chair. We are adjourned.
    [Whereupon, at 11:30 a.m., the hearing was adjourned.]

                            A P P E N D I X

    Question. What is the backlog of inspections?
    Answer. About 14 months.
</pre></body></html>
"""

RECORD = """[Congressional Record Volume 170, Number 52 (Tuesday, March 19, 2024)]
[House]
[Pages H1201-H1202]
From the Congressional Record Online through the Government Publishing Office [www.gpo.gov]

                      HARBOR DREDGING AUTHORIZATION

    The SPEAKER pro tempore. Pursuant to the rule, the gentleman from 
Maine (Mr. Thibodeaux) and the gentlewoman from Oregon (Ms. Calloway-Reyes) 
each will control 20 minutes.
    Mr. THIBODEAUX. Madam Speaker, I yield myself such time as I may 
consume.

[[Page H1202]]

    Madam Speaker, the harbors of my district have not been dredged 
since 1998.
    Ms. CALLOWAY-REYES. Madam Speaker, I rise in support.
    Mr. Speaker, I should note the bill is bipartisan.
    Mr. Thibodeaux. I will not repeat it.
    Mr. THIBODEAUX. I yield back the balance of my time.
    The SPEAKER pro tempore. The question is on the motion.
"""


def test_modern_hearing_in_html() -> None:
    doc = transcript.parse(MODERN)
    assert doc.metadata.style == "hearing-gpo-mixed"
    assert doc.metadata.title == "PIPELINE SAFETY REAUTHORIZATION"
    assert doc.metadata.date == "OCTOBER 5, 2021"
    assert doc.metadata.source == "U.S. Government Publishing Office"
    assert ("report number", "S. Hrg. 117-88") in doc.metadata.extra
    chair, wicker, witness = doc.speakers
    assert [s.name for s in doc.speakers] == ["The Chair", "Senator Wicker", "Mr. Okonkwo-Bell"]
    assert (chair.role, wicker.role, witness.role) == (
        Role.MODERATOR,
        Role.INTERVIEWER,
        Role.INTERVIEWEE,
    )
    assert witness.affiliation == (
        "ADMINISTRATOR, PIPELINE AND HAZARDOUS MATERIALS SAFETY ADMINISTRATION"
    )
    assert speaker_names(doc) == [
        "The Chair",
        "Senator Wicker",
        "Mr. Okonkwo-Bell",
        "The Chair",
        "Senator Wicker",
        "Mr. Okonkwo-Bell",
        "The Chair",
    ]
    first = [p.text for p in doc.turns[0].paragraphs]
    assert first == [
        "Good morning. The Senate Commerce Committee will come to order. "
        "Today we look at pipeline safety & reliability.",
        "Senator Wicker.",
    ]
    # speech goes on after [Laughter.]; the inserted statement is not speech
    assert doc.turns[1].paragraphs[-1].text == "It is good to be here."
    notes = prose_texts(doc, ProseKind.NOTE)
    assert "PHMSA's mission is to protect people and the environment." in notes
    assert all("PHMSA" not in p.text for t in doc.turns for p in t.paragraphs)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert "Prepared Statement of Tomas Okonkwo-Bell, Administrator" in headings
    assert "A P P E N D I X" in headings
    assert prose_texts(doc, ProseKind.NARRATION)[-2:] == [
        "Question. What is the backlog of inspections?",
        "Answer. About 14 months.",
    ]
    markup = [d.line for d in doc.diagnostics if d.code == "html-markup"]
    assert markup == [1, 2, 3, 69]


def test_congressional_record_capitals_without_the_hearing_banner() -> None:
    doc = transcript.parse(RECORD)
    assert doc.metadata.style == "hearing-gpo-caps"
    assert doc.metadata.title == "HARBOR DREDGING AUTHORIZATION"
    assert [s.name for s in doc.speakers] == [
        "The SPEAKER pro tempore",
        "Mr. THIBODEAUX",
        "Ms. CALLOWAY-REYES",
    ]
    assert doc.speakers[0].role is Role.MODERATOR
    assert len(doc.turns) == 5
    # the page marker is furniture, and the turn runs over it
    assert [d.line for d in doc.diagnostics if d.code == "page-furniture"] == [14]
    assert doc.turns[1].paragraphs[-1].text.startswith("Madam Speaker, the harbors")
    # in a capitals file, a mixed-case 'Mr. Thibodeaux.' is speech, not a label
    assert doc.turns[2].paragraphs[-1].text == "Mr. Thibodeaux. I will not repeat it."


def test_corpus_traps() -> None:
    caps = transcript.load(CORPUS / "hearing-gpo-caps" / "input.txt")
    first = caps.turns[0]
    assert "Petrakis follows" not in " ".join(p.text for p in first.paragraphs)
    assert caps.turns[1].paragraphs[0].text == "Mr. de la Fontaine."
    assert "“poor”" in first.paragraphs[0].text  # GPO's ``poor'' quotation marks
    assert caps.speakers[2].affiliation == (
        "DISTRICT ENGINEER, HESKETH DISTRICT, U.S. ARMY CORPS OF ENGINEERS"
    )
    mixed = transcript.load(CORPUS / "hearing-gpo-mixed" / "input.txt")
    footnote = prose_texts(mixed, ProseKind.NOTE)
    assert any(text.startswith("\\1\\ Federal broadband") for text in footnote)
    assert mixed.speakers[0].role is Role.MODERATOR
    assert prose_texts(mixed, ProseKind.NARRATION)[1].startswith("Present: Senators")


def test_label_grammar() -> None:
    assert gpo_label("Mr. de la FONTAINE. Thank you.") is not None
    assert gpo_label("The SPEAKER pro tempore. The gentleman is recognized.") is not None
    found = gpo_label("Senator Ruiz-Tan.  Good morning.")
    assert found is not None and (found.printed, found.capitals) == ("Senator Ruiz-Tan", False)
    for speech in (
        "Senator Haverford.",
        "Senator Haverford, I know you have heard the same.",
        "Mr. Chairman. I should add one thing.",
        "The subcommittee met, pursuant to notice.",
        "The Office of Broadband Data was established in 2021.",
        "Present: Senators Ruiz-Tan and Quaye.",
    ):
        assert gpo_label(speech) is None, speech


def test_ordinary_interviews_and_plays_are_not_hearings() -> None:
    interview = (
        "Ann Lee: Where were you?\nBo Jones: At home.\nAnn Lee: All night?\nBo Jones: Yes.\n"
    )
    play = "  Ham. To be, or not to be.\n  Hor. My lord.\n  Ham. Speak.\n  Hor. Nothing.\n"
    letters = "    Mr. Smith wrote to me.\n    Dr. Jones. I see.\n"
    for text in (interview, play, letters):
        assert not transcript.parse(text).metadata.style.startswith("hearing")


def test_nothing_is_lost() -> None:
    doc = transcript.parse(MODERN)
    kept = " ".join(
        [
            *doc.iter_text(),
            *(t.label for t in doc.turns),
            *(value for _, value in doc.metadata.extra),
            *(d.message for d in doc.diagnostics),
            doc.metadata.title or "",
            doc.metadata.date or "",
            doc.metadata.source or "",
            "[Laughter.]",  # an annotation: kept as printed, not in the words
        ]
    )
    rules = {
        int(n)
        for d in doc.diagnostics
        if d.code == "page-furniture"
        for n in d.message.split("(lines ")[1].rstrip(")").split(", ")
    }
    for number, line in enumerate(MODERN.replace("&amp;", "&").split("\n"), 1):
        if number in rules:
            continue
        for word in line.split():
            word = word.replace("``", "“").replace("''", "”").strip("[]").rstrip(".")
            assert word in kept, (number, word)


def test_hostile_lines_do_not_crash_and_stay_fast() -> None:
    hostile = (
        "[From the U.S. Government Publishing Office]\n<pre>\n"
        + "    Mr. "
        + "A" * 100_000
        + ". x\n"
        + "    Senator "
        + "X " * 50_000
        + "\n"
        + "    ["
        + "[" * 50_000
        + "\n"
        + "-" * 100_000
        + "\n"
        + "    Mr. SMITH. "
        + "<b>" * 20_000
        + "&amp;" * 20_000
        + "\n"
        + "    The CHAIRMAN. ok\n    Mr. JONES. ok\n    The CHAIRMAN. ok\n"
    )
    started = time.perf_counter()
    doc = read(normalise(hostile), ReadOptions())
    assert time.perf_counter() - started < 10
    assert len(doc.turns) >= 3


def test_many_turns_read_in_linear_time() -> None:
    pair = (
        "    Senator Smith. Where were you on the night in question? I ask \n"
        "again.\n    Mr. Jones. At home. I was at home all night.\n"
    )
    text = "[From the U.S. Government Publishing Office]\n\n" + pair * 5000
    started = time.perf_counter()
    doc = read(normalise(text), ReadOptions())
    assert len(doc.turns) == 10_000
    assert time.perf_counter() - started < 20


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "    ",
                "    Mr. SMITH. ",
                "    The Chair. ",
                "    Senator Ruiz-Tan.",
                "[",
                "]",
                "[The prepared statement of X follows:]",
                "[Whereupon, ]",
                "STATEMENT OF X, Y",
                "-" * 30,
                "\n",
                "<pre>",
                "</pre>",
                "<title>t</title>",
                "&amp;",
                "``",
                "''",
                "[From the U.S. Government Publishing Office]",
                "[[Page 5]]",
                "\\1\\",
                "é",
                "x",
            ]
        ),
        max_size=60,
    ).map("".join)
    | st.text(max_size=300)
)
def test_any_text_never_raises_anything_but_transcript_error(text: str) -> None:
    try:
        read(normalise(text), ReadOptions())
    except TranscriptError:
        pass
