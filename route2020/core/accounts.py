"""allauth, with every account mail in its recipient's language."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """A reset link asked for on the Dutch site by someone who reads English arrives in
        English: the person's own language (their profile) decides, not the page's."""
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).only("language").first()
        language = getattr(user, "language", "") or translation.get_language()
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
