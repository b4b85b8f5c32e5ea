from route2020.core import roles


def can_view_statistics(user):
    """The dashboard is for the office (Redactie) only."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or roles.EDITOR in user.role_names)
    )
