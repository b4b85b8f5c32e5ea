"""Every string marked for translation reaches the catalogue.

makemessages (xgettext) does not look inside f-strings: `f"{_('vol')}"` is translated at run
time only if the same Dutch text happens to be marked somewhere else, and a mail subject
written that way stayed Dutch for English readers. Mark the text outside the f-string.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "route2020"
# An f-string on one line that calls a translation function inside its braces.
MARK_IN_FSTRING = re.compile(
    r"""\b[rR]?[fF][rR]?(["']).*?\{[^}]*\b(_|gettext|gettext_lazy|pgettext|pgettext_lazy"""
    r"""|ngettext|ngettext_lazy)\("""
)


def marks_in_fstrings(path):
    return [
        f"{path}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MARK_IN_FSTRING.search(line)
    ]


def test_no_translation_call_inside_an_f_string():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts and "tests" not in path.parts:
            found += marks_in_fstrings(path)
    assert found == []


def test_the_check_finds_one(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "a = f\"{label} ({_('vol')})\"\nb = f\"[Route 2020] {gettext('Morgen')}: {x}\"\n"
        'c = f"{label} ({full})"\nd = _(f"{x}")\n',
        encoding="utf-8",
    )
    assert [line.split(": ", 1)[1] for line in marks_in_fstrings(bad)] == [
        "a = f\"{label} ({_('vol')})\"",
        "b = f\"[Route 2020] {gettext('Morgen')}: {x}\"",
    ]


COMMENT_BLOCK = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)


def dutch_outside_translate_tags(path):
    """Lines of a template's own text, outside every translate tag, that hold a Dutch word:
    under /en/ they would stay Dutch."""
    from tests.mail.test_mail_english import DUTCH_WORDS
    from tests.mail.test_mail_language import untranslated_text

    source = COMMENT_BLOCK.sub("", path.read_text(encoding="utf-8"))
    return [
        line
        for line in untranslated_text(source)
        if set(re.findall(r"[a-zà-ÿ']+", line.lower())) & DUTCH_WORDS
    ]


def test_every_template_marks_its_dutch_text_for_translation():
    templates = sorted(ROOT.glob("**/templates/**/*.html")) + sorted(
        ROOT.glob("**/templates/**/*.txt")
    )
    assert len(templates) > 100
    found = {
        str(path.relative_to(ROOT)): lines
        for path in templates
        if (lines := dutch_outside_translate_tags(path))
    }
    assert found == {}


def test_the_template_check_finds_unmarked_dutch(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(
        "{% load i18n %}{% comment %}Zegt ‘Aanmelden’ niet.{% endcomment %}"
        "<h2>{% translate 'Alle bijeenkomsten' %}</h2><p>Bekijk de agenda</p>",
        encoding="utf-8",
    )
    assert dutch_outside_translate_tags(template) == ["Bekijk de agenda"]
