"""Simultaneous submits on PostgreSQL: the partial unique constraints keep one submission."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from route2020.core.tests.factories import PASSWORD
from route2020.surveys import services
from route2020.surveys.models import Answer, Audience, Participation, Submission

from .conftest import form_data

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def run_at_once(count, work):
    """Start `count` threads, each with its own database connection, at the same moment."""
    barrier = threading.Barrier(count)
    outcomes, errors = [], []

    def target(index):
        try:
            barrier.wait()
            outcomes.append(work(index))
        except Exception as error:  # noqa: BLE001 - every outcome is asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_submit_gives_one_submission(make_survey, member):
    survey = make_survey(required=False)
    outcomes, errors = run_at_once(
        6, lambda index: services.submit(survey=survey, user=member, answers={})
    )
    assert len(outcomes) == 1 and len(errors) == 5
    assert all(isinstance(error, services.AlreadySubmitted) for error in errors)
    assert Submission.objects.count() == 1 and Participation.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_colleagues_submitting_at_once_give_one_submission_per_organisation(
    make_survey, make_user, make_organisation
):
    survey = make_survey(audience=Audience.ORGANISATIONS)
    library = make_organisation(name="Bibliotheek Drachten")
    colleagues = [make_user(organisation=library) for _ in range(5)]
    data = form_data(survey)

    def post(index):
        client = Client()
        client.login(username=colleagues[index].username, password=PASSWORD)
        response = client.post(survey.url, data)
        return response.status_code, client.get(response["Location"]).content.decode()

    outcomes, errors = run_at_once(len(colleagues), post)
    assert errors == []
    # every answer is a redirect to the survey page, never a 500; one got "Bedankt", the
    # others a clear message that their organisation already answered
    assert [status for status, _html in outcomes] == [302] * 5
    pages = [html for _status, html in outcomes]
    assert sum("Bedankt! Je antwoorden zijn verstuurd." in html for html in pages) == 1
    assert sum("Je organisatie heeft deze enquête al ingevuld." in html for html in pages) == 4
    assert Submission.objects.count() == 1
    assert Answer.objects.count() == 9  # one submission's answers, nothing half-saved
