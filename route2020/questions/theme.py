"""A theme page counts the theme's open questions, linking to /vragen/ filtered on it."""

from django.utils.translation import ngettext_lazy

from route2020.core.pages import public
from route2020.themes.sections import Holding

from .models import QuestionIndexPage, QuestionPage


def theme_holdings():
    return [
        Holding(
            "vragen",
            ngettext_lazy("%(count)s open vraag", "%(count)s open vragen", "count"),
            lambda theme: public(QuestionPage.objects.live()).filter(
                themes=theme, solved_at__isnull=True
            ),
            QuestionIndexPage,
            {"thema": "{slug}", "status": "open"},
            order=40,
        )
    ]
