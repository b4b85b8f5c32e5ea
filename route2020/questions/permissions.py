"""Who may do what with a question. Every view asks here, explicitly, before it acts; the
services ask again. The organisation always comes from the confirmed membership
(core/permissions.py), never from a form."""

from route2020.core.permissions import (
    acts_for,
    confirmed_organisation_id,
    is_confirmed_member,
    is_editor,
    is_guide,
)


def may_ask(user):
    return is_confirmed_member(user)


def may_answer(user, question):
    """Any confirmed member, except for the asking organisation itself (it adds to its
    question by editing it, not by answering it)."""
    return (
        is_confirmed_member(user)
        and not question.is_solved
        and question.live
        and not acts_for(user, question.organisation_id)
    )


def may_manage(user, question):
    """Mark answers helpful, mark solved: the asking organisation (the asker or a colleague
    confirmed for the same organisation)."""
    return acts_for(user, question.organisation_id)


def may_hide(user, question):
    """The office, or a regiogids of the province of the asking organisation."""
    if is_editor(user):
        return True
    if not is_guide(user) or question.organisation_id is None:
        return False
    province_id = question.organisation.province_id
    return province_id is not None and user.provinces.filter(pk=province_id).exists()


def may_flag(user):
    return user is not None and user.is_authenticated and user.is_active


def acting_organisation_id(user):
    return confirmed_organisation_id(user)
