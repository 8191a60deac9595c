"""The earnings-call reader: rosters declare the name-alone speaker lines."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from doc_views import names as speakers_of_turns
from transcript import (
    Annotation,
    AnnotationKind,
    Heading,
    Paragraph,
    Prose,
    ProseKind,
    Role,
    Text,
    TranscriptError,
)
from transcript.decode import normalise
from transcript.read import ReadOptions
from transcript.read.detect import Head
from transcript.read.earnings import fit, read

CORPUS = Path(__file__).parent / "data" / "corpus"

# Seeking Alpha copied without blank lines: the title carries the date, an analyst the
# roster forgot is introduced by the operator, a disclaimer closes the page.
NO_BLANKS = """\
Pellworth Foods Corporation (NYSE:PWF) Q1 2026 Earnings Conference Call April 22, 2026 8:30 AM ET
Company Participants
Marguerite Olsson - Director, Investor Relations
Tobias Ankrah - President and Chief Executive Officer
Conference Call Participants
Helena Quist - Barrow & Finch
Samuel O'Dwyer - Kestrel Capital
Operator
Good morning. [Operator Instructions] I would now like to turn the call over to Marguerite Olsson.
Marguerite Olsson
Thank you. Good morning, everyone. Joining me is Tobias Ankrah.
Tobias Ankrah
Thanks, Marguerite. Volumes grew 4% in the quarter.
Pricing was flat.
Question-and-Answer Session
Operator
Our first question comes from Helena Quist with Barrow & Finch.
Helena Quist
Good morning. Tobias, can you talk about pricing?
Tobias Ankrah
Sure. We held list prices.
Operator
Next question comes from Peter Vance with Larchmont Research.
Peter Vance
Hi. What about freight costs?
Tobias Ankrah
Down 3%.
Samuel O'Dwyer
Quick follow-up on freight.
Operator
That concludes our call.
Copyright policy: All transcripts on this site are the copyright of the publisher.
THE INFORMATION CONTAINED HERE IS A TEXTUAL REPRESENTATION OF THE CONFERENCE CALL.
"""

# The Motley Fool layout: `Name -- Title` speaker lines, `Prepared Remarks:` and
# `Questions & Answers:` headings, the participant list at the end.
FOOL = """\
Larkspur Energy (LSPR) Q2 2025 Earnings Call Transcript

LSPR earnings call for the period ending June 30, 2025.

Prepared Remarks:

Operator

Good day, and welcome to the Larkspur Energy second quarter call.

Ines Calloway -- Vice President, Investor Relations

Thank you, operator. Our remarks today include forward-looking statements.

Arvid Lindqvist -- Chief Executive Officer

Thanks, Ines. We had a strong quarter, and the
new wells are ahead of plan.

Questions & Answers:

Operator

Our first question comes from Kofi Mensah of Granger Partners.

Kofi Mensah -- Granger Partners -- Analyst

Thanks. How are the new wells performing?

Arvid Lindqvist -- Chief Executive Officer

Ahead of plan.

Operator

This concludes the call.

Duration: 42 minutes

Call participants:

Ines Calloway -- Vice President, Investor Relations

Arvid Lindqvist -- Chief Executive Officer

Kofi Mensah -- Granger Partners -- Analyst
"""


def printed(paragraph: Paragraph) -> str:
    return "".join(n.text if isinstance(n, Text) else n.printed for n in paragraph.content)


def kept_text(doc: transcript.Transcript) -> str:
    meta = doc.metadata
    parts = [meta.title or "", meta.date or ""]
    parts += [f"{key} {value}" for key, value in meta.extra]
    parts += [printed(p) for b in doc.blocks if not isinstance(b, Heading) for p in b.paragraphs]
    parts += [b.text for b in doc.blocks if isinstance(b, Heading)]
    parts += [turn.label for turn in doc.turns]
    parts += [d.message for d in doc.diagnostics]
    return " ".join(parts)


def test_the_corpus_call_takes_roles_and_affiliations_from_the_roster() -> None:
    doc = transcript.load(CORPUS / "earnings-call" / "input.txt")
    speaker = {s.name: s for s in doc.speakers}
    assert speaker["Operator"].role is Role.MODERATOR
    assert speaker["Imelda Farrow"].affiliation == "Vice President, Investor Relations"
    assert speaker["Dariusz Klement"].role is Role.INTERVIEWEE
    assert speaker["Raj Venkataraman"].role is Role.INTERVIEWER
    assert speaker["Raj Venkataraman"].affiliation == "Halcyon Securities"
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == [
        "Company Participants", "Conference Call Participants", "Question-and-Answer Session"]
    assert doc.metadata.date == "November 4, 2027 5:00 PM ET"
    roster = [value for key, value in doc.metadata.extra if key.endswith("Participants")]
    assert roster[-1] == "Raj Venkataraman - Halcyon Securities"
    # `Thank you.` is a short speech paragraph, not a name
    assert [p.text for p in doc.turns[7].paragraphs][-1] == "Thank you."
    first = doc.turns[4].paragraphs[0].content[0]
    assert isinstance(first, Annotation) and first.kind is AnnotationKind.ACTION


def test_seeking_alpha_without_blank_lines() -> None:
    doc = transcript.parse(NO_BLANKS)
    assert doc.metadata.style == "earnings-call"
    assert speakers_of_turns(doc) == [
        "Operator", "Marguerite Olsson", "Tobias Ankrah", "Operator", "Helena Quist",
        "Tobias Ankrah", "Operator", "Peter Vance", "Tobias Ankrah", "Samuel O'Dwyer",
        "Operator"]
    assert doc.metadata.title.startswith("Pellworth Foods Corporation (NYSE:PWF)")
    assert [p.text for p in doc.turns[2].paragraphs] == [
        "Thanks, Marguerite. Volumes grew 4% in the quarter.", "Pricing was flat."]
    assert "Question-and-Answer Session" in [b.text for b in doc.blocks if isinstance(b, Heading)]
    notes = [p.text for b in doc.blocks if isinstance(b, Prose) and b.kind is ProseKind.NOTE
             for p in b.paragraphs]
    assert len(notes) == 2 and notes[0].startswith("Copyright policy")
    assert doc.turns[-1].paragraphs[-1].text == "That concludes our call."


def test_motley_fool_layout_with_the_roster_at_the_end() -> None:
    doc = transcript.parse(FOOL)
    assert doc.metadata.style == "earnings-call"
    assert speakers_of_turns(doc) == [
        "Operator", "Ines Calloway", "Arvid Lindqvist", "Operator", "Kofi Mensah",
        "Arvid Lindqvist", "Operator"]
    speaker = {s.name: s for s in doc.speakers}
    assert speaker["Kofi Mensah"].affiliation == "Granger Partners"
    assert speaker["Kofi Mensah"].role is Role.INTERVIEWER
    assert speaker["Arvid Lindqvist"].aliases == ()
    assert doc.turns[2].paragraphs[0].text == (
        "Thanks, Ines. We had a strong quarter, and the new wells are ahead of plan.")
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings[:2] == ["Prepared Remarks", "Questions & Answers"]
    assert doc.turns[-1].paragraphs[-1].text == "This concludes the call."
    notes = [p.text for b in doc.blocks if isinstance(b, Prose) and b.kind is ProseKind.NOTE
             for p in b.paragraphs]
    assert notes == ["Duration: 42 minutes"]


def test_calls_are_detected() -> None:
    for text in (NO_BLANKS, FOOL):
        assert fit(Head.of(text)).style == "earnings-call"


def test_ordinary_interviews_and_other_styles_are_not_earnings_calls() -> None:
    interview = ("Interviewer: When did you start?\nJane Doe: In 1990.\n"
                 "Interviewer: Why?\nJane Doe: The pay: it was good.\n")
    # names alone on their line but no roster: not this style (FORMATS.md §8)
    no_roster = "Operator\n\nWelcome.\n\nJo Ames\n\nThanks.\n\nOperator\n\nNext.\n\nJo Ames\n\nOk.\n"
    others = [
        (CORPUS / case / "input.txt").read_text(encoding="utf-8")
        for case in ("oral-history", "press-briefing", "news-article-interview", "broadcast-caps")
    ]
    for text in (interview, no_roster, *others):
        assert not fit(Head.of(text)).fits
        assert transcript.parse(text).metadata.style != "earnings-call"


def test_nothing_is_lost() -> None:
    for text in (NO_BLANKS, FOOL):
        doc = read(normalise(text), ReadOptions())
        kept = kept_text(doc)
        for word in text.split():
            assert word.rstrip(":") in kept, word


def test_hostile_lines_do_not_crash_and_stay_linear() -> None:
    baits = [
        "x" * 100_000,
        "Tobias Ankrah" + " - x" * 30_000,
        "(" * 50_000 + "Operator" + ")" * 50_000,
        "[" * 30_000 + "Operator Instructions" + "]" * 30_000,
        "Company Participants" + " " * 100_000,
        "A " * 50_000 + "- Firm",
    ]
    for bait in baits:
        started = time.perf_counter()
        doc = read(normalise(NO_BLANKS.replace("Pricing was flat.", bait)), ReadOptions())
        assert time.perf_counter() - started < 2.0
        assert len(doc.turns) == 11


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Company Participants", "Jo Ames - CEO", "Analysts", "Kim Lee - Bank",
                         "Operator", "Jo Ames", "Kim Lee:", "", "Question-and-Answer Session",
                         "Copyright 2026", "Jo Ames -- CEO -- Analyst", "Duration: 4 min"])
        | st.text(max_size=40),
        max_size=30,
    ).map("\n".join)
)
def test_any_text_never_raises_anything_but_ours(text: str) -> None:
    try:
        read(normalise(text), ReadOptions())
    except TranscriptError:
        pass
