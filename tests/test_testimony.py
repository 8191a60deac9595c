"""The court reader: depositions, trials, Supreme Court arguments, and the page furniture module."""

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
from transcript.read.furniture import common_indent, has_legal_layout, line_indents, page_lines
from transcript.read.testimony import read

CORPUS = Path(__file__).parent / "data" / "corpus"


def numbered(body: list[str], *, double_spaced: bool = False) -> list[str]:
    """Court pages: each line prefixed with its 1–25 margin number."""
    lines = []
    for index, text in enumerate(body):
        lines.append(f"{index % 25 + 1:2d}{text}".rstrip())
        if double_spaced:
            lines.append("")
    return lines


def prose_texts(doc: transcript.Transcript, kind: ProseKind) -> list[str]:
    return [
        p.text for b in doc.blocks if isinstance(b, Prose) and b.kind is kind for p in b.paragraphs
    ]


# A deposition with two examinations, tab-separated Q/A, double-spaced, a form feed.
DEPOSITION_PAGE = [
    "              HAROLD P. VANTERPOOL,",
    "    called as a witness by the Plaintiff, having been",
    "    duly affirmed, testified as follows:",
    "                      DIRECT EXAMINATION",
    "    BY MS. ODUYA:",
    "         Q\tGood afternoon, Mr. Vanterpool.",
    "         A\tGood afternoon.",
    "         Q\tWhere do you work?",
    "         A\tAt the harbor authority, in the",
    "    engineering office.",
    "              MR. LINDQVIST:  Objection to form.",
    "              THE WITNESS:  I can answer that.",
    "         A\tI have been there since 2011.",
    "              MS. ODUYA:  I pass the witness.",
    "                      CROSS-EXAMINATION",
    "    BY MR. LINDQVIST:",
    "         Q\tSir, who signed the permit?",
    "         A\tJ. T. Morrow did.",
    "         Q\tAnd you never met him?",
    "         A\tOnce, at a conference.",
    "              (Document handed to witness.)",
    "         Q\tIs this the permit?",
    "         A\tIt is.  Signed by",
    "    A. B. Morrow himself.",
    "              MR. LINDQVIST:  Nothing further.",
]
FOOTER = "                 Harbor City Court Reporters, LLC"


def two_examiner_deposition() -> str:
    lines = numbered(DEPOSITION_PAGE, double_spaced=True)
    return "\n".join(
        [
            *lines[:24],
            FOOTER,
            "\f                                                  Page 14",
            *lines[24:],
            FOOTER,
        ]
    )


def test_each_examination_binds_q_to_its_examiner() -> None:
    doc = transcript.parse(two_examiner_deposition())
    assert doc.metadata.style == "deposition-qa"
    oduya, witness, lindqvist = doc.speakers
    assert (oduya.name, oduya.aliases, oduya.role) == ("MS. ODUYA", ("Q",), Role.INTERVIEWER)
    assert (witness.name, witness.role) == ("HAROLD P. VANTERPOOL", Role.INTERVIEWEE)
    assert set(witness.aliases) == {"A", "THE WITNESS"}
    assert (lindqvist.name, lindqvist.aliases) == ("MR. LINDQVIST", ("Q",))
    names = speaker_names(doc)
    assert names[:4] == ["MS. ODUYA", "HAROLD P. VANTERPOOL"] * 2
    assert names[-7:-1] == ["MR. LINDQVIST", "HAROLD P. VANTERPOOL"] * 3
    assert [t.label for t in doc.turns[:2]] == ["Q", "A"]
    # the witness's answer runs on over a margin line that starts with an initial
    assert doc.turns[-2].paragraphs[0].text == "It is.  Signed by A. B. Morrow himself."
    assert "MR. LINDQVIST" in [t.label for t in doc.turns]


def test_structure_lines_are_headings_and_notes_not_turns() -> None:
    doc = transcript.parse(two_examiner_deposition())
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == [
        "DIRECT EXAMINATION",
        "BY MS. ODUYA:",
        "CROSS-EXAMINATION",
        "BY MR. LINDQVIST:",
    ]
    sworn = prose_texts(doc, ProseKind.NARRATION)
    assert sworn == [
        "HAROLD P. VANTERPOOL, called as a witness by the Plaintiff, having been "
        "duly affirmed, testified as follows:"
    ]
    notes = [b for b in doc.blocks if isinstance(b, Prose) and b.kind is ProseKind.NOTE]
    assert [p.text for n in notes for p in n.paragraphs] == ["(Document handed to witness.)"]
    assert ("witness", "HAROLD P. VANTERPOOL") in doc.metadata.extra


def test_page_furniture_is_counted_with_its_lines() -> None:
    doc = transcript.load(CORPUS / "deposition-qa" / "input.txt")
    furniture = {
        d.message.split(" (")[0]: d.line for d in doc.diagnostics if d.code == "page-furniture"
    }
    assert furniture == {
        "left out 2 page number lines": 1,
        "left out 50 line number lines": 2,
        "left out 2 reporter boilerplate lines": 27,
        "left out 1 form feed line": 28,
    }
    text = " ".join(doc.iter_text())
    assert "KESTREL" not in text and "\f" not in text
    # a turn that runs over the page break is one paragraph
    scotus = transcript.load(CORPUS / "scotus-argument" / "input.txt")
    crossing = scotus.turns[3].paragraphs[0].text
    assert "Second, the fine is a liquidated-damages clause" in crossing
    assert "Marlowe" not in " ".join(scotus.iter_text())


def test_speech_repeated_about_reporters_is_not_reporter_boilerplate() -> None:
    # A question asked twice that mentions the trade is speech, not a running footer.
    text = (
        "MARA OKAFOR, having been first duly sworn, testified as follows:\n\n"
        "BY MS. HALVERSEN:\n"
        "     Q.   What did you tell the reporters?\n"
        "     A.   Nothing at all.\n"
        "     Q.   What did you tell the reporters?\n"
        "     A.   I said nothing, as my lawyer advised.\n"
        "     Q.   Did the court reporting service call you later about the hearing.\n"
        "     A.   No.\n"
        "     Q.   Did the court reporting service call you later about the hearing.\n"
        "     A.   Never.\n"
        "              NORTHGATE REPORTING GROUP\n"
        "              NORTHGATE REPORTING GROUP\n"
    )
    doc = transcript.parse(text)
    assert len(doc.turns) == 8
    assert [t.label for t in doc.turns[:3]] == ["Q", "A", "Q"]
    assert "NORTHGATE" not in " ".join(doc.iter_text())
    assert any("2 reporter boilerplate lines" in d.message for d in doc.diagnostics)


def test_trial_without_line_numbers_keeps_q_and_a_as_speakers() -> None:
    text = (
        "                                                         412\n"
        "Q.  Where were you on the night of June 4?\n"
        "A.  At home, with my sister.\n"
        "Q.  All night?\n"
        "A.  Until about eleven. Then I drove to the station.\n"
        "            THE COURT:  Counsel, approach.\n"
        "            (Sidebar conference held off the record.)\n"
        "Q.  What did you do at the station?\n"
        "A.  I waited for the last train. A man named\n"
        "A. B. Castellanos was there too.\n"
        "            MS. FERREIRA-LYNCH:  Objection, hearsay.\n"
        "            THE COURT:  Sustained.\n"
    )
    doc = transcript.parse(text)
    assert doc.metadata.style == "trial-qa-unnamed"
    assert [s.name for s in doc.speakers] == ["Q", "A", "THE COURT", "MS. FERREIRA-LYNCH"]
    assert all(not s.aliases for s in doc.speakers)
    assert len(doc.turns) == 9
    assert doc.turns[6].paragraphs[0].text.endswith("A man named A. B. Castellanos was there too.")
    assert [d.line for d in doc.diagnostics if d.code == "page-furniture"] == [1]


def scotus_1990s() -> str:
    body = [
        "                         P R O C E E D I N G S",
        "                                                  (1:02 p.m.)",
        "              CHIEF JUSTICE REHNQUIST:  We'll hear argument now",
        "    in No. 98-1234, Kellerman against Ostrowski.",
        "              General Pallister.",
        "               ORAL ARGUMENT OF ANNA R. PALLISTER",
        "                   ON BEHALF OF THE RESPONDENT",
        "              GENERAL PALLISTER:  Mr. Chief Justice, and may it",
        "    please the Court:",
        "              The question presented is narrow.  The statute",
        "    reaches the conduct of carriers, and the petitioner",
        "    is not a carrier.",
        "              QUESTION:  How narrow, General?",
        "              GENERAL PALLISTER:  Narrow enough, Your Honor.",
        "              JUSTICE O'CONNOR:  Then why are we here?",
        "              GENERAL PALLISTER:  Because the court below",
        "    read it broadly, and two other circuits have since",
        "    followed it.",
        "              QUESTION:  Which two?",
        "              GENERAL PALLISTER:  The Fourth and the Tenth.",
        "              CHIEF JUSTICE REHNQUIST:  Thank you, General.",
        "    The case is submitted.",
        "              (Whereupon, at 2:01 p.m., the case in the",
        "    above-entitled matter was submitted.)",
        "",
    ]
    header = "                    Official - Subject to Final Review"
    return "\n".join(
        [
            header,
            "                                                                 3",
            "",
            *numbered(body, double_spaced=True),
            "                  Alderson Reporting Company",
            "",
            header,
            "                                                                 4",
            "",
            "abandon 12:4 15:22",
            "able 5:3 7:8",
            "above-entitled 19:1",
            "act 3:11 4:2",
            "                  Alderson Reporting Company",
        ]
    )


def test_older_argument_with_question_labels_and_a_word_index() -> None:
    doc = transcript.parse(scotus_1990s())
    assert doc.metadata.style == "scotus-argument"
    chief, general, _question, justice = doc.speakers
    assert [s.name for s in doc.speakers] == [
        "CHIEF JUSTICE REHNQUIST",
        "GENERAL PALLISTER",
        "QUESTION",
        "JUSTICE O'CONNOR",
    ]
    assert (chief.role, general.role, justice.role) == (
        Role.MODERATOR,
        Role.INTERVIEWEE,
        Role.INTERVIEWER,
    )
    assert general.affiliation == "THE RESPONDENT"
    assert len(doc.turns) == 9
    first = [p.text for p in doc.turns[0].paragraphs]
    assert first == [
        "We'll hear argument now in No. 98-1234, Kellerman against Ostrowski.",
        "General Pallister.",
    ]
    last = doc.turns[-1]
    assert last.paragraphs[-1].text == "Thank you, General. The case is submitted."
    notes = prose_texts(doc, ProseKind.NOTE)
    assert notes[-4:] == [
        "abandon 12:4 15:22",
        "able 5:3 7:8",
        "above-entitled 19:1",
        "act 3:11 4:2",
    ]
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == [
        "P R O C E E D I N G S",
        "ORAL ARGUMENT OF ANNA R. PALLISTER ON BEHALF OF THE RESPONDENT",
    ]


def test_nothing_is_lost() -> None:
    source = two_examiner_deposition()
    doc = transcript.parse(source)
    kept = " ".join([*doc.iter_text(), *(t.label for t in doc.turns)]) + " ".join(
        node.printed  # type: ignore[union-attr]
        for b in doc.blocks
        if not isinstance(b, Heading)
        for p in b.paragraphs
        for node in p.content
        if hasattr(node, "printed")
    )
    furniture_lines = {
        int(n)
        for d in doc.diagnostics
        if d.code == "page-furniture" and "line number" not in d.message
        for n in d.message.split("(lines ")[1].rstrip(")").split(", ")
    }
    for number, line in enumerate(source.split("\n"), 1):
        words = line.replace("\f", "").split()
        if number in furniture_lines or not words:
            continue
        for word in words[1:] if words[0].isdigit() else words:
            assert word.rstrip(":") in kept, (number, word)


def test_ordinary_interviews_and_briefings_are_not_testimony() -> None:
    interview = (
        "Ann Lee: Where were you?\nBo Jones: At home.\nAnn Lee: All night?\nBo Jones: Yes.\n"
    )
    caps = "ANN LEE: Where were you?\nBO JONES: At home.\nANN LEE: All night?\nBO JONES: Yes.\n"
    briefing = (
        "MS. KOVACS:  Good afternoon.\nQ    Thanks.  Did every state sign?\nMS. KOVACS:  Yes.\n"
        "Q    One more.\nMS. KOVACS:  Go ahead.\n"
    )
    plain_qa = "Q: Where were you?\nA: At home.\nQ: All night?\nA: Yes.\n"
    for text in (interview, caps, briefing, plain_qa):
        assert transcript.parse(text).metadata.style not in (
            "deposition-qa",
            "trial-qa-unnamed",
            "scotus-argument",
        )


def test_legal_layout_needs_most_lines_numbered_in_sequence() -> None:
    page = numbered([f"    line {n}" for n in range(25)])
    assert has_legal_layout(page)
    assert has_legal_layout(["CAPTION", "", *page, *[f"index {n} 3:4" for n in range(30)]])
    short_list = ["Some prose.", " 1 milk", " 2 eggs", " 3 flour", "More prose."] * 2
    assert not has_legal_layout(short_list)
    pages = page_lines(page)
    assert [number for number, _ in pages.margins.values()] == list(range(1, 26))
    stripped = [line.lstrip(" \t") for line in pages.lines]
    assert common_indent(stripped, line_indents(pages.lines, stripped), pages.margins) == 4


def test_caller_overrides_win_over_the_documents_bindings() -> None:
    doc = transcript.parse(two_examiner_deposition(), speakers={"A": "Harold Vanterpool"})
    assert "Harold Vanterpool" in [s.name for s in doc.speakers]


def test_hostile_lines_do_not_crash_and_stay_fast() -> None:
    hostile = "\n".join(
        numbered(
            [
                "    Q.   " + "x" * 100_000,
                "    A.   " + "(" * 50_000 + "[" * 50_000,
                "          MR. X:  " + "((([[[" * 10_000,
                "    " + "Q.  " * 20_000,
                "    BY " + "MR. " * 20_000 + ":",
                "    " + "A" * 50_000 + ", having been sworn",
                "    (" + "a" * 100_000,
            ]
            * 4
        )
    )
    started = time.perf_counter()
    doc = read(normalise(hostile), ReadOptions())
    assert time.perf_counter() - started < 10
    assert doc.turns


def test_many_turns_read_in_linear_time() -> None:
    pair = ["         Q.   Where were you that night?", "         A.   At home, all night."]
    text = "\n".join(numbered(pair * 5000))
    started = time.perf_counter()
    doc = read(normalise(text), ReadOptions())
    assert len(doc.turns) == 10_000
    assert time.perf_counter() - started < 20


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                " 1 ",
                " 2 ",
                "25",
                "Q.  ",
                "A.  ",
                "Q\t",
                "A. R. ",
                "MR. X:  ",
                "THE WITNESS:  ",
                "BY MR. X:",
                "JOHN DOE, having been duly sworn,",
                "(Recess.)",
                "(",
                ")",
                "EXAMINATION",
                "\f",
                "\n",
                "    ",
                "Case 1:26-cr-1 Document 2 Filed 3 Page 4",
                "Official - Subject to Final Review",
                "abandon 12:4",
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


def test_realtime_timecodes_become_turn_times() -> None:
    text = "\n".join(
        [
            " 1   10:02:11          THE VIDEOGRAPHER:  We are on the record.",
            " 2   10:02:19     Q.   State your name, please.",
            " 3   10:02:22     A.   Lena Marchetti.",
            " 4                It is spelled M-A-R-C-H-E-T-T-I.",
            " 5   10:02:40     Q.   Where do you live?",
            " 6   10:02:44     A.   In Duluth, since 10:30 a.m.",
            " 7                on the 4th.",
            " 8   10:03:01     Q.   Thank you.",
            " 9   10:03:05     A.   You are welcome.",
            "10   10:03:09          MR. ABARA:  Nothing more.",
        ]
    )
    doc = transcript.parse(text)
    assert [t.label for t in doc.turns] == ["THE VIDEOGRAPHER", *["Q", "A"] * 3, "MR. ABARA"]
    assert [t.start for t in doc.turns[:3]] == [36131.0, 36139.0, 36142.0]
    assert doc.turns[2].end == 36160.0 and doc.turns[-1].end is None
    assert doc.turns[2].paragraphs[0].text == "Lena Marchetti. It is spelled M-A-R-C-H-E-T-T-I."
    assert doc.turns[4].paragraphs[0].text == "In Duluth, since 10:30 a.m. on the 4th."
    assert "10:02" not in " ".join(doc.iter_text())
