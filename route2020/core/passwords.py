"""Django's password validators with the site's own Dutch texts.

Django's Dutch catalogue has no translation for the "too short" message of Django 5.2 (its
msgid changed), so the sign-up page showed it in English; its other Dutch texts say "u",
where this site says "je" (docs/frontend.md). Same rules, our words (source strings are Dutch,
the English catalogue translates them).
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.",
            self.min_length,
        )

    def get_help_text(self):
        return ngettext(
            "Je wachtwoord moet minstens %(min_length)d teken lang zijn.",
            "Je wachtwoord moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("Dit wachtwoord lijkt te veel op je %(verbose_name)s.")

    def get_help_text(self):
        return _("Je wachtwoord mag niet te veel op je naam of e-mailadres lijken.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord wordt te vaak gebruikt: kies een ander.")

    def get_help_text(self):
        return _("Je wachtwoord mag geen veelgebruikt wachtwoord zijn.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord bestaat alleen uit cijfers.")

    def get_help_text(self):
        return _("Je wachtwoord mag niet alleen uit cijfers bestaan.")
