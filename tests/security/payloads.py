"""The attack corpus: XSS and injection payloads sent through every text field of every form
(tests/security/test_attack_corpus.py). Each runs code only if some page shows it unescaped:
the browser test watches for a dialog, a console error from injected code, or a navigation.
"""

LONG = "lang" * 5000  # 20,000 characters, past every max_length

PAYLOADS = [
    # script tags
    "<script>alert(1)</script>",
    "<SCRIPT SRC=/x.js></SCRIPT>",
    "<scr<script>ipt>alert(2)</scr</script>ipt>",
    "</textarea><script>alert(3)</script>",
    "</title><script>alert(4)</script>",
    # event handlers
    "<img src=x onerror=alert(5)>",
    "<body onload=alert(6)>",
    "<details open ontoggle=alert(7)>",
    "<input autofocus onfocus=alert(8)>",
    # javascript: URLs
    "javascript:alert(9)",
    '<a href="javascript:alert(10)">klik</a>',
    '<iframe src="javascript:alert(11)"></iframe>',
    "JaVaScRiPt:alert(12)",
    # attribute breakouts
    '" onmouseover="alert(13)',
    "' autofocus onfocus='alert(14)",
    '"><script>alert(15)</script>',
    "'><img src=x onerror=alert(16)>",
    # SVG and other markup
    "<svg onload=alert(17)>",
    "<svg><script>alert(18)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(19)>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><button>Verstuur</button></form>',
    # template syntax (Django, Jinja, Angular-style)
    "{{ request.user.password }}",
    "{% debug %}",
    "{{7*7}}${7*7}#{7*7}",
    "{% load log %}{% get_admin_log 10 as log %}",
    # very long values, NUL bytes, control and direction characters
    LONG,
    "Anna\x00<script>alert(20)</script>",
    "\u202egnp.exe\u202c Bibliotheek",
    "Zero\u200bwidth\ufeffjoiner\u2066isolate",
    "regel1\r\nBcc: slachtoffer@example.org",
    # SQL-ish and CSV
    "' OR '1'='1' --",
    "Robert'); DROP TABLE core_user;--",
    "1; SELECT pg_sleep(5)",
    '=HYPERLINK("https://evil.example/","klik")',
    # encoded forms
    "&lt;script&gt;alert(21)&lt;/script&gt;",
    "%3Cscript%3Ealert(22)%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert(23)\\u003c/script\\u003e",
    "😀 Bibliotheek Ĳsselstein — “quotes” ‘en’ ß",
]
