from route2020.events.tests.conftest import event_index, make_event  # noqa: F401
from route2020.practices.tests.conftest import make_practice, practice_index, themes  # noqa: F401
from route2020.questions.tests.conftest import ask, member, other_member, question_index  # noqa: F401
