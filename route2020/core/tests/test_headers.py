"""Headers and links that keep visitors on this site (issue 11, findings 10 and 13, point 3)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "dutch"),
    [
        ("/en//evil.example/", "/evil.example/"),
        ("/en/\\\\evil.example/", "/%5C%5Cevil.example/"),
        ("/en/nieuws/", "/nieuws/"),
        ("/en/", "/"),
    ],
)
def test_the_language_switch_never_links_off_site(home, client, path, dutch):
    html = client.get(path).content.decode()
    assert 'href="//' not in html
    assert f'lang="nl" hreflang="nl" href="{dutch}"' in html


# --- Content-Security-Policy (finding 13, point 3) ---------------------------------------------


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_the_public_site_allows_no_inline_script_no_eval_no_other_host(home, client):
    for response in (client.get("/"), client.get("/"), client.get("/bestaat-niet/")):
        policy = directives(response)
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "unsafe" not in response["Content-Security-Policy"]


def test_the_cms_gets_its_own_looser_policy(home, client, make_user):
    client.force_login(make_user(role="Redactie", is_superuser=True))
    policy = directives(client.get("/beheer/"))
    assert "'unsafe-inline'" in policy["style-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_uploads_from_another_host_are_allowed_as_images(home, client, settings):
    settings.MEDIA_URL = "https://bestanden.example.nl/media/"
    policy = directives(client.get("/"))
    assert "https://bestanden.example.nl" in policy["img-src"]
    assert policy["script-src"] == ["'self'"]


def test_no_template_has_inline_script_or_event_handlers():
    """The public policy forbids them; a template that brings one back fails here."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for template in root.glob("**/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?![^>]*\bsrc=)([^>]*)>", text):
            if "application/json" not in match.group(1):
                offenders.append(f"{template}: inline <script>")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{template}: on…= handler")
        public = "/admin/" not in str(template) and "/mail/" not in str(template)
        if public and re.search(r"\sstyle\s*=", text):
            offenders.append(f"{template}: style attribute")
    assert offenders == []


# --- deploy settings, security.txt ----------------------------------------------------------------


def test_production_settings_pass_check_deploy(tmp_path):
    import os
    import secrets
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "route2020.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "route2020.example.nl",
        "SITE_URL": "https://route2020.example.nl",
        "SECURITY_CONTACT": "mailto:security@route2020.example.nl",
        "DATABASE_URL": "",
        "ROUTE2020_VAR_DIR": str(tmp_path),
    }
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    # Without a contact for security.txt, production is not ready.
    del env["SECURITY_CONTACT"]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert "route2020.W002" in result.stderr


def test_production_cookies_are_secure_and_hsts_is_on():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT, s.MFA_REQUIRED_FOR_STAFF)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "route2020.settings.production",
        "SECRET_KEY": "k" * 20 + "e" * 20 + "y" * 20,
        "DATABASE_URL": "",
    }
    env.pop("MFA_REQUIRED_FOR_STAFF", None)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["True"] * 6, result.stderr


def test_security_txt_follows_rfc_9116(home, client, settings):
    settings.SECURITY_CONTACT = "mailto:security@route2020.example.nl"
    settings.SITE_URL = "https://route2020.example.nl"
    response = client.get("/.well-known/security.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@route2020.example.nl"
    assert fields["Preferred-Languages"] == "nl, en"
    assert fields["Canonical"] == "https://route2020.example.nl/.well-known/security.txt"
    import datetime

    expires = datetime.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    now = datetime.datetime.now(datetime.UTC)
    assert now < expires < now + datetime.timedelta(days=366)
