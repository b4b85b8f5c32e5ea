from route2020.questions import privacy, services
from route2020.questions.models import Answer, Flag, QuestionPage


def test_export_and_forget(member, other_member, ask):
    question = ask(member, title="We willen een taalcafé starten, wie weet raad?")
    answer = services.answer_create(question=question, user=other_member, text="Wij weten raad.")
    services.flag_create(question=question, answer=answer, user=member, reason="Klopt niet")
    asked = privacy.export(member)["vragen"]
    assert asked["gesteld"][0]["vraag"] == question.title
    assert asked["meldingen"][0]["reden"] == "Klopt niet"
    assert privacy.export(other_member)["vragen"]["antwoorden"][0]["antwoord"] == "Wij weten raad."
    privacy.forget(member)
    privacy.forget(other_member)
    question = QuestionPage.objects.get(pk=question.pk)
    assert question.asker is None and question.organisation_id == member.organisation_id
    assert Answer.objects.get().author is None
    member.delete()
    assert not Flag.objects.exists()
