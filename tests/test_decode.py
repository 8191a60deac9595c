"""Decoding and normalisation: every input the readers see has passed through here."""

from __future__ import annotations

import codecs
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcript.decode import DecodedText, decode, normalise
from transcript.errors import DecodeError, TranscriptError
from transcript.model import Diagnostic, Severity

CORPUS = Path(__file__).parent / "data" / "corpus"
KURSK = CORPUS / "kursk-interview" / "input.txt"

INTERVIEW = (
    "Interviewer: Thank you for joining us. You were at the harbour that night?\n"
    "Dr. Okafor: I was. It was late — almost midnight — and the ferry hadn’t come in.\n"
    "Interviewer: What did you see?\n"
    "Dr. Okafor: Lights, first. Then the siren. Nobody knew what was happening.\n"
)

CP1252_TEXT = (
    "Interviewer: You’ve said the café was “the heart of the village.” Why?\n"
    "Mme Leclerc: Because everyone came — the baker, the mayor, the curé. "
    "We’d talk about the harvest, about the façade of the church, about nothing.\n"
    "Interviewer: And after the fire?\n"
    "Mme Leclerc: It’s gone. “Déjà vu,” my husband said, because it burned once before, in ’62.\n"
)

KOREAN_TEXT = (
    "기자: 북한군이 쿠르스크 지역에서 전투에 참여하고 있다는 정보를 어떻게 확인하셨습니까?\n"
    "국정원 관계자: 우리는 여러 경로를 통해 관련 정보를 수집하고 분석하고 있으며, "
    "현재 전투에 참여하고 있는 것으로 평가하고 있습니다. "
    "추가적인 내용은 확인되는 대로 알려드리겠습니다.\n"
)

JAPANESE_BRIEFING = (
    "記者：今回の決定について、どのようにお考えですか。\n"
    "大臣：私どもとしては、国民の皆様の安全を第一に考え、関係各国と緊密に連携しながら、"
    "必要な対応を速やかに進めてまいりたいと考えております。詳細については、改めてご説明いたします。\n"
)

JAPANESE_INTERVIEW = (
    "司会：本日はお忙しいところ、ありがとうございます。まず、今回の調査の目的について教えてください。\n"
    "田中：はい。私たちは、地域の高齢者がどのように買い物をしているのかを調べました。"
    "特に、バスの本数が減った地区では、車を持たない方の生活が大きく変わっています。\n"
)


def codes(decoded: DecodedText) -> list[str]:
    return [diagnostic.code for diagnostic in decoded.diagnostics]


# --- Encodings -------------------------------------------------------------------------------


def test_plain_utf8_costs_nothing_and_reports_nothing() -> None:
    data = KURSK.read_bytes()
    decoded = decode(data)
    assert decoded.text == unicodedata.normalize("NFC", data.decode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.diagnostics == ()


def test_utf8_bom_is_stripped() -> None:
    decoded = decode(codecs.BOM_UTF8 + INTERVIEW.encode("utf-8"))
    assert decoded.text == INTERVIEW
    assert decoded.encoding == "utf-8"
    assert decoded.diagnostics == ()


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom(bom: bytes, codec: str) -> None:
    decoded = decode(bom + (INTERVIEW + KOREAN_TEXT).encode(codec))
    assert decoded.text == INTERVIEW + KOREAN_TEXT
    assert decoded.encoding == codec
    assert decoded.diagnostics == ()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_bom_are_recognised_not_called_binary(codec: str) -> None:
    decoded = decode(INTERVIEW.encode(codec))
    assert decoded.text == INTERVIEW
    assert decoded.encoding == codec
    assert codes(decoded) == ["encoding-detected"]
    assert decoded.diagnostics[0].severity is Severity.INFO


def test_utf16_without_bom_in_cyrillic() -> None:
    text = (
        "Корреспондент: Что вы видели в тот вечер?\n"
        "Свидетель: Я был на кухне, когда услышал взрыв. Потом приехали пожарные.\n"
    )
    decoded = decode(text.encode("utf-16-le"))
    assert (decoded.text, decoded.encoding) == (text, "utf-16-le")


def test_cp1252_curly_quotes_are_detected_as_cp1252() -> None:
    decoded = decode(CP1252_TEXT.encode("cp1252"))
    assert decoded.text == CP1252_TEXT
    assert decoded.encoding == "cp1252"
    assert codes(decoded) == ["encoding-detected"]
    assert "cp1252" in decoded.diagnostics[0].message


def test_a_stray_cp1252_apostrophe_in_ascii_reads_as_cp1252_not_replacement() -> None:
    decoded = decode(b"Interviewer: It\x92s late. Where were you?\nWitness: At home, I think.\n")
    assert decoded.text.startswith("Interviewer: It’s late.")
    assert decoded.encoding == "cp1252"


def test_latin1_declared_text_without_declaration_comes_out_as_cp1252() -> None:
    text = "Journaliste : Qu’avez-vous vu ? Témoin : J’étais à la fenêtre, très tard.\n" * 3
    decoded = decode(text.replace("’", "'").encode("latin-1"))
    assert decoded.encoding == "cp1252"
    assert "Témoin" in decoded.text


@pytest.mark.parametrize("codec", ["cp949", "euc-kr"])
def test_korean_legacy_bytes_are_cp949(codec: str) -> None:
    decoded = decode(KOREAN_TEXT.encode(codec))
    assert decoded.text == KOREAN_TEXT
    assert decoded.encoding == "cp949"


@pytest.mark.parametrize("text", [JAPANESE_BRIEFING, JAPANESE_INTERVIEW])
@pytest.mark.parametrize("codec", ["cp932", "shift_jis"])
def test_japanese_shift_jis_is_cp932_not_korean(text: str, codec: str) -> None:
    decoded = decode(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == "cp932"


@pytest.mark.parametrize(
    ("name", "codec", "reported"),
    [
        ("korean-fullwidth", "euc-kr", "cp949"),
        ("japanese-fullwidth", "shift_jis", "cp932"),
        ("japanese-fullwidth", "euc_jp", "euc-jp"),
        ("kursk-interview", "cp1252", "cp1252"),
    ],
)
def test_corpus_documents_saved_in_legacy_encodings(name: str, codec: str, reported: str) -> None:
    text = (CORPUS / name / "input.txt").read_text(encoding="utf-8").removeprefix("\ufeff")
    decoded = decode(text.encode(codec))
    assert decoded.encoding == reported
    assert decoded.text == text


def test_japanese_euc_jp() -> None:
    decoded = decode(JAPANESE_BRIEFING.encode("euc_jp"))
    assert (decoded.text, decoded.encoding) == (JAPANESE_BRIEFING, "euc-jp")


def test_mostly_utf8_gets_replacement_characters_not_a_guessed_codec() -> None:
    lines = INTERVIEW.encode("utf-8").split(b"\n")
    lines[2] = b"Interviewer: What did you \x93see\x94?"  # two cp1252 quotes pasted in
    decoded = decode(b"\n".join(lines))
    assert decoded.encoding == "utf-8"
    assert decoded.text.split("\n")[2] == "Interviewer: What did you \ufffdsee\ufffd?"
    assert "— almost midnight —" in decoded.text  # the valid UTF-8 is not garbled
    assert decoded.diagnostics == (
        Diagnostic(
            "invalid-utf8",
            Severity.WARNING,
            "replaced 2 invalid UTF-8 bytes (0x93, 0x94) with U+FFFD",
            3,
        ),
    )


def test_invalid_utf8_gives_one_diagnostic_per_line() -> None:
    data = "Q: café?\r\nA: oui\xff\xfe\r\nQ: and\r\nA: non\xff\n".encode("latin-1")
    data = data.replace(b"caf\xe9", "café".encode())
    decoded = decode(data)
    assert [(d.code, d.line) for d in decoded.diagnostics] == [
        ("invalid-utf8", 2),
        ("invalid-utf8", 4),
    ]
    assert "2 invalid UTF-8 bytes" in decoded.diagnostics[0].message
    assert "1 invalid UTF-8 byte " in decoded.diagnostics[1].message


def test_utf8_bom_is_trusted_even_with_many_bad_bytes() -> None:
    decoded = decode(codecs.BOM_UTF8 + CP1252_TEXT.encode("cp1252"))
    assert decoded.encoding == "utf-8"
    assert "\ufffd" in decoded.text
    assert set(codes(decoded)) == {"invalid-utf8"}


# --- Declared encodings ----------------------------------------------------------------------


def test_declared_encoding_wins_over_utf8() -> None:
    data = "Café society".encode()  # valid UTF-8, but the user says cp1252
    decoded = decode(data, "cp1252")
    assert decoded.text == "CafÃ© society"
    assert decoded.encoding == "cp1252"


def test_declared_encoding_name_is_canonical() -> None:
    assert decode(INTERVIEW.encode("utf-8"), "UTF8").encoding == "utf-8"
    assert decode("Корреспондент: Да.".encode("koi8_r"), "KOI8_R").encoding == "koi8-r"


def test_declared_legacy_labels_read_as_their_web_supersets() -> None:
    uhc_only = "똠방각하"  # Hangul outside EUC-KR proper, common in cp949 files labelled EUC-KR
    decoded = decode((KOREAN_TEXT + uhc_only).encode("cp949"), "EUC-KR")
    assert (decoded.text, decoded.encoding) == (KOREAN_TEXT + uhc_only, "cp949")
    assert decode(JAPANESE_BRIEFING.encode("cp932"), "Shift_JIS").encoding == "cp932"
    decoded = decode(b"A: \x93Yes,\x94 he said.", "latin-1")
    assert (decoded.text, decoded.encoding) == ("A: “Yes,” he said.", "cp1252")


def test_declared_latin1_with_bytes_cp1252_lacks_falls_back_to_latin1() -> None:
    decoded = decode(b"A: caf\xe9\x81 ok", "iso-8859-1")
    assert (decoded.text, decoded.encoding) == ("A: café ok", "iso8859-1")
    assert codes(decoded) == ["control-character"]


def test_declared_utf8_strips_bom() -> None:
    assert decode(codecs.BOM_UTF8 + b"Q: hello?\nA: hi", "utf-8").text == "Q: hello?\nA: hi"


@pytest.mark.parametrize("name", ["no-such-codec", "", "hex", "rot13", "utf\x008"])
def test_unknown_or_non_text_encoding_is_a_decode_error(name: str) -> None:
    with pytest.raises(DecodeError):
        decode(b"Q: hello?\nA: hi", name)


def test_bytes_that_do_not_fit_the_declared_encoding_name_the_line() -> None:
    with pytest.raises(DecodeError, match=r"not valid utf-8: byte 0x92 on line 2"):
        decode(b"Q: hello?\nA: it\x92s me", "utf-8")


# --- Binary and empty input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_binary_signatures_are_refused(head: bytes, what: str) -> None:
    with pytest.raises(DecodeError, match=f"looks binary.*{what}"):
        decode(head + b"\x00" * 64 + b"some text afterwards")


def test_pdf_read_as_str_is_refused_too() -> None:
    with pytest.raises(DecodeError, match="PDF"):
        normalise("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")


def test_a_txt_full_of_nuls_is_binary() -> None:
    with pytest.raises(DecodeError, match=r"looks binary \(a NUL byte at offset 0\)"):
        decode(b"\x00" * 4096)


def test_text_with_a_nul_near_the_start_is_binary() -> None:
    with pytest.raises(DecodeError, match="offset 12"):
        decode(b"Q: hello?\nA:\x00\x01\x02\x03 hi there")


def test_nul_in_str_is_binary() -> None:
    with pytest.raises(DecodeError, match="binary"):
        normalise("Q: hello?\x00\nA: hi")


@pytest.mark.parametrize("data", [b"", b" ", b"\r\n\t \n\x0c", codecs.BOM_UTF8, b"\x1b\x07"])
def test_empty_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="empty"):
        decode(data)


@pytest.mark.parametrize("text", ["", "  \n ", "\ufeff", "\u2028\u2029"])
def test_empty_str_is_refused(text: str) -> None:
    with pytest.raises(DecodeError, match="empty"):
        normalise(text)


def test_decode_error_is_a_transcript_error() -> None:
    with pytest.raises(TranscriptError):
        decode(b"")


# --- Newlines, controls, normalisation -------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"Q: one?\r\nA: two.\r\nQ: three?\r\n",
        b"Q: one?\rA: two.\rQ: three?\r",
        b"Q: one?\r\nA: two.\rQ: three?\n",
    ],
)
def test_crlf_and_cr_become_lf_with_the_line_count_kept(data: bytes) -> None:
    decoded = decode(data)
    assert decoded.text == "Q: one?\nA: two.\nQ: three?\n"
    assert decoded.diagnostics == ()


def test_blank_crlf_lines_are_kept() -> None:
    assert normalise("Q: one?\r\n\r\n\r\nA: two.").text == "Q: one?\n\n\nA: two."


def test_form_feed_is_kept_as_a_page_break() -> None:
    decoded = decode(b"1  Q. Where were you?\r\n\x0c2  A. At home.\r\n")
    assert decoded.text == "1  Q. Where were you?\n\x0c2  A. At home.\n"
    assert decoded.diagnostics == ()


def test_controls_are_removed_with_a_diagnostic_on_their_line() -> None:
    decoded = normalise("Q: hello?\r\nA: fine\r\nQ: and \x1bthen\x9b? \x7f\r\nA: nothing.")
    assert decoded.text == "Q: hello?\nA: fine\nQ: and then? \nA: nothing."
    assert decoded.diagnostics == (
        Diagnostic(
            "control-character",
            Severity.WARNING,
            "removed 3 control characters (U+001B, U+009B, U+007F)",
            3,
        ),
    )


def test_a_nul_far_into_the_file_is_removed_not_fatal() -> None:
    body = "Q: a question that goes on?\nA: an answer.\n" * 300  # 12,600 characters, 600 lines
    decoded = decode((body + "Q: last\x00 one?\n").encode())
    assert decoded.text.endswith("Q: last one?\n")
    assert [(d.code, d.line) for d in decoded.diagnostics] == [("control-character", 601)]
    assert "U+0000" in decoded.diagnostics[0].message


def test_many_controls_on_one_line_are_listed_briefly() -> None:
    decoded = normalise("A: " + "".join(chr(c) for c in range(1, 9)) * 3 + "ok")
    (diagnostic,) = decoded.diagnostics
    assert diagnostic.message == (
        "removed 24 control characters (U+0001, U+0002, U+0003, U+0004, U+0005, …)"
    )


def test_noncharacters_are_removed_but_emoji_and_rare_han_are_kept() -> None:
    decoded = normalise("A: yes\ufffe \U0001fffe😀 \U00020000 \ufdd0done")
    assert decoded.text == "A: yes 😀 \U00020000 done"
    assert codes(decoded) == ["control-character"]
    assert "U+FFFE, U+1FFFE, U+FDD0" in decoded.diagnostics[0].message


def test_zero_width_and_bidi_controls_are_kept_for_the_reader() -> None:
    text = "\u200bEditor\u200d: \u2067مرحبا\u2069 and \u202eevil\u202c\ufeff ok"
    assert normalise(text).text == text
    assert normalise(text).diagnostics == ()


def test_lone_surrogate_in_str_becomes_replacement_character() -> None:
    decoded = normalise("Q: hello?\nA: broken \ud83d emoji")
    assert decoded.text == "Q: hello?\nA: broken \ufffd emoji"
    assert decoded.diagnostics == (
        Diagnostic(
            "lone-surrogate", Severity.WARNING, "replaced 1 lone surrogate (U+D83D) with U+FFFD", 2
        ),
    )


def test_text_is_nfc() -> None:
    decoded = decode("Interviewer: Cafe\u0301 or the\u0301a\u0302tre?".encode())
    assert decoded.text == "Interviewer: Café or théâtre?"
    assert decoded.diagnostics == ()


def test_nfc_applies_after_a_control_between_base_and_accent_is_removed() -> None:
    assert normalise("Cafe\x07\u0301").text == "Café"


def test_unicode_line_breaks_become_lf_and_are_reported() -> None:
    decoded = normalise("Q: one?\u2028A: two.\r\nQ: three?\u2029A: four.\x85Q: five?\u2028")
    assert decoded.text == "Q: one?\nA: two.\nQ: three?\n\nA: four.\nQ: five?\n"
    assert [(d.code, d.severity, d.line) for d in decoded.diagnostics] == [
        ("unicode-newline", Severity.INFO, 1),
        ("unicode-newline", Severity.INFO, 3),
        ("unicode-newline", Severity.INFO, 5),
    ]
    first = decoded.diagnostics[0].message
    assert "U+2028" in first and "2 times" in first
    assert "U+2029" in decoded.diagnostics[1].message
    assert "U+0085" in decoded.diagnostics[2].message


def test_line_numbers_count_converted_line_breaks() -> None:
    decoded = normalise("one\u2029two\r\nthree\u2028four \x1b")
    assert decoded.text.split("\n")[4] == "four "
    assert decoded.diagnostics[-1] == Diagnostic(
        "control-character", Severity.WARNING, "removed 1 control character (U+001B)", 5
    )


def test_normalise_reports_no_encoding_and_keeps_clean_text_as_is() -> None:
    decoded = normalise(INTERVIEW)
    assert decoded == DecodedText(INTERVIEW, None, ())


# --- Properties ------------------------------------------------------------------------------


def check_clean(text: str) -> None:
    assert "\r" not in text
    assert not any(ord(c) < 0x20 and c not in "\t\n\x0c" for c in text)
    assert not any("\ud800" <= c <= "\udfff" or c in "\x85\u2028\u2029" for c in text)
    assert unicodedata.is_normalized("NFC", text)
    assert text.strip()


@given(st.text())
def test_normalise_returns_clean_text_or_raises_decode_error(text: str) -> None:
    try:
        decoded = normalise(text)
    except DecodeError:
        return
    check_clean(decoded.text)
    assert decoded.encoding is None
    lines = decoded.text.count("\n") + 1
    assert all(d.line is None or 1 <= d.line <= lines for d in decoded.diagnostics)


@given(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00")))
def test_utf8_bytes_decode_like_the_same_str(text: str) -> None:
    try:
        expected = normalise(text)
    except DecodeError:
        with pytest.raises(DecodeError):
            decode(text.encode("utf-8"))
        return
    assert decode(text.encode("utf-8")).text == expected.text


@settings(max_examples=300)
@given(
    st.one_of(
        st.binary(),
        st.builds(
            lambda bom, tail: bom + tail,
            st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]),
            st.binary(),
        ),
        st.builds(lambda text, junk: text.encode() + junk, st.text(), st.binary(max_size=8)),
    )
)
def test_any_bytes_decode_or_raise_decode_error_only(data: bytes) -> None:
    try:
        decoded = decode(data)
    except DecodeError:
        return
    check_clean(decoded.text)
    assert decoded.encoding


@pytest.mark.slow
def test_large_utf8_input_decodes_in_linear_time() -> None:
    data = KURSK.read_bytes() * 1220  # about 8.5 MB
    started = time.perf_counter()
    decoded = decode(data)
    elapsed = time.perf_counter() - started
    assert decoded.encoding == "utf-8"
    assert elapsed < 1.0, f"decoding 8.5 MB took {elapsed:.2f} s"
