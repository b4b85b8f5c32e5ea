import pytest

from route2020.core import roles
from route2020.core.pages import child
from route2020.practices.tests.conftest import make_practice, practice_index, themes  # noqa: F401
from route2020.questions import services
from route2020.questions.models import QuestionIndexPage


@pytest.fixture
def question_index(home):
    return child(home, QuestionIndexPage, "vragen", title="Vragen")


@pytest.fixture
def member(make_user):
    return make_user()


@pytest.fixture
def other_member(make_user):
    return make_user()


@pytest.fixture
def guide(make_user):
    return make_user(role=roles.GUIDE, provinces=["PV23"])


@pytest.fixture
def ask(question_index, themes):  # noqa: F811
    counter = iter(range(1, 100_000))

    def make(user, title=None, body="We zoeken ervaring en partners.", theme_list=None):
        number = next(counter)
        return services.question_ask(
            user=user,
            title=title or f"We willen een taalcafé starten ({number}): wie heeft dat gedaan?",
            body=body,
            themes=theme_list if theme_list is not None else [themes[0]],
        )

    return make
