import re
import time

import pytest
from django.core import signing

from route2020.newsletter.forms import TIP_SALT

pytestmark = pytest.mark.django_db


def started(seconds_ago=10):
    return signing.dumps(int(time.time()) - seconds_ago, salt=TIP_SALT)


def tip(client, capture, page, **data):
    fields = {
        "recipient": "vriend@example.org",
        "sender_name": "Anna",
        "note": "Kijk eens, dit past bij ons leesproject.",
        "website": "",
        "started": started(),
    }
    ip = data.pop("ip", "10.0.0.1")
    fields.update(data)
    with capture(execute=True):
        return client.post(f"/tip/?pagina={page.pk}", fields, REMOTE_ADDR=ip)


def test_form_shows_the_page(client, news_items):
    response = client.get(f"/tip/?pagina={news_items[0].pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nieuwsbericht 1" in html and 'name="recipient"' in html
    assert 'class="r2020-honeypot"' in html


@pytest.mark.parametrize("value", ["", "abc", "999999", "1"])
def test_unknown_pages_are_not_found(client, home, value):
    assert client.get(f"/tip/?pagina={value}").status_code == 404


def test_tip_mail_is_fixed_text_with_one_link(
    client, news_items, mailoutbox, django_capture_on_commit_callbacks
):
    page = news_items[0]
    response = tip(client, django_capture_on_commit_callbacks, page)
    assert response.status_code == 200
    assert "je tip is onderweg" in response.content.decode()
    [message] = mailoutbox
    assert message.to == ["vriend@example.org"]
    assert "Anna" in message.subject and "Nieuwsbericht 1" in message.subject
    assert "Kijk eens, dit past bij ons leesproject." in message.body
    assert re.findall(r"https?://\S+", message.body) == [page.full_url]
    assert message.alternatives == []  # plain text only: no HTML to smuggle links into


@pytest.mark.parametrize(
    "field, value, error",
    [
        ("note", "Zie https://spam.example/koop", "geen links"),
        ("note", "Ga naar www.spam.example", "geen links"),
        ("note", "Mail naar koop@spam.example", "geen links"),
        ("note", "x" * 301, "hoogstens 300 tekens"),
        ("sender_name", "spam.example", "geen webadres"),
        ("sender_name", "", "Vul je naam in."),
        ("recipient", "geen-adres", "Vul een geldig e-mailadres in"),
    ],
)
def test_bad_input_gives_dutch_error_and_no_mail(
    client, news_items, mailoutbox, django_capture_on_commit_callbacks, field, value, error
):
    response = tip(client, django_capture_on_commit_callbacks, news_items[0], **{field: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    if field != "note" or len(value) < 100:
        assert value.replace("@", "&#x40;") in html or value in html or value == ""
    assert mailoutbox == []


def test_too_fast_or_forged_timestamp(
    client, news_items, mailoutbox, django_capture_on_commit_callbacks
):
    fast = tip(client, django_capture_on_commit_callbacks, news_items[0], started=started(0))
    assert "Dat ging erg snel" in fast.content.decode()
    assert 'value="Anna"' in fast.content.decode()
    forged = tip(client, django_capture_on_commit_callbacks, news_items[0], started="123:abc")
    assert "te lang open" in forged.content.decode()
    assert mailoutbox == []


def test_honeypot_gets_the_same_answer_and_no_mail(
    client, news_items, mailoutbox, django_capture_on_commit_callbacks
):
    response = tip(
        client, django_capture_on_commit_callbacks, news_items[0], website="http://spam.example"
    )
    assert "je tip is onderweg" in response.content.decode()
    assert mailoutbox == []


def test_rate_limited_per_recipient_and_per_client(
    client, news_items, mailoutbox, django_capture_on_commit_callbacks
):
    page = news_items[0]
    for number in range(3):
        assert (
            tip(client, django_capture_on_commit_callbacks, page, ip=f"10.0.1.{number}").status_code
            == 200
        )
    limited = tip(client, django_capture_on_commit_callbacks, page, ip="10.0.1.9")
    assert limited.status_code == 429
    assert "later nog eens" in limited.content.decode()
    assert len(mailoutbox) == 3

    for number in range(10):  # RATE_LIMITS["tip"], 10 an hour
        tip(
            client, django_capture_on_commit_callbacks, page, recipient=f"ander{number}@example.org"
        )
    from_one_ip = tip(
        client, django_capture_on_commit_callbacks, page, recipient="laatste@example.org"
    )
    assert from_one_ip.status_code == 429
    assert len(mailoutbox) == 3 + 10
