"""The `transcript` command: argument handling only; the library does the work.

    transcript convert INPUT -o OUTPUT [--from STYLE] [--to FORMAT] ...
    transcript INPUT -o OUTPUT            (shorthand for convert)
    transcript inspect INPUT [--json]

Exit status: 0 success, 1 bad input (one line on stderr naming the file and the
problem), 2 usage (bad options, unknown format or suffix), 130 interrupted.
`main` returns the status instead of exiting, so tests can call it in-process.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

from . import __version__, api, registry, report
from .cli_options import add_writer_options, writer_options
from .errors import OptionError, TranscriptError, UnknownFormatError
from .fileio import MAX_INPUT_BYTES
from .model import Diagnostic, Role, Transcript

PROG = "transcript"
COMMANDS = ("convert", "inspect")
STDIO = "-"
"""`-` as INPUT means standard input; as OUTPUT, standard output."""

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

SPEAKERS_FILE_LIMIT = 1024 * 1024
"""A `--speakers` file larger than this (1 MiB) is refused."""

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BYTE_COUNT = re.compile(r"(?i)\s*(\d+)\s*([kmg]i?b?|b)?\s*")
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A problem with the options (not the input): reported on one line, exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default `sys.argv[1:]`) and return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | None = None
    try:
        try:
            args = build_parser().parse_args(_with_default_command(arguments))
        except SystemExit as exit_:  # argparse has printed usage, --help or --version
            return _status(exit_.code)
        handler: Handler = args.handler
        return handler(args)
    except (UnknownFormatError, UsageError, OptionError) as error:
        _fail(str(error))
        return EXIT_USAGE
    except TranscriptError as error:
        _fail(_naming_the_file(str(error), args))
        return EXIT_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of our output went away (`| head`): stop quietly
        _silence_stdout()
        return EXIT_OK
    except Exception as error:  # a bug, never the input's fault: still no traceback
        _fail(f"internal error: {type(error).__name__}: {error}")
        return EXIT_INPUT


def run() -> NoReturn:
    """The `transcript` command: `main`, then exit without tearing the interpreter down.

    When `main` returns, the output file is written, synced and renamed; all a
    normal exit would still do is free the document's objects one by one
    (about 20 ms at 10,000 turns, longer than writing the file). So, as mypy's
    command does, this flushes the standard streams and leaves with `os._exit`.
    Embedders call `main` (or the API), which returns normally.
    """
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `| head` went away: nothing more to say to it
        pass
    except (OSError, ValueError) as error:  # e.g. stdout redirected to a full disk
        _fail(f"cannot write the output: {error}")
        status = status or EXIT_INPUT
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(status)


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, sized to the terminal as it would be, without importing shutil.

    argparse makes a formatter for every `add_argument` and sizes it with
    `shutil.get_terminal_size`; importing shutil (and with it lzma and bz2) cost
    every run about 3 ms before any work began.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    """COLUMNS, else the terminal's width, else 80: `shutil.get_terminal_size`'s rule."""
    with contextlib.suppress(KeyError, ValueError):
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; format and style choices come from the registry."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        formatter_class=_HelpFormatter,
        description="Read speaker-labelled interview text; write it as "
        + ", ".join(registry.writer_names())
        + "; report what was read.",
        epilog=f"'{PROG} INPUT -o OUTPUT' is short for '{PROG} convert INPUT -o OUTPUT'. "
        "Exit status: 0 success, 1 bad input, 2 usage.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    reading = _reading_options()

    convert = commands.add_parser(
        "convert",
        parents=[reading],
        formatter_class=_HelpFormatter,
        help="read INPUT and write it to OUTPUT",
        description="Read INPUT and write it to OUTPUT, the format taken from --to or "
        "from OUTPUT's suffix. The output is replaced atomically: on failure no file is "
        "written and an existing one is left as it was.",
    )
    convert.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="file to write, or '-' for standard output (JSON unless --to says otherwise)",
    )
    convert.add_argument(
        "--to",
        choices=registry.writer_names(),
        metavar="FORMAT",
        help="output format, overriding OUTPUT's suffix: " + ", ".join(registry.writer_names()),
    )
    add_writer_options(convert)
    convert.set_defaults(handler=_convert)

    inspect = commands.add_parser(
        "inspect",
        parents=[reading],
        formatter_class=_HelpFormatter,
        help="report speakers, turns, the detected style and the diagnostics",
        description="Read INPUT and report how it was read: style, encoding, metadata, "
        "speakers with their turns and words, blocks, and every diagnostic.",
    )
    inspect.add_argument("--json", action="store_true", help="print the report as JSON")
    inspect.set_defaults(handler=_inspect)
    return parser


def _reading_options() -> argparse.ArgumentParser:
    """Options shared by every command that reads an input."""
    options = argparse.ArgumentParser(add_help=False, formatter_class=_HelpFormatter)
    options.add_argument("input", metavar="INPUT", help="file to read, or '-' for standard input")
    options.add_argument(
        "--from",
        dest="style",
        default=registry.AUTO,
        choices=registry.style_names(),
        metavar="STYLE",
        help="input style (default: %(default)s, detected): a reader ("
        + ", ".join(registry.reader_names())
        + ") or one of the style ids it reads (see `docs/reading.md`)",
    )
    options.add_argument(
        "--encoding",
        type=_encoding,
        metavar="ENC",
        help="the input's character encoding (default: detected)",
    )
    options.add_argument(
        "--speaker",
        dest="speaker",
        action="append",
        type=_speaker_pair,
        default=[],
        metavar="LABEL=NAME",
        help="the speaker a label stands for, e.g. 'JT=Dr. Jane Thompson' (repeatable)",
    )
    options.add_argument(
        "--speakers",
        dest="speakers_file",
        metavar="FILE",
        help="UTF-8 file of 'LABEL = NAME' lines (# comments), or a .json object",
    )
    options.add_argument(
        "--role",
        dest="role",
        action="append",
        type=_role_pair,
        default=[],
        metavar="LABEL=ROLE",
        help="the role of a label or name, e.g. 'Editor=interviewer' (repeatable); roles: "
        + ", ".join(role.value for role in Role),
    )
    options.add_argument(
        "--max-bytes",
        type=_byte_count,
        default=MAX_INPUT_BYTES,
        metavar="N",
        help="refuse inputs larger than N bytes; K, M, G suffixes allowed "
        f"(default: {MAX_INPUT_BYTES // 1024**2}M)",
    )
    return options


# Commands -------------------------------------------------------------------


def _convert(args: argparse.Namespace) -> int:
    speakers, roles = _overrides(args)
    to_stdout = args.output == STDIO
    entry = (
        registry.find_writer(args.to or "json")
        if args.to or to_stdout
        else registry.writer_for_path(args.output)
    )
    options = writer_options(entry.name, args)
    warn = _warner(args)
    if to_stdout:
        if not _is_text(entry.media_type) and _is_terminal(sys.stdout):
            raise UsageError(
                f"not writing {entry.name} to a terminal; use -o FILE or redirect the output"
            )
        doc = _load(args, speakers, roles)
        _write_stdout_bytes(api.render(doc, entry.name, options, report=warn))
    else:
        api.convert(
            _source(args.input),
            args.output,
            to=args.to,
            style=args.style,
            encoding=args.encoding,
            speakers=speakers,
            roles=roles,
            options=options,
            max_bytes=args.max_bytes,
            report=warn,
        )
    return EXIT_OK


def _warner(args: argparse.Namespace) -> Callable[[Diagnostic], None]:
    """Print a writer's diagnostic as a `warning:` line on stderr (the output is still written)."""
    name = _display_name(args.input)

    def warn(diagnostic: Diagnostic) -> None:
        where = f"{name}:{diagnostic.line}" if diagnostic.line else name
        _fail(f"warning: {where}: {diagnostic.message}")

    return warn


def _inspect(args: argparse.Namespace) -> int:
    speakers, roles = _overrides(args)
    doc = _load(args, speakers, roles)
    render = report.render_json if args.json else report.render_text
    detected = args.style == registry.AUTO
    _write_stdout_text(render(doc, _display_name(args.input), detected=detected))
    return EXIT_OK


def _load(args: argparse.Namespace, speakers: dict[str, str], roles: dict[str, Role]) -> Transcript:
    return api.load(
        _source(args.input),
        args.style,
        encoding=args.encoding,
        speakers=speakers,
        roles=roles,
        max_bytes=args.max_bytes,
    )


# Option values ----------------------------------------------------------------


def _with_default_command(arguments: list[str]) -> list[str]:
    """`transcript INPUT -o OUTPUT` means `transcript convert INPUT -o OUTPUT`.

    Only when the first argument is not a command or a top-level option and an
    output is given, so a mistyped command is still reported as one.
    """
    if not arguments or arguments[0] in (*COMMANDS, "-h", "--help", "--version"):
        return arguments
    gives_output = any(
        argument in ("-o", "--output")
        or argument.startswith("--output=")
        or (argument.startswith("-o") and not argument.startswith("--"))
        for argument in arguments
    )
    return ["convert", *arguments] if gives_output else arguments


def _split_pair(value: str, example: str) -> tuple[str, str]:
    key, sep, val = value.partition("=")
    if not sep or not key.strip() or not val.strip():
        raise argparse.ArgumentTypeError(f"expected {example}, got {value!r}")
    return key.strip(), val.strip()


def _speaker_pair(value: str) -> tuple[str, str]:
    return _split_pair(value, "LABEL=NAME, e.g. 'JT=Dr. Jane Thompson'")


def _role_pair(value: str) -> tuple[str, Role]:
    label, name = _split_pair(value, "LABEL=ROLE, e.g. 'Editor=interviewer'")
    try:
        return label, Role(name.lower())
    except ValueError:
        valid = ", ".join(role.value for role in Role)
        raise argparse.ArgumentTypeError(f"unknown role {name!r}; choose one of: {valid}") from None


def _encoding(value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from None
    return value


def _byte_count(value: str) -> int:
    match = _BYTE_COUNT.fullmatch(value)
    if not match or int(match[1]) <= 0:
        raise argparse.ArgumentTypeError(
            f"expected a positive number of bytes such as 1000000 or 64M, got {value!r}"
        )
    return int(match[1]) * _UNITS[(match[2] or "")[:1].lower()]


def _overrides(args: argparse.Namespace) -> tuple[dict[str, str], dict[str, Role]]:
    """The `speakers` and `roles` mappings: the --speakers file, then --speaker on top."""
    speakers = read_speakers_file(args.speakers_file) if args.speakers_file else {}
    speakers.update(args.speaker)
    return speakers, dict(args.role)


def read_speakers_file(path: str) -> dict[str, str]:
    """Label → name pairs from a `LABEL = NAME` text file or a JSON object; UsageError if bad."""
    data = _read_option_file(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = data[: error.start].count(b"\n") + 1
        raise UsageError(f"{path}:{where}: not UTF-8 text") from None
    if Path(path).suffix.lower() == ".json":
        return _speakers_from_json(path, text)
    speakers: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        label, sep, name = (part.strip() for part in stripped.partition("="))
        if not sep or not label or not name:
            raise UsageError(f"{path}:{number}: expected 'LABEL = NAME', got {stripped!r}")
        if label in first_seen:
            raise UsageError(
                f"{path}:{number}: label {label!r} already given on line {first_seen[label]}"
            )
        speakers[label], first_seen[label] = name, number
    return speakers


def _speakers_from_json(path: str, text: str) -> dict[str, str]:
    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise UsageError(f"{path}: label {key!r} given twice")
            seen.add(key)
        return dict(pairs)

    try:
        value = json.loads(text, object_pairs_hook=unique)
    except json.JSONDecodeError as error:
        raise UsageError(f"{path}:{error.lineno}: not valid JSON: {error.msg}") from None
    except RecursionError:
        raise UsageError(f"{path}: JSON nested too deeply") from None
    if not isinstance(value, dict):
        raise UsageError(f'{path}: expected a JSON object such as {{"JT": "Dr. Jane Thompson"}}')
    for label, name in value.items():
        if not isinstance(name, str) or not name.strip() or not label.strip():
            raise UsageError(f"{path}: the name for label {label!r} must be a non-empty string")
    return {label.strip(): name.strip() for label, name in value.items()}


def _read_option_file(path: str) -> bytes:
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(SPEAKERS_FILE_LIMIT + 1)
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(data) > SPEAKERS_FILE_LIMIT:
        raise UsageError(f"{path}: larger than {SPEAKERS_FILE_LIMIT:,} bytes")
    return data


# Input, output and messages ----------------------------------------------------


def _source(name: str) -> str | IO[bytes] | IO[str]:
    if name != STDIO:
        return name
    if sys.stdin is None:
        raise UsageError("'-' means standard input, but there is none")
    stream: IO[bytes] | IO[str] = getattr(sys.stdin, "buffer", sys.stdin)
    return stream


def _display_name(name: str) -> str:
    return "<stdin>" if name == STDIO else name


def _is_text(media_type: str) -> bool:
    return media_type.startswith("text/") or media_type.endswith(("json", "+xml"))


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _write_stdout_bytes(payload: bytes) -> None:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout without a byte layer: text formats only
        sys.stdout.write(payload.decode("utf-8", "replace"))
    else:
        buffer.write(payload)
        buffer.flush()


def _write_stdout_text(text: str) -> None:
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # a terminal that cannot show some characters
        encoding = sys.stdout.encoding or "ascii"
        sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))
    sys.stdout.flush()


def _naming_the_file(message: str, args: argparse.Namespace | None) -> str:
    """`FILE: message`, unless the message already starts with the input or output name."""
    if args is None:
        return message
    names = {_display_name(args.input)}
    for name in (args.input, getattr(args, "output", STDIO)):
        if name != STDIO:
            names |= {name, str(Path(name))}
    if any(message.startswith(f"{name}:") for name in names):
        return message
    return f"{_display_name(args.input)}: {message}"


def _fail(message: str) -> None:
    """One line on stderr, every character from the input escaped for the terminal."""
    with contextlib.suppress(OSError, ValueError):
        print(f"{PROG}: {report.escape_terminal(message)}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        target = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, target)
        os.close(devnull)


def _status(code: object) -> int:
    if code is None:
        return EXIT_OK
    return code if isinstance(code, int) else EXIT_INPUT
