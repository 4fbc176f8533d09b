from django import template

from assure.transfer.plan_import import Preview

register = template.Library()


@register.filter
def count_of(preview: Preview, what: str) -> int:
    """{{ preview|count_of:"create action" }}: how many actions the import creates."""
    verb, kind = what.split()
    return preview.count(verb, kind)
