"""Every closed vocabulary of the service, in one place."""

from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class EventKind(models.TextChoices):
    STATEMENT = "statement", "Statement"
    MEETING = "meeting", "Meeting"
    RESOLUTION = "resolution", "Resolution"
    SANCTIONS = "sanctions", "Sanctions"
    TEST_OR_LAUNCH = "test_or_launch", "Test or launch"
    CONFLICT = "conflict", "Conflict"
    AGREEMENT = "agreement", "Agreement"
    OTHER = "other", "Other"


class ActorKind(models.TextChoices):
    PERSON = "person", "Person"
    STATE = "state", "State"
    ORGANIZATION = "organization", "Organization"
    UN_BODY = "un_body", "UN body"
    GROUP = "group", "Group"


class ResolutionBody(models.TextChoices):
    SECURITY_COUNCIL = "S", "Security Council"
    GENERAL_ASSEMBLY = "A", "General Assembly"
    HUMAN_RIGHTS_COUNCIL = "A/HRC", "Human Rights Council"
