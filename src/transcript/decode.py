"""Bytes to clean text, once, at the one entry point every reader shares.

Readers never see a byte-order mark, a CR, a stray control character or an
unnormalised accent, so none of them has to handle those. Every repair is
reported with its line, because a transcript must not lose text silently.
The common case (valid UTF-8, nothing to clean) costs one decode, two scans
and a normalisation check, so multi-megabyte inputs stay fast.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable

import attrs

from .errors import DecodeError
from .model import Diagnostic, Severity

_SNIFF = 8000
"""How far to look for a NUL: the window git uses to call a file binary."""
_HANDFUL = 8
"""So few invalid bytes that the file is UTF-8 with damage, however short it is."""
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive, such as a .docx"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document, such as a .doc"),
    (b"\x1f\x8b", "gzip-compressed data"),
)
_BOMS = (  # UTF-32 LE first: its mark begins with UTF-16 LE's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Few candidates, because each one is another way to guess wrong. No latin-1 (cp1252 is what
# "latin-1" text really is), no euc-kr or shift_jis (cp949 and cp932 are their supersets).
_SINGLE_BYTE = ["cp1252", "cp1251", "koi8_r", "iso8859_2"]
_LEGACY = [*_SINGLE_BYTE, "cp949", "cp932", "euc_jp", "gb18030", "big5"]
_JAPANESE = ("cp932", "euc_jp")
_SUPERSETS = {"euc-kr": "cp949", "shift-jis": "cp932", "gb2312": "gb18030"}
_SUPERSETS.update({"iso8859-1": "cp1252", "ascii": "cp1252"})
"""What the WHATWG Encoding Standard decodes these labels as, because files say them loosely."""
_MEDIA_BULLET = "\x15"
"""U+0015 marks TalkBank CHAT media bullets (`\x15123_456\x15`): removed like any control
character, but reported once per document (the CHAT reader reads the times left between)."""
_BREAKS = {  # character -> (replacement, what the diagnostic says)
    "\x85": ("\n", "converted U+0085 NEXT LINE to a line break"),
    "\u2028": ("\n", "converted U+2028 LINE SEPARATOR to a line break"),
    "\u2029": ("\n\n", "converted U+2029 PARAGRAPH SEPARATOR to a blank line"),
}
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f"  # C0 but TAB, LF, FF (and CR, folded earlier); DEL; C1
    "\u2028\u2029\ud800-\udfff"  # Unicode line breaks; lone surrogates
    "\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]"  # noncharacters and astral candidates
)
"""One class, one scan; a single astral range searches ten times faster than 32 noncharacters."""
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_VALID_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
_HIGH_PAIR = re.compile(rb"[\x80-\xff]{2}")
_KANA = re.compile("[\u3041-\u30ff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


@attrs.frozen
class DecodedText:
    """Normalised text ready for a reader, with what decoding had to repair."""

    text: str
    """LF-only, NFC text; form feeds kept as page-break hints."""
    encoding: str | None
    """The encoding the bytes were decoded from; None when the input was already `str`."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Replacements and removals, each naming its line."""


def normalise(text: str) -> DecodedText:
    """Give `str` input the same guarantees as decoded bytes, so readers trust one contract."""
    _reject_signature(text[:16].encode("latin-1", "replace"))
    return _finish(text, None)


def decode(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode in order of trust: what the user declares, a BOM, UTF-8, then a careful guess."""
    _reject_signature(data[:16])
    if encoding is not None:
        return _finish(*_decode_declared(data, encoding))
    for bom, name in _BOMS:
        if data.startswith(bom):
            if name == "utf-8":
                return _from_utf8(data[len(bom) :], may_guess=False)
            try:
                return _finish(data[len(bom) :].decode(name), name)
            except UnicodeDecodeError as error:
                message = f"input starts with a {name} byte-order mark but is not {name}"
                raise DecodeError(f"{message} ({error.reason})") from None
    nul = data.find(b"\x00", 0, _SNIFF)
    if nul < 0:
        return _from_utf8(data, may_guess=True)
    wide = _wide_without_bom(data)
    if wide is None:
        raise DecodeError(f"input looks binary (a NUL byte at offset {nul}), not text")
    note = f"no byte-order mark; read as {wide[1]} from the pattern of zero bytes"
    return _finish(*wide, [Diagnostic("encoding-detected", Severity.INFO, note)])


def _from_utf8(data: bytes, *, may_guess: bool) -> DecodedText:
    """Prefer UTF-8 with a few U+FFFD over a guessed codec that would garble its valid part.

    A file with no valid multi-byte UTF-8 at all has nothing to garble, so a few
    high bytes in plain ASCII (`It\\x92s`) go to the detector: they are cp1252.
    """
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "surrogateescape")  # one U+DCxx per invalid byte
    few = len(_ESCAPED_BYTE.findall(text)) <= max(_HANDFUL, len(data) // 100)
    if not may_guess or (few and _VALID_NON_ASCII.search(text)):
        return _finish(text, "utf-8", escaped=True)
    guess = _detect(data)
    if guess is not None:
        note = f"not UTF-8; detected {guess[1]} (declare the encoding if this is wrong)"
        return _finish(*guess, [Diagnostic("encoding-detected", Severity.INFO, note)])
    if few:
        return _finish(text, "utf-8", escaped=True)
    raise DecodeError("input is not UTF-8 and its encoding could not be detected; declare it")


def _detect(data: bytes) -> tuple[str, str] | None:
    """Ask charset-normalizer, then correct the mistakes it makes on short transcripts.

    UHC (cp949) accepts nearly any Shift_JIS byte pair, so Japanese can come back
    as rare Hangul: a decoding rich in kana wins. Among single-byte codecs,
    cp1252 wins ties (French in latin-1 reads as iso8859-2 "Croatian" as often as
    not), and codecs that agree on every byte present are named cp1252.
    """
    isolation = _LEGACY if _HIGH_PAIR.search(data) else _SINGLE_BYTE  # CJK needs byte pairs
    decoded: list[tuple[str, str, float]] = []
    import charset_normalizer  # only legacy-encoded input pays for its import (~11 ms)

    for match in charset_normalizer.from_bytes(data, cp_isolation=isolation):
        try:
            decoded.append((data.decode(match.encoding), match.encoding, match.chaos))
        except (UnicodeDecodeError, LookupError):
            continue
    if not decoded:
        return None
    kana_rich = (d for d in decoded if d[1] in _JAPANESE and _kana_share(d[0]) >= 0.2)
    text, codec, chaos = next(kana_rich, decoded[0])
    if codec in _SINGLE_BYTE:
        western = next((d for d in decoded if d[1] == "cp1252"), None)
        if western is not None and western[2] <= chaos:
            text, codec = western[0], "cp1252"
        elif data.decode("cp1252", "replace") == text:
            codec = "cp1252"
    return text, _codec_name(codec)


def _kana_share(text: str) -> float:
    sample = text[:20_000]
    return len(_KANA.findall(sample)) / max(1, len(_NON_ASCII.findall(sample)))


def _wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """Recognise BOM-less UTF-16/32 by its zero bytes before calling the input binary."""
    size = min(len(data), _SNIFF) // 4 * 4
    quarter = size // 4
    zeros = [data[k:size:4].count(0) for k in range(4)]
    even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
    candidates = {
        "utf-32-le": 0 < zeros[2] == zeros[3] == quarter > zeros[0],
        "utf-32-be": 0 < zeros[0] == zeros[1] == quarter > zeros[3],
        "utf-16-le": odd * 10 > quarter * 2 and even * 20 < odd,  # zeros in >10% of odd bytes
        "utf-16-be": even * 10 > quarter * 2 and odd * 20 < even,
    }
    for codec in (codec for codec, likely in candidates.items() if likely):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return None


def _decode_declared(data: bytes, encoding: str) -> tuple[str, str]:
    """Honour the user's word, reading labels as browsers do: "euc-kr" means cp949."""
    try:
        name = _codec_name(encoding)
        superset = _SUPERSETS.get(name)
        if superset is not None:
            try:
                return data.decode(superset), superset
            except UnicodeDecodeError:
                pass  # cp1252 leaves five bytes undefined that latin-1 reads as C1 controls
        return data.decode(name), name
    except LookupError as error:
        raise DecodeError(f"unknown text encoding {encoding!r}") from error
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DecodeError(
            f"input is not valid {encoding}: byte 0x{data[error.start]:02X} on line {line} "
            f"(offset {error.start}) cannot be decoded ({error.reason})"
        ) from None
    except ValueError as error:  # other UnicodeErrors, or a NUL in the codec name
        raise DecodeError(f"input cannot be decoded as {encoding!r}: {error}") from None


def _codec_name(codec: str) -> str:
    return codecs.lookup(codec).name.replace("_", "-")


def _finish(
    text: str, encoding: str | None, notes: Iterable[Diagnostic] = (), *, escaped: bool = False
) -> DecodedText:
    """The single path every input takes, so `str` and bytes obey the same contract."""
    diagnostics = list(notes)
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\x00", 0, _SNIFF)
    if nul >= 0:
        raise DecodeError(f"input looks binary (a NUL character at position {nul}), not text")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    suspect = _SUSPECT.search(text)
    if suspect is not None:
        text = _repair(text, suspect.start(), diagnostics, escaped=escaped)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not text or text.isspace():
        raise DecodeError("input is empty" + (" (whitespace only)" if text else ""))
    return DecodedText(text, encoding, tuple(diagnostics))


def _repair(text: str, start: int, diagnostics: list[Diagnostic], *, escaped: bool) -> str:
    """Clean the text in one pass from the first bad character, counting lines as it goes."""
    pieces, last, line = [text[:start]], start, text.count("\n", 0, start) + 1
    breaks: dict[str, list[int]] = {}  # character -> [count, first line]
    found: dict[tuple[int, str], list[str]] = {}  # (line, code) -> characters
    surrogate_code = "invalid-utf8" if escaped else "lone-surrogate"
    for match in _SUSPECT.finditer(text, start):
        at, char = match.start(), match.group()
        if char > "\uffff" and ord(char) & 0xFFFE != 0xFFFE:
            continue  # an ordinary astral character, such as an emoji or a rare Han
        line += text.count("\n", last, at)
        pieces.append(text[last:at])
        last = at + 1
        if char in _BREAKS:
            breaks.setdefault(char, [0, line])[0] += 1
            pieces.append(_BREAKS[char][0])
            line += len(_BREAKS[char][0])
        elif char == _MEDIA_BULLET:
            breaks.setdefault(char, [0, line])[0] += 1
        elif "\ud800" <= char <= "\udfff":
            found.setdefault((line, surrogate_code), []).append(char)
            pieces.append("\ufffd")
        else:
            found.setdefault((line, "control-character"), []).append(char)
    pieces.append(text[last:])
    repairs = [
        Diagnostic(
            "unicode-newline",
            Severity.INFO,
            f"{_BREAKS[char][1]} {_plural(count, 'time')}, first on line {first}",
            first,
        )
        if char != _MEDIA_BULLET
        else Diagnostic(
            "media-bullet-marks",
            Severity.INFO,
            f"removed {_plural(count, 'U+0015 media-bullet mark')} (CHAT), first on line {first}",
            first,
        )
        for char, (count, first) in breaks.items()
    ]
    repairs.extend(_describe(code, chars, line) for (line, code), chars in found.items())
    diagnostics.extend(sorted(repairs, key=lambda diagnostic: diagnostic.line or 0))
    return "".join(pieces)


def _describe(code: str, chars: list[str], line: int) -> Diagnostic:
    """Name the code points (or bytes) so a user can find them in an editor."""
    if code == "invalid-utf8":
        listed = _listed(f"0x{ord(c) - 0xDC00:02X}" for c in chars)  # surrogateescape: U+DC00+byte
        message = f"replaced {_plural(len(chars), 'invalid UTF-8 byte')} ({listed}) with U+FFFD"
    elif code == "lone-surrogate":
        listed = _listed(f"U+{ord(c):04X}" for c in chars)
        message = f"replaced {_plural(len(chars), 'lone surrogate')} ({listed}) with U+FFFD"
    else:
        controls = all(unicodedata.category(c) == "Cc" for c in chars)
        what = "control character" if controls else "control or noncharacter code point"
        message = (
            f"removed {_plural(len(chars), what)} ({_listed(f'U+{ord(c):04X}' for c in chars)})"
        )
    return Diagnostic(code, Severity.WARNING, message, line)


def _listed(codes: Iterable[str]) -> str:
    distinct = list(dict.fromkeys(codes))
    return ", ".join(distinct[:5]) + (", …" if len(distinct) > 5 else "")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _reject_signature(head: bytes) -> None:
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise DecodeError(f"input looks binary ({what}), not text")
