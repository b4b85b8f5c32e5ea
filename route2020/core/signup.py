"""allauth's sign-up form as this site uses it (ACCOUNT_FORMS["signup"]).

A module of its own: allauth builds its form on core.forms.SignupForm while importing, so
it cannot live in core/forms.py.
"""

from allauth.account.forms import SignupForm
from django.contrib.auth.hashers import make_password


class AccountSignupForm(SignupForm):
    """Answers an address that already has an account exactly as a new one: the same page,
    a mail to the address (allauth's "account already exists" mail), and the same work, one
    password hash, so that the time it takes does not tell either (issue 11, finding 9)."""

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
