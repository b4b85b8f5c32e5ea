"""Who may answer a survey, and who sees what of its results."""

from route2020.core import roles


def acting_organisation(user):
    """The organisation a person answers for. The one place that reads it: when membership
    of an organisation must be confirmed, only this function changes."""
    if user is None or not user.is_authenticated:
        return None
    return user.organisation


def is_member(user):
    """A signed-in member of a library or partner (role Lid, with an organisation)."""
    return (
        user is not None
        and user.is_authenticated
        and roles.MEMBER in user.role_names
        and acting_organisation(user) is not None
    )


def may_answer(user, survey):
    """Members' surveys need a member; "iedereen" takes anyone, signed in or not."""
    if survey.for_members:
        return is_member(user)
    return True


def is_office(user):
    """The programme office: every result, the open answers and the CSV, also unpublished."""
    return user is not None and user.is_authenticated and user.has_perm("surveys.view_submission")


def may_see_results(user, survey):
    return survey.results_are_public() or is_office(user)
