"""The plain 'Label: text' reader on the reference document and on small real-looking texts."""

from __future__ import annotations

from pathlib import Path

import transcript
from transcript import (
    Annotation,
    AnnotationKind,
    Heading,
    Prose,
    ProseKind,
    Role,
    Text,
    Timestamp,
    Turn,
)

KURSK = Path(__file__).parent / "data" / "corpus" / "kursk-interview" / "input.txt"


def prose(doc: transcript.Transcript, kind: ProseKind) -> list[str]:
    return [p.text for b in doc.blocks if isinstance(b, Prose) and b.kind is kind
            for p in b.paragraphs]


def test_reference_document_reads_as_designed() -> None:
    doc = transcript.load(KURSK)
    lines = KURSK.read_text(encoding="utf-8").split("\n")
    assert doc.metadata.title == lines[12].removeprefix("Title: ")
    editor, guest = doc.speakers
    assert (editor.name, editor.affiliation, editor.role) == ("Editor", "Time.news", Role.INTERVIEWER)
    assert editor.aliases == ("Editor (Time.news)",)
    assert (guest.name, guest.aliases, guest.role) == (
        "Dr. Jane Thompson", ("Dr. Thompson",), Role.INTERVIEWEE)
    turns = doc.turns
    assert len(turns) == 15
    assert [t.speaker for t in turns] == [editor.id, guest.id] * 7 + [editor.id]
    assert turns[0].label == "Editor (Time.news)" and turns[3].label == "Dr. Thompson"
    # the article: six intro paragraphs, in order, before any turn
    assert prose(doc, ProseKind.INTRO)[:6] == lines[:6]
    assert prose(doc, ProseKind.BYLINE) == [lines[7], lines[8]]
    first_turn = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Turn))
    assert all(not isinstance(b, Turn) for b in doc.blocks[:first_turn])
    # debris: out of the body, diagnosed with its line number
    debris = [(d.line, d.code) for d in doc.diagnostics if d.code == "scrape-debris"]
    assert debris == [(7, "scrape-debris"), (10, "scrape-debris")]
    body = " ".join(doc.iter_text())
    assert "rnrn" not in body and "<h3" not in body
    # site chrome and the teaser are kept, never a speaker
    assert "Hot news now" in body and lines[11] in body
    assert doc.turns[-1].paragraphs[-1].text.endswith("updates on this developing story.")


def test_each_turn_records_its_source_lines() -> None:
    doc = transcript.load(KURSK)
    assert doc.turns[0].span is not None and doc.turns[0].span.first_line == 14
    assert doc.turns[-1].span is not None and doc.turns[-1].span.last_line == 28


def test_unlabelled_paragraphs_continue_the_turn_and_notes_do_not() -> None:
    doc = transcript.parse(
        "Host: Welcome to the show.\n\n"
        "We have a lot to cover today.\n\n"
        "Guest: Thanks for having me.\n\n"
        "Related: More interviews https://example.com/more\n"
    )
    host, guest = doc.turns
    assert [p.text for p in host.paragraphs] == [
        "Welcome to the show.", "We have a lot to cover today."]
    assert [p.text for p in guest.paragraphs] == ["Thanks for having me."]
    assert prose(doc, ProseKind.NOTE) == ["Related: More interviews https://example.com/more"]


def test_wrapped_lines_join_into_one_paragraph_when_blank_lines_separate_paragraphs() -> None:
    doc = transcript.parse(
        "Interviewer: When did you first come to the\nvalley, and why?\n\n"
        "Mary Lee: In 1962. My father found work\nat the mill.\n\n"
        "It was a hard winter.\n"
    )
    asked, answered = doc.turns
    assert [p.text for p in asked.paragraphs] == ["When did you first come to the valley, and why?"]
    assert [p.text for p in answered.paragraphs] == [
        "In 1962. My father found work at the mill.", "It was a hard winter."]


def test_colons_that_are_not_labels_stay_text() -> None:
    doc = transcript.parse(
        "Editor: The meeting is at 10:30 and the ratio was 3:1.\n"
        "Ana Ruiz: See https://example.org/report for details.\n"
        "Bottom line: nobody expected it.\n"
        "Editor: Why?\n"
        "Ana Ruiz: Because the answer is simple: money.\n"
    )
    assert [s.name for s in doc.speakers] == ["Editor", "Ana Ruiz"]
    assert len(doc.turns) == 4
    second = doc.turns[1]
    assert [p.text for p in second.paragraphs] == [
        "See https://example.org/report for details.", "Bottom line: nobody expected it."]
    rejected = [d for d in doc.diagnostics if d.code == "label-rejected"]
    assert [d.line for d in rejected] == [3]


def test_metadata_lines_at_the_top_are_metadata_not_speakers() -> None:
    doc = transcript.parse(
        "Title: Water and Power\nDate: 3 May 2027\nLocation: Port Averly\n"
        "Note: Edited for length.\n"
        "Q: What changed?\nA: Everything.\n"
    )
    assert doc.metadata.title == "Water and Power"
    assert doc.metadata.date == "3 May 2027"
    assert doc.metadata.location == "Port Averly"
    assert [s.name for s in doc.speakers] == ["Q", "A"]
    assert [s.role for s in doc.speakers] == [Role.INTERVIEWER, Role.INTERVIEWEE]
    assert prose(doc, ProseKind.NOTE) == ["Note: Edited for length."]


def test_inline_annotations_and_timestamps() -> None:
    doc = transcript.parse(
        "Host: [00:01:05] So tell me (laughs) about the drones (the small ones).\n"
        "Guest: It was [inaudible 00:12:31] and then (CROSSTALK) we stopped.\n"
    )
    host, guest = doc.turns
    content = host.paragraphs[0].content
    assert content[0] == Timestamp(65.0, "[00:01:05]")
    assert Annotation(AnnotationKind.LAUGHTER, "(laughs)") in content
    assert host.paragraphs[0].text == " So tell me  about the drones (the small ones)."
    kinds = [n.kind for n in guest.paragraphs[0].content if isinstance(n, Annotation)]
    assert kinds == [AnnotationKind.INAUDIBLE, AnnotationKind.CROSSTALK]
    inaudible = next(n for n in guest.paragraphs[0].content if isinstance(n, Annotation))
    assert inaudible.seconds == 12 * 60 + 31


def test_broadcast_header_gives_programme_title_and_air_date() -> None:
    doc = transcript.parse(
        "NIGHTLY NEWS WITH ANA RUIZ\n\nMayor Defends Budget\n\n"
        "Aired March 3, 2027 - 19:00 ET\n\n"
        "ANA RUIZ, HOST: Good evening.\n\nRUIZ: Mayor, welcome.\n\n"
        "TOM BAKER, MAYOR OF EASTON: Thank you.\n\n(CROSSTALK)\n\nBAKER: Let me finish.\n"
    )
    assert doc.metadata.source == "NIGHTLY NEWS WITH ANA RUIZ"
    assert doc.metadata.title == "Mayor Defends Budget"
    assert doc.metadata.date == "Aired March 3, 2027 - 19:00 ET"
    ruiz, baker = doc.speakers
    assert (ruiz.name, ruiz.role) == ("ANA RUIZ", Role.HOST)
    assert (baker.name, baker.affiliation, baker.role) == ("TOM BAKER", "MAYOR OF EASTON", Role.GUEST)
    cue = [b for b in doc.blocks if isinstance(b, Prose) and b.kind is ProseKind.NARRATION]
    assert len(cue) == 1 and isinstance(cue[0].paragraphs[0].content[0], Annotation)


def test_text_without_labels_is_prose_with_a_diagnostic() -> None:
    doc = transcript.parse("Just a paragraph of text.\n\nAnother one, with no speakers at all.\n")
    assert doc.turns == () and doc.speakers == ()
    assert "no-speaker-labels" in [d.code for d in doc.diagnostics]
    assert prose(doc, ProseKind.INTRO) == [
        "Just a paragraph of text.", "Another one, with no speakers at all."]


def test_headline_on_the_first_line_is_the_title() -> None:
    doc = transcript.parse("A Life in Trains\n\nQ: Where were you born?\n\nA: In Lyon.\n")
    assert doc.metadata.title == "A Life in Trains"
    assert not any(isinstance(b, Heading) for b in doc.blocks)


def test_style_and_encoding_are_recorded() -> None:
    doc = transcript.load(KURSK)
    assert doc.metadata.style == "news-article-interview"
    assert doc.metadata.encoding == "utf-8"
    detected = [d.message for d in doc.diagnostics if d.code == "style-detected"]
    assert len(detected) == 1 and detected[0].startswith("read as news-article-interview")
    forced = transcript.load(KURSK, style="plain")
    assert not any(d.code == "style-detected" for d in forced.diagnostics)
    assert transcript.parse("Q: x\nA: y\n").metadata.encoding is None


def test_text_runs_keep_their_words() -> None:
    doc = transcript.parse("Editor: Hello there.\n")
    assert doc.turns[0].paragraphs[0].content == (Text("Hello there."),)


def turn_texts(doc: transcript.Transcript) -> list[tuple[str, list[str]]]:
    return [(t.label, [p.text for p in t.paragraphs]) for t in doc.turns]


def test_a_cue_line_inside_an_answer_does_not_take_the_rest_of_it() -> None:
    doc = transcript.parse(
        "Interviewer: How was it?\nJane Doe: I was so scared.\n(laughs)\n"
        "But then it was fine.\nInterviewer: Good."
    )
    jane = doc.turns[1]
    assert [p.text for p in jane.paragraphs] == ["I was so scared.", "", "But then it was fine."]
    assert isinstance(jane.paragraphs[1].content[0], Annotation)
    assert not any(isinstance(b, Prose) for b in doc.blocks)


def test_speech_that_starts_like_a_byline_or_a_list_stays_speech() -> None:
    doc = transcript.parse(
        "Interviewer: Where did you go?\nJane Doe: Texas.\nby 1990 we were settled.\n"
        "By Christmas we had a house.\n* money\nInterviewer: Ok."
    )
    assert turn_texts(doc)[1] == ("Jane Doe", [
        "Texas.", "by 1990 we were settled.", "By Christmas we had a house.", "* money"])


def test_labels_typed_without_a_space_after_the_colon() -> None:
    doc = transcript.parse("Q:Where were you born?\nA:In Leeds.\n기자:그다음은요?\n한 교수:서울.")
    assert [t.label for t in doc.turns] == ["Q", "A", "기자", "한 교수"]
    assert transcript.parse("Q: See ISBN:978 and http://x.org\nA: ok").turns[0].paragraphs[
        0].text == "See ISBN:978 and http://x.org"


def test_rnrn_inside_real_speech_is_removed_not_the_speech() -> None:
    doc = transcript.parse("Jane: I think so.\nThank you all rnrn for coming.\nrnrn\n")
    assert turn_texts(doc) == [("Jane", ["I think so.", "Thank you all for coming."])]
    debris = [d for d in doc.diagnostics if d.code == "scrape-debris"]
    assert [d.line for d in debris] == [2, 3]
    assert "Thank you all rnrn for coming." in debris[0].message


def test_hard_wrapped_lines_join_without_blank_lines_too() -> None:
    doc = transcript.parse(
        "Interviewer: So tell me about the\nearly years, when you came here.\n"
        "Narrator: I came in\n1962 with nothing.\nIt was hard.\n"
    )
    assert turn_texts(doc) == [
        ("Interviewer", ["So tell me about the early years, when you came here."]),
        ("Narrator", ["I came in 1962 with nothing.", "It was hard."]),
    ]


def test_numbered_speaker_placeholders_are_labels() -> None:
    doc = transcript.parse("Speaker 1: How long?\nSpeaker 2: 20 years.\nSpeaker 1: Wow.")
    assert [s.name for s in doc.speakers] == ["Speaker 1", "Speaker 2"]


def test_a_note_word_that_recurs_as_a_label_is_a_speaker() -> None:
    doc = transcript.parse(
        "Interviewer: Why did you write it?\nAuthor: Because I had to.\n"
        "Interviewer: And now?\nAuthor: Now I rest.\nNote: edited.\n"
    )
    assert [s.name for s in doc.speakers] == ["Interviewer", "Author"]
    assert prose(doc, ProseKind.NOTE) == ["Note: edited."]
    declared = transcript.parse("Q: Hi?\nAuthor: Hello.", speakers={"Author": "Jane Doe"})
    assert [s.name for s in declared.speakers] == ["Q", "Jane Doe"]


def test_credits_and_closing_chrome_stay_out_of_the_turns() -> None:
    doc = transcript.parse(
        "記者：まず。\n森田：ええ。\n文：山田太郎\n\n"
    )
    assert [s.name for s in doc.speakers] == ["記者", "森田"]
    assert prose(doc, ProseKind.BYLINE) == ["文：山田太郎"]
    closing = transcript.parse(
        "Jane Smith: Thanks?\nHost: Sure.\nJane Smith: My pleasure.\n\n"
        "This interview has been edited for length and clarity.\n"
        "Copyright © 2021 Radio Example. All rights reserved.\n"
    )
    assert turn_texts(closing)[-1] == ("Jane Smith", ["My pleasure."])
    assert len(prose(closing, ProseKind.NOTE)) == 2


def test_a_one_off_headline_word_is_not_a_speaker() -> None:
    doc = transcript.parse(
        "Exclusive: An Interview with Dr. Jane Thompson\nBy Sam Lee\n\n"
        "Editor: Hi?\nDr. Jane Thompson: Hello.\n"
    )
    assert [s.name for s in doc.speakers] == ["Editor", "Dr. Jane Thompson"]
    assert doc.metadata.title == "Exclusive: An Interview with Dr. Jane Thompson"
    assert prose(doc, ProseKind.BYLINE) == ["By Sam Lee"]


def test_names_in_indic_scripts_are_labels() -> None:
    doc = transcript.parse("पत्रकार: आप कैसे हैं?\nराहुल गांधी: ठीक हूँ।\nகமல்: சரி.")
    assert [s.name for s in doc.speakers] == ["पत्रकार", "राहुल गांधी", "கமல்"]
    assert doc.speakers[2].id == "கமல்"


def test_bracketed_words_that_merely_start_like_cues_stay_text() -> None:
    doc = transcript.parse("Host: He was a (music teacher at the time) in the (recession years).")
    assert all(isinstance(n, Text) for n in doc.turns[0].paragraphs[0].content)
