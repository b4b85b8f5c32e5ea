import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import override_settings

from route2020.core.tests.factories import PASSWORD
from route2020.questions import services
from route2020.questions.models import Answer, Flag, QuestionPage, Suggestion


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_a_member_asks_for_their_organisation_and_sees_who_has_experience(
    client, member, question_index, themes, make_practice, make_organisation
):
    experienced = make_organisation(name="Bibliotheek Zwolle")
    practice = make_practice(
        organisation=experienced,
        title="Taalcafé voor nieuwkomers",
        summary="Vrijwilligers praten elke week met nieuwkomers in het taalcafé.",
        theme=themes[1],
    )
    make_practice(title="Makerspace", summary="Een werkplaats met 3D-printers.")
    call_command("update_index", verbosity=0)
    login(client, member)
    forged = make_organisation()
    response = client.post(
        "/vragen/nieuw/",
        {
            "title": "We willen een taalcafé starten: wie heeft dat gedaan?",
            "body": "Hoe vind je vrijwilligers voor een taalcafé?",
            "themes": [themes[1].pk],
            "organisation": forged.pk,  # ignored: the confirmed organisation counts
        },
    )
    question = QuestionPage.objects.get()
    assert response.status_code == 302 and response["Location"] == question.url
    assert question.live and question.organisation_id == member.organisation_id
    assert question.asker == member
    suggested = list(Suggestion.objects.filter(question=question, practice__isnull=False))
    assert suggested[0].practice_id == practice.pk and suggested[0].text_match
    assert Suggestion.objects.filter(question=question, organisation=experienced).exists()
    html = client.get(question.url).content.decode()
    assert "Taalcafé voor nieuwkomers" in html and "Bibliotheek Zwolle" in html


def test_a_visitor_and_a_person_without_confirmed_organisation_cannot_ask(
    client, question_index, make_user
):
    data = {"title": "We willen een makerspace starten, wie?", "body": "Graag ervaring."}
    response = client.post("/vragen/nieuw/", data)
    assert response.status_code == 302 and "/account/login" in response["Location"]
    login(client, make_user(role=None, organisation=None))
    assert client.post("/vragen/nieuw/", data).status_code == 403
    assert not QuestionPage.objects.exists()


def test_bad_input_is_shown_again_in_dutch(client, member, question_index, themes):
    login(client, member)
    response = client.post(
        "/vragen/nieuw/",
        {"title": "Kort", "body": "Iets", "themes": [t.pk for t in themes] + [999]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kort" in html and "Iets" in html and not QuestionPage.objects.exists()


def test_members_answer_and_the_asking_organisation_marks_helpful_and_solves(
    client, member, other_member, ask, make_practice, make_user
):
    question = ask(member)
    practice = make_practice(organisation=other_member.organisation, title="Taalcafé Deventer")
    login(client, other_member)
    response = client.post(f"/vragen/{question.pk}/antwoord/", {"text": "Wij doen het al jaren."})
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.organisation_id == other_member.organisation_id
    # someone of another organisation may not mark helpful or solve
    assert client.post(f"/vragen/antwoord/{answer.pk}/nuttig/").status_code == 403
    assert client.post(f"/vragen/{question.pk}/opgelost/").status_code == 403
    # a colleague of the asking organisation may
    colleague = make_user(organisation=member.organisation)
    login(client, colleague)
    assert client.post(f"/vragen/antwoord/{answer.pk}/nuttig/").status_code == 302
    answer.refresh_from_db()
    assert answer.helpful
    response = client.post(f"/vragen/{question.pk}/opgelost/", {"practices": [practice.pk]})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.is_solved and list(question.led_to.all()) == [practice]
    html = client.get(question.url).content.decode()
    assert "Deze vraag leidde tot" in html and "Taalcafé Deventer" in html


def test_an_answer_on_a_solved_question_is_refused(client, member, other_member, ask):
    question = ask(member)
    services.question_solve(question=question, user=member)
    login(client, other_member)
    response = client.post(f"/vragen/{question.pk}/antwoord/", {"text": "Te laat?"})
    assert response.status_code == 409
    assert "Te laat?" in response.content.decode()  # what was typed is kept
    assert not Answer.objects.exists()
    with pytest.raises(services.Solved):
        services.answer_create(question=question, user=other_member, text="Via de service")


def test_a_visitor_cannot_answer_or_flag(client, member, ask):
    question = ask(member)
    response = client.post(f"/vragen/{question.pk}/antwoord/", {"text": "Anoniem"})
    assert response.status_code == 302 and "/account/login" in response["Location"]
    assert client.post(f"/vragen/{question.pk}/melden/", {"reason": "x"}).status_code == 302
    assert not Answer.objects.exists() and not Flag.objects.exists()


def test_a_guide_of_the_province_hides_an_answer_and_the_author_sees_why(
    client, member, other_member, ask, guide, make_user
):
    question = ask(member)
    answer = services.answer_create(question=question, user=other_member, text="Koop onze app!")
    outsider_guide = make_user(role="Regiogids", provinces=["PV20"], organisation=None)
    login(client, outsider_guide)
    assert (
        client.post(f"/vragen/antwoord/{answer.pk}/verbergen/", {"reason": "x"}).status_code == 403
    )
    login(client, guide)
    response = client.post(f"/vragen/antwoord/{answer.pk}/verbergen/", {"reason": "Reclame"})
    assert response.status_code == 302
    client.logout()
    assert "Koop onze app!" not in client.get(question.url).content.decode()
    login(client, member)
    assert "Koop onze app!" not in client.get(question.url).content.decode()
    login(client, other_member)
    html = client.get(question.url).content.decode()
    assert "Koop onze app!" in html and "Reclame" in html


def test_hiding_needs_a_reason(client, member, other_member, ask, guide):
    question = ask(member)
    answer = services.answer_create(question=question, user=other_member, text="Tekst")
    login(client, guide)
    assert (
        client.post(f"/vragen/antwoord/{answer.pk}/verbergen/", {"reason": ""}).status_code == 400
    )
    answer.refresh_from_db()
    assert not answer.is_hidden


def test_everyone_signed_in_can_flag_once(client, member, other_member, ask, make_user):
    question = ask(member)
    answer = services.answer_create(question=question, user=other_member, text="Tekst")
    someone = make_user(role=None, organisation=None)
    login(client, someone)
    url = f"/vragen/{question.pk}/melden/{answer.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "Onjuist"}).status_code == 302
    assert client.post(url, {"reason": "Nog eens"}).status_code == 302
    assert Flag.objects.filter(answer=answer).count() == 1
    assert client.post(f"/vragen/{question.pk}/melden/", {"reason": "Dubbel"}).status_code == 302
    assert Flag.objects.filter(answer=None).count() == 1


def test_an_answer_of_another_question_cannot_be_flagged_through_this_one(
    client, member, other_member, ask
):
    first, second = ask(member), ask(member)
    answer = services.answer_create(question=first, user=other_member, text="Tekst")
    login(client, other_member)
    assert (
        client.post(f"/vragen/{second.pk}/melden/{answer.pk}/", {"reason": "x"}).status_code == 404
    )
    assert client.post("/vragen/999999/antwoord/", {"text": "x"}).status_code == 404


@override_settings(RATE_LIMITS={"question-answer": "2/h"})
def test_flooding_answers_is_stopped_with_a_dutch_429(client, member, other_member, ask):
    question = ask(member)
    login(client, other_member)
    for number in range(2):
        assert (
            client.post(f"/vragen/{question.pk}/antwoord/", {"text": f"A{number}"}).status_code
            == 302
        )
    response = client.post(f"/vragen/{question.pk}/antwoord/", {"text": "A3"})
    assert response.status_code == 429
    assert "Even geduld: te veel verzoeken" in response.content.decode()
    assert Answer.objects.count() == 2


def test_services_refuse_forged_actors(member, other_member, ask):
    question = ask(member)
    answer = services.answer_create(question=question, user=other_member, text="Tekst")
    with pytest.raises(PermissionDenied):
        services.answer_mark_helpful(answer=answer, user=other_member)
    with pytest.raises(PermissionDenied):
        services.question_solve(question=question, user=other_member)
    with pytest.raises(PermissionDenied):
        services.answer_hide(answer=answer, user=member, reason="Niet mee eens")


@pytest.mark.parametrize("size", [3, 30])
def test_the_listing_runs_a_fixed_number_of_queries(
    client, member, other_member, ask, size, django_assert_max_num_queries
):
    for _number in range(size):
        question = ask(member)
        services.answer_create(question=question, user=other_member, text="Tekst")
    client.get("/vragen/")  # warm the per-process caches (content types, site)
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(16):
        response = client.get("/vragen/")
    assert response.status_code == 200
    assert "1 antwoord" in response.content.decode()


def test_the_listing_filters_on_theme_and_state(client, member, ask, themes):
    open_one = ask(member, title="We willen een repair café starten, wie?", theme_list=[themes[0]])
    solved = ask(member, title="We willen een makerspace beginnen, wie?", theme_list=[themes[1]])
    services.question_solve(question=solved, user=member)
    html = client.get("/vragen/", {"status": "opgelost"}).content.decode()
    assert solved.title in html and open_one.title not in html
    html = client.get("/vragen/", {"thema": themes[0].slug}).content.decode()
    assert open_one.title in html and solved.title not in html
    assert client.get("/vragen/", {"thema": "bestaat-niet", "pagina": "x"}).status_code == 200


def test_questions_are_in_site_search_and_the_sitemap(client, member, ask):
    question = ask(member, title="We willen een voorleesexpress opzetten, wie heeft ervaring?")
    call_command("update_index", verbosity=0)
    assert question.title in client.get("/zoeken/", {"q": "voorleesexpress"}).content.decode()
    assert f"http://testserver{question.url}<" in client.get("/sitemap.xml").content.decode()


def test_a_new_answer_shows_on_a_cached_question_page(
    client, member, other_member, ask, django_capture_on_commit_callbacks
):
    question = ask(member)
    assert "Nog geen antwoorden" in client.get(question.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_create(question=question, user=other_member, text="Nieuw antwoord hier")
    assert "Nieuw antwoord hier" in client.get(question.url).content.decode()


def test_the_asking_organisation_cannot_answer_its_own_question(client, member, ask, make_user):
    question = ask(member)
    colleague = make_user(organisation=member.organisation)
    for person in (member, colleague):
        login(client, person)
        html = client.get(question.url).content.decode()
        assert "Antwoord plaatsen" not in html
        assert "een vraag van je eigen organisatie" in html
        response = client.post(f"/vragen/{question.pk}/antwoord/", {"text": "Zelf gedaan."})
        assert response.status_code == 403
        html = response.content.decode()
        assert "Je kunt geen antwoord geven op een vraag van je eigen organisatie" in html
        assert "Zelf gedaan." in html  # what was typed is kept
    assert not Answer.objects.exists()
    with pytest.raises(services.OwnQuestion):
        services.answer_create(question=question, user=member, text="Via de service")


def test_the_asker_cannot_mark_a_hidden_answer_helpful(client, member, other_member, ask, guide):
    question = ask(member)
    answer = services.answer_create(question=question, user=other_member, text="Koop onze app!")
    services.answer_hide(answer=answer, user=guide, reason="Reclame")
    login(client, member)
    assert "Markeer als nuttig" not in client.get(question.url).content.decode()
    response = client.post(f"/vragen/antwoord/{answer.pk}/nuttig/")
    assert response.status_code == 409
    assert "Dit antwoord is verborgen; je kunt het niet als nuttig markeren." in (
        response.content.decode()
    )
    answer.refresh_from_db()
    assert not answer.helpful
    with pytest.raises(services.HiddenAnswer):
        services.answer_mark_helpful(answer=answer, user=member)
