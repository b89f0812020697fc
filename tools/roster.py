"""Read a class list (roster) as schools and Excel really save them.

Used by ``tools/make_variants.py`` (per-student exercise numbers) and meant for any other
instructor tool that takes a class list (grading, issue 16): ``read_roster(path)`` returns the
students, ``canonical_id(text)`` the form of an id the kit uses everywhere.

What a roster may look like:

* **encoding**: UTF-8 (with or without the BOM Excel writes), GBK / GB18030 (what Excel and
  many school systems write on a Chinese Windows), or UTF-16 (Excel's "Unicode text"), each
  detected from the bytes;
* **columns**: ``student_id`` and ``name``, or ``学号`` and ``姓名`` (case, spaces and ``-``/``_``
  in English headers do not matter; other columns, such as a class or an e-mail, are ignored);
* **separator**: comma, semicolon (Excel in many European locales) or tab;
* **ids**: letters, digits, ``_ . -``; compared without regard to case or full-width forms:
  ``S-0042``, ``s-0042`` and ``Ｓ－００４２`` are one student, written ``S-0042``
  (``canonical_id``), so one id always gives one set of numbers.

A roster that cannot be used raises :class:`RosterError`; each problem is one line naming the
file and the line number (``class_a.csv, line 7: student_id 's-0042' repeats line 5 ...``).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: Accepted header names (after ``_header_key``) for each column the kit needs.
COLUMNS = {"student_id": ("student_id", "studentid", "学号"),
           "name": ("name", "student_name", "姓名")}
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_SAVE_HINT = "save it from Excel as 'CSV UTF-8' (or GBK / UTF-16 text)"


class RosterError(ValueError):
    """The roster cannot be used; every line of the message names a line of the file."""


@dataclass(frozen=True)
class Student:
    student_id: str       # canonical: see canonical_id
    name: str
    line: int = 0         # where the student is in the roster file (1 = the header)


@dataclass(frozen=True)
class Roster:
    """A roster as read: its students and how the file was written."""

    path: Path
    students: tuple[Student, ...]
    encoding: str
    separator: str

    def describe(self) -> str:
        return (f"{self.path.name}: {len(self.students)} students ({self.encoding}, "
                f"{SEPARATORS[self.separator]}-separated)")


def canonical_id(text) -> str:
    """The one spelling of a student id: full-width forms made plain, spaces trimmed, letters
    in upper case (``" ｓ-００４２ "`` → ``"S-0042"``)."""
    return unicodedata.normalize("NFKC", str(text)).strip().upper()


def decode(data: bytes, name: str = "roster") -> tuple[str, str]:
    """(text, encoding) of a roster's bytes: UTF-8 (BOM or not), UTF-16 (BOM, or the zero
    bytes of plain ASCII in UTF-16), else GB18030 (which includes GBK)."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "UTF-8 with BOM", name)
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _strict(data[2:], codec, "UTF-16", name)
    sample = data[:2000]
    if len(sample) >= 4 and sample[1::2].count(0) > 0.3 * len(sample) / 2:
        return _strict(data, "utf-16-le", "UTF-16", name)
    if len(sample) >= 4 and sample[0::2].count(0) > 0.3 * len(sample) / 2:
        return _strict(data, "utf-16-be", "UTF-16", name)
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_chinese(text):
        return text, "GBK/GB18030"
    line = data[:utf8_error.start].count(b"\n") + 1
    raise RosterError(f"{name}, line {line}: the file is not UTF-8, GBK/GB18030 or UTF-16 "
                      f"text (byte 0x{data[utf8_error.start]:02x}); {_SAVE_HINT}")


def _strict(data: bytes, codec: str, label: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(codec), label
    except UnicodeDecodeError as error:
        line = data[:error.start].decode(codec, errors="replace").count("\n") + 1
        raise RosterError(f"{name}, line {line}: the file starts like {label} but is not "
                          f"valid {label} text; {_SAVE_HINT}") from None


def _plausible_chinese(text: str) -> bool:
    """Whether text decoded as GB18030 reads as Chinese. Bytes that were really something else
    (Latin-1 "Müller" decodes to "M黮ler") give rare characters outside GB2312, the 6,763 common
    ones; names do use a few rare characters (喆, 堃), so most, not all, must be common."""
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return True
    if not all(unicodedata.category(ch).startswith(("L", "P", "Z", "S", "N")) for ch in wide):
        return False
    common = sum(1 for ch in wide if _in_gb2312(ch))
    return common >= 0.8 * len(wide)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _header_key(text: str) -> str:
    key = unicodedata.normalize("NFKC", text or "").strip().strip("\ufeff").lower()
    return re.sub(r"[\s\-]+", "_", key)


def _columns(header: list[str]) -> dict[str, int]:
    keys = [_header_key(h) for h in header]
    found = {}
    for column, names in COLUMNS.items():
        for k, key in enumerate(keys):
            if key in names:
                found[column] = k
                break
    return found


def detect_separator(header_line: str) -> str:
    """The separator that splits the header line into the kit's columns (else the one that
    splits it most: the error message then lists the columns as the file has them)."""
    best, best_count = ",", -1
    for separator in SEPARATORS:
        fields = next(csv.reader([header_line], delimiter=separator), [])
        if len(_columns(fields)) == len(COLUMNS):
            return separator
        if len(fields) > best_count:
            best, best_count = separator, len(fields)
    return best


def read_roster(path) -> Roster:
    """The students of a roster file, checked (see the module docstring)."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise RosterError(f"{path}: the roster file does not exist")
    text, encoding = decode(path.read_bytes(), name)
    lines = text.splitlines()
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise RosterError(f"{name}, line 1: the file is empty; it needs a header line "
                          f"'student_id,name' (or '学号,姓名') and one line per student")
    separator = detect_separator(lines[first])
    rows = list(csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=separator))
    header, number = rows[0], first + 1
    columns = _columns(header)
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        wanted = " and ".join(f"'{c}' (or '{COLUMNS[c][-1]}')" for c in missing)
        seen = ", ".join(repr(h.strip()) for h in header if h.strip()) or "none"
        raise RosterError(f"{name}, line {number}: no column {wanted}; the columns are "
                          f"{seen}. The first line must name the columns, e.g. "
                          f"'student_id,name' or '学号,姓名'")
    students, seen_ids, problems = [], {}, []
    for offset, row in enumerate(rows[1:], start=1):
        line = number + offset
        if not any(cell.strip() for cell in row):
            continue   # a blank line
        raw = row[columns["student_id"]].strip() if len(row) > columns["student_id"] else ""
        student_name = row[columns["name"]].strip() if len(row) > columns["name"] else ""
        student_id = canonical_id(raw)
        where = f"{name}, line {line}"
        if not student_id:
            problems.append(f"{where}: student_id is blank (name {student_name!r})")
        elif not SAFE_ID.match(student_id):
            problems.append(f"{where}: student_id {raw!r} may only contain letters, digits, "
                            f"'_', '.' and '-' (it names the student's folder)")
        elif student_id in seen_ids:
            other = seen_ids[student_id]
            same = "" if raw == other[1] else f" ({other[1]!r}: ids ignore upper/lower case)"
            problems.append(f"{where}: student_id {raw!r} repeats line {other[0]}{same}; "
                            f"ids must be unique")
        else:
            seen_ids[student_id] = (line, raw)
            students.append(Student(student_id, student_name, line))
    if problems:
        raise RosterError("\n".join(problems))
    if not students:
        raise RosterError(f"{name}, line {number + 1}: the roster lists no students (only "
                          f"the header line)")
    return Roster(path, tuple(students), encoding, separator)
