"""What the questions app tells others (the notifications app listens); it imports none of them.

- `question_posted(question, organisation_ids)`: after the commit of a new question, with the
  organisations the platform found experience at (best first).
- `answer_posted(answer)`: after the commit of a new answer.
"""

from django.dispatch import Signal

question_posted = Signal()
answer_posted = Signal()
