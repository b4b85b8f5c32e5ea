"""Streamed CSV downloads: rows are written while they are read from the database, one chunk
at a time, so a list of 100,000 rows takes the memory of one chunk, never of the whole list.
"""

import csv

from django.http import StreamingHttpResponse
from django.utils import translation

CHUNK_SIZE = 2000
# What a spreadsheet treats as the start of a formula: ASCII and the full-width forms that
# East Asian input methods type (LibreOffice and Excel accept those too), plus tab and
# carriage return, which some programs skip before reading a formula.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def cell(value):
    """The value as a spreadsheet cell that is never run as a formula ("CSV injection").

    Every spreadsheet the platform hands out passes its cells through here (Wagtail's own
    exports too: route2020.files.spreadsheets.install). A leading apostrophe makes the cell
    text (OWASP's advice). Non-text values (numbers, dates, None) are returned as they are:
    those are written as typed values, never as formulas. Leading spaces hide no formula.
    """
    if not isinstance(value, str):
        return value
    if value.lstrip(" ")[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def csv_safe(value):
    """`cell()` for a CSV row: None is an empty cell."""
    return "" if value is None else cell(value)


class _Line:
    """What csv.writer writes to: it hands the written line back instead of keeping it."""

    def write(self, line):
        return line


def in_chunks(rows, size):
    """Lists of at most `size` rows from an iterator, so that each chunk's related rows can
    be fetched with one query."""
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def csv_response(filename, header, chunks, *, delimiter=","):
    """A download of `header` and the rows of `chunks` (an iterable of lists of rows), one
    chunk of the response per chunk of rows. UTF-8 with a byte order mark, so that a
    spreadsheet reads "é" as "é". Lists the office opens in a Dutch Excel use ";"."""
    writer = csv.writer(_Line(), delimiter=delimiter)
    # The rows are made after the view has returned: in the language of the request.
    language = translation.get_language()

    def content():
        try:
            with translation.override(language):
                yield "\ufeff" + writer.writerow([csv_safe(cell) for cell in header])
                for chunk in chunks:
                    yield "".join(
                        writer.writerow([csv_safe(cell) for cell in row]) for row in chunk
                    )
        finally:
            # A download stopped halfway (the response closed) closes the database cursor
            # now, inside its transaction, not whenever the garbage collector gets to it.
            if hasattr(chunks, "close"):
                chunks.close()

    response = StreamingHttpResponse(content(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
