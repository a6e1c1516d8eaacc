from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string

from .models import AgendaItem, Attendance


@task()
def send_meeting_invitation(*, attendance_id: int) -> bool:
    """Mail one invitation with the agenda the recipient may see and the meeting as .ics attachment.

    Nothing non-public leaves by e-mail: a recipient whose account may not see the meeting gets no mail,
    and a person without an account is mailed only about a public meeting, with its public agenda items.
    """
    from .calendar import calendar_for

    attendance = (
        Attendance.objects.select_related("meeting__committee", "person__user").filter(pk=attendance_id).first()
    )
    if attendance is None or not attendance.person.email:
        return False
    meeting = attendance.meeting
    reader = attendance.person.user if attendance.person.user and attendance.person.user.is_active else None
    if not meeting.is_visible_to(reader or AnonymousUser()):
        return False
    items = AgendaItem.objects.filter(meeting=meeting).visible_to(reader or AnonymousUser())
    context = {
        "meeting": meeting,
        "person": attendance.person,
        "items": items.order_by("sort_key"),
        "link": settings.FORUM_BASE_URL + meeting.get_absolute_url(),
        "forum_title": settings.FORUM_TITLE,
    }
    message = EmailMessage(
        subject=render_to_string("meetings/emails/invitation-subject.txt", context).strip(),
        body=render_to_string("meetings/emails/invitation-body.txt", context),
        to=[attendance.person.email],
    )
    message.attach(f"treffen-{meeting.pk}.ics", calendar_for([meeting], name=str(meeting)), "text/calendar")
    message.send()
    return True
