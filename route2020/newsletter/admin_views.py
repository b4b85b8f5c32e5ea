"""/beheer/reisflitsen/: issues with their sending progress; send, test and schedule."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from route2020.core.permissions import is_editor

from . import services
from .mail import render_issue_preview
from .models import Delivery, Dispatch, NewsletterIssuePage, Subscriber


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=gettext_lazy("Verzenden op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
        error_messages={"required": gettext_lazy("Kies een datum en tijd.")},
    )

    def clean_send_at(self):
        value = self.cleaned_data["send_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Kies een moment in de toekomst."))
        return value


def progress_by_issue(issue_ids):
    """Sent, failed and total per issue in one query, for any number of issues."""
    result = {pk: {"total": 0, "sent": 0, "failed": 0} for pk in issue_ids}
    rows = (
        Delivery.objects.filter(issue_id__in=issue_ids)
        .values_list("issue_id", "status")
        .annotate(n=Count("pk"))
    )
    for issue_id, status, n in rows:
        result[issue_id]["total"] += n
        if status in ("sent", "failed"):
            result[issue_id][status] += n
    return result


def index(request):
    # Issues and delivery counts are the office's business, not a regiogids' (who may open
    # /beheer/ for the review queue): issue 11, finding 12.
    if not is_editor(request.user):
        raise PermissionDenied
    issues = list(
        NewsletterIssuePage.objects.select_related("dispatch").order_by(
            "-first_published_at", "-pk"
        )[:100]
    )
    progress = progress_by_issue([issue.pk for issue in issues])
    rows = [
        {"issue": issue, "dispatch": issue.sending_state, "progress": progress[issue.pk]}
        for issue in issues
    ]
    return TemplateResponse(
        request,
        "newsletter/admin/index.html",
        {"header_title": _("Reisflitsen"), "page_title": _("Reisflitsen"), "rows": rows},
    )


def dispatch(request, page_id):
    issue = get_object_or_404(NewsletterIssuePage.objects.select_related("dispatch"), pk=page_id)
    # The office sends; the issue itself went live through the workflow's approval step.
    if not is_editor(request.user):
        raise PermissionDenied
    schedule_form = ScheduleForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "test":
                services.send_test_mail(issue=issue, user=request.user)
                messages.success(
                    request, _("De testmail gaat naar %(email)s.") % {"email": request.user.email}
                )
            elif action == "send":
                if request.POST.get("confirm") == "1":
                    services.start_sending(issue=issue, user=request.user)
                    messages.success(request, _("De Reisflits wordt verzonden."))
                else:
                    messages.error(request, _("Vink eerst aan dat je de Reisflits wilt verzenden."))
            elif action == "schedule":
                schedule_form = ScheduleForm(request.POST)
                if schedule_form.is_valid():
                    services.schedule_sending(
                        issue=issue,
                        send_at=schedule_form.cleaned_data["send_at"],
                        user=request.user,
                    )
                    messages.success(request, _("De Reisflits is ingepland."))
                else:
                    action = None
            elif action == "cancel":
                services.cancel_schedule(issue=issue)
                messages.success(request, _("De planning is geannuleerd."))
            elif action == "resume":
                report = services.recover()
                requeued = report["requeued"] + report["in_flight"]
                messages.success(
                    request,
                    ngettext(
                        "Hervat: %(n)s bericht opnieuw in de wachtrij.",
                        "Hervat: %(n)s berichten opnieuw in de wachtrij.",
                        requeued,
                    )
                    % {"n": requeued},
                )
        except services.NotPublished:
            messages.error(request, _("Publiceer de Reisflits eerst; daarna kun je hem verzenden."))
            action = None
        if action:
            return redirect("newsletter_admin:dispatch", issue.pk)
        issue = NewsletterIssuePage.objects.select_related("dispatch").get(pk=issue.pk)
    state = issue.sending_state
    stale = bool(
        state
        and state.status == Dispatch.Status.SENDING
        and state.heartbeat_at
        and state.heartbeat_at < timezone.now() - timedelta(seconds=services.lease_seconds())
    )
    return TemplateResponse(
        request,
        "newsletter/admin/dispatch.html",
        {
            "header_title": issue.title,
            "page_title": _("Verzenden: %(title)s") % {"title": issue.title},
            "issue": issue,
            "state": state,
            "progress": state.progress() if state else None,
            "failures": issue.deliveries.filter(status=Delivery.Status.FAILED)
            .select_related("subscriber")
            .order_by("pk")[:50],
            "schedule_form": schedule_form,
            "stale": stale,
            "sending": bool(state and state.status == Dispatch.Status.SENDING),
            "confirmed_count": Subscriber.objects.filter(
                status=Subscriber.Status.CONFIRMED
            ).count(),
        },
    )


def mail_preview(request, page_id):
    """The latest draft as the mail subscribers would get it."""
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not issue.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return render_issue_preview(issue.get_latest_revision_as_object(), request)
